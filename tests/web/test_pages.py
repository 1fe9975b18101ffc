"""The pages, rendered without a browser, over the fictional examples (Valdoria
against → for on Ostrana striking with Halberd missiles) plus a hostile article."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from redline.server import create_app
from redline.store import open_store
from redline.web.highlight import Span, segments
from redline.web.pages import snippet_pieces
from redline.query.tracker import build_tracker


@pytest.fixture(scope="module")
def client(hostile_db):
    with TestClient(create_app(hostile_db)) as c:
        yield c


@pytest.fixture(scope="module")
def store(hostile_db):
    s = open_store(hostile_db)
    yield s
    s.close()


@pytest.fixture(scope="module")
def change(store):
    [c] = [c for c in store.list_changes() if c["holder_name"] == "Valdoria"]
    return c


def test_home_lists_stories_changes_and_exports(client, change):
    body = client.get("/").text
    assert re.search(r'href="/stories/\d+"', body)
    latest = body.split("<h2>Latest articles</h2>", 1)[1].split("</section>", 1)[0]
    assert len(re.findall(r'<li><span class="date">[\d-]+</span> <a href="/articles/\d+">', latest)) >= 4
    assert "Valdoria" in body and "Halberd" in body and 'class="change"' in body
    for export in ("/api/export?format=jsonl", 'action="/api/export"', "/api/timeline?format=timelinejs"):
        assert export in body


def test_story_page_axis_filters_and_change(client, store, change):
    sid = store.get_article(change["to"]["article_id"])["story_id"]
    body = client.get(f"/stories/{sid}").text
    assert 'class="mark position' in body and " change" in body
    # coloured by stance (the change turns to "for"), shaped by kind
    assert re.search(r'<a href="/articles/\d+\?hl=\d+-\d+#hl" class="mark position stance-for change"', body)
    assert re.search(r'class="mark (event|quote) nostance', body)
    assert '<script src="/static/story.js" defer></script>' in body
    only = client.get(f"/stories/{sid}?kind=quote").text
    assert 'class="mark quote' in only and 'class="mark event' not in only and 'class="mark position' not in only
    actor = client.get(f"/stories/{sid}?actor=Valdoria").text
    assert 'class="mark position' in actor and "unresolved speaker</td>" not in actor
    assert client.get("/stories/99999").status_code == 404


def test_tracker_grid_marks_the_change(store, change):
    t = build_tracker(store, "Ostrana striking with Halberd missiles")
    [row] = [r for r in t.rows if r.holder == "Valdoria" and r.proposition_key == change["proposition_key"]]
    cells = [c for c in row.cells if c]
    assert [c.stance for c in cells] == ["against", "for"] and [c.change for c in cells] == [False, True]
    assert t.columns == sorted(t.columns)
    assert all(p["evidence"]["sentence"] for c in cells for p in c.positions)


def test_positions_page_cells_link_to_evidence(client, change):
    body = client.get("/positions?about=Ostrana+striking+with+Halberd+missiles").text
    cells = re.findall(r'<a href="#(ev-\d+-\d+)"', body)
    assert cells and all(f'id="{c}"' in body for c in cells)
    assert 'class="cell for change"' in body
    assert change["to"]["sentence"][:40] in body
    assert "No dated positions" in client.get("/positions?about=zzqx+unrelated").text
    assert "Type a proposition" in client.get("/positions").text


def test_positions_page_without_a_question_lists_what_can_be_tracked(client, store, change):
    from html import unescape
    from urllib.parse import parse_qs, urlsplit

    from markupsafe import escape

    from redline.query.propositions import list_propositions

    body = client.get("/positions").text
    assert "Propositions that can be tracked" in body
    table = body.split('<table class="list propositions">', 1)[1].split("</table>", 1)[0]
    links = [unescape(h) for h in re.findall(r'<td class="prop"><a href="(/positions\?about=[^"]+)">', table)]
    expected = list_propositions(store)
    assert [parse_qs(urlsplit(h).query)["about"] for h in links] == [[p["proposition"]] for p in expected]
    # counts are shown, and the row with the change is marked
    for p in expected:
        assert f'<td class="num">{p["holders"]}</td>' in table and f'{p["for"]} for</span>' in table
    assert table.count('<tr class="changed">') == sum(1 for p in expected if p["changes"])
    # each link opens the tracker with that proposition's row in the grid
    for p, link in zip(expected, links):
        page = client.get(link).text
        assert "Propositions that can be tracked" not in page
        if p["first_date"]:
            grid = page.split('<table class="tracker">', 1)[1].split("</table>", 1)[0]
            assert f'<td class="prop">{escape(p["proposition"])}</td>' in grid


def test_positions_page_filters_by_holder_entity_and_story(client, store, change):
    from redline.query.propositions import list_propositions

    holder = change["holder_name"]
    body = client.get("/positions", params={"holder": holder}).text
    table = body.split('<table class="list propositions">', 1)[1].split("</table>", 1)[0]
    assert table.count('<td class="prop">') == len(list_propositions(store, holder=holder)) >= 1
    assert f'name="holder" value="{holder}"' in body  # the form keeps what was asked
    story = store.list_stories(limit=1)[0]["id"]
    body = client.get("/positions", params={"story": story}).text
    assert f'<option value="{story}" selected>' in body
    everything = client.get("/positions").text
    facet = everything.split('<p class="facets"><strong>Holders:</strong>', 1)[1].split("</p>", 1)[0]
    counts = {n: int(c) for n, c in re.findall(r'>([^<]+)</a> <span class="muted">(\d+)</span>', facet)}
    assert counts and counts == {h: sum(1 for p in store.list_positions(limit=None) if p["holder_name"] == h)
                                 for h in counts}  # each holder with its number of positions
    unknown = client.get("/positions", params={"holder": "Nobody Atall"}).text
    assert "no entity named" in unknown and "No propositions match these filters." in unknown
    assert "must be a story" in client.get("/positions", params={"story": "abc"}).text


def test_positions_page_on_an_empty_store(tmp_path):
    db = str(tmp_path / "empty.db")
    open_store(db).close()
    with TestClient(create_app(db)) as c:
        body = c.get("/positions").text
    assert "No positions are stored yet." in body and "Type a proposition" in body


def test_article_highlight_and_position_link(client, store, change):
    aid, pid = change["to"]["article_id"], change["to"]["position_id"]
    text = store.get_article(aid)["text"]
    start = text.index(change["to"]["sentence"])
    body = client.get(f"/articles/{aid}?hl={start}-{start + len(change['to']['sentence'])}").text
    assert body.count('id="hl"') == 1
    doc = body.split('<div class="text">', 1)[1].split("</div>", 1)[0]
    assert "".join(re.findall(r'class="[^"]*\bhl\b[^"]*"[^>]*>([^<]*)<', doc)) == change["to"]["sentence"]
    by_pos = client.get(f"/articles/{aid}?pos={pid}&show=entities").text
    assert 'id="hl"' in by_pos and re.search(r'<a href="/entities/\d+" class="ent', by_pos)
    assert client.get(f"/articles/{aid}?hl=5-2").status_code == 400
    assert client.get(f"/articles/{aid}?pos=999999").status_code == 404


def test_entity_page(client, change):
    body = client.get(f"/entities/{change['holder_id']}").text
    for heading in ("Roles over time", "Positions", "Quotes", "Events", "Articles"):
        assert f"<h2>{heading}</h2>" in body
    assert 'class="change"' in body and "Halberd" in body


def test_search_page(client):
    body = client.get("/search?q=Halberd").text
    assert "<b>Halberd</b>" in body and 'href="/entities/' in body
    assert client.get("/search").status_code == 200


def test_segments_cover_the_text_exactly():
    text = "Ana said \"go now\" in Tovia."
    segs = segments(text, [Span(0, 3, "ent", entity_id=1), Span(9, 17, "q"), Span(0, 27, "hl"), Span(40, 50, "q")])
    assert "".join(s.text for s in segs) == text
    assert [s.anchor for s in segs].count(True) == 1 and segs[0].anchor and segs[0].entity_id == 1
    assert all("hl" in s.classes for s in segs)


def test_snippet_pieces_keep_only_our_bold():
    pieces = snippet_pieces("a <b>x</b> <script>y</script> </b>z<b>w")
    # a stray marker outside a match is just text (escaped by the template); only matches become <b>
    assert pieces == [("a ", False), ("x", True), (" <script>y</script> </b>z", False), ("w", True)]


def test_article_page_keeps_paragraphs_and_shows_one_kind(client, store, change):
    aid = change["to"]["article_id"]
    text = store.get_article(aid)["text"]
    body = client.get(f"/articles/{aid}").text
    doc = body.split('<div class="text">', 1)[1].split("</div>", 1)[0]
    paras = re.findall(r"<p>(.*?)</p>", doc, re.S)
    assert len(paras) == len([line for line in text.split("\n") if line.strip()])  # each line its paragraph
    assert "\n" not in "".join(paras)
    kinds = {"evidence": 'class="ev', "quotes": 'class="q', "entities": 'class="ent'}
    for shown, mark in kinds.items():
        page = client.get(f"/articles/{aid}?show={shown}").text.split('<div class="text">', 1)[1]
        page = page.split("</div>", 1)[0]
        assert mark in page, shown  # the kind the reader chose is marked ...
        assert not any(m in page for k, m in kinds.items() if k != shown), shown  # ... and no other
    none = client.get(f"/articles/{aid}?show=none").text.split('<div class="text">', 1)[1].split("</div>", 1)[0]
    assert not any(m in none for m in kinds.values())
    assert client.get(f"/articles/{aid}?show=sometimes").status_code == 400


def test_story_axis_is_the_time_of_reporting_and_ticks_never_overlap():
    from redline.web import storyview

    articles = {1: {"published": "2031-03-02"}, 2: {"published": "2031-03-16"}}
    entries = [  # a mention of 1989 in a March 2031 article, and a dated position
        {"kind": "event", "date": "1989", "sort_date": "1989-01-01", "article_id": 1, "start": 0, "end": 1},
        {"kind": "position", "date": "2031-03-15", "sort_date": "2031-03-15", "article_id": 2, "start": 0, "end": 1,
         "stance": "against", "holder": "Mara Quill"}]
    axis = storyview.layout(entries, storyview.actor_classes(entries), articles)
    xs = sorted(m.x for m in axis.marks)
    assert len(xs) == 2 and xs[1] - xs[0] > 500  # two weeks across the axis, not 42 years
    assert all(label.startswith("2031") for _x, label in axis.ticks)
    assert {m.cls for m in axis.marks} == {"mark event nostance", "mark position stance-against"}
    ticks = [(float(i * 20), f"2031-03-{i + 1:02d}") for i in range(30)]  # labels wider than their spacing
    kept = storyview.spaced(ticks)
    assert 1 < len(kept) < len(ticks)
    ends = [x + 2 + len(label) * storyview._CHAR_W for x, label in kept]
    assert all(kept[i + 1][0] + 2 >= ends[i] for i in range(len(kept) - 1))


def test_story_page_facets_by_actor_type_outlet_and_reporting_dates(client, store, change):
    sid = store.get_article(change["to"]["article_id"])["story_id"]
    body = client.get(f"/stories/{sid}").text
    facets = body.split('<div class="facets"', 1)[1].split("</div>", 1)[0]
    outlets = re.findall(r'href="(/stories/\d+\?outlet=[^"]+)">([^<]+)</a> <span class="muted">(\d+)</span>', facets)
    assert len(outlets) >= 2  # the examples' story is reported by several outlets
    total = body.count('class="mark ')
    assert sum(int(n) for _u, _name, n in outlets) == total
    url, name, n = outlets[0]
    narrowed = client.get(url.replace("&amp;", "&")).text
    assert narrowed.count('class="mark ') == int(n) < total
    first = store.get_article(min(store.get_story(sid)["article_ids"]))["published"]
    later = client.get(f"/stories/{sid}", params={"since": first[:7] + "-28"}).text
    assert later.count('class="mark ') < total
    assert client.get(f"/stories/{sid}", params={"until": "soon"}).status_code == 400
