"""Page routes at stable addresses: /, /stories/{id}, /positions, /entities/{id}, /articles/{id}, /search.

Every handler reads through the store's public methods, with a LIMIT wherever
a page shows a bounded list, and hands plain data to an autoescaped template.
Pages show the records at least as confident as the app's threshold (and those
of unknown confidence), say how many they hide, and link to ``?all=1``, which
shows everything.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from ..server.deps import use_store
from ..server.errors import BadRequest
from ..server.params import ALL, show_all
from ..link.entities import find_entities
from ..store import Store
from ..errors import NotFound, found
from ..query.confidence import split
from ..query.timeline import build_timeline
from . import evidence, storyview
from .highlight import SHOW, article_spans, paragraphs, parse_hl, parse_show, segments
from ..query.propositions import holder_facet, proposition_table
from ..query.watch import look
from ..query.tracker import build_tracker

router = APIRouter(include_in_schema=False)

AXIS_ENTRIES = 1000  # timeline entries drawn on a story's axis
TABLE_ROWS = 200  # of which listed in the table below it
EVIDENCE_PER_CELL = 12  # positions listed under one tracker cell
PROPOSITION_ROWS = 100  # propositions listed on the tracker page before a question is asked


@dataclass
class View:
    """How a page filters by confidence: ``min_confidence`` (None with ``?all=1``), the app's
    threshold, and the addresses of this page with and without ``all=1``."""

    show_all: bool
    threshold: float
    all_url: str
    confident_url: str

    @property
    def min_confidence(self) -> float | None:
        return None if self.show_all else self.threshold


def view_of(request: Request, all_: str | None) -> View:
    """The page's confidence view (``?all=``: 400 unless a yes or a no)."""
    everything = show_all(all_)
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "all"]

    def url(extra: list[tuple[str, str]]) -> str:
        query = urlencode(params + extra)
        return request.url.path + (f"?{query}" if query else "")

    return View(everything, request.app.state.min_confidence, url([("all", "1")]), url([]))


def render(request: Request, name: str, **ctx: Any) -> HTMLResponse:
    html = request.app.state.templates.get_template(name).render(request=request, **ctx)
    return HTMLResponse(html)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, offset: int = Query(0, ge=0), all_: str | None = ALL,
         store: Store = Depends(use_store)) -> HTMLResponse:
    limit = 50
    view = view_of(request, all_)
    stories = store.list_stories(limit=limit + 1, offset=offset)
    changes, hidden = split(store.list_changes(), view.min_confidence)
    changes = sorted(changes, key=lambda c: c["to"].get("date") or "", reverse=True)[:20]
    # what is new on each watch since the analyst's last look (a peek: the page moves no mark)
    watches = look(store, min_confidence=view.min_confidence, peek=True)
    return render(request, "index.html", stories=stories[:limit], more=len(stories) > limit, offset=offset,
                  limit=limit, changes=changes, articles=store.list_articles(limit=10),
                  total=store.count_articles(), view=view, hidden=hidden, watches=watches)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: int, actor: str | None = None, kind: str | None = None,
          outlet: str | None = None, since: str | None = None, until: str | None = None,
          all_: str | None = ALL, store: Store = Depends(use_store)) -> HTMLResponse:
    view = view_of(request, all_)
    st = found(store.get_story(story_id), "story", story_id)
    for name, value in (("since", since), ("until", until)):
        if value and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value.strip()):
            raise BadRequest(f"{name} must be a date (YYYY-MM-DD, YYYY-MM or YYYY), got {value!r}")
    tl = build_timeline(store, story=story_id, limit=AXIS_ENTRIES, min_confidence=view.min_confidence)
    classes = storyview.actor_classes(tl["entries"])
    narrowed = {"actor": actor or None, "kind": kind or None, "outlet": outlet or None,
                "since": (since or "").strip() or None, "until": (until or "").strip() or None}
    shown = storyview.filter_entries(tl["entries"], narrowed["actor"], narrowed["kind"], outlet=narrowed["outlet"],
                                     since=narrowed["since"], until=narrowed["until"], articles=tl.get("articles"))
    facet_links = _facet_links(request, story_id, storyview.facets(shown, tl.get("articles") or {}))
    axis = storyview.layout(shown, classes, tl.get("articles"))
    # Every entry goes on the axis; the table below lists the first ones (a big
    # story has thousands: the filters, or the JSON and TimelineJS exports, give the rest).
    articles = [a for a in (store.get_article(i) for i in st["article_ids"][:50]) if a]
    return render(request, "story.html", story=st, tl=tl, axis=axis, entries=shown[:TABLE_ROWS], total=len(shown),
                  classes=classes,
                  actor=actor or "", kind=kind or "", kinds=storyview.KINDS, actor_of=storyview.actor_of,
                  facets=facet_links, narrowed=narrowed,
                  reported_on=storyview.reported_on,
                  articles=articles, view=view, hidden=tl["hidden"])


