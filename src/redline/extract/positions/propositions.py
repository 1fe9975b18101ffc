"""Propositions: what a stance is about, normalised so that one question keys alike everywhere.

A proposition is an action class (``strike``, ``supply`` or a verb's lemma)
with slots filled from the parse: the agent being permitted ("allowing
Ostrana to ..."), the target ("inside Kazrania", "Kazranian territory"), the
weapon (a named system keys a narrower proposition; generic or possessed
weapons are ``*``, "the holder's weapons") and the recipient of a supply.
Countries fill slots as ISO 3166 alpha-3 codes and weapons by their
gazetteer name, so "letting Ostrana strike targets inside Kazrania with
Valdorian-made missiles" and "Ostrana's use of missiles inside Kazranian
territory" share ``strike|agent=OST|target=KZR|weapon=*``.

``proposition_similarity`` and ``rank_propositions`` compare proposition
texts lexically (TF-IDF cosine over light stems, with countries, demonyms
and action words mapped to one token each), for ``positions --about``.
"""
from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from ...records import Entity, EntityTable
from ..lexicon.gazetteer import load as load_gazetteer
from ..lexicon.spelling import normalize
from ..lexicon.stance import Lexicon, lexicon
from . import membership
from .membership import frame_preposition

# Dependency labels that leave the proposition: another clause or a side remark.
_OUTSIDE = frozenset({"relcl", "parataxis", "punct", "cc", "mark", "dep", "meta", "intj"})
_RELATIVE = frozenset({"who", "whom", "which", "that", "whose"})


@dataclass
class Prop:
    """One normalised proposition. ``slots`` hold codes (ISO-3, weapon names); ``*`` is unspecified."""

    action: str
    slots: dict[str, str]
    names: dict[str, str] = field(default_factory=dict)  # code -> display name
    qualifier: str | None = None
    head_i: int | None = None  # the token the proposition was read from
    side: int = 1  # -1: the act read is the proposition's other side ("pulled out of" staying in it)

    def slot_order(self) -> list[str]:
        spec = lexicon().raw["actions"].get(self.action)
        return list(spec["slots"]) if spec else ["agent", "object", "target"]

    def key(self) -> str:
        parts = [self.action] + [f"{s}={self.slots.get(s) or '*'}" for s in self.slot_order()]
        return "|".join(parts)

    def name(self, slot: str) -> str | None:
        code = self.slots.get(slot)
        if not code or code == "*":
            return None
        if re.fullmatch(r"[A-Z]{3}", code):
            entry = load_gazetteer().country_entry(code)
            if entry:
                return entry.name
        return self.names.get(code, code)

    def text(self) -> str:
        """Human-readable, and a function of the key alone, so one key reads alike everywhere."""
        agent, target, weapon = self.name("agent"), self.name("target"), self.name("weapon")
        if self.action == "supply":
            return f"supplying {weapon or 'weapons'} to {self.name('recipient') or 'an unnamed recipient'}"
        spec = lexicon().raw["actions"].get(self.action)
        verb = spec["gerund"] if spec else _gerund(self.action)
        words = [agent, verb] if agent else [verb]
        obj = self.name("object")
        if obj:
            prep = frame_preposition(self.action, lexicon())  # "staying in race", "pulling out of race"
            words.append(f"{prep} {obj}" if prep else obj)
        if target and not (obj and target in obj):
            words.append(f"inside {target}" if self.action == "strike" else f"in {target}")
        if self.action == "strike":
            words.append(f"with {weapon}" if weapon else "with the holder's weapons")
        elif weapon:
            words.append(f"with {weapon}")
        return " ".join(words)

    def copy(self) -> Prop:
        return Prop(self.action, dict(self.slots), dict(self.names), self.qualifier, self.head_i, self.side)


_VOWELS = frozenset("aeiou")


