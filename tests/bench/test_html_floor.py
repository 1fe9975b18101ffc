"""Regression gate: HTML main-text extraction must not fall below its pinned floors.

Runs on a fixed subset (every ``SUBSET_STEP``-th page of the trafilatura
evaluation set) so it finishes in a couple of minutes on 2 cores; the script
``bench/bench_html.py`` reports the full set.
"""
from __future__ import annotations

import pytest

from bench import bench_html
from bench._data import shared_available

pytestmark = [
    pytest.mark.shared,
    pytest.mark.slow,
    pytest.mark.skipif(not shared_available(bench_html.NAME), reason="../shared/eval/trafilatura-eval is absent"),
]


@pytest.fixture(scope="module")
def figures():
    return bench_html.evaluate(every=bench_html.SUBSET_STEP)


@pytest.mark.parametrize("metric", sorted(bench_html.FLOORS["subset"]))
def test_html_floor(figures, metric):
    floor = bench_html.FLOORS["subset"][metric]
    assert figures[metric] >= floor, f"{metric} {figures[metric]:.3f} fell below its floor {floor}"


def test_html_not_worse_than_trafilatura_default(figures):
    # the issue asks for HTML extraction at least as good as trafilatura's own
    assert figures["redline_f1"] >= figures["trafilatura_f1"]
    assert figures["redline_errors"] == 0
