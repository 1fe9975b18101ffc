"""Indirect quotes: what a cue reports when no direct quote claimed it.

"Kern said the talks would go on", "according to Kern, ...", "Kern vowed to
retaliate". ``cues.makes_quote`` keeps only what was said or written.
Reported speech inside reported speech is carried by the outer quote, but an
outlet that only carried someone's words gives way to them, as their channel.
"""
from __future__ import annotations

import bisect

from .article import Article, Draft, inside, overlapping, overlaps
from .channels import outlet_source, span_of
from .cues import makes_quote
from .parse import indirect_content, is_cue


def indirect_drafts(art: Article, claimed: dict[int, Draft], direct: list[tuple[int, int]],
                     quoted: list[tuple[int, int]]) -> list[Draft]:
    """Indirect quotes of the cues no direct quote claimed.

    ``direct`` are the direct quotes with a cue, ``quoted`` all utterance-like
    quoted spans: a cue inside quoted words is the quoted speaker's, and an
    indirect content may hold a quoted fragment (a mixed quote) but not cut
    through one.
    """
    out: list[Draft] = []
    direct, quoted = sorted(direct), sorted(quoted)
    for tok in art.doc:
        if tok.i in claimed or not is_cue(tok) or inside(quoted, tok.idx, tok.idx + len(tok)):
            continue
        span = indirect_content(tok)
        if span is None or not makes_quote(tok, span[2]):
            continue
        start, end = art.doc[span[0]].idx, art.doc[span[1] - 1].idx + len(art.doc[span[1] - 1])
        if art.para(start) != art.para(tok.idx) or art.para(end - 1) != art.para(tok.idx):
            # The parse ran across a paragraph break (a subhead or a lone line
            # above): keep the cue's paragraph only.
            start, end = _clip_to_paragraph(art, tok.idx, start, end)
            if end <= start:
                continue
        if overlaps(direct, start, end) or art.words(start, end) < 1:
            continue  # its words are already a direct quote with its own cue
        if any(art.words(s, start) or art.words(end, e) for s, e in overlapping(quoted, start, end)):
            continue  # it cuts through quoted words (marks and punctuation left out of it do not count)
        out.append(Draft(start, _close_marks(art.text, start, end), False, tok))
    # A cue inside another cue's content is reported speech within reported
    # speech ("Kern said he supports the plan"): the outer quote carries it.
    # But an outlet that reports someone's words ("Kern said ..., according to
    # the Wire"; "the Wire reported that Kern said ...") only carried them: the
    # inner quote stands, with the outlet as its channel.
    outlets = {id(d): o for d in out if (o := outlet_source(d.cue)) is not None}
    spans = sorted((d.start, d.end) for d in out if id(d) not in outlets)
    starts = [s for s, _ in spans]

    def nested(d: Draft) -> bool:
        i = bisect.bisect_right(starts, d.cue.idx)
        return any(spans[j][1] > d.cue.idx and spans[j] != (d.start, d.end) for j in range(i))

    kept = [d for d in out if id(d) in outlets or not nested(d)]
    for d in [d for d in kept if id(d) in outlets]:
        inner = [x for x in kept if x is not d and id(x) not in outlets and d.start <= x.cue.idx < d.end]
        if inner:
            kept.remove(d)
            for x in inner:
                x.channel = x.channel or span_of(outlets[id(d)])
        elif d.cue.lower_ == "according":
            d.said_by = _clause_subject(art, d)
            if d.said_by is not None:
                d.channel = span_of(outlets[id(d)])
    return kept


def _clause_subject(art: Article, d: Draft):
    """The named subject of the clause an "according to OUTLET" reports, when it names a person
    ("According to the Wire, economist Ivo Kern expects ..."): the one who spoke to the outlet."""
    span = art.doc.char_span(d.start, d.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.root
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ != "PROPN" and not any(t.pos_ == "PROPN" for t in subj.subtree):
        return None
    return root


def _clip_to_paragraph(art: Article, at: int, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` cut to the paragraph holding offset ``at``, without edge spaces and marks."""
    p = art.para(at)
    lo = max(start, art.para_starts[p])
    hi = min(end, art.para_starts[p + 1] if p + 1 < len(art.para_starts) else len(art.text))
    text = art.text
    while lo < hi and (text[lo].isspace() or text[lo] in ".,;:"):
        lo += 1
    while hi > lo and (text[hi - 1].isspace() or text[hi - 1] in ".,;:"):
        hi -= 1
    return lo, hi


def _close_marks(text: str, start: int, end: int) -> int:
    """The end of a reported clause that holds an opening quote mark, moved past the closing one:
    "called the levy “a tax on the harbour.”" ends after the mark, not inside the quotation."""
    opened = sum(text.count(m, start, end) for m in "“«") - sum(text.count(m, start, end) for m in "”»")
    straight = text.count('"', start, end) % 2
    if opened <= 0 and not straight:
        return end
    j = end
    while j < len(text) and text[j] in ".,!?;:…":
        j += 1
    return j + 1 if j < len(text) and text[j] in "”»\"" else end
