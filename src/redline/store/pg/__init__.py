"""The PostgreSQL store (``pip install redline[postgres]``): psycopg 3 and its connection pool.

Selected by ``open_store`` for a ``postgresql://`` or ``postgres://`` URL
(``--db`` or REDLINE_DB). Importing this package needs the driver; the
selection turns its absence into one line naming the extra.
"""
from __future__ import annotations

from .store import PostgresStore

__all__ = ["PostgresStore"]
