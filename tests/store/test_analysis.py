"""Analysis records in the store: canonical entities across articles, quotes, times, export.

Entities are made canonical by the link stage (``link.entities.EntityLinker``) just
before an article is stored, so articles are put through it, as ingest does."""
from __future__ import annotations

import hashlib
import weakref

from redline.query.export import iter_records
from redline.records import Analysis, Entity, EntityTable, Mention, Quote, Role, TimeExpr
from redline.link.entities import EntityLinker, find_entities
from redline.store import NewArticle, SQLiteStore

_LINKERS: "weakref.WeakKeyDictionary[SQLiteStore, EntityLinker]" = weakref.WeakKeyDictionary()


def put(st: SQLiteStore, a: NewArticle):
    """Store an article as ingest does: canonical entities (one index per store), then put_article."""
    linker = _LINKERS.get(st)
    if linker is None:
        linker = _LINKERS[st] = EntityLinker(st)
    return linker.put(a)


def article(key: str, text: str, analysis: Analysis, published: str) -> NewArticle:
    h = hashlib.sha256(text.encode()).hexdigest()
    return NewArticle(key=key, name=key, raw=text.encode(), raw_format="text", raw_hash=h, text=text, content_hash=h,
                      published=published, analysis=analysis)


def first_article() -> NewArticle:
    text = "Chancellor Edvin Harrow of Valdoria said on Friday that Valdoria would wait. \"Not yet,\" he said."
    ents = [
        Entity("e1", "Edvin Harrow", "PERSON", aliases=["Edvin Harrow"], gender="m",
               roles=[Role("chancellor", country=None, first_seen="2031-03-07", last_seen="2031-03-07")]),
        Entity("e2", "Valdoria", "GPE", aliases=["Valdoria"]),
    ]
    mentions = [Mention("e1", 11, 23, "Edvin Harrow"), Mention("e2", 27, 35, "Valdoria"),
                Mention("e2", 56, 64, "Valdoria")]
    quotes = [Quote("q1", "Not yet,", 78, 86, True, cue="said", speaker_text="he", speaker_start=88,
                    speaker_end=90, speaker_id="e1", how="pronoun")]
    times = [TimeExpr("on Friday", 41, 50, "DATE", "2031-03-07", anchor="2031-03-07")]
    return article("a1", text, Analysis(text, "2031-03-07", EntityTable(ents, mentions), times, quotes), "2031-03-07")


def second_article() -> NewArticle:
    text = "Harrow reversed course. Valdoria approved the request."
    ents = [Entity("e1", "Harrow", "PERSON", aliases=["Harrow"]), Entity("e2", "Valdoria", "GPE", aliases=["Valdoria"])]
    mentions = [Mention("e1", 0, 6, "Harrow"), Mention("e2", 24, 32, "Valdoria")]
    return article("a2", text, Analysis(text, "2031-05-16", EntityTable(ents, mentions)), "2031-05-16")


def test_entities_are_canonical_across_articles(tmp_path):
    st = SQLiteStore(str(tmp_path / "a.db"))
    put(st, first_article())
    put(st, second_article())
    people = st.list_entities(type="PERSON")
    assert [(p["name"], p["mentions"], p["articles"]) for p in people] == [("Edvin Harrow", 2, 2)]
    assert people[0]["roles"][0]["title"] == "chancellor"
    [harrow] = find_entities(st, "Harrow")
    assert harrow["id"] == people[0]["id"]
    ms = st.entity_mentions(harrow["id"])
    assert [m["sentence"] for m in ms] == [
        "Chancellor Edvin Harrow of Valdoria said on Friday that Valdoria would wait.", "Harrow reversed course."]
    st.close()


def test_index_survives_reopening(tmp_path):
    path = str(tmp_path / "b.db")
    st = SQLiteStore(path)
    put(st, first_article())
    st.close()
    st = SQLiteStore(path)  # a new process: the index is rebuilt from the table
    put(st, second_article())
    assert len(st.list_entities(type="PERSON")) == 1
    st.close()


