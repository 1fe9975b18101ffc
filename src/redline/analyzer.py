"""analyze: parse clean text with spaCy and run the extraction stages.

The stages (see ``redline.extract``) read the parsed ``Doc`` and what earlier
stages produced; none parses again. ``Analyzer.pipe`` streams a corpus
through ``nlp.pipe`` in batches, optionally over several processes.
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator

from .errors import AnalyzeError
from .nlp import doc_text, load_model
from .records import Analysis


class Analyzer:
    def __init__(self, model: str | None = None):
        self.nlp = load_model(model)
        # Imported here so that `redline clean` and the store never pay for them.
        from .extract.entities import extract_entities
        from .extract.events import extract_events
        from .extract.positions import extract_positions
        from .extract.quotes import extract_quotes
        from .extract.times import extract_times

        self._entities = extract_entities
        self._times = extract_times
        self._quotes = extract_quotes
        self._events = extract_events
        self._positions = extract_positions

    def analyze_doc(self, doc, published: str | None = None) -> Analysis:
        entities = self._entities(doc, published)
        times = self._times(doc, published)
        quotes = self._quotes(doc, entities)
        events = self._events(doc, entities, times, published, quotes)
        positions = self._positions(doc, entities, times, quotes, events, published)
        return Analysis(text=doc_text(doc), published=published, entities=entities, times=times, quotes=quotes,
                        events=events, positions=positions)

    def analyze(self, text: str, published: str | None = None) -> Analysis:
        if not isinstance(text, str):
            raise AnalyzeError(f"analyze() takes a str, not {type(text).__name__}")
        return self.analyze_doc(self.nlp(text), published)

    def pipe(self, items: Iterable[tuple[str, str | None, Any]], *, batch_size: int = 16,
             workers: int = 1) -> Iterator[tuple[Analysis, Any]]:
        """Analyze (text, published, context) triples, yielding (analysis, context) in order."""
        stream = ((text, (published, ctx)) for text, published, ctx in items)
        for doc, (published, ctx) in self.nlp.pipe(stream, as_tuples=True, batch_size=batch_size,
                                                    n_process=max(1, workers)):
            yield self.analyze_doc(doc, published), ctx


_DEFAULT: dict[str | None, Analyzer] = {}


def get_analyzer(model: str | None = None) -> Analyzer:
    if model not in _DEFAULT:
        _DEFAULT[model] = Analyzer(model)
    return _DEFAULT[model]


def analyze(text: str, *, published: str | None = None, model: str | None = None) -> Analysis:
    """Analyze ``text`` as given: no cleaning; every offset indexes ``text``."""
    if published is not None:
        from .read.hints import parse_iso_date

        try:
            published = parse_iso_date(published)
        except ValueError as err:
            raise AnalyzeError(f"published: {err}") from None
    return get_analyzer(model).analyze(text, published)
