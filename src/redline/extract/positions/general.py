"""General propositions: a stance on an object, whatever it is (a person, a bill, a deal, a guideline).

"The Courier endorsed Mara Quill", "Brandt withdrew his endorsement of Quill",
"the union's opposition to the harbour deal", "the council voted against the
Harbour Levy Act": each is the ``support`` action on its object, keyed
``support|object=<code>``, for or against. The object is the canonical entity
when the object phrase names one (its normalised name, or a country's ISO
code), else a normalised phrase of its noun chunk ("harbour deal"), so that
one object keys alike across wordings and articles. Action classes with slots
(strike, supply) are read by ``propositions.build``; this is the case without
an action.
"""
from __future__ import annotations

from ..lexicon.spelling import normalize
from .propositions import Prop, Resolver

GENERAL = "support"
# Entity types that are no object of a stance.
_NOT_OBJECT_TYPES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
# Modifiers that say nothing about which object it is ("the new guideline" is "the guideline").
_VAGUE = frozenset({"new", "proposed", "latest", "current", "controversial", "so-called", "planned", "possible",
                    "recent", "final", "same", "other", "such", "own", "whole", "entire", "full"})
_PHRASE_PREPS = frozenset({"of", "on", "with", "between", "for", "to"})
_MAX_WORDS = 7


def build_general(tok, res: Resolver) -> Prop | None:
    """The ``support`` proposition on the object headed by ``tok``, or None when it names nothing:
    a fragment of a hyphenated word ("pro-Quill" is no stance on Quill), or only prepositions."""
    if _hyphen_fragment(tok, res):
        return None
    hit = _entity_object(tok, res) or object_phrase(tok, res)
    if hit is None or not hit[0]:
        return None
    code, name = hit
    return Prop(GENERAL, {"object": code}, {code: name}, head_i=tok.i)


def object_phrase(tok, res: Resolver) -> tuple[str, str] | None:
    """(code, name) of the object phrase headed by ``tok``: its normalised words, or None when
    they name nothing (only prepositions)."""
    words = _phrase(tok, res, depth=0)
    # A list of bare heads that name nothing alone ("the plan", "the nominee") raised
    # precision on the tuning half only and cost recall on both: not kept.
    if not words or all(w in _PHRASE_PREPS or w == "and" for w in words):
        return None
    phrase = " ".join(words[:_MAX_WORDS])
    code = normalize(phrase)
    return (code, phrase) if code else None


def _hyphen_fragment(tok, res: Resolver) -> bool:
    """Whether ``tok`` is one part of a hyphenated word ("anti-Quill", "Quill-backed"), unless the
    whole word is one name ("Coca-Cola", "AFL-CIO")."""
    doc = tok.doc
    dash = {"-", "\u2010", "\u2011"}
    e = res.entity(tok)

    def joined(k: int) -> bool:  # the word across the hyphen at k
        w = k - 1 if k < tok.i else k + 1
        if not (0 <= w < len(doc)):
            return True
        other = res.entity(doc[w])
        return not (e is not None and other is not None and other.id == e.id)

    before = tok.i > 1 and doc[tok.i - 1].text in dash and not doc[tok.i - 2].whitespace_ \
        and not doc[tok.i - 1].whitespace_ and joined(tok.i - 1)
    after = tok.i + 1 < len(doc) and doc[tok.i + 1].text in dash and not tok.whitespace_ \
        and not doc[tok.i + 1].whitespace_ and joined(tok.i + 1)
    return bool(before or after)


# A person's run is the person: "supports Quill's campaign" is a stance on Quill.
_CANDIDACY = frozenset({"campaign", "candidacy", "nomination", "bid", "presidency", "reelection", "re-election",
                        "ticket"})


def _entity_object(tok, res: Resolver) -> tuple[str, str] | None:
    if tok.lemma_.lower() in _CANDIDACY:  # "Quill's campaign", "the presidential bid of Quill"
        owners = [c for c in tok.children if c.dep_ in {"poss", "compound"}]
        owners += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                   if p.dep_ == "pobj"]
        for c in owners:
            e = res.entity(c)
            if e is not None and e.type == "PERSON":
                return res.code(e)
    e = res.entity(tok)
    if e is None or e.type in _NOT_OBJECT_TYPES:
        return None
    return res.code(e)


def _phrase(tok, res: Resolver, depth: int) -> list[str]:
    """The object's words: its modifiers and head (lemma), and one of-phrase ("the merger of X and Y")."""
    e = res.entity(tok)
    if e is not None and e.type not in _NOT_OBJECT_TYPES:
        return [res.code(e)[1]]
    mods = []
    for c in tok.children:
        if c.i > tok.i or c.dep_ not in {"compound", "amod", "nmod", "npadvmod", "poss"}:
            continue
        if c.dep_ == "poss" and (c.pos_ == "PRON" or res.entity(c) is None):
            continue  # "his plan" is the plan; "Northwind's bid" keeps Northwind
        if c.lower_ in _VAGUE or c.text in {"-", "\u2010", "\u2011"} or c.pos_ in {"DET", "PRON", "NUM", "PUNCT"}:
            continue
        mods.extend(_phrase(c, res, depth + 1) if c.dep_ in {"compound", "poss"} else [c.lower_])
    words = mods + [tok.lemma_.lower() if tok.pos_ == "NOUN" else tok.lower_]
    if depth == 0:
        for c in tok.children:
            if c.dep_ == "prep" and c.i > tok.i and c.lower_ in _PHRASE_PREPS:
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                if pobj is not None and pobj.pos_ in {"NOUN", "PROPN"} and pobj.ent_type_ not in _NOT_OBJECT_TYPES:
                    # ("the race on Tuesday": a date the parser hung on the noun names no object)
                    inner = _phrase(pobj, res, depth + 1)
                    inner += [w for cj in pobj.conjuncts if cj.pos_ in {"NOUN", "PROPN"}
                              for w in ["and", *_phrase(cj, res, depth + 1)]]
                    words += [c.lower_, *inner]
                break
    return [w for w in words if w and any(ch.isalnum() for ch in w)]
