"""Regression gate: PLOVER event coding must not fall below its pinned floors.

All 322 gold sentences are read (a few seconds with the small model); the
script ``bench/bench_events.py`` prints the same figures beside the
UniversalPetrarch anchor, for the whole set and for each half of its fixed split.
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


HALF_CASES = [(h, m) for h, floors in sorted(bench_events.HALF_FLOORS.items()) for m in sorted(floors)]


def test_the_split_is_fixed_and_balanced():
    halves = [bench_events.half_of(i) for i in range(len(bench_events.load_records()))]
    assert 0.4 < halves.count("tune") / len(halves) < 0.6


@pytest.mark.parametrize("half,metric", HALF_CASES)
def test_events_half_floor(figures, half, metric):
    floor = bench_events.HALF_FLOORS[half][metric]
    got = figures["halves"][half][metric]
    assert got >= floor, f"[{half}] {metric} {got:.3f} fell below its floor {floor}"


@pytest.mark.parametrize("metric", sorted(bench_events.FLOORS))
def test_events_floor(figures, metric):
    floor = bench_events.FLOORS[metric]
    assert figures[metric] >= floor, f"{metric} {figures[metric]:.3f} fell below its floor {floor}"
