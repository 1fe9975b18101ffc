"""Quotes and their speakers: direct, mixed and indirect speech.

``extract_quotes(doc, entities)`` reads an already-parsed spaCy ``Doc``:

1. Quote marks are paired over the raw text by ``parse.scan_quote_marks``,
   a small state machine, not sentence by sentence (a quote can span
   sentences). Unbalanced marks are tolerated.
2. Each quoted span that reads like an utterance looks for a cue verb (from
   ``lexicon.speech``) just after its closing mark (",” she said") or
   just before its opening mark ("He said: “..."). Mixed quotes ("The fleet “is
   the main reason,” said Y") are found the same way.
3. Every other cue verb with a clausal complement gives an indirect quote
   ("Y said the talks would go on"), as does "according to Y, ..."; so does
   any verb with a subject and a "that" clause, and a cue set inside the
   clause it reports ("The talks, Y said, will go on": the whole clause).
4. Quotes without a cue that stand on their own (a paragraph that is only a
   quote, or the second half of "“A,” he said. “B.”") float: they take the
   previous quote's speaker in the passage.

5. Transcript labels ("KERN: ..."), headline colons ("Poll: ..."), a noun
   phrase before a colon ("From the audit: “…") and sign-offs ("…” — Ivo
   Kern") name the speaker of a quote without a cue (``quotenames.py``).

Speakers are resolved in ``speakers.py``; ``Quote.how`` tells how.
``Quote.text`` is the content inside the marks for a direct quote, the whole
reported clause (quoted words included) for a mixed quote, and the reported
clause for indirect speech (its complementizer "that" included, as attribution
corpora mark it).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ...nlp.text import doc_text
from ...records import EntityTable, Quote
from .names import colon_name, sign_off, speaker_label
from .parse import (QuoteSpan, indirect_content, is_boundary, is_cue, is_speech_token, scan_quote_marks,
                         trim_span)
from .speakers import Speaker, SpeakerResolver, floating

__all__ = ["extract_quotes", "is_cue", "is_speech_token", "scan_quote_marks"]

_WORD_RE = re.compile(r"\w+")
_WINDOW = 30  # tokens searched for a cue on either side of a quote
_EMBEDDED_MIN = 6  # words of a quoted stretch inside narrative that make it someone's words
_TAIL_CUE_MAX = 12  # "…,” Ivo Kern, the Borvian foreign minister, told reporters": cue within 12 tokens


@dataclass
class _Draft:
    start: int
    end: int
    direct: bool
    cue: object | None = None  # spaCy Token
    speaker: Speaker | None = None
    floating: bool = False
    name: tuple[int, int] | None = None  # a speaker named without a cue: "KERN: ..." or "” — Ivo Kern"


# -- the article --------------------------------------------------------------
class _Article:
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
        return len(_WORD_RE.findall(self.text, start, end))


# -- 2. cues of direct quotes -----------------------------------------------------
def _tail_cue(art: _Article, span: QuoteSpan):
    """A cue verb right after the closing mark: "…,” she said" / "…,” said Ivo Kern".

    Any verb will do in the tight pattern "…,” NAME VERB" / "…,” VERB NAME"
    ("…,” Kern snapped"): manner-of-speaking verbs are too many to list. A
    listed cue may sit further off, after a long apposition, when its subject
    starts at the mark.
    """
    if span.close is None:
        return None
    doc = art.doc
    i = art.tok_at(span.close + 1)
    if i < len(doc) and doc[i].text in (".", "!", "?") and art.text[span.end - 1] not in ",—–-":
        return None  # the sentence ended after the mark
    open_ended = art.text[span.end - 1] in ",?!—–-…"
    for j in range(i, min(len(doc), i + _WINDOW)):
        tok = doc[j]
        if is_boundary(tok):
            return None
        if tok.pos_ != "VERB" and not is_cue(tok) or _owns_other_content(tok, span):
            continue
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        subj_at_mark = subj is not None and subj.left_edge.i <= i + 1
        if is_cue(tok) and (j < i + _TAIL_CUE_MAX or subj_at_mark):
            return tok
        if open_ended and (subj_at_mark and subj.i < tok.i or j == i and subj is not None):
            return tok
        if open_ended and tok.pos_ == "VERB" and _name_between(doc, i, j):
            return tok  # "…,” Kern barked": the parser may take the name for a compound, not the subject
    return None


def _name_between(doc, i: int, j: int) -> bool:
    """Whether tokens ``i`` to ``j`` (exclusive) are one short proper name."""
    return 0 < j - i <= 4 and all(doc[k].pos_ == "PROPN" for k in range(i, j))


def _owns_other_content(cue, span: QuoteSpan) -> bool:
    """A cue with its own complement clause after it reports something else.

    A quoted title after a noun ("said on the podcast “Here's the Thing”") is
    often misparsed as the cue's complement; it is no reported clause.
    """
    doc = cue.doc

    def titled(c) -> bool:
        lo = c.left_edge.i
        return doc[lo].is_quote and lo > 0 and doc[lo - 1].pos_ in ("NOUN", "PROPN") and lo - 1 != cue.i

    return any(c.dep_ == "ccomp" and c.idx > cue.idx and c.idx >= span.end and not titled(c) for c in cue.children)


def _head_cue(art: _Article, span: QuoteSpan):
    """A cue verb before the opening mark: "He said: “…" or "She said that the war “…"."""
    doc = art.doc
    i = art.tok_at(span.open) - 1
    gap = art.text[:span.open].rstrip()
    lead = gap[-1:] if gap else ""
    if lead == ":":
        # "Stated Kern:\n\n“…": a colon carries the cue across the paragraph break.
        while i >= 0 and (doc[i].is_space or doc[i].text == ":"):
            i -= 1
    stop = max(-1, i - _WINDOW)
    for j in range(i, stop, -1):
        tok = doc[j]
        if is_boundary(tok):
            return None
        if not is_cue(tok):
            continue
        near = (span.open - (tok.idx + len(tok))) <= 2  # "said “…"
        governs = any(c.dep_ == "ccomp" and c.left_edge.idx <= span.open <= c.right_edge.idx + len(c.right_edge)
                      for c in tok.children)
        if lead in (":", ",") or near or governs:
            return tok
        return None
    return None


def _colon_intro(art: _Article, span: QuoteSpan):
    """The verb of a clause that introduces a quote with a colon: "Kern put it bluntly: “…"."""
    gap = art.text[:span.open].rstrip()
    if not gap.endswith(":"):
        return None
    doc = art.doc
    i = art.tok_at(len(gap) - 1) - 1
    for j in range(i, max(-1, i - _WINDOW), -1):
        tok = doc[j]
        if is_boundary(tok):
            return None
        if tok.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            return tok
    return None


def _mixed_clause(art: _Article, cue, span: QuoteSpan) -> tuple[int, int] | None:
    """The reported clause around a quoted fragment: "Kern said the plan “is dead”".

    A mixed quote is one quote whose text is the cue's whole complement clause,
    quoted words included, so the proposition reads whole.
    """
    if cue.pos_ == "NOUN" or cue.lower_ == "according":
        return None
    close = span.close if span.close is not None else span.end
    for comp in cue.children:
        if comp.dep_ != "ccomp":
            continue
        bounds = trim_span(art.doc, comp.left_edge.i, comp.right_edge.i + 1, 1)
        if bounds is None:
            continue
        lo, hi = art.doc[bounds[0]].idx, art.doc[bounds[1] - 1].idx + len(art.doc[bounds[1] - 1])
        if not (lo <= span.open and close <= hi + 1) or art.para(lo) != art.para(hi - 1):
            continue
        if art.words(lo, span.open) + art.words(close, hi) >= 1:
            return lo, max(hi, span.end)
    return None


def _governor(art: _Article, span: QuoteSpan):
    """The nearest verb with a subject, outside a quoted stretch, that governs it."""
    doc = art.doc
    tok = doc[art.tok_at(span.start)]
    close = span.close if span.close is not None else span.end
    for _ in range(8):
        if not span.open <= tok.idx <= close and tok.pos_ in ("VERB", "AUX") \
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _utterance_like(art: _Article, span: QuoteSpan) -> bool:
    """Scare quotes and titles (“red line”) are not quotes; a few words with final punctuation may be."""
    n = art.words(span.start, span.end)
    return n >= 4 or (n >= 1 and art.text[span.end - 1] in ",.!?…")


def _stands_alone(art: _Article, span: QuoteSpan) -> bool:
    """A quote that is most of its sentence, not a phrase inside a narrative sentence."""
    text = art.text
    before = text[max(art.para_starts[art.para(span.open)], span.open - 300):span.open]
    cut = max(before.rfind(". "), before.rfind("? "), before.rfind("! "), before.rfind("” "), before.rfind('" '),
              before.rfind("'' ") + 1)
    lead = before[cut + 1:] if cut >= 0 else before
    return len(lead.strip()) <= 3


# -- assembly ------------------------------------------------------------------
def extract_quotes(doc, entities: EntityTable) -> list[Quote]:
    """Direct, mixed and indirect quotes of a parsed doc, with resolved speakers."""
    art = _Article(doc)
    spans = [s for s in scan_quote_marks(art.text) if _utterance_like(art, s)]
    drafts: list[_Draft] = []
    claimed: dict[int, _Draft] = {}
    loose: list[QuoteSpan] = []
    for span in spans:
        cue = _tail_cue(art, span) or _head_cue(art, span) or _colon_intro(art, span)
        if cue is None:
            loose.append(span)
            continue
        start, end = _mixed_clause(art, cue, span) or (span.start, span.end)
        if drafts and drafts[-1].cue is cue and drafts[-1].start <= start and end <= drafts[-1].end:
            continue  # a second quoted fragment of the same mixed quote
        d = _Draft(start, end, True, cue)
        drafts.append(d)
        claimed.setdefault(cue.i, d)
    direct_spans = [(d.start, d.end) for d in drafts]
    indirect = _indirect_drafts(art, claimed, direct_spans, [(s.start, s.end) for s in spans])
    drafts += indirect
    covered = sorted((d.start, d.end) for d in indirect)
    for span in loose:
        if _inside(covered, span.start, span.end):
            continue  # part of a mixed indirect quote
        if _stands_alone(art, span) or colon_name(art, span) is not None:
            drafts.append(_loose_draft(art, entities, span))
        elif art.words(span.start, span.end) >= _EMBEDDED_MIN:
            # A long quoted stretch inside a narrative sentence ("Kern vowed
            # to “...”"): someone's words, spoken by the sentence's subject.
            drafts.append(_Draft(span.start, span.end, True, _governor(art, span)))
    drafts += _transcript_drafts(art, entities, [(d.start, d.end) for d in drafts])
    drafts.sort(key=lambda d: d.start)
    _resolve(art, entities, drafts)
    return [_to_quote(n, art, d) for n, d in enumerate(drafts, 1)]


def _loose_draft(art: _Article, entities: EntityTable, span: QuoteSpan) -> _Draft:
    """A quote with no cue: named by a transcript label or a sign-off, or floating."""
    label = speaker_label(art, entities, span.start)
    if label:
        return _Draft(label.end(), span.end, True, None, name=label.span(1))
    named = colon_name(art, span)
    if named is not None:
        return _Draft(span.start, span.end, True, None, name=named)
    if span.close is not None:
        dash = sign_off(art.text, span.close + 1)
        if dash:
            return _Draft(span.start, span.end, True, None, name=dash)
    return _Draft(span.start, span.end, True, None, floating=True)


def _transcript_drafts(art: _Article, entities: EntityTable, taken: list[tuple[int, int]]) -> list[_Draft]:
    """Unquoted transcript paragraphs, "KERN: We will not ...", as direct quotes of the label."""
    out = []
    taken = sorted(taken)
    for p in art.para_starts:
        label = speaker_label(art, entities, p)
        if not label or art.text[p] in "“\"":
            continue
        end = art.text.find("\n", p)
        end = len(art.text) if end < 0 else end
        while end > label.end() and art.text[end - 1].isspace():
            end -= 1
        if end > label.end() and not _overlaps(taken, label.end(), end):
            out.append(_Draft(label.end(), end, True, None, name=label.span(1)))
    return out


def _indirect_drafts(art: _Article, claimed: dict[int, _Draft], direct: list[tuple[int, int]],
                     quoted: list[tuple[int, int]]) -> list[_Draft]:
    """Indirect quotes of the cues no direct quote claimed.

    ``direct`` are the direct quotes with a cue, ``quoted`` all utterance-like
    quoted spans: a cue inside quoted words is the quoted speaker's, and an
    indirect content may hold a quoted fragment (a mixed quote) but not cut
    through one.
    """
    out: list[_Draft] = []
    direct, quoted = sorted(direct), sorted(quoted)
    for tok in art.doc:
        if tok.i in claimed or not is_cue(tok) or _inside(quoted, tok.idx, tok.idx + len(tok)):
            continue
        span = indirect_content(tok)
        if span is None:
            continue
        start, end = art.doc[span[0]].idx, art.doc[span[1] - 1].idx + len(art.doc[span[1] - 1])
        if art.para(start) != art.para(tok.idx) or art.para(end - 1) != art.para(tok.idx):
            # The parse ran across a paragraph break (a subhead or a lone line
            # above): keep the cue's paragraph only.
            start, end = _clip_to_paragraph(art, tok.idx, start, end)
            if end <= start:
                continue
        if _overlaps(direct, start, end) or art.words(start, end) < 1:
            continue  # its words are already a direct quote with its own cue
        if any(art.words(s, start) or art.words(end, e) for s, e in _overlapping(quoted, start, end)):
            continue  # it cuts through quoted words (marks and punctuation left out of it do not count)
        out.append(_Draft(start, end, False, tok))
    # A cue inside another cue's content is reported speech within reported
    # speech ("Kern said he supports the plan"): the outer quote carries it.
    spans = sorted((d.start, d.end) for d in out)
    starts = [s for s, _ in spans]

    def nested(d: _Draft) -> bool:
        i = bisect.bisect_right(starts, d.cue.idx)
        return any(spans[j][1] > d.cue.idx and spans[j] != (d.start, d.end) for j in range(i))

    return [d for d in out if not nested(d)]


def _clip_to_paragraph(art: _Article, at: int, start: int, end: int) -> tuple[int, int]:
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


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return any(spans[j][0] <= start and end <= spans[j][1] for j in range(max(0, i - 3), i + 1))


def _overlapping(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The spans (sorted, non-overlapping) that overlap [start, end)."""
    i = bisect.bisect_left(spans, (end, -1))
    out = []
    for j in range(i - 1, -1, -1):
        if spans[j][1] <= start:
            break
        out.append(spans[j])
    return out


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return bool(_overlapping(spans, start, end))


