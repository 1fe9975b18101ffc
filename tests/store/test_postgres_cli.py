"""`redline --db postgresql://... ingest` then `export` gives the records SQLite gives, for an invented
corpus (examples/ and the robustness tests' wire reports), ids and timestamps aside."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from export_compare import diff, export_records, normalise, redline, write_corpus

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"


def test_postgres_and_sqlite_export_the_same_records(tmp_path, pg_url):
    corpus = tmp_path / "in"
    write_corpus(corpus, n=8)
    for f in EXAMPLES.iterdir():
        shutil.copy(f, corpus / f.name)
    sqlite_db = str(tmp_path / "s.db")
    for db in (sqlite_db, pg_url):
        redline("--db", db, "ingest", str(corpus))
    base, pg = normalise(export_records(sqlite_db)), normalise(export_records(pg_url))
    assert {k: len(v) for k, v in base.items()} == {k: len(v) for k, v in pg.items()}
    assert base["article"] and base["entity"] and base["quote"] and base["position"] and base["story"]
    assert pg == base, "\n".join(diff(base, pg))


@pytest.mark.shared
def test_the_seeds_export_the_same_records_from_both_stores(tmp_path, pg_url):
    from conftest import SEEDS

    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    sqlite_db = str(tmp_path / "s.db")
    for db in (sqlite_db, pg_url):
        redline("--db", db, "ingest", str(SEEDS))
    base, pg = normalise(export_records(sqlite_db)), normalise(export_records(pg_url))
    assert base["position"] and base["change"] and base["quote"]
    assert pg == base, "\n".join(diff(base, pg))
