"""Questions: what a position is about, however its proposition is keyed.

The extract stage keys a proposition as one article words it
(``ban|agent=*|object=ferry levy|target=*``, ``supply|recipient=OST|weapon=halberd``);
the same question, asked by another article, may be keyed otherwise. ``question``
maps a proposition key to its question: a canonical action, the slots, the
object's content words, and a polarity, so that a stance on the key is a stance
on the question (``stance_on``). ``meets`` says whether two keys ask the same
question, or one a wider form of the other. The change rule (``link.changes``)
walks each thread over the keys that meet it, so that every view of the
changes sees the same ones.

- **Opposite actions** ask one question from its two sides
  (``data/<language>/opposite_actions.json``): being for a ban on X is being
  against allowing X, so ``ban|object=X`` is the question of ``allow|object=X``
  with polarity -1. Synonyms (permit = allow) have polarity +1.
- **Phrase objects** meet when one is the other with words added or spelled
  otherwise (``same_object``): "federal minimum wage increase" and "minimum
  wage increase" meet; "harbour levy" and "ferry levy" do not.
- **A wildcard slot covers a named one** (``covers``): ``weapon=*`` is the
  question at large of which ``weapon=halberd`` is a narrower case, as a
  qualifier is a narrower scope of it; the change rule compares them as it
  compares scopes.

A question depends on its key alone, and whether two keys meet on the two keys
alone: no other article in the store decides it.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..extract.lexicon import data_language, read_json
from ..extract.lexicon.spelling import close_spelling
from .tokens import terms

WILD = "*"
# The least token-set similarity (rapidfuzz, 0-100) of two phrase objects'
# content words for them to meet. A phrase inside the other scores 100 and one
# misspelt word 95 or more ("minimun wage increase"); two phrases that differ by
# one word on each side score under it ("federal" / "state minimum wage
# increase" 87.5, "northwind" / "southwind pact" 85.7, "harbour" / "ferry levy"
# 63.6). The word test (``_conflict``) also keeps out long phrases that differ
# by one word, which token-set similarity alone would let in.
MIN_SIMILARITY = 90.0
# Words that end the head of a phrase: "sanction on Ostrana" is headed by "sanction".
_PREPOSITIONS = frozenset({"of", "on", "with", "between", "for", "to", "in", "against", "over", "from", "at", "by",
                           "about", "into"})
_CODE = re.compile(r"[A-Z]{3}")  # an ISO 3166 alpha-3 code: a state, matched exactly


@dataclass(frozen=True)
class Opposites:
    """Each action lemma mapped to (its question's action, polarity)."""

    actions: dict


def opposites(language: str | None = None) -> Opposites:
    """The opposite-action pairs of ``language`` (default and fallback: English), read once."""
    return _opposites(data_language(language))


@functools.lru_cache(maxsize=4)
def _opposites(language: str) -> Opposites:
    data = read_json("opposite_actions.json", language)
    actions: dict[str, tuple[str, int]] = {}
    for pair in data["pairs"]:
        canonical = _action(pair["for"][0])
        for side, polarity in (("for", 1), ("against", -1)):
            for word in pair[side]:
                w = _action(word)
                if w in actions:
                    raise ValueError(f"opposite_actions.json: {word!r} is in two pairs")
                actions[w] = (canonical, polarity)
    return Opposites(actions)


def _action(word: str) -> str:
    return " ".join(word.lower().replace("_", " ").replace("-", " ").split())


@dataclass(frozen=True)
class Question:
    action: str  # the canonical action: "allow" for ban, permit, prohibit ...
    slots: tuple  # ((slot, value), ...), sorted, without the object; "*" unspecified
    obj: str | None  # the object as keyed; None when the key has no object slot
    terms: tuple  # the object's content words, light-stemmed, sorted, each once
    head: str | None  # the object's head word: exact objects (codes, one word) are their own head
    polarity: int  # +1: "for" the key is "for" the question; -1: the key is the question's opposite

    @property
    def key(self) -> str:
        """A canonical key of the question (not a stored key: ``proposition_key`` stays as stored)."""
        parts = [self.action] + [f"{s}={v}" for s, v in self.slots]
        if self.obj is not None:
            parts.append("object=" + (" ".join(self.terms) if self.terms and self.obj != WILD else self.obj))
        return "|".join(parts)

    def slot(self, name: str) -> str:
        return dict(self.slots).get(name, WILD)


@functools.lru_cache(maxsize=100_000)
def question(proposition_key: str) -> Question:
    """The question a proposition key asks, with the polarity of the key's stances on it."""
    action, *fields = proposition_key.split("|")
    slots: dict[str, str] = {}
    for f in fields:
        name, _, value = f.partition("=")
        slots[name] = value or WILD
    action, polarity = opposites().actions.get(_action(action), (action, 1))
    obj = slots.pop("object", None)
    words, head = _object_words(obj)
    return Question(action, tuple(sorted(slots.items())), obj, words, head, polarity)


def _object_words(obj: str | None) -> tuple[tuple, str | None]:
    if obj is None or obj == WILD:
        return (), None
    if _CODE.fullmatch(obj):
        return (), obj
    words = obj.split()
    cut = next((i for i, w in enumerate(words) if w.lower() in _PREPOSITIONS and i > 0), len(words))
    found = terms(obj)
    heads = terms(" ".join(words[:cut])) or found
    if len(set(found)) < 2:  # one word, or none: matched exactly
        return tuple(sorted(set(found))), found[0] if found else obj
    return tuple(sorted(set(found))), heads[-1]


def stance_on(q: Question, of: Question, stance: str) -> str:
    """A stance on a key whose question is ``of``, as a stance on the sides of ``q`` (flipped when opposite)."""
    if q.polarity == of.polarity:
        return stance
    return "against" if stance == "for" else "for"


def same_object(a: Question, b: Question) -> bool:
    """Whether two named objects are one: equal, or phrases of which one is the other with words
    added ("federal minimum wage increase" / "minimum wage increase") or spelled otherwise.

    Codes and one-word objects match exactly: "Quill" alone may be either of two Quills. Two
    phrases meet when their heads correspond ("minimum wage" is not "minimum wage increase"),
    no word of one is missing from the other while the other has a word of its own (``_conflict``:
    "harbour levy" / "ferry levy"), and their token-set similarity is at least ``MIN_SIMILARITY``."""
    if a.obj == b.obj or (a.terms and a.terms == b.terms):
        return True
    if len(a.terms) < 2 or len(b.terms) < 2 or a.head is None or b.head is None:
        return False
    if not (a.head == b.head or close_spelling(a.head, b.head)):
        return False
    if _conflict(a.terms, b.terms):
        return False
    return fuzz.token_set_ratio(" ".join(a.terms), " ".join(b.terms)) >= MIN_SIMILARITY


def _conflict(a: tuple, b: tuple) -> bool:
    """Both phrases have a word of their own, once misspellings are paired off."""
    left, right = [w for w in a if w not in b], [w for w in b if w not in a]
    for w in list(left):
        twin = next((x for x in right if close_spelling(w, x)), None)
        if twin is not None:
            left.remove(w)
            right.remove(twin)
    return bool(left) and bool(right)


def covers(general: Question, specific: Question) -> bool:
    """Whether ``general`` asks ``specific`` or a wider form of it: the same action, the same
    object, and each slot the same or unspecified ("*") in ``general``."""
    if general.action != specific.action or (general.obj is None) != (specific.obj is None):
        return False
    if general.obj is not None and general.obj != WILD and (specific.obj == WILD
                                                            or not same_object(general, specific)):
        return False
    names = {s for s, _ in general.slots} | {s for s, _ in specific.slots}
    return all(general.slot(s) in (WILD, specific.slot(s)) for s in names)


@functools.lru_cache(maxsize=200_000)
def meets(key_a: str, key_b: str) -> bool:
    """Whether two proposition keys ask one question, or one a wider form of the other."""
    a, b = question(key_a), question(key_b)
    return covers(a, b) or covers(b, a)


def narrows(thread_key: str, keys: list[str]) -> dict[str, frozenset]:
    """How each of a thread's keys narrows the widest form of them all: the slots it names where
    another key leaves them unspecified ("*"), as (slot, value) pairs.

    A key names such a slot as the thread key does, when the thread key names it (every key of
    the thread covers the thread key or is covered by it, so they name it alike); else with its
    own value ("weapon=halberd" and "weapon=lance" under "weapon=*" are two narrower cases). A
    thread of one key narrows nothing: its scopes are its qualifiers alone."""
    fields = {k: _fields(question(k)) for k in dict.fromkeys([thread_key, *keys])}
    names = {n for f in fields.values() for n in f}
    wide = {n for n in names if len({f.get(n, WILD) for f in fields.values()}) > 1}
    ours = fields[thread_key]
    out = {}
    for k in keys:
        own = fields[k]
        out[k] = frozenset((n, ours[n] if ours.get(n, WILD) != WILD else own[n])
                           for n in wide if own.get(n, WILD) != WILD)
    return out


def _fields(q: Question) -> dict[str, str]:
    """A question's slots, with its object as its content words (or "*")."""
    out = dict(q.slots)
    if q.obj is not None:
        out["object"] = " ".join(q.terms) if q.terms and q.obj != WILD else q.obj
    return out


class KeyIndex:
    """Proposition keys by question action and object head, to find the keys that meet one."""

    def __init__(self, keys=()):
        self._by: dict[tuple[str, str | None], list[str]] = {}
        self._actions: dict[str, list[str]] = {}
        for k in keys:
            self.add(k)

    def add(self, key: str) -> None:
        q = question(key)
        self._by.setdefault((q.action, q.head), []).append(key)
        self._actions.setdefault(q.action, []).append(key)

    def meeting(self, key: str) -> list[str]:
        """The indexed keys that meet ``key`` (itself included when indexed)."""
        q = question(key)
        if q.obj == WILD:  # an unspecified object covers every object of the action
            candidates = self._actions.get(q.action, [])
        else:
            candidates = self._by.get((q.action, q.head), []) + self._by.get((q.action, None), [])
            if q.head is not None:  # a misspelt head: a head of another bucket
                candidates += [k for (action, head), ks in self._by.items() if action == q.action and head
                               and head != q.head and close_spelling(head, q.head) for k in ks]
        return [k for k in dict.fromkeys(candidates) if k == key or meets(key, k)]
