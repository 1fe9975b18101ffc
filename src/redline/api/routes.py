"""Read endpoints: JSON records of the data contract, paginated and filtered like the CLI."""
from __future__ import annotations

import io
import json
from typing import Any, Iterator, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from ..errors import NotFound, found
from ..query.confidence import confident_positions
from ..query.export import KINDS, iter_records, with_former, write_csv
from ..query.tables import TABLE_KINDS, table_rows, write_table, write_zip
from ..extract.lexicon.plover import PLOVER_TYPES
from ..read.hints import parse_iso_date
from ..records import ENTITY_TYPES
from ..link.entities import find_entities
from ..store import Store
from ..query.propositions import list_propositions
from ..query.timeline import build_timeline
from ..query.timelinejs import MAX_SLIDES, to_timelinejs
from ..server.deps import use_store
from ..server.errors import BadRequest
from ..server.params import ALL, confidence_param, threshold
from .records import MAX_LIMIT, page, record

router = APIRouter(prefix="/api", tags=["read"])

Limit = Query(50, ge=1, le=MAX_LIMIT, description="Page size.")
Offset = Query(0, ge=0, description="How many items to skip.")


def one_of(kind: str, value: str | None, choices: tuple[str, ...]) -> str | None:
    """A type in any case, as upper case; 400 naming the choices for any other."""
    if value is None:
        return None
    if value.strip().upper() not in choices:
        raise BadRequest(f"type: unknown {kind} type {value!r}; choose one of {', '.join(choices)}")
    return value.strip().upper()


def iso_date(name: str, value: str | None) -> str | None:
    """A date parameter as the store compares it (YYYY-MM-DD, YYYY-MM or YYYY); 400 for any other."""
    if value is None:
        return None
    try:
        return parse_iso_date(value)
    except ValueError:
        raise BadRequest(f"{name}: {value!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)") from None


def resolve_ids(store: Store, name: str | None) -> list[int] | None:
    """Entity ids a name (or numeric id) refers to, as the CLI resolves --actor/--holder/--speaker."""
    if not name:
        return None
    if name.isdigit():
        found = [e for e in [store.get_entity(int(name))] if e]
    else:
        found = find_entities(store, name)
    if not found:
        raise NotFound(f"no entity named {name!r}")
    return [e["id"] for e in found]


@router.get("/articles", summary="Articles, newest first (without text)")
def articles(request: Request, limit: int = Limit, offset: int = Offset,
             all_revisions: bool = Query(False, description="Include earlier revisions of changed articles."),
             store: Store = Depends(use_store)) -> dict[str, Any]:
    rows = store.list_articles(limit=limit + 1, offset=offset, all_revisions=all_revisions)
    return page(request, [record("article", a, drop=("text",)) for a in rows], limit, offset, fetched_extra=True)


@router.get("/articles/{article_id}", name="api_article", summary="One article with its clean text")
def article(request: Request, article_id: int,
            store: Store = Depends(use_store)) -> dict[str, Any]:
    a = found(store.get_article(article_id), "article", article_id)
    return record("article", a)


@router.get("/entities", summary="Canonical entities, most mentioned first")
def entities(request: Request,
             type: str | None = Query(None, description=f"One type, in any case: {', '.join(ENTITY_TYPES)}."),
             q: str | None = Query(None, description="Entities this name refers to (canonical resolution)."),
             limit: int = Limit, offset: int = Offset,
             store: Store = Depends(use_store)) -> dict[str, Any]:
    type = one_of("entity", type, ENTITY_TYPES)
    if q:
        rows = [e for e in find_entities(store, q) if not type or e["type"] == type.upper()][offset:offset + limit + 1]
    else:
        rows = store.list_entities(type=type, limit=limit + 1, offset=offset)
    return page(request, [record("entity", with_former(e)) for e in rows], limit, offset, fetched_extra=True)


@router.get("/entities/{entity_id}", summary="One entity with its mentions (oldest first)")
def entity(request: Request, entity_id: int, mentions: int = Query(20, ge=0, le=MAX_LIMIT),
           store: Store = Depends(use_store)) -> dict[str, Any]:
    e = found(store.get_entity(entity_id), "entity", entity_id)
    rows = store.entity_mentions(entity_id, limit=mentions) if mentions else []
    return record("entity", with_former(e)) | {"mentions": [record("mention", m) for m in rows]}


