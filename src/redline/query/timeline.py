"""Timelines: dated entries (events, positions, quotes), each with its source sentence.

``build_timeline`` selects by story, entity or free text, with the title,
outlet and URL of every article it cites; ``query.timelinejs`` writes a
curated TimelineJS3 story of it, and ``to_html`` one self-contained page (every
piece of article text escaped: article text is hostile input).
"""
from __future__ import annotations

import html
import json
from typing import Any

from ..link.about import positions_about
from ..link.entities import find_entities
from ..store import Store
from ..store.dates import sort_date
from .confidence import speaker_label, split
from .timelinejs import MAX_SLIDES, to_timelinejs


def _entry(kind: str, date: str | None, headline: str, sentence: str, article_id: int, start: int, end: int,
           **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "date": date, "sort_date": sort_date(date), "headline": headline, "sentence": sentence.strip(),
            "article_id": article_id, "start": start, "end": end, **extra}


def _event_entries(events: list[dict]) -> list[dict]:
    out = []
    for e in events:
        who = ", ".join(filter(None, e.get("actor_names") or [])) or "someone"
        whom = ", ".join(filter(None, e.get("recipient_names") or []))
        head = f"{who}: {'NOT ' if e['negated'] else ''}{e['type']} ({e.get('trigger') or ''})" + (f" → {whom}" if whom else "")
        evidence = e.get("evidence") or []
        for ev in evidence:
            out.append(_entry("event", (e.get("date") or {}).get("start"), head, ev["sentence"], ev["article_id"],
                              ev["start"], ev["end"], event_id=e["id"], type=e["type"], actors=e.get("actor_names"),
                              modality=e["modality"], confidence=e.get("confidence"),
                              sources=len({x.get("article_id") for x in evidence})))
            break  # one entry per event, with its first evidence
    return out


def _position_entries(positions: list[dict]) -> list[dict]:
    return [_entry("position", p.get("date"), f"{p['holder_name']} {p['stance']}: {p['proposition']}"
                   + (f" ({p['qualifier']})" if p.get("qualifier") else ""), p["evidence"]["sentence"],
                   p["article_id"], p["evidence"]["start"], p["evidence"]["end"], position_id=p["id"],
                   holder=p["holder_name"], stance=p["stance"], proposition_key=p["proposition_key"],
                   confidence=p.get("confidence"))
            for p in positions if p.get("date")]


def _quote_entries(store: Store, quotes: list[dict]) -> list[dict]:
    out = []
    for q in quotes:
        a = q.get("published")
        text = q["text"] if len(q["text"]) < 240 else q["text"][:239] + "…"
        out.append(_entry("quote", a, f"{speaker_label(q)}: “{text}”",
                          q["text"], q["article_id"], q["start"], q["end"], quote_id=q["id"],
                          speaker=q.get("speaker_name"), channel=q.get("channel"), confidence=q.get("confidence")))
    return out


def build_timeline(store: Store, *, story: int | None = None, entity: str | None = None, about: str | None = None,
                   limit: int = 500, min_confidence: float | None = None) -> dict[str, Any]:
    """Entries sorted by date, plus the changes among them and a title.

    ``min_confidence``: only the records at least that confident (or of unknown
    confidence: ``query.confidence``); ``hidden`` counts the entries and changes left out."""
    tl = _timeline(store, story=story, entity=entity, about=about, limit=limit)
    entries, hidden = split(tl["entries"], min_confidence)
    changes, hidden_changes = split(tl["changes"], min_confidence)
    changed = {(c["to"]["position_id"]) for c in changes}
    for e in entries:
        if e.get("position_id") in changed:
            e["change"] = True
    entries = entries[:limit]
    ids = {e["article_id"] for e in entries} | {c[end].get("article_id") for c in changes for end in ("from", "to")}
    return {"title": tl["title"], "entries": entries, "changes": changes, "hidden": hidden + hidden_changes,
            "min_confidence": min_confidence, "articles": _articles(store, ids)}


def _articles(store: Store, ids) -> dict[int, dict[str, Any]]:
    """Title, outlet, URL and date of each article the timeline cites, by id."""
    out = {}
    for i in sorted(x for x in ids if x is not None):
        a = store.get_article(i) or {}
        out[i] = {"title": a.get("title"), "source": a.get("source"), "url": a.get("url"),
                  "published": a.get("published")}
    return out


def article_label(tl: dict[str, Any], article_id: int | None) -> str:
    """How a timeline names an article: its title and outlet ("Levy vote delayed, Harbour Wire"),
    falling back to its number when it has neither."""
    a = (tl.get("articles") or {}).get(article_id) or {}
    words = [w for w in (a.get("title"), a.get("source")) if w]
    return ", ".join(words) if words else f"article #{article_id}"


