"""Article text cut into segments for highlighting: entities, quotes, evidence, and one highlight.

Spans overlap freely (a name inside a quote inside an evidence sentence), so
the text is cut at every span boundary and each piece carries the set of spans
covering it. The template renders each piece as one element whose text
Jinja2 escapes: article text never reaches the page unescaped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..query.confidence import speaker_label
from ..server.errors import BadRequest

_HL = re.compile(r"^(\d{1,9})-(\d{1,9})$")


@dataclass
class Span:
    start: int
    end: int
    cls: str  # ent, q, ev, hl
    entity_id: int | None = None
    title: str | None = None


@dataclass
class Segment:
    text: str
    classes: list[str] = field(default_factory=list)
    entity_id: int | None = None
    title: str | None = None
    anchor: bool = False  # the first piece of the requested highlight: id="hl"


def parse_hl(value: str | None, length: int) -> tuple[int, int] | None:
    """``?hl=START-END`` as character offsets into the clean text."""
    if not value:
        return None
    m = _HL.match(value)
    if not m:
        raise BadRequest(f"hl must be START-END (character offsets), got {value!r}")
    start, end = int(m.group(1)), int(m.group(2))
    if start >= end or start >= length:
        raise BadRequest(f"hl {value!r} is outside the article's text ({length} characters)")
    return start, min(end, length)


def segments(text: str, spans: list[Span]) -> list[Segment]:
    n = len(text)
    spans = [s for s in spans if 0 <= s.start < s.end <= n]
    cuts = sorted({0, n, *(s.start for s in spans), *(s.end for s in spans)})
    starts: dict[int, list[Span]] = {}
    for s in spans:
        starts.setdefault(s.start, []).append(s)
    active: list[Span] = []
    out: list[Segment] = []
    anchored = False
    for lo, hi in zip(cuts, cuts[1:]):
        active = [s for s in active if s.end > lo] + starts.get(lo, [])
        seg = Segment(text[lo:hi], sorted({s.cls for s in active}))
        for s in active:
            if s.entity_id is not None and seg.entity_id is None:
                seg.entity_id = s.entity_id
            if s.title and not seg.title:
                seg.title = s.title
        if "hl" in seg.classes and not anchored:
            seg.anchor = anchored = True
        out.append(seg)
    return out


# The kinds a reader can highlight, one at a time (``?show=``), with the span class of each.
SHOW = {"evidence": "ev", "quotes": "q", "entities": "ent", "none": None}
DEFAULT_SHOW = "evidence"


def parse_show(value: str | None) -> str:
    """``?show=`` as one of ``SHOW`` (default: evidence); 400 for anything else."""
    if value is None or not value.strip():
        return DEFAULT_SHOW
    v = value.strip().lower()
    if v not in SHOW:
        raise BadRequest(f"show must be one of {', '.join(SHOW)}, got {value!r}")
    return v


def article_spans(mentions: list[dict[str, Any]], quotes: list[dict[str, Any]], evidence: list[dict[str, Any]],
                  hl: tuple[int, int] | None, show: str = DEFAULT_SHOW) -> list[Span]:
    """The spans of the one kind the reader shows (entities, quotes or evidence), and the requested
    highlight whatever is shown: several kinds at once are unreadable over one sentence."""
    cls = SHOW[show]
    spans = []
    if cls == "ent":
        spans += [Span(m["start"], m["end"], "ent", entity_id=m["entity_id"]) for m in mentions]
    if cls == "q":
        spans += [Span(q["start"], q["end"], "q", title=f"quote: {speaker_label(q)}") for q in quotes]
    if cls == "ev":
        spans += [Span(e["start"], e["end"], "ev", title=e.get("label")) for e in evidence]
    if hl:
        spans.append(Span(hl[0], hl[1], "hl"))
    return spans


_BREAK = re.compile(r"\n+")


def paragraphs(segs: list[Segment]) -> list[list[Segment]]:
    """The segments as paragraphs: every line break in the clean text ends one (a single newline
    between lines of prose is a paragraph break in redline's clean text), and a piece that runs
    across a break is cut there, each part keeping its classes."""
    out: list[list[Segment]] = [[]]
    for seg in segs:
        parts = _BREAK.split(seg.text)
        for k, part in enumerate(parts):
            if k:
                out.append([])
            if part:
                out[-1].append(Segment(part, list(seg.classes), seg.entity_id, seg.title, seg.anchor and k == 0))
    return [p for p in out if any(s.text.strip() for s in p)]
