"""What the main job prints: a summary of the store's contents."""
from __future__ import annotations

from typing import Any

from ..store import Store


def build_report(store: Store, *, recent: int = 20, min_confidence: float | None = None) -> dict[str, Any]:
    """Counts, the recent articles, the analysis summary, stories, and the changes at least
    ``min_confidence`` confident (or of unknown confidence)."""
    rows = store.list_articles(limit=recent)
    for a in rows:
        a["words"] = _words(store, a["id"])
    rep: dict[str, Any] = {
        "articles": store.count_articles(),
        "recent": rows,
        "errors": len(store.list_errors(limit=None)),
        "sections": {},
    }
    rep["sections"] = store.analysis_summary()
    rep["sections"]["stories"] = [
        f"#{st['id']} {st.get('title') or '(untitled)'} ({st.get('first_date') or '?'} – {st.get('last_date') or '?'}, "
        f"{len(st['article_ids'])} articles)" for st in store.list_stories(limit=10)]
    rep["sections"]["position changes"] = [
        f"{c['holder_name']} on {c['proposition']}: {c['from']['stance']} ({c['from'].get('when', c['from']['date'])}) → "
        f"{c['to']['stance']} ({c['to']['date']})" for c in store.list_changes(min_confidence=min_confidence)][:20]
    return rep


def _words(store: Store, article_id: int) -> int:
    a = store.get_article(article_id)
    return len(a["text"].split()) if a else 0
