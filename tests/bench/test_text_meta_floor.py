"""Regression gate: plain-text headline and date on PolNeAR's 924 articles, both halves.

Reads every article through the real ingest path without analysis (a few
seconds); ``bench/bench_text_meta.py`` prints the same figures.
"""
from __future__ import annotations

import pytest

from bench import bench_text_meta
from bench._data import shared_available

pytestmark = [
    pytest.mark.shared,
    pytest.mark.slow,
    pytest.mark.skipif(not shared_available(bench_text_meta.NAME), reason="../shared/eval/polnear is absent"),
]


@pytest.fixture(scope="module")
def figures():
    return bench_text_meta.evaluate()


@pytest.mark.parametrize("half, metric", [(h, m) for h in bench_text_meta.HALVES for m in bench_text_meta.FLOORS[h]])
def test_text_meta_floor(figures, half, metric):
    floor = bench_text_meta.FLOORS[half][metric]
    assert figures[half][metric] >= floor, f"{half} {metric} {figures[half][metric]:.3f} fell below {floor}"


@pytest.mark.parametrize("half", bench_text_meta.HALVES)
def test_text_dates_are_rarely_wrong(figures, half):
    # a wrong date is worse than none: dates read from the text must agree with the file name
    ceiling = bench_text_meta.CEILINGS[half]["text_wrong"]
    assert figures[half]["text_wrong"] <= ceiling
    assert figures[half]["text_alone_wrong_count"] <= ceiling * max(figures[half]["text_alone_dates"], 10)


def test_halves_are_fixed_by_file_name():
    assert bench_text_meta.half_of("outlet_2025-03-14_slug.txt") == bench_text_meta.half_of("outlet_2025-03-14_slug.txt")
    names = [f"x_{i}.txt" for i in range(200)]
    share = sum(bench_text_meta.half_of(n) == "tune" for n in names) / len(names)
    assert 0.35 < share < 0.65
