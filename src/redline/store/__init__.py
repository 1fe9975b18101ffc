"""store: the Store interface (see base.Store), the embedded SQLite store (the default),
and the PostgreSQL store (store.pg, the ``postgres`` extra), chosen by ``open_store``."""
from __future__ import annotations

import os
import re

from ..config import Settings
from ..errors import StoreError
from .base import NewArticle, PutResult, Store
from .sqlite import SQLiteStore

__all__ = ["NewArticle", "PutResult", "SQLiteStore", "Store", "exists", "is_url", "open_store"]

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
SQLITE_SCHEME = "sqlite:///"


def is_url(location: str) -> bool:
    """Whether ``location`` names a database server (PostgreSQL) rather than a file: such a store is
    not a path that exists or not on this machine."""
    return location.lower().startswith(POSTGRES_SCHEMES)


def sqlite_path(location: str) -> str:
    """The file of a SQLite store given as a path or as ``sqlite:///path``.

    ``sqlite:////abs/path`` is an absolute path and ``sqlite:///rel/path`` a
    relative one, as SQLAlchemy reads them."""
    return location[len(SQLITE_SCHEME):] if location.lower().startswith(SQLITE_SCHEME) else location


def shown(location: str) -> str:
    """A store's location as messages show it: a URL without its password."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", location)


def exists(location: str) -> bool:
    """Whether there is a store at ``location`` to read, without creating one: a SQLite file that
    exists, or any PostgreSQL URL (whether its server answers is for ``open_store`` to say)."""
    return is_url(location) or os.path.exists(sqlite_path(location))


def open_store(path: str | None = None) -> Store:
    """Open (creating and migrating as needed) the store at ``path``.

    ``path`` defaults to the REDLINE_DB setting, else ./redline.db. A
    ``postgresql://`` (or ``postgres://``) URL opens the PostgreSQL store; a
    file path, or ``sqlite:///path``, the SQLite store.
    """
    location = path or Settings().db
    if is_url(location):
        try:
            from .pg import PostgresStore
        except ImportError as err:
            raise StoreError(f"a PostgreSQL store needs its driver ({err.name or err}): "
                             "pip install redline[postgres]") from None
        return PostgresStore(location)
    return SQLiteStore(sqlite_path(location))
