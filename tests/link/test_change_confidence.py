"""A change is as sure as the less sure of its two stances (``link.changes.change_confidence``),
is stored with that confidence, and is found over every position whatever the threshold."""
from __future__ import annotations

import sqlite3

from query.scored import scored_store
from redline.link import changes
from redline.link.changes import change_confidence, changed_positions, thread_changes
from redline.store import open_store
from redline.store.dates import sort_date


def _thread(*stances: tuple[str, str, float | None]) -> list[dict]:
    rows = []
    for n, (stance, date, confidence) in enumerate(stances):
        rows.append({"id": n + 1, "holder_id": 7, "holder_name": "Tarrow Council", "proposition_key": "close|ferry",
                     "proposition": "closing the ferry", "stance": stance, "date": date, "qualifier": None,
                     "sort_date": sort_date(date), "article_id": n + 1, "sentence": f"s{n + 1}",
                     "confidence": confidence})
    return rows


def test_the_lower_end_the_known_end_or_none():
    assert change_confidence({"confidence": 0.9}, {"confidence": 0.4}) == 0.4
    assert change_confidence({"confidence": 0.3}, {"confidence": 0.8}) == 0.3
    assert change_confidence({"confidence": None}, {"confidence": 0.6}) == 0.6
    assert change_confidence({}, {"confidence": 0.7}) == 0.7
    assert change_confidence({"confidence": 0.2}, {}) == 0.2
    assert change_confidence({}, {}) is None


def test_thread_changes_carry_the_confidence():
    [first, second] = thread_changes(_thread(("against", "2031-01-05", 0.9), ("for", "2031-02-05", 0.6),
                                             ("against", "2031-03-05", None)))
    assert (first["from"]["position_id"], first["to"]["position_id"], first["confidence"]) == (1, 2, 0.6)
    assert (second["from"]["position_id"], second["to"]["position_id"], second["confidence"]) == (2, 3, 0.6)
    [unknown] = thread_changes(_thread(("for", "2031-01-05", None), ("against", "2031-02-05", None)))
    assert unknown["confidence"] is None


def _positions(thread: list[dict]) -> list[dict]:
    """Thread rows as ``Store.list_positions`` gives them."""
    return [dict(r, evidence={"start": 0, "end": 2, "sentence": r["sentence"]}, is_past=False) for r in thread]


def test_a_hidden_stance_never_makes_a_false_change():
    # against (sure), for (unsure), for (sure): the one change is at the unsure stance; leaving the
    # unsure stance out of the thread must not move the change to the later sure one.
    rows = _positions(_thread(("against", "2031-01-05", 0.9), ("for", "2031-02-05", 0.2),
                              ("for", "2031-03-05", 0.9)))
    assert changed_positions(rows) == {2}
    assert changed_positions(rows, min_confidence=0.5) == set()
    assert changed_positions(rows, min_confidence=0.2) == {2}


def test_stored_changes_keep_their_confidence(tmp_path):
    st = scored_store(str(tmp_path / "tarrow.db"))
    try:
        got = {c["holder_name"]: c["confidence"] for c in st.list_changes()}
        # Marren 0.9 -> 0.3, the Council 0.8 -> 0.7, Pell 0.2 -> unknown
        assert got == {"Ilse Marren": 0.3, "Tarrow Council": 0.7, "Oskar Pell": 0.2}
        assert [c["holder_name"] for c in st.list_changes(min_confidence=0.5)] == ["Tarrow Council"]
        assert len(st.list_changes(min_confidence=0.2)) == 3
    finally:
        st.close()


def test_changes_derived_by_an_earlier_rule_are_derived_again_with_confidence(tmp_path):
    path = str(tmp_path / "tarrow.db")
    scored_store(path).close()
    # as a store linked before changes carried confidence: none stored, the rule's version 2
    con = sqlite3.connect(path)
    con.execute("UPDATE changes SET confidence = NULL")
    con.commit()
    con.close()
    st = open_store(path)
    try:
        st.save_link_state(changes.NAME, {"version": 2}, st.threads_since(0)[1], {})
        assert {c["confidence"] for c in st.list_changes()} == {None}
        assert changes.update(st) == 3  # every (holder, proposition) thread derived again
        assert sorted(c["confidence"] for c in st.list_changes()) == [0.2, 0.3, 0.7]
    finally:
        st.close()
