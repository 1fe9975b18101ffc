"""Fixtures for the web UI: a store with a hostile article, a live server, a browser.

The browser is Debian's chromium at /usr/bin/chromium (never a downloaded
one); the browser tests skip when it, or Playwright, is absent.
"""
from __future__ import annotations

import json
import os
import socket
import threading
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES, REPO  # tests/conftest.py
from redline.server import create_app
from redline.ingest import run_ingest

CHROMIUM = os.environ.get("REDLINE_CHROMIUM", "/usr/bin/chromium")  # Debian's; overridable to test the skip
ARTIFACTS = REPO / "test-artifacts" / "web"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# A scraped page is hostile input: markup and event handlers in the text, the title and the byline.
HOSTILE_TEXT = """Harbour council rejects Meridia's toll plan

PORT SELVA, Meridia (TWP) — The harbour council of Port Selva on Monday rejected Meridia's plan to double the canal tolls, council chair Orsolya Brandt said.

"We will not <script>window.__pwned = 1</script> accept this," Brandt told reporters, adding that a page had shown <img src=x onerror="window.__pwned = 2"> in place of the notice.

Meridia's transport ministry said it would answer the council's letter next week. </textarea><svg onload="window.__pwned = 3">
"""
HOSTILE_META = {"title": "Toll plan <script>window.__pwned = 4</script> rejected", "published": "2025-02-10",
                "source": "Tidewater <b onmouseover=alert(1)>Post</b>", "byline": "<img src=x onerror=alert(5)>"}


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "in").mkdir()
    (folder / "in" / "toll.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (folder / "in" / "toll.meta.json").write_text(json.dumps(HOSTILE_META), encoding="utf-8")
    db = str(folder / "hostile.db")
    summary = run_ingest([str(folder / "in"), str(EXAMPLES)], db=db)
    assert summary.counts["ingested"] == 5, summary.to_dict()
    return db


class LiveServer:
    """uvicorn on a free loopback port, in a thread."""

    def __init__(self, app):
        import uvicorn

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is absent (install Debian's chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    yield pg
    context.close()


def serve(db: str):
    return LiveServer(create_app(db, token=None))


def shot(page, name: str) -> Path:
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
