"""Matching propositions across articles (``link.questions``): the same question meets itself
however it is keyed, in the change rule that every view reads (``link.changes``).

Opposite actions flip the stance (for banning X is against allowing X), phrase objects that are
one with words added or misspelt meet, and a wildcard slot covers a named one, as a wider scope.
Invented names only: Valdoria, Ostrana, Kazrania, Mara Quill, the Northwind Pact, the Harbour Levy.
"""
from __future__ import annotations

import hashlib

import pytest
from rapidfuzz import fuzz

from redline.link import changes
from redline.link.changes import changed_positions, in_order, question_threads, thread_changes
from redline.link.questions import (MIN_SIMILARITY, KeyIndex, meets, opposites, question, same_object,
                                    stance_on)
from redline.records import Analysis, Entity, EntityTable, Mention
from redline.store.base import CanonicalLinks, EntityRow, NewArticle


def _generic(action: str, obj: str, agent: str = "*") -> str:
    """A generic action's key as the positions stage writes it (slots agent, object, target)."""
    return f"{action}|agent={agent}|object={obj}|target=*"


def _rows(*positions, holder=7, holder_name="Valdoria"):
    """``Store.list_positions``-shaped rows: (proposition key, stance, date[, qualifier]), one article each."""
    out = []
    for i, (key, stance, date, *qualifier) in enumerate(positions, 1):
        out.append({"id": i, "holder_id": holder, "holder_name": holder_name, "proposition_key": key,
                    "proposition": key.replace("|", " "), "stance": stance, "date": date, "sort_date": date,
                    "qualifier": qualifier[0] if qualifier else None, "is_past": False, "article_id": i,
                    "article_published": date, "evidence": {"start": 0, "end": 10, "sentence": f"sentence {i}"}})
    return out


def _changes(rows):
    """The change records the rule derives from these rows, every thread, as the link stage does."""
    threads = question_threads([changes._thread_row(r) for r in rows])
    return [c for (_h, key), t in threads.items() for c in thread_changes(in_order(t)) if c["proposition_key"] == key]


def _moves(found):
    return [(c["from"]["position_id"], c["from"]["stance"], c["to"]["position_id"], c["to"]["stance"]) for c in found]


# -- the question of a key ------------------------------------------------------------------
def test_opposite_actions_are_one_question_with_the_stance_flipped():
    allow, ban = question(_generic("allow", "night fishing")), question(_generic("ban", "night fishing"))
    permit, prohibit = question(_generic("permit", "night fishing")), question(_generic("prohibit", "night fishing"))
    assert allow.key == ban.key == permit.key == prohibit.key
    assert (allow.polarity, ban.polarity, permit.polarity, prohibit.polarity) == (1, -1, 1, -1)
    assert stance_on(allow, ban, "for") == "against" and stance_on(allow, prohibit, "against") == "for"
    assert stance_on(allow, permit, "for") == "for"
    for a, b in (("stay", "withdraw"), ("remain", "pull out"), ("approve", "reject"), ("lift", "impose"),
                 ("start", "halt"), ("resume", "suspend"), ("join", "leave"), ("raise", "cut"), ("raise", "lower")):
        qa, qb = question(_generic(a, "northwind pact")), question(_generic(b, "northwind pact"))
        assert qa.key == qb.key and qa.polarity == -qb.polarity, (a, b)
    # An action without a pair is its own question; the classes with slots are untouched.
    assert question(_generic("unravel", "harbour levy")).action == "unravel"
    assert question("support|object=mara quill").key == "support|object=mara quill"


def test_the_pairs_are_a_data_file_with_each_word_once():
    from redline.extract.lexicon import read_json

    data = read_json("opposite_actions.json")
    assert data["_about"] and data["pairs"]
    words = [w for pair in data["pairs"] for side in ("for", "against") for w in pair[side]]
    assert len(words) == len(set(words)) == len(opposites().actions)


# -- phrase objects --------------------------------------------------------------------------
def _same(a: str, b: str) -> bool:
    return same_object(question(f"support|object={a}"), question(f"support|object={b}"))


@pytest.mark.parametrize("a, b", [
    ("federal minimum wage increase", "minimum wage increase"),  # a modifier added
    ("minimum wage increases", "minimum wage increase"),  # plural folded
    ("minimun wage increase", "minimum wage increase"),  # one word misspelt
    ("harbour levy act", "harbor levy act"),
    ("ban on night fishing", "night fishing ban"),  # the same words, the head first or last
    ("northwind pact", "northwind trade pact"),
])
def test_similar_phrase_objects_meet(a, b):
    assert _same(a, b) and _same(b, a)


