"""The confidence threshold as the views apply it, and the labels they share.

Views (the CLI's lists, the API's list routes, the pages) show the records
whose ``confidence`` is at least the threshold (``Settings.min_confidence``,
REDLINE_MIN_CONFIDENCE) and those with none, and everything when asked
(``--all``, ``?all=1``). Lists with pagination filter in the store
(``min_confidence=`` on every list method); a page that says how many records
it hides reads its bounded lists whole and splits them here (``split``).
Every function takes the threshold from its caller: None shows everything.
"""
from __future__ import annotations

from typing import Any, Iterable

from ..link.about import positions_about
from ..store import Store


def confident(record: dict[str, Any], min_confidence: float | None) -> bool:
    """Whether a view at this threshold shows the record: no threshold, no confidence, or enough."""
    c = record.get("confidence")
    return min_confidence is None or c is None or c >= min_confidence


def split(rows: Iterable[dict[str, Any]], min_confidence: float | None) -> tuple[list[dict[str, Any]], int]:
    """The rows a view at this threshold shows, and how many it hides."""
    rows = list(rows)
    kept = [r for r in rows if confident(r, min_confidence)]
    return kept, len(rows) - len(kept)


def confident_positions(store: Store, about: str | None, *, min_confidence: float | None,
                        holder_ids: list[int] | None = None, story_id: int | None = None,
                        limit: int | None = 200, **kw: Any) -> list[dict[str, Any]]:
    """``link.about.positions_about`` at a threshold: the first ``limit`` positions it shows.

    Without ``about`` the store filters (one query, with its limit); with one, the
    positions about it are ranked whole, then filtered and cut, so ``limit`` counts
    only the positions shown."""
    if min_confidence is None:
        return positions_about(store, about, holder_ids=holder_ids, story_id=story_id, limit=limit, **kw)
    if not about or not about.strip():
        return store.list_positions(holder_ids=holder_ids, story_id=story_id, limit=limit,
                                    min_confidence=min_confidence)
    rows, _hidden = split(positions_about(store, about, holder_ids=holder_ids, story_id=story_id, limit=None, **kw),
                          min_confidence)
    return rows[:limit] if limit else rows


def speaker_label(q: dict[str, Any]) -> str:
    """Who said a quote, as the views show it: "Rook, speaking to Harbour Wire" when it names the outlet."""
    who = q.get("speaker_name") or q.get("speaker_text") or "?"
    return f"{who}, speaking to {q['channel']}" if q.get("channel") else who


def role_label(r: dict[str, Any]) -> str:
    """A role's title, "former <title>" when the article calls it a past role."""
    return f"former {r['title']}" if r.get("former") else r["title"]
