"""A store of the repo's invented examples, ingested once; each test corrects a copy of it."""
from __future__ import annotations

import shutil

import pytest

from conftest import EXAMPLES  # tests/conftest.py
from redline.ingest import run_ingest
from redline.store import open_store


@pytest.fixture(scope="session")
def examples_file(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("corrections") / "examples.db")
    run_ingest([str(EXAMPLES)], db=db)
    s = open_store(db)
    s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the copy below takes the whole store
    s.close()
    return db


@pytest.fixture
def db_copy(examples_file, tmp_path) -> str:
    path = str(tmp_path / "store.db")
    shutil.copy(examples_file, path)
    return path


@pytest.fixture
def raw(db_copy):
    s = open_store(db_copy)
    yield s
    s.close()


def correct(store, action, kind, ident, value=None, why=None):
    """Make, store and apply one correction as the CLI does (changes derived again)."""
    from redline.corrections import make
    from redline.link.changes import rederive

    made = store.add_correction(make(store, action, kind, ident, value, why=why, by="tester"))
    rederive(store)
    return made
