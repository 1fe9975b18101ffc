"""Crash safety: kill ingest mid-run, then the store is consistent and a re-run completes.

The kill -9 trials and the SIGINT tests over an analysing ingest compare the resumed run's
export with an uninterrupted run's, ignoring only ids and timestamps (export_compare.normalise).
"""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from export_compare import ARTICLES, diff, export_records, normalise, redline, stored, write_corpus
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
        out = proc.stdout.read()
        assert proc.returncode == 130 and "Traceback" not in err, err
        # One line says the run was interrupted: with --json it is the summary on stdout
        # ("interrupted": true), and nothing goes to stderr. (Without --json it is one line on
        # stderr: test_sigint_one_line_consistent_store_resumes checks that.)
        assert err.strip() == "", err
        assert len(out.strip().splitlines()) == 1 and json.loads(out)["interrupted"] is True, out
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
    summary = json.loads(rerun.stdout.strip().splitlines()[-1])
    assert summary["unchanged"] == before and summary["ingested"] == N - before and summary["failed"] == 0
    assert stored(db) == N


# --- kill -9 at random moments of a full (analysing, linking) ingest ------------------------------------

TRIALS = 20
SEED = 20330209
ANALYZED_N = len(ARTICLES)  # 18 short invented articles: people, quotes, dates, stances, four stories


class Poller:
    """Reads the store the ingest is writing, read-only (it never writes, never blocks the writer)."""

    def __init__(self, db: str):
        self.db = db
        self.con: sqlite3.Connection | None = None

    def _query(self, sql: str, default):
        try:
            if self.con is None:
                if not os.path.exists(self.db):
                    return default
                self.con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=1)
            return self.con.execute(sql).fetchone()[0]
        except sqlite3.Error:
            self.close()
            return default

    def stored(self) -> int:
        return self._query("SELECT count(*) FROM articles", 0)

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None


def stage_after_kill(db: str) -> str:
    """Where the killed run had got to, judged from what it left committed.

    before-store: no article stored; mid: some but not all stored; link: all stored but the
    linking (stories, then events; each one transaction) not committed; done: linked too.
    """
    if not os.path.exists(db):
        return "before-store"
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        try:
            n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.OperationalError:  # killed before the schema was created
            return "before-store"
        if n == 0:
            return "before-store"
        if n < ANALYZED_N:
            return "mid"
        names = {r[0] for r in con.execute("SELECT name FROM link_state")}
        unlinked = con.execute("SELECT count(*) FROM articles WHERE current = 1 AND story_id IS NULL").fetchone()[0]
        return "done" if {"stories", "events"} <= names and not unlinked else "link"
    finally:
        con.close()


