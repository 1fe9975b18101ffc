"""``query.propositions.list_propositions``: what the tracker can track, the most useful first,
and the tracker that each listed proposition opens (tests/query/harbour.py: the Selby store)."""
from __future__ import annotations

from .harbour import BUY, FERRY, RAISE, REPEAL, store  # noqa: F401  (the Selby store fixture)
from redline.query.propositions import list_propositions
from redline.query.tracker import build_tracker


def test_counts_and_order(store):
    rows = list_propositions(store)
    got = [(r["proposition"], r["positions"], r["holders"], r["changes"], r["for"], r["against"]) for r in rows]
    assert got == [(REPEAL[0], 4, 3, 1, 3, 1),  # the most holders first
                   (RAISE[0], 2, 1, 0, 0, 2),  # then the most positions
                   (BUY[0], 1, 1, 0, 1, 0), (FERRY[0], 1, 1, 0, 1, 0)]
    assert [r["proposition_key"] for r in rows] == [REPEAL[1], RAISE[1], BUY[1], FERRY[1]]
    repeal = rows[0]
    assert (repeal["first_date"], repeal["last_date"]) == ("2031-03-02", "2031-05-05")
    assert repeal["holder_names"] == ["Mara Quill", "Northwind Holdings", "Tamsin Reed"]  # most positions first
    assert (rows[-1]["first_date"], rows[-1]["last_date"]) == (None, None)  # undated
    assert "score" not in repeal


def test_changes_are_the_stored_ones(store):
    by_key = {r["proposition_key"]: r["changes"] for r in list_propositions(store)}
    stored = [c["proposition_key"] for c in store.list_changes()]
    assert stored == [REPEAL[1]] and by_key == {REPEAL[1]: 1, RAISE[1]: 0, BUY[1]: 0, FERRY[1]: 0}


def test_limit_and_offset(store):
    assert [r["proposition_key"] for r in list_propositions(store, limit=2)] == [REPEAL[1], RAISE[1]]
    assert [r["proposition_key"] for r in list_propositions(store, limit=2, offset=2)] == [BUY[1], FERRY[1]]
    assert list_propositions(store, offset=4) == []


def test_about_filters_and_ranks(store):
    rows = list_propositions(store, about="harbour levy")
    assert [r["proposition_key"] for r in rows] == [RAISE[1], REPEAL[1]]  # by similarity, not by holders
    assert rows[0]["score"] > rows[1]["score"] > 0
    assert list_propositions(store, about="Kestrel Bay tides") == []
    assert len(list_propositions(store, about="  ")) == 4


def test_each_listed_proposition_opens_its_own_tracker(store):
    for p in list_propositions(store):
        t = build_tracker(store, p["proposition"])
        rows = [r for r in t.rows if r.proposition_key == p["proposition_key"]]
        if p["first_date"] is None:
            assert not rows and t.undated == p["positions"]
            continue
        assert {r.holder for r in rows} == set(p["holder_names"])
        assert sum(len(c.positions) for r in rows for c in r.cells if c) == p["positions"]
        assert any(r.changed for r in rows) == bool(p["changes"])


def test_the_tracker_draws_nothing_for_an_unrelated_question(store):
    t = build_tracker(store, "Kestrel Bay tides")
    assert t.rows == [] and t.columns == [] and t.undated == 0


def test_the_examples(examples_store):
    rows = list_propositions(examples_store)
    assert rows and rows == sorted(rows, key=lambda r: (-r["holders"], -r["positions"]))
    assert sum(r["positions"] for r in rows) == len(examples_store.list_positions(limit=None))
    assert sum(r["changes"] for r in rows) == len(examples_store.list_changes())
    for p in rows:
        if p["first_date"]:
            tracker = build_tracker(examples_store, p["proposition"])
            assert p["proposition_key"] in {r.proposition_key for r in tracker.rows}


def test_holder_filter_counts_only_that_holders_positions(store):
    rows = list_propositions(store, holder="Mara Quill")
    assert [(r["proposition_key"], r["positions"], r["holders"], r["changes"]) for r in rows] == [
        (REPEAL[1], 2, 1, 1)]  # her two stances on the repeal, and her change


def test_entity_filter_keeps_the_propositions_about_it(tmp_path):
    from pathlib import Path

    from redline.ingest import run_ingest
    from redline.store import open_store

    db = str(tmp_path / "e.db")
    run_ingest([str(Path(__file__).resolve().parents[1] / "fixtures" / "domains" / "election")], db=db)
    st = open_store(db)
    try:
        rows = list_propositions(st, entity="Ilona Brisk")
        assert rows and all("brisk" in r["proposition_key"] for r in rows)
        held = {n for r in rows for n in r["holder_names"]}
        assert "Renata Osk" in held and "Ilona Brisk" not in held  # about her, held by others
        everything = list_propositions(st)
        assert len(rows) < len(everything)
    finally:
        st.close()


def test_story_filter_and_unknown_names(store):
    import pytest

    from redline.errors import NotFound

    stories = store.list_stories(limit=None)
    by_story = {s["id"]: {r["proposition_key"] for r in list_propositions(store, story_id=s["id"])} for s in stories}
    assert set().union(*by_story.values()) == {r["proposition_key"] for r in list_propositions(store)}
    assert list_propositions(store, story_id=999_999) == []
    with pytest.raises(NotFound, match="no entity named 'Nobody Atall'"):
        list_propositions(store, holder="Nobody Atall")
