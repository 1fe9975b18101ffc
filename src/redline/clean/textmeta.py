"""Metadata found in the lines of a plain-text page.

Headline, dateline, byline, outlet, categories and the publication date, read
from the lines that ``clean.text`` classified; and the page's language, whose
function words ``clean.text`` counts. Each finder is a small pattern
for a convention that newsrooms share (agency datelines, "By NAME" bylines,
"Published <date>" stamps), not a list of any outlet's phrases.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from dateutil import parser as date_parser

# "(XN) —", "PELSK, Ostravia (AP) —", "BRENMOR (Reuters) -", "PELSK —": a place in
# capitals and/or an agency in brackets, then a dash, opening the first body
# paragraph. Wire copy and most newspapers open their story this way.
_DASH = r"\s*[—–-]{1,2}\s+"
_AGENCY = r"\([A-Z][A-Za-z.&' ]{0,24}\)"
_PLACE = r"[A-ZÀ-Þ][A-ZÀ-Þ.'’ -]{1,40}(?:,\s+[A-ZÀ-Þ][\w.'’ -]{1,40}?)?"
DATELINE = re.compile(rf"^\s*((?:{_PLACE}\s*)?{_AGENCY}|{_PLACE}(?=\s*[—–]))(?={_DASH})")

_NAME = r"[A-ZÀ-Þ][\w'’.-]+(?:\s+(?:[A-ZÀ-Þ][\w'’.-]*|de|da|van|von|der|al|bin|le|la)){0,4}"
# "By NAME", "By NAME and NAME", "By NAME, NAME and NAME": the classic byline;
# news databases label it instead ("BYLINE: NAME.").
BYLINE = re.compile(rf"^\s*By(?:line\s*:)?\s+({_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)\s*(?:[|,·•–—-]|$)", re.I)
_JOB = re.compile(r"\b(?:writer|reporter|correspondent|editor|staff|contributor|columnist)s?\b", re.I)
# "... reporter NAME is based in ...": a sign-off that some outlets print
# after the last paragraph instead of a byline above the story.
SIGNOFF = re.compile(
    rf"\b(?:reporter|correspondent|writer|editor|journalist|contributor)\s+({_NAME})\s+(?:is|are)\s+based\b"
)
# "Categories / A, B", "Filed under: A, B", "Section: A": a site's taxonomy line.
CATEGORIES = re.compile(r"^\s*(?:categor(?:y|ies)|filed\s+(?:under|in)|sections?|topics?)\s*[:/|>»›]\s*(.+)$", re.I)
# "© 2024 NAME. All rights reserved": the outlet names itself in its footer.
COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?,?\s*([^.|]{3,60}?)\s*(?:[.|]|all rights|$)", re.I)

_WORD = re.compile(r"\w+(?:['’-]\w+)*", re.U)

# Date candidates: the regexes only find the span, dateutil does the parsing.
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_ALTS = (
    rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}[./]\d{1,2}[./]\d{4}"
)
_DATE_SPANS = re.compile(rf"\b(?:{_DATE_ALTS})\b")
# A dateline that names the day: the words before the dash opening the story
# ("PELSK, March 14, 2025 (XN) —", "Friday, March 14, 2025 —"): a place in
# capitals, a full date, an agency, nothing else.
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+"
_DATED_DATELINE = re.compile(
    rf"^\s*(?:{_PLACE},?\s+)?(?:{_WEEKDAY})?((?:{_DATE_ALTS})),?\s*(?:{_AGENCY})?(?={_DASH})")
# A date in the story's own dateline: as trusted as a "Published" stamp beside
# the headline, and above a date taken from the file name (read.hints).
DATED_DATELINE_CONFIDENCE = 0.8
# A stamp that says the article itself was published (or updated) then.
_PUBLISHED_CUE = re.compile(r"\b(?:published|posted|updated|first published|released|dated)\b", re.I)


@dataclass
class Metadata:
    title: str | None = None
    byline: str | None = None
    dateline: str | None = None
    source: str | None = None
    categories: list[str] = field(default_factory=list)
    published: str | None = None
    published_confidence: float = 0.0
    summary: str | None = None


def find_dateline(paragraph: str) -> str | None:
    m = DATELINE.match(paragraph)
    return m.group(1).strip() if m else None


def find_byline(line: str) -> str | None:
    """The names of a "By NAME" line; None when the line is not one."""
    if len(line) > 160:
        return None
    m = BYLINE.match(line)
    if not m:
        return None
    # "By NAME, Staff Writer": a job title after a comma is not another name.
    parts = [p for p in re.split(r"\s*,\s*", re.sub(r"\s+", " ", m.group(1))) if not _JOB.search(p)]
    names = ", ".join(parts).strip(" ,")
    # "BYLINE: Ana Pirel." ends with the label's full stop, not an initial.
    if names.endswith(".") and not re.search(r"\b\w\.$", names):
        names = names[:-1]
    return names or None


def find_signoff(line: str) -> str | None:
    m = SIGNOFF.search(line)
    return m.group(1) if m else None


def find_categories(line: str) -> list[str]:
    m = CATEGORIES.match(line)
    if not m or len(line) > 200:
        return []
    parts = re.split(r"\s*[,;|/·•]\s*", m.group(1))
    return [p.strip() for p in parts if p.strip() and len(p.strip()) < 60]


def doubled_name(line: str) -> str | None:
    """"X Y X Y" -> "X Y": a name printed twice on one line.

    Site headers often render the outlet's logo text and its accessible label
    side by side, so a scraped page shows the outlet's name doubled. No prose
    sentence repeats itself word for word.
    """
    words = line.split()
    n = len(words)
    if n < 2 or n % 2 or n > 16:
        return None
    half = n // 2
    if words[:half] != words[half:]:
        return None
    name = " ".join(words[:half])
    return name if any(c.isalpha() for c in name) else None


def copyright_owner(line: str) -> str | None:
    m = COPYRIGHT.match(line)
    if not m or len(line) > 160:
        return None
    owner = m.group(1).strip(" ,-")
    return owner if owner and any(c.isalpha() for c in owner) else None


def parse_date(line: str) -> str | None:
    """The first full calendar date on the line as ISO, or None.

    dateutil parses the span; a parse that needs a component the span lacks
    is refused rather than filled in, so no date is invented.
    """
    for m in _DATE_SPANS.finditer(line):
        span = m.group(0)
        try:
            a = date_parser.parse(span, default=datetime(1900, 1, 1))
            b = date_parser.parse(span, default=datetime(1904, 2, 2))
        except (ValueError, OverflowError):
            continue
        if a != b:  # some component came from the default: not a full date
            continue
        if 1900 < a.year <= 2100:
            return a.date().isoformat()
    return None


def has_published_cue(line: str) -> bool:
    return bool(_PUBLISHED_CUE.search(line))


# Reasons given to lines of the site's own furniture.
_CHROME = {"outlet name", "site prompt", "navigation", "link", "repeated across outlet", "repeated on page"}
# Reasons given to lines that carry no metadata worth a headline.
_NOT_HEADLINE = {"outlet name", "categories", "byline", "site prompt", "link", "navigation", "repeated across outlet",
                 "repeated on page"}


def _headline_like(b: Any) -> bool:
    """Headlines are one short line of several words without a final full stop."""
    text = b.text.strip()
    return (
        3 <= b.words <= 30 and len(text) <= 250 and not text.endswith((".", ":", ",", ";"))
        and not b.ui_strong and not b.handle_or_url and b.reason not in _NOT_HEADLINE
        and parse_date(text) is None
    )


# The first line of a text, set apart by a blank line, is where an article
# saved as text (a wire feed, a news database export, a reporter's file)
# prints its headline. Longer than any headline seen on the PolNeAR tuning
# half (21 words); a lead paragraph runs 25-45 words.
FIRST_LINE_MAX_WORDS = 25
# Lines that may precede the headline at the top of a text: a byline or a
# date stamp printed above it (and a line of one or two words, see below).
_ABOVE_HEADLINE = {"byline", "date stamp"}
# Reasons that say only where a line stands (outside the densest run of
# prose), not what it is: a headline or dek may carry them.
_MAYBE_TEXT = (None, "outside main text", "boilerplate")
# A dek under the headline, on the next line of the same paragraph, is short.
DEK_MAX_WORDS = 40


def _first_line_like(b: Any) -> bool:
    """Could this opening line be a headline? Only what is clearly not one is refused.

    Unlike ``_headline_like`` a final full stop is allowed: news databases
    print headlines as sentences ("Senate delays the levy vote."). Refused:
    site chrome, a dateline or byline, a URL, a date stamp, a label leading
    into a list, and a lead paragraph printed without a headline, which reads
    as prose: long, rich in function words, in sentence case.
    """
    text = b.text.strip()
    # Three words at least: a line of one or two is more often a masthead or
    # a section label ("Harbour Wire", "World") than a headline.
    if not (3 <= b.words <= FIRST_LINE_MAX_WORDS and len(text) <= 250):
        return False
    if b.reason not in _MAYBE_TEXT or b.ui_strong or b.handle_or_url or b.credit:
        return False
    if text.endswith((":", ",")) or find_dateline(text) or find_byline(text) or parse_date(text):
        return False
    return not (b.words > 15 and b.sentence_end and b.stop_ratio >= 0.4 and b.capitalised < 0.5)


def _first_line_headline(blocks: list[Any], body: list[Any], info: Metadata) -> None:
    """Take the text's first line as its headline when a blank line follows it.

    A byline or date stamp above it is skipped. A second line in the same
    paragraph ("Levy vote delayed; / Council waits for the inquiry.") is the
    headline's dek, kept as the summary. Both are marked so that they leave
    the body.
    """
    i = 0
    while i < min(len(blocks), 3) and (blocks[i].reason in _ABOVE_HEADLINE
                                       or (blocks[i].words <= 2 and not blocks[i].sentence_end)):
        i += 1  # a byline, a date stamp, a masthead or section label above the headline
    if i + 1 >= len(blocks) or not _first_line_like(blocks[i]):
        return
    head, nxt = blocks[i], blocks[i + 1]
    dek = None
    if nxt.index == head.index + 1:  # no blank line: a dek, or no headline paragraph at all
        after = blocks[i + 2] if i + 2 < len(blocks) else None
        if (after is None or after.index == nxt.index + 1 or nxt.words > DEK_MAX_WORDS
                or nxt.reason not in _MAYBE_TEXT or find_dateline(nxt.text) or nxt.ui_strong):
            return
        dek = nxt
    if not any(b is not head and b is not dek for b in body):
        return  # the line is all the text there is: it stays the text
    info.title, head.reason = head.text.strip().rstrip(" ;"), "headline"
    if dek is not None:
        info.summary, dek.reason = dek.text.strip(), "standfirst"


def _split_lead(body: list[Any], info: Metadata) -> int:
    """Find the dateline; what precedes it in the body is headline and standfirst.

    The dateline opens the story proper, so a headline and a dek (standfirst)
    printed above it are not body text. Returns the body position of the
    dateline paragraph, or -1.
    """
    for j, b in enumerate(body[:4]):
        dateline = find_dateline(b.text)
        if not dateline:
            continue
        info.dateline = dateline
        summary = []
        for lead in body[:j]:
            if lead.reason in ("headline", "standfirst"):
                continue  # the first line's headline and dek, found already
            if info.title is None and not summary and _headline_like(lead):
                info.title, lead.reason = lead.text.strip(), "headline"
            else:
                summary.append(lead.text.strip())
                lead.reason = "standfirst"
        info.summary = "\n\n".join(summary) or info.summary
        return j
    return -1


def _find_headline(blocks: list[Any], first_body: int) -> str | None:
    """The nearest headline-like line above the body (a few lines up at most)."""
    above = [b for b in blocks if b.index < first_body][-8:]
    for b in reversed(above):
        if _headline_like(b) and b.cls != "good":
            b.reason = "headline"
            return b.text.strip()
    return None


def dated_dateline(paragraph: str) -> str | None:
    """The date of a dateline that carries one ("PELSK, March 14, 2025 (XN) — ..."), as ISO.

    Only the words before the dateline's dash count: a date later in the
    paragraph is what the story reports, not when it was filed.
    """
    m = _DATED_DATELINE.match(paragraph)
    return parse_date(m.group(1)) if m else None


def _find_date(blocks: list[Any], anchor: int) -> tuple[str | None, float]:
    """A publication date from the story's dateline or the lines above the story.

    A date in the dateline is when the story was filed. A "Published <date>"
    stamp near the headline is the article's own date. A bare date beside the
    headline or byline is probably it. A date in the page's chrome (an edition
    line beside an archive link, a header bar) is only the day the page was
    rendered: a weak guess. Lines below the story's start are not read: a date
    in the body, even in a line cleaning dropped, is an event the story names
    ("On July 6, 2015, she said:"), and dates under the story belong to
    comments, related links and the footer.
    """
    opening = next((b for b in blocks if b.index == anchor), None)
    if opening is not None and (iso := dated_dateline(opening.text)):
        return iso, DATED_DATELINE_CONFIDENCE
    best: tuple[str | None, float] = (None, 0.0)
    for b in blocks:
        if b.index >= anchor:
            break
        if b.cls == "good" and not b.reason:
            continue  # dates inside the story are events, not its publication
        iso = parse_date(b.text)
        if not iso:
            continue
        # Near the story's start with no site chrome (masthead, prompts,
        # menus) in between: the date belongs to the story, not to the page.
        between = [c for c in blocks if min(b.index, anchor) < c.index < max(b.index, anchor)]
        near = abs(b.index - anchor) <= 6 and not any(c.reason in _CHROME for c in between)
        if near and has_published_cue(b.text) and not b.ui_strong:
            conf = 0.8
        elif near and not b.ui_strong and b.segments <= 2 and b.reason != "outside main text":
            conf = 0.5
        else:
            conf = 0.2
        if conf > best[1]:
            best = (iso, conf)
    return best


def read_metadata(blocks: list[Any], body: list[Any]) -> Metadata:
    """Metadata from classified blocks; marks headline/standfirst/byline blocks of the body."""
    info = Metadata()
    _first_line_headline(blocks, body, info)
    start = _split_lead(body, info)
    story = [b for b in body if not b.reason]
    first = story[0].index if story else (blocks[-1].index + 1)
    if info.title is None:
        info.title = _find_headline(blocks, first)
    for b in blocks:
        info.byline = info.byline or (find_byline(b.text) if b.index <= first + 2 else None)
        info.categories = info.categories or find_categories(b.text)
        if info.source is None and b.index < first:
            info.source = doubled_name(b.text)
    if info.byline is None:
        for b in reversed(story[-3:]):
            info.byline = find_signoff(b.text)
            if info.byline:
                break
    if info.source is None:
        info.source = next((o for o in map(copyright_owner, (b.text for b in blocks)) if o), None)
    anchor = body[start].index if start >= 0 else first
    info.published, info.published_confidence = _find_date(blocks, anchor)
    return info


# --- the page's language, for stopword density ---

@lru_cache(maxsize=1)
def _stopword_languages() -> dict[str, tuple[str, ...]]:
    """word -> the jusText stoplists (one per language) that contain it."""
    import justext

    index: dict[str, list[str]] = {}
    # sorted: get_stoplists() is a frozenset, whose order changes with the
    # hash seed; a tie between two languages must resolve the same way in
    # every run.
    for lang in sorted(justext.get_stoplists()):
        for word in justext.get_stoplist(lang):
            index.setdefault(word, []).append(lang)
    return {w: tuple(langs) for w, langs in index.items()}


@lru_cache(maxsize=128)
def _stoplist(lang: str) -> frozenset[str]:
    import justext

    return frozenset(justext.get_stoplist(lang))


def stoplist_for(text: str) -> frozenset[str]:
    """The function words of the page's language.

    The language is the jusText stoplist that covers most of the page's
    words: stopword density only separates prose from chrome when measured
    against the right language.
    """
    index = _stopword_languages()
    votes: Counter[str] = Counter()
    for word, count in Counter(_WORD.findall(text[:20000].lower())).items():
        for lang in index.get(word, ()):
            votes[lang] += count
    return _stoplist(votes.most_common(1)[0][0]) if votes else _stoplist("English")
