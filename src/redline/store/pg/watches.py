"""Watches and feeds in PostgreSQL: the same rows and rules as the SQLite store's (``store.watches``).
Marking a feed polled locks its row, so two pollers at once lose no link either has read."""
from __future__ import annotations

import json
from typing import Any

from ...errors import NotFound
from ..watches import WATCH_KINDS, feed_row, merged_seen, now, watch_row


class PgWatchesMixin:
    def add_watch(self, query: str, kind: str) -> dict[str, Any]:
        if kind not in WATCH_KINDS:
            raise ValueError(f"watch kind must be one of {', '.join(WATCH_KINDS)}, not {kind!r}")
        with self.transaction() as db:
            row = db.execute("INSERT INTO watches (query, kind, created_at) VALUES (%s, %s, %s) RETURNING *",
                             (query, kind, now())).fetchone()
        return watch_row(row)

    def list_watches(self) -> list[dict[str, Any]]:
        return [watch_row(r) for r in self._all("SELECT * FROM watches ORDER BY id")]

    def remove_watch(self, watch_id: int) -> None:
        with self.transaction() as db:
            if db.execute("DELETE FROM watches WHERE id = %s", (watch_id,)).rowcount == 0:
                raise NotFound(f"no watch with id {watch_id}")

    def mark_watch_seen(self, watch_id: int, article_id: int) -> None:
        with self.transaction() as db:
            db.execute("UPDATE watches SET seen_article_id = greatest(seen_article_id, %s), seen_at = %s "
                       "WHERE id = %s", (article_id, now(), watch_id))

    def add_feed(self, url: str) -> dict[str, Any]:
        with self.transaction() as db:
            db.execute("INSERT INTO feeds (url, added_at) VALUES (%s, %s) ON CONFLICT (url) DO NOTHING", (url, now()))
            row = db.execute("SELECT * FROM feeds WHERE url = %s", (url,)).fetchone()
        return feed_row(row)

    def list_feeds(self) -> list[dict[str, Any]]:
        return [feed_row(r) for r in self._all("SELECT * FROM feeds ORDER BY id")]

    def mark_feed_polled(self, url: str, seen: list[str]) -> None:
        with self.transaction() as db:
            row = db.execute("SELECT seen FROM feeds WHERE url = %s FOR UPDATE", (url,)).fetchone()
            if row is None:
                raise NotFound(f"no feed {url}")
            db.execute("UPDATE feeds SET seen = %s, polled_at = %s WHERE url = %s",
                       (merged_seen(json.loads(row["seen"] or "[]"), seen), now(), url))
