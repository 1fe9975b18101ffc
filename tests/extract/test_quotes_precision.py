"""What is a quote, and who said it: invented articles (fictional people, places and outlets).

A quote is what someone said or wrote. The content of a verb of belief,
knowledge, decision, expectation or criticism is none; an outlet that carried
the words is the channel, not the speaker; a pronoun goes to the person it
repeats in its paragraph; ``direct`` marks only words inside quotation marks;
no quote text cuts a word; every quote carries the measured confidence of its
way of finding.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import redline
from redline.extract.entities import extract_entities
from redline.extract.lexicon import read_json
from redline.extract.quotes import extract_quotes, scan_quote_marks
from redline.extract.quotes.confidence import confidence, keys_of

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"

NOT_QUOTES = [
    "Mayor Tomas Quill believes the harbour levy will fail in the council.",
    "Nobody really knows what the harbour board will do about the polling in Vellin.",
    "After a long meeting, the board decided a ferry was the way to go.",
    "The speech was supposed to be a closing argument for the mayor.",
    "Ana Rook expects the levy to pass the council in May.",
    "Mayor Tomas Quill sharply criticized the levy on Tuesday.",
    "Ana Rook confirmed the approval of the levy on Monday.",
    "Ana Rook did not speak about her U-turn on the levy.",
    "Ana Rook never said the levy would pass.",
    "It turns out that raising the levy does not help the harbour.",
    "Mara Lind now helps lead a program called Harbour Promise, which trains young sailors.",
    "The council agreed to allow ferries into the old harbour.",
]


def run(nlp, text: str):
    doc = nlp(text)
    table = extract_entities(doc)
    quotes = extract_quotes(doc, table)
    for q in quotes:
        assert text[q.start:q.end] == q.text
        if q.speaker_start is not None:
            assert text[q.speaker_start:q.speaker_end] == q.speaker_text
        if q.channel_start is not None:
            assert text[q.channel_start:q.channel_end] == q.channel
    return table, quotes


def speaker_name(table, q) -> str:
    e = table.get(q.speaker_id)
    return e.name if e else ""


def quote_with(quotes, words: str):
    found = [q for q in quotes if words in q.text]
    assert found, f"no quote holds {words!r}: {[q.text for q in quotes]}"
    return found[0]


# -- what is no quote -------------------------------------------------------------------
@pytest.mark.parametrize("text", NOT_QUOTES)
def test_belief_knowledge_decision_and_judgement_make_no_quote(nlp, text):
    assert run(nlp, text)[1] == []


def test_a_verb_of_saying_with_a_clause_is_still_a_quote(nlp):
    table, quotes = run(nlp, "Ana Rook said on Monday that the levy would pass the council in May.")
    q = quote_with(quotes, "the levy would pass the council in May")
    assert not q.direct and q.cue == "said" and q.cue_class == "speech"


def test_a_vow_is_a_quote_but_a_thing_that_threatens_is_not(nlp):
    table, quotes = run(nlp, "Mayor Tomas Quill vowed to scrap the harbour levy before the winter.")
    assert quote_with(quotes, "to scrap the harbour levy").cue == "vowed"
    assert run(nlp, "The storm brought a flood that threatens to close the old harbour for a month.")[1] == []


# -- the channel ---------------------------------------------------------------------------
def test_an_outlet_told_is_the_channel(nlp):
    text = "Fishing crews met on Monday.\n\n“The levy will hurt every harbour family,” Ana Rook told the Harbour Wire."
    table, quotes = run(nlp, text)
    q = quote_with(quotes, "The levy will hurt every harbour family")
    assert q.speaker_text == "Ana Rook" and q.channel == "Harbour Wire"


def test_speaking_to_an_outlet_is_the_channel(nlp):
    text = "The new levy “is a tax on every fisherman,” said Ana Rook, speaking to the Harbour Wire."
    table, quotes = run(nlp, text)
    q = quote_with(quotes, "is a tax on every fisherman")
    assert "Rook" in speaker_name(table, q) and q.channel == "Harbour Wire"


def test_according_to_an_outlet_gives_way_to_the_person_it_names(nlp):
    text = "The economy will shrink by two percent this year, economist Ana Rook said, according to the Dispatch."
    table, quotes = run(nlp, text)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.text == "The economy will shrink by two percent this year"
    assert "Rook" in speaker_name(table, q) and q.channel == "Dispatch"


def test_according_to_an_outlet_alone_keeps_the_outlet_as_speaker(nlp):
    text = "The harbour will close for a month, according to the Harbour Wire."
    table, quotes = run(nlp, text)
    q = quote_with(quotes, "The harbour will close for a month")
    assert q.speaker_text == "the Harbour Wire" and q.channel is None


# -- pronouns --------------------------------------------------------------------------------
def test_he_is_the_spokesman_named_in_the_paragraph(nlp):
    text = ("Mayor Tomas Quill has fought the levy for months. Quill met the press on Monday. "
            "His spokesman, Jon Tall, defended the plan. “We have no other choice,” he said.")
    table, quotes = run(nlp, text)
    q = quote_with(quotes, "We have no other choice")
    assert q.how == "pronoun" and "Tall" in speaker_name(table, q)


def test_he_after_an_unnamed_spokesman_is_not_the_mayor(nlp):
    text = ("Mayor Tomas Quill has fought the levy for months. A spokesman for the mayor said the plan was "
            "final. “We have no other choice,” he said.")
    table, quotes = run(nlp, text)
    q = quote_with(quotes, "We have no other choice")
    assert q.how == "pronoun" and q.speaker_id is None


def test_he_is_never_a_name_inside_the_quote(nlp):
    text = "Helga Sorensen met the crews on Monday.\n\n“Tomas Quill will lose the vote,” she said."
    table, quotes = run(nlp, text)
    q = quote_with(quotes, "Tomas Quill will lose the vote")
    assert "Sorensen" in speaker_name(table, q)


def test_he_in_a_new_paragraph_is_the_subject_before_not_the_man_he_spoke_of(nlp):
    text = ("Senator Ivo Kern drew sharp contrasts with Mayor Tomas Quill on Monday.\n\n"
            "He said the two men differ on the levy and on the new ferry.")
    table, quotes = run(nlp, text)
    q = quote_with(quotes, "the two men differ on the levy")
    assert "Kern" in speaker_name(table, q)


# -- spans -------------------------------------------------------------------------------------
def test_a_quoted_fragment_is_the_direct_quote_and_the_writer_s_words_are_not(nlp):
    text = ("The army's new drone fleet “is plainly the main reason for the new border policy,” said Anna "
            "Lindqvist, a defense expert at the Estmark Institute.")
    table, quotes = run(nlp, text)
    q = quote_with(quotes, "is plainly the main reason")
    assert q.direct and q.text == "is plainly the main reason for the new border policy,"


def test_naming_a_quotation_ends_after_its_closing_mark(nlp):
    text = "Ivo Kern called the levy “a tax on every fisherman in the harbour.”"
    table, quotes = run(nlp, text)
    assert len(quotes) == 1 and quotes[0].text.endswith("harbour.”") and not quotes[0].direct


def cuts_a_word(text: str, start: int, end: int) -> bool:
    inside = re.compile(r"\w")
    return (start > 0 and inside.match(text[start - 1]) and inside.match(text[start])) or \
        (end < len(text) and inside.match(text[end - 1]) and (inside.match(text[end]) or
                                                             text[end] in "-'’" and inside.match(text[end + 1:end + 2])))


FIXTURES = sorted((Path(__file__).resolve().parents[1] / "fixtures").rglob("*.txt"))


def direct_outside_marks(nlp, text: str) -> list[str]:
    """Direct quotes whose text is not inside one pair of quotation marks. A transcript line
    ("KERN: We will ...") is the one other way an article gives someone's own words."""
    doc = nlp(text)
    spans = [(s.start, s.end) for s in scan_quote_marks(text)]
    bad = []
    for q in extract_quotes(doc, extract_entities(doc)):
        if not q.direct or any(s <= q.start and q.end <= e for s, e in spans):
            continue
        line = text.rfind("\n", 0, q.start) + 1
        if q.cue_class == "label" and re.fullmatch(r"[A-Z][\w.'’\- ]{0,60}:[ \t]+", text[line:q.start]):
            continue
        bad.append(q.text[:60])
    return bad


