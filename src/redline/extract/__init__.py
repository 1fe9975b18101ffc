"""extract: the analysis stages that read one parsed article.

Each stage is a function over a spaCy ``Doc`` (plus what earlier stages
produced) that returns records of the data contract:

- ``entities.extract_entities(doc, published=None) -> EntityTable``
- ``times.extract_times(doc, published=None) -> list[TimeExpr]``
- ``quotes.extract_quotes(doc, entities) -> list[Quote]``
"""
