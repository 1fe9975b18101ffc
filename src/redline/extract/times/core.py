"""Time expressions: find dates, times, durations and sets, and normalise them.

Detection is rule-based (the patterns in ``timewords``) over the doc's text,
joined by spaCy's DATE/TIME entities where no rule fired. Values are
TIMEX3-style and resolved against the article's publication date:

- a weekday is the one on or before publication, unless the governing verb
  is future ("will", "expected to"), when it is the one on or after;
- a month-day without a year ("Jan. 20") follows the verb the same way, a
  present tense counting as ahead ("the rights expire Nov. 21"), and with no
  verb to go by it is the nearer of the two;
- "In May" is May of the publication year when that month is past, else the
  year before (or the next one under a future or present verb);
- "three days ago", "earlier this month", "last year" shift the publication
  date; "more than two weeks ago" is marked approximate.

With no publication date, expressions that need it get ``value=None``.
Absolute dates ("December 2022"), durations and sets still resolve.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from ...nlp.text import doc_text
from ...records import TimeExpr
from . import words as tw
from .values import NORMALISERS

_SPACY_LABELS = {"DATE", "TIME"}
# spaCy's entities sometimes start with a preposition or end with punctuation;
# TimeBank extents never do.
_LEAD = re.compile(r"^(?:(?:on|in|at|by|since|until|till|from|during|for|of|to|between|and|or)\s+)+", re.I)
_NOT_TIME = re.compile(r"(?i)\bold\b|^(?:annual|annually|quarterly|year-end|seasonally)$|[\"\u201c\u201d(]")
_TRAIL = re.compile(r"(?:[\s,;:.!?)\"'\u2019\u201d-]|'s|\u2019s|\s(?:on|of|in|at|to|the|a|and|or))+$", re.I)


@dataclass(order=True)
class _Cand:
    start: int
    end: int
    kind: str = field(compare=False)
    match: re.Match | None = field(compare=False, default=None)


def parse_published(published: str | None) -> dt.date | None:
    """The ISO publication date as a ``date``, or None (unknown or malformed)."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def _rule_candidates(text: str) -> list[_Cand]:
    out = []
    for kind, rx in tw.RULES:
        for m in rx.finditer(text):
            if m.end() > m.start():
                out.append(_Cand(m.start(), m.end(), kind, m))
    return out


def _token_at(doc, char: int):
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _plausible(doc, text: str, c: _Cand) -> bool:
    """Drop rule matches that the parse shows are not times."""
    g = c.match.groupdict() if c.match else {}
    if c.kind == "month" and not (g.get("y") or g.get("rel") or g.get("pmod")):
        tok = _token_at(doc, c.match.start("mon"))
        # "May" the modal and "March" the verb; a bare month must be a proper noun.
        if tok is None or tok.tag_ not in ("NNP", "NN", "NNPS"):
            return False
    if c.kind == "year" and not (g.get("fis") or g.get("pmod") or g.get("dec")):
        tok = _token_at(doc, c.match.start("y"))
        if tok is not None:
            # "2000 troops", "1,500 dollars": a count, not a year.
            if tok.ent_type_ in ("MONEY", "QUANTITY", "PERCENT", "CARDINAL"):
                return False
            nxt = tok.nbor(1) if tok.i + 1 < len(doc) else None
            if nxt is not None and nxt.tag_ == "NNS" and tok.dep_ == "nummod":
                return False
    if c.kind == "span":
        n = g.get("n") or ""
        # "a day" in "twice a day" is a frequency, handled by the set rule.
        before = text[max(0, c.start - 12):c.start]
        if n.lower() in ("a", "an") and re.search(r"(?i)\b(?:once|twice|times)\s*$", before):
            return False
    return True


_THE_HYPHEN = re.compile(r"(?i)the\s+(?=[\w.]+-\w)")


def _adjust(text: str, c: _Cand) -> _Cand:
    """TimeBank leaves "the" out before a hyphenated modifier: the "two-week" delay."""
    if c.kind in ("span", "quarter") and c.match and not (c.match.groupdict().get("rel")):
        m = _THE_HYPHEN.match(text, c.start)
        if m and m.end() < c.end:
            return _Cand(m.end(), c.end, c.kind, c.match)
    return c


