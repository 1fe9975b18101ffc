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

from ..records import Analysis, Entity, EntityTable, Mention, Quote
from ..store.base import CanonicalLinks, EntityRow, NewArticle, Store


def art(key="doc-1", text="Dorne and Quillon signed a ferry accord on Tuesday.", **kw) -> NewArticle:
    h = hashlib.sha256(text.encode()).hexdigest()
    base = dict(key=key, name=f"{key}.txt", raw=text.encode(), raw_format="text", raw_hash="r" + h, text=text,
                content_hash=h, title="Ferry accord", source="Quillon Weekly", published="2031-05-06",
                published_source="sidecar", published_confidence=1.0, categories=["World"])
    base.update(kw)
    return NewArticle(**base)


def analyzed(key: str, stance: str, date: str, tail: str = "") -> NewArticle:
    """An article with one canonical entity holding one position, as the link stage hands it over."""
    text = f"Valdoria said it was {stance} the ferry accord.{tail}"
    ents = [Entity("e1", "Valdoria", "GPE", aliases=["Valdoria"])]
    position = {"id": "p1", "holder_id": "e1", "speaker_id": None, "proposition": "the ferry accord",
                "proposition_key": "accord|ferry", "stance": stance, "qualifier": None, "date": date,
                "evidence": {"start": 0, "end": len(text), "sentence": text}}
    analysis = Analysis(text, date, EntityTable(ents, [Mention("e1", 0, 8, "Valdoria")]), positions=[position])
    links = CanonicalLinks([EntityRow("place:valdoria", "Valdoria", "GPE", "VLD", aliases=["Valdoria"])],
                           {"e1": "place:valdoria"}, [("place:valdoria", None)])
    return art(key=key, text=text, published=date, analysis=analysis, links=links)


SCORED_TEXT = ("Rook, speaking to the Harbour Wire, said: \"We back the ferry accord.\" "
               "Valdoria rejected the toll plan. Valdoria may sign the accord.")


def _quote(n: int, text: str, start: int, **scored) -> Quote:
    """A quote with confidence and channel set as attributes: this works whether or not the Quote
    class declares them yet (the store reads them with getattr)."""
    q = Quote(f"q{n}", text, start, start + len(text), direct=True, cue="said", speaker_text="Rook",
              speaker_start=0, speaker_end=4, speaker_id="e2")
    for k, v in scored.items():
        setattr(q, k, v)
    return q