@router.get("/positions", response_class=HTMLResponse)
def positions(request: Request, about: str | None = None, holder: str | None = None, entity: str | None = None,
              story: str | None = None, all_: str | None = ALL,
              store: Store = Depends(use_store)) -> HTMLResponse:
    """The tracker for ``about``; without one, the propositions that can be tracked, each a link,
    filtered by holder, by an entity they are about, and by story."""
    view = view_of(request, all_)
    filters = {"holder": (holder or "").strip() or None, "entity": (entity or "").strip() or None,
               "story": int(story) if story and story.strip().isdigit() else None}
    common = {"per_cell": EVIDENCE_PER_CELL, "view": view, "filters": filters,
              "stories": store.list_stories(limit=200), "filter_error": None}
    if story and story.strip() and filters["story"] is None:
        common["filter_error"] = f"story must be a story's number, not {story.strip()!r}"
    if about and about.strip():
        tracker = build_tracker(store, about, min_confidence=view.min_confidence)
        return render(request, "positions.html", about=about, tracker=tracker, propositions=[], more=False,
                      hidden=tracker.hidden, **common)
    facet: list[tuple[str, int, str]] = []
    try:
        props, hidden = proposition_table(store, limit=PROPOSITION_ROWS + 1, min_confidence=view.min_confidence,
                                          holder=filters["holder"], entity=filters["entity"],
                                          story_id=filters["story"])
        keep = {k: v for k, v in request.query_params.items() if v}
        facet = [(name, n, f"/positions?{urlencode({**keep, 'holder': name})}")
                 for name, n in holder_facet(store, holder=filters["holder"], entity=filters["entity"],
                                             story_id=filters["story"], min_confidence=view.min_confidence)]
    except NotFound as err:  # an unknown name filters everything out, and says why
        props, hidden, common["filter_error"] = [], 0, str(err)
    common["holder_facet"] = facet
    return render(request, "positions.html", about="", tracker=None, propositions=props[:PROPOSITION_ROWS],
                  more=len(props) > PROPOSITION_ROWS, hidden=hidden, **common)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, entity_id: int, all_: str | None = ALL,
           store: Store = Depends(use_store)) -> HTMLResponse:
    view = view_of(request, all_)
    e = found(store.get_entity(entity_id), "entity", entity_id)
    mentions = store.entity_mentions(entity_id, limit=300)
    seen: dict[int, dict] = {}
    for m in mentions:
        seen.setdefault(m["article_id"], {"id": m["article_id"], "title": m.get("title"),
                                          "published": m.get("published"), "mentions": 0})["mentions"] += 1
    roles = sorted(e.get("roles") or [], key=lambda r: (r.get("first_seen") or "", r.get("last_seen") or ""))
    at = view.min_confidence
    positions, hidden_positions = split(store.list_positions(holder_ids=[entity_id], limit=200), at)
    quotes, hidden_quotes = split(store.list_quotes(speaker_ids=[entity_id], limit=100), at)
    events, hidden_events = split(store.list_events(actor_ids=[entity_id], limit=100), at)
    changes, hidden_changes = split(store.list_changes(holder_ids=[entity_id]), at)
    return render(request, "entity.html", e=e, roles=roles, positions=positions, quotes=quotes, events=events,
                  changes=changes, articles=list(seen.values()), mentions=mentions[:30], view=view,
                  hidden=hidden_positions + hidden_quotes + hidden_events + hidden_changes)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: int, hl: str | None = None,
            pos: int | None = Query(None, description="Highlight the evidence of this position."),
            show: str | None = Query(None, description="The one kind to highlight: evidence (default), "
                                                       "quotes, entities or none."),
            all_: str | None = ALL, store: Store = Depends(use_store)) -> HTMLResponse:
    view = view_of(request, all_)
    shown_kind = parse_show(show)
    a = found(store.get_article(article_id), "article", article_id)
    span = parse_hl(hl, len(a["text"]))
    quotes, hidden_quotes = split(store.list_quotes(article_id=article_id, limit=None), view.min_confidence)
    every = evidence.in_article(store, article_id)
    ev, hidden_evidence = split(every, view.min_confidence)
    if span is None and pos is not None:  # a link to a hidden position still finds its sentence
        span = next(((x["start"], x["end"]) for x in every if x["kind"] == "position" and x["id"] == pos), None)
        if span is None:
            raise NotFound(f"article {article_id} has no position {pos}")
    segs = segments(a["text"], article_spans(store.list_mentions(article_id=article_id), quotes, ev, span,
                                             shown_kind))
    return render(request, "article.html", a=a, paragraphs=paragraphs(segs), quotes=quotes, evidence=ev, hl=span,
                  view=view, show_links=_show_links(request, article_id, shown_kind),
                  hidden=hidden_quotes + len({(x["kind"], x["id"]) for x in every if x not in ev}))


def _facet_links(request: Request, story_id: int, facets: dict) -> dict[str, list[tuple[str, int, str]]]:
    """Each facet value with its count and the page's address narrowed to it (the other filters kept)."""
    keep = {k: v for k, v in request.query_params.items() if v}
    return {name: [(value, n, f"/stories/{story_id}?{urlencode({**keep, name: value})}") for value, n in values]
            for name, values in facets.items() if name != "days"} | {"days": facets.get("days", [])}


def _show_links(request: Request, article_id: int, shown_kind: str) -> list[tuple[str, str, str | None]]:
    """(kind, its span class, the link that shows it; None for the kind shown), keeping the page's
    other parameters (the highlight, ``all``)."""
    keep = {k: v for k, v in request.query_params.items() if k in ("hl", "pos", "all")}
    return [(k, SHOW[k] or "", None if k == shown_kind else f"/articles/{article_id}?{urlencode({**keep, 'show': k})}")
            for k in SHOW]


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
