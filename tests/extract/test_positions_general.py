"""Positions on any object (the general ``support`` proposition), on invented articles across domains.

An election endorsement and its withdrawal, a council vote on a bill, a
company's board backing a merger, a health agency opposing a guideline, a
union rejecting a deal; then what must give no position. Everyone and
everything here is fictional. The entity table is written by hand, as in
``test_positions``, so that the stage is tested apart from the entity stage.
"""
from __future__ import annotations

import re

import pytest

from redline.extract import positions as positions_mod
from redline.extract.quotes import extract_quotes
from redline.extract.times import extract_times
from redline.records import Entity, EntityTable, Mention

PUBLISHED = "2031-03-07"  # a Friday

NAMES = [  # name, type, other forms
    ("Mara Quill", "PERSON", ["Quill"]),
    ("Tomas Brandt", "PERSON", ["Brandt"]),
    ("Ilka Soren", "PERSON", ["Soren"]),
    ("Portmere Courier", "ORG", ["Courier"]),
    ("Portmere City Council", "ORG", []),
    ("Harbour Levy Act", "LAW", []),
    ("Northwind Holdings", "ORG", ["Northwind"]),
    ("Coastal Ledger", "ORG", []),
    ("Lowland Health Agency", "ORG", []),
    ("Dockworkers Union", "ORG", []),
    ("Civic Party", "ORG", []),
    ("Kell-Marrow Group", "ORG", ["Kell-Marrow"]),
]


def _entities(text: str) -> EntityTable:
    entities, mentions = [], []
    for k, (name, type_, others) in enumerate(NAMES):
        found = []
        for form in sorted([name, *others], key=len, reverse=True):
            for m in re.finditer(rf"\b{re.escape(form)}\b", text):
                if not any(s <= m.start() < e for s, e, _ in found):
                    found.append((m.start(), m.end(), form))
        if found:
            eid = f"e{k + 1}"
            entities.append(Entity(eid, name, type_, None, aliases=[name, *others]))
            mentions += [Mention(eid, s, e, f) for s, e, f in found]
    return EntityTable(entities, mentions)


@pytest.fixture
def analyse(nlp):
    def run(text: str) -> list[dict]:
        doc = nlp(text)
        table = _entities(text)
        times = extract_times(doc, PUBLISHED)
        quotes = extract_quotes(doc, table)
        return positions_mod.extract_positions(doc, table, times, quotes, [], PUBLISHED)

    return run


def _brief(positions: list[dict]) -> list[tuple]:
    return [(p["holder_name"], p["stance"], p["proposition_key"], p["when"]) for p in positions]


@pytest.mark.parametrize("text,holder,stance,key", [
    # an election endorsement
    ("The Portmere Courier endorsed Mara Quill for mayor on Sunday.", "Portmere Courier", "for",
     "support|object=mara quill"),
    ("The editorial board of the Portmere Courier endorsed Mara Quill.", "Portmere Courier", "for",
     "support|object=mara quill"),
    ("Tomas Brandt will not endorse Mara Quill.", "Tomas Brandt", "against", "support|object=mara quill"),
    ("Tomas Brandt declined to endorse Mara Quill.", "Tomas Brandt", "against", "support|object=mara quill"),
    ("Tomas Brandt threw his support behind Mara Quill.", "Tomas Brandt", "for", "support|object=mara quill"),
    ("Ilka Soren said she supports Quill's campaign.", "Ilka Soren", "for", "support|object=mara quill"),
    # a council vote on a bill, and the bill's fate
    ("The Portmere City Council voted against the Harbour Levy Act.", "Portmere City Council", "against",
     "support|object=harbour levy act"),
    ("The Portmere City Council voted for the Harbour Levy Act on Tuesday.", "Portmere City Council", "for",
     "support|object=harbour levy act"),
    ("Mara Quill signed the Harbour Levy Act into law.", "Mara Quill", "for", "support|object=harbour levy act"),
    ("Tomas Brandt vowed to repeal the Harbour Levy Act.", "Tomas Brandt", "against",
     "support|object=harbour levy act"),
    # a company's board backing a merger
    ("The board of Northwind Holdings backed the merger with Coastal Ledger.", "Northwind Holdings", "for",
     "support|object=merger with coastal ledger"),
    # a health agency opposing a guideline
    ("The Lowland Health Agency opposes the new helmet guideline.", "Lowland Health Agency", "against",
     "support|object=helmet guideline"),
    ("The Lowland Health Agency's opposition to the helmet guideline surprised doctors.", "Lowland Health Agency",
     "against", "support|object=helmet guideline"),
    # a union rejecting a deal
    ("The Dockworkers Union rejected the pay deal.", "Dockworkers Union", "against", "support|object=pay deal"),
    ("The Dockworkers Union is opposed to the pay deal.", "Dockworkers Union", "against", "support|object=pay deal"),
    ("Mara Quill is in favour of the ferry tax.", "Mara Quill", "for", "support|object=ferry tax"),
    ("Tomas Brandt has railed against the ferry tax.", "Tomas Brandt", "against", "support|object=ferry tax"),
])
def test_a_stance_on_any_object(analyse, text, holder, stance, key):
    [p] = analyse(text)
    assert (p["holder_name"], p["stance"], p["proposition_key"], p["when"]) == (holder, stance, key, None)
    assert p["proposition"].startswith("supporting ")
    assert p["date"] in {PUBLISHED, "2031-03-02", "2031-03-04"}  # the article's, or the stated day


