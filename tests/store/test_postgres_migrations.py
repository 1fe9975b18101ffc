"""The PostgreSQL store's schema: versioned migrations, each in a transaction, applied once at open;
and how a store is chosen and opened (``open_store``: the URL picks the backend)."""
from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from redline.errors import StoreError


def _files() -> list[int]:
    from redline.store.pg.connection import migrations

    return [v for v, _name, _sql in migrations()]


def test_migrations_are_versioned_and_applied_once(pg_url):
    from redline.store import open_store

    versions = _files()
    assert versions == sorted(set(versions)) and versions[0] == 1
    s = open_store(pg_url)
    assert s.schema_version == versions[-1]
    applied = s._all("SELECT version, name, applied_at FROM schema_migrations ORDER BY version")
    assert [r["version"] for r in applied] == versions
    s.close()
    s2 = open_store(pg_url)  # reopening applies nothing again
    assert s2._all("SELECT version, name, applied_at FROM schema_migrations ORDER BY version") == applied
    s2.close()


def test_processes_opening_a_new_store_at_once_migrate_it_once(pg_url):
    from redline.store import open_store

    opened, failed = [], []

    def open_one():
        try:
            opened.append(open_store(pg_url))
        except Exception as err:
            failed.append(err)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failed and len(opened) == 4
    assert {s.schema_version for s in opened} == {_files()[-1]}
    for s in opened:
        s.close()


def test_a_failed_migration_leaves_the_version_where_it_was(pg_url, monkeypatch):
    from redline.store import open_store
    from redline.store.pg import connection

    known = connection.migrations()
    open_store(pg_url).close()
    broken = (known[-1][0] + 1, "9999_broken.sql", "CREATE TABLE half_done (x INTEGER); SELECT 1 / 0;")
    monkeypatch.setattr(connection, "migrations", lambda: [*known, broken])
    with pytest.raises(StoreError, match="cannot open store: division by zero"):
        open_store(pg_url)
    monkeypatch.undo()
    s = open_store(pg_url)
    assert s.schema_version == known[-1][0]
    assert s._value("SELECT to_regclass('half_done') IS NULL") is True  # rolled back whole
    s.close()


def test_a_newer_schema_is_refused(pg_url):
    from redline.store import open_store

    s = open_store(pg_url)
    s._all("INSERT INTO schema_migrations (version, name) VALUES (999, '0999_future.sql') RETURNING version")
    s.close()
    with pytest.raises(StoreError, match="newer than this redline understands"):
        open_store(pg_url)


# -- choosing and opening a store ---------------------------------------------------------------

def test_the_url_picks_the_backend(tmp_path, pg_url):
    from redline.store import SQLiteStore, open_store
    from redline.store.pg import PostgresStore

    for location in (str(tmp_path / "a.db"), f"sqlite:///{tmp_path / 'b.db'}"):
        s = open_store(location)
        assert isinstance(s, SQLiteStore)
        s.close()
    assert (tmp_path / "b.db").exists()
    for url in (pg_url, pg_url.replace("postgresql://", "postgres://", 1)):
        s = open_store(url)
        assert isinstance(s, PostgresStore)
        s.close()


def test_a_missing_driver_is_one_line_naming_the_extra(monkeypatch):
    from redline.store import open_store

    for name in [m for m in sys.modules if m == "redline.store.pg" or m.startswith("redline.store.pg.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now fails as if not installed
    with pytest.raises(StoreError) as err:
        open_store("postgresql://nobody@127.0.0.1:5432/nothing")
    assert str(err.value) == "a PostgreSQL store needs its driver (psycopg): pip install redline[postgres]"


def test_a_server_that_does_not_answer_is_one_line():
    pytest.importorskip("psycopg")
    from redline.store import open_store

    # Port 1 on loopback: nothing listens there, so the connection is refused at once.
    with pytest.raises(StoreError, match=r"^postgresql://someone:\*\*\*@127\.0\.0\.1:1/x: cannot open store: "):
        open_store("postgresql://someone:secret@127.0.0.1:1/x")
    proc = subprocess.run([sys.executable, "-m", "redline", "--db", "postgresql://someone:secret@127.0.0.1:1/x",
                           "ingest", "-"], input="Some text.", capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "cannot open store" in proc.stderr
    assert "secret" not in proc.stderr  # the password is never shown


def test_exists_says_whether_there_is_a_store_to_read(tmp_path):
    from redline.store import exists, open_store

    path = tmp_path / "a.db"
    assert not exists(str(path)) and not exists(f"sqlite:///{path}")
    open_store(f"sqlite:///{path}").close()
    assert exists(str(path)) and exists(f"sqlite:///{path}")
    assert exists("postgresql://someone@127.0.0.1:1/x")  # a server's store: opening it says whether it answers