def _gerund(lemma: str) -> str:
    """ "raise" -> "raising", "cut" -> "cutting", "open" -> "opening", "see" -> "seeing",
    "pull out" -> "pulling out"."""
    if " " in lemma:
        first, rest = lemma.split(" ", 1)
        return f"{_gerund(first)} {rest}"
    if lemma.endswith("ie"):
        return lemma[:-2] + "ying"
    if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
        return lemma[:-1] + "ing"
    w = lemma.replace("qu", "q")  # the u of "qu" is no vowel: quit -> quitting
    groups = len(re.findall(r"[aeiou]+", w))
    if groups == 1 and len(w) >= 3 and w[-1] not in _VOWELS | {"w", "x", "y"} \
            and w[-2] in _VOWELS and w[-3] not in _VOWELS:
        return lemma + lemma[-1] + "ing"  # one short syllable: ban, cut, stop, quit
    return lemma + "ing"


class Resolver:
    """Entity look-ups for one document: token -> entity -> slot code."""

    def __init__(self, doc, entities: EntityTable):
        self.doc = doc
        self.table = entities
        self.gaz = load_gazetteer()
        self.country_entity: dict[str, Entity] = {}
        self._kind: dict[str, str | None] = {}
        for e in entities.entities:
            kind = self.kind(e)
            if e.country and kind == "country" and e.type == "GPE":
                self.country_entity.setdefault(e.country, e)

    def kind(self, e: Entity) -> str | None:
        """The gazetteer kind of an entity's name: country, demonym, capital, seat, org, weapon, ..."""
        if e.id not in self._kind:
            hit = self.gaz.lookup(e.name)
            kind = hit.kind if hit else None
            if kind is None:
                for alias in e.aliases:
                    alias_hit = self.gaz.lookup(alias)
                    if alias_hit and alias_hit.kind == "country" and alias_hit.country == e.country:
                        kind = "country"
                        break
            self._kind[e.id] = kind
        return self._kind[e.id]

    def entity(self, tok) -> Entity | None:
        return self.table.entity_at(tok.idx, tok.idx + len(tok.text))

    def country_level(self, e: Entity) -> bool:
        """A country, its people or its seat of government: stands for the state itself."""
        if not e.country:
            return False
        return e.type == "NORP" or self.kind(e) in {"country", "demonym", "capital", "seat"}

    def code(self, e: Entity) -> tuple[str, str]:
        if self.country_level(e):
            entry = self.gaz.country_entry(e.country)
            return e.country, entry.name if entry else e.name
        return normalize(e.name), e.name

    def country_near(self, tok, depth: int = 0) -> str | None:
        """A country named by a modifier: "Kazranian soil", "Vetrograd, a Kazranian region", "regions of Kazrania"."""
        for c in tok.children:
            if c.dep_ in {"amod", "compound", "poss", "nmod", "appos", "npadvmod"}:
                e = self.entity(c)
                if e and e.type != "WEAPON" and self.country_level(e):
                    return e.country
                if c.dep_ == "appos" and depth == 0:
                    iso = self.country_near(c, 1)
                    if iso:
                        return iso
            elif c.dep_ == "prep" and c.lower_ in {"of", "in", "inside"}:
                for p in c.children:
                    e = self.entity(p) if p.dep_ == "pobj" else None
                    if e and self.country_level(e):
                        return e.country
        return None

    def place(self, tok) -> tuple[str, str, str | None] | None:
        """(code, name, region) for a place phrase headed by ``tok``, or None when it names no place."""
        lex = lexicon()
        e = self.entity(tok)
        if e is not None and e.type not in {"WEAPON", "PERSON", "DATE", "TIME"}:
            if self.country_level(e):
                code, name = self.code(e)
                return code, name, None
            iso = e.country or self.country_near(tok)
            if iso:
                entry = self.gaz.country_entry(iso)
                return iso, entry.name if entry else iso, e.name
            if e.type in {"GPE", "LOC", "FAC"}:
                return normalize(e.name), e.name, None
            return None
        if tok.lemma_.lower() in lex.place_nouns or tok.lemma_.lower() == "target":
            iso = self.country_near(tok)
            if iso:
                entry = self.gaz.country_entry(iso)
                return iso, entry.name if entry else iso, None
        return None

    def actor(self, tok) -> tuple[str, str] | None:
        """The slot code of an actor phrase ("Ostrana", "Ostranan forces"), or None."""
        e = self.entity(tok)
        if e is not None and e.type not in {"WEAPON", "DATE", "TIME"}:
            return self.code(e)
        iso = self.country_near(tok)
        if iso:
            entry = self.gaz.country_entry(iso)
            return iso, entry.name if entry else iso
        return None


