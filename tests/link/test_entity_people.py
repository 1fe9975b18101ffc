"""Canonical people across articles: namesakes and relatives stay apart, capitals stay capitals,
past roles stay past. Invented names (real countries only where the gazetteer's capital is the point)."""
from __future__ import annotations

from types import SimpleNamespace

from redline.link.entities import EntityIndex, EntityLinker
from redline.records import Entity, EntityTable, Role


def _person(name, *aliases, roles=(), id="e1"):
    return Entity(id=id, name=name, type="PERSON", aliases=[name, *aliases], roles=list(roles))


def test_two_generation_suffixes_never_meet():
    idx = EntityIndex()
    junior = idx.add(_person("Pavel Osk Jr."))
    senior = idx.add(_person("Pavel Osk Sr."))
    assert junior != senior
    assert idx.add(_person("Pavel Osk Jr.")) == junior


def test_people_of_one_article_are_different_people_however_alike_their_names():
    linker = EntityLinker(store=None)
    linker._index = EntityIndex()
    father = _person("Jan Merrow", id="e1", roles=[Role("mayor", org="Quillby")])
    son = _person("Jan Merrow", id="e2")
    article = SimpleNamespace(analysis=SimpleNamespace(entities=EntityTable([father, son]), positions=[]), links=None)
    linker.prepare(article)
    keys = article.links.keys
    assert keys["e1"] != keys["e2"]
    assert [r.title for r in linker.index.get(keys["e1"]).roles] == ["mayor"]
    assert linker.index.get(keys["e2"]).roles == []


def test_a_bare_surname_resolves_only_to_the_one_person_who_has_it():
    idx = EntityIndex()
    mark = idx.add(_person("Mark Brellic"))
    assert idx.resolve("Brellic", "PERSON") == mark
    idx.add(_person("Susan Brellic"))
    assert idx.resolve("Brellic", "PERSON") is None  # two Brellics known: left open
    assert idx.resolve("Brellic", "PERSON", exclude=frozenset({mark})) is None  # the article had its own


def test_a_capital_that_stood_for_its_country_does_not_capture_the_capital():
    idx = EntityIndex()
    norway = idx.add(Entity(id="e1", name="Norway", type="GPE", country="NOR", aliases=["Norway", "Oslo"]))
    oslo = idx.add(Entity(id="e2", name="Oslo", type="GPE", country="NOR", aliases=["Oslo"]))
    assert norway != oslo and idx.get(norway).name == "Norway" and idx.get(oslo).name == "Oslo"


def test_a_country_named_after_its_capital_was_known_keeps_its_own_name():
    idx = EntityIndex()
    oslo = idx.add(Entity(id="e1", name="Oslo", type="GPE", country="NOR", aliases=["Oslo"]))
    norway = idx.add(Entity(id="e2", name="Norway", type="GPE", country="NOR", aliases=["Norway", "Oslo"]))
    assert norway != oslo and idx.get(norway).name == "Norway" and idx.get(oslo).name == "Oslo"


def test_a_role_is_past_as_of_the_latest_article_that_shows_it():
    idx = EntityIndex()
    key = idx.add(_person("Ilse Marrow", roles=[Role("governor", first_seen="2031-01-05", last_seen="2031-01-05")]))
    idx.add(_person("Ilse Marrow", roles=[Role("governor", first_seen="2031-06-01", last_seen="2031-06-01", former=True)]))
    (role,) = idx.get(key).roles
    assert role.former is True and (role.first_seen, role.last_seen) == ("2031-01-05", "2031-06-01")
    idx.add(_person("Ilse Marrow", roles=[Role("governor", first_seen="2031-03-01", last_seen="2031-03-01")]))
    assert idx.get(key).roles[0].former is True  # an older article calling it current does not undo it
