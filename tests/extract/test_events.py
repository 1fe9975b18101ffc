"""Events on invented sentences (fictional states, people and outlets).

The entity tables are built by hand from a small cast, so that these tests
check the event stage alone: the model's guesses about made-up names do not
enter. The seed test at the end runs the whole chain on ../shared/seeds and
skips when they are absent.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from redline.extract.lexicon.plover import PLOVER_TYPES, lexicon
from redline.extract.events import extract_events
from redline.extract.times import extract_times
from redline.records import Entity, EntityTable, Mention, Quote

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
PUBLISHED = "2031-03-14"  # a Friday

# name -> (type, country): the cast of the invented sentences
CAST = {
    "Valdoria": ("GPE", "VAL"), "Kazrania": ("GPE", "KAZ"), "Ostrana": ("GPE", "OST"),
    "Marovo": ("GPE", "OST"), "Brenna Tolk": ("PERSON", "VAL"), "Ivo Resk": ("PERSON", "KAZ"),
    "Northern League of States": ("ORG", None), "Kazranian": ("NORP", "KAZ"),
}


def _table(text: str) -> EntityTable:
    ents, mentions = [], []
    for k, (name, (type_, country)) in enumerate(CAST.items(), 1):
        eid = f"e{k}"
        ents.append(Entity(id=eid, name=name, type=type_, country=country,
                           gender="f" if name.startswith("Brenna") else "m" if type_ == "PERSON" else None))
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            mentions.append(Mention(entity_id=eid, start=m.start(), end=m.end(), text=name))
        surname = name.split()[-1]
        if type_ == "PERSON":
            for m in re.finditer(rf"(?<!{name.split()[0]} ){surname}", text):
                mentions.append(Mention(entity_id=eid, start=m.start(), end=m.end(), text=surname))
    return EntityTable(ents, mentions)


def events(nlp, text: str, published: str | None = PUBLISHED) -> list[dict]:
    doc = nlp(text)
    return extract_events(doc, _table(text), extract_times(doc, published), published)


def one(nlp, text: str, type_: str | None = None) -> dict:
    evs = events(nlp, text)
    if type_ is not None:
        evs = [e for e in evs if e["type"] == type_]
    assert evs, f"no {type_ or ''} event in {text!r}"
    return evs[0]


def test_lexicon_covers_every_plover_type():
    lex = lexicon()
    assert {e.type for e in lex.verbs.values()} == set(PLOVER_TYPES)


def test_compound_actor_recipient_and_date(nlp):
    ev = one(nlp, "Valdoria and Kazrania on Monday approved allowing Ostrana to buy grain abroad.")
    assert ev["type"] == "AGREE"
    assert ev["actor_names"] == ["Valdoria", "Kazrania"]
    assert ev["actor_countries"] == ["VAL", "KAZ"]
    assert ev["recipient_names"] == ["Ostrana"]
    assert ev["date"]["start"] == "2031-03-10" and ev["date"]["text"] == "Monday"
    assert ev["modality"] == "asserted" and not ev["negated"]


def test_refusal_is_a_reject_of_aid(nlp):
    ev = one(nlp, "Kazrania has refused to send Ostrana its heavy tanks.")
    assert ev["type"] == "REJECT" and ev["complement_type"] == "AID"
    assert ev["actor_names"] == ["Kazrania"] and ev["recipient_names"] == ["Ostrana"]
    assert ev["trigger"].startswith("refused")


def test_vow_to_hit_back_is_a_planned_threat(nlp):
    text = "Ivo Resk spoke for an hour. He has vowed to hit back at Valdoria."
    ev = one(nlp, text, "THREATEN")
    assert ev["modality"] == "planned"
    assert ev["actor_names"] == ["Ivo Resk"] and ev["actor_how"] == "pronoun"
    assert ev["recipient_names"] == ["Valdoria"]


def test_light_verb_attack_with_target(nlp):
    ev = one(nlp, "Kazrania launched an attack on Marovo.")
    assert ev["type"] == "ASSAULT" and ev["trigger"] == "launched an attack"
    assert ev["actor_names"] == ["Kazrania"] and ev["recipient_names"] == ["Marovo"]


def test_phone_call_is_consult_dated_from_clause(nlp):
    ev = one(nlp, "Brenna Tolk spoke with Ivo Resk by telephone three days ago.")
    assert ev["type"] == "CONSULT"
    assert ev["recipient_names"] == ["Ivo Resk"]
    assert ev["date"]["start"] == "2031-03-11" and ev["date_source"] == "clause"


def test_negation_through_a_framing_adjective(nlp):
    ev = one(nlp, "Valdoria is not ready to allow the use of its rockets.")
    assert ev["negated"] is True
    assert ev["action_type"] == "CONCEDE"


def test_did_not_agree_is_negated(nlp):
    ev = one(nlp, "Ostrana did not agree to the plan.")
    assert ev["type"] == "AGREE" and ev["negated"] is True


def test_undated_clause_takes_article_date_as_reported(nlp):
    ev = one(nlp, "Kazrania imposed sanctions on Valdoria.")
    assert ev["type"] == "SANCTION" and ev["recipient_names"] == ["Valdoria"]
    assert ev["date"] == {"start": PUBLISHED, "end": PUBLISHED, "text": None}
    assert ev["modality"] == "reported" and ev["date_source"] == "article"


def test_modalities(nlp):
    assert one(nlp, "If Kazrania attacks Marovo, the league will meet.", "ASSAULT")["modality"] == "conditional"
    assert one(nlp, "Valdoria could expel the envoys on Tuesday.")["modality"] == "hypothetical"
    planned = one(nlp, "Ostrana plans to hold talks with Valdoria on Wednesday.")
    assert planned["modality"] == "planned" and planned["action_type"] == "CONSULT"
    # PLOVER codes a promised cooperative act as AGREE
    assert planned["type"] == "AGREE"
    reported = one(nlp, "Media reports said Valdoria arrested two journalists on Tuesday.")
    assert reported["type"] == "COERCE" and reported["modality"] == "reported"


def test_reported_must_is_a_demand_by_the_speaker(nlp):
    ev = one(nlp, "Brenna Tolk said on Tuesday that Kazrania must withdraw its troops.")
    assert ev["type"] == "REQUEST" and ev["action_type"] == "RETREAT"
    assert ev["actor_names"] == ["Brenna Tolk"] and ev["recipient_names"] == ["Kazrania"]


def test_passive_agent_is_actor(nlp):
    ev = one(nlp, "Marovo was shelled by Kazranian artillery on Sunday.")
    assert ev["type"] == "ASSAULT" and ev["mode"] == "heavy-weapons"
    assert ev["actor_countries"] == ["KAZ"] and ev["recipient_names"] == ["Marovo"]


def test_reversing_verbs_follow_their_object(nlp):
    assert one(nlp, "Valdoria lifted the sanctions on Ostrana.")["type"] == "CONCEDE"
    assert one(nlp, "Ostrana suspended talks with Kazrania.")["type"] == "SANCTION"


def test_event_record_follows_the_contract(nlp):
    text = "Protesters rallied in Marovo. Valdoria sent food aid to Ostrana on Friday."
    evs = events(nlp, text)
    assert [e["id"] for e in evs] == [f"v{i}" for i in range(1, len(evs) + 1)]
    aid = next(e for e in evs if e["type"] == "AID")
    assert aid["mode"] == "humanitarian" and aid["recipient_names"] == ["Ostrana"]
    ev_sent = aid["evidence"][0]
    assert text[ev_sent["start"]:ev_sent["end"]] == ev_sent["sentence"] == "Valdoria sent food aid to Ostrana on Friday."
    assert ev_sent["article_id"] is None and aid["article_ids"] == []
    rally = next(e for e in evs if e["type"] == "PROTEST")
    assert rally["location_ids"] and rally["actor_ids"] == []
    for e in evs:
        assert e["type"] in PLOVER_TYPES
        assert e["modality"] in {"asserted", "reported", "planned", "conditional", "hypothetical"}
        assert text[e["trigger_start"]:e["trigger_end"]] == e["trigger"]


def test_no_events_without_a_political_verb(nlp):
    assert events(nlp, "The weather in Marovo was mild and the markets were busy.") == []
    # A report released is not a prisoner released.
    assert events(nlp, "Valdoria released a statement on Monday.") == []


def _seed_events(nlp, name: str) -> list[dict]:
    from redline.extract.entities import extract_entities
    from redline.extract.quotes import extract_quotes

    path = next(SEEDS.glob(f"{name}_*.txt"))
    text = path.read_text("utf-8")
    cut = text.find("(CN)")  # the first seed carries page chrome above its dateline
    text = text[cut:] if cut >= 0 else text
    published = json.loads(path.with_name(path.stem + ".meta.json").read_text("utf-8"))["published"]
    doc = nlp(text)
    table = extract_entities(doc, published)
    quotes = extract_quotes(doc, table)
    return extract_events(doc, table, extract_times(doc, published), published, quotes)


def _find(evs, type_, countries=None, trigger=None):
    for e in evs:
        if e["type"] != type_:
            continue
        if countries is not None and not set(countries) <= set(e["actor_countries"]):
            continue
        if trigger is not None and trigger not in e["trigger"]:
            continue
        return e
    return None


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")
def test_seed_events(nlp):
    first = _seed_events(nlp, "000")
    approve = _find(first, "AGREE", ["USA", "DEU"])
    assert approve is not None and approve["date"]["start"] == "2024-05-31" and approve["date_source"] == "clause"
    assert "UKR" in approve["recipient_countries"]
    refuse = _find(first, "REJECT", ["DEU"])
    assert refuse is not None and refuse["complement_type"] == "AID"
    attack = _find(first, "ASSAULT", ["RUS"], "attack")
    assert attack is not None and attack["recipient_ids"]
    second = _seed_events(nlp, "001")
    threat = _find(second, "THREATEN", ["RUS"], "vowed")
    assert threat is not None and threat["modality"] == "planned"
    call = _find(second, "CONSULT", ["DEU"])
    assert call is not None and call["date"]["start"] == "2024-11-15"
    assert "RUS" in call["recipient_countries"]
    # the Kremlin's condemnation, said in a quote, is an ACCUSE by its speaker
    said = [e for e in second if e["type"] == "ACCUSE" and e["actor_how"] == "quote"]
    assert said and "RUS" in said[0]["actor_countries"]


def test_condemnation_in_a_quote_is_an_accusation_by_its_speaker(nlp):
    text = "\u201cThis plan is reckless and dangerous,\u201d Ivo Resk told reporters on Monday."
    doc = nlp(text)
    table = _table(text)
    speaker = next(e.id for e in table.entities if e.name == "Ivo Resk")
    start, end = 1, text.index(",\u201d")
    quote = Quote(id="q1", text=text[start:end], start=start, end=end, direct=True, speaker_id=speaker)
    evs = extract_events(doc, table, extract_times(doc, PUBLISHED), PUBLISHED, [quote])
    acc = [e for e in evs if e["type"] == "ACCUSE"]
    assert len(acc) == 1 and acc[0]["actor_ids"] == [speaker]
    assert acc[0]["trigger"] == "reckless and dangerous" and acc[0]["modality"] == "reported"
    # without the quotes, the evaluative words alone make no event
    assert not [e for e in extract_events(doc, table, [], PUBLISHED) if e["type"] == "ACCUSE"]


def test_labelling_a_move_a_provocation_is_an_accusation(nlp):
    ev = one(nlp, "Valdoria called the Kazranian move a provocation.", "ACCUSE")
    assert ev["actor_names"] == ["Valdoria"] and ev["recipient_countries"] == ["KAZ"]


def test_unless_makes_an_ultimatum(nlp):
    ev = one(nlp, "Valdoria will withdraw its envoys from Ostrana unless the shelling stops.")
    assert ev["type"] == "THREATEN" and ev["modality"] == "conditional"


def test_forbidding_and_again(nlp):
    assert one(nlp, "Kazrania prohibited all aid to Ostrana.")["type"] == "SANCTION"
    assert one(nlp, "The police prevented the demonstration in Marovo.")["type"] == "COERCE"
    # "reimposed" is "imposed" again
    assert one(nlp, "Valdoria reimposed sanctions on Kazrania.")["type"] == "SANCTION"