@pytest.mark.parametrize("text,old,new", [
    ("Tomas Brandt withdrew his endorsement of Mara Quill on Tuesday.", "for", "against"),
    ("Ilka Soren rescinded her support for Mara Quill.", "for", "against"),
    ("Tomas Brandt no longer supports Mara Quill.", "for", "against"),
    ("The Dockworkers Union dropped its opposition to the pay deal.", "against", "for"),
])
def test_a_reversal_in_one_sentence_gives_the_old_and_the_new_stance(analyse, text, old, new):
    pos = analyse(text)
    assert [p["stance"] for p in pos] == [old, new]
    before, now = pos
    assert before["proposition_key"] == now["proposition_key"]
    assert before["holder_id"] == now["holder_id"]
    assert (before["when"], before["date"], before["before"]) == ("before", None, PUBLISHED)
    assert now["when"] is None and now["date"]


def test_endorsing_a_person_and_withdrawing_it_meet_on_one_key(analyse):
    a = analyse("Tomas Brandt endorsed Mara Quill in January.")
    b = analyse("Tomas Brandt withdrew his endorsement of Quill.")
    assert {p["proposition_key"] for p in a + b} == {"support|object=mara quill"}
    assert [p["stance"] for p in a] == ["for"]
    assert [p["stance"] for p in b if p["when"] is None] == ["against"]


def test_a_past_stance_is_dated_before_the_article(analyse):
    [p] = analyse("Ilka Soren had previously endorsed Tomas Brandt.")
    assert (p["stance"], p["proposition_key"], p["when"], p["date"]) == (
        "for", "support|object=tomas brandt", "before", None)


@pytest.mark.parametrize("text", [
    "Tomas Brandt might endorse Mara Quill.",  # a hedge
    "Will Tomas Brandt endorse Mara Quill?",  # a question
    "Mara Quill would support the ferry tax if the council cut fares.",  # a conditional
    "Tomas Brandt will back the pay deal unless the Dockworkers Union objects.",
    "The steel beams support the roof of the Portmere City Council hall.",  # not a stance
    "Tomas Brandt came back to Portmere on Monday.",
    "Tomas Brandt backed away from the podium.",
    "Tomas Brandt rejected the allegation.",  # a claim denied, no proposal
    "The Civic Party was ready to endorse a candidate.",  # nobody in particular
    "Tomas Brandt did not rule out a meeting with Mara Quill.",  # openness, no stance
    "Tomas Brandt signed autographs for the Dockworkers Union.",
    "Mara Quill allowed the Civic Party to endorse Tomas Brandt.",  # the party's support, not Quill's
    "Tomas Brandt failed to support the Harbour Levy Act.",
])
def test_no_position(analyse, text):
    assert _brief(analyse(text)) == []


def test_a_refusal_to_endorse_is_the_refuser_s_and_the_urged_holds_nothing(analyse):
    pos = analyse("Mara Quill urged Tomas Brandt to endorse the pay deal, but the Dockworkers Union "
                  "refused to endorse it.")
    assert all(p["holder_name"] != "Tomas Brandt" for p in pos)


