"""Reading quotes off the text and the parse: quote marks, cue words, and what a cue reports.

- ``scan_quote_marks`` pairs quote marks over the raw text with a small state
  machine (a quote can span sentences, and the parser splits sentences badly
  around quote marks). Curly and straight marks are read by their context; an
  unclosed quote ends at its paragraph's end, the journalistic convention of
  a quote that runs on into a next paragraph opening with a fresh mark.
- ``is_cue`` tells a verb (or noun) of saying or believing, from the lexicon
  in ``data/<language>/speech_verbs.json`` (``lexicon.speech``).
- ``indirect_content`` finds, in the dependency parse, the words a cue reports.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon.speech import cue_lexicon
from .cues import ACCORDING, CLAUSE, INFINITIVE, NAMING, NOUN, OBJECT, PAREN, PREP

_OPEN, _CLOSE = "“«„", "”»"
# Two apostrophes stand for a straight double mark in some wire and archive
# texts (''We will not yield,'' Kern said).
_MARK_RE = re.compile(r"''|[“”\"«»„\n]")
_BEFORE_OPEN = set("([{—–-/:")
_AFTER_CLOSE = set(".,;:!?)]}—–-…")
_GROUNDS = frozenset({"for", "as", "over", "of", "on", "about"})  # "slammed X for/as/over Y"


@dataclass
class QuoteSpan:
    """Content of one pair of quote marks (offsets exclude the marks)."""

    start: int
    end: int
    open: int  # offset of the opening mark
    close: int | None  # offset of the closing mark (its last character); None when unclosed


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
    if lemma in lex.particles and any(c.dep_ == "prt" and c.lower_ == lex.particles[lemma] for c in tok.children):
        return True
    if lemma in lex.particles and lemma not in lex.verbs:
        return lemma in lex.preps and _prep_object(tok) is not None
    if lemma not in lex.verbs and lemma in lex.preps:
        return _prep_object(tok) is not None
    return lemma in lex.verbs or _reports_clause(tok)


def _reports_clause(tok) -> bool:
    """Any verb with a subject and a "that" clause attributes it: "Kern fumed that ...", "she hinted that ...".

    Attribution covers more verbs than any list (PolNeAR's guidelines take any
    predicate whose complement is a proposition held or expressed by a source).
    """
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False
    return any(c.dep_ == "ccomp" and c.i > tok.i and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
               for c in tok.children)


def _prep_object(tok):
    """The object of the preposition that carries a cue's content: "called for talks", "accused him of lying"."""
    preps = cue_lexicon().preps.get(tok.lemma_.lower(), frozenset()) | {"about"}
    for c in tok.children:
        if c.dep_ in ("prep", "prt") and c.lower_ in preps and c.i > tok.i:
            inner = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if inner is not None:
                return inner
    return None


def is_boundary(tok) -> bool:
    """A token that ends a cue search window: sentence end, quote mark or paragraph break."""
    return tok.text in (".", "!", "?") or "\n" in tok.text or tok.text in ('"', "“", "”", "«", "»", "''")


def is_speech_token(tok) -> bool:
    """Whether a token's lemma is a verb of saying, whatever its tag (the speech-cue subset in scoring)."""
    return tok.lower_ == "according" or tok.lemma_.lower() in cue_lexicon().speech


