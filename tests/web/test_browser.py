"""The web UI in a real browser over the seeds' store: the story's timeline shows the
change, a click on a position opens the article at its highlighted sentence, and the
positions tracker's cell opens its evidence. The API docs (/docs, /redoc) render
with every request off this origin refused. A screenshot of each page goes to
test-artifacts/web/."""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from conftest import SEEDS  # tests/conftest.py
from redline.ingest import run_ingest
from redline.store import open_store

from .conftest import serve, shot

shared = pytest.mark.shared  # the tests over the seeds' store

ABOUT = "strikes inside Russia with Western weapons"


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory) -> str:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    db = str(tmp_path_factory.mktemp("seeds-web") / "seeds.db")
    assert run_ingest([str(SEEDS)], db=db).counts["ingested"] == 2
    return db


@pytest.fixture(scope="module")
def server(seeds_db, browser):
    with serve(seeds_db) as srv:
        yield srv


@pytest.fixture(scope="module")
def change(seeds_db):
    """The store's own record of the change the pages must show (the seeds' ATACMS reversal)."""
    st = open_store(seeds_db)
    try:
        [c] = [c for c in st.list_changes() if "atacms" in c["proposition_key"]]
        sentence = next(p["evidence"]["sentence"] for p in st.list_positions(limit=None)
                        if p["id"] == c["to"]["position_id"])
        return c | {"to_sentence": sentence}
    finally:
        st.close()


def highlighted(page) -> str:
    return "".join(page.locator(".doc .text .hl").all_inner_texts())


def in_viewport(page, selector: str) -> bool:
    return page.evaluate(
        "s => { const r = document.querySelector(s).getBoundingClientRect();"
        " return r.top >= -1 && r.bottom <= window.innerHeight + 1; }", selector)


@shared
def test_story_timeline_shows_the_change_and_opens_the_article(page, server, change):
    page.goto(server.url + "/")
    shot(page, "home")
    assert page.locator("ul.changes li.change", has_text="ATACMS").count() >= 1
    page.locator("a.story-link").first.click()
    page.wait_for_url(re.compile(r"/stories/\d+$"))
    shot(page, "story")
    listed = page.locator("ul.changes li.change", has_text="ATACMS")
    assert listed.count() == 1
    assert re.search(r"against.*→.*for", listed.inner_text(), re.S)
    marks = page.locator("svg#axis a.mark.position.change").filter(has_text="ATACMS")
    assert marks.count() >= 1
    assert page.locator("tr.entry.change", has_text="ATACMS").count() >= 1
    # tick labels never overlap, as the browser draws them
    boxes = [b for b in (t.bounding_box() for t in page.locator("svg#axis text.tick-label").all()) if b]
    assert boxes and all(a["x"] + a["width"] <= b["x"] for a, b in zip(boxes, boxes[1:]))
    # positions are coloured by stance: a "for" and an "against" dot differ, other marks are grey
    fills = {cls: page.locator(f"svg#axis a.mark.{cls} .dot").first.evaluate("e => getComputedStyle(e).fill")
             for cls in ("stance-for", "stance-against", "nostance")}
    assert len(set(fills.values())) == 3, fills

    # zoom and pan move the marks along the axis
    before = marks.first.bounding_box()["x"]
    page.click("[data-zoom=in]")
    assert page.get_attribute("svg#axis", "data-zoom") == "1.50"
    assert marks.first.bounding_box()["x"] != before
    page.click("[data-zoom=reset]")

    # filter by type: positions only
    page.select_option("form#filters select[name=kind]", "position")
    page.wait_for_url(re.compile(r"kind=position"))
    assert page.locator("svg#axis a.mark.event").count() == 0
    assert page.locator("svg#axis a.mark.position").count() > 0
    shot(page, "story-positions-only")

    # click the change's position on the time axis: the article opens at its sentence, highlighted
    page.locator("svg#axis a.mark.position.change").filter(has_text="ATACMS").last.click()
    page.wait_for_url(re.compile(r"/articles/\d+\?hl=\d+-\d+#hl$"))
    page.wait_for_selector("#hl")
    assert highlighted(page).strip() == change["to_sentence"].strip()
    assert in_viewport(page, "#hl")
    shot(page, "article-highlight")


