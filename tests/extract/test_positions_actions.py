"""Stances on actions of any kind: commitments, appeals, acts promised, pronoun holders and objects.

"vowed to lift the ferry tax", "called on Brandt to resign", "pledged to ban
scooters from the promenade", "It plans to raise rates", "proud to endorse
him". Everyone and everything here is fictional; the entity table is written
by hand (``test_positions_general._entities``), apart from the entity stage.
"""
from __future__ import annotations

import pytest

from redline.extract.positions.propositions import _gerund

from .test_positions_general import analyse  # noqa: F401  (the fixture: hand-written entities, real parse)


def _brief(positions: list[dict]) -> set[tuple]:
    return {(p["holder_name"], p["stance"], p["proposition"]) for p in positions}


@pytest.mark.parametrize("text,expected", [
    # a commitment to an act, on a phrase object
    ("Mara Quill vowed to lift the ferry tax.", ("Mara Quill", "for", "lifting ferry tax")),
    # a decision to scrap: against what is scrapped, as "vowed to repeal the act" is
    ("Tomas Brandt has decided to scrap the harbour bridge project.",
     ("Tomas Brandt", "against", "supporting harbour bridge project")),
    ("Mara Quill does not plan to raise the ferry tax.", ("Mara Quill", "against", "raising ferry tax")),
    # an act that is itself a stance verb: the promise is for the act, on its object
    ("Tomas Brandt pledged to ban scooters from the promenade.", ("Tomas Brandt", "for", "banning scooter")),
    # an appeal to someone named: the caller is for the addressee's act
    ("Ilka Soren called on Tomas Brandt to resign.", ("Ilka Soren", "for", "Tomas Brandt resigning")),
    ("Ilka Soren urged Mara Quill to drop the ferry tax.", ("Ilka Soren", "for", "Mara Quill dropping ferry tax")),
    # an intransitive act keeps its preposition: voting on is not voting for
    ("The Portmere City Council refused to vote on the harbour budget.",
     ("Portmere City Council", "against", "voting on harbour budget")),
])
def test_a_stance_on_an_act(analyse, text, expected):
    assert expected in _brief(analyse(text))


def test_each_conjoined_act_is_a_stance(analyse):
    got = _brief(analyse("Mara Quill promised to lift the ferry tax and open the harbour to cruise ships."))
    assert {("Mara Quill", "for", "lifting ferry tax"), ("Mara Quill", "for", "opening harbour")} <= got


@pytest.mark.parametrize("text", [
    "Ilka Soren called on Tuesday for calm.",  # a day is no addressee
    "Tomas Brandt allowed that his members lean towards the Civic Party.",  # a concession
    "Mara Quill did not denounce the ferry tax.",  # not denouncing is no support
    "Ilka Soren is not sure she can back the ferry tax.",  # unsure: no stance
    "Mara Quill, who can veto council measures, spoke on Monday.",  # a power, not its use
    "Mara Quill has not decided whether to block the Harbour Levy Act.",  # undecided
])
def test_no_stance(analyse, text):
    assert analyse(text) == []


def test_a_negation_far_after_its_word_across_a_dash_is_not_read(analyse):
    got = _brief(analyse("Mara Quill spoke to dockworkers, promising to lift the ferry tax \u2015 "
                         "probably not what Brandt had in mind."))
    assert got == {("Mara Quill", "for", "lifting ferry tax")}


def test_had_the_support_of_someone_is_their_stance_not_the_subjects(analyse):
    got = _brief(analyse("Mara Quill had the support of Tomas Brandt in the final round."))
    assert ("Mara Quill", "for", "supporting Tomas Brandt") not in got
    assert ("Tomas Brandt", "for", "supporting Mara Quill") in got


def test_a_pronoun_holder_is_the_subject_named_before(analyse):
    got = _brief(analyse("Tomas Brandt spoke after Ilka Soren. He opposes the ferry tax."))
    assert got == {("Tomas Brandt", "against", "supporting ferry tax")}


def test_it_is_the_organisation_named_before(analyse):
    got = _brief(analyse("The Lowland Health Agency met on Monday. It plans to raise the helmet age."))
    assert got == {("Lowland Health Agency", "for", "raising helmet age")}


def test_a_definite_description_is_the_organisation_whose_name_it_echoes(analyse):
    text = "The Dockworkers Union met in Portmere. The union, which endorsed Mara Quill in May, is large."
    assert ("Dockworkers Union", "for", "supporting Mara Quill") in _brief(analyse(text))


def test_a_relative_clause_on_an_apposition_is_held_by_the_named_person(analyse):
    got = _brief(analyse("Ilka Soren, a councillor who openly supports Mara Quill, spoke first."))
    assert ("Ilka Soren", "for", "supporting Mara Quill") in got


def test_people_named_in_a_like_list_hold_their_group_s_stance(analyse):
    text = "Many councillors, like Tomas Brandt, continued to affirm their support for Mara Quill."
    assert ("Tomas Brandt", "for", "supporting Mara Quill") in _brief(analyse(text))


