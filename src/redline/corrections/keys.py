"""Fingerprints: how a correction names its target so that it survives re-ingest and reanalysis.

Row ids change with every new revision of an article (a reanalysis stores new
rows), so a correction never names a row by its id alone. It names it by what
stays the same when the same text is analysed again: an entity by its
canonical key, a quote or a mention by its article's content hash and its
offsets, a position by those of its evidence with its holder's key and its
proposition key, an event by those of its evidence with its type, a change
by its proposition key and its new stance's position. Each fingerprint is a
compact JSON list, so it compares as a string and reads back as data.
"""
from __future__ import annotations

import json
from typing import Any, Iterable

KINDS = ("entity", "mention", "quote", "event", "position", "change", "article", "story")
REJECTABLE = ("quote", "event", "position", "change")


def jkey(*parts: Any) -> str:
    return json.dumps(list(parts), ensure_ascii=False, separators=(",", ":"))


def entity_key(key: str) -> str:
    return jkey(key)


def span_key(content_hash: str | None, start: int, end: int) -> str:
    """A mention's or a quote's fingerprint (and a split's mentions)."""
    return jkey(content_hash, int(start), int(end))


def position_key(content_hash: str | None, p: dict[str, Any], holder_key: str | None) -> str:
    ev = p.get("evidence") or {}
    return jkey(content_hash, int(ev.get("start", 0)), int(ev.get("end", 0)), holder_key, p.get("proposition_key"))


def event_keys(e: dict[str, Any], hashes: dict[int, str]) -> list[str]:
    """One fingerprint per evidence sentence: a correction names the event by its first, and the event
    is found by any of them, since deduplication may merge it under another article's evidence."""
    return [jkey(hashes.get(x["article_id"]), int(x["start"]), int(x["end"]), e.get("type"))
            for x in e.get("evidence") or []]


def change_key(proposition_key: str, to_position_key: str) -> str:
    return jkey("change", proposition_key, to_position_key)


def article_key(content_hash: str | None) -> str:
    return jkey(content_hash)


def story_key(story_id: int) -> str:
    # Stories are kept by the link stage with their ids across runs; there is nothing steadier.
    return jkey("story", int(story_id))


def parse(key: str) -> list[Any]:
    try:
        out = json.loads(key)
    except (TypeError, ValueError):
        return []
    return out if isinstance(out, list) else []


def hashes_of(store, article_ids: Iterable[int]) -> dict[int, str]:
    ids = sorted({int(i) for i in article_ids if i is not None})
    return dict(store.article_hashes(ids=ids)) if ids else {}
