"""Line breaks are boundaries: no sentence and no entity runs across a paragraph break."""
from __future__ import annotations

import redline
from redline.nlp import load_model


def test_a_sentence_never_runs_from_a_headline_or_byline_into_the_body():
    nlp = load_model()
    doc = nlp("Northwind to buy Coastal Ledger\n\nBy Noor Halvey\n\nNorthwind Holdings said on Monday it "
              "had agreed to buy Coastal Ledger. The deal needs the regulator's approval.")
    sents = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sents[:2] == ["Northwind to buy Coastal Ledger", "By Noor Halvey"]
    assert all("\n" not in s for s in sents)


def test_a_single_line_break_ends_a_paragraph_but_hard_wrapped_prose_is_kept_whole():
    nlp = load_model()
    doc = nlp("Mara Quill won the vote.\nPavel Osk lost it.\nIlka Soren said the council\nvoted on Tuesday.")
    sents = [" ".join(s.text.split()) for s in doc.sents]
    assert "Pavel Osk lost it." in sents
    assert "Ilka Soren said the council voted on Tuesday." in sents  # a wrapped line, not a break


def test_no_entity_spans_a_line_break():
    nlp = load_model()
    doc = nlp("Quill beats Coastal Ledger\n\nNorthwind Holdings said on Monday it would appeal.")
    assert all("\n" not in e.text for e in doc.ents)


def test_evidence_sentences_stay_inside_their_paragraph():
    text = ("Fenn pulls out of the Harwick race\n\nBy Noor Halvey\n\nHARWICK, Lestria (LW) — Councillor Teodor Fenn "
            "pulled out of the race for mayor on Tuesday.\n\n\u201cThe numbers are the numbers,\u201d Fenn said.")
    a = redline.analyze(text, published="2031-10-07").to_dict()
    for p in a["positions"]:
        assert "\n" not in p["evidence"]["sentence"]
    for e in a["events"]:
        assert all("\n" not in ev["sentence"] for ev in e["evidence"])
