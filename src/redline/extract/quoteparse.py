"""Reading quotes off the text and the parse: quote marks, cue words, and what a cue reports.

- ``scan_quote_marks`` pairs quote marks over the raw text with a small state
  machine (a quote can span sentences, and the parser splits sentences badly
  around quote marks). Curly and straight marks are read by their context; an
  unclosed quote ends at its paragraph's end, the journalistic convention of
  a quote that runs on into a next paragraph opening with a fresh mark.
- ``is_cue`` tells a verb (or noun) of saying or believing, from the lexicon
  in ``data/speech_verbs.json``.
- ``indirect_content`` finds, in the dependency parse, the words a cue reports.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

_OPEN, _CLOSE = "“«„", "”»"
_MARK_RE = re.compile(r'[“”"«»„\n]')
_BEFORE_OPEN = set("([{—–-/:")
_AFTER_CLOSE = set(".,;:!?)]}—–-…")


@dataclass
class QuoteSpan:
    """Content of one pair of quote marks (offsets exclude the marks)."""

    start: int
    end: int
    open: int  # offset of the opening mark
    close: int | None  # offset of the closing mark; None when unclosed


@dataclass(frozen=True)
class Lexicon:
    verbs: frozenset[str]  # every cue verb: speech, cognition, evidence, naming, object-content
    speech: frozenset[str]  # verbs of saying only (the benchmark's speech-cue subset)
    particles: dict[str, str]  # verbs that are cues only with a particle ("point out")
    objects: frozenset[str]  # verbs whose direct object is what was said
    nouns: frozenset[str]  # speech nouns that report a "that" clause
    naming: frozenset[str]  # "called the plan a disaster": content is object + predicate
    preps: dict[str, frozenset[str]]  # "called for talks": prepositions whose object is the content


@functools.lru_cache(maxsize=1)
def cue_lexicon() -> Lexicon:
    data = json.loads(resources.files("redline.data").joinpath("speech_verbs.json").read_text("utf-8"))
    objects = frozenset(data.get("object_content", ()))
    naming = frozenset(data.get("naming", ()))
    speech = frozenset(data["speech"])
    verbs = speech | frozenset(data["cognition"]) | frozenset(data.get("evidence", ())) | objects | naming
    preps = {k: frozenset(v) for k, v in data.get("prep_content", {}).items()}
    return Lexicon(verbs, speech, dict(data.get("particles", {})), objects,
                   frozenset(data.get("nouns", ())), naming, preps)


def that_clause(tok):
    """The clause a speech noun reports: "the claim that ..." (acl or ccomp with "that")."""
    return next((c for c in tok.children if c.dep_ in ("acl", "ccomp") and c.i > tok.i
                 and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)


def is_cue(tok) -> bool:
    """Whether ``tok`` is a verb (or noun) of saying or believing, or "according" of "according to"."""
    if tok.lower_ == "according":
        return tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"
    lex = cue_lexicon()
    lemma = tok.lemma_.lower()
    if tok.pos_ == "NOUN":
        return lemma in lex.nouns and that_clause(tok) is not None
    if tok.pos_ not in ("VERB", "AUX") or tok.pos_ == "AUX" and lemma != "say":
        return False
    if lemma in lex.particles:
        return any(c.dep_ == "prt" and c.lower_ == lex.particles[lemma] for c in tok.children)
    if lemma not in lex.verbs and lemma in lex.preps:
        return _prep_object(tok) is not None
    return lemma in lex.verbs


def _prep_object(tok):
    """The object of the preposition that carries a cue's content: "called for talks", "accused him of lying"."""
    preps = cue_lexicon().preps.get(tok.lemma_.lower(), frozenset()) | {"about"}
    for c in tok.children:
        if c.dep_ in ("prep", "prt") and c.lower_ in preps and c.i > tok.i:
            inner = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if inner is not None:
                return inner
    return None


def is_speech_token(tok) -> bool:
    """Whether a token's lemma is a verb of saying, whatever its tag (the speech-cue subset in scoring)."""
    return tok.lower_ == "according" or tok.lemma_.lower() in cue_lexicon().speech


