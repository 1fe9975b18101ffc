"""Event triggers: whether a verb token, with its particle, preposition or object, names a PLOVER event.

``trigger_of(token)`` returns the lexicon entry (``lexicon.plover``) and the
tokens that make up the trigger; ``context_of`` names the context words of a
sentence (military, diplomatic, ...).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..lexicon.plover import Entry, Lexicon, lexicon
from .sense import head_noun, senses

# Dependents that complete a phrasal verb ("pull out", "hit back", "back down").
_PARTICLE_DEPS = frozenset({"prt", "advmod"})
_OBJECT_DEPS = frozenset({"dobj", "attr", "oprd"})
_NOUN_MODS = frozenset({"amod", "compound", "nmod"})


@dataclass
class Trigger:
    entry: Entry
    tokens: list  # the trigger's tokens, in text order
    obj: object | None = None  # the event noun of a light-verb phrase, if any
    nominal: bool = False  # the event is the noun, subject of an occurrence verb


def _noun_forms(noun) -> list[str]:
    """How a noun may be keyed: with its modifier ("air strike"), then bare, by text and lemma."""
    forms = []
    heads = [noun.lower_, noun.lemma_.lower()]
    mods = [c for c in noun.children if c.dep_ in _NOUN_MODS and c.i < noun.i]
    if mods:
        m = mods[-1]
        forms += [f"{m.lower_} {h}" for h in heads]
    forms += heads
    doc = noun.doc
    if noun.i >= 2 and doc[noun.i - 1].text == "-" and doc[noun.i - 1].idx + 1 == noun.idx:
        # "cease-fire" comes as three tokens: the hyphenated word is the key
        forms.insert(0, f"{doc[noun.i - 2].lower_}-{noun.lower_}")
    # "mediation effort", "peace talks": a compound modifier may carry the event itself.
    forms += [m.lemma_.lower() for m in mods if m.dep_ == "compound"]
    return forms


def _objects(tok) -> list:
    out = [c for c in tok.children if c.dep_ in _OBJECT_DEPS and c.pos_ in {"NOUN", "PROPN", "PRON"}]
    # "launched 10 days of war games": a quantity or span stands for its "of" phrase
    s = senses()
    return [head_noun(c, s) if c.lemma_.lower() in s.quantity or c.lower_ in s.quantity else c for c in out]


def verb_lemma(tok, lex: Lexicon) -> str:
    """The token's lemma, mended where the lemmatizer slips on a lexicon verb
    ("staged" -> "stag"): the inflected form's plain stems are tried too."""
    lemma = tok.lemma_.lower()
    if lemma in lex.heads:
        return lemma
    low = tok.lower_
    for suffix, repl in (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("d", ""), ("es", ""), ("s", ""),
                         ("ied", "y"), ("ies", "y")):
        if low.endswith(suffix) and (stem := low[: len(low) - len(suffix)] + repl) in lex.heads:
            return stem
    if lemma.startswith("re") and lemma[2:] in lex.heads:
        return lemma[2:]  # "reimposed", "redeployed": the act again is the act
    return lemma


def _phrase_keys(tok, lemma: str) -> list[tuple[str, list]]:
    """Keys for the verb with its particle or preposition, longest first."""
    keys: list[tuple[str, list]] = []
    for c in tok.children:
        if c.dep_ in _PARTICLE_DEPS and c.i > tok.i:
            keys.append((f"{lemma} {c.lower_}", [tok, c]))
        elif c.dep_ == "prep":
            for p in c.children:
                if p.dep_ == "pobj":
                    keys.append((f"{lemma} {c.lower_} {p.lemma_.lower()}", [tok, c, p]))
                    keys.append((f"{lemma} {c.lower_} {p.lower_}", [tok, c, p]))
                    dets = [d for d in p.children if d.dep_ == "det"]
                    if dets:
                        keys.append((f"{lemma} {c.lower_} {dets[0].lower_} {p.lower_}", [tok, c, dets[0], p]))
            keys.append((f"{lemma} {c.lower_}", [tok, c]))
    keys.sort(key=lambda kv: -len(kv[0].split()))
    return keys


