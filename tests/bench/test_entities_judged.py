"""Regression gate: people and roles on PolNeAR (``bench/bench_entities.py``, "People and roles").

The judged role precision of the scored half must stay above its floor, every role the seeded
sample draws must have a verdict (a role redline newly outputs there has to be read and judged in
``bench/gold/entities/judged_roles.jsonl``), and the counts of surnames guessed between people and
of merged namesakes must not grow on either half.
"""
from __future__ import annotations

import json

import pytest

from bench import bench_entities
from bench._data import shared_available

pytestmark = [
    pytest.mark.shared,
    pytest.mark.slow,
    pytest.mark.skipif(not shared_available("polnear"), reason="../shared/eval/polnear is absent"),
]

CEILINGS = [(half, metric) for half, caps in sorted(bench_entities.PEOPLE_CEILINGS.items()) for metric in sorted(caps)]


@pytest.fixture(scope="module")
def figures():
    return bench_entities.people_figures()


def test_the_split_is_fixed_disjoint_and_covers_the_files():
    halves = bench_entities.polnear_split()
    assert halves == bench_entities.polnear_split()
    assert not set(halves["tune"]) & set(halves["test"])
    assert len(halves["tune"]) + len(halves["test"]) == 924 and min(map(len, halves.values())) > 400


def test_every_verdict_is_well_formed():
    scored = set(bench_entities.polnear_split()["test"])
    rows = bench_entities._jsonl(bench_entities.JUDGED)
    assert rows
    for row in rows:
        key = row["key"]
        assert len(key) == 7 and key[0] in scored and isinstance(key[1], int) and key[1] < key[2], row
        assert row["verdict"] in {"right", "wrong"} and row["reason"].strip(), row
    assert len({json.dumps(r["key"]) for r in rows}) == len(rows)  # one verdict per key


def test_every_sampled_role_has_a_verdict(figures):
    unjudged = figures["test"]["unjudged"]
    assert figures["test"]["sampled"] == bench_entities.SAMPLE
    assert not unjudged, "judge these roles (bench/bench_entities.py --roles --show-unjudged): " + json.dumps(unjudged)


def test_judged_role_precision_floor(figures, report):
    f = figures["test"]
    report(f"entities (scored half): judged role precision {f['judged_role_precision']:.3f} "
           f"({f['judged_right']}/{f['judged']}); surnames guessed between people {f['ambiguous_surname_joins']}")
    floor = bench_entities.PEOPLE_FLOORS["test"]["judged_role_precision"]
    assert f["judged_role_precision"] >= floor, f"judged role precision {f['judged_role_precision']:.3f} < {floor}"


@pytest.mark.parametrize("half,metric", CEILINGS)
def test_people_counts_do_not_grow(figures, half, metric):
    cap = bench_entities.PEOPLE_CEILINGS[half][metric]
    assert figures[half][metric] <= cap, f"{half} {metric} {figures[half][metric]} rose above {cap}"
