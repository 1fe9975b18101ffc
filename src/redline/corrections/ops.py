"""Making corrections from what an analyst types (the CLI) or posts (the API), and sharing them.

``make`` checks a correction and finds its target's fingerprint (``keys``):
entities are named by id or by name (an ambiguous name is an error listing
the candidates), mentions by ``ARTICLE:START`` (as ``redline entity`` shows
them), a change by the id of its new stance's position, every other record by
its id. ``export_records`` and ``import_records`` carry corrections between
stores as JSONL records of kind "correction"; an imported correction whose
target this store does not hold yet is kept (its article may arrive later).
"""
from __future__ import annotations

import re
from typing import Any, Callable, Iterable

from ..errors import NotFound, RedlineError
from ..store.corrections import ACTIONS, correction_key
from . import keys as K
from .apply import Corrected, corrected
from .plan import split_key

EDITS: dict[str, tuple[str, ...]] = {
    "merge": ("entity",), "split": ("entity",), "speaker": ("quote",), "reject": K.REJECTABLE,
    "stance": ("position",), "proposition": ("position",), "note": K.KINDS,
}
FIELDS = ("id", "action", "target_kind", "target_id", "value", "why", "by", "at", "target_key", "undone_by")


class CorrectionError(RedlineError):
    """A correction that cannot be made as asked: one line, exit status 2 (a 400 from the API)."""

    stage = "correct"
    exit_code = 2


class TargetMissing(CorrectionError):
    """The record a correction names does not exist (a 404 from the API)."""


Find = Callable[[str], list[dict[str, Any]]]


def resolve_entity(store: Corrected, ref: Any, find: Find | None = None) -> dict[str, Any]:
    """An entity named by id (a split entity's id is negative) or by name, as corrected."""
    ref = str(ref).strip()
    if re.fullmatch(r"-?\d+", ref):
        e = store.get_entity(int(ref))
        if e is None:
            raise TargetMissing(f"no entity with id {ref}")
        return e
    found = (find or store.find_entities)(ref) if ref else []
    if not found:
        raise TargetMissing(f"no entity named {ref!r}")
    if len(found) > 1:
        exact = [e for e in found if e["name"].lower() == ref.lower()] or \
            [e for e in found if ref.lower() in (a.lower() for a in e.get("aliases") or [])]
        if len(exact) != 1:
            names = "; ".join(f"{e['id']} {e['name']} ({e['type']})" for e in found[:10])
            raise CorrectionError(f"{ref!r} names {len(found)} entities: {names}; name one by its id")
        found = exact
    return found[0]


def _row(rows: list[dict[str, Any]], kind: str, ident: Any) -> dict[str, Any]:
    try:
        n = int(ident)
    except (TypeError, ValueError):
        raise CorrectionError(f"a {kind} is named by its id, not {ident!r}") from None
    row = next((r for r in rows if r.get("id") == n), None)
    if row is None:
        raise TargetMissing(f"no {kind} with id {n}")
    return row