def _inside(root, lex: Lexicon, limit: int = 40):
    """Tokens of the proposition under ``root``, breadth first, without other clauses."""
    out, queue = [], [root]
    while queue and len(out) < limit:
        t = queue.pop(0)
        out.append(t)
        for c in t.children:
            if c.dep_ in _OUTSIDE:
                continue
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in lex.condition_marks for m in c.children):
                continue
            queue.append(c)
    return out


def _is_weapon_word(tok, res: Resolver, lex: Lexicon) -> bool:
    e = res.entity(tok)
    return (e is not None and e.type == "WEAPON") or tok.lemma_.lower() in lex.generic_weapons


def build(root, res: Resolver, memory: "Memory", via_obj=None) -> Prop | None:
    """Read the proposition whose action is ``root`` (a verb or an action noun)."""
    lex = lexicon()
    member = membership.act(root, lex, res)
    if member is not None:
        return _membership(root, member, res)
    lemma = root.lemma_.lower()
    action = (lex.action_of_noun if root.pos_ in {"NOUN", "PROPN"} else lex.action_of_verb).get(lemma, lemma)
    toks = _inside(root, lex)
    prop = Prop(action, {}, {}, head_i=root.i)
    # The weapon: a named system anywhere in the proposition keys it; a generic one is the holder's.
    for t in toks:
        e = res.entity(t)
        if e is not None and e.type == "WEAPON":
            prop.slots["weapon"], prop.names[normalize(e.name)] = normalize(e.name), e.name
            break
    if action == "supply":
        _supply_slots(prop, toks, res, lex)
        if "recipient" not in prop.slots and root.dep_ == "pobj":
            # "objection to Halberd deliveries to Ostrana": the parser often hangs the
            # second "to" on the verb, beside the noun's own preposition.
            verb = root.head.head
            pobjs = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for p in c.children]
            _supply_slots(prop, pobjs, res, lex)
    else:
        _target(prop, toks, res, lex)
        _agent(prop, root, toks, res, lex, memory, via_obj)
        if action not in lex.raw["actions"]:
            _object(prop, root, res, lex)
    generic_weapon = any(t.lemma_.lower() in lex.generic_weapons for t in toks)
    named_agent = via_obj is not None and "agent" in prop.slots and action not in lex.raw["actions"]
    if not (prop.slots.keys() & {"object", "target", "weapon", "recipient"}) and not generic_weapon \
            and not named_agent:
        return None  # "refused to say", "refuses to attack a rival": no question to key
    # "called on Snyder to resign": the named agent's own act is the question
    return prop


def _membership(root, member: tuple, res: Resolver) -> Prop | None:
    """ "stay in the race", "pull out of the race": taking part in the object, whichever side the
    act is on. An object that is no named entity is its head word: "the race for mayor of
    Harwick" and "the mayoral race" are the race a holder is in, one question across wordings."""
    from .general import _entity_object  # general builds on this module
    verb, obj = member
    hit = _entity_object(obj, res)
    if hit is None:
        head = obj.lemma_.lower()
        hit = (normalize(head), head) if normalize(head) else None
    if hit is None:
        return None
    code, name = hit
    action, side = membership.question(verb, lexicon())
    return Prop(action, {"object": code}, {code: name}, head_i=root.i, side=side)


def _target(prop: Prop, toks, res: Resolver, lex: Lexicon) -> None:
    for t in toks:
        if t.lower_ in lex.target_preps:
            for p in t.children:
                if p.dep_ == "pobj":
                    hit = res.place(p)
                    if hit:
                        code, name, region = hit
                        prop.slots["target"], prop.names[code] = code, name
                        if region:
                            prop.qualifier = f"{t.lower_} {region}"
                        return
        elif t.dep_ == "dobj" and prop.action == "strike" and not _is_weapon_word(t, res, lex):
            hit = res.place(t)
            if hit:
                code, name, region = hit
                prop.slots["target"], prop.names[code] = code, name
                if region:
                    prop.qualifier = f"in {region}"
                return


