"""The quotes stage as a spaCy component: ``doc._.redline_quotes`` (a list of Quote)."""
from __future__ import annotations

from spacy.language import Language

from ..component import Stage, extension
from ..entities.component import ENTITIES
from .core import extract_quotes

QUOTES = "redline_quotes"


class QuotesStage(Stage):
    step, attr = "quotes", QUOTES

    def run(self, doc):
        return extract_quotes(doc, doc._.get(ENTITIES))


@Language.factory(QUOTES, requires=[extension(ENTITIES), "token.dep", "token.lemma"], assigns=[extension(QUOTES)])
def make_quotes(nlp, name):
    return QuotesStage()