@router.get("/quotes", summary="Quotes with their resolved speakers")
def quotes(request: Request, speaker: str | None = Query(None, description="Name or entity id."),
           article: int | None = None, limit: int = Limit, offset: int = Offset, all_: str | None = ALL,
           store: Store = Depends(use_store)) -> dict[str, Any]:
    """Each quote with its ``confidence`` and the outlet the speaker spoke to (``channel``), null when unknown."""
    rows = store.list_quotes(speaker_ids=resolve_ids(store, speaker), article_id=article, limit=limit + 1,
                             offset=offset, min_confidence=threshold(request, all_))
    return page(request, [record("quote", q) for q in rows], limit, offset, fetched_extra=True)


@router.get("/events", summary="PLOVER events with their evidence, oldest first")
def events(request: Request, actor: str | None = Query(None, description="Name or entity id."),
           type: str | None = Query(None, description=f"One PLOVER type, in any case: {', '.join(PLOVER_TYPES)}."),
           since: str | None = Query(None, description="Events dated on or after: YYYY-MM-DD, YYYY-MM or YYYY."),
           article: int | None = None, limit: int = Limit, offset: int = Offset, all_: str | None = ALL,
           store: Store = Depends(use_store)) -> dict[str, Any]:
    type, since = one_of("event", type, PLOVER_TYPES), iso_date("since", since)
    rows = store.list_events(actor_ids=resolve_ids(store, actor), type=type, since=since, article_id=article,
                             limit=offset + limit + 1, min_confidence=threshold(request, all_))[offset:]
    return page(request, [record("event", e) for e in rows], limit, offset, fetched_extra=True)


@router.get("/positions", summary="Positions: holder, proposition, stance, date, evidence")
def positions(request: Request, holder: str | None = Query(None, description="Name or entity id."),
              about: str | None = Query(None, description="Free text: only positions on propositions about "
                                                          "it, the most similar first."),
              limit: int = Limit, offset: int = Offset, all_: str | None = ALL,
              store: Store = Depends(use_store)) -> dict[str, Any]:
    rows = confident_positions(store, about, holder_ids=resolve_ids(store, holder), limit=offset + limit + 1,
                               min_confidence=threshold(request, all_))[offset:]
    return page(request, [record("position", p) for p in rows], limit, offset, fetched_extra=True)


@router.get("/propositions", summary="Propositions that can be tracked, with their positions, holders and changes")
def propositions(request: Request,
                 about: str | None = Query(None, description="Free text: only the propositions about it, "
                                                             "the most similar first."),
                 holder: str | None = Query(None, description="Only the positions this entity holds."),
                 entity: str | None = Query(None, description="Only the propositions about this entity."),
                 story: int | None = Query(None, description="Only the positions read in this story."),
                 limit: int = Limit, offset: int = Offset, all_: str | None = ALL,
                 store: Store = Depends(use_store)) -> dict[str, Any]:
    """Each ``{proposition_key, proposition, positions, holders, changes, for, against, first_date,
    last_date, holder_names}``, the most holders first (then positions, then changes); counting only
    the positions and changes over the confidence threshold unless ``all=1``."""
    rows = list_propositions(store, about=about, limit=limit + 1, offset=offset,
                             min_confidence=threshold(request, all_), holder=holder, entity=entity, story_id=story)
    return page(request, rows, limit, offset, fetched_extra=True)


@router.get("/changes", summary="Position changes derived from the stored positions")
def changes(request: Request,
            since: str | None = Query(None, description="Changes whose new stance is dated on or after: "
                                                        "YYYY-MM-DD, YYYY-MM or YYYY."),
            holder: str | None = None, limit: int = Limit, offset: int = Offset, all_: str | None = ALL,
            store: Store = Depends(use_store)) -> dict[str, Any]:
    """Each change with its ``confidence``: the lower of its two positions' (null when neither has one)."""
    rows = store.list_changes(since=iso_date("since", since), holder_ids=resolve_ids(store, holder),
                              min_confidence=threshold(request, all_))
    return page(request, [record("change", c) for c in rows[offset:offset + limit + 1]], limit, offset,
                fetched_extra=True)


@router.get("/stories", summary="Stories: articles grouped by text, shared entities and time")
def stories(request: Request, limit: int = Limit, offset: int = Offset,
            store: Store = Depends(use_store)) -> dict[str, Any]:
    rows = store.list_stories(limit=limit + 1, offset=offset)
    return page(request, [record("story", s) for s in rows], limit, offset, fetched_extra=True)


@router.get("/stories/{story_id}", summary="One story")
def story(request: Request, story_id: int,
          store: Store = Depends(use_store)) -> dict[str, Any]:
    s = found(store.get_story(story_id), "story", story_id)
    return record("story", s)


