"""The entities stage as a spaCy component: ``doc._.redline_entities`` (an EntityTable)."""
from __future__ import annotations

from spacy.language import Language

from ..component import PUBLISHED, Stage, extension
from .core import extract_entities

ENTITIES = "redline_entities"


class EntitiesStage(Stage):
    step, attr = "entities", ENTITIES

    def run(self, doc):
        return extract_entities(doc, doc._.get(PUBLISHED))


@Language.factory(ENTITIES, requires=["token.dep", "token.lemma", "token.pos", "doc.ents"],
                  assigns=[extension(ENTITIES)])
def make_entities(nlp, name):
    return EntitiesStage()
