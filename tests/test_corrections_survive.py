"""Corrections survive re-ingest and reanalysis: merge two entities, reject a position, then ingest
the same files again and ``reanalyze --all``; ``redline positions`` and the export still agree.

Run on an invented corpus (examples/ and tests/fixtures/domains), and on ../shared/seeds when it is
there (skipped cleanly when not). Targets are picked from what the store holds, never by name."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, REPO, SEEDS
from redline.cli import cli

DOMAINS = REPO / "tests" / "fixtures" / "domains"


def _run(db, *args):
    res = CliRunner().invoke(cli, ["--db", db, *args], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return res.output


def _js(db, *args):
    return json.loads(_run(db, "--json", *args))


def _fp(p):
    """A position as reanalysis keeps it: its sentence, offsets and proposition (ids change)."""
    return p["evidence"]["sentence"], p["evidence"]["start"], p["evidence"]["end"], p["proposition_key"]


def _exported(db):
    return [json.loads(line) for line in _run(db, "export", "--format", "jsonl").splitlines()]


def _check(db, b_name, a_name, b_positions, rejected):
    shown = _js(db, "positions", "--all", "--limit", "100000")  # --all: rejected ones kept, marked
    kept = Counter((_fp(p), p["holder_name"]) for p in shown if not p.get("rejected"))
    assert rejected not in kept
    assert rejected in {(_fp(p), p["holder_name"]) for p in shown if p.get("rejected")}
    assert rejected not in {(_fp(p), p["holder_name"]) for p in _js(db, "positions", "--limit", "100000")}
    assert b_name not in {p["holder_name"] for p in shown}
    for fp in b_positions:
        assert (fp, a_name) in kept
    exported = _exported(db)
    assert Counter((_fp(r), r["holder_name"]) for r in exported if r["kind"] == "position") == kept
    assert sorted(r["action"] for r in exported if r["kind"] == "correction") == ["merge", "reject"]
    assert b_name not in {r["name"] for r in exported if r["kind"] == "entity"}


def _survive(db: str, paths: list[str]) -> None:
    _run(db, "ingest", *paths)
    positions = _js(db, "positions", "--all", "--limit", "100000")
    assert len(positions) >= 2
    entities = _js(db, "entities", "--limit", "100000")
    holders = {p["holder_id"] for p in positions}
    # A: the most mentioned entity; B: the most mentioned other holder of a position
    a = entities[0]
    b = next(e for e in entities if e["id"] in holders and e["id"] != a["id"])
    b_positions = {_fp(p) for p in positions if p["holder_id"] == b["id"]}
    victim = next(p for p in positions if p["holder_id"] != b["id"])
    _run(db, "correct", "merge", str(a["id"]), str(b["id"]), "--why", "the same actor")
    _run(db, "correct", "reject", "position", str(victim["id"]), "--why", "misread")
    _check(db, b["name"], a["name"], b_positions, (_fp(victim), victim["holder_name"]))
    _run(db, "ingest", *paths)  # the same files again: stored once, corrections still applied
    _check(db, b["name"], a["name"], b_positions, (_fp(victim), victim["holder_name"]))
    _run(db, "reanalyze", "--all")  # new revisions, new row ids: found again by their fingerprints
    after = _js(db, "positions", "--all", "--limit", "100000")
    assert {p["id"] for p in after}.isdisjoint({p["id"] for p in positions})
    _check(db, b["name"], a["name"], b_positions, (_fp(victim), victim["holder_name"]))
    changes = _js(db, "changes", "--all")
    assert b["id"] not in {c["holder_id"] for c in changes}


def test_invented_corpus(tmp_path):
    paths = [str(EXAMPLES)] + [str(p) for p in sorted(DOMAINS.iterdir()) if p.is_dir()][:2]
    _survive(str(tmp_path / "invented.db"), paths)


def test_seeds(tmp_path):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    _survive(str(tmp_path / "seeds.db"), [str(Path(SEEDS))])
