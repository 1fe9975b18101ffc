"""Analyst corrections in PostgreSQL: rows of their own, never edits of the extracted rows.

The same rows and rules as the SQLite store's (``store.corrections``, whose
checks and fingerprints this module uses, so both stores take and refuse the
same corrections). An undo locks the row it undoes, so two analysts undoing
one correction at once leave one undo, and the other is refused.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..corrections import check_correction, correction_row, undo_record

_COLS = 'id, action, target_kind, target_id, target_key, value, why, "by", at, undone_by'


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


class PgCorrectionsMixin:
    def add_correction(self, record: dict[str, Any]) -> dict[str, Any]:
        check_correction(record)
        with self.transaction() as db:
            row = db.execute(
                'INSERT INTO corrections (action, target_kind, target_id, target_key, value, why, "by", at) '
                f"VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING {_COLS}",
                (record["action"], record["target_kind"],
                 None if record.get("target_id") is None else str(record["target_id"]), record["target_key"],
                 json.dumps(record.get("value"), ensure_ascii=False), record.get("why"), record.get("by"),
                 record.get("at") or _now())).fetchone()
        return correction_row(row)

    def list_corrections(self, *, include_undone: bool = False) -> list[dict[str, Any]]:
        where = "" if include_undone else "WHERE undone_by IS NULL AND action <> 'undo'"
        return [correction_row(r) for r in self._all(f"SELECT {_COLS} FROM corrections {where} ORDER BY id")]

    def undo_correction(self, correction_id: int, by: str | None, why: str | None, *,
                        at: str | None = None) -> dict[str, Any]:
        with self.transaction() as db:
            row = db.execute(f"SELECT {_COLS} FROM corrections WHERE id = %s FOR UPDATE", (correction_id,)).fetchone()
            undo = self.add_correction(undo_record(row, correction_id, by, why, at))
            db.execute("UPDATE corrections SET undone_by = %s WHERE id = %s", (undo["id"], correction_id))
        return undo

    def article_hashes(self, *, ids: list[int] | None = None,
                       hashes: list[str] | None = None) -> list[tuple[int, str]]:
        rows = self._all("SELECT id, content_hash FROM articles WHERE id = ANY(%s) "
                         "UNION SELECT id, content_hash FROM articles WHERE content_hash = ANY(%s) AND current",
                         (sorted(set(ids or [])), sorted(set(hashes or []))))
        return sorted((r["id"], r["content_hash"]) for r in rows)