class _Spans:
    """Disjoint spans kept sorted, so an overlap test is a binary search."""

    def __init__(self, spans: list[_Cand] | None = None):
        self.items = sorted(spans or [])
        self.starts = [c.start for c in self.items]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)  # spans starting before ``end``
        return i > 0 and self.items[i - 1].end > start

    def add(self, c: _Cand) -> None:
        i = bisect.bisect_left(self.starts, c.start)
        self.starts.insert(i, c.start)
        self.items.insert(i, c)


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Keep the longest of overlapping candidates (earlier start on ties)."""
    cands.sort(key=lambda c: (-(c.end - c.start), c.start))
    taken = _Spans()
    for c in cands:
        if not taken.overlaps(c.start, c.end):
            taken.add(c)
    return taken.items


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    seg = text[start:end]
    m = _LEAD.match(seg)
    if m:
        start += m.end()
        seg = text[start:end]
    m = _TRAIL.search(seg)
    if m:
        end = start + m.start()
    return start, end


def _spacy_candidates(doc, text: str, taken: list[_Cand]) -> list[_Cand]:
    """spaCy's DATE/TIME entities that no rule covered (no value unless a rule fits inside)."""
    out = []
    covered = _Spans(taken)
    for ent in doc.ents:
        if ent.label_ not in _SPACY_LABELS:
            continue
        start, end = _trim(text, ent.start_char, ent.end_char)
        # A bare number ("25", "1,000") is a count more often than a date; an age
        # ("45-year-old") or a frequency adjective ("annual") is not a time.
        if end <= start or not any(ch.isalpha() for ch in text[start:end]) or _NOT_TIME.search(text[start:end]):
            continue
        if covered.overlaps(start, end):
            continue
        out.append(_Cand(start, end, "spacy:" + ent.label_))
    return out


# --- tense -----------------------------------------------------------------

_FUTURE_AUX = {"will", "shall", "'ll", "wo", "\u2019ll"}
# Verbs whose complement lies ahead: "X's return on Jan. 20 is expected".
_FUTURE_LEMMAS = {"expect", "plan", "schedule", "due", "set", "intend", "aim", "prepare", "vow", "promise"}
# Their simple past still points ahead of the planning ("planned to leave on Thursday"), but
# not of the publication: "posterior" asks for the nearer occurrence. "set fire" is a deed.
_PLANNING_PAST = _FUTURE_LEMMAS - {"set"}


def _verb_tense(tok) -> str | None:
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if tok.dep_ == "acomp":  # "had been due to expire": the auxiliaries sit on "been"
        auxes += [c for c in tok.head.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return "future"
    if tok.lower_ == "going" and any(c.dep_ == "xcomp" for c in tok.children):
        return "future"  # "is going to hold the vote on Monday"
    if "had" in words:
        return "pluperfect"  # "had been scheduled to expire Friday": that Friday is gone
    if words & {"would", "\u2019d", "'d"}:
        return "posterior"  # "said he would travel Thursday": after the saying, not before the report
    past = tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes) or bool(words & {"has", "have"})
    # "is expected", "was scheduled for": ahead of the event; "set fire on Friday" (simple past): not.
    if tok.lemma_.lower() in _FUTURE_LEMMAS:
        if tok.tag_ != "VBD":
            return "future"
        if tok.lemma_.lower() in _PLANNING_PAST:
            return "posterior"
    if past:
        return "past"
    if tok.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    return None


def _is_infinitive(tok) -> bool:
    return tok.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children)


