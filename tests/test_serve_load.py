"""``redline serve`` answers reads while an ingest writes to the same store.

A server runs over a store that already holds a few articles; a second process
ingests more into it; meanwhile 8 client threads make a bounded number of reads
each, over the JSON API and the HTML pages. Every response must be a 200 (and
valid JSON where JSON), and the ingest must complete.
"""
from __future__ import annotations

import json
import socket
import statistics
import subprocess
import sys
import threading
import time

import httpx
import pytest

from export_compare import ARTICLES, redline, stored, write_corpus

CLIENTS = 8
READS_EACH = 40
TIME_BOUND = 120.0  # seconds for all the reads together
PRELOADED = 4
PAUSE = 0.02  # between one client's reads, so the load spans the ingest's writes
HOST = "127.0.0.1"  # loopback only


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_until_serving(proc: subprocess.Popen, base: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"redline serve exited {proc.returncode}: {proc.stderr.read()[-3000:]}")
        try:
            if httpx.get(f"{base}/api/articles?limit=1", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    pytest.fail("redline serve did not answer in time")


@pytest.mark.slow
def test_serve_answers_reads_while_an_ingest_writes(tmp_path, report):
    db = str(tmp_path / "served.db")
    first, second = tmp_path / "first", tmp_path / "second"
    write_corpus(first, PRELOADED)
    write_corpus(second, len(ARTICLES) - PRELOADED, start=PRELOADED)  # 14 more
    # a second copy under other names, so that the ingest stores ~28 articles while the clients read
    # (a later edition of each, with a closing paragraph of its own, so none is a duplicate)
    for k, p in enumerate(sorted(second.iterdir())):
        text = p.read_text(encoding="utf-8")
        if p.suffix == ".txt":
            text += f"\nOfficials met again on the {k + 3}th of the month, a later edition of this report said.\n"
        (second / f"later-{p.name}").write_text(text, encoding="utf-8")
    redline("--db", db, "--json", "ingest", "--workers", "1", str(first))

    port = free_port()
    base = f"http://{HOST}:{port}"
    server = subprocess.Popen([sys.executable, "-m", "redline", "--db", db, "serve", "--host", HOST,
                               "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ingest = None
    try:
        wait_until_serving(server, base)
        stories = httpx.get(f"{base}/api/stories", timeout=10).json()["items"]
        assert stories, "the preloaded articles form no story"
        story_id = stories[0]["id"]
        paths = ["/api/articles", "/api/entities", "/api/quotes", "/api/events", "/api/positions",
                 "/api/changes", "/api/stories", "/api/search?q=minister", "/api/timeline?about=strikes",
                 f"/api/stories/{story_id}", "/", "/positions", f"/stories/{story_id}"]

        ingest = subprocess.Popen([sys.executable, "-m", "redline", "--db", db, "--json", "ingest", "--workers",
                                   "1", str(second)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # the clients start once the ingest writes (its model load takes a few seconds before that)
        t0 = time.monotonic()
        while stored(db) <= PRELOADED and ingest.poll() is None and time.monotonic() - t0 < 120:
            time.sleep(0.005)
        assert ingest.poll() is None, "the ingest ended before the clients started"
        latencies: list[float] = []
        errors: list[str] = []
        during_ingest = [0]
        lock = threading.Lock()
        deadline = time.monotonic() + TIME_BOUND

        def client(n: int) -> None:
            with httpx.Client(base_url=base, timeout=30) as http:
                for i in range(READS_EACH):
                    if time.monotonic() > deadline:
                        with lock:
                            errors.append(f"client {n}: out of time after {i} reads")
                        return
                    path = paths[(n + i) % len(paths)]
                    writing = ingest.poll() is None
                    t0 = time.monotonic()
                    try:
                        r = http.get(path)
                        problem = None if r.status_code == 200 else f"{r.status_code}: {r.text[:300]}"
                        if problem is None and path.startswith("/api/"):
                            json.loads(r.text)
                    except (httpx.HTTPError, ValueError) as e:
                        problem = f"{type(e).__name__}: {e}"
                    dt = time.monotonic() - t0
                    with lock:
                        latencies.append(dt)
                        during_ingest[0] += writing
                        if problem:
                            errors.append(f"GET {path}: {problem}")
                    time.sleep(PAUSE)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(TIME_BOUND + 60)
        out, err = ingest.communicate(timeout=300)

        q = statistics.quantiles(latencies, n=20) if len(latencies) > 1 else [0] * 19
        report(f"serve under ingest: requests {len(latencies)} ({during_ingest[0]} while the ingest was writing), "
              f"errors {len(errors)}, p50 {statistics.median(latencies) * 1000:.0f} ms, "
              f"p95 {q[18] * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms")
        assert ingest.returncode == 0, err[-3000:]
        summary = json.loads(out.strip().splitlines()[-1])
        assert summary["ingested"] == 2 * (len(ARTICLES) - PRELOADED) and summary["failed"] == 0, summary
        assert len(latencies) == CLIENTS * READS_EACH
        assert during_ingest[0] > 0, "the reads did not overlap the ingest"
        assert not errors, "\n".join(errors[:20])
        # and the server now shows what the ingest wrote
        listed = httpx.get(f"{base}/api/articles?limit=200", timeout=10).json()["items"]
        assert len(listed) == 2 * len(ARTICLES) - PRELOADED
    finally:
        if ingest is not None and ingest.poll() is None:
            ingest.kill()
            ingest.wait()
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
