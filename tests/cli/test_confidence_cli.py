"""The CLI's views at the confidence threshold (REDLINE_MIN_CONFIDENCE, default 0.5), ``--all``,
``export --min-confidence``, quotes' channels and former roles, over the invented Tarrow store."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from query.scored import scored_db
from redline.cli import cli
from redline.cli.base import out as console


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return scored_db(str(tmp_path_factory.mktemp("tarrow") / "tarrow.db"))


@pytest.fixture
def run(db, monkeypatch):
    monkeypatch.delenv("REDLINE_MIN_CONFIDENCE", raising=False)
    monkeypatch.setattr(console, "_width", 240)  # tables on one line each, as in a wide terminal

    def _run(*args, code=0, env=None):
        res = CliRunner().invoke(cli, ["--db", db, *args], env=env, catch_exceptions=False)
        assert res.exit_code == code, res.output
        return res.output

    return _run


def test_quotes_hide_the_unsure_and_show_the_channel(run):
    shown = json.loads(run("--json", "quotes"))
    assert [(q["speaker_name"], q["confidence"]) for q in shown] == [("Ilse Marren", 0.95), ("Tarrow Council", None)]
    assert shown[0]["channel"] == "Harbour Wire"
    assert len(json.loads(run("--json", "quotes", "--all"))) == 3
    table = " ".join(run("quotes").split())
    assert "Ilse Marren, speaking to Harbour Wire" in table and "Oskar Pell" not in table
    assert "Oskar Pell" in run("quotes", "--all")


def test_events_positions_and_changes_at_the_threshold_and_all(run):
    assert [e["type"] for e in json.loads(run("--json", "events"))] == ["REJECT", "AGREE"]
    assert [e["type"] for e in json.loads(run("--json", "events", "--all"))] == ["REJECT", "PROTEST", "AGREE"]
    shown = json.loads(run("--json", "positions"))
    assert all(p["confidence"] is None or p["confidence"] >= 0.5 for p in shown) and len(shown) == 4
    assert len(json.loads(run("--json", "positions", "--all"))) == 6
    about = json.loads(run("--json", "positions", "--about", "closing the ferry", "--limit", "3"))
    assert len(about) == 3 and all(p["confidence"] is None or p["confidence"] >= 0.5 for p in about)
    assert [c["holder_name"] for c in json.loads(run("--json", "changes"))] == ["Tarrow Council"]
    assert len(json.loads(run("--json", "changes", "--all"))) == 3
    assert "Ilse Marren" not in run("changes") and "Ilse Marren" in run("changes", "--all")


def test_propositions_and_timeline_count_only_what_they_show(run):
    [p] = json.loads(run("--json", "propositions"))
    assert (p["positions"], p["changes"]) == (4, 1)
    [p] = json.loads(run("--json", "propositions", "--all"))
    assert (p["positions"], p["changes"]) == (6, 3)
    tl = json.loads(run("--json", "timeline", "--story", "1"))
    assert tl["hidden"] > 0 and all(e.get("confidence") is None or e["confidence"] >= 0.5 for e in tl["entries"])
    assert [c["holder_name"] for c in tl["changes"]] == ["Tarrow Council"]
    assert "under confidence 0.5 not shown: --all shows them" in run("timeline", "--story", "1")
    everything = json.loads(run("--json", "timeline", "--story", "1", "--all"))
    assert everything["hidden"] == 0 and len(everything["entries"]) == len(tl["entries"]) + 4
    assert "not shown" not in run("timeline", "--story", "1", "--all")


def test_the_threshold_comes_from_the_environment(run):
    assert len(json.loads(run("--json", "quotes", env={"REDLINE_MIN_CONFIDENCE": "0.05"}))) == 3
    assert len(json.loads(run("--json", "quotes", env={"REDLINE_MIN_CONFIDENCE": "0.99"}))) == 1
    out = run("quotes", env={"REDLINE_MIN_CONFIDENCE": "high"}, code=2)
    assert out.strip().splitlines() == ["redline: REDLINE_MIN_CONFIDENCE must be a number from 0 to 1, got 'high'"]


def test_former_roles(run):
    people = {e["name"]: e for e in json.loads(run("--json", "entities", "--type", "PERSON"))}
    assert [r["former"] for r in people["Ilse Marren"]["roles"]] == [False, True]
    assert "former harbour master" in " ".join(run("entities").split())
    out = run("entity", "Ilse Marren")
    assert "role: mayor (Tarrow)" in out and "role: former harbour master" in out


def test_export_carries_every_record_with_its_confidence(run, tmp_path):
    records = [json.loads(line) for line in run("export").splitlines()]
    scored = [r for r in records if r["kind"] in ("quote", "event", "position", "change")]
    assert len(scored) == 3 + 3 + 6 + 3 and all("confidence" in r for r in scored)
    [channel] = [r for r in records if r["kind"] == "quote" and r["channel"]]
    assert channel["channel"] == "Harbour Wire" and channel["channel_start"] < channel["channel_end"]
    kept = [json.loads(line) for line in run("export", "--min-confidence", "0.5").splitlines()]
    assert len([r for r in kept if r["kind"] == "quote"]) == 2 and len([r for r in kept if r["kind"] == "change"]) == 1
    assert len([r for r in kept if r["kind"] == "article"]) == 2  # articles and entities are never filtered
    out = tmp_path / "q.csv"
    run("export", "--format", "contract-csv", "--kind", "quote", "-o", str(out))
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[-4:] == ["confidence", "channel", "channel_start", "channel_end"]


@pytest.mark.parametrize("value", ["abc", "2", "-0.1", "nan"])
def test_a_bad_min_confidence_is_one_line(run, value):
    out = run("export", "--min-confidence", value, code=2)
    assert len(out.strip().splitlines()) == 1 and "is not a number from 0 to 1" in out
