"""``redline correct ...`` and ``redline corrections``: each command, one-line errors, sharing by JSONL."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES  # tests/conftest.py
from redline.cli import cli
from redline.ingest import run_ingest
from redline.store import open_store


@pytest.fixture(scope="module")
def examples_file(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("correct") / "examples.db")
    run_ingest([str(EXAMPLES)], db=db)
    s = open_store(db)
    s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    return db


@pytest.fixture
def db(examples_file, tmp_path) -> str:
    path = str(tmp_path / "store.db")
    shutil.copy(examples_file, path)
    return path


@pytest.fixture
def run(db):
    runner = CliRunner()

    def _run(*args, db_path=None):
        return runner.invoke(cli, ["--db", db_path or db, *args], catch_exceptions=False)

    return _run


def js(res):
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def _entity(run, name):
    return next(e for e in js(run("--json", "entities", "--limit", "100")) if e["name"] == name)


def test_merge_by_name_then_positions_and_export_agree(run):
    b = _entity(run, "Valdoria")
    res = run("correct", "merge", "Edvin Harrow", "Valdoria", "--why", "one voice", "--by", "ana")
    assert res.exit_code == 0 and "merge entity" in res.output
    positions = js(run("--json", "positions", "--all"))
    assert {p["holder_name"] for p in positions} >= {"Edvin Harrow"} and "Valdoria" not in {
        p["holder_name"] for p in positions}
    held = js(run("--json", "positions", "--holder", str(b["id"]), "--all"))
    assert held and {p["holder_name"] for p in held} == {"Edvin Harrow"}
    [k] = js(run("--json", "corrections"))
    assert (k["action"], k["by"], k["why"], k["target_id"]) == ("merge", "ana", "one voice", str(b["id"]))
    exported = [json.loads(line) for line in run("export", "--format", "jsonl").output.splitlines()]
    assert "Valdoria" not in {r["holder_name"] for r in exported if r["kind"] == "position"}
    assert [r["action"] for r in exported if r["kind"] == "correction"] == ["merge"]


def test_reject_stance_note_speaker_proposition_split_and_undo(run):
    positions = js(run("--json", "positions", "--all"))
    p = positions[0]
    assert run("correct", "reject", "position", str(p["id"])).exit_code == 0
    assert p["id"] not in {x["id"] for x in js(run("--json", "positions", "--all"))} or \
        next(x for x in js(run("--json", "positions", "--all")) if x["id"] == p["id"])["rejected"]
    assert p["id"] not in {x["id"] for x in js(run("--json", "positions"))}
    q = positions[1]
    assert run("correct", "stance", str(q["id"]), "FOR" if q["stance"] == "against" else "against").exit_code == 0
    assert next(x for x in js(run("--json", "positions")) if x["id"] == q["id"])["stance"] != q["stance"]
    assert run("correct", "note", "position", str(q["id"]), "ask the desk").exit_code == 0
    assert next(x for x in js(run("--json", "positions")) if x["id"] == q["id"])["notes"][0]["text"] == "ask the desk"
    assert run("correct", "proposition", str(q["id"]), positions[2]["proposition_key"]).exit_code == 0
    quote = next(x for x in js(run("--json", "quotes", "--all")) if x["speaker_id"] is None)
    assert run("correct", "speaker", str(quote["id"]), "Lenna Dushka").exit_code == 0
    assert next(x for x in js(run("--json", "quotes", "--all")) if x["id"] == quote["id"])["speaker_name"] == \
        "Lenna Dushka"
    [harrow] = js(run("--json", "entity", "Edvin Harrow"))
    mention = harrow["mentions"][-1]["id"]
    made = js(run("--json", "correct", "split", "Edvin Harrow", "--mention", mention))
    new = js(run("--json", "entity", "--", str(-made["id"])))[0]
    assert [m["id"] for m in new["mentions"]] == [mention]
    assert len(js(run("--json", "corrections"))) == 6
    assert run("correct", "undo", str(made["id"]), "--why", "same man").exit_code == 0
    assert len(js(run("--json", "corrections"))) == 5 and len(js(run("--json", "corrections", "--all"))) == 7
    assert "rejected" in run("--json", "positions", "--all").output


@pytest.mark.parametrize("args, message", [
    (("correct", "reject", "position", "99999"), "no position with id 99999"),
    (("correct", "reject", "entity", "1"), "'entity' is not one of"),
    (("correct", "merge", "Ostran", "Valdoria"), "names 2 entities"),
    (("correct", "merge", "Nobody Here", "Valdoria"), "no entity named"),
    (("correct", "stance", "1", "maybe"), "'maybe' is not one of"),
    (("correct", "undo", "42"), "no correction with id 42"),
    (("correct", "note", "widget", "1", "x"), "'widget' is not one of"),
    (("correct", "split", "Edvin Harrow", "--mention", "1:1"), "has no mention 1:1"),
])
def test_errors_are_one_line_exit_2(run, args, message):
    res = run(*args)
    assert res.exit_code == 2, res.output
    lines = [line for line in res.output.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0] and lines[0].startswith("redline: ")


def test_undo_twice_is_refused(run):
    made = js(run("--json", "correct", "note", "entity", "Edvin Harrow", "x"))
    assert run("correct", "undo", str(made["id"])).exit_code == 0
    res = run("correct", "undo", str(made["id"]))
    assert res.exit_code == 2 and "already undone" in res.output


def test_export_import_round_trip(run, examples_file, tmp_path):
    other = str(tmp_path / "other.db")
    shutil.copy(examples_file, other)
    run("correct", "merge", "Edvin Harrow", "Valdoria")
    made = js(run("--json", "correct", "note", "entity", "Kazrania", "check"))
    run("correct", "undo", str(made["id"]))
    run("correct", "reject", "position", str(js(run("--json", "positions", "--all"))[0]["id"]))
    out = tmp_path / "corrections.jsonl"
    assert run("corrections", "--export", str(out)).exit_code == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["action"] for r in rows] == ["merge", "note", "undo", "reject"] and all(
        r["kind"] == "correction" and r["target_key"] for r in rows)
    res = run("corrections", "--import", str(out), db_path=other)
    assert res.exit_code == 0 and "imported 4" in res.output
    again = run("corrections", "--import", str(out), db_path=other)
    assert "imported 0 correction(s); 4 already here" in again.output
    mine = js(run("--json", "positions", "--all"))
    theirs = js(run("--json", "positions", "--all", db_path=other))
    assert [(p["holder_name"], p["stance"], p.get("rejected")) for p in mine] == \
        [(p["holder_name"], p["stance"], p.get("rejected")) for p in theirs]
    assert [k["action"] for k in js(run("--json", "corrections", db_path=other))] == ["merge", "reject"]


def test_import_keeps_a_correction_whose_target_is_not_here(run, tmp_path):
    rec = {"kind": "correction", "action": "reject", "target_kind": "quote", "target_id": "7",
           "target_key": json.dumps(["0" * 64, 1, 9]), "value": None, "why": None, "by": "ana",
           "at": "2031-01-01T00:00:00+00:00"}
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(rec) + "\n")
    res = run("corrections", "--import", str(path))
    assert res.exit_code == 0 and "does not hold its target yet" in res.output
    assert len(js(run("--json", "corrections"))) == 1
