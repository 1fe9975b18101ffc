"""The speech-cue lexicon (``data/<language>/speech_verbs.json``): verbs and nouns of saying and believing.

Read by the quotes stage (cues, speakers) and, for its verbs of saying, by
the stance lexicon.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from . import data_language, read_json


@dataclass(frozen=True)
class Lexicon:
    verbs: frozenset[str]  # every cue verb: speech, cognition, evidence, naming, object-content
    speech: frozenset[str]  # verbs of saying only (the benchmark's speech-cue subset)
    particles: dict[str, str]  # verbs that are cues only with a particle ("point out")
    objects: frozenset[str]  # verbs whose direct object is what was said
    nouns: frozenset[str]  # speech nouns that report a "that" clause
    naming: frozenset[str]  # "called the plan a disaster": content is object + predicate
    channels: frozenset[str]  # "Kern's statement said ...": nouns whose possessor is the speaker
    aspectual: frozenset[str]  # "continued to climb": the infinitive is no message
    preps: dict[str, frozenset[str]]  # "called for talks": prepositions whose object is the content


def cue_lexicon(language: str | None = None) -> Lexicon:
    """The speech-cue lexicon of ``language`` (default and fallback: English), read once."""
    return _cue_lexicon(data_language(language))


@functools.lru_cache(maxsize=4)
def _cue_lexicon(language: str) -> Lexicon:
    data = read_json("speech_verbs.json", language)
    objects = frozenset(data.get("object_content", ()))
    naming = frozenset(data.get("naming", ()))
    speech = frozenset(data["speech"])
    verbs = speech | frozenset(data["cognition"]) | frozenset(data.get("evidence", ())) | objects | naming
    preps = {k: frozenset(v) for k, v in data.get("prep_content", {}).items()}
    return Lexicon(verbs, speech, dict(data.get("particles", {})), objects,
                   frozenset(data.get("nouns", ())), naming, frozenset(data.get("channels", ())),
                   frozenset(data.get("aspectual", ())), preps)
