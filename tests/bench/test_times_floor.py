"""Regression gate: time-expression figures on TimeBank + AQUAINT must not fall below their floors.

The whole set (256 files) is read: it parses in about a minute with the small
model. The script ``bench/bench_times.py`` prints the same figures beside
HeidelTime's.
"""
from __future__ import annotations

import pytest

from bench import bench_times
from bench._data import shared_available

pytestmark = [
    pytest.mark.shared,
    pytest.mark.slow,
    pytest.mark.skipif(not shared_available("timebank"), reason="../shared/eval/timebank is absent"),
]


@pytest.fixture(scope="module")
def figures():
    return bench_times.run()


@pytest.mark.parametrize("metric", sorted(bench_times.FLOORS))
def test_times_floor(figures, metric):
    floor = bench_times.FLOORS[metric]
    assert figures[metric] >= floor, f"{metric} {figures[metric]:.3f} fell below its floor {floor}"

