"""store: the embedded SQLite store behind a small interface (see base.Store)."""
from __future__ import annotations

from ..config import Settings
from .base import NewArticle, PutResult, Store
from .sqlite import SQLiteStore

__all__ = ["NewArticle", "PutResult", "SQLiteStore", "Store", "open_store"]


def open_store(path: str | None = None) -> Store:
    """Open (creating and migrating as needed) the store at ``path``.

    ``path`` defaults to the REDLINE_DB setting, else ./redline.db. Only SQLite
    is built in; other backends implement ``Store``.
    """
    return SQLiteStore(path or Settings().db)
