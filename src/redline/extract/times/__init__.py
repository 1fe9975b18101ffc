"""times: time expressions (TIMEX3-style), resolved against the article's date.

``extract_times(doc, published=None) -> list[TimeExpr]`` (``core``) finds the
expressions; ``values`` normalises them, with the word lists of ``words``.
The spaCy component is ``component`` ("redline_times").
"""
from .core import extract_times, parse_published

__all__ = ["extract_times", "parse_published"]
