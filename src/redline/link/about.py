"""Positions about a question: the propositions that are about it, most similar first.

The store lists the distinct propositions (``Store.proposition_labels``) and
their positions; the similarity (``extract.positions.propositions.rank_propositions``,
a TF-IDF cosine over content words) is language processing, so it runs here,
on the caller's side.

``about`` filters, it does not only rank: a proposition is kept when its score
is at least ``MIN_SCORE`` and at least ``MIN_RELATIVE`` of the best one's. The
cosine is zero when the question and the proposition share no content word
(stop words such as "the", "of", "with" are not counted), so such a
proposition is never returned, whatever the thresholds.
"""
from __future__ import annotations

from typing import Any

from ..extract.positions.propositions import rank_propositions as _rank
from ..store.base import Store

MIN_SCORE = 0.1  # an absolute floor: one shared rare word in a long question still passes
MIN_RELATIVE = 0.3  # of the best match's score: a loose match ("strikes" alone) is left out


def rank_propositions(store: Store, query: str, *, min_score: float = 0.05) -> list[tuple[str, float]]:
    """Distinct proposition keys ranked by lexical similarity to ``query`` (best first).

    A ranking only (every key scoring ``min_score`` or more); ``propositions_about``
    keeps those that are about the query."""
    props = store.proposition_labels()
    if not props:
        return []
    ranked = _rank(query, [f"{text} {key}" for key, text in props])
    return [(props[i][0], score) for score, i in ranked if score > 0 and score >= min_score]


def propositions_about(store: Store, about: str, *, min_score: float = MIN_SCORE,
                       min_relative: float = MIN_RELATIVE) -> list[tuple[str, float]]:
    """The proposition keys that are about ``about``, with their scores, best first.

    Kept: a score of at least ``min_score`` and at least ``min_relative`` of the best
    score, or at least ``min_score`` and naming the object or weapon a kept one names. A
    proposition with no content word in common with ``about`` scores 0 and is never kept; a
    question of stop words only matches nothing."""
    ranked = rank_propositions(store, about, min_score=min_score)
    if not ranked:
        return []
    floor = max(min_score, ranked[0][1] * min_relative)
    kept = [(key, score) for key, score in ranked if score >= floor]
    # A weaker match that names what a kept one names (a weapon, a bill, a person; not only a
    # party to it) is about the same thing: "supplying Taurus" beside "striking with Taurus".
    named = {v for key, _ in kept for v in _named(key)}
    return kept + [(key, score) for key, score in ranked if min_score <= score < floor and _named(key) & named]


def _named(key: str) -> set[str]:
    """The things a proposition key names in its object-like slots."""
    return {f.partition("=")[2] for f in key.split("|")[1:]
            if f.partition("=")[0] in _OBJECT_SLOTS and f.partition("=")[2] not in {"", "*"}}


_OBJECT_SLOTS = frozenset({"weapon", "object"})


def positions_about(store: Store, about: str | None, *, holder_ids: list[int] | None = None,
                    story_id: int | None = None, limit: int | None = 200, min_score: float = MIN_SCORE,
                    min_relative: float = MIN_RELATIVE) -> list[dict[str, Any]]:
    """``Store.list_positions``; with ``about``, only the positions whose proposition is about
    it (``propositions_about``), the most similar first, each with its proposition's ``score``.
    An ``about`` that matches nothing gives ``[]``; a blank one filters nothing."""
    if not about or not about.strip():
        return store.list_positions(holder_ids=holder_ids, story_id=story_id, limit=limit)
    kept = propositions_about(store, about, min_score=min_score, min_relative=min_relative)
    if not kept:
        return []
    score = dict(kept)
    rows = store.list_positions(holder_ids=holder_ids, story_id=story_id, proposition_keys=list(score), limit=None)
    for r in rows:
        r["score"] = score[r["proposition_key"]]
    rows.sort(key=lambda r: (-round(r["score"], 6), r["proposition_key"], r["sort_date"] or "9999"))
    return rows[:limit] if limit else rows
