"""Pages at the confidence threshold: each says how many records it hides and links to ``?all=1``;
quotes show their channel ("Speaker, speaking to Channel"), roles "former", over the invented Tarrow store."""
from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from query.scored import scored_db
from redline.server import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = scored_db(str(tmp_path_factory.mktemp("tarrow") / "tarrow.db"))
    with TestClient(create_app(db, token=None, min_confidence=0.5)) as c:
        yield c


def page(client, url: str) -> str:
    r = client.get(url)
    assert r.status_code == 200, r.text
    return html.unescape(" ".join(r.text.split()))


def hidden(text: str) -> int | None:
    m = re.search(r"(\d+) records? under confidence 0\.5 hidden\. <a class=\"show-all\" href=\"([^\"]+)\">Show all", text)
    return int(m.group(1)) if m else None


def test_home_hides_unsure_changes_and_links_to_all(client):
    text = page(client, "/")
    assert hidden(text) == 2 and 'href="/?all=1"' in text
    assert "Tarrow Council" in text and "/entities/1" not in text.split("Stories</h2>")[0].split("changes</h2>")[1]
    everything = page(client, "/?all=1")
    assert hidden(everything) is None and "Showing every record" in everything
    assert 'href="/entities/1">Ilse Marren</a>' in everything and 'href="/"' in everything


def test_entity_page_shows_channel_former_and_what_it_hides(client):
    marren = page(client, "/entities/1")
    assert "former harbour master" in marren and "<td>mayor</td>" in marren
    assert "Ilse Marren, speaking to Harbour Wire:" in marren
    assert hidden(marren) == 2  # her "for" (0.3) and her change (0.3)
    assert 'href="/entities/1?all=1"' in marren
    assert hidden(page(client, "/entities/1?all=1")) is None
    pell = page(client, "/entities/2")
    assert hidden(pell) == 4 and "Maybe it goes." not in pell  # a position, a quote, an event, a change
    assert "Maybe it goes." in page(client, "/entities/2?all=1")


def test_article_page_quotes_and_evidence(client):
    text = page(client, "/articles/1")
    assert "Ilse Marren, speaking to Harbour Wire</a>: The ferry stays." in text
    assert 'title="quote: Ilse Marren, speaking to Harbour Wire"' in page(client, "/articles/1?show=quotes")
    assert hidden(text) == 3  # Pell's quote, position and event
    assert "Oskar Pell</a>: Maybe it goes." not in text
    assert "Oskar Pell</a>: Maybe it goes." in page(client, "/articles/1?all=1")
    # a link to a hidden position's evidence still finds its sentence
    assert 'id="hl"' in page(client, "/articles/1?pos=3")


def test_story_and_positions_pages(client):
    story = page(client, "/stories/1")
    assert hidden(story) == 6 and 'href="/stories/1?all=1"' in story
    assert hidden(page(client, "/stories/1?all=1")) is None
    assert 'name="all" value="1"' in page(client, "/stories/1?all=1")  # the filters keep showing all
    props = page(client, "/positions")
    assert hidden(props) == 2
    assert 'href="/positions?about=closing+the+Tarrow+ferry&all=1"' in page(client, "/positions?all=1")
    tracker = page(client, "/positions?about=closing+the+ferry")
    assert hidden(tracker) == 2 and 'href="/positions?about=closing+the+ferry&all=1"' in tracker
    assert tracker.count("⟲") == 1  # only the Council's change (0.7) is rung
    assert page(client, "/positions?about=closing+the+ferry&all=1").count("⟲") == 3


@pytest.mark.parametrize("url", ["/?all=maybe", "/entities/1?all=2", "/articles/1?all=x", "/stories/1?all=yy",
                                 "/positions?all=please"])
def test_a_bad_all_is_a_400_page(client, url):
    r = client.get(url)
    assert r.status_code == 400 and "is not one of 1, 0, true, false" in html.unescape(r.text)
