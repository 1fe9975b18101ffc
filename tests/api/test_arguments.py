"""The API checks its query parameters as the CLI checks its options: an unknown
event type or a date that is not ISO is a 400 with a one-line JSON message
naming the choices, never an empty 200."""
from __future__ import annotations

import pytest

from redline.extract.lexicon.plover import PLOVER_TYPES


def error(client, url: str, status: int = 400) -> str:
    r = client.get(url)
    assert r.status_code == status, r.text
    body = r.json()["error"]
    assert body["status"] == status and "\n" not in body["message"]
    return body["message"]


@pytest.mark.parametrize("value", ["BOGUS", "agreee", "%20"])
def test_unknown_event_type(client, value):
    message = error(client, f"/api/events?type={value}")
    assert message.startswith("type: unknown event type") and all(t in message for t in PLOVER_TYPES)


def test_unknown_entity_type(client):
    message = error(client, "/api/entities?type=PERSN")
    assert message.startswith("type: unknown entity type 'PERSN'") and "WEAPON" in message


@pytest.mark.parametrize("url", ["/api/events?since=notadate", "/api/events?since=2025-13-01",
                                 "/api/changes?since=foo", "/api/changes?since=03/05/2025"])
def test_bad_dates(client, url):
    message = error(client, url)
    assert message.startswith("since: ") and "YYYY-MM-DD, YYYY-MM or YYYY" in message


def test_valid_types_and_dates(client):
    everything = client.get("/api/events?limit=500").json()["items"]
    assert everything
    kind = everything[0]["type"]
    for value in (kind, kind.lower(), kind.title()):
        got = client.get(f"/api/events?type={value}&limit=500").json()["items"]
        assert got == [e for e in everything if e["type"] == kind], value
    for since, cut in (("2025", "2025"), ("2025-04", "2025-04"), ("2025-04-01T08:00:00", "2025-04-01")):
        got = client.get(f"/api/events?since={since}&limit=500").json()["items"]
        assert got == [e for e in everything if e["date"] and e["date"]["start"] >= cut], since
    changes = client.get("/api/changes").json()["items"]
    assert changes and client.get("/api/changes?since=2025-05").json()["items"] == changes
    assert client.get("/api/changes?since=2026").json()["items"] == []


def test_documented_in_the_schema(client):
    params = {p["name"]: p for p in client.get("/openapi.json").json()["paths"]["/api/events"]["get"]["parameters"]}
    assert all(t in params["type"]["description"] for t in PLOVER_TYPES)
    assert "YYYY-MM-DD" in params["since"]["description"]
