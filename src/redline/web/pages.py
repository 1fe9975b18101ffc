"""Page routes at stable addresses: /, /stories/{id}, /positions, /entities/{id}, /articles/{id}, /search.

Every handler reads through the store's public methods, with a LIMIT wherever
a page shows a bounded list, and hands plain data to an autoescaped template.
"""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from ..server.deps import use_store
from ..link.entities import find_entities
from ..store import Store
from ..errors import NotFound, found
from ..query.timeline import build_timeline
from . import evidence, storyview
from .highlight import article_spans, parse_hl, segments
from ..query.propositions import list_propositions
from ..query.tracker import build_tracker

router = APIRouter(include_in_schema=False)

AXIS_ENTRIES = 1000  # timeline entries drawn on a story's axis
TABLE_ROWS = 200  # of which listed in the table below it
EVIDENCE_PER_CELL = 12  # positions listed under one tracker cell
PROPOSITION_ROWS = 100  # propositions listed on the tracker page before a question is asked


def render(request: Request, name: str, **ctx: Any) -> HTMLResponse:
    html = request.app.state.templates.get_template(name).render(request=request, **ctx)
    return HTMLResponse(html)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, offset: int = Query(0, ge=0),
         store: Store = Depends(use_store)) -> HTMLResponse:
    limit = 50
    stories = store.list_stories(limit=limit + 1, offset=offset)
    changes = sorted(store.list_changes(), key=lambda c: c["to"].get("date") or "", reverse=True)[:20]
    return render(request, "index.html", stories=stories[:limit], more=len(stories) > limit, offset=offset,
                  limit=limit, changes=changes, articles=store.list_articles(limit=10),
                  total=store.count_articles())


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: int, actor: str | None = None, kind: str | None = None,
          store: Store = Depends(use_store)) -> HTMLResponse:
    st = found(store.get_story(story_id), "story", story_id)
    tl = build_timeline(store, story=story_id, limit=AXIS_ENTRIES)
    classes = storyview.actor_classes(tl["entries"])
    shown = storyview.filter_entries(tl["entries"], actor or None, kind or None)
    axis = storyview.layout(shown, classes)
    # Every entry goes on the axis; the table below lists the first ones (a big
    # story has thousands: the filters, or the JSON and TimelineJS exports, give the rest).
    articles = [a for a in (store.get_article(i) for i in st["article_ids"][:50]) if a]
    return render(request, "story.html", story=st, tl=tl, axis=axis, entries=shown[:TABLE_ROWS], total=len(shown),
                  classes=classes,
                  actor=actor or "", kind=kind or "", kinds=storyview.KINDS, actor_of=storyview.actor_of,
                  articles=articles)


@router.get("/positions", response_class=HTMLResponse)
def positions(request: Request, about: str | None = None,
              store: Store = Depends(use_store)) -> HTMLResponse:
    """The tracker for ``about``; without one, the propositions that can be tracked, each a link."""
    if about and about.strip():
        return render(request, "positions.html", about=about, tracker=build_tracker(store, about),
                      per_cell=EVIDENCE_PER_CELL, propositions=[], more=False)
    props = list_propositions(store, limit=PROPOSITION_ROWS + 1)
    return render(request, "positions.html", about="", tracker=None, per_cell=EVIDENCE_PER_CELL,
                  propositions=props[:PROPOSITION_ROWS], more=len(props) > PROPOSITION_ROWS)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, entity_id: int,
           store: Store = Depends(use_store)) -> HTMLResponse:
    e = found(store.get_entity(entity_id), "entity", entity_id)
    mentions = store.entity_mentions(entity_id, limit=300)
    seen: dict[int, dict] = {}
    for m in mentions:
        seen.setdefault(m["article_id"], {"id": m["article_id"], "title": m.get("title"),
                                          "published": m.get("published"), "mentions": 0})["mentions"] += 1
    roles = sorted(e.get("roles") or [], key=lambda r: (r.get("first_seen") or "", r.get("last_seen") or ""))
    return render(request, "entity.html", e=e, roles=roles,
                  positions=store.list_positions(holder_ids=[entity_id], limit=200),
                  quotes=store.list_quotes(speaker_ids=[entity_id], limit=100),
                  events=store.list_events(actor_ids=[entity_id], limit=100),
                  changes=store.list_changes(holder_ids=[entity_id]),
                  articles=list(seen.values()), mentions=mentions[:30])


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: int, hl: str | None = None,
            pos: int | None = Query(None, description="Highlight the evidence of this position."),
            store: Store = Depends(use_store)) -> HTMLResponse:
    a = found(store.get_article(article_id), "article", article_id)
    span = parse_hl(hl, len(a["text"]))
    quotes = store.list_quotes(article_id=article_id, limit=None)
    ev = evidence.in_article(store, article_id)
    if span is None and pos is not None:
        span = next(((x["start"], x["end"]) for x in ev if x["kind"] == "position" and x["id"] == pos), None)
        if span is None:
            raise NotFound(f"article {article_id} has no position {pos}")
    segs = segments(a["text"], article_spans(store.list_mentions(article_id=article_id), quotes, ev, span))
    return render(request, "article.html", a=a, segments=segs, quotes=quotes, evidence=ev, hl=span)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = "",
           store: Store = Depends(use_store)) -> HTMLResponse:
    q = q.strip()
    hits = [dict(h, pieces=snippet_pieces(h.get("snippet") or "")) for h in store.search(q, limit=50)] if q else []
    ents = find_entities(store, q)[:12] if q else []
    return render(request, "search.html", q=q, hits=hits, entities=ents)


def snippet_pieces(snippet: str) -> list[tuple[str, bool]]:
    """FTS5 wraps matches in <b></b>; split on those markers so every piece is escaped
    by the template and only our own <b> tags are emitted (always balanced)."""
    out: list[tuple[str, bool]] = []
    for i, part in enumerate(snippet.split("<b>")):
        inside, _, after = part.partition("</b>") if i else ("", "", part)
        if inside:
            out.append((inside, True))
        if after:
            out.append((after, False))
    return out
