"""records.py: one field list per kind, and typed records that give back the dicts they were made from."""
from __future__ import annotations

import dataclasses

import pytest

from conftest import EXAMPLES
from redline.records import (FIELDS, RECORDS, Analysis, Article, Change, EntityTable, Event, Position, Story)

# The data contract's required fields (../shared/DESIGN.md), in the order exports write them.
CONTRACT = {
    "article": ["id", "source", "url", "title", "byline", "dateline", "categories", "published", "published_source",
                "published_confidence", "story_id", "text"],
    "entity": ["id", "name", "type", "country", "aliases", "roles"],
    "mention": ["entity_id", "article_id", "start", "end", "text"],
    "quote": ["id", "article_id", "text", "start", "end", "direct", "cue", "speaker_text", "speaker_start",
              "speaker_end", "speaker_id"],
    "time": ["article_id", "text", "start", "end", "type", "value"],
    "event": ["id", "article_ids", "type", "mode", "context", "trigger", "actor_ids", "recipient_ids", "location_ids",
              "negated", "modality", "date", "evidence"],
    "position": ["id", "holder_id", "proposition", "proposition_key", "stance", "qualifier", "date", "article_id",
                 "evidence"],
    "change": ["holder_id", "proposition_key", "proposition", "from", "to"],
    "story": ["id", "title", "article_ids", "first_date", "last_date"],
}


def test_one_field_list_per_kind_in_contract_order():
    assert {k: list(v) for k, v in FIELDS.items()} == CONTRACT
    assert list(FIELDS) == list(CONTRACT)


@pytest.mark.parametrize("kind", list(CONTRACT))
def test_every_field_is_an_attribute_of_the_record_type(kind):
    cls = RECORDS[kind]
    assert cls.KIND == kind
    names = {f.metadata.get("key", f.name) for f in dataclasses.fields(cls)}
    assert set(cls.FIELDS) <= names


def test_typed_records_give_back_the_same_dicts():
    d = {"holder_id": 3, "holder_name": "Valdoria", "proposition_key": "k", "proposition": "p",
         "from": {"stance": "against", "date": "2024-01-02", "position_id": 1},
         "to": {"stance": "for", "date": "2024-03-04", "position_id": 2}}
    c = Change.from_dict(d)
    assert c.from_["stance"] == "against" and c.extra == {"holder_name": "Valdoria"}
    assert c.to_dict() == d and list(c.to_dict()) == list(d)
    e = {"id": "", "article_ids": [], "type": "ACCUSE", "mode": None, "context": None, "trigger": "accused",
         "trigger_start": 4, "trigger_end": 11, "actor_ids": ["e1"], "recipient_ids": [], "location_ids": [],
         "negated": False, "modality": "reported", "date": None, "date_source": None,
         "evidence": [{"article_id": None, "start": 0, "end": 20, "sentence": "Ostrana accused them."}]}
    ev = Event.from_dict(e)
    assert ev.type == "ACCUSE" and ev.extra == {"trigger_start": 4, "trigger_end": 11, "date_source": None}
    assert list(ev.to_dict().items()) == list(e.items())


def test_stored_records_round_trip(examples_store):
    s = examples_store
    rows = {"article": [s.get_article(a["id"]) for a in s.list_articles(limit=None)],
            "event": s.list_events(limit=None), "position": s.list_positions(limit=None),
            "change": s.list_changes(), "story": s.list_stories(limit=None)}
    assert all(rows.values()), {k: len(v) for k, v in rows.items()}
    for kind, cls in (("article", Article), ("event", Event), ("position", Position), ("change", Change),
                      ("story", Story)):
        for row in rows[kind]:
            typed = cls.from_dict(row)
            assert list(typed.to_dict().items()) == list(row.items()), kind


def test_analysis_gives_the_same_dicts_from_typed_events_and_positions():
    from redline import analyze

    text = (EXAMPLES / sorted(p.name for p in EXAMPLES.glob("*.txt"))[0]).read_text(encoding="utf-8")
    a = analyze(text, published="2025-03-07")
    assert a.events and a.positions
    want = a.to_dict()
    for e in want["events"]:
        assert list(Event.from_dict(e).to_dict().items()) == list(e.items())
    for p in want["positions"]:
        assert list(Position.from_dict(p).to_dict().items()) == list(p.items())
    typed = Analysis(text=a.text, published=a.published, entities=a.entities, times=a.times, quotes=a.quotes,
                     events=[Event.from_dict(e) for e in a.events],
                     positions=[Position.from_dict(p) for p in a.positions])
    assert typed.to_dict() == want
    # Sections moved into a whole text: the same records whether typed or dicts.
    whole = "x" * 10 + text
    as_dicts = Analysis.concat(whole, None, [(10, a)]).to_dict()
    assert Analysis.concat(whole, None, [(10, typed)]).to_dict() == as_dicts


def test_empty_analysis_has_every_list():
    a = Analysis(text="", published=None, entities=EntityTable())
    assert a.to_dict() == {"entities": [], "mentions": [], "quotes": [], "times": [], "events": [], "positions": []}


def test_concat_moves_every_offset_of_a_quote_its_channel_too():
    from redline.records import Quote

    q = Quote(id="q1", text="the ferry stays", start=20, end=35, direct=True, speaker_text="Rook",
              speaker_start=0, speaker_end=4, cue_start=5, cue_end=9, channel="Harbour Wire",
              channel_start=14, channel_end=26)
    part = Analysis(text="x" * 40, published=None, entities=EntityTable([], []), times=[], quotes=[q], events=[],
                    positions=[])
    [moved] = Analysis.concat("y" * 100 + "x" * 40, None, [(100, part)]).quotes
    assert (moved.start, moved.speaker_start, moved.cue_start, moved.channel_start, moved.channel_end) == (
        120, 100, 105, 114, 126)
