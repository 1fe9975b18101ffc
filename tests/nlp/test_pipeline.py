"""The analysis pipeline: the model's pipes, then the stages registered as spaCy components."""
from __future__ import annotations

from redline.analyzer import Analyzer
from redline.nlp import build_pipeline, stages
from redline.nlp.pipeline import stage_factories

STEPS = ["entities", "times", "quotes", "events", "positions"]


def test_the_five_stages_come_from_the_entry_point_group_in_order():
    assert set(stage_factories()) >= {f"redline_{s}" for s in STEPS}
    nlp = build_pipeline()
    assert [step for step, _ in stages(nlp)] == STEPS
    names = nlp.component_names
    assert all(names.index(f"redline_{s}") > names.index("ner") for s in STEPS)  # after the model's own pipes
    for s in STEPS:
        meta = nlp.get_factory_meta(f"redline_{s}")
        assert meta.assigns == [f"doc._.redline_{s}"]


def test_the_stages_are_disabled_so_that_nlp_pipe_parses_only():
    nlp = build_pipeline()
    assert build_pipeline() is nlp and nlp.component_names.count("redline_quotes") == 1  # added once
    assert not any(n.startswith("redline_") for n in nlp.pipe_names)
    doc = nlp("Mayor Tomas Brell said on Tuesday that the levy would be scrapped.")
    assert doc._.redline_entities is None and doc._.redline_quotes is None


def test_each_stage_writes_its_records_to_the_doc():
    an = Analyzer()
    doc = an.nlp("Mayor Tomas Brell said on Tuesday that the levy would be scrapped.")
    analysis = an.analyze_doc(doc, "2025-05-16")
    assert doc._.redline_published == "2025-05-16"
    assert doc._.redline_entities is analysis.entities and doc._.redline_quotes is analysis.quotes
    assert [e.name for e in analysis.entities.entities] == ["Tomas Brell"]
    assert analysis.times and analysis.quotes
