"""A store built from the repo's fictional examples (a position change: Valdoria
against → for on Ostrana striking with Halberd missiles), shared by the API tests."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from conftest import EXAMPLES  # tests/conftest.py
from redline.server import create_app
from redline.ingest import run_ingest

TOKEN = "test-token-5b1f"


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("api") / "examples.db")
    summary = run_ingest([str(EXAMPLES)], db=db)
    assert summary.counts["ingested"] == 4
    return db


@pytest.fixture(scope="module")
def client(examples_db):
    with TestClient(create_app(examples_db, token=TOKEN)) as c:
        yield c
