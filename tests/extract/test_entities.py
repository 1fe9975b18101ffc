"""Entities with roles and canonical names. Fixtures are invented: fictional people and places."""
from __future__ import annotations

import json

from spacy.tokens import Span

from redline.link.entities import EntityIndex
from redline.extract.entities import extract_entities


def _by_name(table, name):
    found = [e for e in table.entities if e.name == name]
    assert found, f"{name!r} not in {[e.name for e in table.entities]}"
    return found[0]


def _mentions(table, entity):
    return [m.text for m in table.mentions if m.entity_id == entity.id]


def _analyze(nlp, text, published="2031-05-02"):
    return extract_entities(nlp(text), published)


def test_premodifier_roles_titles_and_surnames(nlp):
    t = _analyze(nlp, "Outgoing U.S. President Harlan Brooke met German Chancellor Greta Vollmer in Berlin on Monday. "
                      "Brooke said the talks went well, and Vollmer agreed.")
    brooke = _by_name(t, "Harlan Brooke")
    assert brooke.type == "PERSON" and brooke.country == "USA"
    assert [(r.title, r.country, r.first_seen, r.last_seen) for r in brooke.roles] == [("president", "USA", "2031-05-02", "2031-05-02")]
    assert _mentions(t, brooke) == ["Harlan Brooke", "Brooke"]
    vollmer = _by_name(t, "Greta Vollmer")
    assert vollmer.roles[0].title == "chancellor" and vollmer.country == "DEU" and vollmer.gender == "f"
    assert _mentions(t, vollmer) == ["Greta Vollmer", "Vollmer"]
    assert _by_name(t, "Berlin").country == "DEU"  # a place here, not an actor


def test_apposition_with_seat_of_government(nlp):
    t = _analyze(nlp, "“We will not accept this,” Ilya Sarkov, the Kremlin spokesman, told reporters. Sarkov later repeated it.")
    sarkov = _by_name(t, "Ilya Sarkov")
    role = sarkov.roles[0]
    assert (role.title, role.org, role.country) == ("spokesman", "Kremlin", "RUS")
    assert sarkov.country == "RUS" and sarkov.gender == "m"
    assert len(_mentions(t, sarkov)) == 2


def test_expert_at_an_institute(nlp):
    t = _analyze(nlp, "The plan is risky, said Mira Tolvanen, a Baltic security expert at the Nordvik Institute, a Finnish "
                      "think tank. Ms. Tolvanen has studied the region for years.")
    mira = _by_name(t, "Mira Tolvanen")
    assert [(r.title, r.org, r.country) for r in mira.roles] == [("expert", "Nordvik Institute", None)]
    assert mira.country is None  # the subject of expertise is not a nationality
    assert mira.gender == "f"
    assert _mentions(t, mira) == ["Mira Tolvanen", "Tolvanen"]


def test_title_inside_the_model_span_and_of_country(nlp):
    t = _analyze(nlp, "NATO Secretary-General Pieter Vandermolen said the alliance backs Ukraine. "
                      "Vandermolen spoke after Defense Minister Anna Kowalczyk of Poland arrived.")
    pieter = _by_name(t, "Pieter Vandermolen")
    assert pieter.type == "PERSON"
    assert [(r.title, r.org, r.country) for r in pieter.roles] == [("secretary-general", "NATO", None)]
    assert _by_name(t, "NATO").country is None
    anna = _by_name(t, "Anna Kowalczyk")
    assert (anna.roles[0].title, anna.country) == ("defense minister", "POL")


def test_country_aliases_and_metonyms(nlp):
    t = _analyze(nlp, "Washington approved the deliveries on Friday. The United States and America are one country, "
                      "and the U.S. said so during a visit to Washington.")
    usa = _by_name(t, "United States")
    assert usa.country == "USA" and usa.type == "GPE"
    assert set(_mentions(t, usa)) == {"Washington", "United States", "America", "U.S."}
    city = _by_name(t, "Washington")  # "a visit to Washington" is the city, in the USA
    assert city.country == "USA" and city.id != usa.id
    assert [e.id for e in t.entities] == [f"e{i}" for i in range(1, len(t.entities) + 1)]


def test_weapons_listed_aliased_and_by_pattern(nlp):
    t = _analyze(nlp, "The Kremlin warned that ATACMS missiles and Storm Shadow cruise missiles, which France calls SCALP, "
                      "would change the war. Kyiv also wants more Vortex missiles, and Russian missiles are not welcome.")
    assert _by_name(t, "ATACMS").type == "WEAPON"
    storm = _by_name(t, "Storm Shadow")
    assert storm.type == "WEAPON" and set(_mentions(t, storm)) == {"Storm Shadow", "SCALP"}
    assert _by_name(t, "Vortex").type == "WEAPON"
    assert _by_name(t, "Russian").type == "NORP"
    assert _by_name(t, "Russia").country == "RUS"  # "the Kremlin warned": the state acting
    assert _by_name(t, "Ukraine").country == "UKR"  # "Kyiv also wants"


def test_context_dependent_weapon_names(nlp):
    t = _analyze(nlp, "Leopard tanks arrived in Dravnik. A Leopard was seen in the zoo.")
    weapons = [m.text for m in t.mentions if t.get(m.entity_id).type == "WEAPON"]
    assert weapons == ["Leopard"]
    assert t.mentions[0].start == 0