@pytest.mark.parametrize("a, b", [
    ("harbour levy", "ferry levy"),  # one word each side: two levies
    ("federal minimum wage increase", "state minimum wage increase"),
    ("northwind pact", "southwind pact"),
    ("sanction on ostrana", "sanction on kazrania"),
    ("minimum wage increase", "minimum wage"),  # another head: raising it is not having it
    ("harbour levy repeal", "harbour levy"),  # the opposite question, inside the other's words
    ("ferry levy", "levy"),  # one word alone may be any levy
    ("mara quill", "ilka quill"),  # two people
    ("OST", "KZR"),
])
def test_near_misses_do_not_meet(a, b):
    assert not _same(a, b) and not _same(b, a)


def test_the_threshold_lies_between_the_near_misses_and_the_misspellings():
    def score(a, b):
        qa, qb = question(f"support|object={a}"), question(f"support|object={b}")
        return fuzz.token_set_ratio(" ".join(qa.terms), " ".join(qb.terms))

    misses = [score("federal minimum wage increase", "state minimum wage increase"),
              score("northwind pact", "southwind pact"), score("harbour levy", "ferry levy"),
              score("sanction on ostrana", "sanction on kazrania")]
    hits = [score("minimun wage increase", "minimum wage increase"), score("harbour levy act", "harbor levy act"),
            score("federal minimum wage increase", "minimum wage increase")]
    assert max(misses) < MIN_SIMILARITY <= min(hits)
    # A long phrase dilutes one differing word past any threshold: the word test keeps it out.
    long_a = "federal minimum wage increase for harbour dock workers"
    long_b = "state minimum wage increase for harbour dock workers"
    assert score(long_a, long_b) >= MIN_SIMILARITY and not _same(long_a, long_b)


def test_similar_phrases_make_a_change_and_dissimilar_ones_none():
    found = _changes(_rows(("support|object=minimum wage increase", "for", "2031-01-10"),
                           ("support|object=federal minimum wage increase", "against", "2031-03-02")))
    [c] = found
    assert c["proposition_key"] == "support|object=federal minimum wage increase"
    assert _moves(found) == [(1, "for", 2, "against")]
    assert c["from"]["proposition_key"] == "support|object=minimum wage increase"  # said otherwise, kept
    assert _changes(_rows(("support|object=harbour levy", "for", "2031-01-10"),
                          ("support|object=ferry levy", "against", "2031-03-02"))) == []


# -- opposite actions in the change rule -------------------------------------------------------
def test_an_opposite_action_with_the_same_stance_word_is_a_change():
    found = _changes(_rows((_generic("allow", "night fishing"), "for", "2031-01-10"),
                           (_generic("ban", "night fishing"), "for", "2031-03-02")))
    [c] = found
    assert c["proposition_key"] == _generic("ban", "night fishing")
    # On the ban's sides: allowing it was being against the ban.
    assert (c["from"]["stance"], c["from"]["stance_as_said"], c["to"]["stance"]) == ("against", "for", "for")
    assert "stance_as_said" not in c["to"]


def test_stances_that_agree_once_flipped_are_no_change():
    assert _changes(_rows((_generic("allow", "night fishing"), "against", "2031-01-10"),
                          (_generic("prohibit", "night fishing"), "for", "2031-03-02"),
                          (_generic("permit", "night fishing"), "against", "2031-05-02"))) == []
    assert _changes(_rows((_generic("stay", "northwind pact"), "for", "2031-01-10"),
                          (_generic("withdraw", "northwind pact"), "against", "2031-03-02"))) == []


def test_staying_then_pulling_out_is_a_change():
    found = _changes(_rows((_generic("stay", "northwind pact", "ostrana"), "for", "2031-01-10"),
                           (_generic("pull out", "northwind pact", "ostrana"), "for", "2031-03-02"),
                           (_generic("remain", "northwind pact", "ostrana"), "for", "2031-06-02")))
    assert _moves(found) == [(1, "against", 2, "for"), (2, "against", 3, "for")]
    assert [c["proposition_key"] for c in found] == [_generic("pull out", "northwind pact", "ostrana"),
                                                     _generic("remain", "northwind pact", "ostrana")]


