"""Corrections applied when reading: merge, split, speaker, reject, stance, proposition, note, undo."""
from __future__ import annotations

import pytest

from redline.corrections import Corrected, CorrectionError, TargetMissing, make
from redline.link.changes import rederive

from .conftest import correct


def _entity(store, name):
    return next(e for e in store.list_entities(limit=None) if e["name"] == name)


def test_merge_folds_the_entity_everywhere_and_filters_find_its_rows(raw):
    view = Corrected(raw)
    a, b = _entity(raw, "Edvin Harrow"), _entity(raw, "Valdoria")
    b_positions = raw.list_positions(holder_ids=[b["id"]], limit=None)
    assert b_positions
    made = correct(raw, "merge", "entity", b["id"], str(a["id"]), why="the chancellor speaks for it")
    view.refresh()
    names = [e["name"] for e in view.list_entities(limit=None)]
    assert "Valdoria" not in names and "Edvin Harrow" in names
    merged = view.get_entity(b["id"])
    assert merged["id"] == a["id"] and "Valdoria" in merged["aliases"] and merged["corrected_by"] == [made["id"]]
    listed = next(e for e in view.list_entities(limit=None) if e["id"] == a["id"])
    assert listed["mentions"] == a["mentions"] + b["mentions"]
    held = view.list_positions(holder_ids=[a["id"]], limit=None)
    assert {p["id"] for p in b_positions} <= {p["id"] for p in held}
    assert all(p["holder_id"] == a["id"] for p in held if p["id"] in {q["id"] for q in b_positions})
    # B's id filters as A's; quotes, events and changes follow
    assert {p["id"] for p in view.list_positions(holder_ids=[b["id"]], limit=None)} == {p["id"] for p in held}
    assert all(a["id"] in e["actor_ids"] or a["id"] in e["recipient_ids"] or a["id"] in e["location_ids"]
               for e in view.list_events(actor_ids=[a["id"]], limit=None))
    assert all(b["id"] not in e["actor_ids"] for e in view.list_events(limit=None))
    assert [c["holder_id"] for c in view.list_changes()] == [a["id"]]
    # nothing extracted was edited
    assert raw.get_entity(b["id"])["name"] == "Valdoria"
    assert {p["holder_id"] for p in raw.list_positions(holder_ids=[b["id"]], limit=None)} == {b["id"]}


def test_undo_restores_and_is_kept(raw):
    a, b = _entity(raw, "Edvin Harrow"), _entity(raw, "Valdoria")
    made = correct(raw, "merge", "entity", b["id"], str(a["id"]))
    undo = raw.undo_correction(made["id"], "tester", "wrong")
    rederive(raw)
    view = Corrected(raw)
    assert view.get_entity(b["id"])["name"] == "Valdoria"
    assert [c["holder_id"] for c in view.list_changes()] == [b["id"]]
    assert raw.list_corrections() == []
    history = raw.list_corrections(include_undone=True)
    assert [(c["id"], c["undone_by"]) for c in history] == [(made["id"], undo["id"]), (undo["id"], None)]


def test_reject_leaves_a_position_out_and_its_change_goes(raw):
    [change] = raw.list_changes()
    to = change["to"]["position_id"]
    correct(raw, "reject", "position", to, why="misread")
    view = Corrected(raw)
    assert to not in {p["id"] for p in view.list_positions(limit=None)}
    # no change goes to it any more (another restatement of the new stance may now be the change)
    assert to not in {c["to"]["position_id"] for c in view.list_changes()}
    assert to not in {c["to"]["position_id"] for c in raw.list_changes()}
    everything = Corrected(raw, keep_rejected=True)
    [kept] = [p for p in everything.list_positions(limit=None) if p["id"] == to]
    assert kept["rejected"] is True and kept["rejected_why"] == "misread"
    assert to in {p["id"] for p in raw.list_positions(limit=None)}  # the row stays


def test_reject_a_change_quote_and_event(raw):
    [change] = raw.list_changes()
    q = raw.list_quotes(limit=1)[0]
    e = raw.list_events(limit=1)[0]
    for kind, ident in (("change", change["to"]["position_id"]), ("quote", q["id"]), ("event", e["id"])):
        correct(raw, "reject", kind, ident)
    view, everything = Corrected(raw), Corrected(raw, keep_rejected=True)
    assert view.list_changes() == [] and everything.list_changes()[0]["rejected"]
    assert q["id"] not in {x["id"] for x in view.list_quotes(limit=None)}
    assert e["id"] not in {x["id"] for x in view.list_events(limit=None)}
    assert next(x for x in everything.list_quotes(limit=None) if x["id"] == q["id"])["rejected"]
    assert len(view.list_quotes(limit=5)) == 5  # a page is still full


def test_stance_correction_changes_the_changes(raw):
    [change] = raw.list_changes()
    to = change["to"]["position_id"]
    made = correct(raw, "stance", "position", to, change["from"]["stance"])
    view = Corrected(raw)
    p = next(p for p in view.list_positions(limit=None) if p["id"] == to)
    assert p["stance"] == change["from"]["stance"] and p["stance_as_extracted"] == change["to"]["stance"]
    assert to not in {c["to"]["position_id"] for c in view.list_changes()}
    raw.undo_correction(made["id"], None, None)
    rederive(raw)
    assert [c["to"]["position_id"] for c in Corrected(raw).list_changes()] == [to]


