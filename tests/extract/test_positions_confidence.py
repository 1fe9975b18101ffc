"""Every position carries the pattern that found it and that pattern's measured confidence.

The table in ``redline/data/en/position_confidence.json`` is written by
``bench/bench_positions.py --calibrate`` from the tuning half; these tests
check that the stage reads it, and that the table is what its note says it is.
Everyone here is fictional.
"""
from __future__ import annotations

import pytest

import redline
from redline.extract.lexicon import read_json
from redline.extract.positions.confidence import confidence

TEXT = ("Mayor Mara Quill said on Monday that she opposes the Harbour Levy Act. "
        "Senator Pavel Osk withdrew his endorsement of Tomas Brandt on Tuesday. "
        "The Portmere Courier endorsed Ilka Soren for governor.")


@pytest.fixture(scope="module")
def positions():
    return redline.analyze(TEXT, published="2031-03-07").to_dict()["positions"]


def test_each_position_has_a_pattern_and_its_confidence(positions):
    assert positions, "the invented text states stances"
    for p in positions:
        assert p["pattern"], p
        assert 0.0 <= p["confidence"] <= 1.0
        assert p["confidence"] == confidence(p["pattern"])


def test_the_pattern_names_how_the_stance_was_read(positions):
    by_trigger = {p["trigger"]: p["pattern"] for p in positions}
    assert by_trigger["opposes"] == "verb/pronoun"  # "she opposes": the holder through a pronoun
    assert by_trigger["endorsed"] == "verb/named"
    assert {p["pattern"] for p in positions if "withdrew" in p["trigger"]} == {"reversal/named"}


def test_the_table_is_the_smoothed_tuning_precision():
    table = read_json("position_confidence.json")
    default = table["default"]
    assert 0.0 < default <= 1.0
    for name, row in table["patterns"].items():
        assert 0 <= row["right"] <= row["n"], name
        assert row["confidence"] == pytest.approx((row["right"] + 2 * default) / (row["n"] + 2), abs=1e-3)
    assert confidence("no-such-pattern") == round(default, 2)
