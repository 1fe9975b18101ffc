"""extract: the analysis stages that read one parsed article, one package per stage.

Each stage is a function over a spaCy ``Doc`` (plus what earlier stages
produced) that returns records of the data contract, wrapped as a spaCy
component (``<stage>/component.py``, registered with ``Language.factory`` and
listed in the entry-point group ``redline.stages``) that reads its inputs from
``Doc._`` extensions and writes its records to ``doc._.redline_<stage>``:

- ``entities.extract_entities(doc, published=None) -> EntityTable``
- ``times.extract_times(doc, published=None) -> list[TimeExpr]``
- ``quotes.extract_quotes(doc, entities) -> list[Quote]``
- ``events.extract_events(doc, entities, times, published=None, quotes=None) -> list[dict]``
- ``positions.extract_positions(doc, entities, times, quotes, events=None, published=None) -> list[dict]``

``lexicon`` holds what they read: the gazetteer, name spelling and matching,
speech, stance and PLOVER word lists, and the loaders of the data files
(``redline/data/<language>/``). ``component`` holds the components' base and
shared extensions. (``canon``, the cross-article entity index, is moving to
``link``.)
"""