def test_proposition_moves_a_position_to_another_key(raw):
    positions = raw.list_positions(limit=None)
    p, other = positions[0], next(x for x in positions if x["proposition_key"] != positions[0]["proposition_key"])
    correct(raw, "proposition", "position", p["id"], other["proposition_key"])
    view = Corrected(raw)
    moved = view.list_positions(proposition_keys=[other["proposition_key"]], limit=None)
    assert p["id"] in {x["id"] for x in moved}
    assert p["id"] not in {x["id"] for x in view.list_positions(proposition_keys=[p["proposition_key"]], limit=None)}
    got = next(x for x in moved if x["id"] == p["id"])
    assert got["proposition"] == dict(raw.proposition_labels())[other["proposition_key"]]
    # new wording keeps the key
    correct(raw, "proposition", "position", other["id"], "a wording of the analyst's own")
    labels = dict(Corrected(raw).proposition_labels())
    got = next(x for x in Corrected(raw).list_positions(limit=None) if x["id"] == other["id"])
    assert got["proposition"] == "a wording of the analyst's own" and got["proposition_key"] in labels


def test_speaker_correction_and_filter(raw):
    q = next(q for q in raw.list_quotes(limit=None) if q["speaker_id"] is None)
    a = _entity(raw, "Edvin Harrow")
    correct(raw, "speaker", "quote", q["id"], "Edvin Harrow")
    view = Corrected(raw)
    got = next(x for x in view.list_quotes(limit=None) if x["id"] == q["id"])
    assert (got["speaker_id"], got["speaker_name"]) == (a["id"], "Edvin Harrow")
    assert q["id"] in {x["id"] for x in view.list_quotes(speaker_ids=[a["id"]], limit=None)}
    assert q["id"] in {x["id"] for x in view.list_quotes(speaker_ids=[a["id"]], article_id=q["article_id"])}


def test_split_moves_mentions_quotes_and_positions(raw):
    view = Corrected(raw)
    quotes = raw.list_quotes(limit=None)
    # an entity with a quote whose speaker span is one of its mentions
    for e in raw.list_entities(limit=None):
        spans = {(m["article_id"], m["start"]): m for m in view.entity_mentions(e["id"], limit=None)}
        q = next((q for q in quotes if q["speaker_id"] == e["id"] and (q["article_id"], q["speaker_start"]) in spans),
                 None)
        if q is not None and len(spans) > 1:
            break
    mention = spans[(q["article_id"], q["speaker_start"])]
    made = correct(raw, "split", "entity", e["id"], [mention["id"]], why="another person")
    view.refresh()
    new = view.get_entity(-made["id"])
    assert new["name"] == mention["text"] and new["type"] == e["type"] and new["split_from"] == e["id"]
    assert [m["id"] for m in view.entity_mentions(new["id"])] == [mention["id"]]
    assert mention["id"] not in {m["id"] for m in view.entity_mentions(e["id"], limit=None)}
    got = next(x for x in view.list_quotes(limit=None) if x["id"] == q["id"])
    assert got["speaker_id"] == new["id"]
    assert q["id"] in {x["id"] for x in view.list_quotes(speaker_ids=[new["id"]], limit=None)}
    assert q["id"] not in {x["id"] for x in view.list_quotes(speaker_ids=[e["id"]], limit=None)}
    listed = {x["id"]: x for x in view.list_entities(limit=None)}
    assert listed[new["id"]]["mentions"] == 1 and listed[e["id"]]["mentions"] == len(spans) - 1
    for p in view.list_positions(holder_ids=[new["id"]], limit=None):
        ev = p["evidence"]
        assert p["article_id"] == mention["article_id"] and ev["start"] <= mention["start"] < ev["end"]
    view.list_changes()  # derived again without a row for the virtual holder: still readable


def test_notes_on_records(raw):
    e = raw.list_entities(limit=1)[0]
    q = raw.list_quotes(limit=1)[0]
    a = raw.list_articles(limit=1)[0]
    correct(raw, "note", "entity", e["id"], "check the spelling")
    correct(raw, "note", "quote", q["id"], {"text": "verify with the audio"})
    correct(raw, "note", "article", a["id"], "paywalled")
    view = Corrected(raw)
    assert [n["text"] for n in view.get_entity(e["id"])["notes"]] == ["check the spelling"]
    assert next(x for x in view.list_quotes(limit=None) if x["id"] == q["id"])["notes"][0]["by"] == "tester"
    assert view.get_article(a["id"])["notes"][0]["text"] == "paywalled"
    assert next(x for x in view.list_entities(limit=None) if x["id"] == e["id"])["notes"]


def test_bad_requests_are_one_line_errors(raw):
    with pytest.raises(TargetMissing):
        make(raw, "reject", "position", 9999)
    with pytest.raises(CorrectionError, match="applies to"):
        make(raw, "reject", "entity", 1)
    with pytest.raises(CorrectionError, match="for or against"):
        make(raw, "stance", "position", raw.list_positions(limit=1)[0]["id"], "maybe")
    with pytest.raises(CorrectionError, match="names .* entities"):
        make(raw, "merge", "entity", "Ostran", "Valdoria")  # Ostrana and Ostranian
    with pytest.raises(TargetMissing):
        make(raw, "merge", "entity", "Nobody At All", "Valdoria")
