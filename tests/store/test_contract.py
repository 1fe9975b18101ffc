"""The store contract for SQLite: ``redline.testing.store_contract`` run against
``SQLiteStore``, plus what only SQLite does. Another backend subclasses
``StoreContract`` the same way (a Postgres one would read its DSN from the
environment and skip without it)."""
from __future__ import annotations

import sqlite3

import pytest

from redline.errors import StoreError
from redline.store import SQLiteStore
from redline.testing.store_contract import StoreContract


class TestSQLiteContract(StoreContract):
    def make_store(self, tmp_path):
        return SQLiteStore(str(tmp_path / "contract.db"))


# -- SQLite specifics -------------------------------------------------------------------

def test_sqlite_is_wal_and_versioned(tmp_path):
    s = SQLiteStore(str(tmp_path / "s.db"))
    assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    version = s.schema_version
    assert version >= 1 and s.integrity_problems() == []
    s.close()
    # Reopening does not re-run migrations.
    s2 = SQLiteStore(str(tmp_path / "s.db"))
    assert s2.schema_version == version
    s2.close()


def test_sqlite_refuses_a_newer_schema(tmp_path):
    path = str(tmp_path / "new.db")
    SQLiteStore(path).close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 999")
    con.close()
    with pytest.raises(StoreError, match="newer than this redline"):
        SQLiteStore(path)


def test_sqlite_reports_a_file_that_is_not_a_database(tmp_path):
    p = tmp_path / "notes.db"
    p.write_text("these are my notes, not a database " * 100)
    with pytest.raises(StoreError, match="cannot open store"):
        SQLiteStore(str(p))
    assert p.read_text().startswith("these are my notes")  # nothing the user stored is lost