def trigger_of(tok, lex: Lexicon | None = None) -> Trigger | None:
    """The event a verb token names, or None.

    Order: a fixed verb + object pair ("lift sanctions"); a light verb's event
    noun ("launch an attack"), or a reversing verb's ("halt talks" is a
    SANCTION, "end a curfew" a CONCEDE); the verb with its particle or
    preposition ("pull out", "call for"); the verb alone; an event noun as the
    subject of an occurrence verb ("riots continued").
    """
    lex = lex or lexicon()
    if tok.pos_ not in {"VERB", "AUX"} or tok.dep_ in {"aux", "auxpass", "amod"}:
        return None
    lemma = verb_lemma(tok, lex)
    if lemma == "be" and not any(c.dep_ == "expl" for c in tok.children):
        return None  # "it was a constructive meeting": a predicate names no new act ("there was a clash" does)
    objs = _objects(tok)
    for obj in objs:
        forms = _noun_forms(obj)
        if (obj.lemma_.lower() in lex.non_event_objects or obj.lower_ in lex.non_event_objects) and (
                lemma in lex.light or getattr(lex.verbs.get(lemma), "type", None) in {"RETREAT", "AID"}):
            return None  # "released a statement", "issued a report": no prisoner, no aid
        for form in forms:
            key = f"{lemma} {form}"
            entry = lex.pairs.get(key) or lex.verbs.get(key)
            if entry:
                return Trigger(entry, sorted([tok, obj], key=lambda t: t.i), obj)
    phrases = _phrase_keys(tok, lemma)
    names = {lemma} | {k for k, _ in phrases}
    if names & (lex.light | lex.reverse | lex.prevent):
        flip = _REVERSED if names & lex.reverse else _PREVENTED if names & lex.prevent else None
        for obj in objs:
            forms = _noun_forms(obj)
            for form in forms:
                if form in lex.nouns:
                    entry = _with_mode(lex.nouns[form], forms, lex)
                    if flip is not None:
                        entry = Entry(flip[entry.type]) if entry.type in flip else None
                    if entry is not None:
                        return Trigger(entry, sorted([tok, obj], key=lambda t: t.i), obj)
    for key, toks in phrases:
        if key in lex.verbs:
            return Trigger(lex.verbs[key], toks)
        if key in lex.pairs:
            return Trigger(lex.pairs[key], toks)
    if lemma in lex.verbs and tok.pos_ == "VERB":
        return Trigger(lex.verbs[lemma], [tok])
    if names & lex.occurrence:
        for c in tok.children:
            if c.dep_ == "nsubj" and c.pos_ == "NOUN":
                for form in _noun_forms(c):
                    if form in lex.nouns:
                        return Trigger(lex.nouns[form], sorted([c, tok], key=lambda t: t.i), c, nominal=True)
    return None


def _with_mode(entry: Entry, forms: list[str], lex: Lexicon) -> Entry:
    """ "food aid": the modifier's mode (humanitarian) refines the head noun's type."""
    if entry.mode is None:
        for f in forms:
            other = lex.nouns.get(f)
            if other is not None and other.type == entry.type and other.mode:
                return other
    return entry


# Stopping something: a cooperative tie cut is a SANCTION; a hostile measure
# ended is a concession (CONCEDE), or, for fighting, a RETREAT (PLOVER:
# implementing a ceasefire or ending active conflict).
_REVERSED = {"CONSULT": "SANCTION", "COOPERATE": "SANCTION", "AID": "SANCTION", "SUPPORT": "SANCTION",
             "AGREE": "SANCTION", "SANCTION": "CONCEDE", "COERCE": "CONCEDE", "PROTEST": "CONCEDE",
             "THREATEN": "CONCEDE", "ASSAULT": "RETREAT", "MOBILIZE": "RETREAT"}
# Forbidding something: cooperation forbidden is a SANCTION, protest forbidden a COERCE.
_PREVENTED = {"CONSULT": "SANCTION", "COOPERATE": "SANCTION", "AID": "SANCTION", "SUPPORT": "SANCTION",
              "AGREE": "SANCTION", "PROTEST": "COERCE"}



def context_of(words, lex: Lexicon | None = None) -> str | None:
    """The first PLOVER context whose word occurs among ``words`` (lower-case)."""
    lex = lex or lexicon()
    for w in words:
        ctx = lex.contexts.get(w)
        if ctx:
            return ctx
    return None
