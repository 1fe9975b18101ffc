"""The store pool and the store dependency shared by the API's and the web UI's routes.

SQLite connections must not be shared by requests running at once (FastAPI
runs plain ``def`` endpoints in a thread pool), so each request borrows a store
from ``app.state.stores`` (a ``StoreProvider``, set by ``create_app``) for its
whole duration. Writes (``POST /api/articles``) go through a store of their own
under a lock. A store keeps no in-memory state of its own (the entity index
readers use is rebuilt when the entities change: see
``link.entities.reader_index``), so pooled stores stay valid across writes.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

from fastapi import Request

from ..store import Store, open_store


class StoreProvider:
    """A small pool of open stores. Each request borrows one for its whole duration
    (exclusive use, so a connection is never shared by two requests at once) and
    gives it back; the most recently used is lent first, so its page cache is warm."""

    def __init__(self, path: str, keep: int = 8):
        self.path = path
        self.keep = keep
        self._idle: list[Store] = []
        self._guard = threading.Lock()
        self.write_lock = threading.Lock()
        open_store(path).close()  # create and migrate once, before any request

    @contextmanager
    def borrow(self) -> Iterator[Store]:
        with self._guard:
            store = self._idle.pop() if self._idle else None
        if store is None:
            store = open_store(self.path)
        try:
            yield store
        finally:
            with self._guard:
                if len(self._idle) < self.keep:
                    self._idle.append(store)
                    store = None
            if store is not None:
                store.close()

    def close(self) -> None:
        with self._guard:
            idle, self._idle = self._idle, []
        for s in idle:
            s.close()


def use_store(request: Request) -> Iterator[Store]:
    """FastAPI dependency: a store lent to this request until its response is built, read as the
    analysts corrected it (``corrections.Corrected``); ``?all=1`` keeps the rejected records, marked.
    A bad ``?all=`` is left for the route's own parameter to refuse (400)."""
    from ..corrections import Corrected
    from .params import _YES

    value = (request.query_params.get("all") or "").strip().lower()
    with request.app.state.stores.borrow() as store:
        yield Corrected(store, keep_rejected=value in _YES)
