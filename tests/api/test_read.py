"""Read endpoints: data-contract records, pagination, CLI-like filters, JSON errors."""
from __future__ import annotations

from redline.records import FIELDS as KIND_FIELDS

ARTICLE_FIELDS = KIND_FIELDS["article"]


def items(client, url):
    r = client.get(url)
    assert r.status_code == 200, r.text
    return r.json()["items"]


def test_articles_paginate_and_follow_the_contract(client):
    first = client.get("/api/articles?limit=2").json()
    assert len(first["items"]) == 2 and first["offset"] == 0 and first["next"]
    second = client.get(first["next"]).json()
    ids = [a["id"] for a in first["items"] + second["items"]]
    assert len(ids) == len(set(ids)) == 4 and second["next"] is None
    a = client.get(f"/api/articles/{ids[0]}").json()
    assert a["kind"] == "article" and set(ARTICLE_FIELDS) <= set(a) and a["text"]
    assert "text" not in first["items"][0]  # lists stay light


def test_entities_filter_and_detail(client):
    gpes = items(client, "/api/entities?type=GPE&limit=50")
    assert gpes and all(e["type"] == "GPE" for e in gpes)
    [valdoria] = [e for e in items(client, "/api/entities?q=Valdoria") if e["name"] == "Valdoria"]
    assert set(KIND_FIELDS["entity"]) <= set(valdoria)
    detail = client.get(f"/api/entities/{valdoria['id']}?mentions=5").json()
    assert 0 < len(detail["mentions"]) <= 5
    assert all(set(KIND_FIELDS["mention"]) <= set(m) for m in detail["mentions"])


def test_positions_changes_and_the_reversal(client):
    rows = items(client, "/api/positions?about=Ostrana%20striking%20with%20Halberd%20missiles&holder=Valdoria&limit=50")
    stances = {p["stance"] for p in rows if "halberd" in p["proposition"].lower()}
    assert stances == {"for", "against"}
    assert all(set(KIND_FIELDS["position"]) <= set(p) and p["evidence"]["sentence"] for p in rows)
    changes = items(client, "/api/changes?holder=Valdoria")
    assert [(c["from"]["stance"], c["to"]["stance"]) for c in changes] == [("against", "for")]
    assert items(client, "/api/changes?since=2030-01-01") == []


def test_positions_about_filters(client):
    strikes = items(client, "/api/positions?about=Ostrana%20striking%20with%20Halberd%20missiles&limit=500")
    assert strikes and all(p["proposition_key"].startswith("strike|") for p in strikes)  # no supply positions
    assert [p["score"] for p in strikes] == sorted((p["score"] for p in strikes), reverse=True)
    supply = items(client, "/api/positions?about=supply%20weapons&limit=500")
    assert {p["proposition_key"] for p in supply} == {"supply|recipient=*|weapon=*"}
    assert items(client, "/api/positions?about=ferry%20tolls") == []
    assert len(items(client, "/api/positions?about=&limit=500")) == len(items(client, "/api/positions?limit=500"))


def test_propositions_list_what_can_be_tracked(client):
    rows = items(client, "/api/propositions?limit=500")
    positions = items(client, "/api/positions?limit=500")
    assert rows and sum(r["positions"] for r in rows) == len(positions)
    assert {r["proposition_key"] for r in rows} == {p["proposition_key"] for p in positions}
    assert rows == sorted(rows, key=lambda r: (-r["holders"], -r["positions"], -r["changes"]))
    [halberd] = [r for r in rows if r["changes"]]  # the one reversal
    assert halberd["holder_names"] == ["Valdoria"] and (halberd["for"], halberd["against"]) == (1, 1)
    for r in rows:
        held = {p["holder_id"] for p in positions if p["proposition_key"] == r["proposition_key"]}
        assert r["holders"] == len(held) and r["for"] + r["against"] == r["positions"]
    first = client.get("/api/propositions?limit=1").json()
    assert first["items"] == rows[:1] and first["next"]
    assert client.get(first["next"]).json()["items"] == rows[1:2]
    about = items(client, "/api/propositions?about=Halberd")
    assert about and all("halberd" in r["proposition_key"] for r in about) and all(r["score"] > 0 for r in about)
    assert items(client, "/api/propositions?about=ferry%20tolls") == []
    assert client.get("/api/propositions?limit=0").status_code == 422  # as every list's limit


