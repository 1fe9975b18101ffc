"""Readable tables: one CSV row per record, with the names, the article and the sentence.

The contract export (``query.export``) is data for other tools: ids, offsets
and JSON in its cells. These tables are for people who open a CSV in a
spreadsheet and use it as it is: who (holder or speaker by **name**), what
(the proposition, the quote, the event), when, where it was read (outlet,
title, URL, publication date), the evidence sentence as text, and how far
it can be trusted (``confidence``). Ids stay as the last columns so a row can
be traced back.

Every table can be cut to one story (``story_id``): its articles, and the
records read from them. ``write_zip`` writes one CSV per kind into a zip.
"""
from __future__ import annotations

import csv
import io
import zipfile
from typing import IO, Any, Callable, Iterable, Iterator

from ..corrections import corrected
from ..store import Store

TABLE_KINDS = ("position", "change", "quote", "event", "entity", "article", "story")
FILE_NAMES = {"position": "positions.csv", "change": "changes.csv", "quote": "quotes.csv", "event": "events.csv",
              "entity": "entities.csv", "article": "articles.csv", "story": "stories.csv"}
_ARTICLE = ("outlet", "title", "url", "published")
# Each table's columns, in order: what a reader looks for first, the ids last.
COLUMNS: dict[str, tuple[str, ...]] = {
    "position": ("holder", "stance", "proposition", "qualifier", "date", "held_before_the_article", "speaker",
                 "evidence", *_ARTICLE, "confidence", "proposition_key", "holder_id", "position_id", "article_id"),
    "change": ("holder", "proposition", "from_stance", "from_date", "from_evidence", *(f"from_{c}" for c in _ARTICLE),
               "to_stance", "to_date", "to_evidence", *(f"to_{c}" for c in _ARTICLE), "confidence",
               "proposition_key", "holder_id", "from_position_id", "to_position_id"),
    "quote": ("speaker", "channel", "quote", "direct", "cue", *_ARTICLE, "confidence", "speaker_id", "quote_id",
              "article_id", "start", "end"),
    "event": ("type", "trigger", "actors", "recipients", "negated", "modality", "date", "date_text", "evidence",
              *_ARTICLE, "sources", "confidence", "event_id", "article_ids"),
    "entity": ("name", "type", "country", "roles", "aliases", "mentions", "articles", "entity_id"),
    "article": ("title", "outlet", "url", "published", "date_from", "byline", "dateline", "story_id", "article_id"),
    "story": ("title", "first_date", "last_date", "articles", "outlets", "headlines", "story_id"),
}


class _Articles:
    """The articles records point to, read once each (title, outlet, URL, date)."""

    def __init__(self, store: Store):
        self.store = store
        self.cache: dict[int, dict[str, Any]] = {}

    def get(self, article_id: int | None) -> dict[str, Any]:
        if article_id is None:
            return {}
        if article_id not in self.cache:
            a = self.store.get_article(article_id) or {}
            self.cache[article_id] = {k: a.get(k) for k in ("title", "source", "url", "published")}
        return self.cache[article_id]

    def cols(self, article_id: int | None, prefix: str = "") -> dict[str, Any]:
        a = self.get(article_id)
        return {f"{prefix}outlet": a.get("source"), f"{prefix}title": a.get("title"), f"{prefix}url": a.get("url"),
                f"{prefix}published": a.get("published")}


def _names(names: Iterable[str | None] | None) -> str:
    return "; ".join(n for n in (names or []) if n)


def _positions(store: Store, arts: _Articles, story_id, min_confidence) -> Iterator[dict[str, Any]]:
    for p in store.list_positions(story_id=story_id, limit=None, min_confidence=min_confidence):
        ev = p.get("evidence") or {}
        yield {"holder": p.get("holder_name"), "stance": p["stance"], "proposition": p["proposition"],
               "qualifier": p.get("qualifier"), "date": p.get("date"),
               "held_before_the_article": bool(p.get("is_past")), "speaker": p.get("speaker_name"),
               "evidence": ev.get("sentence"), **arts.cols(p.get("article_id")), "confidence": p.get("confidence"),
               "proposition_key": p["proposition_key"], "holder_id": p.get("holder_id"), "position_id": p["id"],
               "article_id": p.get("article_id")}


def _changes(store: Store, arts: _Articles, story_id, min_confidence) -> Iterator[dict[str, Any]]:
    for c in store.list_changes(story_id=story_id, min_confidence=min_confidence):
        f, t = c["from"], c["to"]
        yield {"holder": c.get("holder_name"), "proposition": c["proposition"],
               "from_stance": f.get("stance"), "from_date": f.get("date") or (
                   f"before {f['before']}" if f.get("before") else None), "from_evidence": f.get("sentence"),
               **arts.cols(f.get("article_id"), "from_"),
               "to_stance": t.get("stance"), "to_date": t.get("date"), "to_evidence": t.get("sentence"),
               **arts.cols(t.get("article_id"), "to_"), "confidence": c.get("confidence"),
               "proposition_key": c["proposition_key"], "holder_id": c["holder_id"],
               "from_position_id": f.get("position_id"), "to_position_id": t.get("position_id")}


