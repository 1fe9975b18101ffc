"""The link stage's rows in SQLite: its saved state, stories, and merged events.

The linkers themselves (``link.stories``, ``link.dedup``) live in link/ and
run through these methods: ``link_state``/``link_items``/``save_link_state``
page their indexes in and out of ``link_state`` and ``link_items``;
``put_story`` and ``place_event`` write what they decided. A link run is one
``batch()``: an interrupted run links nothing, so the next one does it all.
"""
from __future__ import annotations

import gzip
import json
import sqlite3
from typing import Any

from .positions import _chunks, _json


class StoriesMixin:
    db: sqlite3.Connection

    # -- saved state --------------------------------------------------------------
    def link_state(self, name: str) -> tuple[dict[str, Any] | None, int]:
        row = self.db.execute("SELECT last_article_id, blob FROM link_state WHERE name = ?", (name,)).fetchone()
        return (json.loads(gzip.decompress(row[1])), row[0]) if row else (None, 0)

    def link_items(self, name: str, part: str, keys: list[str]) -> dict[str, Any]:
        out = {}
        for chunk in _chunks(keys, 500):
            out.update((k, json.loads(v)) for k, v in self.db.execute(
                f"SELECT key, value FROM link_items WHERE name = ? AND part = ? AND key IN "
                f"({','.join('?' * len(chunk))})", (name, part, *chunk)))
        return out

    def save_link_state(self, name: str, header: dict[str, Any], last_article_id: int,
                        items: dict[str, list[tuple[str, Any]]]) -> None:
        with self.transaction() as db:
            for part, rows in items.items():
                db.executemany(
                    "INSERT INTO link_items (name, part, key, value) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT(name, part, key) DO UPDATE SET value = excluded.value",
                    [(name, part, k, json.dumps(v, separators=(",", ":"), ensure_ascii=False)) for k, v in rows])
            blob = gzip.compress(json.dumps(header, separators=(",", ":")).encode())
            db.execute("INSERT INTO link_state (name, last_article_id, blob) VALUES (?, ?, ?) ON CONFLICT(name) "
                       "DO UPDATE SET last_article_id = excluded.last_article_id, blob = excluded.blob",
                       (name, last_article_id, blob))

    def reset_link_state(self, name: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM link_items WHERE name = ?", (name,))
            db.execute("DELETE FROM link_state WHERE name = ?", (name,))

    # -- stories ------------------------------------------------------------------
    def articles_to_link(self, after_id: int) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.execute(
            "SELECT id, name, title, published, text FROM articles WHERE id > ? AND current = 1 ORDER BY id",
            (after_id,))]

    def article_entity_keys(self, article_id: int) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT e.key FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ?",
            (article_id,))]

    def put_story(self, story_id: int, article_ids: list[int], title: str | None, first_date: str | None,
                  last_date: str | None) -> None:
        with self.transaction() as db:
            db.executemany("UPDATE articles SET story_id = ? WHERE id = ?", [(story_id, i) for i in article_ids])
            db.execute("INSERT INTO stories (id, title, first_date, last_date) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT(id) DO UPDATE SET title = excluded.title, first_date = excluded.first_date, "
                       "last_date = excluded.last_date", (story_id, title, first_date, last_date))

    # -- events -------------------------------------------------------------------
    def events_to_link(self, after_id: int) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT v.*, min(x.article_id) AS article_id, a.published FROM events v "
            "JOIN event_evidence x ON x.event_id = v.id JOIN articles a ON a.id = x.article_id "
            "WHERE x.article_id > ? GROUP BY v.id ORDER BY article_id, v.id", (after_id,)).fetchall()
        out = []
        for r in rows:
            out.append({
                "id": r["id"], "article_id": r["article_id"], "published": r["published"],
                "type": r["type"], "negated": bool(r["negated"]), "modality": r["modality"],
                "trigger": r["trigger"], "mode": r["mode"], "context": r["context"],
                "actor_ids": json.loads(r["actor_ids"]), "recipient_ids": json.loads(r["recipient_ids"]),
                "location_ids": json.loads(r["location_ids"]),
                "date": {"start": r["date_start"], "end": r["date_end"], "text": r["date_text"]}
                if r["date_start"] else None,
            })
        return out

    def entity_keys(self, ids: list[int]) -> dict[int, str]:
        keys: dict[int, str] = {}
        for chunk in _chunks(sorted(set(ids)), 500):
            keys.update(self.db.execute(
                f"SELECT id, key FROM entities WHERE id IN ({','.join('?' * len(chunk))})", chunk).fetchall())
        return keys

    def last_event_key_number(self) -> int:
        return self.db.execute(
            "SELECT max(CAST(substr(key, 3) AS INTEGER)) FROM events WHERE key GLOB 'ev[0-9]*'").fetchone()[0] or 0

    def place_event(self, event_id: int, key: str) -> int:
        with self.transaction() as db:
            r = db.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
            home = db.execute("SELECT id FROM events WHERE key = ?", (key,)).fetchone()
            if home is None:
                db.execute("UPDATE events SET key = ? WHERE id = ?", (key, event_id))
                return 0
            if home[0] == event_id:
                return 0
            db.execute("UPDATE event_evidence SET event_id = ? WHERE event_id = ?", (home[0], event_id))
            db.execute("INSERT INTO event_actors (event_id, entity_id, role) SELECT ?, entity_id, role "
                       "FROM event_actors WHERE event_id = ? AND (entity_id, role) NOT IN "
                       "(SELECT entity_id, role FROM event_actors WHERE event_id = ?)", (home[0], event_id, home[0]))
            self._absorb(db, home[0], r)
            db.execute("DELETE FROM events WHERE id = ?", (event_id,))
            return 1

    @staticmethod
    def _absorb(db: sqlite3.Connection, home: int, other: sqlite3.Row) -> None:
        """The merged event keeps every participant, a date stated in the text over an article date, and
        the higher confidence: an event two reports give is at least as sure as the surer report."""
        h = db.execute("SELECT actor_ids, recipient_ids, location_ids, modality, date_start, extra FROM events "
                       "WHERE id = ?", (home,)).fetchone()
        ids = {k: json.loads(h[k]) for k in ("actor_ids", "recipient_ids", "location_ids")}
        for k in ids:
            ids[k] += [i for i in json.loads(other[k]) if i not in ids[k]]
        extra, home_extra = json.loads(other["extra"] or "{}"), json.loads(h["extra"] or "{}")
        stated = extra.get("date_source") not in (None, "article")
        home_stated = home_extra.get("date_source") not in (None, "article")
        date = (other["date_start"], other["date_end"], other["date_text"]) if stated and not home_stated else None
        sure = [c for c in (home_extra.get("confidence"), extra.get("confidence")) if isinstance(c, (int, float))]
        if sure and max(sure) != home_extra.get("confidence"):
            home_extra["confidence"] = max(sure)
        db.execute("UPDATE events SET actor_ids = ?, recipient_ids = ?, location_ids = ?, extra = ? WHERE id = ?",
                   (_json(ids["actor_ids"]), _json(ids["recipient_ids"]), _json(ids["location_ids"]),
                    _json(home_extra), home))
        if date:
            db.execute("UPDATE events SET date_start = ?, date_end = ?, date_text = ? WHERE id = ?", (*date, home))

    def list_stories(self, *, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT s.id, s.title, s.first_date, s.last_date, group_concat(a.id) AS ids FROM stories s "
            "JOIN articles a ON a.story_id = s.id AND a.current = 1 GROUP BY s.id "
            "ORDER BY s.last_date IS NULL, s.last_date DESC, s.id DESC LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset)).fetchall()
        out = []
        for r in rows:
            d = dict(r)
            d["article_ids"] = sorted(int(x) for x in (d.pop("ids") or "").split(",") if x)
            out.append(d)
        return out

    def get_story(self, story_id: int) -> dict[str, Any] | None:
        row = self.db.execute("SELECT id, title, first_date, last_date FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            return None
        d = dict(row)
        d["article_ids"] = [r[0] for r in self.db.execute(
            "SELECT id FROM articles WHERE story_id = ? AND current = 1 ORDER BY published, id", (story_id,))]
        return d
