"""quotes: direct, mixed and indirect speech, with their speakers.

``extract_quotes(doc, entities) -> list[Quote]`` (``core``) pairs quote marks
and reads cues (``parse``), names in attributions (``names``) and resolves
speakers (``speakers``). The spaCy component is ``component`` ("redline_quotes").
"""
from .core import extract_quotes
from .parse import is_speech_token, scan_quote_marks

__all__ = ["extract_quotes", "is_speech_token", "scan_quote_marks"]
