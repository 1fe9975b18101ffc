"""Roles only from a person's own title or apposition; past roles marked former; places never people.
Fixtures are invented: fictional people, firms and places (real countries only where the gazetteer's
capital and country are the point)."""
from __future__ import annotations

from spacy.tokens import Span

from redline import analyze
from redline.extract.entities import extract_entities


def _analyze(nlp, text, published="2031-05-02"):
    return extract_entities(nlp(text), published)


def _by_name(table, name):
    found = [e for e in table.entities if e.name == name]
    assert found, f"{name!r} not in {[e.name for e in table.entities]}"
    return found[0]


def _roles(entity):
    return [(r.title, r.org, r.former) for r in entity.roles]


def test_an_ally_of_the_president_is_no_president(nlp):
    t = _analyze(nlp, "Karel Dvorsk, a close ally of President Mira Sollen, said the vote would be delayed.")
    assert _by_name(t, "Karel Dvorsk").roles == []
    assert [r.title for r in _by_name(t, "Mira Sollen").roles] == ["president"]


def test_the_chief_executive_before_a_name_is_that_name_s_not_the_next(nlp):
    t = _analyze(nlp, "The chief executive of Ostwind Freight, Bo Dalberg, said Cyril Fenwick would take over "
                      "the port terminal next year.")
    assert [r.title for r in _by_name(t, "Bo Dalberg").roles] == ["chief executive"]
    assert _by_name(t, "Cyril Fenwick").roles == []


def test_a_role_word_that_modifies_a_noun_is_no_title(nlp):
    t = _analyze(nlp, "Stellan Roux, a party operative and Mira Sollen's chief strategist, said the race was close.")
    assert _by_name(t, "Stellan Roux").roles == []  # "chief strategist" is no "head"


def test_a_list_of_titles_before_a_name_gives_none(nlp):
    t = _analyze(nlp, "Everybody was scrambling: the governor, the vice president, Lena Marsh, and the staff.")
    assert all(r.title != "vice president" for r in _by_name(t, "Lena Marsh").roles)


def test_former_ex_retired_and_then_roles_are_past(nlp):
    t = _analyze(nlp, "Former Defence Minister Tomas Velk met Peter Brisk, a retired army officer, and "
                      "ex-Governor Anna Marrow. Hana Lutz, then deputy chief of staff to the mayor, joined them, "
                      "as did Foreign Minister Petra Kolb.")
    assert _roles(_by_name(t, "Tomas Velk")) == [("defense minister", None, True)]
    assert _roles(_by_name(t, "Peter Brisk")) == [("officer", None, True)]
    assert _roles(_by_name(t, "Anna Marrow")) == [("governor", None, True)]
    assert _roles(_by_name(t, "Hana Lutz")) == [("deputy chief of staff", None, True)]
    assert _roles(_by_name(t, "Petra Kolb")) == [("foreign minister", None, False)]


def test_then_in_a_sequence_is_no_past_marker(nlp):
    t = _analyze(nlp, "Both President Ivo Starn and then President Olga Perrin kept the treaty.")
    assert _roles(_by_name(t, "Olga Perrin")) == [("president", None, False)]


def test_a_rank_before_a_title_makes_a_lesser_title(nlp):
    t = _analyze(nlp, "“We are moving,” said Lotte Brand, assistant secretary of state for refugees.")
    assert [r.title for r in _by_name(t, "Lotte Brand").roles] == ["assistant secretary of state"]


def test_former_travels_in_the_contract_dict():
    d = analyze("Former Prime Minister Ilse Marrow said the bridge would wait.", published="2031-05-02").to_dict()
    people = [e for e in d["entities"] if e["type"] == "PERSON"]
    assert people and people[0]["roles"][0]["title"] == "prime minister"
    assert people[0]["roles"][0]["former"] is True


def test_a_listed_country_is_never_a_person_and_takes_no_role(nlp):
    doc = nlp("Chancellor Edda Brenn flew on to Norway, and Norway welcomed the talks.")
    words = [t.text for t in doc]
    first, second = words.index("Norway"), words.index("Norway", words.index("Norway") + 1)
    doc.ents = [Span(doc, 1, 3, label="PERSON"), Span(doc, first, first + 1, label="PERSON"),
                Span(doc, second, second + 1, label="PERSON")]
    t = extract_entities(doc)
    norway = _by_name(t, "Norway")
    assert norway.type == "GPE" and norway.roles == [] and norway.country == "NOR"


def test_an_unlisted_country_the_model_calls_a_person_is_a_place(nlp):
    text = "Strikes inside Bellunia went on. Bellunia protested, and Bellunian troops moved to the border."
    doc = nlp(text)
    words = [t.text for t in doc]
    i, j, k = words.index("Bellunia"), words.index("Bellunia", words.index("Bellunia") + 1), words.index("Bellunian")
    doc.ents = [Span(doc, i, i + 1, label="PERSON"), Span(doc, j, j + 1, label="PERSON"), Span(doc, k, k + 1, label="NORP")]
    t = extract_entities(doc)
    assert _by_name(t, "Bellunia").type == "GPE"


def test_a_capital_is_its_own_place_and_never_its_country_s_name(nlp):
    t = _analyze(nlp, "Oslo warned on Monday that the talks would fail. Delegates met in Oslo on Tuesday.")
    country = _by_name(t, "Norway")
    assert country.type == "GPE" and "Oslo" in country.aliases  # the capital acting for its state
    capital = _by_name(t, "Oslo")
    assert capital.type == "GPE" and capital.id != country.id