def store_problems(db: str) -> list[str]:
    """PRAGMA integrity_check must say 'ok', PRAGMA foreign_key_check must be empty (plus the store's own checks)."""
    problems = []
    con = sqlite3.connect(db, timeout=10)  # read-write: replays the WAL the killed process left behind
    try:
        rows = [r[0] for r in con.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            problems += [f"integrity_check: {r}" for r in rows]
        problems += [f"foreign_key_check: {tuple(r)}" for r in con.execute("PRAGMA foreign_key_check")]
    finally:
        con.close()
    s = SQLiteStore(db)
    try:
        problems += s.integrity_problems()
    finally:
        s.close()
    return problems


def ingest_proc(db: str, folder, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "redline", "--db", db, *extra, "ingest", "--workers", "1",
                             str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def analyzed_baseline(tmp_path_factory):
    """An uninterrupted ingest of the corpus: its normalised export, and how long it took to store anything."""
    root = tmp_path_factory.mktemp("crash-analyzed")
    folder = root / "corpus"
    write_corpus(folder)
    db = str(root / "base.db")
    t0 = time.monotonic()
    proc = ingest_proc(db, folder, "--json")
    poll, first = Poller(db), None
    while proc.poll() is None:
        if first is None and poll.stored() > 0:
            first = time.monotonic() - t0
        time.sleep(0.002)
    total = time.monotonic() - t0
    poll.close()
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    summary = json.loads(out.strip().splitlines()[-1])
    assert summary["ingested"] == ANALYZED_N and summary["failed"] == 0, summary
    base = normalise(export_records(db))
    # the corpus gives every stage work to do
    for kind in ("article", "entity", "mention", "quote", "time", "event", "position", "story"):
        assert base.get(kind), f"the corpus yields no {kind} records"
    assert len(base["story"]) < ANALYZED_N  # some articles are grouped into stories
    # The comparison is meaningful: a second uninterrupted run exports the same, and a change of
    # content (here one quote's text) is a difference, ids and timestamps notwithstanding.
    db2 = str(root / "base2.db")
    redline("--db", db2, "--json", "ingest", "--workers", "1", str(folder))
    records = export_records(db2)
    assert diff(base, normalise(records)) == [], "two uninterrupted runs export differently"
    q = next(r for r in records if r["kind"] == "quote")
    q["text"] += " (altered)"
    assert diff(base, normalise(records)), "normalise() hides a change of content"
    print(f"\nbaseline: {ANALYZED_N} articles ingested in {total:.2f}s (first stored after "
          f"{first if first is not None else total:.2f}s); export: "
          + ", ".join(f"{k} {len(v)}" for k, v in sorted(base.items())))
    return folder, base, first if first is not None else total * 0.8


def _resume_and_compare(db: str, folder, base) -> list[str]:
    proc = redline("--db", db, "--json", "ingest", "--workers", "1", str(folder))
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert summary["failed"] == 0 and not summary["interrupted"], summary
    return diff(base, normalise(export_records(db)))


@pytest.mark.slow
def test_kill_9_at_random_moments_then_resume_matches_uninterrupted_run(tmp_path, analyzed_baseline, report):
    """20 SIGKILLs at seeded random moments: before anything is stored, mid-batch, during linking.

    After each: PRAGMA integrity_check is 'ok', PRAGMA foreign_key_check is empty, and a resumed
    ingest of the same folder exports exactly what an uninterrupted run exports — ignoring only
    ids and timestamps (see export_compare.normalise: ids become content keys, timestamps go).
    """
    folder, base, first_store = analyzed_baseline
    rng = random.Random(SEED)
    modes = ["early"] * 6 + ["mid"] * 8 + ["link"] * 6
    rng.shuffle(modes)
    stages = {"before-store": 0, "mid": 0, "link": 0, "done": 0}
    corrupt, differing, failures = 0, 0, []
    differences: dict[str, list[str]] = {}  # a diff -> the trials whose export differs so
    t_start = time.monotonic()
    for trial, mode in enumerate(modes):
        db = str(tmp_path / f"trial{trial:02d}.db")
        proc = ingest_proc(db, folder, "--json")
        t0, poll = time.monotonic(), Poller(db)
        if mode == "early":  # during start-up: imports, store creation, model load, reading
            time.sleep(rng.uniform(0.0, 0.9 * first_store))
        else:
            target = rng.randint(1, ANALYZED_N - 1) if mode == "mid" else ANALYZED_N
            extra = rng.uniform(0.0, 0.03) if mode == "mid" else rng.uniform(0.0, 0.004)
            while proc.poll() is None and poll.stored() < target and time.monotonic() - t0 < 120:
                time.sleep(0.001)
            time.sleep(extra)
        poll.close()
        finished_first = proc.poll() is not None
        proc.kill()  # SIGKILL
        proc.communicate(timeout=30)
        stage = stage_after_kill(db)
        stages[stage] += 1
        problems = store_problems(db)
        if problems:
            corrupt += 1
            failures.append(f"trial {trial} ({mode}, {stage}): corrupt store: {problems[:5]}")
            continue
        lines = _resume_and_compare(db, folder, base)
        if lines:
            differing += 1
            differences.setdefault("\n  ".join(lines), []).append(
                f"{trial} ({mode}, killed at stage {stage}{', had already exited' if finished_first else ''})")
    elapsed = time.monotonic() - t_start
    report(f"kill -9: trials {TRIALS}, corrupt stores {corrupt}, differing exports {differing}; killed "
          f"before any store {stages['before-store']}, mid-batch {stages['mid']}, during link {stages['link']}, "
          f"after link {stages['done']} ({elapsed:.0f}s)")
    assert len(modes) == TRIALS
    failures += [f"trials {', '.join(trials)}: export differs:\n  {lines}" for lines, trials in differences.items()]
    assert not failures, "\n".join(failures)


@pytest.mark.slow
@pytest.mark.parametrize("when", ["start-up", "mid-run"])
def test_sigint_one_line_consistent_store_resumes(tmp_path, analyzed_baseline, when, report):
    """Ctrl-C during model load, or mid-run (some articles stored): exit 130 and exactly one line on
    stderr about the interruption, no traceback; the store passes the checks; a resumed run
    completes to the uninterrupted run's export (ids and timestamps ignored)."""
    folder, base, _ = analyzed_baseline
    db = str(tmp_path / "sigint.db")
    proc = ingest_proc(db, folder)  # no --json: the human one-line summary
    poll, t0 = Poller(db), time.monotonic()
    if when == "start-up":  # the store exists once the command runs (past the imports): the model is loading
        while not os.path.exists(db) and proc.poll() is None and time.monotonic() - t0 < 60:
            time.sleep(0.001)
    else:
        target = random.Random(SEED).randint(3, ANALYZED_N // 2)
        while poll.stored() < target and proc.poll() is None and time.monotonic() - t0 < 120:
            time.sleep(0.001)
    poll.close()
    assert proc.poll() is None, "ingest finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    lines = err.strip().splitlines()
    assert proc.returncode == 130, (proc.returncode, err)
    assert "Traceback" not in err and len(lines) == 1 and "interrupted" in lines[0], err
    stage = stage_after_kill(db)
    assert stage == ("before-store" if when == "start-up" else "mid"), stage
    assert store_problems(db) == []
    lines = _resume_and_compare(db, folder, base)
    assert not lines, "export after SIGINT and resume differs:\n" + "\n".join(lines)
    report(f"SIGINT at {when}: exit 130, stderr {err.strip()!r}; store ok; resumed export = baseline")
