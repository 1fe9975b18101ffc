"""Watches and feeds in SQLite: saved queries with where the last look left off, polled feeds.

What a watch matches and what counts as new is ``query.watch``; the store keeps
the rows. A feed's ``seen`` is the list of article links already read from it,
the latest ``SEEN_KEPT`` of them (a feed lists its newest items; older ones
fall out of it and need no memory).
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..errors import NotFound

WATCH_KINDS = ("proposition", "entity", "story")
SEEN_KEPT = 5000


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def watch_row(r: Any) -> dict[str, Any]:
    return dict(r)


def feed_row(r: Any) -> dict[str, Any]:
    d = dict(r)
    d["seen"] = json.loads(d["seen"] or "[]")
    return d


def merged_seen(old: list[str], new: list[str]) -> str:
    """The links seen so far with ``new`` added, the latest ``SEEN_KEPT``, as JSON."""
    kept = list(dict.fromkeys([*old, *new]))[-SEEN_KEPT:]
    return json.dumps(kept, ensure_ascii=False)


class WatchesMixin:
    def add_watch(self, query: str, kind: str) -> dict[str, Any]:
        if kind not in WATCH_KINDS:
            raise ValueError(f"watch kind must be one of {', '.join(WATCH_KINDS)}, not {kind!r}")
        with self.transaction() as db:
            cur = db.execute("INSERT INTO watches (query, kind, created_at) VALUES (?, ?, ?)", (query, kind, now()))
            row = db.execute("SELECT * FROM watches WHERE id = ?", (cur.lastrowid,)).fetchone()
        return watch_row(row)

    def list_watches(self) -> list[dict[str, Any]]:
        return [watch_row(r) for r in self.db.execute("SELECT * FROM watches ORDER BY id")]

    def remove_watch(self, watch_id: int) -> None:
        with self.transaction() as db:
            if db.execute("DELETE FROM watches WHERE id = ?", (watch_id,)).rowcount == 0:
                raise NotFound(f"no watch with id {watch_id}")

    def mark_watch_seen(self, watch_id: int, article_id: int) -> None:
        with self.transaction() as db:
            db.execute("UPDATE watches SET seen_article_id = max(seen_article_id, ?), seen_at = ? WHERE id = ?",
                       (article_id, now(), watch_id))

    def add_feed(self, url: str) -> dict[str, Any]:
        with self.transaction() as db:
            db.execute("INSERT OR IGNORE INTO feeds (url, added_at) VALUES (?, ?)", (url, now()))
            row = db.execute("SELECT * FROM feeds WHERE url = ?", (url,)).fetchone()
        return feed_row(row)

    def list_feeds(self) -> list[dict[str, Any]]:
        return [feed_row(r) for r in self.db.execute("SELECT * FROM feeds ORDER BY id")]

    def mark_feed_polled(self, url: str, seen: list[str]) -> None:
        with self.transaction() as db:
            row = db.execute("SELECT seen FROM feeds WHERE url = ?", (url,)).fetchone()
            if row is None:
                raise NotFound(f"no feed {url}")
            db.execute("UPDATE feeds SET seen = ?, polled_at = ? WHERE url = ?",
                       (merged_seen(json.loads(row["seen"] or "[]"), seen), now(), url))
