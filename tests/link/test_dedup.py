"""Event deduplication across articles, on invented events in the data contract's shape."""
from __future__ import annotations

import json

import pytest

from redline.link.dedup import EventIndex, EventSettings, trigger_lemmas

# Per-article local entity ids -> canonical keys, as the store's EntityIndex would give.
KEYS = {
    1: {"e1": "country:VAL", "e2": "country:KES", "e3": "place:quill"},
    2: {"e7": "country:KES", "e9": "country:VAL", "e4": "person:anka-morrow"},
    3: {"e1": "country:VAL", "e2": "country:PAL"},
}


def keys_of(article_id: int):
    return KEYS.get(article_id, {}).get


def event(type_="ASSAULT", actors=("e1",), recipients=("e2",), trigger="shelled", start="2031-04-10",
          negated=False, modality="asserted", sentence="Valdorian artillery shelled Kestranian positions.", at=0):
    return {
        "id": "x", "type": type_, "actor_ids": list(actors), "recipient_ids": list(recipients),
        "location_ids": [], "negated": negated, "modality": modality, "trigger": trigger, "mode": None,
        "context": "military", "date": {"start": start, "end": start, "text": "on Thursday"} if start else None,
        "evidence": [{"start": at, "end": at + len(sentence), "sentence": sentence}],
    }


def test_same_event_from_two_articles_merges():
    idx = EventIndex()
    k1 = idx.add(event(), 1, "2031-04-11", keys_of(1))
    # The other outlet names the sides with other local ids and says "shelling", a day later.
    k2 = idx.add(event(actors=("e9",), recipients=("e7",), trigger="shelling", start="2031-04-11",
                       sentence="Shelling by Valdoria hit Kestrania overnight."), 2, "2031-04-12", keys_of(2))
    assert k1 == k2
    ev = idx.get(k1)
    assert ev["article_ids"] == [1, 2]
    assert [e["article_id"] for e in ev["evidence"]] == [1, 2]
    assert ev["actor_ids"] == ["country:VAL"] and ev["recipient_ids"] == ["country:KES"]
    assert len(idx) == 1


@pytest.mark.parametrize("change", [
    {"recipients": ("e2",), "article": 3},  # another target: Palmera, not Kestrania
    {"negated": True},  # "did not shell" is not the shelling
    {"modality": "planned"},  # "will shell" is not the shelling either
    {"start": "2031-04-15"},  # five days later: another attack
    {"type_": "THREATEN", "trigger": "threatened"},
])
def test_different_events_stay_apart(change):
    idx = EventIndex()
    k1 = idx.add(event(), 1, "2031-04-11", keys_of(1))
    article = change.pop("article", 2)
    base = {"actors": ("e9",), "recipients": ("e7",)} if article == 2 else {}
    k2 = idx.add(event(**{**base, **change}), article, "2031-04-12", keys_of(article))
    assert k1 != k2
    assert len(idx) == 2


def test_reported_and_asserted_merge_to_the_firmer_modality():
    idx = EventIndex()
    k1 = idx.add(event(modality="reported"), 1, "2031-04-11", keys_of(1))
    k2 = idx.add(event(actors=("e9",), recipients=("e7",)), 2, "2031-04-11", keys_of(2))
    assert k1 == k2 and idx.get(k1)["modality"] == "asserted"


def test_other_trigger_merges_only_on_the_same_target_and_day():
    idx = EventIndex()
    k1 = idx.add(event(trigger="struck"), 1, "2031-04-11", keys_of(1))
    assert idx.add(event(actors=("e9",), recipients=("e7",), trigger="hit"), 2, "2031-04-11", keys_of(2)) == k1
    idx = EventIndex()
    k1 = idx.add(event(trigger="struck"), 1, "2031-04-11", keys_of(1))
    assert idx.add(event(actors=("e9",), recipients=("e7",), trigger="hit", start="2031-04-11"), 2,
                   "2031-04-12", keys_of(2)) != k1