def test_no_quote_cuts_a_word_and_direct_is_only_quoted_words_in_the_fixtures(nlp):
    assert FIXTURES, "tests/fixtures holds the invented articles"
    for path in FIXTURES[:40]:
        text = path.read_text(encoding="utf-8")
        doc = nlp(text)
        quotes = extract_quotes(doc, extract_entities(doc))
        assert not [q.text for q in quotes if cuts_a_word(text, q.start, q.end)], path.name
        assert direct_outside_marks(nlp, text) == [], path.name


def test_a_split_word_is_never_cut(nlp):
    text = "Ana Rook said the council made a U-turn on the levy."
    table, quotes = run(nlp, text)
    assert quotes and not [q for q in quotes if cuts_a_word(text, q.start, q.end)]


@pytest.mark.shared
@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")
def test_on_the_seeds_direct_means_inside_quotation_marks(nlp):
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert direct_outside_marks(nlp, text) == [], path.name
        doc = nlp(text)
        quotes = extract_quotes(doc, extract_entities(doc))
        assert not [q.text for q in quotes if cuts_a_word(text, q.start, q.end)], path.name


# -- confidence ----------------------------------------------------------------------------------
def test_confidence_is_the_measured_precision_of_the_quote_s_way_of_finding(nlp):
    data = read_json("quote_confidence.json")
    assert "tuning half" in data["_about"] and data["precision"]
    support = data["min_support"]
    text = ("Borvian officials met on Monday.\n\n“The river border is closed until spring,” Ivo Kern said. "
            "He said the talks would go on.")
    table, quotes = run(nlp, text)
    assert quotes
    for q in quotes:
        row = next(data["precision"][k] for k in keys_of(q.how, q.direct, q.cue_class)
                   if data["precision"].get(k, {}).get("n", 0) >= support)
        assert q.confidence == row["precision"] == confidence(q.how, q.direct, q.cue_class)
        assert 0 < q.confidence <= 1


def test_analysis_output_carries_channel_and_confidence():
    text = "“The levy will hurt every harbour family,” Ana Rook told the Harbour Wire on Monday."
    out = redline.analyze(text).to_dict()
    assert out["quotes"], out
    q = out["quotes"][0]
    for key in ("channel", "channel_start", "channel_end", "confidence", "cue_class"):
        assert key in q
    assert q["channel"] == "Harbour Wire" and text[q["channel_start"]:q["channel_end"]] == "Harbour Wire"
    assert json.dumps(out)  # the record travels as JSON


def test_a_paragraph_with_a_person_for_subject_takes_over_from_the_last_speaker():
    import redline

    text = ("\u201cThe plan is dead,\u201d Tomas Brandt wrote on Monday.\n\n"
            "Pavel Osk believes there are no good options left for the harbour.\n\n"
            "\u201cWe must choose between bad and worse,\u201d he writes.")
    a = redline.analyze(text, published="2031-03-07").to_dict()
    names = {e["id"]: e["name"] for e in a["entities"]}
    last = max(a["quotes"], key=lambda q: q["start"])
    assert last["speaker_text"] == "he" and names.get(last["speaker_id"]) == "Pavel Osk"
