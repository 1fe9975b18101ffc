"""Language data: one folder per language, English the default and the fallback."""
from __future__ import annotations

from redline.extract.lexicon import data_language, read_json
from redline.extract.lexicon.gazetteer import load
from redline.extract.lexicon.plover import lexicon as plover
from redline.extract.lexicon.speech import cue_lexicon
from redline.extract.lexicon.stance import lexicon as stance


def test_an_unknown_language_falls_back_to_english():
    assert data_language(None) == data_language("en") == data_language("xx") == "en"
    assert read_json("roles.json", "xx") == read_json("roles.json")
    for loader in (load, plover, cue_lexicon, stance):
        assert loader("xx") is loader("en") is loader()
