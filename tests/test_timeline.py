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


def _entry(kind, date, sort, article, **kw):
    return {"kind": kind, "date": date, "sort_date": sort, "article_id": article, "start": 0, "end": 1,
            "headline": f"{kind} {date}", "sentence": kw.pop("sentence", f"{kind} said on {date}."), **kw}


def _curated_timeline(n_quotes: int = 60):
    """A change (positions 1 -> 2), another position, a widely reported event, and many quotes."""
    entries = [_entry("position", "2031-03-01", "2031-03-01", 1, position_id=1, confidence=0.9),
               _entry("position", "2031-05-02", "2031-05-02", 2, position_id=2, change=True, confidence=0.9),
               _entry("position", "2031", "2031-01-01", 3, position_id=3, confidence=0.6),
               _entry("event", "2031-04", "2031-04-01", 4, event_id=9, sources=5, confidence=0.5)]
    entries += [_entry("quote", "2031-04-10", "2031-04-10", 10 + i, quote_id=100 + i, confidence=0.8,
                       sentence=f"Quote number {i}.") for i in range(n_quotes)]
    entries += [_entry("quote", "2031-04-11", "2031-04-11", 90 + k, quote_id=200 + k, confidence=0.4,
                       sentence="The ferry stays.") for k in range(3)]  # one quote in three articles
    articles = {i: {"title": f"Story {i}", "source": "Harbour Wire", "url": f"https://wire.example/{i}",
                    "published": "2031-05-03"} for i in range(1, 100)}
    return {"title": "Ferry", "entries": entries, "articles": articles,
            "changes": [{"from": {"position_id": 1}, "to": {"position_id": 2}}]}


def test_timelinejs_is_curated_to_the_slide_limit():
    from redline.query.timelinejs import MAX_SLIDES, to_timelinejs

    tjs = to_timelinejs(_curated_timeline())
    slides = tjs["events"]
    assert len(slides) == MAX_SLIDES == 40
    ids = [s["unique_id"] for s in slides]
    # the change's two ends, then the other position, then the most reported event and quote
    assert {"position-1", "position-2", "position-3", "event-9"} <= set(ids)
    assert [i for i in ids if i.startswith("quote-2")] == ["quote-200"]  # the same words once
    starts = [tuple(s["start_date"].get(k, 0) for k in ("year", "month", "day")) for s in slides]
    assert starts == sorted(starts)  # shown in date order
    assert "40 of 67 dated records" in tjs["title"]["text"]["text"]
    assert len(to_timelinejs(_curated_timeline(), max_slides=5)["events"]) == 5


def test_timelinejs_keeps_a_date_at_its_own_precision_and_cites_its_article():
    from redline.query.timelinejs import to_timelinejs

    slides = {s["unique_id"]: s for s in to_timelinejs(_curated_timeline(n_quotes=0))["events"]}
    assert slides["position-3"]["start_date"] == {"year": 2031}  # a year stays a year
    assert slides["event-9"]["start_date"] == {"year": 2031, "month": 4}
    assert slides["position-1"]["start_date"] == {"year": 2031, "month": 3, "day": 1}
    text = slides["position-1"]["text"]["text"]
    assert '<a href="https://wire.example/1">Story 1</a>, Harbour Wire, 2031-05-03' in text


def test_timelinejs_links_only_web_addresses():
    from redline.query.timelinejs import to_timelinejs

    tl = _curated_timeline(n_quotes=0)
    tl["articles"][1]["url"] = "javascript:alert(1)"
    text = next(s for s in to_timelinejs(tl)["events"] if s["unique_id"] == "position-1")["text"]["text"]
    assert "<a " not in text and "javascript" not in text


def test_the_html_timeline_names_articles_by_title_and_outlet(store):
    tl = build_timeline(store, entity="Valdoria")
    page = dumps(tl, "html")
    first = store.get_article(tl["entries"][0]["article_id"])
    assert f"{first['title']}, {first['source']}" in page.replace("&#x27;", "'")
    assert "article #" not in page
