"""``redline watch``: saved queries, what is new since the last look, and feeds polled from a local site.

The site is tests/fixtures/feedsite (an invented outlet), served by a local
HTTP server that this module starts; its feed lists two articles, a page that
robots.txt forbids and a page that does not exist.
"""
from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from redline.cli import cli
from redline.read.feeds import FeedError, Fetcher, article_links
from redline.store import open_store

SITE = Path(__file__).resolve().parents[1] / "fixtures" / "feedsite"
DOMAINS = Path(__file__).resolve().parents[1] / "fixtures" / "domains"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # the test output stays readable
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    for f in SITE.iterdir():
        shutil.copy(f, root / f.name)
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    for name in ("feed.xml", "sitemap.xml"):
        (root / name).write_text((root / f"{name}.in").read_text().replace("{base}", base))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


@pytest.fixture
def run(db_path):
    runner = CliRunner()

    def _run(*args, code=0):
        res = runner.invoke(cli, ["--db", db_path, *args], catch_exceptions=False)
        assert res.exit_code == code, res.output
        return res.output

    return _run


def test_feed_and_sitemap_links(site):
    fetcher = Fetcher(delay=0)
    assert article_links(f"{site}/feed.xml", fetcher) == [f"{site}/a2.html", f"{site}/a1.html", f"{site}/private.html",
                                                         f"{site}/gone.html"]
    assert article_links(f"{site}/sitemap.xml", fetcher) == [f"{site}/a1.html", f"{site}/a2.html"]


def test_the_fetcher_is_polite(site):
    fetcher = Fetcher(delay=0)
    with pytest.raises(FeedError, match="robots.txt"):
        fetcher.get(f"{site}/private.html")
    with pytest.raises(FeedError, match="HTTP 404"):
        fetcher.get(f"{site}/gone.html")
    with pytest.raises(FeedError, match="not an http"):
        fetcher.get("file:///etc/passwd")
    import time

    slow = Fetcher(delay=0.3)
    slow.get(f"{site}/a1.html")
    t0 = time.monotonic()
    slow.get(f"{site}/a2.html")
    assert time.monotonic() - t0 >= 0.25  # one host, one request at a time, a delay between


def test_poll_ingests_new_articles_once_and_reports_the_rest(run, db_path, site):
    out = run("watch", "add", "staying in the race")
    assert "watching #1 staying in the race (proposition)" in out
    out = run("ingest", "--feed", f"{site}/feed.xml")
    assert "4 links, 4 new, 2 fetched" in out and "2 articles stored from 1 feed" in out
    assert "change Teodor Fenn on staying in race: for → against" in run("watch")
    store = open_store(db_path)
    try:
        urls = sorted(a["url"] for a in store.list_articles(limit=None))
        assert urls == [f"{site}/a1.html", f"{site}/a2.html"]
        errors = " ".join(e["message"] for e in store.list_errors(limit=None))
        assert "robots.txt" in errors and "HTTP 404" in errors  # one line each, the run went on
        [feed] = store.list_feeds()
        assert sorted(feed["seen"]) == urls  # the failed links are tried again next time
    finally:
        store.close()
    again = run("watch", "--poll")
    assert "4 links, 2 new, 0 fetched" in again and "nothing new" in again


def test_watch_shows_what_is_new_since_the_last_look(run, tmp_path):
    first = DOMAINS / "election" / "2027-08-30-federation-endorses-brisk.txt"
    run("ingest", str(first))
    assert "(entity)" in run("watch", "add", "Renata Osk")
    assert "(proposition)" in run("watch", "add", "staying in the race")
    out = run("watch")
    assert "position Teodor Fenn for: staying in race" in out
    assert "nothing new" in run("watch")  # looked: the mark moved
    run("ingest", str(DOMAINS / "election"))
    peek = run("watch", "--peek")
    assert "change Renata Osk on supporting Ilona Brisk: for → against" in peek
    assert peek.index("change Renata Osk") < peek.index("position Renata Osk")  # changes first
    assert peek == run("watch", "--peek")  # a peek does not move the mark
    run("watch")
    assert run("watch").count("nothing new") == 2
    listed = json.loads(run("--json", "watch", "list"))
    assert [w["kind"] for w in listed] == ["entity", "proposition"] and all(w["seen_at"] for w in listed)
    run("watch", "remove", str(listed[0]["id"]))
    assert "no watch with id" in run("watch", "remove", str(listed[0]["id"]), code=2)


def test_the_home_page_shows_what_is_new_on_each_watch(run, db_path):
    from fastapi.testclient import TestClient

    from redline.server.app import create_app

    run("ingest", str(DOMAINS / "election" / "2027-08-30-federation-endorses-brisk.txt"))
    run("watch", "add", "Renata Osk")
    run("watch")
    run("ingest", str(DOMAINS / "election"))
    with TestClient(create_app(db_path)) as client:
        home = client.get("/").text
        again = client.get("/").text
    watched = home.split("<h2>Watched</h2>", 1)[1].split("</section>", 1)[0]
    assert "Renata Osk" in watched and "1 changes" in watched and "supporting Ilona Brisk" in watched
    assert again == home  # the page peeks: only `redline watch` moves the mark
    assert "nothing new" not in run("watch", "--peek")
