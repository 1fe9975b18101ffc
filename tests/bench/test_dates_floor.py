"""Regression gate: publication-date accuracy must not fall below its pinned floors.

Runs on a fixed subset (every ``SUBSET_STEP``-th page of the htmldate
evaluation set) so it finishes in a couple of minutes on 2 cores; the script
``bench/bench_dates.py`` reports the full set.
"""
from __future__ import annotations

import pytest

from bench import bench_dates
from bench._data import shared_available

pytestmark = [
    pytest.mark.shared,
    pytest.mark.slow,
    pytest.mark.skipif(not shared_available(bench_dates.NAME), reason="../shared/eval/htmldate-eval is absent"),
]


@pytest.fixture(scope="module")
def figures():
    return bench_dates.evaluate(every=bench_dates.SUBSET_STEP, with_url=False)


@pytest.mark.parametrize("metric", sorted(bench_dates.FLOORS["subset"]))
def test_dates_floor(figures, metric):
    floor = bench_dates.FLOORS["subset"][metric]
    assert figures[metric] >= floor, f"{metric} {figures[metric]:.3f} fell below its floor {floor}"


def test_dates_not_worse_than_htmldate(figures):
    # the issue asks for date accuracy at least htmldate's own
    assert figures["redline_f1"] >= figures["htmldate_f1"]
    assert figures["redline_accuracy"] >= figures["htmldate_accuracy"]


def test_confidence_tiers_are_ordered(figures):
    # a higher confidence must mean a date that is right more often
    shares = [t["right"] / t["found"] for _, t in sorted(figures["tiers"].items()) if t["found"] >= 10]
    assert shares == sorted(shares)
