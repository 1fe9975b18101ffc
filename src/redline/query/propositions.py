"""What can be tracked: each stored proposition with how much the store holds on it.

``list_propositions`` groups the positions by ``proposition_key`` and counts,
for each, its positions, its distinct holders and the changes (``Store.list_changes``,
the one change rule) on it. The tracker page lists them before a question is
asked, ``redline propositions`` prints them and ``GET /api/propositions``
returns them. The most useful come first: the most holders, then the most
positions, then the most changes; with ``about``, only the propositions about
it (``link.about.propositions_about``), the most similar first.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from ..errors import NotFound
from ..extract.lexicon.spelling import normalize
from ..link.about import propositions_about
from ..link.entities import find_entities
from ..link.questions import question
from ..store import Store
from .confidence import split

HOLDER_NAMES = 8  # holder names listed per proposition (the most positions first)


def list_propositions(store: Store, *, about: str | None = None, limit: int | None = 100,
                      offset: int = 0, min_confidence: float | None = None, holder: str | None = None,
                      entity: str | None = None, story_id: int | None = None) -> list[dict[str, Any]]:
    """The propositions, each ``{proposition_key, proposition, positions, holders, changes, for, against,
    first_date, last_date, holder_names}`` (plus ``score`` with ``about``).

    ``proposition`` is the text its positions use most (ties: the first in order);
    the dates are the earliest and latest positions' dates as written (null when
    none is dated). ``min_confidence``: only the positions and changes at least that
    confident (or of unknown confidence) count; a proposition with none left is left out.

    Filters: ``holder`` (a name: only the positions of the entities it names), ``entity``
    (only the propositions about it: the entity is the object, agent, target or recipient of
    the proposition's act), ``story_id`` (only the positions read in that story's articles);
    an unknown name is ``NotFound``."""
    return proposition_table(store, about=about, limit=limit, offset=offset, min_confidence=min_confidence,
                             holder=holder, entity=entity, story_id=story_id)[0]


def proposition_table(store: Store, *, about: str | None = None, limit: int | None = 100, offset: int = 0,
                      min_confidence: float | None = None, holder: str | None = None, entity: str | None = None,
                      story_id: int | None = None) -> tuple[list[dict[str, Any]], int]:
    """``list_propositions``, and how many positions the threshold left out."""
    score: dict[str, float] | None = None
    if about and about.strip():
        score = dict(propositions_about(store, about))
        if not score:
            return [], 0
    keys = sorted(score) if score is not None else None
    holder_ids = _ids(store, holder) if holder else None
    groups: dict[str, dict[str, Any]] = {}
    positions, hidden = _positions(store, keys, holder_ids, entity, story_id, min_confidence)
    for p in positions:
        g = groups.setdefault(p["proposition_key"], {"texts": Counter(), "holders": Counter(), "names": {},
                                                    "positions": 0, "for": 0, "against": 0, "dated": []})
        g["texts"][p["proposition"]] += 1
        g["holders"][p["holder_id"]] += 1
        g["names"][p["holder_id"]] = p["holder_name"]
        g["positions"] += 1
        if p["stance"] in ("for", "against"):
            g[p["stance"]] += 1
        if p.get("sort_date"):
            g["dated"].append((p["sort_date"], p.get("date") or p["sort_date"]))
    changes = Counter(c["proposition_key"] for c in store.list_changes(
        proposition_keys=sorted(groups) if groups else [], holder_ids=holder_ids, story_id=story_id,
        min_confidence=min_confidence))
    out = []
    for key, g in groups.items():
        text = min(g["texts"].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        dated = sorted(g["dated"])
        row = {"proposition_key": key, "proposition": text, "positions": g["positions"],
               "holders": len(g["holders"]), "changes": changes.get(key, 0), "for": g["for"],
               "against": g["against"], "first_date": dated[0][1] if dated else None,
               "last_date": dated[-1][1] if dated else None,
               "holder_names": [g["names"][h] for h, _ in sorted(g["holders"].items(),
                                                                 key=lambda kv: (-kv[1], g["names"][kv[0]]))
                                ][:HOLDER_NAMES]}
        if score is not None:
            row["score"] = score[key]
        out.append(row)
    out.sort(key=lambda r: (-r["holders"], -r["positions"], -r["changes"], r["proposition"].lower(),
                            r["proposition_key"]))
    if score is not None:
        out.sort(key=lambda r: -round(r["score"], 6))  # stable: usefulness among equal scores
    return (out[offset:offset + limit] if limit is not None else out[offset:]), hidden


def _positions(store: Store, keys: list[str] | None, holder_ids: list[int] | None, entity: str | None,
               story_id: int | None, min_confidence: float | None) -> tuple[list[dict[str, Any]], int]:
    """The positions the filters keep, and how many the threshold hides."""
    rows = store.list_positions(proposition_keys=keys, holder_ids=holder_ids, story_id=story_id, limit=None)
    if entity:
        codes = _codes(store, entity)
        rows = [p for p in rows if _names_entity(p["proposition_key"], codes)]
    return split(rows, min_confidence)


def holder_facet(store: Store, *, holder: str | None = None, entity: str | None = None,
                 story_id: int | None = None, min_confidence: float | None = None,
                 top: int = 12) -> list[tuple[str, int]]:
    """The holders of the positions the same filters keep, each with its number of positions, the
    most first (a facet of the proposition list, as datasette shows one)."""
    holder_ids = _ids(store, holder) if holder else None
    positions, _hidden = _positions(store, None, holder_ids, entity, story_id, min_confidence)
    return Counter(p["holder_name"] for p in positions if p.get("holder_name")).most_common(top)


def _ids(store: Store, name: str) -> list[int]:
    found = find_entities(store, name)
    if not found:
        raise NotFound(f"no entity named {name!r}")
    return [e["id"] for e in found]


def _codes(store: Store, name: str) -> set[str]:
    """The codes a proposition key may give the entities ``name`` names: their normalised names
    and aliases, and a state's ISO code."""
    found = find_entities(store, name)
    if not found:
        raise NotFound(f"no entity named {name!r}")
    codes = set()
    for e in found:
        codes.update(c for c in (normalize(n) for n in [e["name"], *(e.get("aliases") or [])]) if c)
        if e.get("country") and e.get("type") in {"GPE", "NORP"}:
            codes.add(e["country"])
    return codes


def _names_entity(key: str, codes: set[str]) -> bool:
    """Whether a proposition key names one of ``codes`` in a slot (object, agent, target, ...)."""
    q = question(key)
    return q.obj in codes or any(v in codes for _slot, v in q.slots)
