"""What a Dask worker runs: the analysis of one partition of texts.

This module is imported by the worker process itself (tasks name
``analyse_partition`` by reference), so the spaCy model is never pickled: it
is loaded once per worker process, on its first task (or ``load``), and kept
in ``_ANALYZERS`` for every later task. Nothing here imports Dask.
"""
from __future__ import annotations

import threading

from ..analyzer import Analyzer
from ..errors import AnalysisError
from ..records import Analysis
from . import model_label

# (model, chunk_chars) -> the worker's analyzer. The client's settings travel
# with each task, so a worker of a shared cluster started with other settings
# still analyses as the client would.
_ANALYZERS: dict[tuple[str | None, int | None], Analyzer] = {}
# One analysis at a time per process: a spaCy pipeline is not documented as
# safe to share between threads, and a worker started with several threads
# gains little on this GIL-bound work. Give workers one thread each.
_LOCK = threading.Lock()


def _analyzer(model: str | None, chunk_chars: int | None) -> Analyzer:
    key = (model, chunk_chars)
    with _LOCK:
        if key not in _ANALYZERS:
            _ANALYZERS[key] = Analyzer(model, chunk_chars=chunk_chars)
        return _ANALYZERS[key]


def load(model: str | None, chunk_chars: int | None) -> str:
    """Load the model on this worker (at start-up, so a missing model is one error); its label."""
    return model_label(_analyzer(model, chunk_chars).nlp.meta)


# An AnalysisError does not survive pickling (its constructor takes a keyword),
# so a failed text travels back as ("error", message, step).
Outcome = Analysis | tuple[str, str, str]


def analyse_partition(items: list[tuple[str, str | None]], model: str | None, chunk_chars: int | None,
                      batch_size: int) -> tuple[str, list[Outcome]]:
    """Analyse (text, published) pairs in order: (model label, one outcome per pair)."""
    analyzer = _analyzer(model, chunk_chars)
    out: list[Outcome] = []
    with _LOCK:
        for analysis, _ in analyzer.pipe(((text, published, None) for text, published in items),
                                         batch_size=batch_size):
            out.append(("error", analysis.message, analysis.step) if isinstance(analysis, AnalysisError)
                       else analysis)
    return model_label(analyzer.nlp.meta), out


def outcome(value: Outcome) -> Analysis | AnalysisError:
    """An outcome back on the client: the analysis, or the AnalysisError it stands for."""
    if isinstance(value, tuple):
        _, message, step = value
        return AnalysisError(message, step=step)
    return value

