"""entities / entity / quotes / report over the fictional example corpus, fully analyzed."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from redline.cli import cli


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    from conftest import EXAMPLES

    db = str(tmp_path_factory.mktemp("ex") / "ex.db")
    runner = CliRunner()

    def _run(*args):
        res = runner.invoke(cli, ["--db", db, *args], catch_exceptions=False)
        assert res.exit_code == 0, res.output
        return res.output

    _run("ingest", str(EXAMPLES))
    return _run


def test_examples_ingest_with_analysis(run):
    rows = json.loads(run("--json", "articles"))
    assert len(rows) == 4


def test_entities_and_roles(run):
    people = json.loads(run("--json", "entities", "--type", "PERSON"))
    by_name = {p["name"]: p for p in people}
    harrow = by_name["Edvin Harrow"]
    assert harrow["articles"] >= 2  # one canonical entity across the articles
    assert any(r["title"] == "chancellor" for r in harrow["roles"])
    assert "Harrow" in harrow["aliases"]


def test_entity_shows_mentions_with_sentences(run):
    [ent] = json.loads(run("--json", "entity", "Harrow"))[:1]
    assert ent["name"] == "Edvin Harrow"
    assert ent["mentions"] and all("Harrow" in m["sentence"] for m in ent["mentions"])
    assert "role: chancellor" in run("entity", "Edvin Harrow")


def test_quotes_by_speaker(run):
    quotes = json.loads(run("--json", "quotes", "--speaker", "Harrow"))
    texts = " ".join(q["text"] for q in quotes)
    assert "The situation has changed" in texts  # "…," he said.
    assert "hand over missiles" in texts
    assert all(q["speaker_name"] == "Edvin Harrow" for q in quotes)
    dushka = json.loads(run("--json", "quotes", "--speaker", "Lenna Dushka"))
    assert any("save lives" in q["text"] for q in dushka)


def test_report_lists_what_was_found(run):
    out = run("report")
    assert "4 articles" in out and "Edvin Harrow" in out and "quotes by speaker" in out


def test_export_includes_analysis(run):
    kinds = {json.loads(line)["kind"] for line in run("export").splitlines()}
    assert kinds == {"article", "entity", "mention", "quote", "time", "event", "position", "change", "story"}


def test_positions_about_keeps_only_the_propositions_about_it(run):
    everything = json.loads(run("--json", "positions", "--limit", "500"))
    strikes = json.loads(run("--json", "positions", "--about", "Ostrana striking with Halberd missiles"))
    assert strikes and len(strikes) < len(everything)
    assert all(p["proposition_key"].startswith("strike|") for p in strikes)  # the supply position is left out
    assert [p["score"] for p in strikes] == sorted((p["score"] for p in strikes), reverse=True)
    supply = json.loads(run("--json", "positions", "--about", "supplying weapons"))
    assert {p["proposition_key"] for p in supply} == {"supply|recipient=*|weapon=*"}


def test_positions_about_nothing_is_one_line_and_exit_0(run):
    assert run("positions", "--about", "ferry tolls").strip() == \
        "no positions on propositions about 'ferry tolls' (see 'redline propositions')"
    assert run("positions", "--about", "Halberd", "--holder", "Marvania").strip() == \
        "no positions on propositions about 'Halberd' held by Marvania (see 'redline propositions')"
    assert json.loads(run("--json", "positions", "--about", "ferry tolls")) == []


def test_propositions_lists_what_can_be_tracked(run):
    rows = json.loads(run("--json", "propositions"))
    positions = json.loads(run("--json", "positions", "--limit", "500"))
    assert sum(r["positions"] for r in rows) == len(positions)
    assert rows == sorted(rows, key=lambda r: (-r["holders"], -r["positions"], -r["changes"]))
    assert [r["changes"] for r in rows].count(1) == 1  # Valdoria's reversal on Halberd strikes
    text = run("propositions")
    assert "holders" in text and "changes" in text
    first = text.splitlines()[3].split("│")  # the first row of the table, under its header
    assert rows[0]["proposition"].startswith(first[1].strip()) and first[3].strip() == str(rows[0]["holders"])
    assert [r["proposition"] for r in json.loads(run("--json", "propositions", "--limit", "1"))] == \
        [rows[0]["proposition"]]
    halberd = json.loads(run("--json", "propositions", "--about", "Halberd"))
    assert halberd and all("halberd" in r["proposition_key"] for r in halberd)
    assert run("propositions", "--about", "ferry tolls").strip() == "no propositions about 'ferry tolls'"
