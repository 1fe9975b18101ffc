"""A story's time axis: timeline entries laid out as SVG marks at the time they were reported.

Layout is computed here, on the server, as SVG attributes (x, y, class): the
page's Content-Security-Policy forbids inline styles and scripts, and SVG
geometry needs neither.

- The axis is the time of reporting: a mark stands at its article's
  publication date. The date of what it mentions ("in 1989", "before 2022")
  is said in the mark's title and the table, and never stretches the axis: a
  story reported over two weeks is drawn over two weeks.
- Marks are shaped by kind (lanes: events, positions, quotes, so none hides
  another) and coloured by stance: a position for or against; events and
  quotes take no stance and are grey. The actor is a filter of the page.
- Tick labels never overlap: a tick whose label would run into the one
  before is left out.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

KINDS = ("event", "position", "quote")
PALETTE = 10
WIDTH, LEFT, RIGHT = 1000, 90, 20
LANE_H, TOP = 70, 30


def actor_of(e: dict[str, Any]) -> str:
    if e["kind"] == "position":
        return e.get("holder") or "?"
    if e["kind"] == "quote":
        return e.get("speaker") or "unresolved speaker"
    return next((a for a in e.get("actors") or [] if a), "unknown actor")


@dataclass
class Mark:
    entry: dict[str, Any]
    x: float
    y: float
    cls: str


@dataclass
class Axis:
    marks: list[Mark] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)
    lanes: list[tuple[float, str]] = field(default_factory=list)
    height: int = 0
    width: int = WIDTH
    actors: list[tuple[str, str]] = field(default_factory=list)  # (name, css class)


def outlet_of(e: dict[str, Any], articles: dict[int, dict[str, Any]]) -> str:
    return (articles.get(e.get("article_id")) or {}).get("source") or "unknown outlet"


def filter_entries(entries: list[dict], actor: str | None, kind: str | None, *, outlet: str | None = None,
                   since: str | None = None, until: str | None = None,
                   articles: dict[int, dict[str, Any]] | None = None) -> list[dict]:
    """The entries of one actor, kind and outlet, reported within [since, until] (ISO days)."""
    articles = articles or {}

    def keep(e: dict) -> bool:
        day = reported_on(e, articles) or ""
        return ((not kind or e["kind"] == kind) and (not actor or actor_of(e) == actor)
                and (not outlet or outlet_of(e, articles) == outlet)
                and (not since or (day and day >= since)) and (not until or (day and day <= until[:10] + "~")))

    return [e for e in entries if keep(e)]


def facets(entries: list[dict], articles: dict[int, dict[str, Any]]) -> dict[str, list[tuple[str, int]]]:
    """Datasette-style facets of the entries: each actor, kind and outlet with how many entries it has
    (the most first), and the range of reporting days."""
    days = sorted(d for d in (reported_on(e, articles) for e in entries) if d)
    return {"actor": Counter(actor_of(e) for e in entries).most_common(12),
            "kind": Counter(e["kind"] for e in entries).most_common(),
            "outlet": Counter(outlet_of(e, articles) for e in entries).most_common(12),
            "days": [(days[0], 0), (days[-1], 0)] if days else []}


def actor_classes(entries: list[dict]) -> dict[str, str]:
    counts = Counter(actor_of(e) for e in entries)
    ranked = [a for a, _ in counts.most_common()]
    return {a: (f"a{i}" if i < PALETTE else "aX") for i, a in enumerate(ranked)}


def _ticks(lo: dt.date, hi: dt.date, x_of) -> list[tuple[float, str]]:
    span = (hi - lo).days
    out = []
    if span <= 45:
        d = lo
        step = max(1, span // 8 or 1)
        while d <= hi:
            out.append((x_of(d), d.isoformat()))
            d += dt.timedelta(days=step)
        return out
    y, m = lo.year, lo.month
    every = 1 if span <= 400 else 3 if span <= 1200 else 12
    while dt.date(y, m, 1) <= hi:
        d = dt.date(y, m, 1)
        if d >= lo:
            out.append((x_of(d), d.strftime("%Y-%m")))
        m += every
        y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    return out


_CHAR_W = 6.6  # a tick label's character width in the axis's units (11px sans-serif, measured)
_LABEL_GAP = 8


def spaced(ticks: list[tuple[float, str]]) -> list[tuple[float, str]]:
    """The ticks whose labels (drawn from x + 2) do not run into the label before them."""
    out: list[tuple[float, str]] = []
    end = float("-inf")
    for x, label in ticks:
        if x + 2 >= end:
            out.append((x, label))
            end = x + 2 + len(label) * _CHAR_W + _LABEL_GAP
    return out


def reported_on(e: dict[str, Any], articles: dict[int, dict[str, Any]]) -> str | None:
    """The day an entry was reported: its article's publication date, else its own date."""
    published = (articles.get(e.get("article_id")) or {}).get("published")
    if published and len(published) >= 10:
        return published[:10]
    return e.get("sort_date")


def mark_class(e: dict[str, Any]) -> str:
    """A mark's CSS classes: its kind, its stance colour (positions) and a change's ring."""
    colour = f"stance-{e['stance']}" if e["kind"] == "position" and e.get("stance") else "nostance"
    return f"mark {e['kind']} {colour}" + (" change" if e.get("change") else "")


def layout(entries: list[dict], classes: dict[str, str], articles: dict[int, dict[str, Any]] | None = None) -> Axis:
    """The axis of ``entries``: each at the day it was reported (``reported_on``)."""
    articles = articles or {}
    dated = [(e, reported_on(e, articles)) for e in entries]
    dated = [(e, r) for e, r in dated if r]
    axis = Axis(actors=[(a, c) for a, c in classes.items()])
    axis.lanes = [(TOP + i * LANE_H + LANE_H / 2, k + "s") for i, k in enumerate(KINDS)]
    axis.height = TOP + len(KINDS) * LANE_H + 10
    if not dated:
        return axis
    days = [dt.date.fromisoformat(r) for _e, r in dated]
    lo, hi = min(days), max(days)
    pad = max(1, (hi - lo).days // 20)
    lo, hi = lo - dt.timedelta(days=pad), hi + dt.timedelta(days=pad)
    span = max(1, (hi - lo).days)

    def x_of(d: dt.date) -> float:
        return round(LEFT + (d - lo).days / span * (WIDTH - LEFT - RIGHT), 1)

    axis.ticks = spaced(_ticks(lo, hi, x_of))
    stack: Counter = Counter()
    for (e, _r), d in zip(dated, days):
        lane = KINDS.index(e["kind"]) if e["kind"] in KINDS else 0
        k = stack[(lane, d)]
        stack[(lane, d)] += 1
        # Marks on the same day stack vertically within their lane (then wrap), so none hides another.
        y = TOP + lane * LANE_H + 14 + (k % 5) * 10
        x = x_of(d) + (k // 5) * 7
        axis.marks.append(Mark(e, x, y, mark_class(e)))
    return axis