def target(store: Corrected, kind: str, ident: Any, find: Find | None = None) -> tuple[str, dict[str, Any]]:
    """The fingerprint of the record ``kind`` ``ident`` names, and the record as stored."""
    raw = store.raw
    if kind == "entity":
        e = resolve_entity(store, ident, find)
        return K.entity_key(e["key"]), e
    if kind == "mention":
        m = re.fullmatch(r"\s*(\d+):(\d+)\s*", str(ident))
        if not m:
            raise CorrectionError(f"a mention is named ARTICLE:START (as 'redline entity' shows it), not {ident!r}")
        aid, start = int(m[1]), int(m[2])
        row = next((x for x in raw.list_mentions(article_id=aid) if x["start"] == start), None)
        if row is None:
            raise TargetMissing(f"no mention at {aid}:{start}")
        return K.span_key(store.hashes([aid]).get(aid), row["start"], row["end"]), row
    if kind == "quote":
        q = _row(raw.list_quotes(limit=None), "quote", ident)
        return K.span_key(store.hashes([q["article_id"]]).get(q["article_id"]), q["start"], q["end"]), q
    if kind == "position":
        p = _row(raw.list_positions(limit=None), "position", ident)
        return store.position_key(p), p
    if kind == "event":
        e = _row(raw.list_events(limit=None), "event", ident)
        fps = K.event_keys(e, store.hashes(x["article_id"] for x in e["evidence"]))
        if not fps:
            raise CorrectionError(f"event {ident} has no evidence to name it by")
        return fps[0], e
    if kind == "change":
        if not str(ident).strip().isdigit():
            raise CorrectionError(f"a change is named by its new stance's position id, not {ident!r}")
        n = int(ident)
        changes = Corrected(raw, keep_rejected=True).list_changes()
        c = next((c for c in changes if c["to"].get("position_id") == n), None)
        if c is None:
            raise TargetMissing(f"no change to the position with id {ident} (a change is named by its new "
                                "stance's position id)")
        p = _row(raw.list_positions(limit=None), "position", n)
        return K.change_key(c["proposition_key"], store.position_key(p)), c
    if kind == "article":
        a = raw.get_article(int(ident)) if str(ident).strip().isdigit() else None
        if a is None:
            raise TargetMissing(f"no article with id {ident}")
        return K.article_key(a["content_hash"]), a
    if kind == "story":
        s = raw.get_story(int(ident)) if str(ident).strip().isdigit() else None
        if s is None:
            raise TargetMissing(f"no story with id {ident}")
        return K.story_key(s["id"]), s
    raise CorrectionError(f"unknown kind {kind!r}; one of {', '.join(K.KINDS)}")


def make(store: Any, action: str, kind: str, ident: Any, value: Any = None, *, why: str | None = None,
         by: str | None = None, find: Find | None = None) -> dict[str, Any]:
    """A correction record ready for ``Store.add_correction``; CorrectionError when it cannot be made."""
    store = corrected(store, keep_rejected=True)
    if action not in EDITS:
        raise CorrectionError(f"unknown action {action!r}; one of {', '.join(EDITS)} (or undo)")
    if kind not in EDITS[action]:
        raise CorrectionError(f"{action} applies to {' or '.join(EDITS[action])}, not to {kind!r}")
    fp, row = target(store, kind, ident, find)
    if action == "merge":
        into = resolve_entity(store, value, find)
        if into["id"] == row["id"]:
            raise CorrectionError(f"{row['name']} and {into['name']} are already one entity ({into['id']})")
        value = {"into": into["key"], "into_name": into["name"]}
    elif action == "split":
        value = _split(store, row, value)
    elif action == "speaker":
        who = resolve_entity(store, value, find)
        value = {"entity": who["key"], "name": who["name"]}
    elif action == "reject":
        value = None
    elif action == "stance":
        if value not in ("for", "against"):
            raise CorrectionError(f"a stance is for or against, not {value!r}")
    elif action == "proposition":
        value = _proposition(store, row, value)
    elif action == "note":
        text = value.get("text") if isinstance(value, dict) else value
        if not isinstance(text, str) or not text.strip():
            raise CorrectionError("a note needs its text")
        value = {"text": text.strip()}
    return {"action": action, "target_kind": kind, "target_id": str(row.get("id", ident)), "target_key": fp,
            "value": value, "why": why, "by": by}


def _split(store: Corrected, entity: dict[str, Any], mention_ids: Any) -> dict[str, Any]:
    if entity["id"] < 0:
        raise CorrectionError("a split entity cannot be split again; undo the split and split anew")
    ids = [str(m).strip() for m in (mention_ids or []) if str(m).strip()]
    if not ids:
        raise CorrectionError("name the mentions to split off (--mention ARTICLE:START, as 'redline entity' shows)")
    mine = {m["id"]: m for m in store.entity_mentions(entity["id"], limit=None)}
    missing = [m for m in ids if m not in mine]
    if missing:
        raise TargetMissing(f"{entity['name']} ({entity['id']}) has no mention {', '.join(missing)}")
    if len(ids) == len(mine):
        raise CorrectionError("that is every mention of the entity: nothing would be left to split from")
    fps = [K.span_key(store.hashes([mine[m]["article_id"]]).get(mine[m]["article_id"]), mine[m]["start"],
                      mine[m]["end"]) for m in ids]
    return {"mentions": fps, "mention_ids": ids, "name": mine[ids[0]]["text"], "type": entity["type"],
            "key": split_key(entity["key"], fps)}


