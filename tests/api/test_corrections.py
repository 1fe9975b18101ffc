"""/api/corrections: the write token, each operation, 400 and 404, and the corrected reads."""
from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient

from redline.server import create_app

from .conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def client(examples_db, tmp_path):
    db = str(tmp_path / "store.db")
    shutil.copy(examples_db, db)
    with TestClient(create_app(db, token=TOKEN)) as c:
        yield c


def _post(c, **body):
    return c.post("/api/corrections", json=body, headers=AUTH)


def test_token_required(client, examples_db, tmp_path):
    body = {"action": "note", "target_kind": "entity", "target_id": "1", "value": "x"}
    assert client.post("/api/corrections", json=body).status_code == 401
    assert client.post("/api/corrections", json=body, headers={"Authorization": "Bearer no"}).status_code == 403
    assert client.post("/api/corrections/1/undo", json={}).status_code == 401
    db = str(tmp_path / "closed.db")
    shutil.copy(examples_db, db)
    with TestClient(create_app(db, token="")) as closed:
        assert closed.post("/api/corrections", json=body, headers=AUTH).status_code == 403
    assert client.get("/api/corrections").json()["items"] == []


def test_merge_reject_and_undo_over_http(client):
    entities = client.get("/api/entities", params={"limit": 100}).json()["items"]
    b = next(e for e in entities if e["name"] == "Valdoria")
    r = _post(client, action="merge", target_kind="entity", target_id="Valdoria", value="Edvin Harrow",
              why="one voice")
    assert r.status_code == 201, r.text
    merge = r.json()
    assert merge["kind"] == "correction" and merge["by"] == "api" and merge["target_key"]
    positions = client.get("/api/positions", params={"all": 1, "limit": 100}).json()["items"]
    assert "Valdoria" not in {p["holder_name"] for p in positions}
    assert client.get(f"/api/entities/{b['id']}").json()["name"] == "Edvin Harrow"
    p = positions[0]
    r = _post(client, action="reject", target_kind="position", target_id=p["id"])
    assert r.status_code == 201
    assert p["id"] not in {x["id"] for x in client.get("/api/positions", params={"limit": 100}).json()["items"]}
    everything = client.get("/api/positions", params={"all": 1, "limit": 100}).json()["items"]
    assert next(x for x in everything if x["id"] == p["id"])["rejected"] is True
    r = client.post(f"/api/corrections/{merge['id']}/undo", json={"why": "no"}, headers=AUTH)
    assert r.status_code == 201 and r.json()["action"] == "undo"
    assert client.get(f"/api/entities/{b['id']}").json()["name"] == "Valdoria"
    assert [k["action"] for k in client.get("/api/corrections").json()["items"]] == ["reject"]
    assert len(client.get("/api/corrections", params={"all": 1}).json()["items"]) == 3
    assert client.post(f"/api/corrections/{merge['id']}/undo", headers=AUTH).status_code == 400
    export = client.get("/api/export").text
    assert '"kind": "correction"' in export and '"action": "reject"' in export


def test_stance_note_and_speaker(client):
    p = client.get("/api/positions", params={"all": 1}).json()["items"][0]
    flipped = "for" if p["stance"] == "against" else "against"
    assert _post(client, action="stance", target_kind="position", target_id=p["id"], value=flipped).status_code == 201
    assert _post(client, action="note", target_kind="position", target_id=p["id"], value="check").status_code == 201
    got = next(x for x in client.get("/api/positions", params={"all": 1}).json()["items"] if x["id"] == p["id"])
    assert got["stance"] == flipped and got["notes"][0]["text"] == "check"
    q = next(x for x in client.get("/api/quotes", params={"all": 1, "limit": 100}).json()["items"]
             if x["speaker_id"] is None)
    assert _post(client, action="speaker", target_kind="quote", target_id=q["id"], value="Lenna Dushka").status_code \
        == 201
    got = client.get("/api/quotes", params={"speaker": "Lenna Dushka", "all": 1, "limit": 100}).json()["items"]
    assert q["id"] in {x["id"] for x in got}


@pytest.mark.parametrize("body, status", [
    ({"action": "reject", "target_kind": "position", "target_id": 99999}, 404),
    ({"action": "reject", "target_kind": "entity", "target_id": 1}, 400),
    ({"action": "dance", "target_kind": "entity", "target_id": 1}, 400),
    ({"action": "stance", "target_kind": "position", "target_id": 1, "value": "maybe"}, 400),
    ({"action": "merge", "target_kind": "entity", "target_id": "Ostran", "value": "Valdoria"}, 400),
    ({"action": "merge", "target_kind": "entity", "target_id": "Nobody Here", "value": "Valdoria"}, 404),
])
def test_bad_requests(client, body, status):
    r = _post(client, **body)
    assert r.status_code == status, r.text
    assert r.json()["error"]["message"]


def test_undo_of_a_missing_correction_is_404(client):
    assert client.post("/api/corrections/77/undo", headers=AUTH).status_code == 404


def test_pages_show_the_forms_only_with_a_token(client, examples_db, tmp_path):
    harrow = next(e for e in client.get("/api/entities", params={"limit": 100}).json()["items"]
                  if e["name"] == "Edvin Harrow")
    page = client.get(f"/entities/{harrow['id']}").text
    assert 'class="correction"' in page and 'type="password"' in page and "/static/correct.js" in page
    assert "<script>" not in page  # no inline script: the CSP forbids it
    article = client.get("/articles/1").text
    assert 'data-kind="quote"' in article and 'data-kind="position"' in article
    assert "Bearer" in client.get("/static/correct.js").text
    db = str(tmp_path / "closed.db")
    shutil.copy(examples_db, db)
    with TestClient(create_app(db, token="")) as closed:
        page = closed.get(f"/entities/{harrow['id']}").text
        assert 'class="correction"' not in page and "correct.js" not in page


def test_pages_mark_rejected_records_with_all(client):
    p = client.get("/api/positions", params={"all": 1}).json()["items"][0]
    _post(client, action="reject", target_kind="position", target_id=p["id"], why="misread")
    _post(client, action="note", target_kind="position", target_id=p["id"], value="see the wire copy")
    page = client.get(f"/articles/{p['article_id']}", params={"all": 1}).text
    assert 'class="rejected"' in page and "see the wire copy" in page
    assert 'class="rejected"' not in client.get(f"/articles/{p['article_id']}").text
