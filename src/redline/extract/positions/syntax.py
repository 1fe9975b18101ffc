"""Small readings of the parse that every stance step needs: negation, the predicate, futurity."""
from __future__ import annotations

WILL = frozenset({"will", "would", "'ll", "shall", "wo"})


def has_negation(tok) -> bool:
    return any((c.dep_ == "neg" or (c.lower_ in {"never", "no"} and c.dep_ in {"det", "advmod"})) and _near(tok, c)
               for c in tok.children) or no_longer(tok)


def _near(tok, neg) -> bool:
    """A negation before its word, or just after it ("is not"): one far after it across a dash or a
    comma is a misattached one ("promising to lift X - probably not what Y had in mind")."""
    if neg.i < tok.i:
        return True
    return neg.i - tok.i <= 2 and not any(t.is_punct for t in tok.doc[tok.i + 1:neg.i])


def no_longer(tok) -> bool:
    """ "no longer supports": a negation that also says the stance was held before."""
    return any(c.dep_ == "advmod" and c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children)
               for c in tok.children)


def predicate(tok):
    """The verb that carries an adjective's or a phrase noun's tense and negation."""
    t = tok
    while t.dep_ in {"acomp", "dobj", "pobj", "prep", "oprd", "attr"} and t.head.i != t.i:
        t = t.head
        if t.pos_ in {"VERB", "AUX"}:
            return t
    return tok


def negated(tok) -> bool:
    pred = predicate(tok)
    return has_negation(tok) or (pred.i != tok.i and has_negation(pred))
