"""The times stage as a spaCy component: ``doc._.redline_times`` (a list of TimeExpr)."""
from __future__ import annotations

from spacy.language import Language

from ..component import PUBLISHED, Stage, extension
from .core import extract_times

TIMES = "redline_times"


class TimesStage(Stage):
    step, attr = "times", TIMES

    def run(self, doc):
        return extract_times(doc, doc._.get(PUBLISHED))


@Language.factory(TIMES, requires=["token.dep", "token.tag", "doc.ents"], assigns=[extension(TIMES)])
def make_times(nlp, name):
    return TimesStage()