def test_unnamed_recipient_is_compatible():
    idx = EventIndex()
    k1 = idx.add(event(), 1, "2031-04-11", keys_of(1))
    assert idx.add(event(actors=("e9",), recipients=(), trigger="shelled"), 2, "2031-04-11", keys_of(2)) == k1


def test_events_without_canonical_participants_are_not_merged():
    idx = EventIndex()
    k1 = idx.add(event(actors=("zz",), recipients=()), 1, "2031-04-11", keys_of(1))
    k2 = idx.add(event(actors=("zz",), recipients=()), 2, "2031-04-11", keys_of(2))
    assert k1 != k2


def test_article_date_stands_in_until_a_stated_date_arrives():
    idx = EventIndex()
    k1 = idx.add(event(start=None, modality="reported"), 1, "2031-04-11", keys_of(1))
    assert idx.get(k1)["date"] == {"start": "2031-04-11", "end": "2031-04-11", "text": None}
    k2 = idx.add(event(actors=("e9",), recipients=("e7",), start="2031-04-10"), 2, "2031-04-12", keys_of(2))
    assert k1 == k2
    assert idx.get(k1)["date"]["start"] == "2031-04-10" and idx.get(k1)["date"]["text"] == "on Thursday"


def test_repeated_sentence_in_one_article_adds_no_duplicate_evidence():
    idx = EventIndex()
    k1 = idx.add(event(), 1, "2031-04-11", keys_of(1))
    assert idx.add(event(), 1, "2031-04-11", keys_of(1)) == k1
    assert idx.add(event(at=400), 1, "2031-04-11", keys_of(1)) == k1
    ev = idx.get(k1)
    assert ev["article_ids"] == [1] and len(ev["evidence"]) == 2


def test_month_precision_dates_merge_only_with_the_same_month():
    idx = EventIndex()
    k1 = idx.add(event(start="2031-04"), 1, None, keys_of(1))
    assert idx.add(event(actors=("e9",), recipients=("e7",), start="2031-04"), 2, None, keys_of(2)) == k1
    assert idx.add(event(actors=("e9",), recipients=("e7",), start="2031-05"), 2, None, keys_of(2)) != k1


def test_blocks_are_capped():
    settings = EventSettings(block_cap=5)
    idx = EventIndex(settings)
    for i in range(40):  # forty different targets of one actor on one day: forty events, one block
        KEYS[100 + i] = {"a": "country:VAL", "b": f"place:village-{i}"}
        idx.add(event(actors=("a",), recipients=("b",)), 100 + i, "2031-04-11", keys_of(100 + i))
    assert len(idx) == 40
    assert max(len(b) for b in idx._blocks.values()) <= 5


def test_state_round_trip():
    idx = EventIndex()
    idx.add(event(), 1, "2031-04-11", keys_of(1))
    restored = EventIndex.from_state(json.loads(json.dumps(idx.state())))
    assert restored.events() == idx.events()
    k = restored.add(event(actors=("e9",), recipients=("e7",), trigger="shelling"), 2, "2031-04-11", keys_of(2))
    assert restored.get(k)["article_ids"] == [1, 2]
    assert restored.add(event(), 3, "2031-04-11", keys_of(3)) != k


def test_trigger_lemmas_fold_inflections():
    assert trigger_lemmas("approved") == trigger_lemmas("approves") == trigger_lemmas("approving")
    assert trigger_lemmas("refused to send") >= trigger_lemmas("refuses")
    assert not trigger_lemmas("struck") & trigger_lemmas("hit")


def test_undated_events_of_undated_articles_are_not_merged():
    idx = EventIndex()
    k1 = idx.add(event(start=None), 1, None, keys_of(1))
    assert idx.add(event(actors=("e9",), recipients=("e7",), start=None), 2, None, keys_of(2)) != k1
    assert idx.get(k1)["date"] is None
