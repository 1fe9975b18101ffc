"""Events, positions and changes in PostgreSQL: rows as the analysis and the link stage give them.

The same rows, filters and order as the SQLite store's (``store.positions``).
SQLite puts nulls first in an ascending order and PostgreSQL last, so the
orders that meet nulls say where they go.
"""
from __future__ import annotations

import json
from typing import Any

import psycopg

from ..dates import sort_date
from ..rows import event_values, evidence_rows, participant_rows, position_values
from .analysis import at_least

EVENT_CONFIDENCE = "(v.extra->>'confidence')::float8"
POSITION_CONFIDENCE = "(p.extra->>'confidence')::float8"


def _json(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False)


class PgPositionsMixin:
    # -- writing --------------------------------------------------------------------------------
    def _put_positions(self, db: psycopg.Connection, article_id: int, positions: list[dict],
                       ids: dict[str, int]) -> None:
        """Store an article's positions; ``ids`` maps their holder and speaker ids to entity ids."""
        rows = [r for r in (position_values(p, article_id, ids) for p in positions) if r is not None]
        with db.cursor() as cur:
            cur.executemany(
                "INSERT INTO positions (article_id, holder_id, speaker_id, proposition, proposition_key, stance, "
                'qualifier, date, sort_date, is_past, start, "end", sentence, extra) '
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s::json)", rows)

    def _put_events(self, db: psycopg.Connection, article_id: int, events: list[dict], ids: dict[str, int],
                    published: str | None) -> None:
        """Store an article's events; the link step merges the same event reported by several articles."""
        for e in events:
            values, roles = event_values(e, article_id, ids)
            event_id = db.execute(
                "INSERT INTO events (key, type, mode, context, trigger, negated, modality, date_start, date_end, "
                "date_text, actor_ids, recipient_ids, location_ids, extra) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s::json, %s::json, %s::json, %s::json) RETURNING id",
                values).fetchone()["id"]
            with db.cursor() as cur:
                cur.executemany("INSERT INTO event_actors (event_id, entity_id, role) VALUES (%s, %s, %s)",
                                participant_rows(event_id, roles))
                cur.executemany('INSERT INTO event_evidence (event_id, article_id, start, "end", sentence) '
                                "VALUES (%s, %s, %s, %s, %s)", evidence_rows(event_id, article_id, e))

    # -- events ---------------------------------------------------------------------------------
    def list_events(self, *, actor_ids: list[int] | None = None, type: str | None = None, since: str | None = None,
                    article_id: int | None = None, story_id: int | None = None,
                    limit: int | None = 200, min_confidence: float | None = None) -> list[dict[str, Any]]:
        where, args = ["TRUE"], []
        at_least(EVENT_CONFIDENCE, min_confidence, where, args)
        if actor_ids is not None:
            where.append("v.id IN (SELECT event_id FROM event_actors WHERE entity_id = ANY(%s))")
            args.append(list(actor_ids))
        if type:
            where.append("v.type = %s")
            args.append(type.upper())
        if since:
            where.append("v.date_start >= %s")
            args.append(since)
        if article_id is not None:
            where.append("v.id IN (SELECT event_id FROM event_evidence WHERE article_id = %s)")
            args.append(article_id)
        if story_id is not None:
            where.append("v.id IN (SELECT x.event_id FROM event_evidence x JOIN articles a ON a.id = x.article_id "
                         "WHERE a.story_id = %s AND a.current)")
            args.append(story_id)
        rows = self._all(f"SELECT v.* FROM events v WHERE {' AND '.join(where)} "
                         "ORDER BY v.date_start IS NULL, v.date_start, v.id LIMIT %s", (*args, limit))
        out = []
        for row in rows:
            d = {**(row.pop("extra") or {}), **row}
            d.setdefault("confidence", None)
            d["date"] = {"start": d.pop("date_start"), "end": d.pop("date_end"), "text": d.pop("date_text")} \
                if d.get("date_start") else None
            d["evidence"] = []
            out.append(d)
        # Evidence and names in one query each, not one per event.
        by_id = {d["id"]: d for d in out}
        if by_id:
            for x in self._all('SELECT event_id, article_id, start, "end", sentence FROM event_evidence '
                               "WHERE event_id = ANY(%s) ORDER BY article_id, start", (list(by_id),)):
                by_id[x["event_id"]]["evidence"].append({k: x[k] for k in ("article_id", "start", "end", "sentence")})
        wanted = sorted({i for d in out for k in ("actor_ids", "recipient_ids") for i in d[k]})
        names = {r["id"]: r["name"] for r in self._all("SELECT id, name FROM entities WHERE id = ANY(%s)",
                                                       (wanted,))} if wanted else {}
        for d in out:
            d["article_ids"] = sorted({x["article_id"] for x in d["evidence"]})
            for k in ("actor_ids", "recipient_ids"):
                d[k.replace("_ids", "_names")] = [names.get(i) for i in d[k]]
        return out

    # -- positions ------------------------------------------------------------------------------
    def _position_rows(self, where: list[str], args: list[Any], limit: int | None) -> list[dict[str, Any]]:
        rows = self._all(
            "SELECT p.*, h.name AS holder_name, h.type AS holder_type, s.name AS speaker_name, "
            "a.source AS article_source, a.title AS article_title, a.published AS article_published "
            "FROM positions p JOIN entities h ON h.id = p.holder_id LEFT JOIN entities s ON s.id = p.speaker_id "
            f"JOIN articles a ON a.id = p.article_id WHERE {' AND '.join(['a.current', *where])} "
            "ORDER BY p.sort_date IS NULL, p.sort_date, p.article_id, p.start, p.id LIMIT %s", (*args, limit))
        out = []
        for row in rows:
            # Stored columns win over the extractor's extra fields (its holder_name is the surface holder).
            d = {**(row.pop("extra") or {}), **row}
            d.setdefault("confidence", None)
            d["evidence"] = {"start": d.pop("start"), "end": d.pop("end"), "sentence": d.pop("sentence")}
            out.append(d)
        return out

    def list_positions(self, *, holder_ids: list[int] | None = None, story_id: int | None = None,
                       proposition_keys: list[str] | None = None, limit: int | None = 200,
                       min_confidence: float | None = None) -> list[dict[str, Any]]:
        where: list[str] = []
        args: list[Any] = []
        at_least(POSITION_CONFIDENCE, min_confidence, where, args)
        if story_id is not None:
            where.append("a.story_id = %s")
            args.append(story_id)
        if holder_ids is not None:
            where.append("(p.holder_id = ANY(%s) OR p.speaker_id = ANY(%s))")
            args += [list(holder_ids), list(holder_ids)]
        if proposition_keys is not None:
            where.append("p.proposition_key = ANY(%s)")
            args.append(list(proposition_keys))
        return self._position_rows(where, args, limit)

    def proposition_labels(self) -> list[tuple[str, str]]:
        return [(r["proposition_key"], r["label"]) for r in self._all(
            "SELECT proposition_key, min(proposition) AS label FROM positions GROUP BY proposition_key "
            "ORDER BY proposition_key")]

    # -- changes --------------------------------------------------------------------------------
    def threads_since(self, after_id: int) -> tuple[list[tuple[int, str]], int]:
        with self._settled() as db:
            last = db.execute("SELECT coalesce(max(id), 0) AS last FROM articles").fetchone()["last"]
            rows = db.execute(
                "SELECT DISTINCT p.holder_id, p.proposition_key FROM positions p JOIN articles a ON a.id = p.article_id "
                "WHERE a.id > %s OR a.doc_key IN (SELECT doc_key FROM articles WHERE id > %s) "
                "ORDER BY p.holder_id, p.proposition_key", (after_id, after_id)).fetchall()
        return [(r["holder_id"], r["proposition_key"]) for r in rows], last

    def position_threads(self, threads: list[tuple[int, str]]) -> list[list[dict[str, Any]]]:
        out = []
        for holder_id, key in threads:
            out.append(self._all(
                "SELECT p.id, p.holder_id, h.name AS holder_name, p.proposition_key, p.proposition, p.stance, p.date, "
                "p.qualifier, p.sort_date, p.is_past, p.article_id, a.published AS article_published, p.sentence, "
                f"{POSITION_CONFIDENCE} AS confidence "
                "FROM positions p JOIN entities h ON h.id = p.holder_id JOIN articles a ON a.id = p.article_id "
                "WHERE a.current AND (p.sort_date IS NOT NULL OR p.is_past) "
                "AND p.holder_id = %s AND p.proposition_key = %s "
                "ORDER BY p.sort_date NULLS FIRST, p.article_id, p.start, p.id", (holder_id, key)))
        return out

    def put_changes(self, threads: list[tuple[int, str]], changes: list[dict[str, Any]]) -> None:
        with self.transaction() as db, db.cursor() as cur:
            cur.executemany("DELETE FROM changes WHERE holder_id = %s AND proposition_key = %s", threads)
            seq: dict[tuple[int, str], int] = {}
            rows = []
            for c in changes:
                thread = (c["holder_id"], c["proposition_key"])
                seq[thread] = seq.get(thread, 0) + 1
                rows.append((*thread, seq[thread], c["proposition"], c["from"]["article_id"], c["to"]["article_id"],
                             sort_date(c["to"]["date"]), _json({"from": c["from"], "to": c["to"]}),
                             c.get("confidence")))
            cur.executemany(
                "INSERT INTO changes (holder_id, proposition_key, seq, proposition, from_article_id, "
                "to_article_id, to_sort_date, ends, confidence) VALUES (%s, %s, %s, %s, %s, %s, %s, %s::json, %s)",
                rows)

    def list_changes(self, *, since: str | None = None, holder_ids: list[int] | None = None,
                     proposition_keys: list[str] | None = None, story_id: int | None = None,
                     min_confidence: float | None = None) -> list[dict[str, Any]]:
        where, args = ["TRUE"], []
        at_least("c.confidence", min_confidence, where, args)
        if holder_ids is not None:
            where.append("c.holder_id = ANY(%s)")
            args.append(list(holder_ids))
        if proposition_keys is not None:
            where.append("c.proposition_key = ANY(%s)")
            args.append(list(proposition_keys))
        if since:
            where.append("coalesce(c.to_sort_date, '') >= %s")
            args.append(since)
        if story_id is not None:
            where.append("(c.from_article_id IN (SELECT id FROM articles WHERE story_id = %s AND current) "
                         "OR c.to_article_id IN (SELECT id FROM articles WHERE story_id = %s AND current))")
            args += [story_id, story_id]
        return [{"holder_id": r["holder_id"], "holder_name": r["holder_name"],
                 "proposition_key": r["proposition_key"], "proposition": r["proposition"],
                 "from": r["ends"]["from"], "to": r["ends"]["to"], "confidence": r["confidence"]}
                for r in self._all(
                    "SELECT c.holder_id, h.name AS holder_name, c.proposition_key, c.proposition, c.ends, "
                    f"c.confidence FROM changes c JOIN entities h ON h.id = c.holder_id WHERE {' AND '.join(where)} "
                    "ORDER BY c.holder_id, c.proposition_key, c.seq", args)]
