"""A story's time axis: timeline entries laid out as SVG marks, coloured by actor.

Layout is computed here, on the server, as SVG attributes (x, y, class): the
page's Content-Security-Policy forbids inline styles and scripts, and SVG
geometry needs neither. Colours come from CSS classes ``a0``..``a9``, one per
actor in order of frequency (the rest share one neutral colour). Lanes are the
entry kinds, so events, positions and quotes never hide one another.
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


def filter_entries(entries: list[dict], actor: str | None, kind: str | None) -> list[dict]:
    return [e for e in entries if (not kind or e["kind"] == kind) and (not actor or actor_of(e) == actor)]


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


def layout(entries: list[dict], classes: dict[str, str]) -> Axis:
    dated = [e for e in entries if e.get("sort_date")]
    axis = Axis(actors=[(a, c) for a, c in classes.items()])
    axis.lanes = [(TOP + i * LANE_H + LANE_H / 2, k + "s") for i, k in enumerate(KINDS)]
    axis.height = TOP + len(KINDS) * LANE_H + 10
    if not dated:
        return axis
    days = [dt.date.fromisoformat(e["sort_date"]) for e in dated]
    lo, hi = min(days), max(days)
    pad = max(1, (hi - lo).days // 20)
    lo, hi = lo - dt.timedelta(days=pad), hi + dt.timedelta(days=pad)
    span = max(1, (hi - lo).days)

    def x_of(d: dt.date) -> float:
        return round(LEFT + (d - lo).days / span * (WIDTH - LEFT - RIGHT), 1)

    axis.ticks = _ticks(lo, hi, x_of)
    stack: Counter = Counter()
    for e, d in zip(dated, days):
        lane = KINDS.index(e["kind"]) if e["kind"] in KINDS else 0
        k = stack[(lane, d)]
        stack[(lane, d)] += 1
        # Marks on the same day stack vertically within their lane (then wrap), so none hides another.
        y = TOP + lane * LANE_H + 14 + (k % 5) * 10
        x = x_of(d) + (k // 5) * 7
        cls = f"mark {e['kind']} {classes.get(actor_of(e), 'aX')}" + (" change" if e.get("change") else "")
        axis.marks.append(Mark(e, x, y, cls))
    return axis
