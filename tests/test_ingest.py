"""Ingest: outcomes, idempotency, revisions, metadata precedence, bad input."""
from __future__ import annotations

import json

import pytest

from redline.config import Settings
from redline.errors import RedlineError
from redline.ingest import run_ingest

STORY = """Dorne reopens the Vessa ferry

By Ana Ferro

SALTMARSH, Quillon (QW) — Dorne on Monday reopened the Vessa ferry line, ending a blockade that had lasted since winter.

"The ferry is a lifeline for both shores," said Harbour Minister Tilde Oss.
"""


def ingest(paths, db, **kw):
    kw.setdefault("analyze", False)
    return run_ingest([str(p) for p in paths], db=db, **kw)


def test_ingest_then_reingest_is_a_noop(write, db_path, store):
    a = write("a.txt", STORY)
    write("b.txt", STORY.replace("Monday", "Tuesday").replace("ferry line", "old ferry line"))
    first = ingest([a.parent], db_path)
    assert first.counts == {"ingested": 2, "revised": 0, "unchanged": 0, "failed": 0}
    again = ingest([a.parent], db_path)
    assert again.counts == {"ingested": 0, "revised": 0, "unchanged": 2, "failed": 0}
    assert store.count_articles(all_revisions=True) == 2


def test_changed_file_becomes_a_revision(write, db_path, store):
    a = write("a.txt", STORY)
    ingest([a], db_path)
    a.write_text(STORY.replace("since winter", "since the winter storms"), encoding="utf-8")
    res = ingest([a], db_path)
    assert res.counts["revised"] == 1
    [current] = store.list_articles()
    assert current["revision"] == 2 and "winter storms" in store.get_article(current["id"])["text"]
    assert store.count_articles(all_revisions=True) == 2


def test_user_metadata_wins_over_guesses(write, db_path, store):
    a = write("a.txt", "Friday, March 7, 2031 | Back issues\n\n" + STORY)
    write("a.meta.json", json.dumps({"published": "2031-03-03", "title": "My own title", "source": "Quillon Weekly"}))
    ingest([a], db_path)
    [row] = store.list_articles()
    assert row["published"] == "2031-03-03" and row["published_source"] == "sidecar"
    assert row["published_confidence"] == 1.0 and row["title"] == "My own title"
    assert row["source"] == "Quillon Weekly"


def test_flags_are_user_supplied(write, db_path, store):
    a = write("a.txt", STORY)
    ingest([a], db_path, published="2031-04-01", source="Dorne Daily")
    [row] = store.list_articles()
    assert (row["published"], row["published_source"], row["source"]) == ("2031-04-01", "user", "Dorne Daily")


def test_bad_published_flag_is_one_clear_error(db_path, write):
    with pytest.raises(RedlineError, match="--published: not an ISO date"):
        ingest([write("a.txt", STORY)], db_path, published="next week")


def test_no_date_is_never_invented(write, db_path, store):
    ingest([write("a.txt", STORY)], db_path)
    [row] = store.list_articles()
    assert row["published"] is None and row["published_source"] is None


def test_jsonl_fields_are_hints(write, db_path, store):
    line = {"text": STORY, "title": "Ferry", "published": "2031-02-02", "source": "Wire", "byline": "Staff"}
    ingest([write("feed.jsonl", json.dumps(line) + "\n")], db_path)
    [row] = store.list_articles()
    assert (row["title"], row["published"], row["source"], row["byline"]) == ("Ferry", "2031-02-02", "Wire", "Staff")
    assert row["published_source"] == "user"


def test_bad_items_cost_nothing_to_good_ones(write, db_path, store):
    good = write("good.txt", STORY)
    write("empty.txt", "")
    write("feed.jsonl", "{broken\n" + json.dumps({"text": STORY.replace("Dorne", "Quillon")}) + "\n")
    write("big.txt", "x " * 600_000)
    res = ingest([good.parent], db_path, settings=_small_limit())
    assert res.counts["ingested"] == 2 and res.counts["failed"] == 3
    errs = store.list_errors()
    assert {(e["path"].rsplit("/", 1)[-1], e["line"]) for e in errs} == {("empty.txt", None), ("feed.jsonl", 1), ("big.txt", None)}
    assert all("\n" not in e["message"] for e in errs)


def _small_limit() -> Settings:
    s = Settings()
    s.max_bytes = 1_000_000
    return s


def test_html_is_cleaned(write, db_path, store):
    page = ("<html><head><title>Ferry back | Quillon Weekly</title>"
            '<meta property="article:published_time" content="2024-03-04T08:00:00Z"></head><body>'
            "<nav>Home | World | Subscribe</nav><article><h1>Ferry back</h1>"
            + "".join(f"<p>{p}</p>" for p in STORY.split("\n\n")[2:]) + "</article><footer>© Quillon Weekly</footer></body></html>")
    ingest([write("ferry.html", page)], db_path)
    [row] = store.list_articles()
    a = store.get_article(row["id"])
    assert "reopened the Vessa ferry line" in a["text"] and "Subscribe" not in a["text"]
    assert a["published"] == "2024-03-04" and a["published_source"] == "html-meta"


def test_outcome_callback_sees_every_item(write, db_path):
    seen = []
    ingest([write("a.txt", STORY), write("e.txt", "")], db_path, on_result=lambda r: seen.append(r.outcome))
    assert sorted(seen) == ["failed", "ingested"]


@pytest.mark.slow
def test_workers_parse_in_parallel_with_the_same_result(tmp_path):
    from conftest import EXAMPLES
    from redline.store import open_store

    results = []
    for workers in (1, 2):
        db = str(tmp_path / f"w{workers}.db")
        res = run_ingest([str(EXAMPLES)], db=db, workers=workers)
        assert res.counts["ingested"] == 4
        st = open_store(db)
        results.append(([(q["article_id"], q["start"], q["speaker_name"]) for q in st.list_quotes(limit=None)],
                        [(p["holder_name"], p["stance"], p["proposition_key"]) for p in st.list_positions(limit=None)]))
        st.close()
    assert results[0] == results[1] and results[0][0]


def test_a_huge_run_keeps_its_counts_whole_and_its_results_bounded(write, db_path, monkeypatch):
    from redline.ingest import IngestSummary

    monkeypatch.setattr(IngestSummary, "MAX_RESULTS", 5)
    lines = "\n".join("{not json" for _ in range(12))
    summary = ingest([write("bad.jsonl", lines + "\n")], db_path)
    assert summary.counts["failed"] == 12
    assert len(summary.results) == 5 and summary.results_dropped == 7
    assert summary.to_dict()["results_dropped"] == 7