def test_quotes_and_times_are_stored_with_resolved_speakers(tmp_path):
    st = SQLiteStore(str(tmp_path / "c.db"))
    res = put(st, first_article())
    [q] = st.list_quotes()
    assert (q["text"], q["speaker_name"], q["speaker_text"], q["how"], q["direct"]) == (
        "Not yet,", "Edvin Harrow", "he", "pronoun", True)
    [t] = st.list_times(article_id=res.id)
    assert (t["text"], t["value"], t["type"]) == ("on Friday", "2031-03-07", "DATE")
    harrow = find_entities(st, "Edvin Harrow")[0]
    assert len(st.list_quotes(speaker_ids=[harrow["id"]])) == 1
    assert st.list_quotes(speaker_ids=[]) == []
    st.close()


def test_export_has_every_kind_with_contract_fields(tmp_path):
    st = SQLiteStore(str(tmp_path / "d.db"))
    put(st, first_article())
    recs = list(iter_records(st))
    kinds = [r["kind"] for r in recs]
    assert kinds[0] == "entity" and {"article", "mention", "quote", "time"} <= set(kinds)
    ent = next(r for r in recs if r["kind"] == "entity" and r["name"] == "Edvin Harrow")
    assert set(ent) >= {"id", "name", "type", "country", "aliases", "roles"}
    q = next(r for r in recs if r["kind"] == "quote")
    assert q["speaker_id"] == ent["id"] and set(q) >= {"id", "article_id", "text", "start", "end", "direct", "cue",
                                                     "speaker_text", "speaker_start", "speaker_end"}
    st.close()


def test_failed_write_does_not_leave_stale_entities(tmp_path, monkeypatch):
    st = SQLiteStore(str(tmp_path / "e.db"))
    bad = first_article()
    bad.analysis.quotes[0].speaker_id = "e1"
    original = st._put_analysis

    def explode(db, article_id, art):
        original(db, article_id, art)
        raise KeyboardInterrupt

    monkeypatch.setattr(st, "_put_analysis", explode)
    try:
        put(st, bad)
    except KeyboardInterrupt:
        pass
    monkeypatch.undo()
    assert st.count_articles() == 0 and st.list_entities() == []
    put(st, second_article())
    assert [e["name"] for e in st.list_entities(type="PERSON")] == ["Harrow"]
    st.close()


def test_a_head_of_government_known_from_another_article_holds_for_the_state(tmp_path, monkeypatch):
    import copy

    from redline.extract.lexicon import gazetteer

    g = copy.deepcopy(gazetteer.load())
    g.add(gazetteer.GazEntry("country:VLD", "Valdoria", "GPE", "country", "VLD"), ["Valdoria"])
    monkeypatch.setattr(gazetteer, "load", lambda: g)  # the link stage makes the state's entity from the gazetteer
    first = "Valdorian Chancellor Edvin Harrow opened parliament on Monday."
    harrow = Entity("e1", "Edvin Harrow", "PERSON", aliases=["Edvin Harrow"],
                    roles=[Role("chancellor", country="VLD", first_seen="2031-03-03", last_seen="2031-03-03")])
    later = "Chancellor Edvin Harrow refused to allow Ostrana to strike inside Kazrania."
    position = {"id": "p1", "holder_id": "e1", "speaker_id": None, "proposition": "Ostrana striking inside Kazrania",
                "proposition_key": "strike|agent=ostrana|target=kazrania", "stance": "against", "qualifier": None,
                "date": "2031-03-05", "evidence": {"start": 0, "end": len(later), "sentence": later}}
    st = SQLiteStore(str(tmp_path / "s.db"))
    put(st, article("a1", first, Analysis(first, "2031-03-03", EntityTable(
        [harrow], [Mention("e1", 21, 33, "Edvin Harrow")])), "2031-03-03"))
    # The later article gives him his title but not his country.
    put(st, article("a2", later, Analysis(later, "2031-03-05", EntityTable(
        [Entity("e1", "Edvin Harrow", "PERSON", aliases=["Edvin Harrow"], roles=[Role("chancellor")])],
        [Mention("e1", 11, 23, "Edvin Harrow")]), positions=[position]), "2031-03-05"))
    [p] = st.list_positions(limit=None)
    assert (p["holder_name"], p["speaker_name"], p["stance"]) == ("Valdoria", "Edvin Harrow", "against")
    st.close()
