"""The positions stage as a spaCy component: ``doc._.redline_positions`` (a list of position records)."""
from __future__ import annotations

from spacy.language import Language

from ..component import PUBLISHED, Stage, extension
from ..entities.component import ENTITIES
from ..events.component import EVENTS
from ..quotes.component import QUOTES
from ..times.component import TIMES
from .core import extract_positions

POSITIONS = "redline_positions"


class PositionsStage(Stage):
    step, attr = "positions", POSITIONS

    def run(self, doc):
        x = doc._
        return extract_positions(doc, x.get(ENTITIES), x.get(TIMES), x.get(QUOTES), x.get(EVENTS), x.get(PUBLISHED))


@Language.factory(POSITIONS, requires=[extension(ENTITIES), extension(TIMES), extension(QUOTES), extension(EVENTS),
                                       "token.dep"], assigns=[extension(POSITIONS)])
def make_positions(nlp, name):
    return PositionsStage()
