"""Regression gate: actor countries on the PLOVER gold standard must not fall below their floors.

All 322 sentences are read (well under a minute on two cores); the cost
figure is left to the script ``bench/bench_entities.py``, since timings are
not tested.
"""
from __future__ import annotations

import pytest

from bench import bench_entities
from bench._data import shared_available

pytestmark = [
    pytest.mark.shared,
    pytest.mark.slow,
    pytest.mark.skipif(not shared_available("plover-gsr"), reason="../shared/eval/plover-gsr is absent"),
]


@pytest.fixture(scope="module")
def figures():
    return bench_entities.run(articles=0)


@pytest.mark.parametrize("metric", sorted(bench_entities.FLOORS))
def test_entities_floor(figures, metric):
    floor = bench_entities.FLOORS[metric]
    assert figures[metric] >= floor, f"{metric} {figures[metric]:.3f} fell below its floor {floor}"
