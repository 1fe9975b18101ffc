"""Regression gate on the two halves of PolNeAR train + dev, and the judged sample.

``bench_quotes.halves()`` splits the 924 files once, by a seeded hash of each
file name, into a tuning half and a scored half. This test scores the whole
scored half and the fixed ``SUBSET``-file subset of the tuning half against
``bench_quotes.HALF_FLOORS`` (quote precision and speaker accuracy among them),
and the judged sample of the scored half against ``JUDGED_FLOOR``: every
quote the sample draws must have a verdict in ``bench/gold/quotes/judged.jsonl``
(a quote redline newly outputs there has to be read and judged).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from bench import bench_quotes  # noqa: E402
from bench._data import shared_available  # noqa: E402

pytestmark = [
    pytest.mark.shared,
    pytest.mark.slow,
    pytest.mark.skipif(not shared_available("polnear"), reason="../shared/eval/polnear is absent"),
]

CASES = [(half, subset, metric) for half, floors in sorted(bench_quotes.HALF_FLOORS.items())
         for subset, metrics in sorted(floors.items()) for metric in sorted(metrics)]


@pytest.fixture(scope="module")
def figures():
    return {"scored": bench_quotes.evaluate(half="scored"),
            "tune": bench_quotes.evaluate(half="tune", sample=bench_quotes.SUBSET)}


def test_the_split_is_fixed_disjoint_and_half_and_half():
    halves = bench_quotes.halves()
    assert len(halves["tune"]) == len(halves["scored"]) == 462
    assert not set(halves["tune"]) & set(halves["scored"])
    assert bench_quotes.halves() == halves  # seeded: the same split every run


@pytest.mark.parametrize("half,subset,metric", CASES)
def test_half_floor(figures, half, subset, metric):
    floor = bench_quotes.HALF_FLOORS[half][subset][metric]
    value = figures[half][subset][metric]
    assert value >= floor, f"{half} half, {subset} {metric} {value:.3f} fell below its floor {floor}"


def test_every_sampled_quote_is_judged_and_the_judged_precision_holds(figures):
    judged = bench_quotes.judged(figures["scored"]["records"])
    missing = [json.dumps(bench_quotes.judged_key(r), ensure_ascii=False) for r in judged["unjudged"]]
    assert not missing, "sampled quotes without a verdict (run bench/bench_quotes.py --judge):\n" + "\n".join(missing)
    assert judged["sampled"] == bench_quotes.SAMPLE
    assert judged["judged_precision"] >= bench_quotes.JUDGED_FLOOR, judged


def test_verdicts_are_well_formed():
    path = bench_quotes.GOLD / "judged.jsonl"
    for line in path.read_text("utf-8").splitlines():
        j = json.loads(line)
        file, start, end = j["key"][:3]
        assert j["verdict"] in ("right", "wrong") and j["why"]
        assert (j["reason"] is None) == (j["verdict"] == "right")
        assert j["reason"] in (None, "not-a-quote", "wrong-speaker", "bad-span")
        assert file in bench_quotes.halves()["scored"] and 0 <= start < end
