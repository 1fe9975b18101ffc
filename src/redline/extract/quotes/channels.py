"""The channel of a quote: the outlet its words were said to or printed in.

"…,” Rook told the Harbour Wire", "said in an interview with the Dispatch",
"Rook, speaking to the Wire, said", "wrote in the Vellin Post", "told CNN's
anchor". The outlet carried the words; crediting it with them would lose who
spoke. The same holds for "according to the Dispatch" and "the Dispatch
reported" when the clause they report names the one who spoke ("Rook said
..., according to the Dispatch"): the person is the speaker, the outlet the
channel (``outlet_source`` tells the caller so).

An outlet is read off the words, not the entity type (the small model types
"Harbour Wire" as a facility and "Dispatch" as a nationality): a proper name
holding a newspaper or broadcaster word ("Times", "Wire", "News"), a known
outlet name, or a common noun for one ("the newspaper", "a radio station").
The words are in ``data/<language>/speech_verbs.json`` (``outlet_*``).
"""
from __future__ import annotations

from .cues import quote_lexicon

# Dependency links followed from the cue to reach the outlet, and the noun roles an outlet takes.
_WALK = ("prep", "pobj", "dobj", "dative", "advcl", "acl", "npadvmod", "agent", "poss", "appos", "pcomp", "conj")
_NOUN_DEPS = ("dobj", "dative", "pobj", "poss", "appos", "npadvmod")
_DEPTH = 4


def _phrase(tok) -> tuple[int, int]:
    """Token span of the name or noun phrase headed by ``tok``: its left modifiers, without a
    determiner or a possessive mark ("the Harbour Wire" -> "Harbour Wire")."""
    lo = tok.i
    while lo > tok.left_edge.i and tok.doc[lo - 1].dep_ in ("compound", "amod", "det", "nmod", "poss", "case") \
            and not tok.doc[lo - 1].is_punct:
        lo -= 1
    hi = tok.i + 1
    while hi < len(tok.doc) and tok.doc[hi].dep_ in ("flat", "compound") and tok.doc[hi].head.i == tok.i:
        hi += 1
    doc = tok.doc
    while lo < hi - 1 and (doc[lo].dep_ in ("det", "poss") and doc[lo].pos_ in ("DET", "PRON") or doc[lo].is_punct):
        lo += 1
    while hi - 1 > lo and doc[hi - 1].tag_ == "POS":
        hi -= 1
    return lo, hi


def is_outlet(tok) -> bool:
    """Whether the phrase headed by ``tok`` names a news outlet."""
    lex = quote_lexicon()
    lo, hi = _phrase(tok)
    words = [t for t in tok.doc[lo:hi] if t.tag_ != "POS"]
    if not words:
        return False
    text = " ".join(t.text for t in words)
    if text in lex.outlet_names or any(text.startswith(n + " ") for n in lex.outlet_names):
        return True
    if tok.pos_ == "PROPN":
        # The outlet word heads the name ("the Harbour Wire", "the Vellin Post"); inside a
        # title it is none ("Press Secretary Ivo Kern").
        return tok.text in lex.outlet_words
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in lex.outlet_nouns


def channel_of(cue, content: tuple[int, int], speaker_head=None) -> tuple[int, int] | None:
    """Character span of the outlet a cue's words went to, searched in the cue's own phrases
    (not inside the content, not in the speaker's name) and in clauses hung on the speaker."""
    lo, hi = content
    roots = [c for c in cue.children if c.dep_ in _WALK]
    if speaker_head is not None:
        roots += [c for c in speaker_head.children if c.dep_ in ("acl", "advcl", "appos")]
    seen = set()
    frontier = [(r, 1) for r in roots]
    while frontier:
        tok, depth = frontier.pop(0)
        if tok.i in seen or lo <= tok.idx < hi:
            continue
        seen.add(tok.i)
        if tok.dep_ in _NOUN_DEPS and tok.pos_ in ("PROPN", "NOUN") and is_outlet(tok):
            return span_of(tok)
        if depth < _DEPTH:
            frontier += [(c, depth + 1) for c in tok.children if c.dep_ in _WALK]
    return None


def outlet_source(cue):
    """The outlet token when a cue's source is an outlet ("according to the Dispatch", "the
    Dispatch reported"), else None."""
    if cue.lower_ == "according":
        to = next((c for c in cue.children if c.lower_ == "to"), None)
        obj = next((c for c in (to.children if to is not None else ()) if c.dep_ == "pobj"), None)
        return obj if obj is not None and is_outlet(obj) else None
    subj = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    return subj if subj is not None and subj.pos_ in ("PROPN", "NOUN") and is_outlet(subj) else None


def span_of(tok) -> tuple[int, int]:
    """Character span of the outlet phrase headed by ``tok``."""
    a, b = _phrase(tok)
    doc = tok.doc
    return doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
