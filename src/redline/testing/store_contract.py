"""The store contract: what every backend must do, as a test suite any backend can run.

Subclass ``StoreContract`` in a test module and give it the backend::

    class TestMyStore(StoreContract):
        def make_store(self, tmp_path):
            return MyStore(...)

pytest collects the subclass (its name starts with "Test") and runs every test
below against it. This package is for tests only: pytest is imported here and
nowhere else in redline.
"""
from __future__ import annotations

import hashlib

import pytest

from ..records import Analysis, Entity, EntityTable, Mention
from ..store.base import CanonicalLinks, EntityRow, NewArticle, Store


def art(key="doc-1", text="Dorne and Quillon signed a ferry accord on Tuesday.", **kw) -> NewArticle:
    h = hashlib.sha256(text.encode()).hexdigest()
    base = dict(key=key, name=f"{key}.txt", raw=text.encode(), raw_format="text", raw_hash="r" + h, text=text,
                content_hash=h, title="Ferry accord", source="Quillon Weekly", published="2031-05-06",
                published_source="sidecar", published_confidence=1.0, categories=["World"])
    base.update(kw)
    return NewArticle(**base)


def analyzed(key: str, stance: str, date: str) -> NewArticle:
    """An article with one canonical entity holding one position, as the link stage hands it over."""
    text = f"Valdoria said it was {stance} the ferry accord."
    ents = [Entity("e1", "Valdoria", "GPE", aliases=["Valdoria"])]
    position = {"id": "p1", "holder_id": "e1", "speaker_id": None, "proposition": "the ferry accord",
                "proposition_key": "accord|ferry", "stance": stance, "qualifier": None, "date": date,
                "evidence": {"start": 0, "end": len(text), "sentence": text}}
    analysis = Analysis(text, date, EntityTable(ents, [Mention("e1", 0, 8, "Valdoria")]), positions=[position])
    links = CanonicalLinks([EntityRow("place:valdoria", "Valdoria", "GPE", "VLD", aliases=["Valdoria"])],
                           {"e1": "place:valdoria"}, [("place:valdoria", None)])
    return art(key=key, text=text, published=date, analysis=analysis, links=links)


class _Failing:
    """An analysis (or its links) that fails as soon as the store reads it."""

    def __getattr__(self, name):
        raise RuntimeError("disk on fire")