def _quotes(store: Store, arts: _Articles, story_id, min_confidence) -> Iterator[dict[str, Any]]:
    for q in store.list_quotes(story_id=story_id, limit=None, min_confidence=min_confidence):
        yield {"speaker": q.get("speaker_name") or q.get("speaker_text"), "channel": q.get("channel"),
               "quote": q["text"], "direct": bool(q["direct"]), "cue": q.get("cue"),
               **arts.cols(q["article_id"]), "confidence": q.get("confidence"), "speaker_id": q.get("speaker_id"),
               "quote_id": q["id"], "article_id": q["article_id"], "start": q["start"], "end": q["end"]}


def _events(store: Store, arts: _Articles, story_id, min_confidence) -> Iterator[dict[str, Any]]:
    for e in store.list_events(story_id=story_id, limit=None, min_confidence=min_confidence):
        evidence = e.get("evidence") or []
        first = evidence[0] if evidence else {}
        date = e.get("date") or {}
        yield {"type": e["type"], "trigger": e.get("trigger"), "actors": _names(e.get("actor_names")),
               "recipients": _names(e.get("recipient_names")), "negated": bool(e.get("negated")),
               "modality": e.get("modality"), "date": date.get("start"), "date_text": date.get("text"),
               "evidence": first.get("sentence"), **arts.cols(first.get("article_id")),
               "sources": len({x.get("article_id") for x in evidence}), "confidence": e.get("confidence"),
               "event_id": e["id"], "article_ids": _names(str(x.get("article_id")) for x in evidence)}


def _role(r: dict[str, Any]) -> str:
    title = f"former {r['title']}" if r.get("former") else r["title"]
    where = r.get("org") or r.get("country")
    return f"{title} ({where})" if where else title


def _entities(store: Store, arts: _Articles, story_id, min_confidence) -> Iterator[dict[str, Any]]:
    wanted = None
    if story_id is not None:
        story = store.get_story(story_id) or {"article_ids": []}
        wanted = {m["entity_id"] for a in story["article_ids"] for m in store.list_mentions(article_id=a)}
    for e in store.list_entities(limit=None):
        if wanted is not None and e["id"] not in wanted:
            continue
        yield {"name": e["name"], "type": e["type"], "country": e.get("country"),
               "roles": _names(_role(r) for r in e.get("roles") or []), "aliases": _names(e.get("aliases")),
               "mentions": e.get("mentions"), "articles": e.get("articles"), "entity_id": e["id"]}


def _articles(store: Store, arts: _Articles, story_id, min_confidence) -> Iterator[dict[str, Any]]:
    wanted = set((store.get_story(story_id) or {"article_ids": []})["article_ids"]) if story_id is not None else None
    for a in store.list_articles(limit=None):
        if wanted is not None and a["id"] not in wanted:
            continue
        yield {"title": a.get("title"), "outlet": a.get("source"), "url": a.get("url"),
               "published": a.get("published"), "date_from": a.get("published_source"),
               "byline": a.get("byline"), "dateline": a.get("dateline"), "story_id": a.get("story_id"),
               "article_id": a["id"]}


def _stories(store: Store, arts: _Articles, story_id, min_confidence) -> Iterator[dict[str, Any]]:
    stories = [store.get_story(story_id)] if story_id is not None else store.list_stories(limit=None)
    for s in stories:
        if not s:
            continue
        ids = s.get("article_ids") or []
        yield {"title": s.get("title"), "first_date": s.get("first_date"), "last_date": s.get("last_date"),
               "articles": len(ids), "outlets": _names(dict.fromkeys(arts.get(i).get("source") for i in ids)),
               "headlines": " | ".join(t for t in (arts.get(i).get("title") for i in ids) if t),
               "story_id": s["id"]}


_ROWS: dict[str, Callable[..., Iterator[dict[str, Any]]]] = {
    "position": _positions, "change": _changes, "quote": _quotes, "event": _events, "entity": _entities,
    "article": _articles, "story": _stories}


def table_rows(store: Store, kind: str, *, story_id: int | None = None,
               min_confidence: float | None = None) -> Iterator[dict[str, Any]]:
    """The readable rows of one kind (``TABLE_KINDS``), all of them or one story's, as the analysts
    corrected them (``corrections.Corrected``: rejected records left out)."""
    if kind not in _ROWS:
        raise ValueError(f"no readable table for {kind!r}; choose one of {', '.join(TABLE_KINDS)}")
    store = corrected(store)
    return _ROWS[kind](store, _Articles(store), story_id, min_confidence)


def write_table(rows: Iterable[dict[str, Any]], fh: IO[str], kind: str) -> int:
    """A kind's rows as CSV under its header (``COLUMNS``), an empty cell for null."""
    w = csv.DictWriter(fh, fieldnames=list(COLUMNS[kind]))
    w.writeheader()
    n = 0
    for row in rows:
        w.writerow({k: "" if v is None else v for k, v in row.items()})
        n += 1
    return n


def write_zip(store: Store, fh: IO[bytes], *, story_id: int | None = None,
              min_confidence: float | None = None) -> dict[str, int]:
    """One readable CSV per kind (``positions.csv``, ``quotes.csv``, ...) in a zip; rows per file."""
    counts = {}
    with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for kind in TABLE_KINDS:
            buf = io.StringIO()
            counts[kind] = write_table(table_rows(store, kind, story_id=story_id, min_confidence=min_confidence),
                                       buf, kind)
            z.writestr(FILE_NAMES[kind], buf.getvalue())
    return counts
