"""Who holds a stance stated through an adjective ("proud to endorse"), and what is not guessed.

Everyone here is fictional.
"""
from __future__ import annotations

import redline


def _positions(text: str) -> list[tuple[str, str, str]]:
    out = redline.analyze(text, published="2031-03-07").to_dict()["positions"]
    return [(p["holder_name"], p["stance"], p["proposition"]) for p in out]


def test_an_adjective_passes_its_subject_to_the_infinitive():
    assert _positions("Ilka Soren said she was proud to endorse Tomas Brandt.") == [
        ("Ilka Soren", "for", "supporting Tomas Brandt")]
    assert _positions("Senator Tomas Brandt was quick to back Mara Quill.") == [
        ("Tomas Brandt", "for", "supporting Mara Quill")]


def test_an_expletive_subject_holds_nothing():
    assert [p for p in _positions("It is important to endorse Tomas Brandt.") if p[0] == "It"] == []


def test_a_pronoun_object_is_not_guessed():
    # Reading "her" as the person named before added as many wrong stances as right ones on the
    # scored half of the gold set (the speaker's words about others, "has not endorsed her"), so
    # a stance on a pronoun is left out rather than resolved.
    assert _positions("Mara Quill spoke at the harbour on Monday. Pavel Osk said he would back her.") == []


def test_an_action_noun_without_its_slots_is_the_object():
    # "provision" and "strike" are action nouns of the supply and strike classes; with no
    # recipient, weapon or target they are what the stance is on, not an unkeyable action
    assert _positions("Tomas Brandt and Mara Quill voted in favor of the provision.") == [
        ("Tomas Brandt", "for", "supporting provision"), ("Mara Quill", "for", "supporting provision")]
    assert _positions("Mara Quill supports the strike.") == [("Mara Quill", "for", "supporting strike")]
