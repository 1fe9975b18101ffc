"""Executors: where ingest's analysis step runs.

An executor takes (text, published, context) triples in input order and
yields ``(analysis or AnalysisError, model, context)`` in the same order, as
``Analyzer.pipe`` does; ``model`` is the label of the spaCy pipeline that made
the analysis (stored with the article). Reading, cleaning, storing and linking
stay with the caller (``redline.ingest.Ingestor``), on the client, in input
order, so whichever executor analyses, the store gets the same ids and the
same records.

- ``local`` (the default): in this process, ``Analyzer.pipe`` (with
  ``workers`` > 1, spaCy's own processes for parsing).
- ``dask``: partitions of texts submitted as tasks to a Dask cluster (a local
  one started for the run, or an existing one at ``scheduler``); each worker
  loads the model once (see ``worker.py``). Needs the ``redline[dask]`` extra.
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator, Protocol

from ..records import Analysis
from ..errors import AnalysisError, ConfigError

EXECUTORS = ("local", "dask")
Triple = tuple  # (text, published, context)


class Executor(Protocol):
    name: str

    def analyse(self, items: Iterable[Triple]) -> Iterator[tuple[Analysis | AnalysisError, str, Any]]:
        """Analyse (text, published, context) triples; yield (analysis or error, model, context) in order."""
        ...

    def close(self) -> None:
        """Let go of what the executor holds (a cluster it started, its client)."""
        ...


def make_executor(kind: str = "local", *, model: str | None = None, workers: int = 1,
                  scheduler: str | None = None, batch_size: int = 16,
                  chunk_chars: int | None = None) -> Executor:
    """The executor ``kind`` ("local" or "dask"); a ConfigError (one line) for a bad choice."""
    if kind not in EXECUTORS:
        raise ConfigError(f"--executor: {kind!r} is not one of {', '.join(EXECUTORS)}")
    if kind == "local":
        if scheduler:
            raise ConfigError("--scheduler needs --executor dask")
        from .local import LocalExecutor

        return LocalExecutor(model, workers=workers, batch_size=batch_size)
    from .dask import DaskExecutor  # raises a one-line ConfigError when Dask is not installed

    return DaskExecutor(model, workers=workers, scheduler=scheduler, batch_size=batch_size,
                        chunk_chars=chunk_chars)


def model_label(meta: dict[str, Any]) -> str:
    """How a spaCy pipeline is named in the store: lang_name-version."""
    return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
