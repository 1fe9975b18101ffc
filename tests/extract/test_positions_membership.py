"""Membership acts: staying in or leaving a race, a coalition, talks, as stances of the actor.

Everyone here is fictional. The act is read as one question, staying in the
object, from either side; urged, hedged, conditional, negated-past acts and
the same verbs on other objects give nothing.
"""
from __future__ import annotations

import pytest

import redline

PUBLISHED = "2031-03-07"


def _positions(text: str) -> list[tuple[str, str, str, str]]:
    out = redline.analyze(text, published=PUBLISHED).to_dict()["positions"]
    return [(p["holder_name"], p["stance"], p["proposition"], p["proposition_key"]) for p in out]


@pytest.mark.parametrize("text,stance,obj", [
    ("Mara Quill said on Monday that she would stay in the race until the last ballot.", "for", "race"),
    ("Pavel Osk dropped out of the race on Tuesday.", "against", "race"),
    ("Pavel Osk pulled out of the race on Tuesday.", "against", "race"),
    ("Pavel Osk will not quit the coalition, his office said.", "for", "coalition"),
    ("Mara Quill vowed to remain in the talks.", "for", "talk"),
    ("Mara Quill decided to withdraw from the coalition.", "against", "coalition"),
    ("The Civic Party left the Harbour Alliance in March.", "against", "harbour alliance"),
])
def test_an_own_act_of_taking_part_is_a_stance_on_staying(text, stance, obj):
    [(holder, got, proposition, key)] = _positions(text)
    assert got == stance
    assert key.startswith("stay|") and key.split("object=")[1].split("|")[0] == obj
    assert proposition.startswith("staying in ")


def test_staying_and_leaving_are_one_proposition():
    [stay] = _positions("Mara Quill said she would stay in the race.")
    [leave] = _positions("Mara Quill pulled out of the race.")
    assert stay[3] == leave[3] and (stay[1], leave[1]) == ("for", "against")


@pytest.mark.parametrize("text", [
    "Party elders urged Pavel Osk to quit the race.",  # pressure on him, not his stance
    "Pavel Osk might pull out of the race.",  # a hedge
    "Pavel Osk would quit the coalition if the levy passed.",  # a condition
    "Pavel Osk did not quit the race.",  # a fact about what did not happen
    "Mara Quill left the room after the vote.",  # not an act of taking part
    "Mara Quill stayed in a hotel near the harbour.",
])
def test_no_stance_without_an_own_committed_or_done_act(text):
    assert [p for p in _positions(text) if p[3].startswith("stay|")] == []


def test_a_verb_conjoined_to_the_act_is_read_on_its_own():
    got = _positions("Pavel Osk pulled out of the race on Tuesday and endorsed Mara Quill.")
    assert {(s, prop) for _h, s, prop, _k in got} == {("against", "staying in race"), ("for", "supporting Mara Quill")}
