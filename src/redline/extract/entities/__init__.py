"""entities: people, organisations, places and weapons named in an article, merged per article.

``extract_entities(doc, published=None) -> EntityTable`` (``core``) reads
spaCy's entities cleaned of the model's slips and the gazetteer's matches
(``spans``), with role words attached to the people they name (``roles``).
The spaCy component is ``component`` ("redline_entities").
"""
from .core import extract_entities

__all__ = ["extract_entities"]
