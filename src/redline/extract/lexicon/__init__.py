"""lexicon: the word lists and gazetteers the stages read, and the loaders of their data files.

The data are project-written JSON files in ``redline/data/<language>/``.
Every loader takes the article's ``language`` (an ISO 639-1 code, default
"en"); a language without a folder of its own falls back to English.

- ``gazetteer``: countries, capitals, seats, organisations, weapons, role words,
  honorifics and given names, with their spaCy phrase matchers;
- ``names``: name normalisation and the guarded "same entity" test;
- ``speech``: verbs and nouns of saying (quote cues);
- ``stance``: stance words, action classes and their slots (positions);
- ``plover``: the PLOVER event verbs and nouns (events).
"""
from __future__ import annotations

import json
from importlib import resources

DEFAULT_LANGUAGE = "en"


def data_language(language: str | None = None) -> str:
    """The data folder for ``language``: its own when redline has one, else English."""
    if language and language != DEFAULT_LANGUAGE and resources.files("redline.data").joinpath(language).is_dir():
        return language
    return DEFAULT_LANGUAGE


def read_json(name: str, language: str | None = None) -> dict:
    """One data file, ``redline/data/<language>/<name>``, parsed."""
    folder = resources.files("redline.data").joinpath(data_language(language))
    return json.loads(folder.joinpath(name).read_text(encoding="utf-8"))
