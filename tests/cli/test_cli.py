"""The command line: every command, JSON output, one-line errors, exit codes."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from redline.cli import cli

STORY = ("Quillon and Dorne agree on a ferry\n\nBy Ana Ferro\n\nSALTMARSH, Quillon (QW) — Quillon and Dorne agreed on "
         "Monday to reopen the Vessa ferry, the harbour office said.\n\nThe first crossing is planned for April.\n")


@pytest.fixture
def run(db_path):
    runner = CliRunner()

    def _run(*args, input=None):
        return runner.invoke(cli, ["--db", db_path, *args], input=input, catch_exceptions=False)

    return _run


@pytest.fixture
def loaded(run, write):
    write("a.txt", STORY)
    write("a.meta.json", json.dumps({"published": "2031-03-03", "source": "Quillon Weekly"}))
    write("b.txt", STORY.replace("Monday", "Friday").replace("April", "May").replace("ferry", "bridge"))
    folder = write("c.txt", STORY.replace("Quillon and Dorne", "Essen and Varo").replace("ferry", "rail link")).parent
    res = run("ingest", "--no-analyze", str(folder))
    assert res.exit_code == 0, res.output
    return res


def test_help_everywhere(run):
    for cmd in ([], ["ingest"], ["articles"], ["show"], ["search"], ["export"], ["clean"], ["errors"], ["report"],
                ["entities"], ["entity"], ["quotes"], ["events"], ["positions"], ["propositions"], ["changes"],
                ["stories"], ["timeline"]):
        res = run(*cmd, "--help")
        assert res.exit_code == 0 and "Usage:" in res.output


def test_ingest_summary_and_noop(run, loaded, write):
    assert "ingested 3, unchanged 0, revised 0, failed 0" in loaded.output
    again = run("ingest", "--no-analyze", str(write("a.txt", STORY).parent))
    assert "ingested 0, unchanged 3" in again.output and "nothing new" in again.output


def test_ingest_json_and_failures(run, write):
    write("empty.txt", "")
    res = run("--json", "ingest", "--no-analyze", str(write("good.txt", STORY).parent))
    data = json.loads(res.output.strip().splitlines()[-1])
    assert data["ingested"] == 1 and data["failed"] == 1
    assert data["failures"][0]["message"].endswith("empty.txt: file is empty")
    assert res.exit_code == 0  # something was ingested
    strict = run("ingest", "--no-analyze", "--strict", str(write("empty2.txt", "").parent))
    assert strict.exit_code == 1


def test_ingest_stdin(run):
    res = run("--json", "ingest", "--no-analyze", "-", input=STORY)
    assert json.loads(res.output.strip().splitlines()[-1])["ingested"] == 1


def test_articles_show_search(run, loaded):
    res = run("--json", "articles")
    rows = json.loads(res.output)
    assert len(rows) == 3 and {r["source"] for r in rows} >= {"Quillon Weekly"}
    table = run("articles").output
    assert "date source" in table and "sidecar" in table
    first = rows[0]["id"]
    shown = run("show", str(first)).output
    assert "SALTMARSH, Quillon (QW)" in shown
    hits = json.loads(run("--json", "search", "bridge").output)
    assert len(hits) == 1 and "<b>bridge</b>" in hits[0]["snippet"]
    assert "no matches" in run("search", "zeppelin").output


def test_show_missing_is_one_line(run, loaded):
    res = run("show", "999")
    assert res.exit_code == 3 and res.output.strip() == "redline: no article with id 999"


def test_export_jsonl_and_csv(run, loaded, tmp_path):
    lines = run("export").output.strip().splitlines()
    recs = [json.loads(x) for x in lines]
    assert len(recs) == 3 and all(r["kind"] == "article" for r in recs)
    for field in ("id", "source", "url", "title", "byline", "dateline", "categories", "published",
                  "published_source", "published_confidence", "story_id", "text"):
        assert field in recs[0]
    out = tmp_path / "a.csv"
    run("export", "--format", "contract-csv", "-o", str(out))
    import csv

    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 3 and rows[0]["kind"] == "article"
    run("export", "--format", "csv", "--kind", "article", "-o", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 3 and {"title", "outlet", "url", "published"} <= set(rows[0]) and "text" not in rows[0]


def test_clean_prints_text(run, write):
    page = ("<html><body><nav>Home | Subscribe</nav><article><h1>Ferry</h1><p>" + "The Vessa ferry reopened on "
            "Monday after a long winter closure, the harbour office said. " * 3 + "</p></article></body></html>")
    res = run("clean", str(write("p.html", page)))
    assert "Vessa ferry reopened" in res.output and "Subscribe" not in res.output
    res = run("clean", "-", input=STORY)
    assert res.output.startswith("SALTMARSH, Quillon (QW)")


def test_errors_lists_failures(run, write):
    write("bad.jsonl", '{"text": "ok line about the ferry"}\n{oops\n')
    run("ingest", "--no-analyze", str(write("x.txt", STORY).parent))
    rows = json.loads(run("--json", "errors").output)
    assert any(r["line"] == 2 and r["path"].endswith("bad.jsonl") for r in rows)


def test_report(run, loaded):
    res = run("report")
    assert "3 articles" in res.output


def _redline(*args, env_db):
    return subprocess.run([sys.executable, "-m", "redline", "--db", env_db, *args], capture_output=True, text=True)


def test_user_errors_never_print_tracebacks(db_path, tmp_path):
    for args in (["show", "12345"], ["ingest", "--no-analyze", str(tmp_path / "missing")],
                 ["ingest", "--no-analyze", "--published", "soon", str(tmp_path)]):
        p = _redline(*args, env_db=db_path)
        assert p.returncode != 0
        assert "Traceback" not in p.stderr
        assert len(p.stderr.strip().splitlines()) >= 1 and p.stderr.strip().splitlines()[-1].startswith(("redline:", "failed:", "ingested"))


def test_missing_model_names_the_setting(db_path, write):
    p = subprocess.run([sys.executable, "-m", "redline", "--db", db_path, "--model", "no_such_model_xyz", "ingest",
                        str(write("a.txt", STORY))], capture_output=True, text=True)
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert "REDLINE_SPACY_MODEL" in p.stderr and "--model" in p.stderr


def test_store_that_is_not_a_database(tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("my notes " * 200)
    p = subprocess.run([sys.executable, "-m", "redline", "--db", str(notes), "articles"], capture_output=True, text=True)
    assert p.returncode != 0 and "Traceback" not in p.stderr and "cannot open store" in p.stderr


def test_reanalyze_retries_failed_articles_and_errors_names_them(run, write, monkeypatch):
    from redline.extract.times import component as times_component

    real = times_component.extract_times

    def times(doc, published):
        if "rail link" in doc.text:
            raise KeyError("mid - afternoon")
        return real(doc, published)

    monkeypatch.setattr(times_component, "extract_times", times)
    write("a.txt", STORY)
    folder = write("c.txt", STORY.replace("Quillon and Dorne", "Essen and Varo").replace("ferry", "rail link")).parent
    res = run("ingest", str(folder))
    assert res.exit_code == 0  # the article is stored: not a failure of the run
    assert "ingested 2, unchanged 0, revised 0, failed 0, analysis failed 1" in res.output
    assert "analysis failed: " in res.output and "c.txt" in res.output and "times step" in res.output
    assert run("ingest", "--strict", str(write("d.txt", STORY.replace("ferry", "rail link")))).exit_code == 1
    errors = json.loads(run("--json", "errors").output)
    assert {e["stage"] for e in errors} == {"analyze"} and all(e["article_id"] for e in errors)
    assert any(e["path"].endswith("c.txt") for e in errors)

    monkeypatch.undo()
    again = run("reanalyze")
    assert again.exit_code == 0 and "reanalyzed 2, failed 0" in again.output
    assert "nothing to reanalyze" in run("reanalyze").output
    assert run("reanalyze", "1", "--all").exit_code == 2
    ids = [a["id"] for a in json.loads(run("--json", "articles").output)]
    res = run("--json", "reanalyze", *map(str, ids))
    assert json.loads(res.output)["revised"] == len(ids) == 3


def test_link_derives_what_an_upgraded_store_lacks(db_path):
    import sqlite3

    from conftest import EXAMPLES

    runner = CliRunner()
    run = lambda *a: runner.invoke(cli, ["--db", db_path, *a], catch_exceptions=False)  # noqa: E731
    assert run("ingest", str(EXAMPLES)).exit_code == 0
    before = json.loads(run("--json", "changes").output)
    assert before  # the examples hold a reversal
    con = sqlite3.connect(db_path)  # as a store migrated from before changes were stored: none derived yet
    with con:
        con.execute("DELETE FROM changes")
        con.execute("DELETE FROM link_state WHERE name = 'changes'")
    con.close()
    assert json.loads(run("--json", "changes").output) == []
    res = run("link")
    assert res.exit_code == 0 and "derived changes on" in res.output
    assert json.loads(run("--json", "changes").output) == before
    assert "linked 0 articles" in run("link").output
