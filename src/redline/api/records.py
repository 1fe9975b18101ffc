"""Records of the data contract (../shared/DESIGN.md) as the API returns them, and pagination.

Each record carries ``kind`` and the contract's required fields (``records.FIELDS``),
plus the extra fields the store provides (extra fields are welcome in the contract).
Lists come in one envelope: ``{"items", "limit", "offset", "next"}`` where
``next`` is the URL of the following page, or null on the last page.
"""
from __future__ import annotations

from typing import Any, Iterable

from fastapi import Request

from ..records import FIELDS

MAX_LIMIT = 500


def record(kind: str, row: dict[str, Any], drop: Iterable[str] = ()) -> dict[str, Any]:
    """The contract's fields first (null when the store lacks one), then the extras."""
    out = {"kind": kind, **{k: row.get(k) for k in FIELDS[kind]}}
    for k, v in row.items():
        if k not in out and k not in drop:
            out[k] = v
    for k in drop:
        out.pop(k, None)
    return out


def page(request: Request, rows: list[dict[str, Any]], limit: int, offset: int, *, fetched_extra: bool) -> dict:
    """Wrap one page. ``fetched_extra``: ``rows`` holds up to limit + 1 items, the last only
    telling that there is a next page (cheaper than counting the whole table)."""
    more = len(rows) > limit if fetched_extra else False
    items = rows[:limit]
    nxt = str(request.url.include_query_params(offset=offset + limit)) if more else None
    return {"items": items, "limit": limit, "offset": offset, "next": nxt}
