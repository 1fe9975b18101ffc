"""Positions on invented articles: stance words, negation, nesting, holders, dates, qualifiers,
coreference and proposition keys.

The countries, people, alliance and the "Halberd" missile are fictional. The
entity table is written by hand (the positions stage is tested apart from the
entity stage), and the gazetteer the stage reads is extended with the
fictional states for the duration of each test.
"""
from __future__ import annotations

import copy
import re

import pytest

from redline.extract import positions as positions_mod
from redline.extract.positions import propositions as props_mod
from redline.extract.lexicon.gazetteer import GazEntry
from redline.extract.lexicon.gazetteer import load as load_gazetteer
from redline.extract.quotes import extract_quotes
from redline.extract.times import extract_times
from redline.records import Entity, EntityTable, Mention, Role

PUBLISHED = "2031-03-07"  # a Friday

STATES = {  # iso: (name, demonyms, capital, seat)
    "VLD": ("Valdoria", ["Valdorian", "Valdorians"], "Brenholt", "the Amber Palace"),
    "KZR": ("Kazrania", ["Kazranian", "Kazranians"], "Tolvek", None),
    "OST": ("Ostrana", ["Ostranan", "Ostranans"], "Mirsk", None),
    "SRV": ("Sarvenia", ["Sarvenian", "Sarvenians"], "Pellmar", None),
}


@pytest.fixture(autouse=True)
def fictional_gazetteer(monkeypatch):
    g = copy.deepcopy(load_gazetteer())
    for iso, (name, demonyms, capital, seat) in STATES.items():
        g.add(GazEntry(f"country:{iso}", name, "GPE", "country", iso), [name])
        g.add(GazEntry(f"demonym:{iso}", demonyms[0], "NORP", "demonym", iso), demonyms)
        g.add(GazEntry(f"capital:{iso}", capital, "GPE", "capital", iso), [capital])
        if seat:
            g.add(GazEntry(f"seat:{iso}", seat, "ORG", "seat", iso), [seat])
    g.add(GazEntry("weapon:halberd", "Halberd", "WEAPON", "weapon", "VLD"), ["Halberd"])
    monkeypatch.setattr(props_mod, "load_gazetteer", lambda: g)
    props_mod._terms.cache_clear()
    yield g
    props_mod._terms.cache_clear()


def _entities(text: str) -> EntityTable:
    """Every fictional name in ``text`` as an entity with its mentions."""
    specs: list[tuple[str, str, str | None, list[str], list[Role]]] = []
    for iso, (name, demonyms, capital, seat) in STATES.items():
        specs.append((name, "GPE", iso, [name], []))
        specs.append((demonyms[0], "NORP", iso, demonyms, []))
        specs.append((capital, "GPE", iso, [capital], []))
        if seat:
            specs.append((seat.removeprefix("the "), "ORG", iso, [seat.removeprefix("the ")], []))
    specs += [
        ("Halberd", "WEAPON", "VLD", ["Halberd"], []),
        ("Ilse Marrow", "PERSON", "VLD", ["Ilse Marrow", "Marrow"], [Role("president", None, "VLD")]),
        ("Dorn Vask", "PERSON", "KZR", ["Dorn Vask", "Vask"], [Role("president", None, "KZR")]),
        ("Pieter Holm", "PERSON", None, ["Pieter Holm", "Holm"],
         [Role("secretary-general", "Northern Alliance", None)]),
        ("Northern Alliance", "ORG", None, ["Northern Alliance"], []),
        ("Vetrograd", "GPE", None, ["Vetrograd"], []),
    ]
    entities, mentions = [], []
    for k, (name, type_, iso, forms, roles) in enumerate(specs):
        found = []
        for form in sorted(forms, key=len, reverse=True):
            for m in re.finditer(rf"\b{re.escape(form)}\b", text):
                if not any(s <= m.start() < e for s, e, _ in found):
                    found.append((m.start(), m.end(), form))
        if found:
            eid = f"e{k + 1}"
            entities.append(Entity(eid, name, type_, iso, aliases=forms, roles=roles))
            mentions += [Mention(eid, s, e, f) for s, e, f in found]
    return EntityTable(entities, mentions)