def test_strike_and_supply_keys_are_untouched_by_the_general_case(analyse):
    """A stance on an action class keeps its slotted key; the general case is only the fallback."""
    pos = analyse("The Civic Party opposes sending troops to fight abroad.")  # what is sent: no recipient
    assert _brief(pos) == []


@pytest.mark.parametrize("text", [
    "Tomas Brandt warned that Mara Quill opposes the Harbour Levy Act.",  # a claim about another's stance
    "Tomas Brandt claimed that Mara Quill supports the ferry tax.",
    "The Civic Party voted for a Republican president.",  # nobody in particular
    "Ilka Soren supported the plan.",  # a bare vague object
])
def test_no_position_on_a_claim_or_a_vague_object(analyse, text):
    assert _brief(analyse(text)) == []


def test_a_claim_about_oneself_is_one_s_own_stance(analyse):
    [p] = analyse("Tomas Brandt warned that he opposes the Harbour Levy Act.")
    assert (p["holder_name"], p["stance"], p["proposition_key"]) == (
        "Tomas Brandt", "against", "support|object=harbour levy act")


def test_the_gerund_s_doer_holds_the_stance_not_who_appreciates_it(analyse):
    pos = analyse("Ilka Soren said: \"I appreciate Tomas Brandt endorsing Mara Quill.\"")
    assert all(p["holder_name"] != "Ilka Soren" for p in pos)
    assert [(p["holder_name"], p["stance"], p["proposition_key"]) for p in pos] in (
        [], [("Tomas Brandt", "for", "support|object=mara quill")])


def test_a_group_described_in_apposition_holds_by_its_name(analyse):
    [p] = analyse("Tomas Brandt works for the Dockworkers Union, a group supporting Mara Quill.")
    assert (p["holder_name"], p["stance"], p["proposition_key"]) == (
        "Dockworkers Union", "for", "support|object=mara quill")


def test_no_object_is_a_fragment_of_a_hyphenated_word(analyse):
    pos = analyse("Tomas Brandt backed the anti-Quill campaign.")
    assert all(p["proposition_key"] != "support|object=mara quill" for p in pos)


def test_a_vague_object_is_not_replaced_by_another_phrase(analyse):
    assert _brief(analyse("The Civic Party voted for a Republican president for the first time.")) == []


@pytest.mark.parametrize("text,holder,stance,key", [
    ("Ilka Soren, a Mara Quill supporter, spoke on Monday.", "Ilka Soren", "for", "support|object=mara quill"),
    ("Ilka Soren, a former mayor and a Quill backer, spoke.", "Ilka Soren", "for", "support|object=mara quill"),
    ("Early supporters of the ferry tax, such as Tomas Brandt, were quiet.", "Tomas Brandt", "for",
     "support|object=ferry tax"),
    ("Tomas Brandt is an opponent of the ferry tax.", "Tomas Brandt", "against", "support|object=ferry tax"),
])
def test_a_named_supporter_is_for_what_the_agent_noun_names(analyse, text, holder, stance, key):
    [p] = analyse(text)
    assert (p["holder_name"], p["stance"], p["proposition_key"]) == (holder, stance, key)


@pytest.mark.parametrize("text", [
    "Quill's supporters cheered in Portmere.",  # nobody named
    "Tomas Brandt, Quill's opponent, spoke on Monday.",  # an electoral rival, no stance
    "Tomas Brandt is not a Quill supporter.",
])
def test_no_position_from_an_unnamed_supporter_or_a_rival(analyse, text):
    assert _brief(analyse(text)) == []


def test_a_name_after_the_supporters_object_is_no_supporter(analyse):
    pos = analyse("Quill is disliked by supporters of her rival, Tomas Brandt.")
    assert all(p["holder_name"] != "Tomas Brandt" for p in pos)


@pytest.mark.parametrize("text,holder,stance,key", [
    ("Mara Quill promised a veto of the Harbour Levy Act.", "Mara Quill", "against",
     "support|object=harbour levy act"),
    ("Tomas Brandt threatened a veto of the ferry tax.", "Tomas Brandt", "against", "support|object=ferry tax"),
    ("Ilka Soren said she prefers Mara Quill.", "Ilka Soren", "for", "support|object=mara quill"),
])
def test_a_promised_veto_and_a_preference(analyse, text, holder, stance, key):
    [p] = analyse(text)
    assert (p["holder_name"], p["stance"], p["proposition_key"]) == (holder, stance, key)


