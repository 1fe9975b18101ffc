"""redline: a sourced record of who did what, who said what, and how positions changed.

Public API: ``clean()``, ``analyze()``, ``ingest()``, ``reanalyze()``, ``open_store()``.
"""
from __future__ import annotations

__version__ = "0.1.0"

from .clean import CleanResult, clean
from .errors import AnalysisError, RedlineError

__all__ = ["AnalysisError", "CleanResult", "RedlineError", "__version__", "analyze", "clean", "ingest", "open_store",
           "reanalyze"]


def analyze(text: str, *, published: str | None = None, model: str | None = None):
    """Analyze ``text`` as given (no cleaning); offsets index ``text``."""
    from .analyzer import analyze as _analyze

    return _analyze(text, published=published, model=model)


def ingest(paths, **kwargs):
    """Read, clean, analyze and store sources. See ``redline.ingest.run_ingest``."""
    from .ingest import run_ingest

    return run_ingest(paths, **kwargs)


def reanalyze(ids=None, **kwargs):
    """Analyze stored articles again: ``ids``, every current one (``everything=True``),
    or by default those whose analysis failed. See ``redline.ingest.run_reanalyze``."""
    from .ingest import run_reanalyze

    return run_reanalyze(ids, **kwargs)


def open_store(path: str | None = None):
    """Open the store at ``path`` (default: the REDLINE_DB setting or ./redline.db)."""
    from .store import open_store as _open

    return _open(path)