@pytest.fixture
def analyse(nlp):
    def run(text: str) -> tuple[list[dict], EntityTable]:
        doc = nlp(text)
        table = _entities(text)
        times = extract_times(doc, PUBLISHED)
        quotes = extract_quotes(doc, table)
        return positions_mod.extract_positions(doc, table, times, quotes, [], PUBLISHED), table

    return run


def _of(positions: list[dict], table: EntityTable, holder: str) -> list[dict]:
    """Positions held by a person or organisation named ``holder``, or by the state of that name."""
    iso = next((k for k, v in STATES.items() if v[0] == holder), None)
    return [p for p in positions
            if (iso and p["holder_country"] == iso) or (not iso and table.get(p["holder_id"]).name == holder)]


def test_approval_of_a_permission_keys_agent_target_and_generic_weapon(analyse):
    pos, table = analyse("Brenholt on Tuesday approved allowing Ostrana to use Valdorian-made missiles "
                         "to strike inside Kazrania.")
    [p] = _of(pos, table, "Valdoria")  # the capital acting for its state is the state
    assert p["stance"] == "for"
    assert p["proposition_key"] == "strike|agent=OST|target=KZR|weapon=*"
    assert p["proposition"] == "Ostrana striking inside Kazrania with the holder's weapons"
    assert p["date"] == "2031-03-04"
    assert p["evidence"]["sentence"].startswith("Brenholt on Tuesday approved")


def test_not_ready_to_allow_is_against_and_a_named_weapon_narrows_the_key(analyse):
    pos, table = analyse("However, the Amber Palace said it was not ready to allow Ostrana to use its "
                         "Halberd missiles to hit inside Kazrania.")
    [p] = _of(pos, table, "Valdoria")
    assert p["stance"] == "against"
    assert p["negated"] is True
    assert p["proposition_key"] == "strike|agent=OST|target=KZR|weapon=halberd"
    assert p["weapon"] == "halberd"
    assert p["date"] == PUBLISHED  # no time expression in the clause: the article date


def test_one_question_keys_alike_across_wordings(analyse):
    a, _ = analyse("Valdoria has given the green light to Ostrana's use of Halberd missiles inside "
                   "Kazranian territory.")
    b, _ = analyse("Sarvenia agreed to let Ostrana fire Halberd missiles into Kazrania.")
    c, _ = analyse("Valdoria was not ready to allow Ostrana to use its Halberd missiles to hit inside Kazrania.")
    keys = {p["proposition_key"] for p in a + b + c}
    assert keys == {"strike|agent=OST|target=KZR|weapon=halberd"}
    assert [p["stance"] for p in a + b + c] == ["for", "for", "against"]


def test_such_strikes_refer_back_and_did_not_agree_is_against(analyse):
    pos, table = analyse("Several allies, including Valdoria and Sarvenia, agreed to allow their missiles "
                         "to hit inside Kazrania, news reports said. Ostrana, though, did not agree to such strikes.")
    val, srv, ost = (_of(pos, table, n) for n in ("Valdoria", "Sarvenia", "Ostrana"))
    assert [p["stance"] for p in val + srv] == ["for", "for"]
    assert val[0]["modality"] == "reported"
    [p] = ost
    assert p["stance"] == "against"
    assert p["proposition_key"] == val[0]["proposition_key"]


def test_scope_becomes_the_qualifier(analyse):
    pos, table = analyse("Brenholt on Friday approved allowing Ostrana to use Valdorian weapons to strike inside "
                         "Kazrania. The Amber Palace said the strikes inside Kazrania will be limited to border "
                         "districts near Vetrograd, where Kazranian troops are massing.")
    val = _of(pos, table, "Valdoria")
    assert {p["stance"] for p in val} == {"for"}
    assert {p["qualifier"] for p in val} == {"limited to border districts near Vetrograd"}
    assert len({p["proposition_key"] for p in val}) == 1