class StoreContract:
    """The backend-independent store tests; override ``make_store``."""

    def make_store(self, tmp_path) -> Store:
        raise NotImplementedError("a StoreContract subclass gives make_store(tmp_path)")

    @pytest.fixture
    def st(self, tmp_path):
        s = self.make_store(tmp_path)
        yield s
        s.close()

    def test_put_get_roundtrip(self, st):
        res = st.put_article(art())
        assert res.outcome == "ingested" and res.revision == 1
        a = st.get_article(res.id)
        assert a["text"].startswith("Dorne and Quillon") and a["title"] == "Ferry accord"
        assert a["categories"] == ["World"] and a["published"] == "2031-05-06" and a["current"] is True
        raw = st.get_raw(res.id)
        assert raw["content"] == art().raw and raw["raw_format"] == "text"
        assert st.get_article(res.id + 999) is None


    def test_same_article_twice_is_stored_once(self, st):
        first = st.put_article(art())
        again = st.put_article(art())
        assert again.outcome == "unchanged" and again.id == first.id
        assert st.count_articles() == 1


    def test_same_text_under_another_name_is_a_duplicate(self, st):
        first = st.put_article(art())
        dup = st.put_article(art(key="elsewhere"))
        assert dup.outcome == "unchanged" and dup.id == first.id and "same text" in dup.note


    def test_changed_text_is_a_new_revision(self, st):
        first = st.put_article(art())
        second = st.put_article(art(text="Dorne and Quillon signed a ferry accord on Tuesday, officials said."))
        assert second.outcome == "revised" and second.revision == 2 and second.id != first.id
        assert st.count_articles() == 1 and st.count_articles(all_revisions=True) == 2
        assert st.get_article(first.id)["current"] is False
        # Nothing the user stored is lost: the old revision keeps its text and raw content.
        assert st.get_raw(first.id)["content"] == art().raw


    def test_lookup_raw_finds_only_the_current_revision(self, st):
        a = art()
        res = st.put_article(a)
        assert st.lookup_raw(a.key, a.raw_hash) == res.id
        assert st.lookup_raw(a.key, "other") is None
        st.put_article(art(text="A different text entirely, about a bridge.", raw_hash="r2"))
        assert st.lookup_raw(a.key, a.raw_hash) is None


    def test_list_articles_orders_by_date_and_pages(self, st):
        for i, day in enumerate(["2031-05-01", "2031-05-03", None, "2031-05-02"]):
            st.put_article(art(key=f"k{i}", text=f"Story number {i} about the Vessa strait.", published=day))
        rows = st.list_articles(limit=10)
        assert [r["published"] for r in rows] == ["2031-05-03", "2031-05-02", "2031-05-01", None]
        assert "text" not in rows[0] and rows[0]["length"] > 0
        assert len(st.list_articles(limit=2, offset=1)) == 2


    def test_iter_articles_streams_all_with_text(self, st):
        for i in range(450):
            st.put_article(art(key=f"k{i}", text=f"Dispatch {i}: the harbour at Saltmarsh reopened."))
        got = list(st.iter_articles())
        assert len(got) == 450 and all("text" in a for a in got)
        assert [a["id"] for a in got] == sorted(a["id"] for a in got)


    def test_search_with_snippets_and_unsafe_syntax(self, st):
        st.put_article(art(text="The U.S.-style tariff on Quillon salt took effect in March."))
        st.put_article(art(key="k2", text="Rainfall in Dorne was the lowest on record."))
        [hit] = st.search("tariff")
        assert "<b>tariff</b>" in hit["snippet"]
        assert st.search('U.S.-style "tariff') != [] or st.search("U.S.-style") is not None  # never raises
        assert st.search("nonexistentword") == []


    def test_errors_are_recorded(self, st):
        st.record_error(path="feed.jsonl", line=3, stage="read", message="not valid JSON")
        st.record_error(path="a.txt", line=None, stage="read", message="sidecar bad", level="warning")
        errs = st.list_errors()
        assert [(e["path"], e["line"], e["level"]) for e in errs] == [("a.txt", None, "warning"), ("feed.jsonl", 3, "error")]


    def test_line_stats_count_articles_per_outlet(self, st):
        st.put_article(art(key="a", text="first", line_keys={"subscribe now", "first"}))
        st.put_article(art(key="b", text="second", line_keys={"subscribe now", "second"}))
        st.put_article(art(key="c", text="third", source="Other Outlet", line_keys={"subscribe now"}))
        counts, n = st.line_stats("Quillon Weekly", ["subscribe now", "first", "unseen"])
        assert n == 2 and counts == {"subscribe now": 2, "first": 1}
        assert st.line_stats("Nobody", ["x"]) == ({}, 0)


    def test_put_is_atomic(self, st):
        with pytest.raises(RuntimeError):
            st.put_article(art(analysis=_Failing(), links=_Failing()))  # fails while writing its records
        assert st.count_articles(all_revisions=True) == 0
        assert st.put_article(art()).outcome == "ingested"

    # -- what the link stage reads and writes ------------------------------------------
    def test_link_state_roundtrip(self, st):
        assert st.link_state("x") == (None, 0)
        st.save_link_state("x", {"version": 1}, 7, {"t": [("a", {"n": 1}), ("b", [1, 2])]})
        assert st.link_state("x") == ({"version": 1}, 7)
        assert st.link_items("x", "t", ["a", "b", "c"]) == {"a": {"n": 1}, "b": [1, 2]}
        st.save_link_state("x", {"version": 1}, 9, {"t": [("a", {"n": 2})]})
        assert st.link_items("x", "t", ["a"]) == {"a": {"n": 2}} and st.link_state("x")[1] == 9
        st.reset_link_state("x")
        assert st.link_state("x") == (None, 0) and st.link_items("x", "t", ["a"]) == {}

    def test_a_batch_is_written_whole_or_not_at_all(self, st):
        with pytest.raises(RuntimeError):
            with st.batch():
                st.save_link_state("x", {"version": 1}, 3, {})
                raise RuntimeError("interrupted")
        assert st.link_state("x") == (None, 0)
        with st.batch():
            st.save_link_state("x", {"version": 1}, 3, {})
        assert st.link_state("x") == ({"version": 1}, 3)

    def test_canonical_entities_as_the_link_stage_gives_them(self, st):
        a = st.put_article(analyzed("a1", "against", "2031-05-01"))
        [row] = list(st.canonical_entities())
        assert (row.key, row.name, row.type, row.country, row.aliases) == (
            "place:valdoria", "Valdoria", "GPE", "VLD", ["Valdoria"])
        ent = st.entity_by_key("place:valdoria")
        assert ent["name"] == "Valdoria" and st.entity_by_key("nobody") is None
        assert [e["id"] for e in st.find_entities("aldor")] == [ent["id"]]
        [p] = st.list_positions()
        assert (p["holder_id"], p["holder_name"], p["article_id"], p["stance"]) == (ent["id"], "Valdoria", a.id,
                                                                                     "against")
        assert st.proposition_labels() == [("accord|ferry", "the ferry accord")]
        assert st.list_positions(proposition_keys=[]) == []
        assert st.article_entity_keys(a.id) == ["place:valdoria"]
        assert st.entity_keys([ent["id"]]) == {ent["id"]: "place:valdoria"}

    def test_change_records_are_kept_by_thread(self, st):
        st.put_article(analyzed("a1", "against", "2031-05-01"))
        st.put_article(analyzed("a2", "for", "2031-06-01"))
        threads, last = st.threads_since(0)
        holder = st.entity_by_key("place:valdoria")["id"]
        assert threads == [(holder, "accord|ferry")] and last == 2
        [thread] = st.position_threads(threads)
        assert [(r["stance"], r["date"], r["article_id"]) for r in thread] == [
            ("against", "2031-05-01", 1), ("for", "2031-06-01", 2)]
        end = {k: thread[0][k] for k in ("stance", "date", "article_id", "sentence")}
        change = {"holder_id": holder, "holder_name": "Valdoria", "proposition_key": "accord|ferry",
                  "proposition": "the ferry accord", "from": {**end, "position_id": thread[0]["id"], "qualifier": None},
                  "to": {"stance": "for", "date": "2031-06-01", "position_id": thread[1]["id"], "article_id": 2,
                         "sentence": thread[1]["sentence"], "qualifier": None}}
        st.put_changes(threads, [change])
        assert st.list_changes() == [change]
        assert st.list_changes(since="2031-06-02") == [] and st.list_changes(since="2031-06") == [change]
        assert st.list_changes(holder_ids=[]) == [] and st.list_changes(proposition_keys=["accord|ferry"]) == [change]
        st.put_changes(threads, [])
        assert st.list_changes() == [] and st.threads_since(2) == ([], 2)
