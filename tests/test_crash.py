"""Crash safety: kill ingest mid-run, then the store is consistent and a re-run completes."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from redline.store import SQLiteStore

N = 1500


def make_corpus(folder):
    folder.mkdir()
    for i in range(N):
        (folder / f"{i:05d}.txt").write_text(
            f"Harbour report {i}\n\nSALTMARSH, Quillon (QW) — Ferry number {i} left Saltmarsh for Dorne on "
            f"Monday with {i * 7 % 300} passengers aboard, the harbour office said.\n\n"
            f"The crossing took {i % 9 + 2} hours in calm weather.\n",
            encoding="utf-8",
        )


def stored(db: str) -> int:
    try:
        con = sqlite3.connect(db, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def start(db, folder):
    return subprocess.Popen([sys.executable, "-m", "redline", "--db", db, "--json", "ingest", "--no-analyze",
                             str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_progress(proc, db, at_least=50, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"ingest finished before it could be interrupted: {proc.stderr.read()}")
        if stored(db) >= at_least:
            return
        time.sleep(0.01)
    pytest.fail("ingest made no progress")


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_interrupted_ingest_keeps_what_it_stored_and_resumes(tmp_path, sig):
    folder = tmp_path / "corpus"
    make_corpus(folder)
    db = str(tmp_path / "crash.db")
    proc = start(db, folder)
    wait_for_progress(proc, db)
    proc.send_signal(sig)
    proc.wait(timeout=30)
    err = proc.stderr.read()
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and "Traceback" not in err
    before = stored(db)
    assert 0 < before < N

    s = SQLiteStore(db)
    try:
        assert s.integrity_problems() == []
        assert s.count_articles() == before
    finally:
        s.close()

    rerun = subprocess.run([sys.executable, "-m", "redline", "--db", db, "--json", "ingest", "--no-analyze",
                            str(folder)], capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    import json

    summary = json.loads(rerun.stdout.strip().splitlines()[-1])
    assert summary["unchanged"] == before and summary["ingested"] == N - before and summary["failed"] == 0
    assert stored(db) == N
