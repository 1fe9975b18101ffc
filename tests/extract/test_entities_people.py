"""People of one article: relatives who share a name, namesakes by surname, honorifics.
Fixtures are invented: fictional people and places."""
from __future__ import annotations

from spacy.tokens import Span

from redline.extract.entities import extract_entities


def _analyze(nlp, text, published="2031-05-02"):
    return extract_entities(nlp(text), published)


def _people(table):
    return {e.name: e for e in table.entities if e.type == "PERSON"}


def _entity_at(table, text, word, nth=0):
    at = -1
    for _ in range(nth + 1):
        at = text.index(word, at + 1)
    return table.entity_at(at, at + len(word), ("PERSON",))


def test_father_and_son_with_one_name_and_a_suffix_are_two_people(nlp):
    text = ("Pavel Osk Jr. said on Monday that the harbour would reopen. His father, Pavel Osk, who built the "
            "harbour in the 1990s, said the son was wrong. Osk Jr. repeated the pledge.")
    t = _analyze(nlp, text)
    people = _people(t)
    assert "Pavel Osk Jr." in people and "Pavel Osk" in people
    junior, senior = people["Pavel Osk Jr."], people["Pavel Osk"]
    assert junior.id != senior.id
    assert "Pavel Osk" not in junior.aliases and "Pavel Osk Jr." not in senior.aliases
    assert _entity_at(t, text, "Pavel Osk Jr.") is junior
    assert _entity_at(t, text, "Pavel Osk", 1) is senior


def test_a_son_introduced_with_his_fathers_name_is_another_person(nlp):
    text = ("Jan Merrow, the mayor of Quillby, opened the bridge on Monday. Later his son, Jan Merrow, told "
            "reporters that the bridge had cost too much.")
    t = _analyze(nlp, text)
    father = _entity_at(t, text, "Jan Merrow")
    son = _entity_at(t, text, "Jan Merrow", 1)
    assert father is not None and son is not None and father.id != son.id
    assert [r.title for r in father.roles] == ["mayor"] and not son.roles


def test_three_people_with_one_surname_stay_three_and_a_bare_surname_is_not_handed_out(nlp):
    text = ("Mark Brellic, Susan Brellic and Peter Brellic run the family bakery in Quillby. "
            "Brellic said on Tuesday that flour prices had doubled.")
    t = _analyze(nlp, text)
    people = _people(t)
    assert {"Mark Brellic", "Susan Brellic", "Peter Brellic"} <= set(people)
    for name in ("Mark Brellic", "Susan Brellic", "Peter Brellic"):
        assert people[name].aliases == [name]  # none took the bare "Brellic"
    bare = _entity_at(t, text, "Brellic said"[:7], 3)
    assert bare is not None and bare.name == "Brellic"


def test_a_bare_surname_joins_the_one_person_named_so_far(nlp):
    text = ("Ana Brellic opened the bakery in 2019. Brellic said prices had doubled since. "
            "Her son, Tomas Brellic, runs the shop now.")
    t = _analyze(nlp, text)
    ana = _people(t)["Ana Brellic"]
    assert "Brellic" in ana.aliases  # said before the second Brellic was named
    assert "Tomas Brellic" in _people(t)


def test_an_honorific_picks_the_one_person_of_its_gender(nlp):
    text = ("Maria Lindqvist and her husband, Peter Lindqvist, met the council. "
            "Mrs. Lindqvist said the road was unsafe. Mr. Lindqvist agreed.")
    t = _analyze(nlp, text)
    people = _people(t)
    assert _entity_at(t, text, "Lindqvist", 2) is people["Maria Lindqvist"]
    assert _entity_at(t, text, "Lindqvist", 3) is people["Peter Lindqvist"]


def test_a_word_run_into_a_name_is_cut(nlp):
    doc = nlp("Top Brellic adviser quits. Ana Brellic said on Monday that her adviser had left.")
    words = [t.text for t in doc]
    doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, words.index("Ana"), words.index("Ana") + 2, label="PERSON")]
    t = extract_entities(doc)
    ana = _people(t)["Ana Brellic"]
    assert "Top Brellic" not in {e.name for e in t.entities}
    assert "Brellic" in ana.aliases  # the headline's "Top" is no given name of another Brellic
