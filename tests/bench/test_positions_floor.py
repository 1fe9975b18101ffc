"""Regression gate: positions and changes on our own PolNeAR gold set must not fall below their floors.

Both halves are scored (``bench/bench_positions.py``); the figures are printed in the suite's output.
The judged sample of the test half must have a verdict for every position it draws: a position
redline newly outputs there has to be read and judged (``bench/gold/positions/judged_test.jsonl``).
"""
from __future__ import annotations

import pytest

from bench import bench_positions
from bench._data import shared_available

pytestmark = [
    pytest.mark.shared,
    pytest.mark.slow,
    pytest.mark.skipif(not shared_available("polnear"), reason="../shared/eval/polnear is absent"),
]

CASES = [(half, metric) for half, floors in sorted(bench_positions.FLOORS.items()) for metric in sorted(floors)]


@pytest.fixture(scope="module")
def figures():
    return bench_positions.evaluate()


def test_the_split_is_fixed_and_disjoint():
    halves = bench_positions.split()
    assert len(halves["tune"]) == len(halves["test"]) == 32 and not set(halves["tune"]) & set(halves["test"])


def test_gold_points_into_the_articles():
    from bench._data import eval_dir

    root = eval_dir("polnear") / "data"
    for half, files in bench_positions.split().items():
        positions, changes = bench_positions.gold(half)
        for g in positions + [c[side] for c in changes for side in ("from", "to")]:
            assert g["file"] in files, g
            text = (root / g["file"]).read_text(encoding="utf-8")
            assert 0 <= g["start"] < g["end"] <= len(text) and text[g["start"]:g["end"]].strip(), g
            assert g["stance"] in ("for", "against"), g


@pytest.mark.parametrize("half", ["tune", "test"])
def test_positions_figures_are_printed(figures, half, report):
    f = figures[half]
    report(f"positions ({half} half): recall {f['recall']:.3f}, gold precision {f['gold_precision']:.3f}, "
           f"{f['positions_per_100']:.1f} positions and {f['changes_per_100']:.1f} changes per 100 articles, "
           f"changes found {f['changes_found']} of {f['gold_changes']}"
           + (f", judged precision {f['judged_precision']:.2f} of {f['judged']}" if half == "test" else ""))


@pytest.mark.parametrize("half,metric", CASES)
def test_positions_floor(figures, half, metric):
    f = figures[half]
    assert f[metric] >= bench_positions.FLOORS[half][metric], (half, metric, f[metric])


def test_every_sampled_test_position_is_judged(figures):
    assert not figures["test"]["unjudged"], figures["test"]["unjudged"]
