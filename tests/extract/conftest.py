"""The parsing model, loaded once for every extraction test."""
from __future__ import annotations

import pytest

from redline.nlp import load_model


@pytest.fixture(scope="session")
def nlp():
    return load_model()
