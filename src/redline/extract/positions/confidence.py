"""How far a position can be trusted: the measured precision of the pattern that found it.

A position's ``pattern`` names the way it was read, coarsely enough that
each pattern has enough examples to measure: the kind of stance word
(a verb "endorsed", a noun "her support for", an adjective "opposed to", an
agent noun "a Quill supporter", a one-sentence reversal "withdrew his
endorsement", a turn "reversed course") and whether the holder is named in
the clause or reached through a pronoun. ``confidence`` reads that pattern's
precision from ``position_confidence.json``, which ``bench/bench_positions.py
--calibrate`` writes from the tuning half of the project's gold set (never
the scored half); a pattern the table lacks gets the table's overall figure.
"""
from __future__ import annotations

from functools import lru_cache

from ..lexicon import read_json
from .holders import holder_token

_KINDS = {"VERB": "verb", "AUX": "verb", "NOUN": "noun", "PROPN": "noun", "ADJ": "adj", "ADP": "adj"}


def pattern_of(chain, lex) -> str:
    """The pattern of a stance chain: "verb/named", "noun/pronoun", "reversal/named", ..."""
    kind = "reversal" if chain.reversal else _KINDS.get(chain.trigger.pos_, "other")
    subj = holder_token(chain.trigger, lex)
    holder = "pronoun" if subj is not None and subj.pos_ == "PRON" else "named"
    return f"{kind}/{holder}"


@lru_cache(maxsize=1)
def _table() -> dict:
    return read_json("position_confidence.json")


def confidence(pattern: str) -> float:
    """The measured precision of ``pattern`` (rounded to two places), or the overall figure."""
    table = _table()
    row = table["patterns"].get(pattern)
    return round(row["confidence"] if row else table["default"], 2)