def test_head_of_state_stands_for_the_country_and_is_kept_as_speaker(analyse):
    pos, table = analyse("On Tuesday, Valdorian President Ilse Marrow said she was in favor of letting Ostrana "
                         "strike targets inside Kazrania with Valdorian-made rockets. Valdoria lies north of the sea.")
    [p] = _of(pos, table, "Valdoria")
    assert p["stance"] == "for"
    assert table.get(p["speaker_id"]).name == "Ilse Marrow"
    assert p["date"] == "2031-03-04"
    assert p["proposition_key"] == "strike|agent=OST|target=KZR|weapon=*"


def test_an_official_who_is_not_head_of_state_holds_in_his_own_name(analyse):
    pos, table = analyse("This week, Northern Alliance Secretary-General Pieter Holm argued Ostrana had a right "
                         "to strike inside Kazrania to defend itself.")
    [p] = _of(pos, table, "Pieter Holm")
    assert p["stance"] == "for"
    assert table.get(p["acting_for"]).name == "Northern Alliance"
    assert p["proposition_key"] == "strike|agent=OST|target=KZR|weapon=*"


def test_past_only_stance_is_marked_before_with_no_invented_date(analyse):
    pos, table = analyse("Valdoria and Sarvenia were among those who previously opposed hitting targets inside "
                         "Kazrania.")
    for name in ("Valdoria", "Sarvenia"):
        [p] = _of(pos, table, name)
        assert (p["stance"], p["when"], p["date"], p["before"]) == ("against", "before", None, PUBLISHED)


def test_refusing_to_send_a_weapon_is_against_its_supply(analyse):
    pos, table = analyse("Pellmar has refused to send Mirsk its powerful Halberd cruise missiles.")
    [p] = _of(pos, table, "Sarvenia")
    assert p["stance"] == "against"
    assert p["proposition_key"] == "supply|recipient=OST|weapon=halberd"
    assert p["proposition"] == "supplying Halberd to Ostrana"


def test_negated_go_along_and_hesitant_about_are_against(analyse):
    pos, table = analyse("Sarvenia has not gone along with its allies in authorizing the use of Halberd missiles "
                         "against Kazrania. Sarvenia has been hesitant about striking hard at Kazrania.")
    srv = _of(pos, table, "Sarvenia")
    assert [p["stance"] for p in srv] == ["against", "against"]
    assert srv[0]["weapon"] == "halberd"
    assert srv[1]["proposition_key"].startswith("strike|agent=*|target=KZR") or srv[1]["target"] == "KZR"


def test_lifting_restrictions_is_for_and_a_red_line_is_against(analyse):
    pos, table = analyse("Ostrana welcomed the lifting of restrictions on hitting targets inside Kazrania. "
                         "Kazranian President Dorn Vask has called missile attacks inside Kazrania a red line.")
    [o] = _of(pos, table, "Ostrana")
    [k] = _of(pos, table, "Kazrania")
    assert (o["stance"], o["target"]) == ("for", "KZR")
    assert (k["stance"], k["target"]) == ("against", "KZR")
    assert table.get(k["speaker_id"]).name == "Dorn Vask"


@pytest.mark.parametrize("text", [
    "Asked if Valdoria might allow Ostrana to strike inside Kazrania, the envoy declined to comment.",
    "Pressure had been building on Valdorian President Ilse Marrow to approve allowing strikes inside Kazrania.",
    "Marrow did not speak about her turn on permitting Ostrana to launch the missiles against Kazranian territory.",
    "Analysts said Valdoria could allow Ostrana to strike inside Kazrania.",
    "Valdoria refuses to attack Ilse Marrow over her record.",  # no place, no weapon: no question to key
    "Valdoria opposes sending Valdorians to fight abroad.",  # what is sent is not a recipient
])
def test_no_stance_from_questions_pressure_hedges_or_mere_mentions(analyse, text):
    pos, table = analyse(text)
    assert _of(pos, table, "Valdoria") == []


