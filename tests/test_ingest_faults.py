"""Fault isolation in ingest: an exception while analysing, storing or linking one
article is recorded for that article, the article (and its clean text) is
stored all the same, and every other article of the run is stored and linked."""
from __future__ import annotations

import pytest

import redline
from redline.extract.quotes import component as quotes_component
from redline.ingest import run_ingest, run_reanalyze

BASE = """{title}

SALTMARSH, Quillon (QW) — {who} said on Monday that the {thing} would reopen next week.

"We have waited long enough," {who} told reporters at the harbour office.
"""
GOOD = [("Ferry line to reopen", "Harbour Minister Tilde Oss", "Vessa ferry line"),
        ("Bridge to reopen", "Mayor Tomas Brell", "Dorne bridge"),
        ("Market to reopen", "Councillor Ada Voss", "fish market")]
MARK = "lighthouse"  # the article that trips the injected fault


@pytest.fixture
def corpus(write):
    for i, (title, who, thing) in enumerate(GOOD):
        write(f"{i}-good.txt", BASE.format(title=title, who=who, thing=thing))
    bad = write("9-bad.txt", BASE.format(title="Lighthouse to reopen", who="Keeper Ivo Marl", thing=MARK))
    return bad.parent


def _raise_on_mark(real, exc=KeyError):
    def stage(doc, *args):
        if MARK in doc.text:
            raise exc("secretary - general")
        return real(doc, *args)
    return stage


def test_a_failing_analysis_costs_only_its_article(corpus, db_path, store, monkeypatch):
    monkeypatch.setattr(quotes_component, "extract_quotes", _raise_on_mark(quotes_component.extract_quotes))
    summary = run_ingest([str(corpus)], db=db_path)
    assert summary.counts["ingested"] == 4 and summary.counts["failed"] == 0
    assert summary.analysis_failed == 1
    [bad] = [r for r in summary.results if r.analysis_error]
    assert bad.name.endswith("9-bad.txt") and "quotes step" in bad.analysis_error
    # The failing article is stored with its clean text, marked failed, and named in the errors.
    assert store.failed_analyses() == [bad.article_id]
    assert MARK in store.get_article(bad.article_id)["text"]
    [error] = [e for e in store.list_errors() if e["stage"] == "analyze"]
    assert error["path"].endswith("9-bad.txt") and error["article_id"] == bad.article_id
    assert "KeyError" in error["message"] and "\n" not in error["message"]
    # The others are analysed, stored and linked.
    speakers = {q["speaker_text"] for q in store.list_quotes()}
    assert {"Tilde Oss", "Tomas Brell", "Ada Voss"} <= {s.split()[-2] + " " + s.split()[-1] for s in speakers}
    assert all(a["story_id"] for a in store.list_articles() if a["id"] != bad.article_id)

    # After the fix (the patch undone), reanalyze retries exactly the failed article.
    monkeypatch.undo()
    again = run_reanalyze(db=db_path)
    assert again.counts["revised"] == 1 and again.analysis_failed == 0
    assert store.failed_analyses() == []
    [new] = [r.article_id for r in again.results]
    assert new != bad.article_id and store.get_article(new)["text"] == store.get_article(bad.article_id)["text"]
    assert any(q["speaker_text"].endswith("Ivo Marl") for q in store.list_quotes(article_id=new))
    assert store.get_article(new)["story_id"]  # linked like a new article
    assert store.count_articles() == 4 and store.count_articles(all_revisions=True) == 5
    # A second ingest of the same files stores nothing new.
    assert run_ingest([str(corpus)], db=db_path).counts["unchanged"] == 4


def test_a_failure_while_storing_records_keeps_the_article(corpus, db_path, store, monkeypatch):
    from redline.store.sqlite import SQLiteStore

    real = SQLiteStore._put_positions

    def put_positions(self, db, article_id, positions, ids):
        if any(MARK in (p.get("evidence") or {}).get("sentence", "") for p in positions) or \
                MARK in db.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[0]:
            raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")
        return real(self, db, article_id, positions, ids)

    monkeypatch.setattr(SQLiteStore, "_put_positions", put_positions)
    summary = run_ingest([str(corpus)], db=db_path)
    assert summary.counts["ingested"] == 4 and summary.analysis_failed == 1
    [bad] = [r for r in summary.results if r.analysis_error]
    assert "store step" in bad.analysis_error and "UnicodeEncodeError" in bad.analysis_error
    assert store.list_quotes(article_id=bad.article_id) == []  # rolled back whole, then stored without records
    assert MARK in store.get_article(bad.article_id)["text"]


def test_a_failure_while_linking_one_article_never_holds_up_the_others(corpus, db_path, store, monkeypatch):
    from redline.link.stories import StoryIndex

    real = StoryIndex.add

    def add(self, article_id, text, *args, **kw):
        if MARK in text:
            raise ValueError("cannot profile")
        return real(self, article_id, text, *args, **kw)

    monkeypatch.setattr(StoryIndex, "add", add)
    summary = run_ingest([str(corpus)], db=db_path)
    assert summary.counts["ingested"] == 4 and summary.linked == 3
    by_name = {a["name"].rsplit("/", 1)[-1]: a for a in store.list_articles()}
    assert by_name["9-bad.txt"]["story_id"] is None
    assert all(a["story_id"] for n, a in by_name.items() if n != "9-bad.txt")
    [error] = [e for e in store.list_errors() if e["stage"] == "link"]
    assert error["path"].endswith("9-bad.txt") and "cannot profile" in error["message"]


def test_a_linker_that_fails_whole_is_recorded_and_the_run_ends_normally(corpus, db_path, store, monkeypatch):
    from redline.link import stage

    def broken(self):
        raise RuntimeError("index unreadable")

    monkeypatch.setattr(stage, "link_events", broken)
    summary = run_ingest([str(corpus)], db=db_path)
    assert summary.counts["ingested"] == 4 and summary.link_failed == 1 and summary.linked == 4
    [error] = [e for e in store.list_errors() if e["stage"] == "link"]
    assert "linking events failed (RuntimeError: index unreadable)" in error["message"]
    monkeypatch.undo()
    stage.link_events(store)  # the next run links what this one could not
    assert store.list_events()


def test_reanalyze_names_what_it_cannot_take(corpus, db_path, store):
    run_ingest([str(corpus)], db=db_path, analyze=False)
    first = store.list_articles()[0]["id"]
    summary = redline.reanalyze([first, 999], db=db_path)
    assert summary.counts == {"ingested": 0, "revised": 1, "unchanged": 0, "failed": 1}
    [missing] = [r for r in summary.results if r.outcome == "failed"]
    assert missing.message == "no article with id 999"
    again = redline.reanalyze([first], db=db_path)  # now an old revision
    assert again.counts["failed"] == 1 and "old revision" in again.results[0].message
    assert redline.reanalyze(db=db_path).counts == {"ingested": 0, "revised": 0, "unchanged": 0, "failed": 0}
