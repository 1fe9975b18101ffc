"""Readable tables: names, outlet, title, URL, date, evidence text and confidence, per story too.

Two invented stories of the domain fixtures (a mayoral race and a flood levy)
are ingested into one store; each table is read back as a spreadsheet would.
"""
from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from redline.ingest import run_ingest
from redline.query.tables import COLUMNS, FILE_NAMES, TABLE_KINDS, table_rows, write_table, write_zip
from redline.store import open_store

DOMAINS = Path(__file__).resolve().parents[1] / "fixtures" / "domains"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("tables") / "t.db")
    run_ingest([str(DOMAINS / "election"), str(DOMAINS / "budget")], db=db)
    st = open_store(db)
    yield st
    st.close()


def _table(store, kind, **kw):
    fh = io.StringIO()
    write_table(table_rows(store, kind, **kw), fh, kind)
    return list(csv.DictReader(io.StringIO(fh.getvalue())))


def test_every_table_has_its_header_and_rows_of_its_columns(store):
    for kind in TABLE_KINDS:
        rows = _table(store, kind)
        assert rows, kind
        assert list(rows[0]) == list(COLUMNS[kind])


def test_positions_read_as_they_are(store):
    rows = _table(store, "position")
    titles = {a["title"] for a in store.list_articles(limit=None)}
    for r in rows:
        assert r["holder"] and not r["holder"].isdigit()  # a name, not an id
        assert r["stance"] in {"for", "against"} and r["proposition"]
        assert r["title"] in titles and r["outlet"] and r["published"]
        assert r["evidence"] and r["evidence"] in store.get_article(int(r["article_id"]))["text"]
        assert r["confidence"] == "" or 0 <= float(r["confidence"]) <= 1
    fenn = [r for r in rows if r["holder"] == "Teodor Fenn" and r["proposition"] == "staying in race"]
    assert {r["stance"] for r in fenn} == {"for", "against"}


def test_a_change_names_both_ends_articles(store):
    rows = _table(store, "change")
    osk = next(r for r in rows if r["holder"] == "Renata Osk")
    assert (osk["from_stance"], osk["to_stance"]) == ("for", "against")
    assert osk["from_title"] and osk["to_title"] and osk["to_evidence"]


def test_quotes_and_events_name_their_people(store):
    quotes = _table(store, "quote")
    assert any(q["speaker"] == "Teodor Fenn" and q["direct"] == "True" for q in quotes)
    events = _table(store, "event")
    assert all(not e["actors"] or not any(ch.isdigit() for ch in e["actors"]) for e in events)


def test_a_story_table_holds_that_story_only(store):
    stories = store.list_stories(limit=None)
    assert len(stories) >= 2
    for story in stories:
        ids = set(story["article_ids"])
        for kind in ("position", "quote", "article"):
            rows = _table(store, kind, story_id=story["id"])
            assert all(int(r["article_id"]) in ids for r in rows), (kind, story["id"])
        [row] = _table(store, "story", story_id=story["id"])
        assert row["title"] in {store.get_article(i)["title"] for i in ids}
    whole = len(_table(store, "position"))
    assert sum(len(_table(store, "position", story_id=s["id"])) for s in stories) == whole


def test_the_zip_holds_one_table_per_kind(store, tmp_path):
    path = tmp_path / "all.zip"
    with path.open("wb") as fh:
        counts = write_zip(store, fh)
    with zipfile.ZipFile(path) as z:
        assert sorted(z.namelist()) == sorted(FILE_NAMES.values())
        positions = list(csv.DictReader(io.StringIO(z.read("positions.csv").decode("utf-8"))))
    assert len(positions) == counts["position"] == len(_table(store, "position"))


def test_an_unknown_table_is_refused(store):
    with pytest.raises(ValueError, match="no readable table for 'mention'"):
        list(table_rows(store, "mention"))