@router.get("/timeline", summary="Dated entries (events, positions, quotes) with their source sentences")
def timeline(request: Request, story: int | None = None, entity: str | None = None, about: str | None = None,
             format: Literal["json", "timelinejs"] = "json",
             limit: int = Query(500, ge=1, le=5000), all_: str | None = ALL,
             max: int = Query(MAX_SLIDES, ge=1, le=1000, description="TimelineJS: at most this many slides "
                                                                      "(changes and positions first, then the "
                                                                      "quotes and events most articles report)."),
             store: Store = Depends(use_store)) -> dict[str, Any]:
    if sum(x is not None for x in (story, entity, about)) > 1:
        raise BadRequest("choose one of story, entity, about")
    tl = build_timeline(store, story=story, entity=entity, about=about, limit=limit,
                        min_confidence=threshold(request, all_))
    return to_timelinejs(tl, max_slides=max) if format == "timelinejs" else tl


@router.get("/search", summary="Full-text search over articles")
def search(request: Request, q: str = Query(..., min_length=1), limit: int = Query(20, ge=1, le=200),
           store: Store = Depends(use_store)) -> dict:
    rows = store.search(q, limit=limit)
    return {"query": q, "items": rows}


@router.get("/export", summary="Every record as JSONL, one readable table as CSV, or a zip of the tables (streamed)")
def export(request: Request, format: Literal["jsonl", "csv", "zip", "contract-csv"] = "jsonl",
           kind: str | None = Query(None, description=f"One of: {', '.join(KINDS)}. CSV is one readable table "
                                                       f"({', '.join(TABLE_KINDS)}; default position); "
                                                       "contract-csv needs a kind."),
           story: int | None = Query(None, description="Only this story: its articles and their records."),
           min_confidence: str | None = Query(None, description="Only quotes, events, positions and changes "
                                                                "at least this confident (0-1), and those of "
                                                                "unknown confidence (default: every record)."),
           store: Store = Depends(use_store)):
    at = confidence_param("min_confidence", min_confidence)
    if kind is not None and kind not in KINDS:
        raise BadRequest(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")
    if format == "contract-csv" and kind is None:
        raise BadRequest("contract-csv needs a kind (one table per kind)")
    if format == "csv" and kind is not None and kind not in TABLE_KINDS:
        raise BadRequest(f"no readable table for {kind!r}; choose one of {', '.join(TABLE_KINDS)} "
                         "(or format=contract-csv)")
    stores = request.app.state.stores
    if story is not None and store.get_story(story) is None:
        raise NotFound(f"no story {story}")
    kinds = [kind] if kind else None
    scope = f"-story-{story}" if story is not None else ""
    if format == "jsonl":
        return StreamingResponse(_jsonl(stores, kinds, at, story), media_type="application/x-ndjson",
                                 headers={"Content-Disposition": f'attachment; filename="redline{scope}.jsonl"'})
    if format == "zip":
        return StreamingResponse(_zip(stores, at, story), media_type="application/zip",
                                 headers={"Content-Disposition": f'attachment; filename="redline{scope}.zip"'})
    kind = kind or "position"
    return StreamingResponse(_csv(stores, kind, at, story, readable=format == "csv"),
                             media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="redline{scope}-{kind}.csv"'})


def _jsonl(stores, kinds, min_confidence: float | None, story: int | None) -> Iterator[str]:
    # A streamed body is iterated on worker threads that change between chunks:
    # it gets a store of its own rather than a thread's.
    from ..store import open_store

    store = open_store(stores.path)
    try:
        buf: list[str] = []
        for r in iter_records(store, kinds, min_confidence=min_confidence, story_id=story):
            buf.append(json.dumps(r, ensure_ascii=False) + "\n")
            if len(buf) >= 200:
                yield "".join(buf)
                buf = []
        yield "".join(buf)
    finally:
        store.close()


def _csv(stores, kind: str, min_confidence: float | None, story: int | None, *, readable: bool) -> Iterator[str]:
    from ..store import open_store

    store = open_store(stores.path)
    try:
        fh = io.StringIO()
        if readable:
            write_table(table_rows(store, kind, story_id=story, min_confidence=min_confidence), fh, kind)
        else:
            write_csv(iter_records(store, [kind], min_confidence=min_confidence, story_id=story), fh, kind)
        yield fh.getvalue()
    finally:
        store.close()


def _zip(stores, min_confidence: float | None, story: int | None) -> Iterator[bytes]:
    from ..store import open_store

    store = open_store(stores.path)
    try:
        fh = io.BytesIO()
        write_zip(store, fh, story_id=story, min_confidence=min_confidence)
        yield fh.getvalue()
    finally:
        store.close()