# -- quote marks ----------------------------------------------------------------
def _direction(text: str, i: int, is_open: bool) -> bool:
    """True when the mark at ``i`` opens a quote, judged by the characters around it."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    opens_ctx = prev.isspace() or prev in _BEFORE_OPEN or prev in _OPEN
    closes_ctx = nxt.isspace() or nxt in _AFTER_CLOSE or nxt in _CLOSE
    if opens_ctx and not closes_ctx:
        return True
    if closes_ctx and not opens_ctx:
        return False
    if ch in _OPEN:
        return True
    if ch in _CLOSE:
        return False
    return not is_open  # a straight mark with no telling context toggles


def scan_quote_marks(text: str) -> list[QuoteSpan]:
    """Pair quote marks over the whole text; never fails on unbalanced marks."""
    spans: list[QuoteSpan] = []
    open_at: int | None = None

    def close(at: int, mark: int | None) -> None:
        s, e = open_at + 1, at
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append(QuoteSpan(s, e, open_at, mark))

    for m in _MARK_RE.finditer(text):
        i = m.start()
        if text[i] == "\n":
            if open_at is not None:
                # An open quote ends with its paragraph: either it runs on into
                # the next paragraph (which reopens it) or its close mark is missing.
                close(i, None)
                open_at = None
            continue
        if _direction(text, i, open_at is not None):
            if open_at is not None:
                close(i, None)  # a new opening mark while open: the first was never closed
            open_at = i
        elif open_at is not None:
            close(i, i)
            open_at = None
        # A closing mark with nothing open is a stray: ignored.
    if open_at is not None:
        close(len(text), None)
    return spans


# -- what a cue reports ----------------------------------------------------------
def indirect_content(tok) -> tuple[int, int] | None:
    """Token span of what a cue reports, from the parse, without "that" and edge punctuation.

    In order: a complement clause ("said the talks would go on"), a
    to-infinitive ("vowed to retaliate", "urged voters to stay home"), the
    direct object of verbs whose object is the message ("denied the report"),
    and "accused him of lying". Objects of other verbs are the hearer
    ("told reporters") and are not content.
    """
    doc = tok.doc
    if tok.lower_ == "according":
        return _according_content(tok)
    if tok.pos_ == "NOUN":
        clause = that_clause(tok)
        return trim_span(doc, clause.left_edge.i, clause.right_edge.i + 1) if clause is not None else None
    kids = list(tok.children)
    comps = [c for c in kids if c.dep_ == "ccomp"]
    # Prefer a complement after the cue: a second one before it is often a
    # misparse reaching back into the previous sentence or paragraph.
    comp = next((c for c in comps if c.i > tok.i), comps[0] if comps else None)
    if comp is not None:
        return trim_span(doc, comp.left_edge.i, comp.right_edge.i + 1)
    if tok.dep_ == "parataxis" and tok.head.i < tok.i:
        # "The talks will go on, officials said.": the parser hangs the cue off the content.
        return trim_span(doc, tok.sent.start, tok.left_edge.i)
    oprd = next((c for c in kids if c.dep_ in ("oprd", "xcomp", "ccomp") and c.i > tok.i), None)
    if tok.lemma_.lower() in cue_lexicon().naming:
        # "called the plan a disaster": object and predicate together; a bare
        # "called" (named, phoned) reports nothing.
        if oprd is None or oprd.i <= tok.i + 1:
            return None
        return trim_span(doc, tok.i + 1, oprd.right_edge.i + 1, 1)
    xcomp = next((c for c in kids if c.dep_ == "xcomp" and c.i > tok.i
                  and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    obj = next((c for c in kids if c.dep_ == "dobj" and c.i > tok.i), None)
    if xcomp is not None:
        lo = obj.left_edge.i if obj is not None and obj.i < xcomp.i else xcomp.left_edge.i
        return trim_span(doc, lo, xcomp.right_edge.i + 1, 1)
    if obj is not None and tok.lemma_.lower() in cue_lexicon().objects:
        return trim_span(doc, obj.left_edge.i, obj.right_edge.i + 1, 1)
    inner = _prep_object(tok)
    if inner is not None:
        return trim_span(doc, inner.left_edge.i, inner.right_edge.i + 1, 1)
    return None


def _according_content(tok) -> tuple[int, int] | None:
    """"According to Y, X" / "X, according to Y": the clause "according" hangs from, minus itself.

    When the attribution sits mid-clause, the longer side is kept: a content
    span is contiguous.
    """
    head = tok.head
    if head is tok:
        return None
    lo, hi = head.left_edge.i, head.right_edge.i + 1
    before = trim_span(tok.doc, lo, tok.left_edge.i, 1)
    after = trim_span(tok.doc, tok.right_edge.i + 1, hi, 1)
    sides = [s for s in (before, after) if s is not None]
    return max(sides, key=lambda s: s[1] - s[0]) if sides else None


def trim_span(doc, lo: int, hi: int, least: int = 2) -> tuple[int, int] | None:
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space or doc[lo].lower_ == "that" and doc[lo].dep_ == "mark"):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    return (lo, hi) if hi - lo >= least else None
