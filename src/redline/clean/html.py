"""HTML cleaning: trafilatura for the main text and metadata, htmldate for the date.

``clean_html`` parses the page once; trafilatura and htmldate each work on
their own copy of that tree. The extraction options were chosen by measurement
on the trafilatura evaluation set (``bench/bench_html.py``, every 4th page):
leaving out comments raised precision (0.896 -> 0.903) at no cost in recall;
keeping tables keeps the body of pages laid out in tables (recall 0.933 ->
0.944); ``favor_precision``, ``favor_recall`` and ``fast`` all scored a lower F1.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..errors import CleanError
from . import CleanResult

# Confidence of a publication date, by where htmldate found it. Calibrated on
# the htmldate evaluation set (bench/bench_dates.py prints the share right in
# each tier; 800 pages, 2026-11): a date in structured markup (meta tags,
# JSON-LD, <time>, the URL) was right 91% of the time, 96% when the URL path
# carries the same day; a date that only the extensive search of the page's
# free text turned up was right 73% of the time.
CONFIDENCE_STRUCTURED = 0.9
CONFIDENCE_STRUCTURED_AGREED = 0.95  # structured markup and the URL give the same day
CONFIDENCE_EXTENSIVE = 0.7

# A news dateline opens the first paragraph: an upper-case place ("KYIV,
# Ukraine", "NEW YORK, March 3") and/or a wire agency in brackets ("(AP)",
# "(CN)"), then a dash. The place alone needs three upper-case letters so that
# a sentence such as "US - led talks" is not mistaken for one.
_PLACE = r"[A-Z][A-Z.'\-]{2,}(?:[ \-][A-Z][A-Z.'\-]+)*(?:,[ \t]+[A-Z][\w.'\-]*(?:[ \t]+[\w.'\-]+){0,3})?"
_AGENCY = r"\([A-Za-z][\w .&/\-]{0,40}\)"  # "(AP)", "(CN)", "(dpa)"
_DASH = r"[ \t]*(?:—|–|--|-)(?=[ \t])"
DATELINE_RE = re.compile(rf"^[ \t]*(?P<dateline>(?:{_PLACE}[ \t]*)?{_AGENCY}{_DASH}|{_PLACE}{_DASH})")
_MAX_DATELINE = 80  # a longer "dateline" is a sentence that happens to contain a dash
# A news page has a few thousand tags, a heavy one tens of thousands. trafilatura
# spends some 50 microseconds and hundreds of bytes on each (a page of a million
# <br> took 70 s and 830 MB), so a page with more "<" than this is refused
# before it is parsed.
MAX_TAGS = 150_000
# Characters ``_only_links`` may scan removing link texts one by one (some 50 ms).
_LINK_SCAN_BUDGET = 50_000_000


def find_dateline(text: str) -> str | None:
    """Return the dateline that opens ``text`` (e.g. "LONDON (Reuters) -"), or None."""
    first = text.lstrip().split("\n", 1)[0]
    match = DATELINE_RE.match(first)
    if not match:
        return None
    found = match.group("dateline").strip()
    return found if len(found) <= _MAX_DATELINE else None


def _paragraphs(text: str) -> str:
    """trafilatura puts one block per line; an article reads with blank lines between paragraphs."""
    blocks = [" ".join(line.split()) for line in text.splitlines()]
    return "\n\n".join(block for block in blocks if block)


def _drop_headline(text: str, title: str | None) -> str:
    """Drop a first paragraph that repeats the headline: the title is kept as metadata,
    and the body should open with the story (and its dateline), as in plain-text cleaning."""
    if not title:
        return text
    first, sep, rest = text.partition("\n\n")
    if sep and _squash(first) == _squash(title):
        return rest
    return text


def _squash(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def _only_links(text: str, tree: Any) -> bool:
    """True when every word of ``text`` is link text on the page.

    When trafilatura finds no main block it falls back to the body's whole
    text, which on a page of menus and nothing else is the menus: that is no
    article, and an ingest should say so rather than store "Home World Sport".
    """
    rest = " ".join(text.split())
    anchors = {" ".join(a.text_content().split()) for a in tree.iter("a")}
    if len(rest) > sum(len(anchor) + 1 for anchor in anchors):
        return False  # more text than all the links hold: cheap exit for real articles
    if len(anchors) * len(rest) > _LINK_SCAN_BUDGET:
        # Tens of thousands of links over a long text: removing each link's text
        # in turn is quadratic (40,000 links took 10 s), so compare words instead.
        linked = set(re.findall(r"\w+", " ".join(anchors)))
        return all(word in linked for word in re.findall(r"\w+", rest))
    for anchor in sorted(anchors, key=len, reverse=True):
        if anchor:
            rest = rest.replace(anchor, " ")
    return not re.search(r"\w", rest)


def _language(tree: Any) -> str | None:
    """The page's declared language (``<html lang>`` or Content-Language), as a bare code."""
    raw = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not raw:
        lower = 'translate(@http-equiv, "CONTENT-LANGUAGE", "content-language")'
        found = tree.xpath(f'//meta[{lower}="content-language"]/@content')
        raw = found[0] if found else None
    if not raw:
        return None
    code = raw.strip().split(",")[0].split("-")[0].split("_")[0].lower()
    return code if code.isalpha() and 2 <= len(code) <= 3 else None