@pytest.mark.parametrize("text", [
    "The Dockworkers Union gave Mara Quill the nod on Monday.",
    "The Dockworkers Union gave Mara Quill its endorsement.",
])
def test_the_indirect_object_of_a_given_endorsement_is_its_object(analyse, text):
    [p] = analyse(text)
    assert (p["holder_name"], p["stance"], p["proposition_key"]) == (
        "Dockworkers Union", "for", "support|object=mara quill")


@pytest.mark.parametrize("text,holder,stance,key", [
    ("Mara Quill urged Tomas Brandt to endorse the Harbour Levy Act.", "Mara Quill", "for",
     "support|object=harbour levy act"),
    ("Ilka Soren called on Tomas Brandt to reject the pay deal.", "Ilka Soren", "against", "support|object=pay deal"),
])
def test_the_caller_is_for_what_they_urge(analyse, text, holder, stance, key):
    [p] = analyse(text)
    assert (p["holder_name"], p["stance"], p["proposition_key"]) == (holder, stance, key)


@pytest.mark.parametrize("text", [
    "Mara Quill was urged to endorse the Harbour Levy Act.",  # the urged holds nothing yet
    "Ilka Soren did not urge Tomas Brandt to endorse the pay deal.",
    "Tomas Brandt is expected to urge Ilka Soren to endorse the pay deal.",
])
def test_no_position_from_an_appeal_without_a_caller(analyse, text):
    assert _brief(analyse(text)) == []


@pytest.mark.parametrize("text,holder,stance,key", [
    ("Mara Quill won the endorsement of the Portmere Courier.", "Portmere Courier", "for",
     "support|object=mara quill"),
    ("Mara Quill received backing from Tomas Brandt on Friday.", "Tomas Brandt", "for", "support|object=mara quill"),
    ("Mara Quill won the endorsement of the union's leader, Tomas Brandt.", "Tomas Brandt", "for",
     "support|object=mara quill"),
    ("Ilka Soren is a campaigner for the ferry tax.", "Ilka Soren", "for", "support|object=ferry tax"),
])
def test_a_received_endorsement_and_an_advocate(analyse, text, holder, stance, key):
    [p] = analyse(text)
    assert (p["holder_name"], p["stance"], p["proposition_key"]) == (holder, stance, key)


def test_no_position_from_an_endorsement_not_received(analyse):
    assert _brief(analyse("Mara Quill did not win the endorsement of the Portmere Courier.")) == []


@pytest.mark.parametrize("text,stance", [
    ("Mara Quill came out against the ferry tax.", "against"),
    ("Mara Quill came out for the ferry tax on Monday.", "for"),
])
def test_coming_out_for_or_against(analyse, text, stance):
    [p] = analyse(text)
    assert (p["holder_name"], p["stance"], p["proposition_key"]) == ("Mara Quill", stance, "support|object=ferry tax")


def test_coming_out_is_no_stance_without_for_or_against(analyse):
    assert _brief(analyse("Mara Quill came out of the ferry office.")) == []


def test_a_hyphenated_name_is_a_whole_object(analyse):
    [p] = analyse("The Dockworkers Union endorsed Kell-Marrow on Monday.")
    assert (p["holder_name"], p["stance"]) == ("Dockworkers Union", "for")
    assert "kell" in p["proposition_key"] and "marrow" in p["proposition_key"]


@pytest.mark.parametrize("text,holder,stance", [
    ("The Dockworkers Union, a pro-Quill group, met on Monday.", "Dockworkers Union", "for"),
    ("The Civic Party is an anti-Quill party.", "Civic Party", "against"),
])
def test_a_named_pro_or_anti_group(analyse, text, holder, stance):
    [p] = analyse(text)
    assert (p["holder_name"], p["stance"], p["proposition_key"]) == (holder, stance, "support|object=mara quill")


def test_no_position_from_an_unnamed_pro_group(analyse):
    assert _brief(analyse("A pro-Quill group met on Monday.")) == []
