"""``redline correct ...`` and ``redline corrections``: analysts correct the record.

Each correction is stored as a record of its own (``redline.corrections``) and
applied whenever the store is read; the changes are derived again from the
corrected positions right away (``link.changes.rederive``), and after every
later ingest, reanalysis or relink. Entities are named by id or by name (an
ambiguous name is an error listing the candidates); mentions by
``ARTICLE:START``, as ``redline entity`` shows them; a change by the id of the
position its new stance comes from.
"""
from __future__ import annotations

import getpass
import json
import os

import click

from ..corrections import CorrectionError, export_records, import_records, make, undo
from ..corrections.keys import KINDS, REJECTABLE
from ..link.changes import rederive
from ..link.entities import find_entities
from .base import Ctx, AnyCase, cli, escape, out, pass_ctx, table


def _user() -> str | None:
    try:
        return os.environ.get("USER") or getpass.getuser()
    except Exception:  # no user name to be found (a container): the correction says nobody
        return None


def _common(f):
    f = click.option("--by", default=None, metavar="NAME", help="Who makes it (default: $USER).")(f)
    return click.option("--why", default=None, metavar="TEXT", help="Why: kept with the correction.")(f)


def _apply(c: Ctx, action: str, kind: str, ident, value=None, *, why, by) -> None:
    view = c.store
    record = make(view, action, kind, ident, value, why=why, by=by or _user(),
                  find=lambda name: find_entities(view, name))
    made = view.add_correction(record)
    rederive(view.raw)
    _said(c, made)


def _said(c: Ctx, made: dict) -> None:
    if c.json:
        c.emit_json(made)
    elif not c.quiet:
        out.print(f"correction {made['id']}: {escape(describe(made))}", highlight=False)


def describe(k: dict) -> str:
    v = k.get("value")
    what = f"{k['target_kind']} {k.get('target_id')}"
    if k["action"] == "merge":
        return f"merge {what} into {v.get('into_name')}"
    if k["action"] == "split":
        return f"split {len(v.get('mentions') or [])} mention(s) of {what} off as {v.get('name')!r}"
    if k["action"] == "speaker":
        return f"speaker of {what} is {v.get('name')}"
    if k["action"] == "stance":
        return f"stance of {what} is {v}"
    if k["action"] == "proposition":
        return f"proposition of {what} is {v.get('proposition')!r} ({v.get('proposition_key')})"
    if k["action"] == "note":
        return f"note on {what}: {v.get('text')}"
    if k["action"] == "undo":
        return f"undo correction {k.get('target_id')}"
    return f"{k['action']} {what}"


@cli.group()
def correct():
    """Correct the record: merge, split, speaker, reject, stance, proposition, note, undo.

    A correction is stored as its own record (what, by whom, when, why), never by
    editing what was extracted, and stays applied after re-ingest and reanalysis."""


@correct.command()
@click.argument("into", metavar="A")
@click.argument("other", metavar="B")
@_common
@pass_ctx
def merge(c: Ctx, into, other, why, by):
    """Merge entity B into A (by id or name): B reads as A everywhere."""
    _apply(c, "merge", "entity", other, into, why=why, by=by)


@correct.command()
@click.argument("entity")
@click.option("--mention", "mentions", multiple=True, required=True, metavar="ARTICLE:START",
              help="A mention to move to the new entity (repeat; ids as 'redline entity' shows them).")
@_common
@pass_ctx
def split(c: Ctx, entity, mentions, why, by):
    """Split these mentions off ENTITY into a new entity, with their quotes and positions."""
    _apply(c, "split", "entity", entity, list(mentions), why=why, by=by)


@correct.command()
@click.argument("quote", type=int)
@click.argument("entity")
@_common
@pass_ctx
def speaker(c: Ctx, quote, entity, why, by):
    """Set the speaker of QUOTE (its id, as 'redline quotes --json' shows) to ENTITY."""
    _apply(c, "speaker", "quote", quote, entity, why=why, by=by)


