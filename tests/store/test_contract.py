"""The store contract. Every backend must pass this suite: add a factory to
BACKENDS (a Postgres one would read its DSN from the environment and skip
without it)."""
from __future__ import annotations

import hashlib
import sqlite3

import pytest

from redline.errors import StoreError
from redline.store import NewArticle, SQLiteStore


def sqlite_backend(tmp_path):
    return SQLiteStore(str(tmp_path / "contract.db"))


BACKENDS = {"sqlite": sqlite_backend}


@pytest.fixture(params=sorted(BACKENDS))
def st(request, tmp_path):
    s = BACKENDS[request.param](tmp_path)
    yield s
    s.close()


def art(key="doc-1", text="Dorne and Quillon signed a ferry accord on Tuesday.", **kw) -> NewArticle:
    h = hashlib.sha256(text.encode()).hexdigest()
    base = dict(key=key, name=f"{key}.txt", raw=text.encode(), raw_format="text", raw_hash="r" + h, text=text,
                content_hash=h, title="Ferry accord", source="Quillon Weekly", published="2031-05-06",
                published_source="sidecar", published_confidence=1.0, categories=["World"])
    base.update(kw)
    return NewArticle(**base)


def test_put_get_roundtrip(st):
    res = st.put_article(art())
    assert res.outcome == "ingested" and res.revision == 1
    a = st.get_article(res.id)
    assert a["text"].startswith("Dorne and Quillon") and a["title"] == "Ferry accord"
    assert a["categories"] == ["World"] and a["published"] == "2031-05-06" and a["current"] is True
    raw = st.get_raw(res.id)
    assert raw["content"] == art().raw and raw["raw_format"] == "text"
    assert st.get_article(res.id + 999) is None


def test_same_article_twice_is_stored_once(st):
    first = st.put_article(art())
    again = st.put_article(art())
    assert again.outcome == "unchanged" and again.id == first.id
    assert st.count_articles() == 1


def test_same_text_under_another_name_is_a_duplicate(st):
    first = st.put_article(art())
    dup = st.put_article(art(key="elsewhere"))
    assert dup.outcome == "unchanged" and dup.id == first.id and "same text" in dup.note


def test_changed_text_is_a_new_revision(st):
    first = st.put_article(art())
    second = st.put_article(art(text="Dorne and Quillon signed a ferry accord on Tuesday, officials said."))
    assert second.outcome == "revised" and second.revision == 2 and second.id != first.id
    assert st.count_articles() == 1 and st.count_articles(all_revisions=True) == 2
    assert st.get_article(first.id)["current"] is False
    # Nothing the user stored is lost: the old revision keeps its text and raw content.
    assert st.get_raw(first.id)["content"] == art().raw


def test_lookup_raw_finds_only_the_current_revision(st):
    a = art()
    res = st.put_article(a)
    assert st.lookup_raw(a.key, a.raw_hash) == res.id
    assert st.lookup_raw(a.key, "other") is None
    st.put_article(art(text="A different text entirely, about a bridge.", raw_hash="r2"))
    assert st.lookup_raw(a.key, a.raw_hash) is None


def test_list_articles_orders_by_date_and_pages(st):
    for i, day in enumerate(["2031-05-01", "2031-05-03", None, "2031-05-02"]):
        st.put_article(art(key=f"k{i}", text=f"Story number {i} about the Vessa strait.", published=day))
    rows = st.list_articles(limit=10)
    assert [r["published"] for r in rows] == ["2031-05-03", "2031-05-02", "2031-05-01", None]
    assert "text" not in rows[0] and rows[0]["length"] > 0
    assert len(st.list_articles(limit=2, offset=1)) == 2


def test_iter_articles_streams_all_with_text(st):
    for i in range(450):
        st.put_article(art(key=f"k{i}", text=f"Dispatch {i}: the harbour at Saltmarsh reopened."))
    got = list(st.iter_articles())
    assert len(got) == 450 and all("text" in a for a in got)
    assert [a["id"] for a in got] == sorted(a["id"] for a in got)


def test_search_with_snippets_and_unsafe_syntax(st):
    st.put_article(art(text="The U.S.-style tariff on Quillon salt took effect in March."))
    st.put_article(art(key="k2", text="Rainfall in Dorne was the lowest on record."))
    [hit] = st.search("tariff")
    assert "<b>tariff</b>" in hit["snippet"]
    assert st.search('U.S.-style "tariff') != [] or st.search("U.S.-style") is not None  # never raises
    assert st.search("nonexistentword") == []


def test_errors_are_recorded(st):
    st.record_error(path="feed.jsonl", line=3, stage="read", message="not valid JSON")
    st.record_error(path="a.txt", line=None, stage="read", message="sidecar bad", level="warning")
    errs = st.list_errors()
    assert [(e["path"], e["line"], e["level"]) for e in errs] == [("a.txt", None, "warning"), ("feed.jsonl", 3, "error")]


def test_line_stats_count_articles_per_outlet(st):
    st.put_article(art(key="a", text="first", line_keys={"subscribe now", "first"}))
    st.put_article(art(key="b", text="second", line_keys={"subscribe now", "second"}))
    st.put_article(art(key="c", text="third", source="Other Outlet", line_keys={"subscribe now"}))
    counts, n = st.line_stats("Quillon Weekly", ["subscribe now", "first", "unseen"])
    assert n == 2 and counts == {"subscribe now": 2, "first": 1}
    assert st.line_stats("Nobody", ["x"]) == ({}, 0)


def test_put_is_atomic(st, monkeypatch):
    boom = RuntimeError("disk on fire")

    def fail(*a, **k):
        raise boom

    monkeypatch.setattr(st, "_put_analysis", fail)
    with pytest.raises(RuntimeError):
        st.put_article(art())
    monkeypatch.undo()
    assert st.count_articles(all_revisions=True) == 0
    assert st.put_article(art()).outcome == "ingested"


# -- SQLite specifics -------------------------------------------------------------------

def test_sqlite_is_wal_and_versioned(tmp_path):
    s = SQLiteStore(str(tmp_path / "s.db"))
    assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    version = s.schema_version
    assert version >= 1 and s.integrity_problems() == []
    s.close()
    # Reopening does not re-run migrations.
    s2 = SQLiteStore(str(tmp_path / "s.db"))
    assert s2.schema_version == version
    s2.close()


def test_sqlite_refuses_a_newer_schema(tmp_path):
    path = str(tmp_path / "new.db")
    SQLiteStore(path).close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 999")
    con.close()
    with pytest.raises(StoreError, match="newer than this redline"):
        SQLiteStore(path)


def test_sqlite_reports_a_file_that_is_not_a_database(tmp_path):
    p = tmp_path / "notes.db"
    p.write_text("these are my notes, not a database " * 100)
    with pytest.raises(StoreError, match="cannot open store"):
        SQLiteStore(str(p))
    assert p.read_text().startswith("these are my notes")  # nothing the user stored is lost