def scored(key: str = "scored", confidences: tuple = (0.9, None, 0.3, None, 0.8, 0.2), tail: str = "") -> NewArticle:
    """An article whose quotes, events and positions carry these confidences, two of each
    (None: the stage gave none). The first quote names its channel ("Harbour Wire")."""
    text = SCORED_TEXT + tail
    cq1, cq2, ce1, ce2, cp1, cp2 = confidences
    ents = [Entity("e1", "Valdoria", "GPE", aliases=["Valdoria"]), Entity("e2", "Rook", "PERSON", aliases=["Rook"])]
    said = text.index("We back")
    quotes = [_quote(1, "We back the ferry accord.", said, confidence=cq1, channel="Harbour Wire",
                     channel_start=text.index("Harbour Wire"), channel_end=text.index("Harbour Wire") + 12),
              _quote(2, "the toll plan", text.index("the toll plan"))]
    if cq2 is not None:
        quotes[1].confidence = cq2
    second, third = text.index("Valdoria rejected"), text.index("Valdoria may")
    events = []
    for n, (kind, at, conf) in enumerate((("REJECT", second, ce1), ("AGREE", third, ce2))):
        e = {"id": f"v{n + 1}", "type": kind, "trigger": "rejected" if n == 0 else "sign", "actor_ids": ["e1"],
             "modality": "asserted" if n == 0 else "hypothetical", "date": {"start": "2031-05-06",
                                                                             "end": "2031-05-06", "text": None},
             "evidence": [{"start": at, "end": at + 30, "sentence": text[at:at + 30]}]}
        if conf is not None:
            e["confidence"] = conf
        events.append(e)
    positions = []
    for n, (stance, prop, pkey, conf) in enumerate((("for", "the ferry accord", "accord|ferry", cp1),
                                                    ("against", "the toll plan", "plan|toll", cp2))):
        p = {"id": f"p{n + 1}", "holder_id": "e1", "speaker_id": None, "proposition": prop,
             "proposition_key": pkey, "stance": stance, "qualifier": None, "date": "2031-05-06",
             "evidence": {"start": second, "end": third, "sentence": text[second:third]}}
        if conf is not None:
            p["confidence"] = conf
        positions.append(p)
    analysis = Analysis(text, "2031-05-06", EntityTable(ents, [Mention("e1", second, second + 8, "Valdoria"),
                                                               Mention("e2", 0, 4, "Rook")]),
                        quotes=quotes, events=events, positions=positions)
    links = CanonicalLinks([EntityRow("place:valdoria", "Valdoria", "GPE", "VLD", aliases=["Valdoria"]),
                            EntityRow("person:rook", "Rook", "PERSON", aliases=["Rook"])],
                           {"e1": "place:valdoria", "e2": "person:rook"},
                           [("place:valdoria", None), ("place:valdoria", None)])
    return art(key=key, text=text, analysis=analysis, links=links)


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
        change["confidence"] = None  # none given: kept as null
        assert st.list_changes() == [change]
        assert st.list_changes(since="2031-06-02") == [] and st.list_changes(since="2031-06") == [change]
        assert st.list_changes(holder_ids=[]) == [] and st.list_changes(proposition_keys=["accord|ferry"]) == [change]
        st.put_changes(threads, [])
        assert st.list_changes() == [] and st.threads_since(2) == ([], 2)

    # -- confidence, channel ------------------------------------------------------------
    def test_confidence_and_channel_round_trip(self, st):
        st.put_article(scored())
        q1, q2 = st.list_quotes()
        assert (q1["confidence"], q1["channel"]) == (0.9, "Harbour Wire")
        assert SCORED_TEXT[q1["channel_start"]:q1["channel_end"]] == "Harbour Wire"
        assert (q2["confidence"], q2["channel"], q2["channel_start"], q2["channel_end"]) == (None, None, None, None)
        assert [e["confidence"] for e in st.list_events()] == [0.3, None]  # top level, null when absent
        assert [p["confidence"] for p in st.list_positions()] == [0.8, 0.2]
        [thread] = st.position_threads([(st.list_positions()[0]["holder_id"], "accord|ferry")])
        assert [r["confidence"] for r in thread] == [0.8]

    def test_min_confidence_keeps_records_at_or_over_it_and_those_with_none(self, st):
        st.put_article(scored())
        assert [q["text"] for q in st.list_quotes(min_confidence=0.95)] == ["the toll plan"]  # null kept
        assert len(st.list_quotes(min_confidence=0.9)) == 2 and len(st.list_quotes(min_confidence=None)) == 2
        assert [e["type"] for e in st.list_events(min_confidence=0.5)] == ["AGREE"]  # 0.3 left out, null kept
        assert [e["type"] for e in st.list_events(min_confidence=0.3)] == ["REJECT", "AGREE"]
        assert [p["stance"] for p in st.list_positions(min_confidence=0.5)] == ["for"]
        assert [p["stance"] for p in st.list_positions(min_confidence=0.0)] == ["for", "against"]
        holder = st.list_positions()[0]["holder_id"]
        # the threshold combines with the other filters
        assert st.list_positions(holder_ids=[holder], proposition_keys=["plan|toll"], min_confidence=0.5) == []
        assert len(st.list_quotes(article_id=1, min_confidence=0.95, limit=1)) == 1
        assert st.list_events(type="REJECT", min_confidence=0.31) == []

    def test_change_confidence_is_kept_and_filtered(self, st):
        st.put_article(analyzed("a1", "against", "2031-05-01"))
        st.put_article(analyzed("a2", "for", "2031-06-01"))
        st.put_article(analyzed("a3", "against", "2031-07-01", tail=" Again."))
        threads, _ = st.threads_since(0)
        [thread] = st.position_threads(threads)
        holder = thread[0]["holder_id"]

        def change(a, b, confidence):
            end = lambda r: {k: r[k] for k in ("stance", "date", "article_id", "sentence")} | {  # noqa: E731
                "position_id": r["id"], "qualifier": None}
            c = {"holder_id": holder, "proposition_key": "accord|ferry", "proposition": "the ferry accord",
                 "from": end(a), "to": end(b)}
            return c if confidence is None else c | {"confidence": confidence}

        st.put_changes(threads, [change(thread[0], thread[1], 0.4), change(thread[1], thread[2], None)])
        rows = st.list_changes()
        assert [c["confidence"] for c in rows] == [0.4, None]
        assert [c["to"]["date"] for c in st.list_changes(min_confidence=0.5)] == ["2031-07-01"]
        assert len(st.list_changes(min_confidence=0.4)) == 2
        assert st.list_changes(min_confidence=0.5, since="2031-08") == []

    def test_a_merged_event_keeps_the_higher_confidence(self, st):
        st.put_article(scored("s1", (None, None, 0.3, None, None, None)))
        st.put_article(scored("s2", (None, None, 0.7, None, None, None), tail=" More later."))
        first, second = [e for e in st.list_events() if e["type"] == "REJECT"]
        assert (first["confidence"], second["confidence"]) == (0.3, 0.7)
        st.place_event(first["id"], "ev1")
        assert st.place_event(second["id"], "ev1") == 1
        [merged] = [e for e in st.list_events() if e["type"] == "REJECT"]
        assert merged["confidence"] == 0.7 and len(merged["evidence"]) == 2

    # -- analyst corrections ---------------------------------------------------------
    def test_watches_and_feeds_round_trip(self, st):
        from ..errors import NotFound

        w = st.add_watch("staying in the race", "proposition")
        assert (w["query"], w["kind"], w["seen_article_id"]) == ("staying in the race", "proposition", 0)
        e = st.add_watch("Mara Quill", "entity")
        assert [x["id"] for x in st.list_watches()] == [w["id"], e["id"]]
        st.mark_watch_seen(w["id"], 7)
        st.mark_watch_seen(w["id"], 3)  # a look never goes back
        assert next(x for x in st.list_watches() if x["id"] == w["id"])["seen_article_id"] == 7
        st.remove_watch(e["id"])
        assert [x["id"] for x in st.list_watches()] == [w["id"]]
        with pytest.raises(NotFound):
            st.remove_watch(e["id"])
        with pytest.raises(ValueError):
            st.add_watch("x", "mood")
        f = st.add_feed("https://wire.example/feed.xml")
        assert st.add_feed("https://wire.example/feed.xml")["id"] == f["id"] and f["seen"] == []
        st.mark_feed_polled(f["url"], ["https://wire.example/a1", "https://wire.example/a2"])
        st.mark_feed_polled(f["url"], ["https://wire.example/a2", "https://wire.example/a3"])
        [feed] = st.list_feeds()
        assert feed["seen"] == ["https://wire.example/a1", "https://wire.example/a2", "https://wire.example/a3"]
        assert feed["polled_at"]
        with pytest.raises(NotFound):
            st.mark_feed_polled("https://elsewhere.example/feed", [])

    def test_corrections_round_trip_and_undo(self, st):
        from ..errors import NotFound, StoreError

        made = st.add_correction({"action": "merge", "target_kind": "entity", "target_id": "2",
                                  "target_key": '["place:dorne"]', "value": {"into": "place:valdoria"},
                                  "why": "one state", "by": "ana", "at": "2031-05-06T10:00:00+00:00"})
        assert made["id"] and made["undone_by"] is None and made["value"] == {"into": "place:valdoria"}
        assert (made["at"], made["by"], made["why"], made["target_id"]) == \
            ("2031-05-06T10:00:00+00:00", "ana", "one state", "2")
        note = st.add_correction({"action": "note", "target_kind": "quote", "target_id": 5,
                                  "target_key": '["h",1,4]', "value": {"text": "ünïcode ✓"}, "why": None, "by": None})
        assert note["at"] and note["target_id"] == "5" and note["value"] == {"text": "ünïcode ✓"}
        assert [c["id"] for c in st.list_corrections()] == [made["id"], note["id"]]
        undo = st.undo_correction(made["id"], "bo", "wrong")
        assert (undo["action"], undo["target_kind"], undo["target_id"], undo["by"], undo["why"]) == \
            ("undo", "correction", str(made["id"]), "bo", "wrong")
        assert [c["id"] for c in st.list_corrections()] == [note["id"]]
        every = st.list_corrections(include_undone=True)
        assert [(c["id"], c["undone_by"]) for c in every] == [(made["id"], undo["id"]), (note["id"], None),
                                                              (undo["id"], None)]
        with pytest.raises(StoreError):
            st.undo_correction(made["id"], None, None)  # already undone
        with pytest.raises(StoreError):
            st.undo_correction(undo["id"], None, None)  # an undo is not undone
        with pytest.raises(NotFound):
            st.undo_correction(9999, None, None)
        with pytest.raises(StoreError):
            st.add_correction({"action": "dance", "target_kind": "entity", "target_key": "[]"})

    def test_article_hashes_find_current_articles_by_id_and_hash(self, st):
        first = st.put_article(art())
        second = st.put_article(art(text="Dorne and Quillon signed it on Wednesday."))
        old_hash = hashlib.sha256(art().text.encode()).hexdigest()
        new_hash = hashlib.sha256(b"Dorne and Quillon signed it on Wednesday.").hexdigest()
        assert st.article_hashes(ids=[first.id, second.id]) == sorted([(first.id, old_hash), (second.id, new_hash)])
        assert st.article_hashes(hashes=[new_hash, old_hash]) == [(second.id, new_hash)]  # current only
        assert st.article_hashes() == []
