"""Analyst corrections in PostgreSQL behave as in SQLite: the same operations on both stores give the
same rows, and the same refusals (until the store contract covers them, this compares the two)."""
from __future__ import annotations

import pytest

from redline.errors import NotFound, StoreError
from redline.testing.store_contract import art


def _story(st) -> list:
    """Corrections made, listed, undone and refused; everything each step returned."""
    first, second = st.put_article(art()), st.put_article(art(key="k2", text="Rainfall in Dorne was low."))
    out = []
    merge = st.add_correction({"action": "merge", "target_kind": "entity", "target_id": 3,
                               "target_key": "person:rook", "value": {"into": "person:edvin-rook"},
                               "why": "one person", "by": "ana", "at": "2031-05-07T10:00:00+00:00"})
    note = st.add_correction({"action": "note", "target_kind": "quote", "target_key": "h|10|20", "value": "Välda",
                              "by": "ana", "at": "2031-05-07T10:01:00+00:00"})
    out += [merge, note, st.list_corrections()]
    undo = st.undo_correction(merge["id"], "ben", "not the same person", at="2031-05-08T09:00:00+00:00")
    out += [undo, st.list_corrections(), st.list_corrections(include_undone=True)]
    for bad in (lambda: st.undo_correction(merge["id"], "ben", None), lambda: st.undo_correction(undo["id"], "ben", None),
                lambda: st.add_correction({"action": "erase", "target_kind": "entity", "target_key": "x"}),
                lambda: st.add_correction({"action": "note", "target_kind": "entity", "target_key": ""})):
        with pytest.raises(StoreError) as err:
            bad()
        out.append(str(err.value))
    with pytest.raises(NotFound):
        st.undo_correction(999, None, None)
    out.append(st.article_hashes(ids=[first.id], hashes=[art(key="k2", text="Rainfall in Dorne was low.").content_hash]))
    out.append(st.article_hashes() == [] and (second.id, st.get_article(second.id)["content_hash"]))
    return out


def test_corrections_match_sqlite(tmp_path, pg_url):
    from redline.store import open_store

    sqlite, pg = open_store(str(tmp_path / "c.db")), open_store(pg_url)
    try:
        assert _story(pg) == _story(sqlite)
    finally:
        sqlite.close()
        pg.close()
