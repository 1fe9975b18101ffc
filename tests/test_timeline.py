"""Timelines over the fictional example corpus: selection, formats, escaping."""
from __future__ import annotations

import json

import pytest

from redline.query.timeline import build_timeline, dumps, to_html


@pytest.fixture
def store(examples_store):
    return examples_store


def test_entity_timeline_is_dated_and_sourced(store):
    tl = build_timeline(store, entity="Valdoria")
    dates = [e["sort_date"] for e in tl["entries"] if e["sort_date"]]
    assert dates == sorted(dates) and len(dates) >= 3
    assert {"event", "position"} <= {e["kind"] for e in tl["entries"]}
    for e in tl["entries"]:
        text = store.get_article(e["article_id"])["text"]
        assert e["sentence"] and e["sentence"] in text  # every entry points back to its sentence
    [change] = tl["changes"]
    assert (change["from"]["stance"], change["to"]["stance"]) == ("against", "for")
    assert any(e.get("change") for e in tl["entries"])


def test_story_and_about_selections(store):
    story = max(store.list_stories(), key=lambda s: len(s["article_ids"]))
    tl = build_timeline(store, story=story["id"])
    assert {e["article_id"] for e in tl["entries"]} <= set(story["article_ids"])
    about = build_timeline(store, about="Ostrana striking with Halberd missiles")
    assert about["entries"] and all(e["kind"] == "position" for e in about["entries"])


def test_formats(store):
    tl = build_timeline(store, entity="Valdoria")
    tjs = json.loads(dumps(tl, "timelinejs"))
    assert tjs["title"]["text"]["headline"] == "Valdoria"
    assert all({"year", "month"} <= set(e["start_date"]) for e in tjs["events"])
    assert json.loads(dumps(tl, "json"))["entries"]
    assert "[CHANGE]" in dumps(tl, "text")
    page = dumps(tl, "html")
    assert page.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in page


def test_html_escapes_article_text():
    hostile = {"title": "<script>alert(1)</script>", "changes": [], "entries": [
        {"kind": "quote", "date": "2025-01-01", "sort_date": "2025-01-01", "article_id": 1, "start": 0, "end": 1,
         "headline": "<img src=x onerror=alert(2)>", "sentence": "</blockquote><script>alert(3)</script>"}]}
    page = to_html(hostile)
    assert "<script>" not in page and "<img" not in page and "&lt;script&gt;" in page
