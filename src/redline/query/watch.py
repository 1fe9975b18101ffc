"""Watches: what is new on a saved query since the analyst last looked.

A watch is a proposition (free text: the stored propositions about it), an
entity (by name: what it holds, says and changes) or a story (by number).
What is new is what was read from articles stored after the last look (the
store's article ids grow with every article it takes): new changes first,
then new positions, then new quotes. Looking moves the mark; a peek does not.
"""
from __future__ import annotations

from typing import Any

from ..errors import NotFound
from ..link.about import propositions_about
from ..link.entities import find_entities
from ..store import Store
from .confidence import split


def kind_of(store: Store, query: str) -> str:
    """The kind a query names: a story's number; an entity's name (one the store knows, or a
    capitalised name of up to four words, which may arrive with the next articles); else a
    proposition in the analyst's words."""
    q = query.strip()
    if q.isdigit() and store.get_story(int(q)) is not None:
        return "story"
    if any(e["name"].lower() == q.lower() or q.lower() in (a.lower() for a in e.get("aliases") or [])
           for e in find_entities(store, q)):
        return "entity"
    words = q.split()
    if 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
        return "entity"
    return "proposition"


def last_article_id(store: Store) -> int:
    """The highest article id the store has given (0 when empty)."""
    return store.threads_since(2**62)[1]


def _selection(store: Store, w: dict[str, Any]) -> dict[str, Any]:
    """The list filters a watch stands for."""
    if w["kind"] == "story":
        return {"story_id": int(w["query"])}
    if w["kind"] == "entity":  # none yet: nothing is new until the entity is named
        return {"ids": [e["id"] for e in find_entities(store, w["query"])]}
    return {"keys": sorted(k for k, _score in propositions_about(store, w["query"]))}


def news(store: Store, w: dict[str, Any], *, min_confidence: float | None = None,
         limit: int = 50) -> dict[str, Any]:
    """What is new on watch ``w``: ``{watch, changes, positions, quotes, hidden, upto}`` (``upto``: the
    article id a look marks as seen)."""
    seen = w.get("seen_article_id") or 0
    sel = _selection(store, w)
    upto = last_article_id(store)
    if ("keys" in sel and not sel["keys"]) or ("ids" in sel and not sel["ids"]):
        return {"watch": w, "changes": [], "positions": [], "quotes": [], "hidden": 0, "upto": upto,
                "counts": {"changes": 0, "positions": 0, "quotes": 0}}
    if "story_id" in sel:
        changes = store.list_changes(story_id=sel["story_id"])
        positions = store.list_positions(story_id=sel["story_id"], limit=None)
        quotes = store.list_quotes(story_id=sel["story_id"], limit=None)
    elif "ids" in sel:
        changes = store.list_changes(holder_ids=sel["ids"])
        positions = store.list_positions(holder_ids=sel["ids"], limit=None)
        quotes = store.list_quotes(speaker_ids=sel["ids"], limit=None)
    else:
        changes = store.list_changes(proposition_keys=sel["keys"])
        positions = store.list_positions(proposition_keys=sel["keys"], limit=None)
        quotes = []  # a proposition is followed by its stances; quotes follow people and stories
    changes = [c for c in changes if max(c["from"].get("article_id") or 0, c["to"].get("article_id") or 0) > seen]
    positions = [p for p in positions if (p.get("article_id") or 0) > seen]
    quotes = [q for q in quotes if (q.get("article_id") or 0) > seen]
    changes, h1 = split(changes, min_confidence)
    positions, h2 = split(positions, min_confidence)
    quotes, h3 = split(quotes, min_confidence)
    return {"watch": w, "changes": changes[:limit], "positions": positions[:limit], "quotes": quotes[:limit],
            "counts": {"changes": len(changes), "positions": len(positions), "quotes": len(quotes)},
            "hidden": h1 + h2 + h3, "upto": upto}


def look(store: Store, *, min_confidence: float | None = None, peek: bool = False) -> list[dict[str, Any]]:
    """The news of every watch, and (unless ``peek``) each watch marked seen up to now."""
    out = []
    for w in store.list_watches():
        try:
            n = news(store, w, min_confidence=min_confidence)
        except NotFound as err:
            out.append({"watch": w, "error": str(err)})
            continue
        out.append(n)
        if not peek:
            store.mark_watch_seen(w["id"], n["upto"])
    return out
