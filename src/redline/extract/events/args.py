"""Who and whom of an event clause: actor, recipient and location tokens mapped to entities.

All functions read the dependency parse of one sentence; none re-parses.
"""
from __future__ import annotations

from ...records import EntityTable

SUBJ_DEPS = frozenset({"nsubj", "csubj", "expl"})
# Clause links through which a verb inherits its subject ("agreed to send",
# "met X and signed", "is not ready to allow").
CLIMB_DEPS = frozenset({"xcomp", "conj", "acomp", "advcl", "pcomp"})
# Prepositions whose object is the one acted upon ("attack on", "talks with").
RECIP_PREPS = frozenset({"to", "with", "against", "on", "at", "toward", "towards", "into", "upon", "for", "from",
                         "between", "among"})
LOC_PREPS = frozenset({"in", "inside", "near", "outside", "across", "throughout", "along", "within", "over"})
OBJ_DEPS = frozenset({"dobj", "dative", "iobj", "obj"})
# Dependents that start another clause or a side remark: their entities are not the phrase's own.
_PRUNE = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "punct", "prep"})
_KEEP_PREPS = frozenset({"of", "from"})
ACTOR_TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f", "they": None, "them": None, "it": None}


def phrase_tokens(tok) -> list:
    """The tokens of the noun phrase headed by ``tok``, without relative clauses or most PPs."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in _PRUNE and not (c.dep_ == "prep" and c.lower_ in _KEEP_PREPS):
                continue
            stack.append(c)
    return sorted(out, key=lambda t: t.i)


def entities_of(tok, table: EntityTable) -> list[str]:
    """Entity ids named in the phrase headed by ``tok``: the head's own entity first."""
    ids: list[str] = []
    head = table.entity_at(tok.idx, tok.idx + len(tok), ACTOR_TYPES)
    if head is not None:
        ids.append(head.id)
    for t in phrase_tokens(tok):
        for m in table.mentions_in(t.idx, t.idx + len(t)):
            e = table.get(m.entity_id)
            if e is not None and e.type in ACTOR_TYPES and e.id not in ids:
                ids.append(e.id)
    return ids


def resolve_pronoun(tok, table: EntityTable) -> list[str]:
    """A personal pronoun's antecedent: the nearest earlier entity of a fitting kind.

    "he"/"she" go to the nearest earlier person whose gender does not conflict;
    "it"/"they" to the nearest earlier state or organisation, because in news
    about states these pronouns mostly stand for a government.
    """
    low = tok.lower_
    if low not in _PRONOUNS:
        return []
    if low in {"he", "him", "she", "her"}:
        want = _PRONOUNS[low]
        for m in table.mentions_before(tok.idx, ("PERSON",)):
            e = table.get(m.entity_id)
            if e is not None and (e.gender is None or e.gender == want):
                return [e.id]
        return []
    for m in table.mentions_before(tok.idx, ("GPE", "ORG", "NORP")):
        if tok.idx - m.end > 600:  # a state three paragraphs back is no antecedent
            break
        return [m.entity_id]
    return []


def conjuncts(tok) -> list:
    """``tok`` and the tokens conjoined to it ("Washington and Berlin")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(conjuncts(c))
    return out


def subject_of(verb):
    """(subject token, is_passive, the verb that carries it) for ``verb``, climbing clause links."""
    t = verb
    for _ in range(8):
        for c in t.children:
            if c.dep_ in SUBJ_DEPS:
                if c.lower_ in _RELATIVE and t.dep_ == "relcl":
                    return t.head, False, t
                return c, False, t
            if c.dep_ == "nsubjpass":
                # The model reads "he's vowed" as a passive; "'s" there is "has".
                aux = [a for a in t.children if a.dep_ == "auxpass"]
                if aux and aux[0].lower_ in {"'s", "\u2019s"}:
                    return c, False, t
                if c.lower_ in _RELATIVE and t.dep_ == "relcl":
                    return t.head, True, t
                return c, True, t
        if t.dep_ in {"acl", "relcl"} and t.head.pos_ in {"NOUN", "PROPN"}:
            # "Russia launching an attack", "forces that retreated"
            return t.head, t.tag_ == "VBN", t
        if t.dep_ in CLIMB_DEPS and t.head.i != t.i:
            t = t.head
            continue
        break
    return None, False, verb


def agent_of(verb):
    """The "by" agent of a passive verb."""
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def recipient_tokens(verb, noun=None) -> list:
    """Objects of the verb, and of the prepositions of the verb and of its event noun."""
    out, heads = [], [noun, verb]
    for c in verb.children:
        if c.dep_ in OBJ_DEPS and (noun is None or c.i != noun.i):
            out.append(c)
            heads.append(c)  # "gave a grant to X": the parser hangs "to X" on the object
    for head in heads:
        if head is None:
            continue
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in RECIP_PREPS:
                out.extend(p for p in c.children if p.dep_ == "pobj")
    return out


def complement_tokens(inner) -> list:
    """Who an absorbed complement acts on or with: its objects, or its subject
    when that subject is the outer verb's object ("allowing Ukraine to use ...")."""
    out = [c for c in inner.children if c.dep_ in SUBJ_DEPS]
    return out + recipient_tokens(inner)


def location_tokens(verb, noun=None) -> list:
    out = []
    for head in [verb, noun] + [c for c in verb.children if c.dep_ in OBJ_DEPS]:
        if head is None:
            continue
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in LOC_PREPS:
                out.extend(p for p in c.children if p.dep_ == "pobj")
    return out


def ids_for(tokens, table: EntityTable, exclude: set[str] | None = None) -> list[str]:
    ids: list[str] = []
    exclude = exclude or set()
    for tok in tokens:
        for t in conjuncts(tok):
            found = entities_of(t, table) if t.pos_ != "PRON" else resolve_pronoun(t, table)
            for i in found:
                if i not in ids and i not in exclude:
                    ids.append(i)
    return ids