def _set_ents(doc, spans):
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in spans]
    return doc


def test_model_slips_are_fixed(nlp):
    # Force the slips spaCy's small model is known to make, so the fixes are tested
    # whatever the model does with these sentences.
    doc = nlp("Unlike Harlan Brooke, Vollmer met Greta Vollmer. Brooke’s Dravnik policy failed in Ostrava, Tarvik and Lemberg.")
    words = [t.text for t in doc]
    i_unlike, i_brooke2, i_ostrava = words.index("Unlike"), words.index("Brooke", 3), words.index("Ostrava")
    _set_ents(doc, [
        (i_unlike, i_unlike + 5, "PERSON"),         # "Unlike Harlan Brooke, Vollmer": a list merged into one
        (words.index("Greta"), words.index("Greta") + 2, "PERSON"),
        (i_brooke2, i_brooke2 + 3, "PERSON"),       # "Brooke’s Dravnik": possessor run into a name
        (i_ostrava, i_ostrava + 5, "ORG"),          # "Ostrava, Tarvik and Lemberg"
    ])
    t = extract_entities(doc)
    names = {e.name for e in t.entities}
    assert {"Harlan Brooke", "Greta Vollmer", "Dravnik", "Ostrava", "Tarvik", "Lemberg"} <= names
    assert _mentions(t, _by_name(t, "Harlan Brooke")) == ["Harlan Brooke", "Brooke"]
    assert _mentions(t, _by_name(t, "Greta Vollmer")) == ["Vollmer", "Greta Vollmer"]
    assert all(m.text == doc.text[m.start:m.end] and "’s" not in m.text for m in t.mentions)


def test_mentions_are_offsets_into_the_text(nlp):
    text = "Maria Lindqvist said she would run. Mr. Okafor disagreed, and Lindqvist left for Britain."
    t = _analyze(nlp, text)
    for m in t.mentions:
        assert text[m.start:m.end] == m.text
    assert _by_name(t, "Maria Lindqvist").gender == "f"
    assert _by_name(t, "Okafor").gender == "m"
    assert _by_name(t, "United Kingdom").country == "GBR"
    assert not any(m.text.lower() in {"she", "he"} for m in t.mentions)  # pronouns are not mentions


def test_misspelling_within_an_article(nlp):
    t = _analyze(nlp, "Shelling hit the Ostrovgrad region on Monday. Residents of Ostrovgrod said the city was dark.")
    towns = [e for e in t.entities if e.name.startswith("Ostrovgr")]
    assert len(towns) == 1 and len(_mentions(t, towns[0])) == 2


# -- the seeds (read at run time, skipped when ../shared is absent) ------------
def _seed_tables(nlp, seeds_dir):
    out = []
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        text = text[text.find("(CN)"):]  # the first seed has page chrome above its body
        meta = json.loads(path.with_suffix(".meta.json").read_text(encoding="utf-8"))
        out.append(extract_entities(nlp(text), meta.get("published")))
    return out


def test_seeds(nlp, seeds_dir):
    tables = _seed_tables(nlp, seeds_dir)
    idx = EntityIndex()
    keys: dict[str, set[str]] = {}
    people = {}
    for t in tables:
        for e in t.entities:
            key = idx.add(e)
            for alias in {e.name, *e.aliases}:
                keys.setdefault(alias, set()).add(key)
            if e.type == "PERSON":
                people.setdefault(e.name.split()[-1], []).append(e)
    assert keys["Belgorod"] == keys["Belgorad"]
    expected = {"Peskov": "spokesman", "Scholz": "chancellor", "Stoltenberg": "secretary-general",
                "Blinken": "secretary of state", "Macron": "president", "Mikhelidze": "expert"}
    for surname, title in expected.items():
        assert any(r.title == title for e in people[surname] for r in e.roles), surname
    for t in tables:
        for e in t.entities:
            if e.name in {"ATACMS", "Taurus"}:
                assert e.type == "WEAPON"
            if e.name == "Joe Biden":
                assert e.country == "USA"
        for m in t.mentions:
            if m.text in {"Washington", "White House"}:
                assert t.get(m.entity_id).country == "USA"
    assert len(keys["Joe Biden"]) == 1
    assert any({"Biden", "Joe Biden"} <= set(e.aliases) for t in tables for e in t.entities)
    assert sum(e.type == "WEAPON" for t in tables for e in t.entities if e.name in {"ATACMS", "Taurus"}) == 4


def test_a_surname_after_a_given_name_the_model_missed_is_another_person(nlp):
    # The model finds "Pavel Osk" but not "Renata" before the first "Osk": that "Osk" is
    # Renata Osk, a person of her own, never a mention of Pavel Osk.
    t = _analyze(nlp, "HARWICK, Lestria (LW) \u2014 Councillor Renata Osk on Tuesday withdrew her endorsement of "
                      "Ilona Brisk. At the Eastgate terminal, Pavel Osk, a retired harbour pilot, said he still "
                      "backed Brisk.", "2027-09-14")
    renata, pavel = _by_name(t, "Renata Osk"), _by_name(t, "Pavel Osk")
    assert renata.id != pavel.id and renata.type == "PERSON"
    assert _mentions(t, pavel) == ["Pavel Osk"]