@pytest.mark.parametrize("text,stance,key", [
    ("Valdoria lifted its ban on Halberd exports to Ostrana.", "for", "supply|recipient=OST|weapon=halberd"),
    ("Valdoria dropped its objection to Halberd deliveries to Ostrana.", "for", "supply|recipient=OST|weapon=halberd"),
    ("Valdoria withdrew its support for sending Halberd missiles to Ostrana.", "against",
     "supply|recipient=OST|weapon=halberd"),
    ("Valdoria's refusal to allow Ostrana to use Halberd missiles against Kazrania angered Mirsk.", "against",
     "strike|agent=OST|target=KZR|weapon=halberd"),
    ("Valdoria said it would not allow Ostrana to strike inside Kazrania.", "against",
     "strike|agent=OST|target=KZR|weapon=*"),
    ("Valdoria is against allowing Ostrana to strike inside Kazrania.", "against",
     "strike|agent=OST|target=KZR|weapon=*"),
    ("Valdoria is not against allowing Ostrana to strike inside Kazrania.", "for",
     "strike|agent=OST|target=KZR|weapon=*"),
    ("Valdoria has long opposed allowing Ostrana to strike inside Kazrania.", "against",
     "strike|agent=OST|target=KZR|weapon=*"),
])
def test_polarity_multiplies_through_flips_nouns_and_negation(analyse, text, stance, key):
    pos, table = analyse(text)
    val = _of(pos, table, "Valdoria")
    [p] = [q for q in val if q["when"] is None]  # "has long opposed" still opposes
    assert (p["stance"], p["proposition_key"]) == (stance, key)
    # Lifting, dropping or withdrawing one's own ban, objection or support states the old stance too.
    old = [(q["stance"], q["proposition_key"], q["date"]) for q in val if q["when"] == "before"]
    reversed_ = text.split()[1] in {"lifted", "dropped", "withdrew"}
    assert old == ([("against" if stance == "for" else "for", key, None)] if reversed_ else [])


@pytest.mark.parametrize("text", [
    "Ostrana has asked Valdoria to allow strikes inside Kazrania.",
    "Kazrania warned Valdoria against allowing Ostrana to strike inside Kazrania.",
    "Is Valdoria ready to allow Ostrana to strike inside Kazrania?",
])
def test_asking_warning_and_questions_commit_nobody(analyse, text):
    pos, table = analyse(text)
    assert _of(pos, table, "Valdoria") == []


def test_we_in_a_direct_quote_is_its_speaker(analyse):
    pos, table = analyse("“We think that we should allow Ostrana to strike inside Kazrania,” Marrow said.")
    [p] = _of(pos, table, "Valdoria")
    assert p["stance"] == "for"
    assert p["target"] == "KZR"


def test_similarity_maps_wordings_demonyms_and_actions_together():
    sim = props_mod.proposition_similarity
    assert sim("Ostrana striking inside Kazrania", "Ostrana striking inside Kazrania") == pytest.approx(1.0)
    close = sim("strikes inside Kazrania with Valdorian weapons",
                "Ostrana striking inside Kazrania with the holder's weapons")
    far = sim("strikes inside Kazrania with Valdorian weapons", "supplying Halberd to Ostrana")
    assert close > 0.5 > far
    assert sim("hits on Kazranian territory", "attack Kazrania") > 0.5
    assert sim("weapons for Ostrana", "supplying Halberd to Ostrana") > 0.3  # a named system is a weapon
    ranked = props_mod.rank_propositions("strikes inside Kazrania", [
        "supplying Halberd to Ostrana", "Ostrana striking inside Kazrania with Halberd",
        "Sarvenia joining the alliance",
    ])
    assert ranked[0][1] == 1 and ranked[0][0] > ranked[1][0]


@pytest.mark.parametrize("text,stance", [
    # refusals without a stance word key the same supply proposition as "refused to send"
    ("Valdoria will not send its Halberd missiles to Ostrana.", "against"),
    ("Valdoria won't send Halberd missiles to Ostrana.", "against"),
    ("Marrow said Valdoria would not deliver Halberd missiles to Ostrana.", "against"),
    ("Valdoria refuses to supply Ostrana with Halberd missiles.", "against"),
    ("Valdoria does not intend to supply Ostrana with Halberd missiles.", "against"),
    ("Valdoria has no plans to send Halberd missiles to Ostrana.", "against"),
    # "plans to", "decided to", "vowed to": the holder commits to the act (issue 11: decisions)
    ("Valdoria plans to send Halberd missiles to Ostrana.", "for"),
    ("Valdoria has decided to send Halberd missiles to Ostrana.", "for"),
    ("Valdoria vowed to supply Ostrana with Halberd missiles.", "for"),
])
def test_a_refusal_or_a_commitment_is_a_stance_on_the_supply(analyse, text, stance):
    pos, table = analyse(text)
    [p] = _of(pos, table, "Valdoria")
    assert (p["stance"], p["proposition_key"]) == (stance, "supply|recipient=OST|weapon=halberd")