# -- quote marks ----------------------------------------------------------------
def _direction(text: str, i: int, is_open: bool, width: int = 1) -> bool:
    """True when the mark at ``i`` (``width`` characters) opens a quote, judged by the characters around it."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + width] if i + width < len(text) else " "
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
    open_width = 1

    def close(at: int, mark: int | None) -> None:
        s, e = open_at + open_width, at
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
        width = m.end() - i
        if _direction(text, i, open_at is not None, width):
            if open_at is not None:
                close(i, None)  # a new opening mark while open: the first was never closed
            open_at, open_width = i, width
        elif open_at is not None:
            close(i, m.end() - 1)  # ``close`` is the mark's last character
            open_at = None
        # A closing mark with nothing open is a stray: ignored.
    if open_at is not None:
        close(len(text), None)
    return spans


# -- what a cue reports ----------------------------------------------------------
def indirect_content(tok) -> tuple[int, int, str] | None:
    """Token span of what a cue reports, from the parse, without edge punctuation, and how it was
    read (``cues.CLAUSE``, ``INFINITIVE``, ``OBJECT``, ...; ``cues.makes_quote`` judges it).

    In order: a complement clause ("said the talks would go on"), a
    parenthetical cue ("The talks, Kern said, will go on"), a naming verb's
    object and predicate ("called the plan a disaster"), a to-infinitive
    ("vowed to retaliate", "urged voters to stay home"), the direct object of
    verbs whose object is the message ("denied the report"), and "accused him
    of lying". Objects of other verbs are the hearer ("told reporters") and are
    not content.
    """
    doc = tok.doc
    if tok.lower_ == "according":
        return _kind(_according_content(tok), ACCORDING)
    if tok.pos_ == "NOUN":
        clause = that_clause(tok)
        return _kind(trim_span(doc, clause.left_edge.i, clause.right_edge.i + 1), NOUN) if clause is not None else None
    kids = list(tok.children)
    comps = [c for c in kids if c.dep_ == "ccomp"]
    # Prefer a complement after the cue: a second one before it is often a
    # misparse reaching back into the previous sentence or paragraph.
    comp = next((c for c in comps if c.i > tok.i), comps[0] if comps else None)
    if comp is not None:
        # A fronted relative pronoun puts the cue inside its own clause ("savings that he says
        # the plan would achieve"): the content starts after the cue.
        lo = comp.left_edge.i if not comp.left_edge.i < tok.i < comp.right_edge.i else tok.i + 1
        # "cautioned, as did the campaign, that ...": the words set off before "that" are the writer's.
        mark = next((c for c in comp.children if c.dep_ == "mark" and c.lower_ == "that" and c.i > lo), None)
        if mark is not None and any(t.text == "," for t in doc[lo:mark.i]):
            lo = mark.i
        if doc[lo].sent.start != tok.sent.start and lo > tok.i:
            return None  # the parse ran into the next sentence: "said something strange. He made ..."
        return _kind(trim_span(doc, lo, comp.right_edge.i + 1), CLAUSE)
    if tok.dep_ == "parataxis" and tok.head is not tok or _trailing_attribution(tok):
        return _kind(_parenthetical_content(tok), PAREN)
    oprd = next((c for c in kids if c.dep_ in ("oprd", "xcomp", "ccomp") and c.i > tok.i), None)
    if tok.lemma_.lower() in cue_lexicon().naming:
        # "called the plan a disaster": object and predicate together; a bare
        # "called" (named, phoned) reports nothing, but "called for talks" does.
        if oprd is None or oprd.i <= tok.i + 1:
            inner = _prep_object(tok)
            return _kind(trim_span(doc, inner.left_edge.i, inner.right_edge.i + 1, 1), PREP) if inner is not None else None
        return _kind(trim_span(doc, tok.i + 1, oprd.right_edge.i + 1, 1), NAMING)
    # A to-infinitive; after a verb of saying any open complement, as the
    # parser takes "said legalizing it would help" for one.
    lex, lemma = cue_lexicon(), tok.lemma_.lower()
    speech = lemma in lex.speech
    xcomp = next((c for c in kids if c.dep_ == "xcomp" and c.i > tok.i and lemma not in lex.aspectual
                  and (speech or any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))), None)
    obj = next((c for c in kids if c.dep_ == "dobj" and c.i > tok.i), None)
    if xcomp is not None:
        lo = obj.left_edge.i if obj is not None and obj.i < xcomp.i else xcomp.left_edge.i
        return _kind(trim_span(doc, lo, xcomp.right_edge.i + 1, 1), INFINITIVE)
    if obj is not None and tok.lemma_.lower() in cue_lexicon().objects:
        # "criticized Kern for the delay", "praised the plan as bold": the
        # ground of the judgement belongs to what was said.
        hi = obj.right_edge.i + 1
        for c in kids:
            if c.i >= hi and c.dep_ in ("prep", "oprd") and (c.dep_ != "prep" or c.lower_ in _GROUNDS):
                hi = c.right_edge.i + 1
        return _kind(trim_span(doc, obj.left_edge.i, hi, 1), OBJECT)
    inner = _prep_object(tok)
    if inner is not None:
        return _kind(trim_span(doc, inner.left_edge.i, inner.right_edge.i + 1, 1), PREP)
    return None


def _kind(span: tuple[int, int] | None, kind: str) -> tuple[int, int, str] | None:
    return None if span is None else (span[0], span[1], kind)


def _trailing_attribution(tok) -> bool:
    """"The talks will go on, Kern's aide told the Wire.": a cue with its own subject, set
    off by a comma at the sentence's end, which the parser joined to the content as a conjunct."""
    doc = tok.doc
    if tok.dep_ != "conj" or tok.head.i > tok.i or any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    if subj is None or subj.left_edge.i == 0 or doc[subj.left_edge.i - 1].text != ",":
        return False
    return tok.right_edge.i >= tok.sent.end - 2


def _parenthetical_content(tok) -> tuple[int, int] | None:
    """A cue set off in the clause it reports: the parser hangs it off the content.

    "The talks will go on, officials said." gives the words before the cue;
    "The talks, officials said, will go on." gives the whole clause around it
    (attribution corpora mark both sides, and a content span is contiguous).
    """
    doc, head = tok.doc, tok.head
    lo = max(head.left_edge.i, tok.sent.start)
    hi = min(head.right_edge.i + 1, tok.sent.end)
    before = trim_span(doc, lo, tok.left_edge.i, 1)
    after = trim_span(doc, tok.right_edge.i + 1, hi, 1)
    if before is None or after is None:
        return before or after
    return before[0], after[1]


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
    """Strip edge punctuation and space.

    A complementizer "that" stays, as attribution corpora (PARC, PolNeAR) mark it.
    """
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    return (lo, hi) if hi - lo >= least else None
