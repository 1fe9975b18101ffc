"""Regression gate: story grouping on PolNeAR + the seeds must not fall below its floors.

Uses the parse-free entity keys (``proxy_entities=True``) so that it runs in
well under a minute; ``bench/bench_stories.py`` reports the pipeline keys
against ``FLOORS``.
"""
from __future__ import annotations

import pytest

from bench import bench_stories
from bench._data import SHARED, shared_available

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not shared_available("polnear") or not (SHARED / "seeds").is_dir(),
                       reason="../shared/eval/polnear or ../shared/seeds is absent"),
]


@pytest.fixture(scope="module")
def figures():
    return bench_stories.evaluate(proxy_entities=True, sample=0)


@pytest.mark.parametrize("metric", sorted(bench_stories.PROXY_FLOORS))
def test_stories_floor(figures, metric):
    assert figures[metric] >= bench_stories.PROXY_FLOORS[metric], (metric, figures[metric])


def test_grouping_beats_chance(figures):
    # Grouped pairs must share salient title terms far more often than random pairs of the same month.
    assert figures["pair_purity"] > 4 * figures["random_pair_purity"]
