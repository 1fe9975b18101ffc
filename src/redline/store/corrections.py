"""Analyst corrections in SQLite: rows of their own, never edits of the extracted rows.

The store keeps them and nothing more: what a correction means, and how it is
applied to what is read, is ``redline.corrections``. ``value`` is kept as
JSON. An undo is stored as a correction of its own (``action = 'undo'``,
``target_kind = 'correction'``) and marks the correction it undoes with
``undone_by``; that row stays, so the history is never lost.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any

from ..errors import NotFound, StoreError

ACTIONS = ("merge", "split", "speaker", "reject", "stance", "proposition", "note", "undo")
_COLS = "id, action, target_kind, target_id, target_key, value, why, by, at, undone_by"


def undo_record(row: Any, correction_id: int, by: str | None, why: str | None, at: str | None) -> dict[str, Any]:
    """The ``undo`` correction of the stored correction ``row`` (None: there is none), or the reason
    it cannot be undone: the same rules in every store."""
    if row is None:
        raise NotFound(f"no correction with id {correction_id}")
    if row["action"] == "undo":
        raise CorrectionRefused(f"correction {correction_id} is an undo; correct the record again instead")
    if row["undone_by"] is not None:
        raise CorrectionRefused(f"correction {correction_id} was already undone by {row['undone_by']}")
    return {"action": "undo", "target_kind": "correction", "target_id": correction_id,
            "target_key": correction_key(correction_row(row)), "value": {"correction": correction_id},
            "why": why, "by": by, "at": at}


class CorrectionRefused(StoreError):
    """A correction the store cannot take as given (an undo of an undo, or of one already undone)."""

    exit_code = 2


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def correction_row(r: Any) -> dict[str, Any]:
    d = dict(r)
    d["value"] = json.loads(d["value"]) if d.get("value") is not None else None
    return d


def correction_key(c: dict[str, Any]) -> str:
    """A correction's own fingerprint, the same in every store it is imported into: an undo names
    the correction it undoes by it, so a shared undo finds its correction in another store."""
    return json.dumps([c["action"], c["target_kind"], c["target_key"], c.get("value"), c.get("by"), c.get("at")],
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def check_correction(record: dict[str, Any]) -> None:
    """The fields every backend requires of a new correction (one-line StoreError otherwise)."""
    if record.get("action") not in ACTIONS:
        raise StoreError(f"unknown correction action {record.get('action')!r}; one of {', '.join(ACTIONS)}")
    for k in ("target_kind", "target_key"):
        if not isinstance(record.get(k), str) or not record[k]:
            raise StoreError(f"a correction needs a {k}")


class CorrectionsMixin:
    db: sqlite3.Connection

    def add_correction(self, record: dict[str, Any]) -> dict[str, Any]:
        check_correction(record)
        with self.transaction() as db:
            cur = db.execute(
                "INSERT INTO corrections (action, target_kind, target_id, target_key, value, why, by, at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (record["action"], record["target_kind"],
                 None if record.get("target_id") is None else str(record["target_id"]), record["target_key"],
                 json.dumps(record.get("value"), ensure_ascii=False), record.get("why"), record.get("by"),
                 record.get("at") or _now()))
            row = db.execute(f"SELECT {_COLS} FROM corrections WHERE id = ?", (cur.lastrowid,)).fetchone()
        return correction_row(row)

    def list_corrections(self, *, include_undone: bool = False) -> list[dict[str, Any]]:
        where = "" if include_undone else "WHERE undone_by IS NULL AND action != 'undo'"
        return [correction_row(r) for r in self.db.execute(f"SELECT {_COLS} FROM corrections {where} ORDER BY id")]

    def undo_correction(self, correction_id: int, by: str | None, why: str | None, *,
                        at: str | None = None) -> dict[str, Any]:
        with self.transaction() as db:
            row = db.execute(f"SELECT {_COLS} FROM corrections WHERE id = ?", (correction_id,)).fetchone()
            undo = self.add_correction(undo_record(row, correction_id, by, why, at))
            db.execute("UPDATE corrections SET undone_by = ? WHERE id = ?", (undo["id"], correction_id))
        return undo

    def article_hashes(self, *, ids: list[int] | None = None,
                       hashes: list[str] | None = None) -> list[tuple[int, str]]:
        out: list[tuple[int, str]] = []
        for col, values, extra in (("id", ids, ""), ("content_hash", hashes, " AND current = 1")):
            values = sorted(set(values or []))
            for i in range(0, len(values), 500):
                chunk = values[i : i + 500]
                out += [(r[0], r[1]) for r in self.db.execute(
                    f"SELECT id, content_hash FROM articles WHERE {col} IN ({','.join('?' * len(chunk))}){extra}",
                    chunk)]
        return sorted(set(out))
