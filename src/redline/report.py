"""What the main job prints: a summary of the store's contents."""
from __future__ import annotations

from typing import Any

from .store import Store


def build_report(store: Store, *, recent: int = 20) -> dict[str, Any]:
    rows = store.list_articles(limit=recent)
    for a in rows:
        a["words"] = _words(store, a["id"])
    rep: dict[str, Any] = {
        "articles": store.count_articles(),
        "recent": rows,
        "errors": len(store.list_errors(limit=None)),
        "sections": {},
    }
    summarise = getattr(store, "analysis_summary", None)
    if summarise is not None:
        rep["sections"] = summarise()
    return rep


def _words(store: Store, article_id: int) -> int:
    a = store.get_article(article_id)
    return len(a["text"].split()) if a else 0
