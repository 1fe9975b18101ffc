"""doc_text: a doc's text, built once and then read from the cache."""
from __future__ import annotations

import spacy

from redline.nlp import doc_text


def test_doc_text_is_the_doc_text_built_once():
    nlp = spacy.blank("en")
    doc = nlp("Valdoria's envoy  said on Tuesday:\n\n\"No.\" ")
    assert doc_text(doc) == doc.text == "Valdoria's envoy  said on Tuesday:\n\n\"No.\" "
    first = doc_text(doc)
    assert doc_text(doc) is first  # the cached string, not a new join


def test_each_doc_has_its_own_text():
    nlp = spacy.blank("en")
    a, b = nlp("Ostrana agreed."), nlp("Kestrania refused.")
    assert (doc_text(a), doc_text(b)) == ("Ostrana agreed.", "Kestrania refused.")
