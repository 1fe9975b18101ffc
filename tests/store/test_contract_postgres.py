"""The store contract for PostgreSQL: ``redline.testing.store_contract`` run, unchanged, against
``PostgresStore``, each test on a database of its own (created and dropped by the ``pg_databases``
fixture of tests/conftest.py; skipped, in one line, when no server answers or the driver is missing)."""
from __future__ import annotations

import pytest

from redline.testing.store_contract import StoreContract


class TestPostgresContract(StoreContract):
    @pytest.fixture(autouse=True)
    def _fresh_database(self, pg_databases):
        # Autouse: set up before the contract's ``st`` fixture, which calls make_store.
        self._new_database = pg_databases

    def make_store(self, tmp_path):
        from redline.store import open_store

        return open_store(self._new_database())
