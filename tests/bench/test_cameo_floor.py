"""Regression gate: event coding on ConfliBERT's CAMEO sentences must not fall below its floors.

Both halves of the fixed split are scored (``bench/bench_cameo.py``): class recall, actor and
target overlap are floors; the share of plain statements (class 0) given an event is a ceiling.
"""
from __future__ import annotations

import pytest

from bench import bench_cameo
from bench._data import shared_available

pytestmark = [
    pytest.mark.shared,
    pytest.mark.slow,
    pytest.mark.skipif(not shared_available("conflibert-cameo-train"),
                       reason="../shared/eval/conflibert-cameo-train is absent"),
]

FLOOR_CASES = [(h, m) for h, floors in sorted(bench_cameo.FLOORS.items()) for m in sorted(floors)]
CEILING_CASES = [(h, m) for h, ceilings in sorted(bench_cameo.CEILINGS.items()) for m in sorted(ceilings)]


@pytest.fixture(scope="module")
def figures():
    return bench_cameo.run()


def test_the_split_is_fixed_and_covers_both_files():
    recs = bench_cameo.class_records()
    halves = {bench_cameo.half_of(t) for t, _ in recs}
    assert halves == {"tune", "test"}
    # the same sentence falls in the same half of both files
    ner = bench_cameo.ner_records()
    assert bench_cameo.half_of(ner[0]["text"]) == bench_cameo.half_of(recs[0][0])


@pytest.mark.parametrize("half,metric", FLOOR_CASES)
def test_cameo_floor(figures, half, metric):
    floor = bench_cameo.FLOORS[half][metric]
    assert figures[half][metric] >= floor, f"[{half}] {metric} {figures[half][metric]:.3f} fell below {floor}"


@pytest.mark.parametrize("half,metric", CEILING_CASES)
def test_cameo_ceiling(figures, half, metric):
    ceiling = bench_cameo.CEILINGS[half][metric]
    assert figures[half][metric] <= ceiling, f"[{half}] {metric} {figures[half][metric]:.3f} rose above {ceiling}"
