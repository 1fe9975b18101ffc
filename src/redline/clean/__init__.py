"""clean: one clean text per article, plus metadata.

HTML goes through trafilatura (main text, metadata) and htmldate (date), see
``clean.html``. Plain text, usually a scraped page with its chrome, goes
through line-by-line chrome removal, see ``clean.text``. Both return a
``CleanResult``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Mapping

from ..errors import CleanError


@dataclass
class CleanResult:
    text: str
    title: str | None = None
    byline: str | None = None
    dateline: str | None = None
    published: str | None = None  # ISO date, or None: a date is never invented
    published_source: str | None = None  # sidecar / user / html-meta / text / filename / None
    published_confidence: float = 0.0  # 0-1
    categories: list[str] = field(default_factory=list)
    source: str | None = None  # the outlet
    url: str | None = None
    language: str | None = None
    format: str = "text"  # "text" or "html"
    summary: str | None = None  # a standfirst/dek, when one was separated from the body
    removed: list[tuple[int, str]] = field(default_factory=list)  # (line number, why) of chrome lines dropped

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or (
        "<body" in text[:20000].lower() or ("<p>" in head and "</p>" in text.lower())
    )


def clean(
    content: str | bytes,
    *,
    format: str = "auto",
    url: str | None = None,
    repeated: Mapping[str, int] | None = None,
    siblings: int = 0,
) -> CleanResult:
    """Clean one article.

    ``format`` is "auto", "html" or "text". ``repeated``/``siblings`` carry
    line repetition counts over other articles from the same outlet (see
    ``clean.text``); the store supplies them at ingest.
    """
    from ..read.decode import decode_bytes
    from ..read.hints import scrub

    if format not in ("auto", "html", "text"):
        raise CleanError(f"unknown format {format!r}; use auto, html or text")
    if isinstance(content, str):
        # A lone surrogate is no Unicode: lxml cut an HTML page's text short at
        # one, and a clean text holding one cannot be encoded. It reads as U+FFFD.
        content = scrub(content)[0]
    if format == "auto":
        preview = content[:30000].decode("utf-8", "replace") if isinstance(content, bytes) else content
        format = "html" if looks_like_html(preview) else "text"
    if isinstance(content, bytes):
        # HTML bytes go to trafilatura as they are: it honours the page's own
        # <meta charset>, which a statistical guess can get wrong.
        text = decode_bytes(content, "<input>")  # refuses empty and binary input with a clear reason
        if format == "text":
            content = text
    if format == "html":
        from .html import clean_html

        result = clean_html(content, url=url)
    else:
        from .text import clean_plain_text

        result = clean_plain_text(content, repeated=repeated, siblings=siblings)
    if url and not result.url:
        result.url = url
    return result
