"""Per-request access to the store, and the bearer-token check for writes.

SQLite connections must not be shared by requests running at once (FastAPI
runs plain ``def`` endpoints in a thread pool), so each request borrows a store
from a small pool for its duration. Writes (``POST /api/articles``) go through
a store of their own under a lock; afterwards pooled stores are reopened, so
that no reader keeps a stale in-memory entity index from before the write.
"""
from __future__ import annotations

import hmac
import threading
from contextlib import contextmanager
from typing import Iterator
from fastapi import Request

from ..store import Store, open_store
from .errors import Forbidden, Unauthorized


class StoreProvider:
    """A small pool of open stores. Each request borrows one for its whole duration
    (exclusive use, so a connection is never shared by two requests at once) and
    gives it back; the most recently used is lent first, so its page cache is warm."""

    def __init__(self, path: str, keep: int = 8):
        self.path = path
        self.keep = keep
        self._idle: list[tuple[Store, int]] = []
        self._generation = 0
        self._guard = threading.Lock()
        self.write_lock = threading.Lock()
        open_store(path).close()  # create and migrate once, before any request

    @contextmanager
    def borrow(self) -> Iterator[Store]:
        with self._guard:
            store, generation = self._idle.pop() if self._idle else (None, -1)
        if store is not None and generation != self._generation:
            store.close()  # opened before a write: its entity index may be stale
            store = None
        if store is None:
            store, generation = open_store(self.path), self._generation
        try:
            yield store
        finally:
            with self._guard:
                if len(self._idle) < self.keep:
                    self._idle.append((store, generation))
                    store = None
            if store is not None:
                store.close()

    def written(self) -> None:
        """A write happened: stores opened before it are replaced as they come back."""
        self._generation += 1

    def close(self) -> None:
        with self._guard:
            idle, self._idle = self._idle, []
        for s, _ in idle:
            s.close()


def use_store(request: Request) -> Iterator[Store]:
    """FastAPI dependency: a store lent to this request until its response is built."""
    with request.app.state.stores.borrow() as store:
        yield store


def check_token(request: Request) -> None:
    """401 without a bearer token, 403 with a wrong one; with no token configured, writes are refused."""
    expected: str | None = request.app.state.token
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if not expected:
        raise Forbidden("writes are disabled: start the server with REDLINE_TOKEN set")
    if scheme.lower() != "bearer" or not given.strip():
        raise Unauthorized("a bearer token is required (Authorization: Bearer <REDLINE_TOKEN>)")
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise Forbidden("wrong token")
