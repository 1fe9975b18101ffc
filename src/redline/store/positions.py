"""Events, positions and changes in SQLite: rows as the analysis and the link stage give them.

Positions are stored per article with the holder the link stage resolved
(``link.entities``: a head of state or government who stands for a state is
recorded under the state, and kept as the speaker). Changes are the records
``link.changes`` derives from the positions after each batch; this module
keeps them (one row per change, by thread) and answers queries on them.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any, Iterable

from .confidence import CHANGE, EVENT, POSITION, at_least
from .dates import sort_date
from .rows import event_values, evidence_rows, participant_rows, position_values


def _chunks(items: list, n: int):
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _json(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False)


class PositionsMixin:
    db: sqlite3.Connection

    # -- writing ------------------------------------------------------------------
    def _put_positions(self, db: sqlite3.Connection, article_id: int, positions: list[dict],
                       ids: dict[str, int]) -> None:
        """Store an article's positions; ``ids`` maps their holder and speaker ids to entity ids."""
        rows = [r for r in (position_values(p, article_id, ids) for p in positions) if r is not None]
        db.executemany(
            "INSERT INTO positions (article_id, holder_id, speaker_id, proposition, proposition_key, stance, "
            "qualifier, date, sort_date, is_past, start, end, sentence, extra) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def _put_events(self, db: sqlite3.Connection, article_id: int, events: list[dict], ids: dict[str, int],
                    published: str | None) -> None:
        """Store an article's events; the link step merges the same event reported by several articles."""
        for e in events:
            values, roles = event_values(e, article_id, ids)
            cur = db.execute(
                "INSERT INTO events (key, type, mode, context, trigger, negated, modality, date_start, date_end, "
                "date_text, actor_ids, recipient_ids, location_ids, extra) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
            db.executemany("INSERT INTO event_actors (event_id, entity_id, role) VALUES (?, ?, ?)",
                           participant_rows(cur.lastrowid, roles))
            db.executemany("INSERT INTO event_evidence (event_id, article_id, start, end, sentence) "
                           "VALUES (?, ?, ?, ?, ?)", evidence_rows(cur.lastrowid, article_id, e))

    def list_events(self, *, actor_ids: list[int] | None = None, type: str | None = None, since: str | None = None,
                    article_id: int | None = None, story_id: int | None = None,
                    limit: int | None = 200, min_confidence: float | None = None) -> list[dict[str, Any]]:
        where, args = ["1 = 1"], []
        at_least(EVENT, min_confidence, where, args)
        if actor_ids is not None:
            where.append(f"v.id IN (SELECT event_id FROM event_actors WHERE entity_id IN "
                         f"({','.join('?' * len(actor_ids)) or 'NULL'}))")
            args += actor_ids
        if type:
            where.append("v.type = ?")
            args.append(type.upper())
        if since:
            where.append("v.date_start >= ?")
            args.append(since)
        if article_id is not None:
            where.append("v.id IN (SELECT event_id FROM event_evidence WHERE article_id = ?)")
            args.append(article_id)
        if story_id is not None:
            where.append("v.id IN (SELECT x.event_id FROM event_evidence x JOIN articles a ON a.id = x.article_id "
                         "WHERE a.story_id = ? AND a.current = 1)")
            args.append(story_id)
        rows = self.db.execute(
            f"SELECT v.* FROM events v WHERE {' AND '.join(where)} "
            "ORDER BY v.date_start IS NULL, v.date_start, v.id LIMIT ?", (*args, -1 if limit is None else limit),
        ).fetchall()
        out = []
        for r in rows:
            row = dict(r)
            d = {**json.loads(row.pop("extra") or "{}"), **row}
            d.setdefault("confidence", None)
            for k in ("actor_ids", "recipient_ids", "location_ids"):
                d[k] = json.loads(d[k])
            d["negated"] = bool(d["negated"])
            d["date"] = {"start": d.pop("date_start"), "end": d.pop("date_end"), "text": d.pop("date_text")} \
                if d.get("date_start") else None
            d["evidence"] = []
            out.append(d)
        # Evidence and names in one query each, not one per event.
        by_id = {d["id"]: d for d in out}
        for chunk in _chunks(list(by_id), 500):
            for x in self.db.execute(
                    f"SELECT event_id, article_id, start, end, sentence FROM event_evidence WHERE event_id IN "
                    f"({','.join('?' * len(chunk))}) ORDER BY article_id, start", chunk):
                by_id[x["event_id"]]["evidence"].append({k: x[k] for k in ("article_id", "start", "end", "sentence")})
        wanted = sorted({i for d in out for k in ("actor_ids", "recipient_ids") for i in d[k]})
        names: dict[int, str] = {}
        for chunk in _chunks(wanted, 500):
            names.update(self.db.execute(
                f"SELECT id, name FROM entities WHERE id IN ({','.join('?' * len(chunk))})", chunk).fetchall())
        for d in out:
            d["article_ids"] = sorted({x["article_id"] for x in d["evidence"]})
            for k in ("actor_ids", "recipient_ids"):
                d[k.replace("_ids", "_names")] = [names.get(i) for i in d[k]]
        return out

    # -- positions ----------------------------------------------------------------
    def _position_rows(self, where: str, args: Iterable[Any], limit: int | None) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT p.*, h.name AS holder_name, h.type AS holder_type, s.name AS speaker_name, "
            "a.source AS article_source, a.title AS article_title, a.published AS article_published "
            "FROM positions p JOIN entities h ON h.id = p.holder_id LEFT JOIN entities s ON s.id = p.speaker_id "
            f"JOIN articles a ON a.id = p.article_id WHERE a.current = 1 {where} "
            "ORDER BY p.sort_date IS NULL, p.sort_date, p.article_id, p.start LIMIT ?",
            (*args, -1 if limit is None else limit),
        ).fetchall()
        out = []
        for r in rows:
            row = dict(r)
            # Stored columns win over the extractor's extra fields (its holder_name is the surface holder).
            d = {**json.loads(row.pop("extra") or "{}"), **row}
            d.setdefault("confidence", None)
            d["evidence"] = {"start": d.pop("start"), "end": d.pop("end"), "sentence": d.pop("sentence")}
            d["is_past"] = bool(d["is_past"])
            out.append(d)
        return out

    def list_positions(self, *, holder_ids: list[int] | None = None, story_id: int | None = None,
                       proposition_keys: list[str] | None = None, limit: int | None = 200,
                       min_confidence: float | None = None) -> list[dict[str, Any]]:
        where, args = "", []
        conditions: list[str] = []
        at_least(POSITION, min_confidence, conditions, args)
        where += "".join(f" AND {c}" for c in conditions)
        if story_id is not None:
            where += " AND a.story_id = ?"
            args.append(story_id)
        if holder_ids is not None:
            where += f" AND (p.holder_id IN ({','.join('?' * len(holder_ids)) or 'NULL'})" \
                     f" OR p.speaker_id IN ({','.join('?' * len(holder_ids)) or 'NULL'}))"
            args += holder_ids + holder_ids
        if proposition_keys is not None:
            where += f" AND p.proposition_key IN ({','.join('?' * len(proposition_keys)) or 'NULL'})"
            args += proposition_keys
        return self._position_rows(where, args, limit)

    def proposition_labels(self) -> list[tuple[str, str]]:
        return [(k, t) for k, t in self.db.execute(
            "SELECT proposition_key, min(proposition) FROM positions GROUP BY proposition_key")]

    # -- changes ------------------------------------------------------------------
    def threads_since(self, after_id: int) -> tuple[list[tuple[int, str]], int]:
        last = self.db.execute("SELECT max(id) FROM articles").fetchone()[0] or 0
        rows = self.db.execute(
            "SELECT DISTINCT p.holder_id, p.proposition_key FROM positions p JOIN articles a ON a.id = p.article_id "
            "WHERE a.id > ? OR a.doc_key IN (SELECT doc_key FROM articles WHERE id > ?) "
            "ORDER BY p.holder_id, p.proposition_key", (after_id, after_id)).fetchall()
        return [(r[0], r[1]) for r in rows], last

    def position_threads(self, threads: list[tuple[int, str]]) -> list[list[dict[str, Any]]]:
        out = []
        for holder_id, key in threads:
            rows = [dict(r) for r in self.db.execute(
                "SELECT p.id, p.holder_id, h.name AS holder_name, p.proposition_key, p.proposition, p.stance, p.date, "
                "p.qualifier, p.sort_date, p.is_past, p.article_id, a.published AS article_published, p.sentence, "
                "json_extract(p.extra, '$.confidence') AS confidence "
                "FROM positions p JOIN entities h ON h.id = p.holder_id JOIN articles a ON a.id = p.article_id "
                "WHERE a.current = 1 AND (p.sort_date IS NOT NULL OR p.is_past = 1) "
                "AND p.holder_id = ? AND p.proposition_key = ? "
                "ORDER BY p.sort_date, p.article_id, p.start", (holder_id, key))]
            out.append(rows)
        return out

    def put_changes(self, threads: list[tuple[int, str]], changes: list[dict[str, Any]]) -> None:
        with self.transaction() as db:
            db.executemany("DELETE FROM changes WHERE holder_id = ? AND proposition_key = ?", threads)
            seq: dict[tuple[int, str], int] = {}
            for c in changes:
                thread = (c["holder_id"], c["proposition_key"])
                seq[thread] = seq.get(thread, 0) + 1
                db.execute(
                    "INSERT INTO changes (holder_id, proposition_key, seq, proposition, from_article_id, "
                    "to_article_id, to_sort_date, ends, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*thread, seq[thread], c["proposition"], c["from"]["article_id"], c["to"]["article_id"],
                     sort_date(c["to"]["date"]), _json({"from": c["from"], "to": c["to"]}), c.get("confidence")))

    def list_changes(self, *, since: str | None = None, holder_ids: list[int] | None = None,
                     proposition_keys: list[str] | None = None, story_id: int | None = None,
                     min_confidence: float | None = None) -> list[dict[str, Any]]:
        where, args = "", []
        conditions: list[str] = []
        at_least(CHANGE, min_confidence, conditions, args)
        where += "".join(f" AND {c}" for c in conditions)
        if holder_ids is not None:
            where += f" AND c.holder_id IN ({','.join('?' * len(holder_ids)) or 'NULL'})"
            args += holder_ids
        if proposition_keys is not None:
            where += f" AND c.proposition_key IN ({','.join('?' * len(proposition_keys)) or 'NULL'})"
            args += proposition_keys
        if since:
            where += " AND coalesce(c.to_sort_date, '') >= ?"
            args.append(since)
        if story_id is not None:
            where += (" AND (c.from_article_id IN (SELECT id FROM articles WHERE story_id = ? AND current = 1) "
                      "OR c.to_article_id IN (SELECT id FROM articles WHERE story_id = ? AND current = 1))")
            args += [story_id, story_id]
        out = []
        for r in self.db.execute(
                "SELECT c.holder_id, h.name AS holder_name, c.proposition_key, c.proposition, c.ends, c.confidence "
                "FROM changes c "
                f"JOIN entities h ON h.id = c.holder_id WHERE 1 = 1 {where} "
                "ORDER BY c.holder_id, c.proposition_key, c.seq", args):
            ends = json.loads(r["ends"])
            out.append({"holder_id": r["holder_id"], "holder_name": r["holder_name"],
                        "proposition_key": r["proposition_key"], "proposition": r["proposition"],
                        "from": ends["from"], "to": ends["to"], "confidence": r["confidence"]})
        return out
