"""The API's list routes at the confidence threshold, ``?all=1``, records carrying ``confidence``,
quotes their ``channel``, roles their ``former`` flag, over the invented Tarrow store."""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from query.scored import scored_db
from redline.server import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = scored_db(str(tmp_path_factory.mktemp("tarrow") / "tarrow.db"))
    with TestClient(create_app(db, min_confidence=0.5)) as c:
        yield c


def items(client, url: str) -> list[dict]:
    r = client.get(url)
    assert r.status_code == 200, r.text
    return r.json()["items"]


@pytest.mark.parametrize("route, shown, everything", [
    ("/api/quotes", 2, 3), ("/api/events", 2, 3), ("/api/positions", 4, 6), ("/api/changes", 1, 3),
    ("/api/positions?about=closing%20the%20ferry", 4, 6)])
def test_list_routes_show_the_confident_records_unless_all(client, route, shown, everything):
    sep = "&" if "?" in route else "?"
    rows = items(client, route)
    assert len(rows) == shown and all("confidence" in r for r in rows)
    assert all(r["confidence"] is None or r["confidence"] >= 0.5 for r in rows)
    for yes in ("1", "true", "YES"):
        assert len(items(client, f"{route}{sep}all={yes}")) == everything
    assert len(items(client, f"{route}{sep}all=0")) == shown


def test_pages_of_a_filtered_list_do_not_overlap(client):
    first, second = items(client, "/api/positions?limit=2"), items(client, "/api/positions?limit=2&offset=2")
    assert len(first) == len(second) == 2 and not {p["id"] for p in first} & {p["id"] for p in second}
    r = client.get("/api/positions?limit=2&offset=2").json()
    assert r["next"] is None  # 4 shown: nothing after the second page


def test_records_carry_confidence_and_channel(client):
    marren = next(q for q in items(client, "/api/quotes") if q["speaker_name"] == "Ilse Marren")
    assert (marren["kind"], marren["confidence"], marren["channel"]) == ("quote", 0.95, "Harbour Wire")
    council = next(q for q in items(client, "/api/quotes") if q["speaker_name"] == "Tarrow Council")
    assert council["confidence"] is None and council["channel"] is None
    [change] = items(client, "/api/changes")
    assert (change["holder_name"], change["confidence"]) == ("Tarrow Council", 0.7)
    [prop] = items(client, "/api/propositions")
    assert (prop["positions"], prop["changes"]) == (4, 1)
    [prop] = items(client, "/api/propositions?all=1")
    assert (prop["positions"], prop["changes"]) == (6, 3)


def test_timeline_counts_what_it_hides(client):
    tl = client.get("/api/timeline?story=1").json()
    assert tl["hidden"] == 6 and tl["min_confidence"] == 0.5  # 2 positions, a quote, an event, 2 changes
    everything = client.get("/api/timeline?story=1&all=1").json()
    assert everything["hidden"] == 0 and len(everything["entries"]) == len(tl["entries"]) + 4


def test_roles_say_former(client):
    [marren] = items(client, "/api/entities?q=Marren")
    assert [(r["title"], r["former"]) for r in marren["roles"]] == [("mayor", False), ("harbour master", True)]
    detail = client.get(f"/api/entities/{marren['id']}").json()
    assert [r["former"] for r in detail["roles"]] == [False, True]
    pell = items(client, "/api/entities?q=Pell")[0]
    assert pell["roles"] == []


def test_export_is_whole_unless_a_min_confidence_is_given(client):
    lines = [json.loads(x) for x in client.get("/api/export").text.splitlines() if x]
    assert len([r for r in lines if r["kind"] == "quote"]) == 3
    assert all("confidence" in r for r in lines if r["kind"] in ("quote", "event", "position", "change"))
    kept = [json.loads(x) for x in client.get("/api/export?min_confidence=0.5").text.splitlines() if x]
    assert len([r for r in kept if r["kind"] == "position"]) == 4
    csv = client.get("/api/export?format=contract-csv&kind=change&min_confidence=0.5").text.splitlines()
    assert csv[0].endswith(",confidence") and len(csv) == 2
    table = client.get("/api/export?format=csv&kind=change&min_confidence=0.5").text.splitlines()
    assert table[0].startswith("holder,proposition,") and ",confidence," in table[0] and len(table) == 2


@pytest.mark.parametrize("url", ["/api/quotes?all=maybe", "/api/events?all=2", "/api/positions?all=yesplease",
                                 "/api/changes?all=-1", "/api/propositions?all=x", "/api/timeline?story=1&all=on%20",
                                 "/api/export?min_confidence=high", "/api/export?min_confidence=1.5"])
def test_bad_values_are_400_with_one_line(client, url):
    r = client.get(url)
    if url.endswith("on%20"):  # "on " is a yes: whitespace around a value is forgiven
        assert r.status_code == 200
        return
    assert r.status_code == 400, r.text
    message = r.json()["error"]["message"]
    assert "\n" not in message and ("all:" in message or "min_confidence must be a number from 0 to 1" in message)
