"""A quote's confidence: the precision measured for quotes found the same way.

Each quote is keyed by the evidence that made it: how its speaker was found
(``how``: named, apposition, pronoun, role, nominal, floating), whether it is
direct, and the class of its cue (``cues.cue_class``, or label / embedded /
none for quotes without a cue word). ``data/<language>/quote_confidence.json``
holds the precision of each key as measured on the tuning half of PolNeAR by
``bench/bench_quotes.py --write-confidence`` (its ``_about`` says how). The
most specific key with enough quotes behind it gives the confidence; a rarer
key backs off to how + direct, then to direct alone.
"""
from __future__ import annotations

import functools

from ..lexicon import read_json

_FALLBACK = {"direct": 0.8, "indirect": 0.7}  # only when the table is missing a mode entirely


def keys_of(how: str | None, direct: bool, cue_class: str | None) -> list[str]:
    """The table keys of one quote, most specific first."""
    mode = "direct" if direct else "indirect"
    how = how or "none"
    return [f"{how}|{mode}|{cue_class or 'none'}", f"{how}|{mode}", mode]


@functools.lru_cache(maxsize=1)
def _table() -> tuple[int, dict[str, dict]]:
    try:
        data = read_json("quote_confidence.json")
    except FileNotFoundError:
        return 0, {}
    return int(data.get("min_support", 1)), dict(data.get("precision", {}))


def confidence(how: str | None, direct: bool, cue_class: str | None) -> float:
    """The measured precision of quotes found as this one was (0-1)."""
    support, table = _table()
    for key in keys_of(how, direct, cue_class):
        row = table.get(key)
        if row is not None and row.get("n", 0) >= support:
            return float(row["precision"])
    return _FALLBACK["direct" if direct else "indirect"]
