"""The analyst's desk in a real browser, over invented articles (tests/fixtures/domains/election):
a correction made with the form beside a record, the proposition list and its filters, the
curated TimelineJS export, and the story's time axis. A screenshot of each goes to
test-artifacts/web/."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from redline.ingest import run_ingest
from redline.server.app import create_app
from redline.store import open_store

from .conftest import LiveServer, shot

ELECTION = Path(__file__).resolve().parents[1] / "fixtures" / "domains" / "election"
TOKEN = "desk-token-7"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("desk") / "desk.db")
    run_ingest([str(ELECTION)], db=path)
    return path


@pytest.fixture(scope="module")
def server(db):
    with LiveServer(create_app(db, token=TOKEN)) as srv:
        yield srv


def test_a_position_rejected_with_the_form_is_gone_and_kept_marked(page, server, db):
    store = open_store(db)
    try:
        p = next(p for p in store.list_positions(limit=None) if p["holder_name"] == "Aldo Penn")
    finally:
        store.close()
    page.goto(f"{server.url}/articles/{p['article_id']}")
    listed = page.locator("ul.evidence-list li", has_text="Aldo Penn").filter(has_text="position")
    assert listed.count() == 1
    listed.locator("details.correct summary").click()
    form = listed.locator("form.correction")
    form.locator("select[name=action]").select_option("reject")
    form.locator("input[name=why]").fill("a hedge, not a stance")
    form.locator("input[name=token]").fill(TOKEN)
    shot(page, "desk-correction-form")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator("ul.evidence-list li", has_text="Aldo Penn").filter(has_text="position").count() == 0
    page.goto(f"{server.url}/articles/{p['article_id']}?all=1")
    kept = page.locator("ul.evidence-list li", has_text="Aldo Penn").filter(has_text="position")
    assert kept.count() == 1 and kept.locator(".rejected").count() == 1  # nothing is lost: kept, marked
    shot(page, "desk-correction-rejected")


def test_a_wrong_token_is_said_in_the_form(page, server, db):
    store = open_store(db)
    try:
        q = store.list_quotes(limit=1)[0]
    finally:
        store.close()
    page.goto(f"{server.url}/articles/{q['article_id']}")
    item = page.locator("ul.quotes li").first
    item.locator("details.correct summary").click()
    form = item.locator("form.correction")
    form.locator("select[name=action]").select_option("note")
    form.locator("input[name=value]").fill("check the recording")
    form.locator("input[name=token]").fill("not-the-token")
    form.locator("button[type=submit]").click()
    status = form.locator(".status")
    for _ in range(100):
        if "wrong token" in status.inner_text():
            break
        page.wait_for_timeout(100)
    assert "wrong token" in status.inner_text()  # said where the analyst typed it ...
    store = open_store(db)
    try:
        assert not [c for c in store.list_corrections() if c["action"] == "note"]  # ... and nothing stored
    finally:
        store.close()


def test_the_proposition_list_and_its_filters(page, server):
    page.goto(f"{server.url}/positions")
    rows = page.locator("table.propositions tbody tr")
    everything = rows.count()
    assert everything >= 3
    assert page.locator("table.propositions", has_text="staying in race").count() == 1
    shot(page, "desk-propositions")
    page.fill("form.filters input[name=holder]", "Renata Osk")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert re.search(r"holder=Renata\+Osk", page.url)
    assert 0 < rows.count() < everything
    assert all("Renata Osk" in r.inner_text() for r in rows.all())
    shot(page, "desk-propositions-filtered")


def test_the_story_exports_a_curated_timelinejs(page, server, db):
    store = open_store(db)
    try:
        story = max(store.list_stories(limit=None), key=lambda s: len(s["article_ids"]))
        titles = {store.get_article(i)["title"] for i in story["article_ids"]}
    finally:
        store.close()
    page.goto(f"{server.url}/stories/{story['id']}")
    with page.expect_download() as download:
        page.click(".exports a:text('TimelineJS')")
    tjs = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    slides = tjs["events"]
    assert 0 < len(slides) <= 40
    assert all(any(html.escape(t) in s["text"]["text"] for t in titles) for s in slides)  # cites its article
    assert any(s["group"] == "position (change)" for s in slides)  # the change comes in


def test_the_story_axis_is_read_at_the_time_of_reporting(page, server, db):
    store = open_store(db)
    try:
        story = max(store.list_stories(limit=None), key=lambda s: len(s["article_ids"]))
    finally:
        store.close()
    page.goto(f"{server.url}/stories/{story['id']}")
    boxes = [b for b in (t.bounding_box() for t in page.locator("svg#axis text.tick-label").all()) if b]
    assert boxes and all(a["x"] + a["width"] <= b["x"] for a, b in zip(boxes, boxes[1:]))  # no overlap
    assert page.locator("svg#axis a.mark.position.stance-for").count() > 0
    assert page.locator("svg#axis a.mark.position.stance-against").count() > 0
    shot(page, "desk-story-axis")
    page.select_option("form#filters select[name=actor]", "Renata Osk")
    page.wait_for_url(re.compile(r"actor=Renata"))
    assert page.locator("svg#axis a.mark").count() > 0
    assert all("Renata Osk" in t for t in page.locator("tr.entry td:nth-child(3)").all_inner_texts())
