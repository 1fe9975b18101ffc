"""The PLOVER event lexicon (``data/<language>/plover_verbs.json``): event verbs, nouns and control words.

The lexicon is read once per process and language; the events stage reads
it through ``extract.events.triggers``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import data_language, read_json

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


@dataclass(frozen=True)
class Entry:
    type: str
    mode: str | None = None


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, Entry]
    nouns: dict[str, Entry]
    pairs: dict[str, Entry]
    light: frozenset[str]
    transparent: frozenset[str]
    plan: frozenset[str]
    fail: frozenset[str]
    promise: frozenset[str]
    hostile: frozenset[str]
    reporting: frozenset[str]
    non_event_objects: frozenset[str]
    reverse: frozenset[str]
    occurrence: frozenset[str]
    heads: frozenset[str]  # every verb lemma that starts a lexicon key
    condemn: frozenset[str]
    prevent: frozenset[str]
    contexts: dict[str, str]  # word -> context


def _entry(item: str, type_: str) -> tuple[str, Entry]:
    word, _, mode = item.partition(":")
    return word.lower(), Entry(type_, mode or None)


def lexicon(language: str | None = None) -> Lexicon:
    """The PLOVER lexicon of ``language`` (default and fallback: English), read once."""
    return _lexicon(data_language(language))


@lru_cache(maxsize=4)
def _lexicon(language: str) -> Lexicon:
    raw = read_json("plover_verbs.json", language)
    verbs: dict[str, Entry] = {}
    nouns: dict[str, Entry] = {}
    for type_, spec in raw["types"].items():
        if type_ not in PLOVER_TYPES:
            raise ValueError(f"plover_verbs.json: unknown PLOVER type {type_}")
        verbs.update(_entry(v, type_) for v in spec.get("verbs", []))
        nouns.update(_entry(n, type_) for n in spec.get("nouns", []))
    pairs = {k.lower(): Entry(v) for k, v in raw["pairs"].items()}
    ctl = raw["control"]
    contexts = {w: ctx for ctx, words in raw["contexts"].items() for w in words}
    return Lexicon(
        verbs=verbs, nouns=nouns, pairs=pairs, light=frozenset(raw["light_verbs"]),
        transparent=frozenset(ctl["transparent"]), plan=frozenset(ctl["plan"]),
        fail=frozenset(ctl["fail"]), promise=frozenset(ctl["promise"]),
        hostile=frozenset(raw["hostile_types"]), reporting=frozenset(raw["reporting_verbs"]),
        non_event_objects=frozenset(raw["non_event_objects"]), contexts=contexts,
        reverse=frozenset(raw["reverse_verbs"]), occurrence=frozenset(raw["occurrence_verbs"]),
        heads=frozenset(k.split()[0] for k in [*verbs, *pairs, *raw["light_verbs"], *raw["reverse_verbs"],
                                               *raw["occurrence_verbs"], *raw["prevent_verbs"]]),
        condemn=frozenset(raw["condemnation_words"]), prevent=frozenset(raw["prevent_verbs"]),
    )
