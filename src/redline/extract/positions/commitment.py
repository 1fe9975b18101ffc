"""Whether a stance trigger commits its holder: not when it is hedged ("might allow"), conditional
("would back it if"), a claim about another's stance ("warned that X opposes"), or governed by
a verb of pressure ("urged to", "is expected to"), unless it is an appeal the caller makes
("urged Brandt to endorse": the caller is for it)."""
from __future__ import annotations

from ..lexicon.stance import Lexicon
from .syntax import has_negation, predicate


def licensed(tok, lex: Lexicon) -> bool:
    """Whether an outermost trigger commits its holder; "pressure on X to approve" does not."""
    dep = tok.dep_
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    if first_to(tok):
        return True  # "became the first senator to endorse Quill": they did
    if dep == "advcl" and infinitive:
        return False
    if dep == "acl":
        return tok.head.lemma_.lower() in lex.decision_nouns or tok.tag_ in {"VBG", "VBN"}
    if dep == "pcomp":
        return tok.head.lower_ == "by"
    if dep == "xcomp":
        head = tok.head
        if appeal(head, lex):
            return True  # "urged Brandt to endorse the act": the caller is for it
        if head.lemma_.lower() in lex.non_commit or any(c.dep_ == "dobj" for c in head.children):
            return False
    return True


_RANKS = frozenset({"first", "only", "last", "second", "third", "latest", "newest"})


def first_to(tok) -> bool:
    """ "the first senator to endorse Quill", "the only union to back the levy": an infinitive on a
    ranked noun states that its referent did it."""
    if tok.tag_ != "VB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    if tok.dep_ in {"acl", "relcl"}:
        return _ranked(tok.head)
    # "became the first members of Congress to endorse": the infinitive hung on the verb
    return tok.dep_ == "advcl" and tok.head.lemma_.lower() in {"be", "become"} and not has_negation(tok.head) \
        and any(c.dep_ == "attr" and _ranked(c) for c in tok.head.children)


def _ranked(noun) -> bool:
    return any(c.dep_ in {"amod", "advmod"} and c.lower_ in _RANKS for c in noun.children)


def addressee(verb):
    """Whom an appeal is made to: "urged Brandt", "called on Brandt"."""
    if verb.lemma_.lower() == "call":
        return next((p for c in verb.children if c.dep_ == "prep" and c.lower_ == "on"
                     for p in c.children if p.dep_ == "pobj" and p.ent_type_ not in {"DATE", "TIME"}), None)
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def appeal(verb, lex: Lexicon) -> bool:
    """ "urged Brandt to", "called on Brandt to": an appeal to someone named, which puts the caller
    for what is asked (not "asked to", "pressed to", nor an appeal to nobody named)."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or has_negation(verb):
        return False
    if lemma == "call":  # "called on Brandt to", not "called on Tuesday for"
        return any(c.dep_ == "prep" and c.lower_ == "on" and any(
            p.dep_ == "pobj" and p.ent_type_ not in {"DATE", "TIME"} for p in c.children) for c in verb.children)
    return lemma in lex.appeal_verbs and any(c.dep_ == "dobj" for c in verb.children)


def conditional(tok, lex: Lexicon) -> bool:
    """ "would support the levy if ...", "will back him unless ...": a stance on a condition is none."""
    t = tok
    for _ in range(4):
        if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in c.children)
               for c in t.children):
            return True
        if t.dep_ not in {"xcomp", "acomp", "conj", "pobj", "prep", "dobj"} or t.head.i == t.i:
            break
        t = t.head
    return False


def claimed(tok, lex: Lexicon) -> bool:
    """ "Brandt warned that Quill opposes the levy": a claim about another's stance, not the stance
    as the article states it. A claim about oneself ("warned that he opposes") is one's own stance."""
    t = predicate(tok)
    for _ in range(6):
        if t.dep_ == "ccomp" and t.head.lemma_.lower() in lex.claim_verbs:
            subj = next((c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            return subj is not None and subj.pos_ != "PRON"
        if t.dep_ not in {"xcomp", "conj", "acomp"} or t.head.i == t.i:
            return False
        t = t.head
    return False


def hedged(tok, lex: Lexicon) -> bool:
    """ "might allow", "if X allows", "can veto", "has not decided whether to block": hypothetical,
    conditional, a power rather than a use of it, or undecided, so no stance is taken."""
    if any(c.dep_ in {"xcomp", "ccomp"} and any(m.dep_ == "mark" and m.lower_ in {"whether", "if"}
                                                for m in c.children) for c in tok.children):
        return True  # "decided whether to block it": the choice is open
    t = tok
    for _ in range(8):
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in lex.hedges:
                return True
            if c.dep_ == "aux" and c.lower_ == "can" and not has_negation(t):
                return True  # "who can veto council measures": a power; "cannot support him" is a stance
            if c.dep_ == "mark" and c.lower_ in lex.condition_marks:
                return True
        if t.lemma_.lower() in lex.non_commit and t.i != tok.i and not (t.i == tok.head.i and appeal(t, lex)):
            return True
        if t.head.i == t.i:
            break
        t = t.head
    return False
