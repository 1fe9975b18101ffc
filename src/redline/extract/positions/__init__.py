"""positions: an actor's stance, for or against, on a keyed proposition, at a date.

``extract_positions(doc, entities, times, quotes, events=None, published=None) -> list[dict]``
(``core``) reads stance triggers (``triggers``), normalises what they govern
into propositions (``propositions``, which also ranks proposition texts by
similarity) and finds who holds them (``holders``). The spaCy component is
``component`` ("redline_positions").
"""
from .core import extract_positions
from .propositions import proposition_similarity, rank_propositions

__all__ = ["extract_positions", "proposition_similarity", "rank_propositions"]
