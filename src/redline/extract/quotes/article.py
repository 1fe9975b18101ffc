"""The article as the quotes stage reads it, and the draft of one quote.

``Article`` holds the token and paragraph look-ups built once per doc;
``Draft`` is a quote before its speaker is resolved. The span helpers work on
sorted, non-overlapping ``(start, end)`` character spans.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ...nlp.text import doc_text
from .speakers import Speaker

WORD_RE = re.compile(r"\w+")


@dataclass
class Draft:
    start: int
    end: int
    direct: bool
    cue: object | None = None  # spaCy Token
    speaker: Speaker | None = None
    floating: bool = False
    name: tuple[int, int] | None = None  # a speaker named without a cue: "KERN: ..." or "” — Ivo Kern"
    evidence: str | None = None  # what made it a quote, when no cue word does: "label", "embedded"
    channel: tuple[int, int] | None = None  # the outlet that carried the words
    said_by: object | None = None  # "According to the Wire, Kern expects ...": the clause whose subject speaks
    clause: tuple[int, int] | None = None  # a quoted fragment's reported clause ("Kern said the plan “is dead”")
    runs_on: bool = False  # a quote with no closing mark, that runs on into the next paragraph


class Article:
    """Token and paragraph look-ups over one doc, built once (linear)."""

    def __init__(self, doc):
        self.doc = doc
        self.text = doc_text(doc)
        self.tok_starts = [t.idx for t in doc]
        # Blank lines between paragraphs do not count as paragraphs of their own.
        self.para_starts = [0] + [m.end() for m in re.finditer(r"\n\s*", self.text)]

    def tok_at(self, offset: int) -> int:
        """Index of the token containing or following ``offset``."""
        i = bisect.bisect_right(self.tok_starts, offset) - 1
        if i >= 0 and self.doc[i].idx + len(self.doc[i]) > offset:
            return i
        return i + 1

    def para(self, offset: int) -> int:
        return bisect.bisect_right(self.para_starts, offset) - 1

    def words(self, start: int, end: int) -> int:
        return len(WORD_RE.findall(self.text, start, end))


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return any(spans[j][0] <= start and end <= spans[j][1] for j in range(max(0, i - 3), i + 1))


def overlapping(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The spans (sorted, non-overlapping) that overlap [start, end)."""
    i = bisect.bisect_left(spans, (end, -1))
    out = []
    for j in range(i - 1, -1, -1):
        if spans[j][1] <= start:
            break
        out.append(spans[j])
    return out


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return bool(overlapping(spans, start, end))
