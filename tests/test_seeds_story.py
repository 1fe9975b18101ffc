"""The acceptance test of the product (issue 4): ingest ../shared/seeds, then ask for
positions, changes, stories and Russia's side, through the store as the CLI does."""
from __future__ import annotations

import pytest

from redline.ingest import run_ingest
from redline.link.about import positions_about
from redline.link.entities import find_entities
from redline.store import open_store

pytestmark = pytest.mark.shared

ABOUT = "strikes inside Russia with Western weapons"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from conftest import SEEDS

    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    db = str(tmp_path_factory.mktemp("story") / "seeds.db")
    summary = run_ingest([str(SEEDS)], db=db)
    assert summary.counts["ingested"] == 2
    s = open_store(db)
    yield s
    s.close()


@pytest.fixture(scope="module")
def positions(store):
    rows = positions_about(store, ABOUT, limit=None)
    dates = {a["id"]: a["published"] for a in store.list_articles()}
    for p in rows:
        p["published"] = dates[p["article_id"]]
    return rows


def find(positions, published, holder, stance, weapon=None, date=None):
    hits = [p for p in positions if p["published"] == published and p["holder_name"] == holder
            and p["stance"] == stance and ("weapon=" + (weapon or "*")) in p["proposition_key"]
            and (date is None or p["date"] == date)]
    assert hits, f"missing: {holder} {stance} {weapon or 'general'} in the {published} article"
    assert all(p["evidence"]["sentence"] for p in hits)
    return hits


def test_first_article_positions(positions):
    first = "2024-05-31"
    us = find(positions, first, "United States", "for", date=first)
    assert any("border areas near Kharkiv" in (p.get("qualifier") or "") for p in us)
    find(positions, first, "Germany", "for", date=first)
    find(positions, first, "United States", "against", weapon="atacms")
    assert any(p["holder_name"] == "Germany" and p["stance"] == "against" and "taurus" in p["proposition_key"]
               and p["published"] == first for p in positions)
    france = find(positions, first, "France", "for", date="2024-05-28")
    assert france[0]["speaker_name"] == "Emmanuel Macron"
    assert any(p["published"] == first and p["stance"] == "for" and "Stoltenberg" in p["evidence"]["sentence"]
               for p in positions)


def test_second_article_positions(positions):
    second = "2024-11-18"
    find(positions, second, "United States", "for", weapon="atacms")
    find(positions, second, "France", "for")
    find(positions, second, "United Kingdom", "for")
    find(positions, second, "Italy", "against")
    find(positions, second, "Germany", "against")


def test_no_wrong_polarity_on_the_narrow_proposition(positions):
    atacms = [p for p in positions if p["holder_name"] == "United States" and "weapon=atacms" in p["proposition_key"]]
    assert {p["stance"] for p in atacms if p["published"] == "2024-05-31"} == {"against"}
    assert {p["stance"] for p in atacms if p["published"] == "2024-11-18"} == {"for"}
    not_ready = [p for p in positions if "not ready to allow" in p["evidence"]["sentence"]]
    assert not_ready and all(p["stance"] == "against" for p in not_ready)


def test_the_change(store):
    changes = store.list_changes()
    us = [c for c in changes if c["holder_name"] == "United States" and "weapon=atacms" in c["proposition_key"]]
    assert len(us) == 1
    assert (us[0]["from"]["stance"], us[0]["to"]["stance"]) == ("against", "for")
    assert us[0]["from"]["date"] == "2024-05-31" and us[0]["to"]["date"].startswith("2024-11")


def test_a_limited_allowance_then_refusing_wider_strikes_is_no_reversal(store):
    """Germany allowed its weapons for strikes in Belgorod in May (the second article gives that scope)
    and in November did not agree to wider strikes: no change, while the US reversal stays."""
    changes = store.list_changes()
    assert not [c for c in changes if c["holder_name"] == "Germany"]
    assert [c["holder_name"] for c in changes] == ["United States"]


def test_one_story(store):
    [story] = store.list_stories()
    assert len(story["article_ids"]) == 2


def test_russias_side(store):
    putin = find_entities(store, "Vladimir Putin")[0]
    peskov = find_entities(store, "Dmitry Peskov")[0]
    assert len(store.list_quotes(speaker_ids=[putin["id"]])) >= 2
    assert any("reckless, dangerous" in q["text"] for q in store.list_quotes(speaker_ids=[peskov["id"]]))
    russia = find_entities(store, "Russia")[0]
    threats = store.list_events(type="THREATEN", actor_ids=[putin["id"], russia["id"]], limit=None)
    assert threats
    accuse = store.list_events(type="ACCUSE", actor_ids=[putin["id"], peskov["id"]], limit=None)
    assert accuse


def test_a_restated_stance_is_one_position_with_all_its_sentences(store):
    rows = store.list_positions(limit=None)
    keys = [(p["article_id"], p["holder_id"], p["proposition_key"], p["stance"], p["qualifier"], p["date"],
             p["is_past"]) for p in rows]
    assert len(keys) == len(set(keys))
    [de] = [p for p in rows if p["holder_name"] == "Germany" and p["date"] == "2024-05-31" and p["stance"] == "for"
            and p["proposition_key"].endswith("weapon=*")]
    sentences = [e["sentence"] for e in de["all_evidence"]]
    assert len(sentences) == 2 and de["evidence"]["sentence"] == sentences[0]
    assert any("would allow its missiles" in s for s in sentences)
