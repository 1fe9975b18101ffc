"""POST /api/articles: bearer token (401/403), refusal without a configured token, ingest."""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from redline.server import create_app

from .conftest import TOKEN

ARTICLE = {
    "text": ("Lumeria agrees to open the Corvan border crossing\n\n"
             "SALT HARBOUR, Lumeria — Lumeria on Tuesday agreed to reopen the Corvan crossing to aid convoys, "
             "Foreign Minister Ilse Varga said. \"The crossing will open at dawn,\" Varga told reporters.\n"),
    "title": "Lumeria agrees to open the Corvan border crossing",
    "published": "2025-06-03",
    "source": "Tidewater Post",
    "url": "https://tidewater.example/lumeria-crossing",
}


@pytest.fixture()
def db(tmp_path):
    return str(tmp_path / "write.db")


def test_no_token_configured_refuses_writes(db):
    with TestClient(create_app(db, token="")) as c:
        r = c.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer anything"})
        assert r.status_code == 403 and "REDLINE_TOKEN" in r.json()["error"]["message"]


def test_token_required(db):
    with TestClient(create_app(db, token=TOKEN)) as c:
        r = c.post("/api/articles", json=ARTICLE)
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        r = c.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer wrong"})
        assert r.status_code == 403 and r.json()["error"]["message"] == "wrong token"
        r = c.post("/api/articles", json=ARTICLE, headers={"Authorization": f"Basic {TOKEN}"})
        assert r.status_code == 401
        assert c.get("/api/articles").json()["items"] == []


def test_token_from_environment(db, monkeypatch):
    monkeypatch.setenv("REDLINE_TOKEN", "from-env")
    with TestClient(create_app(db, analyze=False)) as c:
        assert c.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer from-env"}).status_code == 201


def test_post_ingests_and_analyzes(db):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(create_app(db, token=TOKEN)) as c:
        r = c.post("/api/articles", json=ARTICLE, headers=auth)
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["outcome"] == "ingested" and body["url"].endswith(f"/api/articles/{body['id']}")
        a = c.get(f"/api/articles/{body['id']}").json()
        assert a["title"] == ARTICLE["title"] and a["published"] == "2025-06-03" and a["source"] == "Tidewater Post"
        assert "Corvan crossing" in a["text"]
        quotes = c.get(f"/api/quotes?article={body['id']}").json()["items"]
        assert any("open at dawn" in q["text"] for q in quotes)  # analyzed, not just stored
        again = c.post("/api/articles", json=ARTICLE, headers=auth)
        assert again.status_code == 200 and again.json()["outcome"] == "unchanged"
        assert again.json()["id"] == body["id"]


def test_post_validation(db):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(create_app(db, token=TOKEN, analyze=False)) as c:
        r = c.post("/api/articles", json={"title": "no body"}, headers=auth)
        assert r.status_code == 422 and "text or html" in r.json()["error"]["message"]
        r = c.post("/api/articles", json={**ARTICLE, "published": "last Tuesday"}, headers=auth)
        assert r.status_code == 400 and "published" in r.json()["error"]["message"]
        html = {"html": "<html><body><article><h1>Corvan</h1><p>" + "The crossing reopened. " * 30
                        + "</p></article></body></html>", "url": "https://tidewater.example/html"}
        r = c.post("/api/articles", json=html, headers=auth)
        assert r.status_code == 201 and "crossing reopened" in c.get(r.json()["url"]).json()["text"]


def test_oversized_bodies_are_refused_before_anything_is_stored(db):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = dict(ARTICLE, text=ARTICLE["text"] + "Padding. " * 2000)
    with TestClient(create_app(db, token=TOKEN, analyze=False, max_body=4096)) as c:
        r = c.post("/api/articles", json=big, headers=auth)  # declares its length
        assert r.status_code == 413 and "4096 bytes" in r.json()["error"]["message"]

        def chunks():  # streams without a length
            data = json.dumps(big).encode()
            for i in range(0, len(data), 1000):
                yield data[i : i + 1000]

        r = c.post("/api/articles", content=chunks(), headers={**auth, "Content-Type": "application/json"})
        assert r.status_code == 413
        assert c.get("/api/articles").json()["items"] == []
        assert c.post("/api/articles", json=ARTICLE, headers=auth).status_code == 201  # a normal post still works
