"""Regression gate: the judged sample of redline's events on real news (PolNeAR, scored half).

Every sampled event must have a verdict in ``bench/gold/events/judged.jsonl``: an event redline
newly outputs there (or one whose type, negation, actors or date changed) has to be read and
judged before this passes. The judged precision must not fall below its floor.
"""
from __future__ import annotations

import pytest

from bench import bench_events
from bench._data import shared_available

pytestmark = [
    pytest.mark.shared,
    pytest.mark.slow,
    pytest.mark.skipif(not shared_available("polnear"), reason="../shared/eval/polnear is absent"),
]


@pytest.fixture(scope="module")
def judged():
    return bench_events.judged()


def test_every_sampled_event_has_a_verdict(judged):
    assert not judged["unjudged"], f"unjudged sampled events: {[k for k, _ in judged['unjudged']]}"


def test_the_sample_is_full_and_from_the_scored_half(judged):
    assert judged["judged"] == bench_events.JUDGE_SAMPLE
    tune = set(bench_events.judged_files("tune"))
    assert not tune & set(bench_events.judged_files("test"))


def test_verdicts_are_well_formed():
    reasons = {"wrong-sense", "no-actor", "wrong-type", "wrong-negation", "wrong-date"}
    for row in bench_events.verdicts().values():
        assert row["verdict"] in {"right", "wrong"} and row.get("why")
        assert row["verdict"] == "right" or row.get("reason") in reasons


def test_judged_precision_floor(judged):
    assert judged["precision"] >= bench_events.JUDGE_FLOOR, (
        f"judged precision {judged['precision']:.3f} fell below {bench_events.JUDGE_FLOOR}")
