"""Analysis records in SQLite: canonical entities, mentions, quotes, times.

Entities are canonical across the store, but the store does not decide what
is canonical: the link stage (``link.entities.EntityLinker``) maps each
article's local entities onto canonical keys and hands the rows to write with
the article (``NewArticle.links``); this module writes them as they are.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any, Iterator

from ..errors import StoreError
from ..records import Analysis
from .base import EntityRow
from .confidence import QUOTE, at_least


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def _entity_row(r: sqlite3.Row) -> dict[str, Any]:
    d = dict(r)
    d["aliases"] = json.loads(d["aliases"])
    d["roles"] = json.loads(d["roles"])
    return d


class AnalysisMixin:
    db: sqlite3.Connection

    # -- writing ----------------------------------------------------------------
    def _put_entities(self, db: sqlite3.Connection, rows: list[EntityRow]) -> None:
        for e in rows:
            if e.name_only:
                db.execute("INSERT INTO entities (key, name, type, country, aliases) VALUES (?, ?, ?, ?, ?) "
                           "ON CONFLICT(key) DO UPDATE SET name = excluded.name",
                           (e.key, e.name, e.type, e.country, json.dumps(e.aliases, ensure_ascii=False)))
                continue
            db.execute(
                "INSERT INTO entities (key, name, type, country, gender, aliases, roles) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET name = excluded.name, type = excluded.type, country = excluded.country, "
                "gender = excluded.gender, aliases = excluded.aliases, roles = excluded.roles",
                (e.key, e.name, e.type, e.country, e.gender, json.dumps(e.aliases, ensure_ascii=False),
                 json.dumps(e.roles, ensure_ascii=False)),
            )

    def _put_analysis(self, db: sqlite3.Connection, article_id: int, article) -> None:
        analysis: Analysis | None = article.analysis
        if analysis is None:
            if article.analysis_error:
                db.execute("INSERT INTO analyses (article_id, model, analyzed_at, status, error) "
                           "VALUES (?, ?, ?, 'failed', ?)", (article_id, article.model, _now(), article.analysis_error))
            return
        links = article.links
        if links is None:
            raise StoreError("an analysis is stored with its canonical entities (link.entities.EntityLinker)")
        self._put_entities(db, links.entities)
        wanted = sorted(set(links.keys.values()) | {k for pair in links.holders for k in pair if k})
        ids: dict[str, int] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            ids.update(db.execute(f"SELECT key, id FROM entities WHERE key IN ({','.join('?' * len(chunk))})", chunk))
        local_to_store = {local: ids[key] for local, key in links.keys.items()}
        db.executemany(
            "INSERT INTO mentions (article_id, entity_id, start, end, text) VALUES (?, ?, ?, ?, ?)",
            [(article_id, local_to_store[m.entity_id], m.start, m.end, m.text)
             for m in analysis.entities.mentions if m.entity_id in local_to_store],
        )
        # confidence and channel are read with getattr: a Quote made before they were fields has neither.
        db.executemany(
            "INSERT INTO quotes (article_id, text, start, end, direct, cue, cue_start, cue_end, speaker_text, "
            "speaker_start, speaker_end, speaker_id, how, confidence, channel, channel_start, channel_end) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(article_id, q.text, q.start, q.end, int(q.direct), q.cue, q.cue_start, q.cue_end, q.speaker_text,
              q.speaker_start, q.speaker_end, local_to_store.get(q.speaker_id or ""), q.how,
              getattr(q, "confidence", None), getattr(q, "channel", None), getattr(q, "channel_start", None),
              getattr(q, "channel_end", None)) for q in analysis.quotes],
        )
        db.executemany(
            "INSERT INTO times (article_id, text, start, end, type, value, approximate, mod, anchor) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(article_id, t.text, t.start, t.end, t.type, t.value, int(t.approximate), t.mod, t.anchor)
             for t in analysis.times],
        )
        self._put_events(db, article_id, analysis.events, local_to_store, article.published)
        # Holders as the link stage resolved them (by canonical key, "@key"), so a head of
        # state may hold for a state the article does not name.
        positions = [{**p, "holder_id": f"@{h}" if h else None, "speaker_id": f"@{s}" if s else None}
                     for p, (h, s) in zip(analysis.positions, links.holders)]
        self._put_positions(db, article_id, positions, {**local_to_store, **{f"@{k}": i for k, i in ids.items()}})
        db.execute("INSERT INTO analyses (article_id, model, analyzed_at) VALUES (?, ?, ?)",
                   (article_id, getattr(article, "model", None), _now()))

    # -- reading ------------------------------------------------------------------
    def list_entities(self, *, type: str | None = None, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
        where, args = ("WHERE e.type = ?", [type.upper()]) if type else ("", [])
        rows = self.db.execute(
            "SELECT e.*, count(DISTINCT m.article_id) AS articles, count(m.entity_id) AS mentions "
            f"FROM entities e LEFT JOIN mentions m ON m.entity_id = e.id {where} "
            "GROUP BY e.id ORDER BY mentions DESC, e.name LIMIT ? OFFSET ?",
            (*args, -1 if limit is None else limit, offset),
        ).fetchall()
        return [_entity_row(r) for r in rows]

    def get_entity(self, entity_id: int) -> dict[str, Any] | None:
        r = self.db.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        return _entity_row(r) if r else None

    def find_entities(self, name: str) -> list[dict[str, Any]]:
        """Entities whose name or an alias contains ``name`` (canonical resolution: link.entities)."""
        like = f"%{name}%"
        return [_entity_row(r) for r in self.db.execute(
            "SELECT * FROM entities WHERE name LIKE ? OR aliases LIKE ? ORDER BY length(name) LIMIT 20", (like, like))]

    def entity_by_key(self, key: str) -> dict[str, Any] | None:
        r = self.db.execute("SELECT * FROM entities WHERE key = ?", (key,)).fetchone()
        return _entity_row(r) if r else None

    def canonical_entities(self) -> Iterator[EntityRow]:
        for r in self.db.execute("SELECT key, name, type, country, gender, aliases, roles FROM entities").fetchall():
            yield EntityRow(r["key"], r["name"], r["type"], r["country"], r["gender"], json.loads(r["aliases"]),
                            json.loads(r["roles"]))

    def entities_version(self) -> Any:
        return tuple(self.db.execute("SELECT (SELECT count(*) FROM entities), (SELECT max(id) FROM entities), "
                                     "(SELECT max(id) FROM articles)").fetchone())

    def entity_mentions(self, entity_id: int, *, limit: int | None = 50) -> list[dict[str, Any]]:
        # Sort the (small) mention rows first; fetch article texts only for the rows kept.
        rows = self.db.execute(
            "SELECT m.article_id, m.start, m.end, m.text, a.published, a.title "
            "FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ? AND a.current = 1 "
            "ORDER BY a.published, m.article_id, m.start LIMIT ?",
            (entity_id, -1 if limit is None else limit),
        ).fetchall()
        from ..text import sentence_at

        texts: dict[int, str] = {}
        out = []
        for r in rows:
            d = dict(r)
            if d["article_id"] not in texts:
                texts[d["article_id"]] = self.db.execute(
                    "SELECT text FROM articles WHERE id = ?", (d["article_id"],)).fetchone()[0]
            text = texts[d["article_id"]]
            d["sentence"] = sentence_at(text, d["start"], d["end"])
            d["entity_id"] = entity_id
            out.append(d)
        return out

    def list_quotes(self, *, speaker_ids: list[int] | None = None, article_id: int | None = None,
                    story_id: int | None = None, limit: int | None = 100, offset: int = 0,
                    min_confidence: float | None = None) -> list[dict[str, Any]]:
        where, args = ["a.current = 1"], []
        at_least(QUOTE, min_confidence, where, args)
        if story_id is not None:
            where.append("a.story_id = ?")
            args.append(story_id)
        if speaker_ids is not None:
            where.append(f"q.speaker_id IN ({','.join('?' * len(speaker_ids)) or 'NULL'})")
            args += speaker_ids
        if article_id is not None:
            where.append("q.article_id = ?")
            args.append(article_id)
        rows = self.db.execute(
            "SELECT q.*, e.name AS speaker_name, a.published FROM quotes q JOIN articles a ON a.id = q.article_id "
            f"LEFT JOIN entities e ON e.id = q.speaker_id WHERE {' AND '.join(where)} "
            "ORDER BY a.published, q.article_id, q.start LIMIT ? OFFSET ?",
            (*args, -1 if limit is None else limit, offset),
        ).fetchall()
        out = []
        for r in rows:
            d = dict(r)
            d["direct"] = bool(d["direct"])
            out.append(d)
        return out

    def list_times(self, *, article_id: int | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        where, args = ("WHERE t.article_id = ?", [article_id]) if article_id is not None else ("", [])
        rows = self.db.execute(
            f"SELECT t.* FROM times t {where} ORDER BY t.article_id, t.start LIMIT ?",
            (*args, -1 if limit is None else limit),
        ).fetchall()
        return [dict(r, approximate=bool(r["approximate"])) for r in rows]

    def list_mentions(self, *, article_id: int | None = None) -> list[dict[str, Any]]:
        where, args = ("WHERE article_id = ?", [article_id]) if article_id is not None else ("", [])
        return [dict(r) for r in self.db.execute(
            f"SELECT entity_id, article_id, start, end, text FROM mentions {where} ORDER BY article_id, start", args)]

    def analysis_summary(self) -> dict[str, list[str]]:
        """Short lines for `redline report`: the most mentioned entities, quotes by speaker, time expressions."""
        ents = self.list_entities(limit=12)
        speakers = self.db.execute(
            "SELECT coalesce(e.name, '(unresolved)') AS who, count(*) AS n FROM quotes q "
            "LEFT JOIN entities e ON e.id = q.speaker_id GROUP BY q.speaker_id ORDER BY n DESC LIMIT 10").fetchall()
        times = self.db.execute("SELECT count(*), count(value) FROM times").fetchone()
        roles = [e for e in self.list_entities(type="PERSON", limit=200) if e["roles"]][:10]
        return {
            "most mentioned": [f"{e['name']} ({e['type']}{', ' + e['country'] if e['country'] else ''}): "
                               f"{e['mentions']} mentions in {e['articles']} articles" for e in ents],
            "people with roles": [f"{e['name']}: " + "; ".join(
                f"{r['title']}{' (' + r['org'] + ')' if r.get('org') else ''}" for r in e["roles"]) for e in roles],
            "quotes by speaker": [f"{r['who']}: {r['n']}" for r in speakers],
            "time expressions": [f"{times[0]} found, {times[1]} resolved to dates"] if times[0] else [],
        }
