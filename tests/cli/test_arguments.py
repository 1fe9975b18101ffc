"""Arguments are checked: an unknown event type, a date that is not ISO, a read
command on a store that does not exist each get one line naming the choices or
the path, and exit status 2; valid arguments still work."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from redline.cli import cli
from redline.extract.lexicon.plover import PLOVER_TYPES


def invoke(*args, env=None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def one_line(res) -> str:
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.output
    assert lines[0].startswith("redline: ") and "Traceback" not in res.output
    return lines[0]


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory) -> str:
    from conftest import EXAMPLES  # tests/conftest.py

    db = str(tmp_path_factory.mktemp("args") / "ex.db")
    res = invoke("--db", db, "ingest", str(EXAMPLES))
    assert res.exit_code == 0, res.output
    return db


@pytest.mark.parametrize("value", ["BOGUS", "agreee", ""])
def test_unknown_event_type_names_the_16_choices(db_path, value):
    res = invoke("--db", db_path, "events", "--type", value)
    assert res.exit_code == 2
    line = one_line(res)
    assert "--type" in line and repr(value) in line
    assert all(t in line for t in PLOVER_TYPES) and len(PLOVER_TYPES) == 16


def test_unknown_entity_type_names_the_choices(db_path):
    from redline.records import ENTITY_TYPES

    res = invoke("--db", db_path, "entities", "--type", "PERSN")
    assert res.exit_code == 2
    line = one_line(res)
    assert "'PERSN'" in line and all(t in line for t in ENTITY_TYPES)


def test_entity_type_in_any_case_filters(examples_db):
    res = invoke("--db", examples_db, "--json", "entities", "--type", "person")
    assert res.exit_code == 0
    rows = json.loads(res.output)
    assert rows and {r["type"] for r in rows} == {"PERSON"}


def test_bad_published_date_for_ingest_is_a_usage_error(tmp_path):
    story = tmp_path / "a.txt"
    story.write_text("Mayor Tomas Brell said on Monday the ferry would run.\n", encoding="utf-8")
    res = invoke("--db", str(tmp_path / "x.db"), "ingest", "--published", "soon", str(story))
    assert res.exit_code == 2 and "'soon' is not an ISO date" in one_line(res)
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize("args", [["events", "--since", "notadate"], ["events", "--since", "2025-13-01"],
                                  ["changes", "--since", "foo"], ["changes", "--since", "03/05/2025"]])
def test_bad_date_is_one_line(db_path, args):
    res = invoke("--db", db_path, *args)
    assert res.exit_code == 2
    line = one_line(res)
    assert "--since" in line and repr(args[-1]) in line and "YYYY-MM-DD, YYYY-MM or YYYY" in line


def test_argument_errors_come_before_opening_the_store(tmp_path):
    missing = tmp_path / "nowhere.db"
    res = invoke("--db", str(missing), "events", "--type", "BOGUS")
    assert res.exit_code == 2 and "AGREE" in one_line(res) and not missing.exists()


READ_COMMANDS = [["articles"], ["show", "1"], ["search", "ferry"], ["export"], ["report"], ["errors"],
                 ["entities"], ["entity", "Valdoria"], ["quotes"], ["events"], ["positions"], ["propositions"],
                 ["changes"],
                 ["stories"], ["timeline"], ["plot", "positions", "--about", "ferries", "-o", "x.png"], ["serve"]]


@pytest.mark.parametrize("args", READ_COMMANDS, ids=lambda a: a[0] if a[0] != "plot" else "plot-positions")
def test_read_command_on_a_missing_store(tmp_path, monkeypatch, args):
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("served a missing store"))
    monkeypatch.chdir(tmp_path)
    missing = tmp_path / "typo" / "redlin.db"
    res = invoke("--db", str(missing), *args)
    assert res.exit_code == 2
    assert one_line(res) == f"redline: no store at {missing} (run 'redline ingest' first, or pass --db)"
    assert not missing.exists() and not missing.parent.exists() and not (tmp_path / "x.png").exists()


def test_missing_store_from_the_environment_and_the_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = invoke("articles", env={"REDLINE_DB": str(tmp_path / "env.db")})
    assert res.exit_code == 2 and f"no store at {tmp_path / 'env.db'}" in one_line(res)
    res = invoke("articles", env={"REDLINE_DB": None})
    assert res.exit_code == 2 and "no store at redline.db " in one_line(res)
    assert os.listdir(tmp_path) == []


def test_ingest_still_creates_the_store_and_memory_stores_open(tmp_path, write):
    db = tmp_path / "new" / "fresh.db"
    db.parent.mkdir()
    story = write("a.txt", "Harbour news\n\nThe ferry to Vessa reopened on Monday, the office said.\n")
    res = invoke("--db", str(db), "ingest", "--no-analyze", str(story))
    assert res.exit_code == 0 and db.exists(), res.output
    assert len(json.loads(invoke("--db", str(db), "--json", "articles").output)) == 1
    res = invoke("--db", ":memory:", "--json", "articles")
    assert res.exit_code == 0 and json.loads(res.output) == []


def test_valid_types_and_dates_still_work(examples_db):
    def events(*args):
        res = invoke("--db", examples_db, "--json", "events", "--limit", "1000", *args)
        assert res.exit_code == 0, res.output
        return json.loads(res.output)

    everything = events()
    assert everything
    kind = everything[0]["type"]
    upper = events("--type", kind)
    assert upper and all(e["type"] == kind for e in upper)
    assert events("--type", kind.lower()) == upper == events("--type", kind.title())
    for since, cut in (("2025", "2025"), ("2025-04", "2025-04"), ("2025-04-01", "2025-04-01"),
                       ("2025-04-01T12:00:00Z", "2025-04-01")):
        assert events("--since", since) == [e for e in everything if e["date"] and e["date"]["start"] >= cut], since
    assert events("--since", "2100") == []

    def changes(*args):
        res = invoke("--db", examples_db, "--json", "changes", *args)
        assert res.exit_code == 0, res.output
        return json.loads(res.output)

    every_change = changes()
    assert every_change  # the examples' reversal (Valdoria, in May 2025)
    for since in ("2025", "2025-05", "2025-05-01"):
        assert changes("--since", since) == every_change, since
    assert changes("--since", "2026") == []


def test_other_usage_errors_are_one_line_too(db_path):
    for args, needle in ((["nosuch"], "No such command 'nosuch'"), (["--bogus"], "No such option '--bogus'"),
                         (["entity"], "Missing argument 'NAME'"),
                         (["export", "--format", "xml"], "'xml' is not one of"),
                         (["timeline", "--story", "1", "--entity", "x"], "choose one of --story, --entity, --about")):
        res = invoke("--db", db_path, *args)
        assert res.exit_code == 2 and needle in one_line(res), (args, res.output)
    assert "Usage:" in invoke().output  # `redline` alone still prints the help


def test_one_line_and_exit_2_from_the_real_command(tmp_path):
    for args in (["events", "--type", "BOGUS"], ["changes", "--since", "foo"], ["articles"]):
        p = subprocess.run([sys.executable, "-m", "redline", "--db", str(tmp_path / "m.db"), *args],
                           capture_output=True, text=True)
        assert p.returncode == 2 and p.stdout == "" and "Traceback" not in p.stderr
        assert len(p.stderr.strip().splitlines()) == 1 and p.stderr.startswith("redline: "), p.stderr
    assert not (tmp_path / "m.db").exists()


@pytest.mark.parametrize("value", ["0", "-3", "many"])
def test_propositions_bad_limit_is_one_line(examples_db, value):
    res = invoke("--db", examples_db, "propositions", "--limit", value)
    assert res.exit_code == 2 and "--limit" in one_line(res)