def _agent(prop: Prop, root, toks, res: Resolver, lex: Lexicon, memory: "Memory", via_obj) -> None:
    cands = []
    for t in toks:
        if t.dep_ in {"nsubj", "poss"} and t.head.i in {x.i for x in toks}:
            cands.append(t)
    if root.dep_ == "poss":
        cands.append(root)
    if root.pos_ in {"NOUN", "PROPN"} or root.dep_ in {"pobj", "dobj", "nsubj", "nsubjpass"}:  # nominal use
        # "Ostranan strikes inside Kazrania": a state's demonym or name modifying an action noun is its agent.
        cands += [c for c in root.children if c.dep_ in {"amod", "compound"}]
    if via_obj is not None:
        cands.append(via_obj)
    for t in cands:
        if _is_weapon_word(t, res, lex) or t.lower_ in _RELATIVE:
            continue
        if t.pos_ == "PRON":
            if t.lower_ in {"it", "they", "them", "itself"} and memory.agent(prop.action):
                prop.slots["agent"] = memory.agent(prop.action)
                return
            continue
        hit = res.actor(t)
        if hit and (t.dep_ != "poss" or t.head.lemma_.lower() in lex.action_of_noun):
            prop.slots["agent"], prop.names[hit[0]] = hit
            return
    inherited = memory.agent(prop.action)
    if inherited:  # "allow its missiles to be used for strikes": the agent of the passage
        prop.slots["agent"] = inherited


def _object(prop: Prop, root, res: Resolver, lex: Lexicon) -> None:
    """A generic action's object: a named actor it acts on ("join the Civic Party", "meet Lind"),
    else the normalised phrase of its direct object ("lift environmental regulations")."""
    phrase = None
    for c in root.children:
        if c.dep_ in {"dobj", "pobj"} or (c.dep_ == "prep" and c.lower_ != "with"):
            node = c if c.dep_ != "prep" else next((p for p in c.children if p.dep_ == "pobj"), None)
            if node is None or _is_weapon_word(node, res, lex):
                continue
            if c.dep_ == "prep" and c.lower_ in lex.target_preps and res.place(node):
                continue  # "resign over the crisis in Flint": where, the target slot, not what
            hit = res.actor(node) if c.dep_ != "prep" or res.entity(node) is not None else None
            if hit:
                prop.slots["object"], prop.names[hit[0]] = hit
                return
            if node.pos_ in {"NOUN", "PROPN"} and not node.like_num and node.lemma_.lower() not in lex.not_objects \
                    and res.entity(node) is None \
                    and (phrase is None or (c.dep_ == "dobj" and phrase.dep_ != "dobj")):
                phrase = node
    if phrase is not None:
        from .general import object_phrase  # general builds on this module
        hit = object_phrase(phrase, res)
        if hit is not None:
            code, name = hit
            if phrase.dep_ == "pobj":  # "voting on the nominee" is not "voting for the nominee"
                prep = phrase.head.lower_
                code, name = f"{prep} {code}", f"{prep} {name}"
            prop.slots["object"], prop.names[code] = code, name


def _supplied_with(verb, res: Resolver, lex: Lexicon) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "with" and any(
        _is_weapon_word(p, res, lex) for p in c.children if p.dep_ == "pobj") for c in verb.children)


def _supply_slots(prop: Prop, toks, res: Resolver, lex: Lexicon) -> None:
    for t in toks:
        if t.dep_ in {"dobj", "dative", "pobj"} and not _is_weapon_word(t, res, lex):
            if t.dep_ == "pobj" and t.head.lower_ not in {"to", "for"}:
                continue
            # A lone object is what is sent ("sending Americans to fight"); the recipient is
            # the first of two ("send Mirsk its missiles"), or the one supplied with a weapon
            # ("supply Mirsk with missiles").
            if t.dep_ == "dobj" and not any(s.dep_ == "dobj" and s.i > t.i for s in t.head.children) \
                    and not _supplied_with(t.head, res, lex):
                continue
            hit = res.actor(t)
            if hit:
                prop.slots["recipient"], prop.names[hit[0]] = hit
                return


