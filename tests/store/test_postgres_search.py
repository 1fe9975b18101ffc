"""What only the PostgreSQL store does its own way: ranked full-text search over a generated tsvector
(GIN-indexed), names found through trigram (pg_trgm) indexes, and text it cannot hold."""
from __future__ import annotations

import pytest

from redline.testing.store_contract import analyzed, art


@pytest.fixture
def st(pg_url):
    from redline.store import open_store

    s = open_store(pg_url)
    yield s
    s.close()


def test_search_is_ranked_stemmed_and_highlighted(st):
    once = st.put_article(art(key="a", title="Harbour news", text="The tariff on salt was raised in March."))
    often = st.put_article(art(key="b", title="Tariffs", text="Tariffs, tariffs: the tariff war over salt tariffs."))
    st.put_article(art(key="c", title="Weather", text="Rainfall in Dorne was the lowest on record."))
    hits = st.search("tariff")
    assert [h["id"] for h in hits] == [often.id, once.id]  # more matches, and one in the title, rank first
    assert hits[0]["score"] > hits[1]["score"] > 0
    assert "<b>tariff</b>" in hits[1]["snippet"]  # the stemmed query matches "tariff" and "Tariffs"
    assert "<b>Tariffs</b>" in hits[0]["snippet"]
    assert set(hits[0]) == {"id", "title", "published", "source", "snippet", "score"}
    assert [h["id"] for h in st.search('"salt was raised"')] == [once.id]  # a phrase
    assert [h["id"] for h in st.search("salt -war")] == [once.id]  # a word left out
    assert st.search('U.S.-style "tariff (') is not None and st.search("") == []


def test_a_long_snippet_is_cut_with_an_ellipsis(st):
    words = " ".join(f"word{i}" for i in range(60))
    st.put_article(art(text=f"{words} the ferry accord was signed {words}"))
    [hit] = st.search("ferry")
    assert hit["snippet"].startswith("…") and hit["snippet"].endswith("…") and "<b>ferry</b>" in hit["snippet"]


def test_only_current_revisions_are_found(st):
    st.put_article(art(title="Timetable", text="The old ferry timetable."))
    new = st.put_article(art(title="Timetable", text="The new bridge timetable."))
    assert st.search("ferry") == [] and [h["id"] for h in st.search("bridge")] == [new.id]


def test_a_text_too_big_for_a_tsvector_is_stored_and_searchable_by_its_start(st):
    # Over a million distinct words: more than a tsvector holds (1 MB). The article must be stored.
    text = "Opening words about the harbour. " + " ".join(f"q{i:07x}" for i in range(150_000))
    res = st.put_article(art(text=text))
    assert res.outcome == "ingested" and st.get_article(res.id)["text"] == text
    assert [h["id"] for h in st.search("harbour")] == [res.id]


def _plan(st, sql: str, args) -> str:
    with st.transaction() as conn:
        conn.execute("SET LOCAL enable_seqscan = off")  # a table this small would be scanned otherwise
        return "\n".join(next(iter(r.values())) for r in conn.execute(f"EXPLAIN {sql}", args).fetchall())


def test_search_and_name_lookups_use_their_indexes(st):
    st.put_article(analyzed("a1", "against", "2031-05-01"))
    assert "articles_search" in _plan(st, "SELECT id FROM articles WHERE search @@ websearch_to_tsquery("
                                          "'english', %s)", ("ferry",))
    plan = _plan(st, "SELECT id FROM entities e WHERE e.name ILIKE %s OR e.aliases::text ILIKE %s",
                 ("%aldor%", "%aldor%"))
    assert "entities_name_trgm" in plan and "entities_aliases_trgm" in plan
    assert [e["name"] for e in st.find_entities("ALDOR")] == ["Valdoria"]  # any case, as SQLite's LIKE


def test_a_nul_in_a_metadata_field_is_dropped_not_a_lost_article(st):
    # PostgreSQL's text holds no NUL; the reader drops them from texts, the store from metadata fields.
    a = art(key="doc\x00-1", title="Ferry\x00 accord", line_keys={"subscribe\x00 now"})
    res = st.put_article(a)
    assert res.outcome == "ingested" and st.get_article(res.id)["title"] == "Ferry accord"
    assert st.lookup_raw(a.key, a.raw_hash) == res.id and st.put_article(a).outcome == "unchanged"
    assert st.line_stats("Quillon Weekly", ["subscribe\x00 now"]) == ({"subscribe now": 1}, 1)
