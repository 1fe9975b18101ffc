"""Who a pronoun or a definite description stands for, when a stance's holder or object is one.

"It plans to raise rates" (the bank named before), "he favors right-to-work
laws" (the person named before, of a fitting gender), "proud to endorse him"
(the person named before who is not the holder), "The union, which endorsed
Quill" (the organisation named before whose name has the word "union").
Each reaches back a bounded distance in the article and never forward: a
guess across paragraphs is worse than no holder.
"""
from __future__ import annotations

from ...records import Entity
from .propositions import Resolver

_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
# "they" is left out: "several of them indicated their support" is rarely the organisation named before.
_NONPERSON = {"it": ("ORG", "GPE"), "its": ("ORG", "GPE")}
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
MAX_CHARS = 1200  # about two paragraphs


def antecedent(tok, res: Resolver, exclude: frozenset | set = frozenset(),
               max_chars: int = MAX_CHARS) -> Entity | None:
    """The entity a third-person pronoun stands for: the nearest earlier mention of a fitting kind
    (a person of a gender that does not conflict for he/she; an organisation or state for it/they)
    within ``max_chars``, skipping the entities in ``exclude`` and mentions that overlap ``tok``.
    A subject of the pronoun's sentence or the one before comes first ("Maloy said ... But he
    still plans to"): the subject is what a pronoun most often continues."""
    word = tok.lower_
    if word in _GENDER:
        types, gender = ("PERSON",), _GENDER[word]
    elif word in _NONPERSON:
        types, gender = _NONPERSON[word], None
    else:
        return None
    fits = []
    for m in res.table.mentions_before(tok.idx, types):
        if tok.idx - m.end > max_chars:
            break
        e = res.table.get(m.entity_id)
        if e is None or e.id in exclude or not _fits(e, gender):
            continue
        fits.append((m, e))
    if not fits:
        return None
    sent = tok.sent
    previous = res.doc[sent.start - 1].sent if sent.start > 0 else sent
    for m, e in fits:
        if m.start < previous.start_char:
            break
        span = res.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and span.root.dep_ in _SUBJECT_DEPS:
            return e
    return fits[0][1]


def _fits(e: Entity, gender: str | None) -> bool:
    """A person of a gender that does not conflict (one of unknown gender only by a full name: a
    one-word PERSON is as often a misread organisation); any organisation or state for "it"."""
    if gender is None:
        return True
    if e.gender is not None:
        return e.gender == gender
    return len(e.name.split()) >= 2


# Heads of a definite description that stand for an organisation named before.
_ORG_HEADS = frozenset({"union", "federation", "newspaper", "paper", "company", "firm", "bank", "board", "committee",
                        "party", "campaign", "group", "agency", "council", "court", "association", "organization",
                        "organisation", "network", "coalition", "league", "alliance", "club", "church", "university",
                        "commission", "administration", "department", "ministry", "government", "pac", "chamber"})


def described(tok, res: Resolver, max_chars: int = MAX_CHARS) -> Entity | None:
    """ "the union" -> the nearest earlier organisation whose name has the word (the Dockworkers Union)."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "NOUN" or lemma not in _ORG_HEADS or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return None
    for m in res.table.mentions_before(tok.idx, ("ORG", "GPE")):
        if tok.idx - m.end > max_chars:
            return None
        e = res.table.get(m.entity_id)
        if e is not None and any(lemma in n.lower().replace(".", "").split() for n in [e.name, *e.aliases]):
            return e
    return None


def mention_token(e: Entity, res: Resolver, before: int):
    """The head token of ``e``'s last mention before ``before`` (for building a proposition on it)."""
    for m in res.table.mentions_before(before):
        if m.entity_id == e.id:
            span = res.doc.char_span(m.start, m.end, alignment_mode="expand")
            return span.root if span is not None else None
    return None