def _pieces(d: _Draft) -> list[tuple[int, int]]:
    """The content of a draft without the attribution set inside it ("The talks, Kern said, will go on")."""
    cue = d.cue
    if d.direct or cue is None or not d.start <= cue.idx < d.end:
        return [(d.start, d.end)]
    lo, hi = cue.left_edge, cue.right_edge
    return [(d.start, lo.idx), (hi.idx + len(hi), d.end)]


def _resolve(art: _Article, entities: EntityTable, drafts: list[_Draft]) -> None:
    resolver = SpeakerResolver(art.doc, entities, [p for d in drafts for p in _pieces(d)])
    previous: _Draft | None = None
    for d in drafts:
        if d.name is not None:
            d.speaker = resolver.resolve_name(*d.name)
        elif d.cue is not None:
            # A parenthetical cue's subject sits inside the content's hull: no misparse to guard against.
            inside = len(_pieces(d)) > 1
            d.speaker = resolver.from_cue(d.cue, None if inside else (d.start, d.end))
            if d.speaker is not None:
                resolver.remember(d.speaker)
        elif previous is not None and previous.speaker is not None and art.para(previous.end) >= art.para(d.start) - 1:
            d.speaker = floating(previous.speaker)
            if art.para(previous.end) == art.para(d.start):
                d.cue = previous.cue  # the second half of a quote split around its cue
        elif d.floating:
            # No earlier quote in the passage: the person just named introduces it
            # ("Kern arrived in Vellin on Monday.\n“We are ready.”").
            d.speaker = resolver.person_before(d.start, art.para_starts[max(0, art.para(d.start) - 1)])
        if d.direct:
            previous = d
        elif d.speaker is not None:
            previous = d


def _to_quote(n: int, art: _Article, d: _Draft) -> Quote:
    cue, sp = d.cue, d.speaker
    cue_text = cue_start = cue_end = None
    if cue is not None:
        cue_start, cue_end = cue.idx, cue.idx + len(cue)
        prt = [c for c in cue.children if c.dep_ == "prt" or (cue.lower_ == "according" and c.lower_ == "to")]
        if prt:
            cue_end = max(cue_end, max(c.idx + len(c) for c in prt))
        cue_text = art.text[cue_start:cue_end]
    return Quote(
        id=f"q{n}", text=art.text[d.start:d.end], start=d.start, end=d.end, direct=d.direct,
        cue=cue_text, cue_start=cue_start, cue_end=cue_end,
        speaker_text=sp.text if sp else None, speaker_start=sp.start if sp else None,
        speaker_end=sp.end if sp else None, speaker_id=sp.entity_id if sp else None,
        how=(("floating" if d.floating else sp.how) if sp else None),
    )
