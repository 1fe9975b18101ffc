"""The analyzer: per-text fault isolation, long texts in pieces, one clear error."""
from __future__ import annotations

import json

import pytest
import spacy
from spacy.language import Language

import redline
from redline.analyzer import Analyzer, _isolate_components, pieces
from redline.errors import AnalysisError
from redline.extract.events import component as events_component
from redline.extract.quotes import component as quotes_component

PARA = ("Mayor Tomas Brell of Saltmarsh said on Tuesday that the ferry levy would be scrapped. "
        "\u201cWe listened to the islanders,\u201d Brell told reporters at the harbour office.\n\n"
        "Councillor Ada Voss, a longtime critic of the levy, said the council had opposed it since March.\n\n")


def _records(analysis) -> dict[str, set[str]]:
    return {k: {json.dumps(x, sort_keys=True) for x in v} for k, v in analysis.to_dict().items()}


# -- pieces ----------------------------------------------------------------------------
def test_pieces_cover_the_text_exactly_and_cut_after_paragraph_breaks():
    text = PARA * 30
    spans = pieces(text, 1000)
    assert "".join(text[a:b] for a, b in spans) == text
    assert all(b - a <= 1000 for a, b in spans)
    assert [a for a, _ in spans] == sorted({a for a, _ in spans})
    assert all(text[:b].endswith("\n\n") for _, b in spans[:-1])


def test_pieces_fall_back_to_spaces_then_a_hard_cut():
    words = "levy " * 500
    assert all(words[:b].endswith(" ") for _, b in pieces(words, 300)[:-1])
    blob = "x" * 2500
    spans = pieces(blob, 1000)
    assert spans == [(0, 1000), (1000, 2000), (2000, 2500)]


def test_a_short_text_is_one_piece():
    assert pieces("Brell said so.", 1000) == [(0, 14)]


# -- long texts ----------------------------------------------------------------------------
def test_a_text_parsed_in_pieces_gives_the_records_of_a_whole_parse():
    text = PARA * 12
    whole = Analyzer().analyze(text, "2025-05-16")
    split = Analyzer(chunk_chars=700).analyze(text, "2025-05-16")
    assert len(pieces(text, 700)) > 3
    assert _records(split) == _records(whole)


def test_a_text_over_spacys_max_length_is_analysed_not_refused():
    an = Analyzer(chunk_chars=2000)
    text = PARA * 40  # about 9,000 characters, over the lowered limit below
    old = an.nlp.max_length
    an.nlp.max_length = 5000
    try:
        result = an.analyze(text, "2025-05-16")
    finally:
        an.nlp.max_length = old
    assert result.text == text
    assert result.quotes and all(text[q.start:q.end] == q.text for q in result.quotes)
    assert all(text[m.start:m.end] == m.text for m in result.entities.mentions)
    assert max(m.start for m in result.entities.mentions) > 8000  # mentions from the last piece, offset right


def test_a_very_long_text_is_analysed_section_by_section_with_offsets_and_ids_kept():
    text = PARA * 30
    whole = Analyzer().analyze(text, "2025-05-16")
    an = Analyzer(chunk_chars=600, section_chars=2000)
    split = an.analyze(text, "2025-05-16")
    assert len({(a, b) for a, b in pieces(text, 600)}) > 10
    # Each paragraph's quote and speaker lie inside one section: the same spans as a whole parse.
    spans = lambda a: {(q.start, q.end, q.text, q.speaker_start, q.speaker_end) for q in a.quotes}  # noqa: E731
    assert spans(split) == spans(whole)
    assert {(t.start, t.end, t.value) for t in split.times} == {(t.start, t.end, t.value) for t in whole.times}
    assert all(text[m.start:m.end] == m.text for m in split.entities.mentions)
    ids = [e.id for e in split.entities.entities]
    assert len(ids) == len(set(ids)) and {m.entity_id for m in split.entities.mentions} <= set(ids)
    assert all(split.entities.get(q.speaker_id) for q in split.quotes if q.speaker_id)
    assert all(split.entities.get(i) for e in split.events for i in e["actor_ids"] + e["recipient_ids"])
    assert all(text[x["start"]:x["end"]] == x["sentence"] for e in split.events for x in e["evidence"])
    assert len({q.id for q in split.quotes}) == len(split.quotes)


