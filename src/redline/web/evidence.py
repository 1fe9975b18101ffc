"""The evidence sentences inside one article: its events' and positions' sentences, labelled.

Events come from ``Store.list_events(article_id=...)``. The store has no
per-article filter for positions, so on SQLite they are read with one indexed
query (``positions_article``) rather than by listing every position; any other
store falls back to ``list_positions``. A ``list_positions(article_id=...)``
filter in the Store interface would make this module's SQL unnecessary.
"""
from __future__ import annotations

import json
from typing import Any

from ..store import Store


def _positions(store: Store, article_id: int) -> list[dict[str, Any]]:
    db = getattr(store, "db", None)
    # Positions an analyst corrected (corrections.Corrected) are read as corrected, not from the rows.
    if db is None or "position" in getattr(getattr(store, "plan", None), "touches", ()):
        return [p | {"start": p["evidence"]["start"], "end": p["evidence"]["end"]}
                for p in store.list_positions(limit=None) if p["article_id"] == article_id]
    rows = db.execute(
        "SELECT p.id, p.start, p.end, p.stance, p.proposition, p.date, p.holder_id, h.name AS holder_name, "
        "json_extract(p.extra, '$.all_evidence') AS all_evidence, json_extract(p.extra, '$.confidence') AS confidence "
        "FROM positions p JOIN entities h ON h.id = p.holder_id WHERE p.article_id = ? ORDER BY p.start",
        (article_id,)).fetchall()
    return [dict(r) | {"all_evidence": json.loads(r["all_evidence"] or "[]")} for r in rows]


def in_article(store: Store, article_id: int) -> list[dict[str, Any]]:
    out = []
    for p in _positions(store, article_id):
        # A position the article restates is highlighted at every sentence that states it.
        spans = [(e["start"], e["end"]) for e in p.get("all_evidence") or []] or [(p["start"], p["end"])]
        for start, end in spans:
            out.append({"kind": "position", "start": start, "end": end, "id": p["id"],
                        "label": f"{p['holder_name']} {p['stance']}: {p['proposition']}", "date": p.get("date"),
                        "holder_id": p["holder_id"], "confidence": p.get("confidence"),
                        "rejected": p.get("rejected"), "notes": p.get("notes")})
    for e in store.list_events(article_id=article_id, limit=None):
        who = ", ".join(filter(None, e.get("actor_names") or [])) or "someone"
        label = f"{who}: {'NOT ' if e['negated'] else ''}{e['type']} ({e.get('trigger') or ''})"
        for ev in e["evidence"]:
            if ev["article_id"] == article_id:
                out.append({"kind": "event", "start": ev["start"], "end": ev["end"], "id": e["id"], "label": label,
                            "date": (e.get("date") or {}).get("start"), "confidence": e.get("confidence"),
                            "rejected": e.get("rejected"), "notes": e.get("notes")})
    out.sort(key=lambda x: (x["start"], x["kind"]))
    return out
