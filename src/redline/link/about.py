"""Positions about a question: propositions ranked by lexical similarity to it.

The store lists the distinct propositions (``Store.proposition_labels``) and
their positions; the ranking (``extract.positions.propositions.rank_propositions``)
is language processing, so it runs here, on the caller's side.
"""
from __future__ import annotations

from typing import Any

from ..extract.positions.propositions import rank_propositions as _rank
from ..store.base import Store


def rank_propositions(store: Store, query: str, *, min_score: float = 0.05) -> list[tuple[str, float]]:
    """Distinct proposition keys ranked by lexical similarity to ``query`` (best first)."""
    props = store.proposition_labels()
    if not props:
        return []
    ranked = _rank(query, [f"{text} {key}" for key, text in props])
    return [(props[i][0], score) for score, i in ranked if score >= min_score]


def positions_about(store: Store, about: str | None, *, holder_ids: list[int] | None = None,
                    story_id: int | None = None, limit: int | None = 200) -> list[dict[str, Any]]:
    """``Store.list_positions``; with ``about``, the positions of the most similar propositions
    first, each with its proposition's ``score``."""
    if not about:
        return store.list_positions(holder_ids=holder_ids, story_id=story_id, limit=limit)
    ranked = rank_propositions(store, about)
    if not ranked:
        return []
    score = dict(ranked)
    rows = store.list_positions(holder_ids=holder_ids, story_id=story_id, proposition_keys=list(score), limit=None)
    for r in rows:
        r["score"] = score[r["proposition_key"]]
    rows.sort(key=lambda r: (-round(r["score"], 6), r["proposition_key"], r["sort_date"] or "9999"))
    return rows[:limit] if limit else rows
