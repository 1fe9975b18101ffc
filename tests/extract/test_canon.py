"""Name normalisation, the guarded fuzzy test, and cross-article canonical entities."""
from __future__ import annotations

import itertools
import random

import pytest

from redline.extract.lexicon import read_json
from redline.extract.lexicon.names import same_entity
from redline.extract.lexicon.spelling import normalize
from redline.link.entities import CanonicalEntity, EntityIndex
from redline.records import Entity, Role


def _country_names() -> list[tuple[str, str]]:
    data = read_json("countries.json")
    out = []
    for c in data["countries"]:
        for name in [c["name"], *c["aliases"], *c["capitals"], *c["seats"]]:
            out.append((c["iso3"], name))
    return out


def test_normalize():
    assert normalize("the U.S.'s") == "us"
    assert normalize("Élysée") == "elysee"
    assert normalize("North Korea’s") == "north korea"
    assert normalize("  Kh-101 ") == "kh 101"


def test_aliases_are_one_country():
    for a, b in [("U.S.", "United States"), ("America", "US"), ("the U.K.", "Britain"), ("Türkiye", "Turkey")]:
        assert same_entity(a, b, "GPE")


def test_no_false_merges_among_countries():
    """Every country name, alias, capital and seat against every other country's: 0 false merges."""
    names = _country_names()
    false = [
        (a, b)
        for (ia, a), (ib, b) in itertools.combinations(names, 2)
        if ia != ib and normalize(a) != normalize(b) and same_entity(a, b, "GPE")
    ]
    assert false == []
    assert len(names) > 500


# Pairs that look alike but name different things: gazetteer neighbours,
# gender-inflected surnames, distinct family-name variants, numbered systems,
# short names, and different first letters (the made-up names are ours).
CONFUSABLE = [
    ("Austria", "Australia", "GPE"),
    ("Iceland", "Ireland", "GPE"),
    ("Niger", "Nigeria", "GPE"),
    ("Slovakia", "Slovenia", "GPE"),
    ("Nigerien", "Nigerian", "NORP"),
    ("Ivanov", "Ivanova", "PERSON"),
    ("Sergei Ivanov", "Sergei Ivanova", "PERSON"),
    ("Anna Petrova", "Anna Petrov", "PERSON"),
    ("Piotr Kowalski", "Piotr Kowalska", "PERSON"),
    ("Jan Novak", "Jan Novakova", "PERSON"),
    ("Oleg Zelensky", "Oleg Zelenska", "PERSON"),
    ("Mark Hansen", "Mark Hanson", "PERSON"),
    ("Meyer", "Meier", "PERSON"),
    ("Klaus Neumann", "Klaus Neuman", "PERSON"),
    ("Jana Brill", "Jan Brill", "PERSON"),
    ("Tomas Varga", "Andras Varga", "PERSON"),
    ("Zorvak-7", "Zorvak-9", "WEAPON"),
    ("F-15", "F-16", "WEAPON"),
    ("Ostra", "Ostro", "GPE"),
    ("Durovo", "Kurovo", "GPE"),
    ("Velmarsk", "Velmorska", "GPE"),
    ("Brannholt Institute", "Brannholt Foundation", "ORG"),
    ("Tarvik Institute", "Tarvik Institutes Group", "ORG"),
]

# Misspellings that must merge.
MISSPELT = [
    ("Belgorod", "Belgorad", "GPE"),
    ("Kaliningrad", "Kaliningard", "GPE"),
    ("Ukraine", "Ukrane", "GPE"),
    ("Volodymyr Zelenskyy", "Volodymyr Zelensky", "PERSON"),
    ("Mikhail Dorvanenko", "Mikhail Dorvanenco", "PERSON"),
    ("Istituto Affari Internazionali", "Instituto Affari Internazionali", "ORG"),
    ("Tarvik Institute", "Tarvik Insitute", "ORG"),
    ("Ostrovgrad", "Ostrovgrod", "LOC"),
]


@pytest.mark.parametrize("a,b,type_", CONFUSABLE)
def test_confusable_pairs_stay_apart(a, b, type_):
    assert not same_entity(a, b, type_)
    assert not same_entity(b, a, type_)


