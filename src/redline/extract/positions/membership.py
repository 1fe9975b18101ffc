"""Membership acts: staying in or leaving a race, a coalition, talks, a treaty, an organisation.

"Fenn said he would stay in the race", "Fenn pulled out of the race", "Osk will
not quit the coalition", "Ardent left the Harbour Alliance": the holder's own
act, with no stance word, is a stance on taking part once it is committed (a
future or volitional auxiliary) or done (a finite past, or a headline's
present). Its proposition is the act on its object: ``stay|...|object=race``,
``pull out|...|object=race``; the link stage reads those two as one question
from its two sides (``opposite_actions.json``), so a vow to stay and a later
withdrawal are a change.

Every act is read as one question, *staying in* the object (the lexicon's
``action``): leaving is that question's other side (``side`` -1), so "pulled
out of the race" is against staying in it, and a vow to stay and a later
withdrawal are two stances on one proposition, a change.

What is not a stance here: an act someone else urges ("urged Fenn to quit the
race": the infinitive is not finite), an act under a hedge or a condition (the
caller drops those), a negated past ("did not quit" reports a fact, not a
position), and the same verbs on other objects ("left the room", "stayed in a
hotel"): the object must be one of the membership heads of the lexicon, or a
named organisation or state.
"""
from __future__ import annotations

from ..lexicon.stance import Lexicon
from .syntax import WILL, has_negation

_PARTICLES = frozenset({"out"})
_MEMBER_TYPES = frozenset({"ORG", "GPE", "NORP"})
_FINITE_DEPS = frozenset({"ROOT", "ccomp", "conj", "parataxis"})


_SPECS: dict[int, tuple[dict, frozenset, frozenset, dict]] = {}


def _spec(lex: Lexicon) -> tuple[dict, frozenset, frozenset, dict]:
    """The lexicon's membership verbs (with their frames), objects, the verbs' first words and the
    question (action, preposition, leaving verbs), read once."""
    spec = _SPECS.get(id(lex.raw))
    if spec is None:
        raw = lex.raw.get("membership") or {"verbs": {}, "objects": [], "out": []}
        verbs = {v: list(p) for v, p in raw["verbs"].items()}
        question = {"action": raw.get("action"), "preposition": raw.get("preposition"),
                    "out": frozenset(raw.get("out", []))}
        spec = _SPECS[id(lex.raw)] = (verbs, frozenset(raw["objects"]), frozenset(v.split()[0] for v in verbs),
                                      question)
    return spec


def membership_lemmas(lex: Lexicon) -> frozenset:
    """The first words of the membership verbs (cues for the sentence filter)."""
    return _spec(lex)[2]


def act(tok, lex: Lexicon, res) -> tuple[str, object] | None:
    """(action, object token) when ``tok`` is a membership verb on a membership object."""
    if tok.pos_ != "VERB":
        return None
    verbs, objects, firsts, _question = _spec(lex)
    lemma = tok.lemma_.lower()
    if lemma not in firsts:
        return None
    kids = list(tok.children)
    particle = next((c for c in kids if c.lower_ in _PARTICLES and c.dep_ in {"prt", "prep", "advmod"}), None)
    action = f"{lemma} {particle.lower_}" if particle is not None and f"{lemma} {particle.lower_}" in verbs \
        else lemma
    if action not in verbs:
        return None
    frame = verbs[action]
    hosts = kids + (list(particle.children) if particle is not None else [])
    if frame:  # "stay in the race", "pull out of the race" (the parser hangs "of" on "out")
        obj = next((p for c in hosts if c.dep_ == "prep" and c.lower_ in frame
                    for p in c.children if p.dep_ == "pobj"), None)
    else:  # "quit the coalition", "left the alliance"
        obj = next((c for c in kids if c.dep_ == "dobj"), None)
    if obj is None or not _member_object(obj, objects, res):
        return None
    return action, obj


def _member_object(obj, objects: frozenset, res) -> bool:
    e = res.entity(obj)
    if e is not None:
        return e.type in _MEMBER_TYPES
    return obj.pos_ == "NOUN" and obj.lemma_.lower() in objects


def question(action: str, lex: Lexicon) -> tuple[str, int]:
    """The membership question of a verb's action, and the side it takes: ("stay", -1) for "pull out"."""
    q = _spec(lex)[3]
    return q["action"], -1 if action in q["out"] else 1


def frame_preposition(action: str, lex: Lexicon) -> str | None:
    """The preposition the membership question reads with ("staying in race"), or None."""
    q = _spec(lex)[3]
    return q["preposition"] if action == q["action"] else None


def self_act(tok, lex: Lexicon, res) -> int:
    """+1 when ``tok`` is a holder's own committed or done membership act, -1 when it is one
    committed against ("will not quit the coalition"), 0 when it is no stance."""
    if act(tok, lex, res) is None:
        return 0
    future = any(c.dep_ == "aux" and c.lower_ in WILL for c in tok.children)
    if future:
        return -1 if has_negation(tok) else 1
    if tok.dep_ not in _FINITE_DEPS or has_negation(tok):
        return 0  # an infinitive someone urges, a clause of another verb, or a fact that did not happen
    if tok.tag_ == "VBD" or (tok.tag_ in {"VBZ", "VBP"} and tok.dep_ == "ROOT") or (
            tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children)):
        return 1
    return 0