def test_quotes_events_filters(client):
    quotes = items(client, "/api/quotes?speaker=Edvin%20Harrow&limit=20")
    assert quotes and all(q["kind"] == "quote" and q["speaker_name"] == "Edvin Harrow" for q in quotes)
    one = client.get("/api/quotes?limit=1").json()
    assert len(one["items"]) == 1 and one["next"]
    events = items(client, "/api/events?limit=100")
    assert events and all(set(KIND_FIELDS["event"]) <= set(e) for e in events)
    typed = items(client, f"/api/events?type={events[0]['type']}")
    assert typed and {e["type"] for e in typed} == {events[0]["type"]}
    # offset pages through without overlap
    a, b = items(client, "/api/events?limit=2"), items(client, "/api/events?limit=2&offset=2")
    assert not {e["id"] for e in a} & {e["id"] for e in b}


def test_stories_and_timelines(client):
    stories = items(client, "/api/stories")
    # the four fictional articles tell one developing story
    assert [(s["kind"], s["article_ids"]) for s in stories] == [("story", [1, 2, 3, 4])]
    [sid] = [s["id"] for s in stories]
    headlines = {a["title"] for a in items(client, "/api/articles")}
    assert stories[0]["title"] in headlines  # a headline of one of its articles
    assert client.get(f"/api/stories/{sid}").json()["article_ids"]
    tl = client.get(f"/api/timeline?story={sid}").json()
    assert tl["entries"] and any(e.get("change") for e in tl["entries"])
    tjs = client.get("/api/timeline?entity=Valdoria&format=timelinejs").json()
    assert tjs["events"] and tjs["title"]["text"]["headline"] == "Valdoria"
    assert client.get("/api/timeline?about=Halberd").json()["changes"]
    r = client.get(f"/api/timeline?story={sid}&about=x")
    assert r.status_code == 400 and "choose one" in r.json()["error"]["message"]


def test_search(client):
    hits = client.get("/api/search?q=Halberd").json()["items"]
    assert hits and all("Halberd" in h["snippet"] for h in hits)
    assert client.get('/api/search?q="unbalanced').status_code == 200  # bad FTS syntax is retried quoted


def test_errors_are_json_with_a_message(client):
    for url, status in [("/api/articles/99999", 404), ("/api/entities/99999", 404), ("/api/stories/99999", 404),
                        ("/api/positions?holder=Nobody%20Atall", 404), ("/api/articles?limit=0", 422),
                        ("/api/articles/abc", 422), ("/api/nowhere", 404), ("/api/export?format=contract-csv", 400),
                        ("/api/export?format=csv&kind=mention", 400), ("/api/export?story=99999", 404)]:
        r = client.get(url)
        assert r.status_code == status, url
        body = r.json()
        assert body["error"]["status"] == status and body["error"]["message"], url


def test_exports(client):
    r = client.get("/api/export?format=jsonl")
    lines = [line for line in r.text.splitlines() if line]
    kinds = {__import__("json").loads(line)["kind"] for line in lines}
    assert {"entity", "article", "position", "change", "story"} <= kinds
    csv = client.get("/api/export?format=contract-csv&kind=change").text.splitlines()
    assert csv[0].startswith("kind,holder_id") and len(csv) == 2


def test_openapi_and_docs(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/articles", "/api/positions", "/api/propositions", "/api/timeline", "/api/search",
                 "/api/stories/{story_id}"):
        assert path in spec["paths"]
    assert "post" in spec["paths"]["/api/articles"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    assert "http" not in docs.headers["content-security-policy"]  # nothing off-origin (see test_docs.py)


def test_concurrent_requests_each_get_their_own_connection(client):
    """Requests run on a thread pool; each borrows a store of its own, so answers never mix."""
    from concurrent.futures import ThreadPoolExecutor

    urls = ["/api/positions?holder=Valdoria&limit=50", "/api/articles?limit=4", "/api/events?limit=20",
            "/api/changes", "/api/search?q=Halberd"]
    expected = {u: client.get(u).json() for u in urls}
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda u: (u, client.get(u)), urls * 8))
    for url, r in results:
        assert r.status_code == 200 and r.json() == expected[url], url
