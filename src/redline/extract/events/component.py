"""The events stage as a spaCy component: ``doc._.redline_events`` (a list of event records)."""
from __future__ import annotations

from spacy.language import Language

from ..component import PUBLISHED, Stage, extension
from ..entities.component import ENTITIES
from ..quotes.component import QUOTES
from ..times.component import TIMES
from .core import extract_events

EVENTS = "redline_events"


class EventsStage(Stage):
    step, attr = "events", EVENTS

    def run(self, doc):
        x = doc._
        return extract_events(doc, x.get(ENTITIES), x.get(TIMES), x.get(PUBLISHED), x.get(QUOTES))


@Language.factory(EVENTS, requires=[extension(ENTITIES), extension(TIMES), extension(QUOTES), "token.dep"],
                  assigns=[extension(EVENTS)])
def make_events(nlp, name):
    return EventsStage()