@pytest.mark.parametrize("text", [
    "Valdoria did not send Halberd missiles to Ostrana last year.",  # a fact about deliveries
    "Valdoria could not send Halberd missiles to Ostrana.",  # inability
    "If Valdoria will not send Halberd missiles to Ostrana, Sarvenia will.",
    "Kazrania criticized the decision to allow Ostrana to strike inside Kazrania.",
    "Valdoria did not confirm the approval of Ostranan strikes inside Kazrania.",
    "Valdoria did not announce the decision to allow Ostrana to strike inside Kazrania.",
    "Marrow confirmed the approval during a visit to Mirsk.",  # no complement: no proposition to key
])
def test_no_stance_from_facts_inability_intentions_or_others_decisions(analyse, text):
    pos, table = analyse(text)
    assert _of(pos, table, "Valdoria") == []


@pytest.mark.parametrize("text,key", [
    ("The Amber Palace confirmed the approval of Ostranan strikes inside Kazrania.",
     "strike|agent=OST|target=KZR|weapon=*"),
    ("Valdoria confirmed its approval of Ostrana's use of Halberd missiles inside Kazrania.",
     "strike|agent=OST|target=KZR|weapon=halberd"),
    ("Valdoria's approval of Ostrana's use of Halberd missiles inside Kazrania angered Tolvek.",
     "strike|agent=OST|target=KZR|weapon=halberd"),
    ("Valdoria announced the decision to allow Ostrana to strike inside Kazrania.",
     "strike|agent=OST|target=KZR|weapon=*"),
    ("The decision to allow Ostrana to strike inside Kazrania was made by Valdoria on Tuesday.",
     "strike|agent=OST|target=KZR|weapon=*"),
    ("Valdoria has no plans to allow Ostrana to strike inside Kazrania.", "strike|agent=OST|target=KZR|weapon=*"),
])
def test_nominal_stances_approval_and_decisions(analyse, text, key):
    pos, table = analyse(text)
    [p] = _of(pos, table, "Valdoria")
    expected = "against" if "no plans" in text else "for"
    assert (p["stance"], p["proposition_key"]) == (expected, key)


def test_a_restated_stance_is_one_position_with_every_sentence_as_evidence(analyse):
    text = ("Brenholt on Friday approved allowing Ostrana to use Valdorian weapons to strike inside Kazrania. "
            "Sarvenia lies to the south. On Friday, Valdoria also said it would allow its missiles to be used "
            "for strikes inside Kazrania. Valdoria previously opposed strikes inside Kazrania.")
    pos, table = analyse(text)
    val = _of(pos, table, "Valdoria")
    current = [p for p in val if p["when"] is None]
    [p] = current
    assert p["stance"] == "for"
    assert [e["sentence"][:14] for e in p["all_evidence"]] == ["Brenholt on Fr", "On Friday, Val"]
    assert p["evidence"] == {k: p["all_evidence"][0][k] for k in ("start", "end", "sentence")}
    for e in p["all_evidence"]:
        assert text[e["start"]:e["end"]] == e["sentence"]
    # the past-only stance is another claim and stays its own position
    assert [q["stance"] for q in val if q["when"] == "before"] == ["against"]
    assert len({q["id"] for q in pos}) == len(pos)


def test_a_dateline_misparsed_as_a_subject_does_not_hold_the_stance(analyse):
    # The parser makes both the dateline's city and the president subjects of "refused".
    pos, table = analyse("PELLMAR, Sarvenia (NWD) — President Ilse Marrow on Tuesday refused to allow Ostrana "
                         "to use Halberd missiles inside Kazrania.")
    [p] = pos
    assert p["holder_country"] == "VLD" and p["stance"] == "against"  # not Sarvenia, whose capital is the dateline
    assert table.get(p["holder_id"]).name == "Ilse Marrow"