@dataclass
class Memory:
    """The passage's previous propositions, for "such strikes", "it" and an unstated agent.

    An anaphor reaches back at most ``window`` sentences: "the decision" ten
    paragraphs later is rarely the same one. An unstated agent is the
    article's, however far back it was named."""

    last: Prop | None = None
    by_action: dict[str, Prop] = field(default_factory=dict)
    seen_at: dict[int, int] = field(default_factory=dict)  # id(prop) -> sentence number
    window: int = 3

    def remember(self, prop: Prop, sentence: int = 0) -> None:
        self.last = prop
        self.by_action[prop.action] = prop
        self.seen_at[id(prop)] = sentence

    def agent(self, action: str) -> str | None:
        p = self.by_action.get(action)
        return p.slots.get("agent") if p else None

    def recall(self, action: str | None, sentence: int = 0, window: int | None = None) -> Prop | None:
        p = self.by_action.get(action) if action else self.last
        reach = self.window if window is None else window
        if p is None or sentence - self.seen_at.get(id(p), sentence) > reach:
            return None
        return p.copy()


# ---------------------------------------------------------------- similarity

_STOP = frozenset("a an the of to in on at for with by and or from into inside its their his her our holder".split())
_WORD = re.compile(r"[\w*-]+")


def _stem(w: str) -> str:
    w = w.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            w = w[: -len(suffix)]
            break
    else:
        if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
            w = w[:-1]
    return w[:-1] if w.endswith("e") and len(w) > 3 else w


@functools.lru_cache(maxsize=1)
def _synonyms() -> dict[str, str]:
    """Stem -> shared token: action words to their class, and country names and demonyms to their code."""
    lex = lexicon()
    out: dict[str, str] = {}
    for word, cls in {**lex.action_of_verb, **lex.action_of_noun}.items():
        out.setdefault(_stem(word), cls)
    return out


@functools.lru_cache(maxsize=4096)
def _terms(text: str) -> tuple[str, ...]:
    gaz = load_gazetteer()
    words = _WORD.findall(text.replace("|", " ").replace("=", " "))
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in (3, 2, 1):  # country names of up to three words ("United Kingdom")
            entry = gaz.lookup(" ".join(words[i : i + n])) if i + n <= len(words) else None
            if entry and entry.country and entry.kind in {"country", "demonym", "capital", "seat"}:
                out.append(entry.country.lower())
                i += n
                break
            if entry and entry.kind == "weapon":
                # A named system is also a weapon: "with supplied weapons" finds "Halberd".
                out += [normalize(entry.name), "weapon"]
                i += n
                break
        else:
            w = words[i]
            i += 1
            if w == "*" or w.lower() in _STOP or w.lower() in {"agent", "target", "weapon", "recipient", "object"}:
                continue
            stem = _stem(w)
            out.append(_synonyms().get(stem, stem))
    return tuple(out)


def _cosine(a: Counter, b: Counter, idf: dict[str, float] | None) -> float:
    w = (lambda t: idf.get(t, 1.0)) if idf else (lambda t: 1.0)  # noqa: E731
    dot = sum(a[t] * b[t] * w(t) ** 2 for t in a.keys() & b.keys())
    na = math.sqrt(sum((c * w(t)) ** 2 for t, c in a.items()))
    nb = math.sqrt(sum((c * w(t)) ** 2 for t, c in b.items()))
    return dot / (na * nb) if na and nb else 0.0


def proposition_similarity(a: str, b: str, idf: dict[str, float] | None = None) -> float:
    """Lexical cosine (0..1) of two proposition texts or keys, over stems with shared tokens."""
    return _cosine(Counter(_terms(a)), Counter(_terms(b)), idf)


def rank_propositions(query: str, texts: list[str]) -> list[tuple[float, int]]:
    """(score, index) of ``texts`` by TF-IDF cosine to ``query``, best first; IDF from ``texts``."""
    bags = [Counter(_terms(t)) for t in texts]
    df = Counter(t for bag in bags for t in bag)
    n = len(bags) or 1
    idf = {t: math.log(1 + n / c) for t, c in df.items()}
    q = Counter(_terms(query))
    scored = [(_cosine(q, bag, idf), i) for i, bag in enumerate(bags)]
    return sorted(scored, key=lambda s: (-s[0], s[1]))