@shared
def test_positions_tracker_cell_opens_the_evidence(page, server, change):
    page.goto(f"{server.url}/positions?about={quote(ABOUT)}")
    shot(page, "positions")
    row = page.locator("table.tracker tbody tr", has_text=change["holder_name"]).filter(has_text="ATACMS")
    assert row.count() == 1
    cells = row.locator("td.cell:not(.empty)")
    stances = [c.inner_text().split()[0] for c in cells.all()]
    assert stances == ["against", "for"]
    turned = row.locator("td.cell.change")
    assert turned.count() == 1 and turned.inner_text().startswith("for")
    turned.locator("a").click()
    evidence = page.locator("section.evidence:target")
    assert evidence.is_visible() and change["to_sentence"] in evidence.inner_text()
    shot(page, "positions-evidence")
    evidence.locator("a.open").first.click()
    page.wait_for_selector("#hl")
    assert highlighted(page).strip() == change["to_sentence"].strip()


@shared
def test_entity_and_search_pages(page, server, change):
    page.goto(f"{server.url}/entities/{change['holder_id']}")
    assert page.locator("h1").inner_text().startswith(change["holder_name"])
    assert page.locator("ul.changes li.change", has_text="ATACMS").count() == 1
    shot(page, "entity")
    page.fill("header form.search input[name=q]", "ATACMS")
    page.press("header form.search input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=ATACMS"))
    assert page.locator("ul.hits li").count() >= 1 and page.locator(".snippet b").count() >= 1
    shot(page, "search")
    page.locator("ul.hits li a").first.click()
    page.wait_for_url(re.compile(r"/articles/\d+$"))
    assert page.locator(".doc .text .ev").count() > 0 and page.locator(".doc .text a.ent").count() == 0
    assert page.locator(".doc .text p").count() > 1  # paragraphs, not one block
    shot(page, "article")
    page.locator("p.legend a", has_text="entities").click()  # the reader picks the one kind shown
    page.wait_for_url(re.compile(r"/articles/\d+\?show=entities$"))
    assert page.locator(".doc .text a.ent").count() > 0 and page.locator(".doc .text .ev").count() == 0
    page.locator("p.legend a", has_text="quotes").click()
    assert page.locator(".doc .text .q").count() > 0 and page.locator(".doc .text a.ent").count() == 0
    shot(page, "article-quotes")


def offline(page, srv) -> tuple[list[str], list[str]]:
    """Abort every request that is not to the test server; returns (aborted URLs, console errors)."""
    aborted: list[str] = []
    errors: list[str] = []

    def only_local(route):
        url = route.request.url
        if url.startswith(srv.url + "/"):
            route.continue_()
        else:
            aborted.append(url)
            route.abort()

    page.route("**/*", only_local)
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    return aborted, errors


def test_docs_render_offline(page, hostile_db):
    """Swagger UI (v5: it renders FastAPI's OpenAPI 3.1) from this origin: the operations list shows,
    and "Try it out" calls the API."""
    with serve(hostile_db) as srv:
        aborted, errors = offline(page, srv)
        page.goto(srv.url + "/docs")
        op = page.locator("#operations-read-articles_api_articles_get")
        op.wait_for(state="visible")
        assert op.locator(".opblock-summary-path").inner_text() == "/api/articles"
        assert page.locator(".opblock-summary-path", has_text="/api/events").first.is_visible()
        assert page.get_by_text("OAS 3.1").is_visible()
        shot(page, "docs")
        op.locator(".opblock-summary").click()
        op.get_by_role("button", name="Try it out").click()
        op.get_by_role("button", name="Execute").click()
        status = op.locator(".live-responses-table .response .response-col_status").first
        status.wait_for(state="visible")
        assert status.inner_text().strip() == "200"
        assert aborted == [] and errors == []


def test_redoc_renders_offline(page, hostile_db):
    with serve(hostile_db) as srv:
        aborted, errors = offline(page, srv)
        page.goto(srv.url + "/redoc")
        page.get_by_role("heading", name="Articles, newest first (without text)").wait_for(state="visible")
        shot(page, "redoc")
        # ReDoc's sidebar offers a logo from its CDN: the page's policy blocks it before any request.
        assert aborted == []
        assert [e for e in errors if "cdn.redoc.ly" not in e] == []
