"""Regression gate: quote and speaker figures on PolNeAR must not fall below their floors.

Runs on the dev split only (84 articles, under a couple of minutes on 2
cores) against ``bench_quotes.DEV_FLOORS``; ``bench/bench_quotes.py`` reports
train + dev against ``FLOORS``.
"""
from __future__ import annotations

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

CASES = [(subset, metric) for subset, floors in sorted(bench_quotes.DEV_FLOORS.items()) for metric in sorted(floors)]


@pytest.fixture(scope="module")
def figures():
    return bench_quotes.evaluate(("dev",))


def test_dev_split_is_the_fixed_subset(figures):
    assert figures["articles"] == 84


@pytest.mark.parametrize("subset,metric", CASES)
def test_quotes_floor(figures, subset, metric):
    floor = bench_quotes.DEV_FLOORS[subset][metric]
    value = figures[subset][metric]
    assert value >= floor, f"{subset} {metric} {value:.3f} fell below its floor {floor}"


def test_speech_subset_is_easier_than_all(figures):
    # Speech-verb attributions are the ones the extractor targets; their recall must lead.
    assert figures["speech"]["content_overlap_r"] > figures["all"]["content_overlap_r"]
