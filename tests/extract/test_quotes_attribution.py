"""Attribution conventions beyond plain "X said": invented articles (fictional people, places, outlets).

These follow the attribution corpora's notion of a quote (PARC, PolNeAR): a
cue set inside its clause, judgement verbs with their grounds, headline
colons, possessed statements, and the wire texts' two-apostrophe marks.
"""
from __future__ import annotations


from redline.extract.entities import extract_entities
from redline.extract.quotes import extract_quotes, scan_quote_marks


def run(nlp, text: str):
    doc = nlp(text)
    table = extract_entities(doc)
    quotes = extract_quotes(doc, table)
    for q in quotes:  # offsets always index the text
        assert text[q.start:q.end] == q.text
        if q.speaker_start is not None:
            assert text[q.speaker_start:q.speaker_end] == q.speaker_text
    return table, quotes


def quote_with(quotes, words: str):
    found = [q for q in quotes if words in q.text]
    assert found, f"no quote holds {words!r}: {[q.text for q in quotes]}"
    return found[0]


def speaker_name(table, q) -> str:
    e = table.get(q.speaker_id)
    return e.name if e else ""


# -- quote marks ----------------------------------------------------------------------
def test_two_apostrophes_pair_as_a_quote_mark():
    text = "''We will not yield,'' Ivo Kern said. The farmers'' union and ''Kern's plan'' were mentioned."
    spans = [text[s.start:s.end] for s in scan_quote_marks(text)]
    assert spans == ["We will not yield,", "Kern's plan"]


def test_two_apostrophe_quote_gets_its_cue(nlp):
    text = "Borvian officials met on Monday.\n\n''The river border is closed until spring,'' Ivo Kern said."
    table, quotes = run(nlp, text)
    q = quote_with(quotes, "The river border is closed until spring")
    assert q.direct and q.cue == "said" and q.speaker_text == "Ivo Kern"


# -- indirect speech ---------------------------------------------------------------------
def test_parenthetical_cue_reports_the_whole_clause(nlp):
    text = "The new bridge, Marta Velasquez said, would carry trucks by spring."
    table, quotes = run(nlp, text)
    q = quote_with(quotes, "would carry trucks by spring")
    assert q.text == "The new bridge, Marta Velasquez said, would carry trucks by spring" and not q.direct
    assert q.cue == "said" and "Velasquez" in speaker_name(table, q)


def test_unlisted_verb_with_a_that_clause(nlp):
    text = "Tomas Brenner fumed that the Estmark delegation had walked out of the talks."
    table, quotes = run(nlp, text)
    q = quote_with(quotes, "the Estmark delegation had walked out")
    assert q.cue == "fumed" and "Brenner" in speaker_name(table, q)


def test_judgement_verb_with_an_object_is_no_quote(nlp):
    # A criticism names its target, not words anyone said; the words come with "saying".
    text = "Helga Sorensen criticized the Borvian navy for its slow response to the flood."
    assert run(nlp, text)[1] == []
    text = "Helga Sorensen criticized the Borvian navy, saying its ships had reached the flood too late."
    table, quotes = run(nlp, text)
    q = quote_with(quotes, "its ships had reached the flood too late")
    assert q.cue == "saying" and "Sorensen" in speaker_name(table, q)


def test_called_for_reports_its_object(nlp):
    text = "Ivo Kern called for an immediate ceasefire along the Vell river."
    table, quotes = run(nlp, text)
    q = quote_with(quotes, "an immediate ceasefire along the Vell river")
    assert q.cue == "called" and "Kern" in speaker_name(table, q)


def test_quoted_fragment_inside_indirect_speech(nlp):
    text = "Tomas Brenner says he is proud of the campaign and expects a “solid share of the seats.”"
    table, quotes = run(nlp, text)
    q = quote_with(quotes, "solid share of the seats")
    assert q.text.startswith("he is proud") and "Brenner" in speaker_name(table, q)


# -- speakers ---------------------------------------------------------------------------
def test_headline_colon_attributes_what_follows(nlp):
    text = "Poll: Borvian Voters Turn Against the Dam.\n\nA survey released on Monday found wide opposition."
    table, quotes = run(nlp, text)
    q = quote_with(quotes, "Borvian Voters Turn Against the Dam")
    assert q.speaker_text == "Poll"


def test_noun_phrase_before_a_colon_names_the_source(nlp):
    text = ("Vellin Daily published its audit on Friday.\n\n"
            "From the audit: “Every ministry overspent its budget by at least a tenth.”")
    table, quotes = run(nlp, text)
    q = quote_with(quotes, "Every ministry overspent its budget")
    assert q.speaker_text == "the audit"


def test_floating_quote_across_a_blank_line(nlp):
    text = ("Borvian officials met on Monday.\n\n“The dam will be finished by May,” Ivo Kern said.\n\n"
            "“Nobody will lose their home.”")
    table, quotes = run(nlp, text)
    q = quote_with(quotes, "Nobody will lose their home")
    assert q.how == "floating" and q.speaker_text == "Ivo Kern"


def test_name_before_a_manner_verb(nlp):
    text = "The anchor kept asking about the dam.\n\n“Go back to your studio,” Kern barked at the reporter."
    table, quotes = run(nlp, text)
    q = quote_with(quotes, "Go back to your studio")
    assert q.cue == "barked" and q.speaker_text == "Kern"


def test_dateline_is_not_part_of_the_speaker(nlp):
    text = "VELLIN (Borvia Wire) – Foreign Minister Ivo Kern said on Tuesday that the border would reopen."
    table, quotes = run(nlp, text)
    q = quote_with(quotes, "the border would reopen")
    assert q.speaker_text == "Foreign Minister Ivo Kern"


def test_possessor_of_a_statement_speaks(nlp):
    text = "Helga Sorensen's statement said the treaty would be signed in Vellin next week."
    table, quotes = run(nlp, text)
    q = quote_with(quotes, "the treaty would be signed")
    assert q.speaker_text == "Helga Sorensen's" and "Sorensen" in speaker_name(table, q)


def test_trailing_attribution_parsed_as_a_conjunct(nlp):
    text = ("Despite the defeats, Ivo Kern remains committed to the race, his top aide, Marta Velasquez, "
            "told the Vellin Daily.")
    table, quotes = run(nlp, text)
    q = quote_with(quotes, "Ivo Kern remains committed to the race")
    assert q.cue == "told" and q.speaker_text == "his top aide, Marta Velasquez"


def test_long_quoted_stretch_inside_narrative(nlp):
    text = ("Borvian officials met on Monday.\n\nAt the rally Marta Velasquez waved a banner reading "
            "“a source of power for every farmer in the valley” above the crowd.")
    table, quotes = run(nlp, text)
    q = quote_with(quotes, "a source of power for every farmer in the valley")
    assert q.direct and q.speaker_text == "Marta Velasquez"


def test_short_scare_quote_inside_narrative_is_no_quote(nlp):
    text = "Borvian officials met on Monday.\n\nThe so-called “river plan” was shelved by the council."
    table, quotes = run(nlp, text)
    assert quotes == []


def test_aspectual_verb_reports_nothing(nlp):
    text = "Tomas Brenner continued to visit the flooded villages along the Vell river."
    table, quotes = run(nlp, text)
    assert quotes == []
