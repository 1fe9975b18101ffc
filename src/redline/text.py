"""Small text utilities shared by the query layers."""
from __future__ import annotations

import re

# A sentence ends at . ! ? (optionally followed by a closing quote or bracket)
# before whitespace, or at a paragraph break. Abbreviations such as "U.S." or
# "Jan." followed by a lower-case word or a digit do not end a sentence.
_END = re.compile(r"""(?:[.!?]["'”’)\]]*)(?=\s+["'“‘(\[]?[A-Z0-9])|\n\s*\n""")
_ABBREV = re.compile(r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|St|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|No|Vol)\.)$")


def sentence_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """Character bounds of the sentence(s) around [start, end)."""
    end = start if end is None else end
    lo = 0
    for m in _END.finditer(text, 0, start):
        if not _ABBREV.search(text[max(0, m.start() - 6): m.end()].rstrip()):
            lo = m.end()
    hi = len(text)
    for m in _END.finditer(text, end):
        if not _ABBREV.search(text[max(0, m.start() - 6): m.end()].rstrip()):
            hi = m.end()
            break
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def sentence_at(text: str, start: int, end: int | None = None) -> str:
    lo, hi = sentence_bounds(text, start, end)
    return text[lo:hi]
