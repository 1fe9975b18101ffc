"""quotes: direct, mixed and indirect speech, with their speakers.

``extract_quotes(doc, entities) -> list[Quote]`` (``core``) pairs quote marks
and reads cues (``parse``, ``direct``, ``indirect``), tells a quote from a belief
or a judgement (``cues``), reads names in attributions (``names``), resolves
speakers (``speakers``, ``pronouns``) and outlets (``channels``), and gives each
quote its measured confidence (``confidence``). The spaCy component is
``component`` ("redline_quotes").
"""
from .core import extract_quotes
from .parse import is_speech_token, scan_quote_marks

__all__ = ["extract_quotes", "is_speech_token", "scan_quote_marks"]