def _valid_iso(day: str | None) -> str | None:
    """Keep a date only if it is a real ISO day no later than today: dates are never invented."""
    if not day:
        return None
    try:
        parsed = date.fromisoformat(day[:10])
    except ValueError:
        return None
    return parsed.isoformat() if parsed <= date.today() else None


_URL_DATE_RE = re.compile(r"/((?:19|20)\d\d)[/-]([01]?\d)[/-]([0-3]?\d)(?:/|[-_][^/\d]|$)")


def _url_date(url: str | None) -> str | None:
    """A full date in the URL path ("/2024/03/07/"), which news sites set when they publish."""
    match = _URL_DATE_RE.search(url or "")
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_published(tree: Any, url: str | None = None) -> tuple[str | None, float]:
    """Publication date and confidence, from htmldate.

    First the structured sources only (meta tags, JSON-LD, <time>, abbr, the
    URL); then, when they say nothing, htmldate's extensive search of the
    page's text. ``original_date`` prefers the first publication over a later
    modification, which is what an article's date means here.
    """
    from htmldate import find_date

    today = date.today().isoformat()
    params = {"original_date": True, "max_date": today, "url": url}
    try:
        # htmldate works on its own copy of a parsed tree, so one parse serves both calls
        structured = _valid_iso(find_date(tree, extensive_search=False, **params))
        if structured:
            agreed = _url_date(url) == structured
            return structured, CONFIDENCE_STRUCTURED_AGREED if agreed else CONFIDENCE_STRUCTURED
        guessed = _valid_iso(find_date(tree, extensive_search=True, **params))
    except Exception:  # htmldate on a broken tree: no date rather than a crash
        return None, 0.0
    return (guessed, CONFIDENCE_EXTENSIVE) if guessed else (None, 0.0)


def _load(html: str) -> Any:
    from trafilatura.utils import load_html

    try:
        tree = load_html(html)
    except Exception:  # lxml can raise on pathological input; treat as unparseable
        tree = None
    if tree is None:
        raise CleanError("no main text found in HTML")
    return tree


def _extract(tree: Any, url: str | None) -> Any:
    import trafilatura

    try:
        # bare_extraction copies a tree it is given, so ``tree`` stays whole for htmldate
        return trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_formatting=False,
            # the date comes from find_published; skip trafilatura's own
            # extensive htmldate pass, which would only repeat that work
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as err:  # trafilatura bugs on odd markup must not stop an ingest
        raise CleanError(f"HTML extraction failed: {type(err).__name__}") from None


def _categories(doc: Any) -> list[str]:
    seen: list[str] = []
    for name in list(doc.categories or []):
        name = " ".join(str(name).split())
        if name and name not in seen:
            seen.append(name)
    return seen


def clean_html(html: str, *, url: str | None = None) -> CleanResult:
    """Main text and metadata of one HTML page.

    Raises ``CleanError("no main text found in HTML")`` when the page cannot be
    parsed or holds no main text; everything else that is not found is None.
    """
    if html.count(b"<" if isinstance(html, bytes) else "<") > MAX_TAGS:
        raise CleanError(f"HTML has over {MAX_TAGS:,} tags, too many for a page; not cleaned")
    if isinstance(html, bytes):  # tolerated: trafilatura decodes by the page's declared charset
        from trafilatura.utils import decode_file

        html = decode_file(html)
    tree = _load(html)
    doc = _extract(tree, url)
    text = _paragraphs(doc.text or "") if doc is not None else ""
    if text:
        text = _drop_headline(text, doc.title)
    if not text or _only_links(text, tree):
        raise CleanError("no main text found in HTML")
    published, confidence = find_published(tree, url or doc.url)
    return CleanResult(
        format="html",
        text=text,
        title=doc.title or None,
        byline=doc.author or None,
        dateline=find_dateline(text),
        published=published,
        published_source="html-meta" if published else None,
        published_confidence=confidence,
        categories=_categories(doc),
        source=doc.sitename or None,
        url=url or doc.url or None,
        language=_language(tree),
        summary=doc.description or None,
    )