def _proposition(store: Corrected, position: dict[str, Any], value: Any) -> dict[str, Any]:
    """TEXT may be a proposition key, or the label of one, or a new wording (then the key stays,
    unless a key is given): a position moved to another key joins that proposition's thread."""
    text, key = (value.get("proposition"), value.get("proposition_key")) if isinstance(value, dict) else (value, None)
    text = (text or "").strip()
    if not text and not key:
        raise CorrectionError("a proposition correction needs the proposition (text or key)")
    labels = dict(store.proposition_labels())
    if not key and text in labels:
        key, text = text, labels[text]
    elif not key:
        key = next((k for k, label in labels.items() if label.lower() == text.lower()), position["proposition_key"])
    return {"proposition": text or labels.get(key) or key, "proposition_key": key}


# -- sharing ---------------------------------------------------------------------------------
def export_records(store: Any, *, include_undone: bool = True) -> list[dict[str, Any]]:
    """The corrections as records of kind "correction", their history (undos, undone ones) included."""
    return [{"kind": "correction", **{k: c.get(k) for k in FIELDS}}
            for c in store.list_corrections(include_undone=include_undone)]


def present(store: Any, c: dict[str, Any]) -> bool:
    """Whether this store holds what a correction names (its entity, or its article's text)."""
    raw = getattr(store, "raw", store)
    parts = K.parse(c.get("target_key") or "")
    kind = c.get("target_kind")
    if kind == "entity":
        return bool(parts) and raw.entity_by_key(parts[0]) is not None
    if kind == "story":
        return len(parts) == 2 and raw.get_story(parts[1]) is not None
    if kind == "change":
        parts = K.parse(parts[2]) if len(parts) == 3 and isinstance(parts[2], str) else []
    h = parts[0] if parts and isinstance(parts[0], str) else None
    return bool(h) and bool(raw.article_hashes(hashes=[h]))


def import_records(store: Any, records: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    """Add the corrections of an export; one already here (the same fingerprint) is skipped.

    Returns lines to show: ``added``, ``skipped``, and ``waiting`` (kept, but this store does not hold
    their target yet)."""
    raw = getattr(store, "raw", store)
    known = {correction_key(c): c for c in raw.list_corrections(include_undone=True)}
    out: dict[str, list[str]] = {"added": [], "skipped": [], "waiting": []}
    for n, rec in enumerate(records, 1):
        if rec.get("kind") not in (None, "correction"):
            continue
        action, kind = rec.get("action"), rec.get("target_kind")
        if action not in ACTIONS or not kind or not rec.get("target_key"):
            raise CorrectionError(f"record {n} is not a correction (action, target_kind and target_key are needed)")
        rec = {k: rec.get(k) for k in ("action", "target_kind", "target_id", "target_key", "value", "why", "by", "at")}
        key = correction_key(rec)
        if key in known:
            out["skipped"].append(f"correction {rec.get('target_id')} ({action}) is already here")
            continue
        if action == "undo":
            undone = known.get(rec["target_key"])
            if undone is None:
                out["skipped"].append(f"undo of a correction this store does not hold ({rec.get('target_id')})")
                continue
            if undone.get("undone_by") is None:
                made = raw.undo_correction(undone["id"], rec.get("by"), rec.get("why"), at=rec.get("at"))
                undone["undone_by"] = made["id"]
                known[correction_key(made)] = made
                out["added"].append(f"undo of correction {undone['id']}")
            continue
        made = raw.add_correction(rec)
        known[key] = made
        out["added"].append(f"{action} {kind} {rec.get('target_id')} as correction {made['id']}")
        if not present(raw, rec):
            out["waiting"].append(f"correction {made['id']} ({action} {kind} {rec.get('target_id')}) is kept, "
                                  "but this store does not hold its target yet")
    return out


def undo(store: Any, correction_id: Any, *, by: str | None, why: str | None) -> dict[str, Any]:
    try:
        n = int(correction_id)
    except (TypeError, ValueError):
        raise CorrectionError(f"a correction is named by its id, not {correction_id!r}") from None
    try:
        return store.undo_correction(n, by, why)
    except NotFound as err:
        raise TargetMissing(str(err)) from None
    except RedlineError as err:
        raise CorrectionError(str(err)) from None