def tense_at(doc, start: int, end: int) -> str | None:
    """"future", "past", "pluperfect", "present", "posterior" or None: the tense of the verb governing [start, end).

    "posterior" is a time after a past reference that may lie on either side of the
    publication: "asked it to respond by Oct. 31", "said he would leave Thursday".
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span.root
    infinitive = False
    for _ in range(6):
        if tok.head is tok:
            break
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB") or tok.lemma_.lower() in _FUTURE_LEMMAS:
            tense = _verb_tense(tok)
            # An infinitive ("ordered troops to invade") takes its tense from above.
            if tense is None and tok.dep_ in ("xcomp", "advcl", "acl", "relcl", "conj"):
                infinitive = infinitive or _is_infinitive(tok)
                continue
            if tense == "past" and infinitive:
                return "posterior"  # "asked it to respond by Oct. 31"
            if tense == "pluperfect" and infinitive:
                return "posterior"  # "had been set to expire Nov. 6": the deadline may still be ahead
            return tense
    return None


# Words before an expression that put it ahead of what the sentence reports:
# "as soon as Tuesday", "until 9 a.m. Tuesday" (a deadline), "payable Dec. 1", "of record Nov. 10".
_AHEAD_CUE = re.compile(r"(?i)\b(?:as\s+(?:soon|early)\s+as|no\s+later\s+than|until|till)\s+(?:on\s+|at\s+)?$")
_AFTER_CUE = re.compile(r"(?i)\b(?:effective|payable|of\s+record|record\s+date|deadline\s+of|due)\s+(?:on\s+|at\s+)?$")


class Context:
    """What normalisers need: the doc, the publication date, tense on demand."""

    def __init__(self, doc, dct: dt.date | None, text: str | None = None):
        self.doc, self.dct = doc, dct
        self.text = doc_text(doc) if text is None else text
        self.last_quarter: str | None = None  # the latest quarter named so far ("the third quarter")

    def tense(self, start: int, end: int) -> str | None:
        return tense_at(self.doc, start, end)

    def cue(self, start: int) -> str | None:
        """"ahead" after "as soon as", "until"...; "after" after "effective", "payable"...; else None."""
        before = self.text[max(0, start - 30):start]
        if _AHEAD_CUE.search(before):
            return "ahead"
        if _AFTER_CUE.search(before):
            return "after"
        return None


_BARE_UNITS = re.compile(r"(?i)(?:the\s+)?(years|months|weeks|days|decades|hours|minutes|centuries)(?:\s+ahead)?")
_SPELLED_YEAR = re.compile(r"(?i)(?:the\s+year\s+)?(nineteen|twenty)[\s-]+(\w+(?:[\s-]\w+)?)")
_DECADE_WORDS = tw.Words({"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9})


def _fallback(label: str, text: str):
    """A value for a spaCy entity that no rule matched, where its words allow one."""
    m = _BARE_UNITS.fullmatch(text)
    if m:
        return "DURATION", tw.duration(None, tw.unit_name(m.group(1))), None, False, False
    m = _SPELLED_YEAR.fullmatch(text)
    if m:  # "nineteen ninety-six": years read out in broadcast transcripts
        rest = tw.word_number(m.group(2))
        if rest is not None and rest < 100:
            return "DATE", f"{tw.SMALL[m.group(1).lower()]:02d}{rest:02d}", None, False, False
    m = re.fullmatch(r"(?i)the\s+(\w+)", text)
    if m and m.group(1).lower() in _DECADE_WORDS:
        return "DATE", f"19{_DECADE_WORDS[m.group(1).lower()]}", None, False, False
    if text.lower() == "these days":
        return "DATE", "PRESENT_REF", None, False, False
    return label, None, None, False, False


def normalise(kind: str, match, ctx: Context, start: int, end: int):
    """(type, value, mod, approximate, relative) for one detected expression."""
    if match is None:  # a spaCy entity no rule explains
        return _fallback(kind.split(":", 1)[1], ctx.text[start:end])
    return NORMALISERS[kind](match.groupdict(), ctx, start, end)


def extract_times(doc, published: str | None = None) -> list[TimeExpr]:
    """Time expressions of a parsed doc, with values resolved against ``published``."""
    text = doc_text(doc)
    cands = [c for c in _rule_candidates(text) if _plausible(doc, text, c)]
    taken = [_adjust(text, c) for c in _select(cands)]
    taken = sorted(taken + _spacy_candidates(doc, text, taken))
    ctx = Context(doc, parse_published(published), text)
    out = []
    for c in taken:
        typ, value, mod, approx, relative = normalise(c.kind, c.match, ctx, c.start, c.end)
        if c.kind in ("quarter", "thequarter") and value and "year-" not in text[c.start:c.end].lower():
            ctx.last_quarter = value  # what a later "a year earlier" refers to
        out.append(TimeExpr(
            text=text[c.start:c.end], start=c.start, end=c.end, type=typ, value=value,
            approximate=approx, mod=mod,
            anchor=ctx.dct.isoformat() if (relative and ctx.dct and value) else None,
        ))
    return out


__all__ = ["extract_times", "parse_published"]
