"""Whether a trigger is used in its political sense, and whether its event has someone who acts.

News uses most event verbs in everyday senses too: a currency "eases", a
door is "closed", a chance is "seized", a campaign manager is "fired", a
candidate "fights on". The arguments tell them apart: a currency, a
schedule or a door is no political actor, and a war of words names no
weapon, casualty or place attacked. The word lists are data
(``data/<language>/event_senses.json``, see its ``_about``), gathered from the
wrong events of the benchmarks' tuning halves.

``reading(...)`` returns the verdict for one event: dropped (with why), or
kept with its actor evidence ("entity", "pronoun", "noun", "patient") and,
for an attack verb used of words, the type it turns into (ACCUSE).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import data_language, read_json
from ..lexicon.plover import Lexicon
from . import args as ea

_POLITICAL_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_OBJ_DEPS = frozenset({"dobj", "obj", "attr", "oprd", "dative"})


@dataclass(frozen=True)
class Senses:
    non_political: frozenset[str]
    actor_nouns: frozenset[str]
    violence: frozenset[str]
    verbal_attack: frozenset[str]
    political_objects: frozenset[str]
    needs_object: dict[str, frozenset[str]]
    not_objects: dict[str, frozenset[str]]
    not_preps: dict[str, frozenset[str]]
    bare_cues: frozenset[str]
    idle_complements: frozenset[str]
    question_marks: frozenset[str]
    deliberation: frozenset[str]
    quantity: frozenset[str]
    not_pcomp: dict[str, frozenset[str]]
    question_verbs: frozenset[str]
    unasserted: frozenset[str]


@lru_cache(maxsize=4)
def senses(language: str | None = None) -> Senses:
    raw = read_json("event_senses.json", data_language(language))
    return Senses(
        non_political=frozenset(raw["non_political_heads"]), actor_nouns=frozenset(raw["actor_nouns"]),
        violence=frozenset(raw["violence_words"]), verbal_attack=frozenset(raw["verbal_attack"]),
        political_objects=frozenset(raw["political_objects"]),
        needs_object={k: frozenset(v) for k, v in raw["needs_object"].items()},
        not_objects={k: frozenset(v) for k, v in raw["not_objects"].items()},
        not_preps={k: frozenset(v) for k, v in raw["not_preps"].items()},
        bare_cues=frozenset(raw["bare_cues"]), idle_complements=frozenset(raw["idle_complements"]),
        question_marks=frozenset(raw["question_marks"]), deliberation=frozenset(raw["deliberation_frames"]),
        quantity=frozenset(raw["quantity_heads"]),
        not_pcomp={k: frozenset(v) for k, v in raw["not_pcomp"].items()},
        question_verbs=frozenset(raw["question_verbs"]), unasserted=frozenset(raw["unasserted_marks"]),
    )


@dataclass
class Reading:
    keep: bool
    why: str | None = None  # why it was dropped: "sense", "no-actor", "cue", "question"
    actor: str | None = None  # the actor evidence: entity, pronoun, noun, patient
    type: str | None = None  # a new type, when the trigger's sense changes it


def _lemma(tok) -> str:
    return tok.lemma_.lower()


def head_noun(tok, s: Senses):
    """The noun an argument stands for: "tens of thousands of students" -> students."""
    for _ in range(4):
        if not (tok.pos_ == "NUM" or tok.lower_ in s.quantity or _lemma(tok) in s.quantity):
            break
        nxt = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                    for p in c.children if p.dep_ == "pobj"), None)
        if nxt is None:
            break
        tok = nxt
    return tok


def _phrase_political(tok, table, s: Senses, wanted: frozenset[str], lex: Lexicon) -> bool:
    """Whether the phrase of ``tok`` (with its "of" phrases) names a political actor or thing."""
    for t in ea.phrase_tokens(tok):
        if t.ent_type_ == "MONEY" or t.like_num or t.is_currency:
            return True  # "$90 million", "700 kg of medicine": a material thing given or taken
        if t.pos_ not in {"NOUN", "PROPN"}:
            continue
        if _political_token(t, table, s) or _lemma(t) in wanted or _lemma(t) in lex.nouns or t.lower_ in lex.nouns:
            return True
    return False


def _political_token(tok, table, s: Senses) -> bool:
    """A noun that stands for a political actor: an entity of a political kind, or an actor noun."""
    if tok.ent_type_ in _POLITICAL_ENTS:
        return True
    if tok.pos_ == "PROPN" and tok.is_upper and len(tok) >= 3:
        return True  # an acronym the model did not tag ("USAID"): news acronyms are mostly organisations
    if table.entity_at(tok.idx, tok.idx + len(tok), tuple(_POLITICAL_ENTS)) is not None:
        return True
    return _lemma(tok) in s.actor_nouns or tok.lower_ in s.actor_nouns


def _arguments(verb, trigger) -> list:
    """The verb's objects and prepositional objects, and the light verb's event noun."""
    out = [c for c in verb.children if c.dep_ in _OBJ_DEPS]
    for c in verb.children:
        # the prepositions of the act ("eased against", "seized on"), not a side remark ("despite ...")
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in ea.RECIP_PREPS | {"over", "about"}):
            out += [p for p in c.children if p.dep_ == "pobj"]
    if trigger.obj is not None and trigger.obj not in out:
        out.append(trigger.obj)
    return out


def _everyday(verb, trigger, subj, passive, lemma: str, table, lex: Lexicon, s: Senses) -> bool:
    """True when an argument of the trigger marks its everyday sense."""
    objs = [head_noun(c, s) for c in verb.children if c.dep_ in _OBJ_DEPS]
    heads = [head_noun(subj, s)] if subj is not None else []
    # the light verb's event noun is the event itself ("levelled accusations"), not an argument
    heads += [head_noun(a, s) for a in _arguments(verb, trigger) if trigger.obj is None or a.i != trigger.obj.i]
    for h in heads:
        if h.pos_ in {"NOUN", "PROPN"} and not _political_token(h, table, s) and (
                _lemma(h) in s.non_political or h.lower_ in s.non_political):
            return True
    if any(c.dep_ == "xcomp" and _lemma(c) in s.idle_complements for c in verb.children):
        return True  # "declined to comment": a statement about saying, no refusal of an act
    if lemma in s.not_objects and any(_lemma(o) in s.not_objects[lemma] for o in heads + objs):
        return True
    if lemma in s.not_pcomp and any(c.dep_ == "prep" and c.lower_ in s.not_pcomp[lemma] and any(
            p.dep_ == "pcomp" and p.tag_ == "VBG" for p in c.children) for c in verb.children):
        return True
    if lemma in s.not_preps and any(c.dep_ in {"prep", "prt"} and c.lower_ in s.not_preps[lemma]
                                    for c in verb.children):
        return True
    if lemma in s.needs_object and trigger.obj is None:
        # Satisfied by a political object, a political recipient ("shared evidence with X") or a
        # complement that is the act itself ("offered to hand over").
        if any(c.dep_ == "xcomp" for c in verb.children):
            return False
        objs = [o for o in objs if o.dep_ != "dative"]  # "gave lawmakers an assessment": the thing given counts
        if any(_political_token(head_noun(p, s), table, s) for p in ea.recipient_tokens(verb)
               if p.dep_ != "dative" and p not in objs):
            return False
        wanted = s.needs_object[lemma] | s.political_objects
        things = objs + ([head_noun(subj, s)] if passive and subj is not None else [])
        if not objs and verb.dep_ == "relcl" and verb.head.pos_ == "NOUN":
            things.append(verb.head)  # "an assessment the director gave": the head is what was given
        if not things:
            return True
        return not any(_phrase_political(o, table, s, wanted, lex) for o in things)
    return False


def violent(verb, trigger, table, lex: Lexicon, s: Senses, recips: list[str], locs: list[str]) -> bool:
    """Evidence that an ASSAULT is material: a weapon, a military context, a casualty or armed
    word in the sentence, or a place attacked or fought in."""
    sent = verb.sent
    words = {_lemma(t) for t in sent} | {t.lower_ for t in sent}
    if words & s.violence:
        return True
    if any(lex.contexts.get(w) == "military" for w in words):
        return True
    for m in table.mentions_in(sent.start_char, sent.end_char):
        e = table.get(m.entity_id)
        if e is not None and e.type == "WEAPON":
            return True
    for i in recips + locs:
        e = table.get(i)
        if e is not None and e.type in _PLACE_ENTS:
            return True
    return False


def _bare_cue(verb, trigger) -> bool:
    """A verb of saying with nothing but its subject: "... ?" Vitter demanded. It frames what was said."""
    if trigger.obj is not None or len(trigger.tokens) > 1:
        return False
    deps = {c.dep_ for c in verb.children} - {"nsubj", "punct", "advmod", "aux", "neg", "npadvmod", "cc"}
    return not deps


def in_question(verb, s: Senses) -> bool:
    """The clause is an open question ("asked whether he would counsel X to ask Y") or has not
    happened yet ("until Clinton makes concessions"): not asserted."""
    if _lemma(verb) in s.question_verbs and any(t.text == "?" for t in verb.sent):
        return True  # "He then asked the crowd, 'Can she stay?'": a question put, no request
    t = verb
    for _ in range(8):
        marks = {c.lower_ for c in t.children if c.dep_ == "mark"}
        if (marks & s.question_marks and t.dep_ == "ccomp") or marks & s.unasserted:
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def inner_political(inner_tok, inner, table, lex: Lexicon, s: Senses) -> bool:
    """Whether an absorbed complement ("vowed to fight on", "refused to close the door") is itself
    an act in its political sense; a promise of an everyday act is no threat."""
    subj, passive, _ = ea.subject_of(inner_tok)
    from .triggers import verb_lemma  # triggers reads this module's lists: imported late

    lemma = verb_lemma(inner_tok, lex)
    if _everyday(inner_tok, inner, subj if subj is not None and subj.i > inner_tok.sent.start else None,
                 passive, lemma, table, lex, s):
        return False
    recips = ea.ids_for(ea.recipient_tokens(inner_tok, inner.obj), table)
    if inner.entry.type == "ASSAULT" and not violent(inner_tok, inner, table, lex, s, recips, []):
        return False
    return True


def reading(verb, trigger, type_: str, lemma: str, subj, passive, actors: list[str], recips: list[str],
            locs: list[str], how: str | None, table, lex: Lexicon, s: Senses) -> Reading:
    """Keep or drop one event (see the module docstring)."""
    if _everyday(verb, trigger, subj, passive, lemma, table, lex, s):
        return Reading(False, "sense")
    if in_question(verb, s):
        return Reading(False, "question")
    t = verb
    while t.dep_ in {"xcomp", "pcomp"} and t.head.i != t.i:
        t = t.head
        if _lemma(t) in s.deliberation:
            return Reading(False, "question")  # "is considering sending aid": an option, not an act
    if type_ in s.bare_cues and _bare_cue(verb, trigger):
        return Reading(False, "cue")
    new_type = None
    if type_ == "ASSAULT" and not violent(verb, trigger, table, lex, s, recips, locs):
        # A war of words: "Trump attacked Clinton" is an accusation (PLOVER ACCUSE); a battle or
        # fight with no weapon, casualty or place is no event.
        key = " ".join(t.lemma_.lower() for t in trigger.tokens if t.pos_ in {"VERB", "ADP", "ADV"})
        people = [i for i in recips if (e := table.get(i)) is not None and e.type in {"PERSON", "ORG", "NORP"}]
        if (lemma in s.verbal_attack or key in s.verbal_attack) and people and trigger.obj is None:
            new_type = "ACCUSE"
        else:
            return Reading(False, "sense")
    if actors:
        return Reading(True, actor=how or "entity", type=new_type)
    head = head_noun(subj, s) if subj is not None else None
    if head is not None and not passive and _political_token(head, table, s):
        return Reading(True, actor="noun", type=new_type)
    if head is not None and not passive and type_ == "ASSAULT" and (
            _lemma(head) in s.violence or _lemma(head) in lex.nouns):
        return Reading(True, actor="instrument", type=new_type)  # "a car bomb killed ..."
    if passive and head is not None and _political_token(head, table, s):
        # "protesters were arrested", "troops were deployed": a clear agentless reading
        return Reading(True, actor="patient", type=new_type)
    if trigger.nominal and _political_token(trigger.obj, table, s):
        return Reading(True, actor="noun", type=new_type)
    return Reading(False, "no-actor")