@pytest.mark.parametrize("a,b,type_", MISSPELT)
def test_misspellings_merge(a, b, type_):
    assert same_entity(a, b, type_)
    assert same_entity(b, a, type_)


def test_people_never_merge_with_places():
    idx = EntityIndex()
    place = idx.add(Entity("e1", "Korvel", "GPE"))
    person = idx.add(Entity("e2", "Korvel", "PERSON"))
    assert place != person


def test_index_people_across_articles():
    idx = EntityIndex()
    full = idx.add(Entity("e1", "Harlan Brooke", "PERSON", country="USA", aliases=["Harlan Brooke", "Brooke"],
                          roles=[Role("president", None, "USA", "2031-03-01", "2031-03-01")]))
    assert idx.add(Entity("e1", "Brooke", "PERSON")) == full
    assert idx.add(Entity("e4", "President Harlan Brooke", "PERSON", aliases=["Harlan Brooke"])) == full
    later = Entity("e7", "Harlan Brooke", "PERSON", roles=[Role("president", None, "USA", "2031-06-09", "2031-06-09")])
    assert idx.add(later) == full
    role = idx.get(full).roles[0]
    assert (role.first_seen, role.last_seen) == ("2031-03-01", "2031-06-09")
    assert later.roles[0].first_seen == "2031-06-09"  # the article's own role is not altered
    assert idx.resolve("Ilse Brooke", "PERSON") is None  # another Brooke
    other = idx.add(Entity("e2", "Ilse Brooke", "PERSON"))
    assert other != full
    assert idx.resolve("Brooke", "PERSON") is None  # now ambiguous


def test_index_upgrades_a_bare_surname():
    idx = EntityIndex()
    bare = idx.add(Entity("e1", "Tolvanen", "PERSON"))
    assert idx.add(Entity("e1", "Mira Tolvanen", "PERSON")) == bare
    assert idx.get(bare).name == "Mira Tolvanen"


def test_index_gazetteer_and_misspellings():
    idx = EntityIndex()
    usa = idx.add(Entity("e1", "United States", "GPE", country="USA"))
    assert idx.add(Entity("e2", "America", "GPE")) == usa
    assert idx.resolve("U.S.", "GPE") == usa
    town = idx.add(Entity("e3", "Ostrovgrad", "GPE"))
    assert idx.add(Entity("e9", "Ostrovgrod", "GPE")) == town
    assert idx.add(Entity("e3", "Austria", "GPE")) != idx.add(Entity("e4", "Australia", "GPE"))
    assert idx.get(usa).country == "USA"


def test_index_restores_from_storage():
    first = EntityIndex()
    key = first.add(Entity("e1", "Mira Tolvanen", "PERSON", aliases=["Mira Tolvanen", "Tolvanen"],
                           roles=[Role("expert", "Nordvik Institute", None, "2031-01-05", "2031-01-05")]))
    saved = first.get(key)
    again = EntityIndex()
    item = CanonicalEntity(saved.key, saved.name, saved.type, saved.country)
    item.aliases, item.roles = list(saved.aliases), list(saved.roles)
    again.restore(item)
    assert again.resolve("Tolvanen", "PERSON") == key
    assert again.add(Entity("e3", "Mira Tolvanen", "PERSON")) == key


def test_index_blocks_candidates():
    """With 20,000 known names a look-up compares against a small block, never all."""
    rng = random.Random(7)
    idx = EntityIndex()
    names = {"".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(4)).capitalize() for _ in range(20000)}
    for i, name in enumerate(sorted(names)):
        idx.add(Entity(f"e{i}", f"{name} Institute", "ORG"))
    assert len(idx) > 0.97 * len(names)  # random names seldom lie one letter apart
    probe = sorted(names)[123]
    assert len(idx._candidates("place", normalize(f"{probe} Institute"))) < 100
    assert len(idx._candidates("place", normalize(f"{probe} Institute"))) < 100
    typo = probe[:4] + probe[5:]  # one letter dropped
    assert idx.resolve(f"{typo} Institute", "ORG") == idx.resolve(f"{probe} Institute", "ORG")
