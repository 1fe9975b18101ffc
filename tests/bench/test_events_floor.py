"""Regression gate: PLOVER event coding must not fall below its pinned floors.

All 322 gold sentences are read (a few seconds with the small model); the
script ``bench/bench_events.py`` prints the same figures beside the
UniversalPetrarch anchor.
"""
from __future__ import annotations

import pytest

from bench import bench_events
from bench._data import shared_available

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not shared_available("plover-gsr"), reason="../shared/eval/plover-gsr is absent"),
]


@pytest.fixture(scope="module")
def figures():
    return bench_events.run()


@pytest.mark.parametrize("metric", sorted(bench_events.FLOORS))
def test_events_floor(figures, metric):
    floor = bench_events.FLOORS[metric]
    assert figures[metric] >= floor, f"{metric} {figures[metric]:.3f} fell below its floor {floor}"
