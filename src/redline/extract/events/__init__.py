"""events: PLOVER events (who did what to whom, where and when) with their evidence.

``extract_events(doc, entities, times, published=None, quotes=None) -> list[dict]``
(``core``) reads triggers (``triggers``, over ``lexicon.plover``), their
arguments (``args``), modality, negation and date (``mods``) and accusations
made in quotes (``quotes``). The spaCy component is ``component`` ("redline_events").
"""
from .core import extract_events

__all__ = ["extract_events"]