def test_every_change_is_found_once():
    """Each change belongs to the thread of its new stance's key: the opposite key's thread,
    which sees the same stances, does not report it again."""
    rows = _rows((_generic("allow", "night fishing"), "for", "2031-01-10"),
                 (_generic("ban", "night fishing"), "for", "2031-03-02"),
                 (_generic("allow", "night fishing"), "for", "2031-05-02"))
    assert sorted(_moves(_changes(rows))) == [(1, "against", 2, "for"), (2, "against", 3, "for")]
    assert changed_positions(rows) == {2, 3}


# -- a wildcard meets a named slot ----------------------------------------------------------------
SUPPLY_ANY, SUPPLY_HALBERD = "supply|recipient=OST|weapon=*", "supply|recipient=OST|weapon=halberd"
SUPPLY_LANCE = "supply|recipient=OST|weapon=lance"


def test_a_wildcard_covers_a_named_slot_and_not_another_name():
    assert meets(SUPPLY_ANY, SUPPLY_HALBERD) and meets(SUPPLY_HALBERD, SUPPLY_ANY)
    assert not meets(SUPPLY_HALBERD, SUPPLY_LANCE)
    assert not meets(SUPPLY_ANY, "supply|recipient=KZR|weapon=halberd")
    assert meets("strike|agent=OST|target=KZR|weapon=*", "strike|agent=OST|target=KZR|weapon=halberd")
    assert meets("strike|agent=OST", "strike|agent=OST|target=KZR|weapon=halberd")  # absent slots are open
    assert not meets("strike|agent=OST|target=*|weapon=halberd", "strike|agent=OST|target=KZR|weapon=*")
    assert meets(_generic("ban", "*"), _generic("allow", "night fishing"))
    index = KeyIndex([SUPPLY_ANY, SUPPLY_HALBERD, SUPPLY_LANCE, "strike|agent=OST|target=KZR|weapon=*"])
    assert sorted(index.meeting(SUPPLY_HALBERD)) == [SUPPLY_ANY, SUPPLY_HALBERD]
    assert sorted(index.meeting(SUPPLY_ANY)) == [SUPPLY_ANY, SUPPLY_HALBERD, SUPPLY_LANCE]


def test_a_general_refusal_then_a_named_allowance_is_a_change():
    found = _changes(_rows((SUPPLY_ANY, "against", "2031-01-10"), (SUPPLY_HALBERD, "for", "2031-03-02")))
    [c] = found
    assert c["proposition_key"] == SUPPLY_HALBERD and _moves(found) == [(1, "against", 2, "for")]
    # and refusing one system after allowing them all
    assert _moves(_changes(_rows((SUPPLY_ANY, "for", "2031-01-10"), (SUPPLY_HALBERD, "against", "2031-03-02")))) \
        == [(1, "for", 2, "against")]


def test_wildcards_keep_the_scope_rule():
    """The named system is a narrower scope of the question at large: allowing it and then
    refusing the wider question is keeping a limit; refusing it and then allowing them all is not."""
    assert _changes(_rows((SUPPLY_HALBERD, "for", "2031-01-10"), (SUPPLY_ANY, "against", "2031-03-02"))) == []
    assert _moves(_changes(_rows((SUPPLY_HALBERD, "against", "2031-01-10"), (SUPPLY_ANY, "for", "2031-03-02")))) \
        == [(1, "against", 2, "for")]
    # two named systems are two questions
    assert _changes(_rows((SUPPLY_HALBERD, "against", "2031-01-10"), (SUPPLY_LANCE, "for", "2031-03-02"))) == []
    # the nearest wider stance is the one compared: the named system allowed before stays allowed
    assert _changes(_rows((SUPPLY_HALBERD, "for", "2031-01-10"), (SUPPLY_ANY, "against", "2031-02-02"),
                          ("supply|recipient=OST|weapon=halberd", "for", "2031-03-02", "limited to the coast"))) == []


def test_a_qualified_stance_inherits_only_within_its_own_narrowing():
    """An unqualified report takes the scope that another report gives the same stance in the same
    period on the same key, not one given to a wider or narrower key."""
    found = _changes(_rows((SUPPLY_ANY, "against", "2031-01-10"),
                           (SUPPLY_ANY, "for", "2031-02", "limited to the coast"),
                           (SUPPLY_HALBERD, "for", "2031-02-20")))
    assert [c["to"]["position_id"] for c in found] == [2, 3]
    assert found[1]["to"]["qualifier"] is None


