"""The in-process executor: ``Analyzer.pipe`` in this process, as ingest always did."""
from __future__ import annotations

from typing import Any, Iterable, Iterator

from ..analyzer import get_analyzer
from ..records import Analysis
from ..errors import AnalysisError
from . import model_label


class LocalExecutor:
    name = "local"

    def __init__(self, model: str | None = None, *, workers: int = 1, batch_size: int = 16):
        # Loaded now, not on first use: a missing model is one error before any
        # article is read, rather than one per article.
        self.analyzer = get_analyzer(model)
        self.model = model_label(self.analyzer.nlp.meta)
        self.workers = workers
        self.batch_size = batch_size

    def analyse(self, items: Iterable[tuple[str, str | None, Any]]
                ) -> Iterator[tuple[Analysis | AnalysisError, str, Any]]:
        for analysis, ctx in self.analyzer.pipe(items, batch_size=self.batch_size, workers=self.workers):
            yield analysis, self.model, ctx

    def close(self) -> None:
        pass  # the analyzer is shared by the process (get_analyzer) and outlives the run
