"""Events: the sense of a trigger, who acts, negation, past dates and confidence (issue 12).

Invented sentences over the fictional cast of ``test_events`` (hand-built entity tables).
"""
from __future__ import annotations

import pytest

from tests.extract.test_events import events, one


def types(nlp, text: str) -> list[str]:
    return [e["type"] for e in events(nlp, text)]


@pytest.mark.parametrize("text", [
    "The Valdorian currency eased against the dollar on Monday.",
    "The envoys will reply as their schedules permit.",
    "Ivo Resk closed the door and yelled at his staff.",
    "Kazrania seized on the news of the harvest.",
    "Brenna Tolk said on Wednesday the league would need to remain strong.",
    "Valdoria declined to comment on the report.",
    "Ostrana is considering sending aid to Valdoria.",
    "The harbour was closed for repairs.",
])
def test_everyday_senses_and_plain_statements_are_no_events(nlp, text):
    assert types(nlp, text) == []


def test_a_political_object_keeps_the_sense(nlp):
    ev = one(nlp, "Kazrania closed its border with Valdoria on Monday.")
    assert ev["type"] == "COERCE" and ev["actor_names"] == ["Kazrania"]


def test_a_war_of_words_is_an_accusation_and_a_shelling_an_assault(nlp):
    ev = one(nlp, "Brenna Tolk attacked Ivo Resk over his budget.")
    assert ev["type"] == "ACCUSE" and ev["recipient_names"] == ["Ivo Resk"]
    assert one(nlp, "Kazranian troops attacked Marovo.")["type"] == "ASSAULT"


def test_a_promise_to_fight_on_in_a_campaign_is_no_threat(nlp):
    assert "THREATEN" not in types(nlp, "Ivo Resk vowed to fight on for the nomination.")


@pytest.mark.parametrize("text,type_", [
    ("Brenna Tolk would no longer defend Ivo Resk.", "SUPPORT"),
    ("Kazranian police stopped arresting protesters in Marovo.", "COERCE"),
    ("Valdoria will never recognize Kazrania.", "SUPPORT"),
])
def test_no_longer_stopped_and_never_negate(nlp, text, type_):
    ev = one(nlp, text, type_)
    assert ev["negated"] is True


def test_a_negated_intent_is_the_act_negated_not_a_threat(nlp):
    ev = one(nlp, "Valdoria would not send troops to Marovo.")
    assert ev["type"] != "THREATEN" and ev["negated"] is True


def test_refusal_stays_a_reject_of_the_refused_act(nlp):
    ev = one(nlp, "Ostrana refused to meet Ivo Resk.")
    assert ev["type"] == "REJECT" and ev["action_type"] == "REJECT" and ev["complement_type"] == "CONSULT"


def test_an_agentless_reading_needs_a_political_patient(nlp):
    ev = one(nlp, "Protesters were arrested in Marovo on Sunday.")
    assert ev["type"] == "COERCE" and ev["actor_ids"] == [] and ev["actor_evidence"] == "patient"
    # nobody acts and nothing political is acted upon: no event
    assert types(nlp, "The plan was halted.") == []


def test_an_actor_noun_is_an_actor_and_its_span_is_kept(nlp):
    text = "Kazranian soldiers detained two journalists."
    ev = one(nlp, text, "COERCE")
    assert ev["actor_evidence"] in {"entity", "subject", "noun"}
    start, end = ev["actor_span"]
    assert "soldiers" in text[start:end]


def test_a_past_act_carries_its_own_date(nlp):
    ev = one(nlp, "In 2029, Kazrania invaded Marovo.", "ASSAULT")
    assert ev["date"]["start"] == "2029" and ev["date_source"] == "clause"
    # a passing mention of a past attack carries the year its noun names, not the article's date
    ev = one(nlp, "Valdoria recalled that Kazrania had launched a 2028 attack on Marovo.", "ASSAULT")
    assert ev["date"]["start"] == "2028" and ev["date_source"] == "noun"
    ev = one(nlp, "Kazrania carried out the attack of 2027 on Marovo.", "ASSAULT")
    assert ev["date"]["start"] == "2027"


def test_a_purpose_clause_takes_its_main_clause_date(nlp):
    ev = one(nlp, "In 2029, crowds gathered in Marovo to see Valdoria sign the accord with Ostrana.", "SUPPORT")
    assert ev["date"]["start"] == "2029"


def test_every_event_has_a_measured_confidence(nlp):
    text = ("Kazrania launched an attack on Marovo. Brenna Tolk met Ivo Resk on Friday. "
            "Protesters were arrested in Marovo.")
    evs = events(nlp, text)
    assert len(evs) == 3
    for ev in evs:
        assert 0.0 < ev["confidence"] <= 1.0 and ev["trigger_class"]
    light = next(e for e in evs if e["type"] == "ASSAULT")
    assert light["trigger_class"] == "light"


def test_a_bare_verb_of_saying_frames_a_quote(nlp):
    assert types(nlp, '"Why did you not resign?" Brenna Tolk demanded.') == []


def test_should_is_advice_unless_someone_reports_it_as_a_demand(nlp):
    assert types(nlp, "Valdoria should cut its ties with Kazrania.") == []
    ev = one(nlp, "Brenna Tolk said on Tuesday that Kazrania should withdraw its troops.", "REQUEST")
    assert ev["actor_names"] == ["Brenna Tolk"] and ev["recipient_names"] == ["Kazrania"]