# -- no other article decides it ---------------------------------------------------------------
def test_a_change_does_not_depend_on_unrelated_positions():
    mine = _rows(("support|object=federal minimum wage increase", "for", "2031-01-10"),
                 ("support|object=state minimum wage increase", "against", "2031-03-02"))
    assert _changes(mine) == []  # two questions
    others = _rows(("support|object=minimum wage increase", "for", "2031-02-01"),  # meets both, other holder
                   ("support|object=minimum wage increase", "against", "2031-02-11"),
                   (_generic("ban", "night fishing"), "for", "2031-02-01"), holder=8, holder_name="Ostrana")
    for r in others:
        r["id"] += 100
    assert [c["holder_id"] for c in _changes(mine + others)] == [8]
    mine2 = _rows(("support|object=minimum wage increase", "for", "2031-01-10"),
                  ("support|object=federal minimum wage increase", "against", "2031-03-02"))
    assert _moves(_changes(mine2)) == _moves([c for c in _changes(mine2 + others) if c["holder_id"] == 7])


# -- through a store, as the link stage runs -----------------------------------------------------
def _analyzed(key: str, published: str, positions: list[tuple[str, str, str]]) -> NewArticle:
    text = f"Valdoria spoke on the night fishing ban ({key})."
    ents = [Entity("e1", "Valdoria", "GPE", aliases=["Valdoria"])]
    records = [{"id": f"p{i}", "holder_id": "e1", "speaker_id": None, "proposition": pk.split("|")[0],
                "proposition_key": pk, "stance": stance, "qualifier": None, "date": date,
                "evidence": {"start": 0, "end": len(text), "sentence": text}}
               for i, (pk, stance, date) in enumerate(positions, 1)]
    analysis = Analysis(text, published, EntityTable(ents, [Mention("e1", 0, 8, "Valdoria")]), positions=records)
    links = CanonicalLinks([EntityRow("place:valdoria", "Valdoria", "GPE", "VLD", aliases=["Valdoria"])],
                           {"e1": "place:valdoria"}, [("place:valdoria", None)] * len(records))
    h = hashlib.sha256(text.encode()).hexdigest()
    return NewArticle(key=key, name=f"{key}.txt", raw=text.encode(), raw_format="text", raw_hash="r" + h, text=text,
                      content_hash=h, title="Night fishing", source="Portmere Wire", published=published,
                      published_source="sidecar", published_confidence=1.0, analysis=analysis, links=links)


def test_the_link_stage_stores_a_change_across_keys_whatever_order_articles_come_in(store):
    allow, ban = _generic("allow", "night fishing"), _generic("ban", "night fishing")
    store.put_article(_analyzed("a1", "2031-05-01", [(allow, "for", "2031-05-01")]))
    changes.update(store)
    assert store.list_changes() == []
    # An article stored later tells an earlier stance, on the opposite key: the allow thread,
    # which this article does not touch, now holds a change.
    store.put_article(_analyzed("a2", "2031-04-01", [(ban, "for", "2031-04-01")]))
    assert changes.update(store) >= 2
    [c] = store.list_changes()
    assert (c["proposition_key"], c["from"]["stance"], c["from"]["stance_as_said"], c["to"]["stance"]) == (
        allow, "against", "for", "for")
    assert c["from"]["date"] == "2031-04-01" and c["to"]["date"] == "2031-05-01"
    assert store.list_changes(proposition_keys=[ban]) == []


def test_a_store_linked_by_the_earlier_rule_is_derived_again(store):
    store.put_article(_analyzed("a1", "2031-04-01", [(SUPPLY_ANY, "against", "2031-04-01")]))
    store.put_article(_analyzed("a2", "2031-05-01", [(SUPPLY_HALBERD, "for", "2031-05-01")]))
    store.save_link_state(changes.NAME, {"version": 1}, 2, {})  # as version 1 left it: all linked
    assert store.threads_since(2)[0] == []
    changes.update(store)
    [c] = store.list_changes()
    assert c["proposition_key"] == SUPPLY_HALBERD and store.link_state(changes.NAME)[0] == {"version": changes.VERSION}
