"""HTML cleaning through trafilatura and htmldate (being written)."""
from __future__ import annotations

from . import CleanResult


def clean_html(html: str, *, url: str | None = None) -> CleanResult:
    import trafilatura

    text = trafilatura.extract(html, url=url) or ""
    return CleanResult(text=text, format="html", url=url)