@pytest.mark.parametrize("lemma,gerund", [
    ("raise", "raising"), ("cut", "cutting"), ("ban", "banning"), ("open", "opening"), ("see", "seeing"),
    ("lie", "lying"), ("visit", "visiting"), ("stop", "stopping"), ("allow", "allowing"), ("fix", "fixing"),
    ("quit", "quitting"), ("quote", "quoting"), ("squat", "squatting"),
])
def test_gerunds(lemma, gerund):
    assert _gerund(lemma) == gerund


def test_cannot_support_is_a_stance_though_can_veto_is_not(analyse):
    assert _brief(analyse("Tomas Brandt said he cannot support Mara Quill.")) == {
        ("Tomas Brandt", "against", "supporting Mara Quill")}


def _when(positions: list[dict]) -> set[tuple]:
    return {(p["holder_name"], p["stance"], p["when"], p["date"]) for p in positions}


def test_an_act_dated_well_before_the_article_is_a_past_stance(analyse):
    # published 2031-03-07: January is past; "on Tuesday" is this week's news
    got = _when(analyse("Ilka Soren, who voted against the Harbour Levy Act in January, "
                        "voted for it on Tuesday."))
    assert ("Ilka Soren", "against", "before", "2031-01") in got
    assert ("Ilka Soren", "for", None, "2031-03-04") in got


def test_a_speaker_recalling_their_own_words_states_a_past_stance(analyse):
    got = _when(analyse('"I said we would not sign the Harbour Levy Act, and we did not," Mara Quill said.'))
    assert {(h, s, w) for h, s, w, _d in got} == {("Mara Quill", "against", "before")}


def test_the_subject_behind_a_wire_dateline(analyse):
    got = _brief(analyse("PORTMERE, Lestria (LW) — Councillor Ilka Soren on Tuesday endorsed Mara Quill."))
    assert got == {("Ilka Soren", "for", "supporting Mara Quill")}


def test_a_candidate_named_in_apposition_is_the_object(analyse):
    got = _brief(analyse("Tomas Brandt endorsed the independent candidate Mara Quill on Monday."))
    assert got == {("Tomas Brandt", "for", "supporting Mara Quill")}


def test_dropped_plans_to_act_were_held_before_and_are_now_against(analyse):
    got = _when(analyse("Northwind Holdings on Monday dropped plans to buy Coastal Ledger."))
    assert {(h, s, w) for h, s, w, _d in got} == {("Northwind Holdings", "for", "before"),
                                                  ("Northwind Holdings", "against", None)}
    assert {p["proposition"] for p in analyse("Northwind Holdings dropped plans to buy Coastal Ledger.")} == {
        "buying Coastal Ledger"}


def test_a_bare_withdrawal_is_of_the_support_just_named(analyse):
    got = _brief(analyse("Tomas Brandt has not endorsed Mara Quill, and Ilka Soren withdrew her early support."))
    assert ("Ilka Soren", "against", "supporting Mara Quill") in got and ("Ilka Soren", "for", "supporting Mara Quill") in got
    # with nothing just named, no object is guessed
    far = analyse("Tomas Brandt opposed the ferry tax. Ilka Soren spoke. Later Ilka Soren withdrew her support.")
    assert [p["holder_name"] for p in far] == ["Tomas Brandt"]


def test_reversed_course_turns_the_holder_s_earlier_stance(analyse):
    got = [(p["holder_name"], p["stance"], p["proposition"])
           for p in analyse("Mara Quill endorsed Tomas Brandt in January. She later reversed course.")]
    assert got == [("Mara Quill", "for", "supporting Tomas Brandt"), ("Mara Quill", "against", "supporting Tomas Brandt")]


@pytest.mark.parametrize("text", [
    "Mara Quill reversed course on Monday.",  # no earlier stance: which way is unknown
    "Mara Quill endorsed Tomas Brandt in January. She would not rule out shifting her position.",
])
def test_a_turn_without_a_known_way_or_not_taken_is_no_new_stance(analyse, text):
    assert all(p["stance"] == "for" for p in analyse(text))


def test_endorsements_from_a_list_are_each_givers_stance_on_the_receiver(analyse):
    got = _brief(analyse("Mara Quill had her own reinforcements, including endorsements from Tomas Brandt "
                         "and Ilka Soren."))
    assert {("Tomas Brandt", "for", "supporting Mara Quill"), ("Ilka Soren", "for", "supporting Mara Quill")} <= got


def test_she_was_a_booster_of_the_nominee_named(analyse):
    got = _brief(analyse("Ilka Soren spoke on Monday. She was a full-fledged booster of the 2029 nominee "
                         "Mara Quill."))
    assert ("Ilka Soren", "for", "supporting Mara Quill") in got
    # inside a quotation, "she" may be anyone the speaker means: no holder is guessed
    quoted = analyse('Ilka Soren spoke on Monday. "She was a lifelong champion of the ferry tax," Tomas Brandt said.')
    assert all(p["holder_name"] != "Ilka Soren" for p in quoted)