def _timeline(store: Store, *, story: int | None, entity: str | None, about: str | None,
              limit: int) -> dict[str, Any]:
    """Every entry (up to ``limit`` of each kind) and change, whatever their confidence."""
    title = "Timeline"
    entries: list[dict] = []
    changes: list[dict] = []
    if story is not None:
        from ..errors import found

        st = found(store.get_story(story), "story", story)
        title = st.get("title") or f"Story {story}"
        entries += _event_entries(store.list_events(story_id=story, limit=limit))
        entries += _quote_entries(store, store.list_quotes(story_id=story, limit=limit))
        entries += _position_entries(store.list_positions(story_id=story, limit=limit))
        changes = store.list_changes(story_id=story)
    elif entity:
        found = find_entities(store, entity)
        if not found:
            from ..errors import NotFound

            raise NotFound(f"no entity named {entity!r}")
        title = found[0]["name"]
        ids = [e["id"] for e in found]
        entries += _event_entries(store.list_events(actor_ids=ids, limit=limit))
        entries += _position_entries(store.list_positions(holder_ids=ids, limit=limit))
        entries += _quote_entries(store, store.list_quotes(speaker_ids=ids, limit=limit))
        changes = store.list_changes(holder_ids=ids)
    elif about:
        title = about
        positions = positions_about(store, about, limit=limit)
        entries += _position_entries(positions)
        keys = {p["proposition_key"] for p in positions}
        changes = store.list_changes(proposition_keys=sorted(keys))
    else:
        entries += _event_entries(store.list_events(limit=limit))
        entries += _position_entries(store.list_positions(limit=limit))
        changes = store.list_changes()
    entries.sort(key=lambda e: (e["sort_date"] is None, e["sort_date"] or "", e["article_id"], e["start"]))
    return {"title": title, "entries": entries, "changes": changes}


def hidden_note(tl: dict[str, Any]) -> str | None:
    """What the threshold left out of a timeline, in words (None when nothing)."""
    if not tl.get("hidden"):
        return None
    n = tl["hidden"]
    return f"{n} record{'s' if n != 1 else ''} under confidence {tl['min_confidence']:g} not shown"


def to_text(tl: dict[str, Any]) -> str:
    lines = [tl["title"], ""]
    for e in tl["entries"]:
        mark = " [CHANGE]" if e.get("change") else ""
        lines.append(f"{e['date'] or '—':<10}  {e['kind']:<8} {e['headline']}{mark}")
        lines.append(f"{'':<12}{article_label(tl, e['article_id'])}: {e['sentence']}")
    if hidden_note(tl):
        lines += ["", f"({hidden_note(tl)}: --all shows them)"]
    return "\n".join(lines)


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>
body{{font:15px/1.45 system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;color:#222}}
h1{{font-size:1.4rem}} .e{{border-left:4px solid #999;padding:.3rem .8rem;margin:.6rem 0}}
.position{{border-color:#2a7}} .event{{border-color:#27a}} .quote{{border-color:#a72}}
.change{{background:#fff3c4}} .d{{color:#666;font-size:.85rem}} blockquote{{margin:.3rem 0;color:#444}}
</style></head><body><h1>{title}</h1>{changes}{items}{hidden}</body></html>"""


def to_html(tl: dict[str, Any]) -> str:
    esc = html.escape
    items = []
    for e in tl["entries"]:
        cls = f"e {e['kind']}" + (" change" if e.get("change") else "")
        items.append(f'<div class="{cls}"><div class="d">{esc(e["date"] or "undated")} · {esc(e["kind"])} · '
                     f'{esc(article_label(tl, e["article_id"]))}</div><div>{esc(e["headline"])}</div>'
                     f'<blockquote>{esc(e["sentence"])}</blockquote></div>')
    ch = "".join(f'<li>{esc(c["holder_name"])} on {esc(c["proposition"])}: {esc(c["from"]["stance"])} '
                 f'({esc(str(c["from"].get("when", c["from"]["date"])))}) → <b>{esc(c["to"]["stance"])}</b> ({esc(str(c["to"]["date"]))})</li>'
                 for c in tl["changes"])
    note = hidden_note(tl)
    return _PAGE.format(title=esc(tl["title"]), changes=f"<h2>Changes</h2><ul>{ch}</ul>" if ch else "",
                        items="".join(items), hidden=f'<p class="d">{esc(note)}.</p>' if note else "")


def dumps(tl: dict[str, Any], fmt: str, *, max_slides: int = MAX_SLIDES) -> str:
    if fmt == "json":
        return json.dumps(tl, ensure_ascii=False, indent=1)
    if fmt == "timelinejs":
        return json.dumps(to_timelinejs(tl, max_slides=max_slides), ensure_ascii=False, indent=1)
    if fmt == "html":
        return to_html(tl)
    return to_text(tl)
