"""A stance on "him" or "her" is a stance on the person named before who is not the holder.

Everyone here is fictional. The pronoun is resolved for each holder (the
holder and the speaker are never their own object); "it" and "them" are not
read as objects, and nothing is guessed without a fitting person before.
"""
from __future__ import annotations

import redline


def _positions(text: str) -> list[tuple[str, str, str]]:
    out = redline.analyze(text, published="2031-03-07").to_dict()["positions"]
    return [(p["holder_name"], p["stance"], p["proposition"]) for p in out]


def test_a_quoted_endorsement_of_him_is_of_the_man_named_before():
    got = _positions("Councillor Pavel Osk met Tomas Brandt on Tuesday. "
                     "\u201cI am proud to endorse him as our next mayor,\u201d Osk said.")
    assert ("Pavel Osk", "for", "supporting Tomas Brandt") in got


def test_the_holder_is_never_the_object():
    got = _positions("Mara Quill spoke at the harbour on Monday. The Portmere Courier said it would back her.")
    assert got == [("Portmere Courier", "for", "supporting Mara Quill")]


def test_no_object_without_a_fitting_person_before():
    assert _positions("The Portmere Courier said it would back her.") == []
    # "it" is not read as a person: the board's chair is not what the union backs
    assert all("Ilka Soren" not in prop for _h, _s, prop in _positions(
        "Ilka Soren chairs the Harbour Board. The Dockworkers Union will back it."))


def test_an_adjective_passes_its_subject_to_the_infinitive():
    assert _positions("Ilka Soren said she was proud to endorse Tomas Brandt.") == [
        ("Ilka Soren", "for", "supporting Tomas Brandt")]
    # "it is important to endorse him": an expletive subject holds nothing of its own
    assert [p for p in _positions("It is important to endorse Tomas Brandt.") if p[0] != "Tomas Brandt"] == []