# -- failures are per text ----------------------------------------------------------------
def test_a_failing_step_fails_its_text_only_and_names_the_step(monkeypatch):
    an = Analyzer()
    real = quotes_component.extract_quotes  # the stage function the quotes component calls

    def quotes(doc, entities):
        if "Quillon" in doc.text:
            raise KeyError("quillon - harbour")
        return real(doc, entities)

    monkeypatch.setattr(quotes_component, "extract_quotes", quotes)
    texts = [PARA, "The Quillon harbour board met on Monday.", PARA.replace("Brell", "Marek")]
    out = list(an.pipe((t, None, i) for i, t in enumerate(texts)))
    assert [ctx for _, ctx in out] == [0, 1, 2]
    good, bad, good2 = (r for r, _ in out)
    assert isinstance(bad, AnalysisError) and bad.step == "quotes"
    assert str(bad) == "analysis failed in the quotes step (KeyError: 'quillon - harbour')"
    assert good.quotes and good2.quotes


@Language.component("redline_test_fails_on_marker")
def _fails_on_marker(doc):
    if "Quillon" in doc.text:
        raise ValueError("component choked")
    return doc


class _RaisesInPipe:
    """A component whose own ``pipe`` raises and that takes no error handler, like spaCy's parser."""

    def __call__(self, doc):
        if "Quillon" in doc.text:
            raise ValueError("parser choked")
        return doc

    def pipe(self, docs, **_kw):
        for doc in docs:
            yield self(doc)


@Language.factory("redline_test_raises_in_pipe")
def _make_raises_in_pipe(nlp, name):
    return _RaisesInPipe()


@pytest.fixture(scope="module")
def own_nlp():
    """A private copy of the model, so that added components never reach other tests."""
    from redline.config import Settings

    return spacy.load(Settings().model)


@pytest.mark.parametrize("component", ["redline_test_fails_on_marker", "redline_test_raises_in_pipe"])
def test_a_failing_component_costs_only_its_own_text(own_nlp, component):
    an = Analyzer()
    nlp = own_nlp
    nlp.add_pipe(component, name="boom", last=True)
    try:
        _isolate_components(nlp)
        an.nlp = nlp
        texts = [PARA, PARA.replace("Brell", "Marek"), "The Quillon harbour board met on Monday.",
                 PARA.replace("Brell", "Holm"), PARA.replace("Brell", "Renko")]
        out = list(an.pipe(((t, None, i) for i, t in enumerate(texts)), batch_size=4))
    finally:
        nlp.remove_pipe("boom")
    assert [ctx for _, ctx in out] == [0, 1, 2, 3, 4]
    results = [r for r, _ in out]
    assert isinstance(results[2], AnalysisError) and results[2].step.startswith("parse")
    assert "choked" in str(results[2])
    assert all(not isinstance(r, AnalysisError) and r.quotes for i, r in enumerate(results) if i != 2)


def test_an_error_of_the_callers_own_iterator_is_raised_as_it_is():
    def items():
        yield PARA, None, 0
        raise OSError("disk went away")

    an = Analyzer()
    with pytest.raises(OSError, match="disk went away"):
        list(an.pipe(items()))


def test_analyze_raises_one_clear_analysis_error(monkeypatch):
    an = redline.analyzer.get_analyzer()

    def boom(*_a):
        raise IndexError("list index out of range")

    monkeypatch.setattr(events_component, "extract_events", boom)
    with pytest.raises(AnalysisError) as info:
        redline.analyze(PARA)
    assert info.value.step == "events"
    assert "\n" not in str(info.value) and "events step" in str(info.value)


def test_spaced_hyphens_in_titles_are_read_as_the_title():
    text = ("U.N. Secretary - General Ilse Varn said on Monday the talks would resume. "
            "Vice - President Oren Tal told reporters he was hopeful.")
    result = redline.analyze(text, published="2025-03-03").to_dict()
    roles = {e["name"]: [r["title"] for r in e["roles"]] for e in result["entities"]}
    assert roles["Ilse Varn"] == ["secretary-general"] and roles["Oren Tal"] == ["vice president"]
    assert {q["speaker_text"] for q in result["quotes"]} == {"U.N. Secretary - General Ilse Varn",
                                                           "Vice - President Oren Tal"}
