"""Connections to PostgreSQL: a pool per database and process, transactions, locks, migrations.

Several processes (ingest runs, the API) may write one database at once, so
the store keeps SQLite's guarantees with locks where SQLite has its one
writer:

- ``put_article`` holds the write lock *shared* (articles are stored side by
  side) and a lock per document key, per text and per entity it writes (so
  the same document, or the same text under two names, is never stored twice
  at once, and two writers of one entity take turns).
- ``batch()`` (a link run) and the reads that hand the link stage "what is new
  since article N" hold it *exclusively*: every article whose id was drawn
  before is then committed, so no article with a lower id can appear after
  the link stage has moved past it (ids come from a sequence, and an
  uncommitted article would otherwise be skipped for good).
- An entity row is merged with what is stored, not overwritten
  (``pg.analysis.merge_entity``), under its lock and ``SELECT ... FOR UPDATE``.

A transaction that deadlocks or fails to serialize anyway is retried whole.
"""
from __future__ import annotations

import hashlib
import os
import re
import threading
import time
from contextlib import contextmanager
from importlib import resources
from typing import Any, Callable, Iterator, TypeVar

import psycopg
from psycopg import errors as pg_errors
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from ...errors import StoreError

T = TypeVar("T")

# Advisory lock keys of this application; the locks on names (``_lock_items``)
# are hashes, which meet these two with odds of 1 in 2**63.
MIGRATE_LOCK = 0x72656C_0001
WRITE_LOCK = 0x72656C_0002
POOL_SIZE = 8  # connections per database and process: a served store lends one per request
RETRIES = 5

_POOLS: dict[tuple[int, str], list[Any]] = {}  # (pid, conninfo) -> [pool, number of stores using it]
_POOLS_GUARD = threading.Lock()


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for each file in store/pg_migrations, in order."""
    out = []
    for entry in resources.files("redline.store").joinpath("pg_migrations").iterdir():
        if entry.name.endswith(".sql"):
            out.append((int(entry.name.split("_", 1)[0]), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(out)


def migrate(conn: psycopg.Connection, where: str) -> int:
    """Apply the migrations the database lacks, each in a transaction of its own; the version reached.

    Processes opening one database at once take turns (an advisory lock), and
    each reads the version again under the lock, so a migration runs once."""
    known = migrations()
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATE_LOCK,))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                     "name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
    current = schema_version(conn)
    if known and current > known[-1][0]:
        raise StoreError(f"store schema version {current} is newer than this redline understands "
                         f"({known[-1][0]}); upgrade redline", path=where)
    for version, name, sql in known:
        if version <= current:
            continue
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATE_LOCK,))
            if schema_version(conn) >= version:
                continue  # another process applied it while this one waited
            conn.execute(sql)
            conn.execute("INSERT INTO schema_migrations (version, name) VALUES (%s, %s)", (version, name))
    return schema_version(conn)


def schema_version(conn: psycopg.Connection) -> int:
    row = conn.execute("SELECT coalesce(max(version), 0) AS v FROM schema_migrations").fetchone()
    return row["v"] if isinstance(row, dict) else row[0]


def acquire_pool(conninfo: str) -> ConnectionPool:
    """The pool of this process for ``conninfo``, opened on first use and shared by its stores."""
    key = (os.getpid(), conninfo)  # a forked child must not use its parent's connections
    with _POOLS_GUARD:
        held = _POOLS.get(key)
        if held is None:
            pool = ConnectionPool(conninfo, min_size=1, max_size=POOL_SIZE, open=False, name="redline",
                                  kwargs={"autocommit": True, "row_factory": dict_row},
                                  check=ConnectionPool.check_connection)
            pool.open(wait=True, timeout=30)
            held = _POOLS[key] = [pool, 0]
        held[1] += 1
        return held[0]


def release_pool(conninfo: str) -> None:
    key = (os.getpid(), conninfo)
    with _POOLS_GUARD:
        held = _POOLS.get(key)
        if held is None:
            return
        held[1] -= 1
        if held[1] > 0:
            return
        del _POOLS[key]
    held[0].close()


class PgConnection:
    """What every part of the PostgreSQL store shares: its pool and the current transaction.

    A transaction belongs to the thread that opened it: inside ``transaction()``
    (or ``batch()``) every read and write of that thread goes through its
    connection, so a batch reads what it wrote; outside, each call borrows a
    connection from the pool (autocommit) and gives it back."""

    conninfo: str
    pool: ConnectionPool

    def _setup_connection(self) -> None:
        self._local = threading.local()

    def _tx(self) -> psycopg.Connection | None:
        return getattr(self._local, "conn", None)

    @contextmanager
    def _conn(self) -> Iterator[psycopg.Connection]:
        held = self._tx()
        if held is not None:
            yield held
            return
        with self.pool.connection() as conn:
            yield conn

    @contextmanager
    def transaction(self) -> Iterator[psycopg.Connection]:
        """One transaction; inside another (``batch``), a savepoint that rolls back alone."""
        held = self._tx()
        if held is not None:
            with held.transaction():
                yield held
            return
        with self.pool.connection() as conn:
            self._local.conn = conn
            try:
                with conn.transaction():
                    yield conn
            finally:
                self._local.conn = None

    @contextmanager
    def batch(self):
        """A link run: written whole or not at all, with no article being stored meanwhile (the write
        lock, exclusively: the linkers' reads and writes see one settled set of articles)."""
        with self.transaction() as conn:
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            yield conn

    def _write(self, work: Callable[[psycopg.Connection], T]) -> T:
        """Run ``work`` in a transaction, again (up to RETRIES times) when PostgreSQL aborted it for a
        deadlock or a serialization failure; inside a batch, once, in the batch."""
        if self._tx() is not None:
            with self.transaction() as conn:
                return work(conn)
        for attempt in range(RETRIES):
            try:
                with self.transaction() as conn:
                    return work(conn)
            except (pg_errors.DeadlockDetected, pg_errors.SerializationFailure):
                if attempt == RETRIES - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    @staticmethod
    def _lock_items(conn: psycopg.Connection, names: list[str]) -> None:
        """Lock these names (a document key, a text's hash, an entity key) until the transaction ends.

        Each name is a 64-bit advisory lock; they are taken in the order of those
        numbers, the one order every writer uses, so no two writers ever wait on
        each other in a circle."""
        ids = sorted({int.from_bytes(hashlib.sha256(n.encode()).digest()[:8], "big", signed=True) for n in names})
        with conn.cursor() as cur:
            cur.executemany("SELECT pg_advisory_xact_lock(%s)", [(i,) for i in ids])

    @contextmanager
    def _settled(self) -> Iterator[psycopg.Connection]:
        """A read of what is new since an article id: taken under the write lock, exclusively, so that every
        article whose id is lower than those it sees is committed (see the module's docstring)."""
        with self.transaction() as conn:
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            yield conn

    # -- reading ----------------------------------------------------------------------------------
    def _all(self, sql: str, args: Any = ()) -> list[dict[str, Any]]:
        with self._conn() as conn:
            return conn.execute(sql, args).fetchall()

    def _one(self, sql: str, args: Any = ()) -> dict[str, Any] | None:
        with self._conn() as conn:
            return conn.execute(sql, args).fetchone()

    def _value(self, sql: str, args: Any = ()) -> Any:
        row = self._one(sql, args)
        return None if row is None else next(iter(row.values()))
