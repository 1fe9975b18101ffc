"""The link stage's rows in PostgreSQL: its saved state, stories, and merged events.

As in SQLite (``store.links``), a link run is one ``batch()``; here the batch
also holds the write lock exclusively (``pg.connection``), so two processes
never link at once and no article is stored while one links.
"""
from __future__ import annotations

import gzip
import json
from typing import Any

import psycopg

_EVENT_LINK_COLS = ("v.id, v.type, v.negated, v.modality, v.trigger, v.mode, v.context, v.actor_ids, "
                    "v.recipient_ids, v.location_ids, v.date_start, v.date_end, v.date_text")


def _json(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False)


class PgStoriesMixin:
    # -- saved state ----------------------------------------------------------------------------
    def link_state(self, name: str) -> tuple[dict[str, Any] | None, int]:
        row = self._one("SELECT last_article_id, blob FROM link_state WHERE name = %s", (name,))
        return (json.loads(gzip.decompress(row["blob"])), row["last_article_id"]) if row else (None, 0)

    def link_items(self, name: str, part: str, keys: list[str]) -> dict[str, Any]:
        if not keys:
            return {}
        return {r["key"]: json.loads(r["value"]) for r in self._all(
            "SELECT key, value FROM link_items WHERE name = %s AND part = %s AND key = ANY(%s)",
            (name, part, list(keys)))}

    def save_link_state(self, name: str, header: dict[str, Any], last_article_id: int,
                        items: dict[str, list[tuple[str, Any]]]) -> None:
        with self.transaction() as db:
            with db.cursor() as cur:
                for part, rows in items.items():
                    cur.executemany(
                        "INSERT INTO link_items (name, part, key, value) VALUES (%s, %s, %s, %s) "
                        "ON CONFLICT (name, part, key) DO UPDATE SET value = excluded.value",
                        [(name, part, k, json.dumps(v, separators=(",", ":"), ensure_ascii=False))
                         for k, v in sorted(rows, key=lambda kv: kv[0])])
            blob = gzip.compress(json.dumps(header, separators=(",", ":")).encode())
            db.execute("INSERT INTO link_state (name, last_article_id, blob) VALUES (%s, %s, %s) ON CONFLICT (name) "
                       "DO UPDATE SET last_article_id = excluded.last_article_id, blob = excluded.blob",
                       (name, last_article_id, blob))

    def reset_link_state(self, name: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM link_items WHERE name = %s", (name,))
            db.execute("DELETE FROM link_state WHERE name = %s", (name,))

    # -- stories --------------------------------------------------------------------------------
    def articles_to_link(self, after_id: int) -> list[dict[str, Any]]:
        with self._settled() as db:
            return db.execute("SELECT id, name, title, published, text FROM articles WHERE id > %s AND current "
                              "ORDER BY id", (after_id,)).fetchall()

    def article_entity_keys(self, article_id: int) -> list[str]:
        # In the order of their first mention, as SQLite gives them (it reads the mentions in offset order).
        return [r["key"] for r in self._all(
            "SELECT e.key FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = %s "
            "GROUP BY e.key ORDER BY min(m.start), e.key", (article_id,))]

    def put_story(self, story_id: int, article_ids: list[int], title: str | None, first_date: str | None,
                  last_date: str | None) -> None:
        with self.transaction() as db:
            db.execute("UPDATE articles SET story_id = %s WHERE id = ANY(%s)", (story_id, list(article_ids)))
            db.execute("INSERT INTO stories (id, title, first_date, last_date) VALUES (%s, %s, %s, %s) "
                       "ON CONFLICT (id) DO UPDATE SET title = excluded.title, first_date = excluded.first_date, "
                       "last_date = excluded.last_date", (story_id, title, first_date, last_date))

    def list_stories(self, *, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
        rows = self._all(
            "SELECT s.id, s.title, s.first_date, s.last_date, array_agg(a.id ORDER BY a.id) AS article_ids "
            "FROM stories s JOIN articles a ON a.story_id = s.id AND a.current GROUP BY s.id "
            "ORDER BY s.last_date IS NULL, s.last_date DESC, s.id DESC LIMIT %s OFFSET %s", (limit, offset))
        return rows

    def get_story(self, story_id: int) -> dict[str, Any] | None:
        row = self._one("SELECT id, title, first_date, last_date FROM stories WHERE id = %s", (story_id,))
        if row is None:
            return None
        row["article_ids"] = [r["id"] for r in self._all(
            "SELECT id FROM articles WHERE story_id = %s AND current ORDER BY published NULLS FIRST, id",
            (story_id,))]
        return row

    # -- events ---------------------------------------------------------------------------------
    def events_to_link(self, after_id: int) -> list[dict[str, Any]]:
        with self._settled() as db:
            rows = db.execute(
                f"SELECT {_EVENT_LINK_COLS}, f.article_id, a.published FROM "
                "(SELECT event_id, min(article_id) AS article_id FROM event_evidence WHERE article_id > %s "
                "GROUP BY event_id) f JOIN events v ON v.id = f.event_id JOIN articles a ON a.id = f.article_id "
                "ORDER BY f.article_id, v.id", (after_id,)).fetchall()
        out = []
        for r in rows:
            out.append({
                "id": r["id"], "article_id": r["article_id"], "published": r["published"],
                "type": r["type"], "negated": bool(r["negated"]), "modality": r["modality"],
                "trigger": r["trigger"], "mode": r["mode"], "context": r["context"],
                "actor_ids": r["actor_ids"], "recipient_ids": r["recipient_ids"], "location_ids": r["location_ids"],
                "date": {"start": r["date_start"], "end": r["date_end"], "text": r["date_text"]}
                if r["date_start"] else None,
            })
        return out

    def entity_keys(self, ids: list[int]) -> dict[int, str]:
        if not ids:
            return {}
        return {r["id"]: r["key"] for r in self._all("SELECT id, key FROM entities WHERE id = ANY(%s)",
                                                     (sorted(set(ids)),))}

    def last_event_key_number(self) -> int:
        return self._value("SELECT coalesce(max(substring(key FROM '^ev([0-9]+)')::bigint), 0) FROM events "
                           "WHERE key ~ '^ev[0-9]'")

    def place_event(self, event_id: int, key: str) -> int:
        with self.transaction() as db:
            r = db.execute("SELECT * FROM events WHERE id = %s FOR UPDATE", (event_id,)).fetchone()
            home = db.execute("SELECT id FROM events WHERE key = %s FOR UPDATE", (key,)).fetchone()
            if home is None:
                db.execute("UPDATE events SET key = %s WHERE id = %s", (key, event_id))
                return 0
            home_id = home["id"]
            if home_id == event_id:
                return 0
            db.execute("UPDATE event_evidence SET event_id = %s WHERE event_id = %s", (home_id, event_id))
            db.execute("INSERT INTO event_actors (event_id, entity_id, role) SELECT %s, o.entity_id, o.role "
                       "FROM event_actors o WHERE o.event_id = %s AND NOT EXISTS (SELECT 1 FROM event_actors h "
                       "WHERE h.event_id = %s AND h.entity_id = o.entity_id AND h.role = o.role)",
                       (home_id, event_id, home_id))
            self._absorb(db, home_id, r)
            db.execute("DELETE FROM events WHERE id = %s", (event_id,))
            return 1

    @staticmethod
    def _absorb(db: psycopg.Connection, home: int, other: dict[str, Any]) -> None:
        """The merged event keeps every participant, a date stated in the text over an article date, and
        the higher confidence: an event two reports give is at least as sure as the surer report."""
        h = db.execute("SELECT actor_ids, recipient_ids, location_ids, modality, date_start, extra FROM events "
                       "WHERE id = %s", (home,)).fetchone()
        ids = {k: list(h[k]) for k in ("actor_ids", "recipient_ids", "location_ids")}
        for k in ids:
            ids[k] += [i for i in other[k] if i not in ids[k]]
        extra, home_extra = other["extra"] or {}, h["extra"] or {}
        stated = extra.get("date_source") not in (None, "article")
        home_stated = home_extra.get("date_source") not in (None, "article")
        date = (other["date_start"], other["date_end"], other["date_text"]) if stated and not home_stated else None
        sure = [c for c in (home_extra.get("confidence"), extra.get("confidence")) if isinstance(c, (int, float))]
        if sure and max(sure) != home_extra.get("confidence"):
            home_extra["confidence"] = max(sure)
        db.execute("UPDATE events SET actor_ids = %s::json, recipient_ids = %s::json, location_ids = %s::json, "
                   "extra = %s::json WHERE id = %s",
                   (_json(ids["actor_ids"]), _json(ids["recipient_ids"]), _json(ids["location_ids"]),
                    _json(home_extra), home))
        if date:
            db.execute("UPDATE events SET date_start = %s, date_end = %s, date_text = %s WHERE id = %s",
                       (*date, home))
