"""Position changes scope by scope: a reversal is reported, a limited allowance followed by
refusing the broader question is not (``link.changes.thread_changes``)."""
from __future__ import annotations

from redline.link.changes import _period, thread_changes as _scoped_changes
from redline.store.dates import sort_date


def _thread(*stances: tuple[str, str, str | None]) -> list[dict]:
    rows = []
    for n, (stance, date, qualifier) in enumerate(stances):
        rows.append({"id": n + 1, "holder_id": 7, "holder_name": "Valdoria", "proposition_key": "strike|agent=OST",
                     "proposition": "Ostrana striking", "stance": stance, "date": date, "qualifier": qualifier,
                     "sort_date": sort_date(date), "article_id": n + 1, "sentence": f"s{n + 1}"})
    return sorted(rows, key=lambda r: (r["sort_date"], r["article_id"]))


def _moves(*stances) -> list[tuple]:
    return [(c["from"]["position_id"], c["to"]["position_id"]) for c in _scoped_changes(_thread(*stances))]


def test_a_reversal_on_the_same_scope_is_a_change():
    assert _moves(("against", "2031-05-31", None), ("for", "2031-11-17", None)) == [(1, 2)]
    assert _moves(("for", "2031-05-31", "in Vetrograd"), ("against", "2031-11-17", "in Vetrograd")) == [(1, 2)]


def test_allowing_a_limited_scope_then_refusing_the_broader_question_is_no_change():
    assert _moves(("for", "2031-05-31", "limited to border areas"), ("against", "2031-11-18", None)) == []
    # ... and restating the limited allowance afterwards is no change either
    assert _moves(("for", "2031-05-31", "limited to border areas"), ("against", "2031-11-18", None),
                  ("for", "2031-12-02", "limited to border areas")) == []


def test_different_named_scopes_are_different_questions():
    assert _moves(("for", "2031-05-31", "in Vetrograd"), ("against", "2031-11-18", "deep inside Kazrania")) == []


def test_relaxing_part_of_a_refusal_and_refusing_part_of_an_allowance_are_changes():
    assert _moves(("against", "2031-01-10", None), ("for", "2031-05-31", "limited to border areas")) == [(1, 2)]
    assert _moves(("for", "2031-01-10", None), ("against", "2031-05-31", "in Vetrograd")) == [(1, 2)]
    assert _moves(("against", "2031-01-10", "in Vetrograd"), ("for", "2031-05-31", None)) == [(1, 2)]


def test_an_unqualified_report_takes_the_scope_another_gives_the_same_stance_in_that_period():
    # "in May, Valdoria gave the green light ... in Vetrograd" (a month) and an unqualified report of
    # the same allowance on 31 May: the later refusal at large is no reversal of it.
    rows = _thread(("for", "2031-05", "in Vetrograd"), ("for", "2031-05-31", None), ("against", "2031-11-18", None))
    assert _scoped_changes(rows) == []
    # an unqualified allowance in another period keeps the proposition at large
    assert _moves(("for", "2031-03", "in Vetrograd"), ("for", "2031-05-31", None),
                  ("against", "2031-11-18", None)) == [(2, 3)]


def _same_period(a: str, b: str) -> bool:
    (a0, a1), (b0, b1) = _period(a), _period(b)
    return a0 <= b1 and b0 <= a1


def test_periods():
    assert _period("2031-05") == ("2031-05-01", "2031-05-31") and _period("2031-05-31") == ("2031-05-31",) * 2
    assert _same_period("2031-05", "2031-05-31") and _same_period("2031", "2031-05-31")
    assert _same_period("2031-W22", "2031-05-31") and not _same_period("2031-W22", "2031-06-09")
    assert not _same_period("2031-04", "2031-05-01")


def test_filters_keep_whole_threads(tmp_path):
    """Filtering by holder, proposition or story gives the changes the unfiltered list has for them."""
    from redline.ingest import run_ingest
    from redline.store import open_store

    from conftest import EXAMPLES

    db = str(tmp_path / "x.db")
    run_ingest([str(EXAMPLES)], db=db)
    st = open_store(db)
    every = st.list_changes()
    assert every  # the examples tell a reversal
    c = every[0]
    assert st.list_changes(holder_ids=[c["holder_id"]]) == [x for x in every if x["holder_id"] == c["holder_id"]]
    assert st.list_changes(proposition_keys=[c["proposition_key"]]) == \
        [x for x in every if x["proposition_key"] == c["proposition_key"]]
    assert st.list_changes(proposition_keys=[]) == [] and st.list_changes(holder_ids=[]) == []
    for story in st.list_stories():
        ids = set(story["article_ids"])
        assert st.list_changes(story_id=story["id"]) == \
            [x for x in every if x["to"]["article_id"] in ids or x["from"]["article_id"] in ids]
    st.close()
