"""Regression gate: plain-text cleaning must not fall below its pinned floors.

Runs on a fixed subset (every ``SUBSET_EVERY``-th page of the trafilatura
evaluation set, about 250 pages, well under a minute on 2 cores); the script
``bench/bench_clean_text.py`` reports the full set.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from bench import bench_clean_text  # noqa: E402
from bench._data import shared_available  # noqa: E402

pytestmark = [
    pytest.mark.shared,
    pytest.mark.slow,
    pytest.mark.skipif(not shared_available("trafilatura-eval"), reason="../shared/eval/trafilatura-eval is absent"),
]


@pytest.fixture(scope="module")
def figures():
    return bench_clean_text.evaluate(every=bench_clean_text.SUBSET_EVERY)


@pytest.mark.parametrize("metric", sorted(bench_clean_text.FLOORS["subset"]))
def test_clean_text_floor(figures, metric):
    floor = bench_clean_text.FLOORS["subset"][metric]
    assert figures[metric] >= floor, f"{metric} {figures[metric]:.3f} fell below its floor {floor}"


def test_cleaning_beats_keeping_everything(figures):
    # removing chrome must pay: better F1 and precision than the raw visible text
    assert figures["f1"] > figures["baseline"]["f1"]
    assert figures["precision"] > figures["baseline"]["precision"]