@correct.command()
@click.argument("kind", type=AnyCase(REJECTABLE))
@click.argument("ident", metavar="ID")
@_common
@pass_ctx
def reject(c: Ctx, kind, ident, why, by):
    """Reject a quote, event, position or change (a change: its new stance's position id)."""
    _apply(c, "reject", kind.lower(), ident, why=why, by=by)


@correct.command()
@click.argument("position", type=int)
@click.argument("stance", type=AnyCase(("for", "against")))
@_common
@pass_ctx
def stance(c: Ctx, position, stance, why, by):
    """Set the stance of POSITION: for or against."""
    _apply(c, "stance", "position", position, stance.lower(), why=why, by=by)


@correct.command()
@click.argument("position", type=int)
@click.argument("text")
@click.option("--key", default=None, metavar="KEY", help="The proposition key (default: the key TEXT names "
              "or labels, else the position's own).")
@_common
@pass_ctx
def proposition(c: Ctx, position, text, key, why, by):
    """Set the proposition of POSITION: a key, the label of one, or new wording."""
    _apply(c, "proposition", "position", position, {"proposition": text, "proposition_key": key}, why=why, by=by)


@correct.command()
@click.argument("kind", type=AnyCase(KINDS))
@click.argument("ident", metavar="ID")
@click.argument("text")
@_common
@pass_ctx
def note(c: Ctx, kind, ident, text, why, by):
    """Add a note to any record (entity, mention, quote, event, position, change, article, story)."""
    _apply(c, "note", kind.lower(), ident, text, why=why, by=by)


@correct.command("undo")
@click.argument("correction_id", metavar="ID")
@_common
@pass_ctx
def undo_cmd(c: Ctx, correction_id, why, by):
    """Undo correction ID (the undo is kept as a correction too)."""
    store = c.open_store()
    made = undo(store, correction_id, by=by or _user(), why=why)
    rederive(store)
    _said(c, made)


@cli.command()
@click.option("--all", "everything", is_flag=True, help="Also the undone corrections and the undos.")
@click.option("--export", "export_to", type=click.Path(dir_okay=False, allow_dash=True), metavar="FILE",
              help="Write every correction, with its history, as JSONL (- for stdout).")
@click.option("--import", "import_from", type=click.Path(dir_okay=False, allow_dash=True), metavar="FILE",
              help="Add the corrections of a JSONL export (those already here are skipped).")
@pass_ctx
def corrections(c: Ctx, everything, export_to, import_from):
    """List the analysts' corrections, or share them (--export, --import)."""
    if import_from:
        store = c.open_store(create=True)
        with click.open_file(import_from, encoding="utf-8") as fh:
            records = []
            for n, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        records.append(json.loads(line))
                    except ValueError:
                        raise CorrectionError(f"{import_from}:{n}: not a JSON line") from None
        result = import_records(store, records)
        rederive(store)
        for line in result["waiting"]:
            out.print(escape(line), highlight=False)
        if not c.quiet:
            out.print(f"imported {len(result['added'])} correction(s); {len(result['skipped'])} already here",
                      highlight=False)
        return
    store = c.open_store()
    if export_to:
        rows = export_records(store)
        with click.open_file(export_to, "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        if export_to != "-" and not c.quiet:
            out.print(f"wrote {len(rows)} correction(s) to {escape(export_to)}", highlight=False)
        return
    rows = store.list_corrections(include_undone=everything)
    if c.json:
        c.emit_json(rows)
        return
    if not rows:
        out.print("no corrections", style="dim")
        return
    t = table("id", "at", "by", "correction", "why", "undone by")
    for k in rows:
        t.add_row(str(k["id"]), k["at"], escape(k.get("by") or ""), escape(describe(k)), escape(k.get("why") or ""),
                  str(k["undone_by"] or ""))
    out.print(t)
