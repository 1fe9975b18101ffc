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
    # the headline of one of its articles: the one nearest the story's centroid
    assert rec["title"] in {a["title"] for a in ARTICLES if a["story"] == "dam"}
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


def test_a_story_without_headlines_has_no_title():
    # never a bag of its top terms: with no headline to show, the title is unknown
    index = StoryIndex()
    sid = index.add(1, ARTICLES[8]["text"], ARTICLES[8]["published"], ARTICLES[8]["keys"])
    assert index.story(sid)["title"] is None
    # a later article with a headline names it
    index.add(2, ARTICLES[9]["text"], ARTICLES[9]["published"], ARTICLES[9]["keys"], ARTICLES[9]["title"])
    assert index.story_of(2) == sid and index.story(sid)["title"] == ARTICLES[9]["title"]


def test_title_is_the_most_representative_headline():
    index = StoryIndex()
    dam = [a for a in ARTICLES if a["story"] == "dam"]
    for i, a in enumerate(dam):
        sid = index.add(i, a["text"], a["published"], a["keys"], a["title"])
    story = index._stories[sid]
    nearest = max(story.recent, key=lambda r: sum(w * story.centroid.get(t, 0.0) for t, w in r[1].items()))
    assert index.story(sid)["title"] == nearest[3]


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


# --- outlets, bylines and templates (issue 12) ------------------------------------------------------
# Invented: two outlets covering one inquiry into a bridge collapse in Selby;
# two daily market reports from one agency, signed by the same reporter.
INQUIRY = [
    {"source": "Harbour Wire", "published": "2025-03-14", "title": "Selby bridge inquiry summons port chief Edvin Harrow",
     "keys": ["person:edvin-harrow", "org:selby-port-authority", "place:selby", "place:arn-bridge"],
     "text": ("The public inquiry into the collapse of the Arn Bridge in Selby on Friday summoned port chief Edvin "
              "Harrow to explain why inspections of the bridge's cables were postponed twice last year. Inquiry chair "
              "Mirela Quast said engineers had warned the Selby Port Authority about corroded cables in a report that "
              "Harrow's office never answered. Four people died when the span fell into the Arn estuary in January. "
              "Harrow is due to give evidence on Tuesday.")},
    {"source": "Northwind Dispatch", "published": "2025-03-18", "title": "Port chief tells Arn Bridge inquiry he never saw cable warnings",
     "keys": ["person:edvin-harrow", "org:selby-port-authority", "place:selby", "place:arn-bridge", "person:mirela-quast"],
     "text": ("Edvin Harrow, head of the Selby Port Authority, told the inquiry into the Arn Bridge collapse that the "
              "engineers' report on corroded cables never reached his desk. Under questioning from inquiry chair "
              "Mirela Quast, Harrow said the postponed inspections were decided by a maintenance contractor. Families "
              "of the four people killed when the bridge fell into the estuary walked out of the hearing in protest. "
              "The inquiry resumes next week.")},
]
MARKETS = [
    {"source": "Harbour Wire", "published": "2025-03-11", "title": "Selby stocks close higher as miners rally on copper",
     "keys": ["org:selby-exchange", "org:harbour-wire", "person:ana-pirel", "org:tarn-mining"],
     "text": ("Shares on the Selby Exchange closed higher on Tuesday as mining stocks rallied on rising copper prices. "
              "The benchmark Selby 40 index rose 0.8 percent to 7,412 points, its best session in three weeks. Tarn "
              "Mining gained 4.1 percent after it raised its output forecast. Trading volume was 1.2 billion shares, "
              "above the monthly average. The local currency was steady against the dollar. "
              "Harbour Wire markets reporter Ana Pirel is based in Selby.")},
    {"source": "Harbour Wire", "published": "2025-03-12", "title": "Selby stocks slip as Quill Bank results disappoint",
     "keys": ["org:selby-exchange", "org:harbour-wire", "person:ana-pirel", "org:quill-bank"],
     "text": ("Shares on the Selby Exchange closed lower on Wednesday after Quill Bank reported a drop in quarterly "
              "profit. The benchmark Selby 40 index fell 0.5 percent to 7,375 points. Quill Bank lost 6.3 percent after "
              "bad loans to shipbuilders doubled. Trading volume was 1.1 billion shares, below the monthly average. "
              "The local currency was steady against the dollar. "
              "Harbour Wire markets reporter Ana Pirel is based in Selby.")},
]


def test_two_outlets_on_one_inquiry_form_one_story():
    index = StoryIndex()
    articles = ARTICLES + INQUIRY + MARKETS
    story_of = _ingest(index, articles)
    inquiry = {story_of[i] for i, a in enumerate(articles) if a in INQUIRY}
    assert len(inquiry) == 1
    [sid] = inquiry
    assert index.story(sid)["title"] in {a["title"] for a in INQUIRY}


def test_daily_market_reports_of_one_agency_are_separate_stories():
    # same outlet, byline, template and exchange; different days' trading
    index = StoryIndex()
    articles = ARTICLES + INQUIRY + MARKETS
    story_of = _ingest(index, articles)
    reports = [story_of[i] for i, a in enumerate(articles) if a in MARKETS]
    assert reports[0] != reports[1]
    inquiry = {story_of[i] for i, a in enumerate(articles) if a in INQUIRY}
    assert not inquiry & set(reports)
    for sid, a in zip(reports, MARKETS):
        assert index.story(sid)["title"] == a["title"]  # a headline, never a byline or a bag of terms


def test_market_reports_on_one_event_still_join():
    # the template explains the shared figures' sentences, not the shared event
    event = [
        "Shipping stocks fell after the council delayed the harbour levy vote until the Arn Bridge inquiry reports, "
        "leaving shipowners unsure of port fees.",
        "Shipowners' shares extended their losses as the delayed harbour levy and the Arn Bridge inquiry hearings kept "
        "port fees in doubt.",
    ]
    index = StoryIndex()
    sids = [index.add(i, e + " " + a["text"], a["published"], a["keys"], a["title"])
            for i, (e, a) in enumerate(zip(event, MARKETS))]
    assert sids[0] == sids[1]
