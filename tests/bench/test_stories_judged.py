"""Regression gate: stories of a real ingest of PolNeAR's scored half, judged by hand.

Ingests the scored half of bench_text_meta's split (file-name dates, analysis,
linking, about a minute and a half on 2 cores), then checks that every story
title is one of its articles' headlines (a story with none has no title), that
every story of the seeded judged sample has a verdict in
bench/gold/stories/judged.jsonl (a regrouping draws stories that need new
verdicts: the test fails until they are written), and the judged precision.
"""
from __future__ import annotations

import pytest

from bench import bench_stories
from bench._data import shared_available

pytestmark = [
    pytest.mark.shared,
    pytest.mark.slow,
    pytest.mark.skipif(not shared_available("polnear"), reason="../shared/eval/polnear is absent"),
]


@pytest.fixture(scope="module")
def figures():
    return bench_stories.judged("scored", whole=True)


def test_every_sampled_story_has_a_verdict(figures):
    missing = [st["files"] for st in figures["sample"] if st["verdict"] not in ("right", "wrong") or not st["reason"]]
    assert not missing, f"{len(missing)} sampled stories lack a verdict in {bench_stories.JUDGED}: {missing[:3]}"
    assert len(figures["sample"]) == min(bench_stories.JUDGED_SAMPLE, figures["multi_article_stories"]) > 0


def test_titles_are_headlines(figures):
    assert figures["title_is_headline"] >= bench_stories.JUDGED_FLOORS["title_is_headline"]
    assert figures["untitled_have_no_title"]  # never a bag of terms


def test_judged_precision_floor(figures):
    assert figures["judged_precision"] >= bench_stories.JUDGED_FLOORS["judged_precision"], figures["judged_precision"]
