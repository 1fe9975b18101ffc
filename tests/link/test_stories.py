"""Story grouping on invented articles, and on the two seeds when ../shared is present."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from redline.link.stories import StoryIndex, StorySettings

from .fixtures import ARTICLES

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


def _ingest(index: StoryIndex, articles: list[dict], start: int = 0) -> dict[int, int]:
    """article id -> story id, adding in date order as a daily ingest would."""
    order = sorted(range(len(articles)), key=lambda i: articles[i]["published"])
    return {start + i: index.add(start + i, articles[i]["text"], articles[i]["published"], articles[i]["keys"],
                                 title=articles[i].get("title")) for i in order}


def _groups(story_of: dict[int, int], articles: list[dict], start: int = 0) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for aid, sid in story_of.items():
        out.setdefault(articles[aid - start]["story"], set()).add(sid)
    return out


def test_fixture_stories_group_exactly():
    index = StoryIndex()
    story_of = _ingest(index, ARTICLES)
    groups = _groups(story_of, ARTICLES)
    # Each invented story is one story id, and no two invented stories share one.
    assert all(len(sids) == 1 for sids in groups.values()), groups
    ids = [next(iter(s)) for s in groups.values()]
    assert len(set(ids)) == len(ids)
    assert len(index) == 4


def test_developing_story_record_spans_months():
    index = StoryIndex()
    story_of = _ingest(index, ARTICLES)
    dam_id = story_of[0]
    rec = index.story(dam_id)
    assert rec["first_date"] == "2031-02-03" and rec["last_date"] == "2031-09-15"
    assert sorted(rec["article_ids"]) == [i for i, a in enumerate(ARTICLES) if a["story"] == "dam"]
    assert rec["title"] == ARTICLES[0]["title"]  # the first article's headline
    assert {r["id"] for r in index.stories()} == set(story_of.values())


def test_shared_country_alone_does_not_join():
    # The football final is in Valdoria, a day after the dam shelling report:
    # the country key is shared, the text is not.
    index = StoryIndex()
    story_of = _ingest(index, ARTICLES)
    cup = [i for i, a in enumerate(ARTICLES) if a["story"] == "cup"]
    assert story_of[cup[0]] != story_of[0]


def test_story_expires_after_the_window():
    settings = StorySettings(window_days=60)
    index = StoryIndex(settings)
    first, later = ARTICLES[0], ARTICLES[4]  # February, then September: a 224-day silence
    a = index.add(1, first["text"], first["published"], first["keys"], first["title"])
    b = index.add(2, later["text"], later["published"], later["keys"], later["title"])
    assert a != b
    index = StoryIndex()  # with the default window (270 days) the strong match survives the gap
    a = index.add(1, first["text"], first["published"], first["keys"], first["title"])
    b = index.add(2, later["text"], later["published"], later["keys"], later["title"])
    assert a == b


def test_out_of_order_dates_extend_the_span_backwards():
    index = StoryIndex()
    for i in (3, 2, 1):
        a = ARTICLES[i]
        sid = index.add(i, a["text"], a["published"], a["keys"], a["title"])
    rec = index.story(sid)
    assert rec["first_date"] == "2031-02-20" and rec["last_date"] == "2031-06-02"


def test_undated_article_and_no_entities_still_link_by_text():
    index = StoryIndex()
    a, b = ARTICLES[1], ARTICLES[3]
    first = index.add(1, a["text"], a["published"], [], a["title"])
    assert index.add(2, b["text"], None, [], None) == first
    rec = index.story(first)
    assert rec["first_date"] == rec["last_date"] == a["published"]


def test_title_falls_back_to_top_terms():
    index = StoryIndex()
    sid = index.add(1, ARTICLES[8]["text"], ARTICLES[8]["published"], ARTICLES[8]["keys"])
    title = index.story(sid)["title"]
    assert "cheese" in title.split() or "tariff" in title.split()


def test_state_round_trip_continues_identically():
    first, rest = ARTICLES[:6], ARTICLES[6:]
    live = StoryIndex()
    _ingest(live, first)
    restored = StoryIndex.from_state(json.loads(json.dumps(live.state())))
    assert restored.stories() == live.stories()
    assert _ingest(restored, rest, start=6) == _ingest(live, rest, start=6)


def test_state_version_mismatch_is_refused():
    state = StoryIndex().state()
    state["version"] = 0
    with pytest.raises(ValueError, match="rebuild"):
        StoryIndex.from_state(state)


def test_candidates_are_bounded_by_the_posting_cap():
    # Hundreds of near-identical short stories all share the same terms; the
    # number of stories scored for a new article must stay at max_candidates.
    settings = StorySettings(threshold=2.0, posting_cap=16, max_candidates=8)  # 2.0: every article starts a story
    index = StoryIndex(settings)
    for i in range(300):
        index.add(i, f"Harbour cranes idle at Port Amsel dock number {i} as dockers strike", "2031-05-01", ["place:port-amsel"])
    assert len(index) == 300
    from redline.link.tokens import day_number, term_counts

    vec = index._vector(term_counts("Dockers strike again at the Port Amsel harbour cranes"))
    cands = index._candidates(vec, {"place:port-amsel": index._eidf("place:port-amsel")}, day_number("2031-05-02"))
    assert 0 < len(cands) <= settings.max_candidates
    assert all(len(p) <= settings.posting_cap for p in index._postings.values())


def _seed_articles() -> list[dict]:
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        meta = json.loads(path.with_suffix(".meta.json").read_text())
        text = path.read_text(encoding="utf-8")
        out.append({"story": "seed", "published": meta["published"], "title": meta.get("title"), "text": text,
                    "keys": _capitalised_keys(text)})
    return out


def _capitalised_keys(text: str) -> list[str]:
    """A parse-free stand-in for canonical entity keys: capitalised word runs."""
    return sorted({m.group().lower() for m in re.finditer(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*", text)
                   if len(m.group()) > 3})


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")
def test_seeds_form_one_story_that_fixtures_do_not_join():
    seeds = _seed_articles()
    assert len(seeds) == 2
    # The fixtures (Feb-Sep 2031) are moved to May-Dec 2024, so they compete with the seeds within the window.
    shift = date(2031, 2, 3) - date(2024, 5, 1)
    redated = [dict(a, published=(date.fromisoformat(a["published"]) - shift).isoformat()) for a in ARTICLES]
    articles = redated + seeds
    index = StoryIndex()
    story_of = _ingest(index, articles)
    seed_ids = {story_of[i] for i, a in enumerate(articles) if a["story"] == "seed"}
    assert len(seed_ids) == 1
    sid = seed_ids.pop()
    assert sorted(index.story(sid)["article_ids"]) == [i for i, a in enumerate(articles) if a["story"] == "seed"]
    assert index.story(sid)["first_date"] == seeds[0]["published"]
    assert index.story(sid)["last_date"] == seeds[1]["published"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")
def test_seeds_with_pipeline_entity_keys():
    from redline.link.entities import EntityIndex
    from redline.extract.entities import extract_entities
    from redline.nlp import load_model

    nlp, entities = load_model(), EntityIndex()
    index = StoryIndex()
    sids = []
    for i, a in enumerate(_seed_articles()):
        table = extract_entities(nlp(a["text"]), a["published"])
        keys = {entities.add(e) for e in table.entities}
        sids.append(index.add(i, a["text"], a["published"], keys, a["title"]))
    assert sids[0] == sids[1]


def test_adding_an_article_twice_changes_nothing():
    index = StoryIndex()
    a = ARTICLES[0]
    sid = index.add(7, a["text"], a["published"], a["keys"], a["title"])
    before = index.state()
    assert index.add(7, a["text"], a["published"], a["keys"], a["title"]) == sid
    assert index.state() == before
    assert index.story_of(7) == sid and index.story_of(8) is None
