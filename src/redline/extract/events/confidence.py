"""The confidence of an event: the precision measured for events read the same way.

``data/<language>/event_confidence.json`` holds the table and the note on how
it was measured (``bench/bench_cameo.py --confidence`` writes it from the
tuning halves only). An event's key is its trigger class ("verb", "phrase",
"light", "complement", "nominal", "demand", "quote", "label") and its actor
evidence ("entity", "pronoun", "noun", "patient", "owner", "reporter", ...);
a key measured too rarely falls back to its trigger class, then to the
overall figure.
"""
from __future__ import annotations

from functools import lru_cache

from ..lexicon import data_language, read_json


@lru_cache(maxsize=4)
def _table(language: str) -> dict:
    return read_json("event_confidence.json", language)


def pattern_of(ev: dict) -> tuple[str, str]:
    return ev.get("trigger_class") or "verb", ev.get("actor_evidence") or "none"


def confidence_of(ev: dict, language: str | None = None) -> float:
    """The measured precision for ``ev``'s pattern (see the module docstring), rounded to 0.01."""
    t = _table(data_language(language))
    cls, actor = pattern_of(ev)
    for key in (f"{cls}|{actor}", cls):
        row = t["patterns"].get(key)
        if row is not None and row["n"] >= t["min_n"]:
            return row["precision"]
    return t["overall"]["precision"]
