"""A curated TimelineJS3 story of a timeline: what changed first, then what most sources report.

A TimelineJS slide show of every record is unreadable past a few dozen
slides, so the slides are chosen, at most ``max_slides`` (40 by default):

1. the positions that are a change, and the earlier positions they change from;
2. the other positions;
3. the quotes and events reported by the most articles (a quote's sources are
   the articles that print the same words), the more confident first.

The chosen slides are then shown in date order. Each cites its article by
title, outlet and date, with a link when the article has a web address. A date
known only to the year or the month stays so ("2024", "2024-11"): TimelineJS
is given no day it was not told.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from typing import Any

MAX_SLIDES = 40
_SAFE_URL = re.compile(r"^https?://", re.I)


def _start(e: dict[str, Any]) -> dict[str, int]:
    """TimelineJS's start_date at the precision of the entry's own date."""
    y, m, d = (int(x) for x in e["sort_date"].split("-"))
    date = e.get("date") or ""
    if re.fullmatch(r"\d{4}", date):
        return {"year": y}
    if re.fullmatch(r"\d{4}-\d{2}", date):
        return {"year": y, "month": m}
    return {"year": y, "month": m, "day": d}  # a full date, or a week (its Monday)


def _quote_sources(entries: list[dict[str, Any]]) -> Counter:
    """How many articles print each quote's words (case and spacing folded)."""
    seen: dict[str, set] = {}
    for e in entries:
        if e["kind"] == "quote":
            seen.setdefault(" ".join(e["sentence"].lower().split()), set()).add(e["article_id"])
    return Counter({k: len(v) for k, v in seen.items()})


def curate(tl: dict[str, Any], max_slides: int = MAX_SLIDES) -> list[dict[str, Any]]:
    """The entries the slides show: changes, positions, then the most reported quotes and events."""
    dated = [e for e in tl["entries"] if e.get("sort_date")]
    ends = {c[end].get("position_id") for c in tl.get("changes") or [] for end in ("from", "to")}
    quotes = _quote_sources(dated)

    def sources(e: dict[str, Any]) -> int:
        if e["kind"] == "quote":
            return quotes[" ".join(e["sentence"].lower().split())]
        return e.get("sources") or 1

    def rank(e: dict[str, Any]) -> tuple:
        if e["kind"] == "position":
            tier = 0 if e.get("change") or e.get("position_id") in ends else 1
        else:
            tier = 2
        return (tier, -sources(e), -(e.get("confidence") or 0.0), e["sort_date"], e["article_id"], e["start"])

    chosen, said = [], set()
    for e in sorted(dated, key=rank):
        if len(chosen) >= max_slides:
            break
        if e["kind"] == "quote":  # the same words from several articles are one slide
            words = " ".join(e["sentence"].lower().split())
            if words in said:
                continue
            said.add(words)
        chosen.append(e)
    return sorted(chosen, key=lambda e: (e["sort_date"], e["article_id"], e["start"]))


def _citation(tl: dict[str, Any], article_id: int) -> str:
    a = (tl.get("articles") or {}).get(article_id) or {}
    title = html.escape(a.get("title") or f"article #{article_id}")
    if a.get("url") and _SAFE_URL.match(a["url"]):
        title = f'<a href="{html.escape(a["url"], quote=True)}">{title}</a>'
    rest = ", ".join(html.escape(x) for x in (a.get("source"), a.get("published")) if x)
    return f'<p class="source">{title}{", " + rest if rest else ""}</p>'


def to_timelinejs(tl: dict[str, Any], max_slides: int = MAX_SLIDES) -> dict[str, Any]:
    """TimelineJS3 JSON: a title slide and at most ``max_slides`` curated slides (``curate``)."""
    if max_slides < 1:
        raise ValueError(f"max slides must be at least 1, got {max_slides}")
    events = []
    for e in curate(tl, max_slides):
        group = e["kind"] + (" (change)" if e.get("change") else "")
        slide = {
            "start_date": _start(e),
            "text": {"headline": html.escape(e["headline"]),
                     "text": f"<p>{html.escape(e['sentence'])}</p>{_citation(tl, e['article_id'])}"},
            "group": group,
            "unique_id": f"{e['kind']}-{e.get('event_id') or e.get('position_id') or e.get('quote_id')}",
        }
        if e.get("date") and not re.fullmatch(r"\d{4}(-\d{2}){0,2}", e["date"]):
            slide["display_date"] = html.escape(e["date"])  # "2024-W46": said as the week it is
        events.append(slide)
    shown = len(events)
    total = len([e for e in tl["entries"] if e.get("sort_date")])
    note = f"{shown} of {total} dated records" + (" (changes and positions first, then the most reported)"
                                                   if shown < total else "")
    return {"title": {"text": {"headline": html.escape(tl["title"]), "text": f"redline timeline: {note}"}},
            "events": events}
