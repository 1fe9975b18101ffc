"""Analysis records in PostgreSQL: canonical entities, mentions, quotes, times.

As in SQLite, the link stage decides what is canonical and hands the rows to
write with the article; this module writes them. One thing only a store with
several writers must do: an ingest process writes an entity row from its own
index, which may predate what another process wrote since. So a row is not
overwritten but merged, under a row lock, with what is stored (``merge_entity``):
no writer's aliases or roles are lost, and a writer never undoes another's rename.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any, Iterator

import psycopg

from ...errors import StoreError
from ...records import Analysis
from ..base import EntityRow

_ENTITY_COLS = "e.id, e.key, e.name, e.type, e.country, e.gender, e.aliases, e.roles"
_QUOTE_COLS = ("q.id, q.article_id, q.text, q.start, q.\"end\", q.direct, q.cue, q.cue_start, q.cue_end, "
               "q.speaker_text, q.speaker_start, q.speaker_end, q.speaker_id, q.how, q.confidence, q.channel, "
               "q.channel_start, q.channel_end")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def _json(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False)


def at_least(expr: str, min_confidence: float | None, where: list[str], args: list[Any]) -> None:
    """Add "``expr`` is null or at least ``min_confidence``" (nothing for None): records of unknown
    confidence stay in every view (see store.confidence)."""
    if min_confidence is None:
        return
    where.append(f"({expr} IS NULL OR {expr} >= %s)")
    args.append(float(min_confidence))


def _later_former(known: dict[str, Any], new: dict[str, Any]) -> bool:
    """Whether a role is past: the later sighting decides; on one date, or undated, a past marker wins
    (the rule the link stage merges roles by, link.entities)."""
    a, b = known.get("last_seen") or "", new.get("last_seen") or ""
    if a != b and a and b:
        return bool(new.get("former") if b > a else known.get("former"))
    return bool(known.get("former") or new.get("former"))


def merge_roles(stored: list[dict[str, Any]], given: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The stored roles with the given ones: one role per (title, org), seen from the first to the last date."""
    out = [dict(r) for r in stored]
    for role in given:
        same = next((r for r in out if (r.get("title"), r.get("org")) == (role.get("title"), role.get("org"))), None)
        if same is None:
            out.append(dict(role))
            continue
        same["former"] = _later_former(same, role)
        dates = [d for d in (same.get("first_seen"), same.get("last_seen"), role.get("first_seen"),
                             role.get("last_seen")) if d]
        if dates:
            same["first_seen"], same["last_seen"] = min(dates), max(dates)
        same["country"] = same.get("country") or role.get("country")
    return out


def merge_entity(stored: dict[str, Any], row: EntityRow) -> dict[str, Any]:
    """name, type, country, gender, aliases and roles of a stored entity once ``row`` is written over it.

    A writer that read the row before the last write gives a subset of what is
    stored; one that read it since gives a superset in the same order. Merging
    keeps both right: aliases and roles are united (stored ones first), country
    and gender stay once known, and the given name wins unless it is an older
    name of the row (one of its aliases, within its present name: "Harrow" after
    "Edvin Harrow"), which only a writer behind the times would give."""
    name = row.name
    if name != stored["name"] and name in stored["aliases"] and name in stored["name"]:
        name = stored["name"]
    return {
        "name": name, "type": row.type,
        "country": stored["country"] or row.country, "gender": stored["gender"] or row.gender,
        "aliases": list(stored["aliases"]) + [a for a in row.aliases if a not in stored["aliases"]],
        "roles": merge_roles(stored["roles"], row.roles),
    }


class PgAnalysisMixin:
    # -- writing --------------------------------------------------------------------------------
    def _put_entities(self, db: psycopg.Connection, rows: list[EntityRow]) -> None:
        # The writer holds the lock of each of these keys (put_article), so it is the only one to merge them.
        for e in rows:
            made = db.execute(
                "INSERT INTO entities (key, name, type, country, gender, aliases, roles) "
                "VALUES (%s, %s, %s, %s, %s, %s::json, %s::json) ON CONFLICT (key) DO NOTHING RETURNING id",
                (e.key, e.name, e.type, e.country, None if e.name_only else e.gender, _json(e.aliases),
                 _json([] if e.name_only else e.roles))).fetchone()
            if made is not None:
                continue
            if e.name_only:  # a state from the gazetteer, already stored: only its name is the gazetteer's
                db.execute("UPDATE entities SET name = %s, written = nextval('entity_writes') WHERE key = %s",
                           (e.name, e.key))
                continue
            stored = db.execute("SELECT name, country, gender, aliases, roles FROM entities WHERE key = %s "
                                "FOR UPDATE", (e.key,)).fetchone()
            m = merge_entity(stored, e)
            db.execute(
                "UPDATE entities SET name = %s, type = %s, country = %s, gender = %s, aliases = %s::json, "
                "roles = %s::json, written = nextval('entity_writes') WHERE key = %s",
                (m["name"], m["type"], m["country"], m["gender"], _json(m["aliases"]), _json(m["roles"]), e.key))

    def _put_analysis(self, db: psycopg.Connection, article_id: int, article) -> None:
        analysis: Analysis | None = article.analysis
        if analysis is None:
            if article.analysis_error:
                db.execute("INSERT INTO analyses (article_id, model, analyzed_at, status, error) "
                           "VALUES (%s, %s, %s, 'failed', %s)", (article_id, article.model, _now(),
                                                                 article.analysis_error))
            return
        links = article.links
        if links is None:
            raise StoreError("an analysis is stored with its canonical entities (link.entities.EntityLinker)")
        self._put_entities(db, links.entities)
        wanted = sorted(set(links.keys.values()) | {k for pair in links.holders for k in pair if k})
        ids = {r["key"]: r["id"] for r in db.execute("SELECT key, id FROM entities WHERE key = ANY(%s)",
                                                     (wanted,)).fetchall()}
        local_to_store = {local: ids[key] for local, key in links.keys.items()}
        with db.cursor() as cur:
            cur.executemany(
                'INSERT INTO mentions (article_id, entity_id, start, "end", text) VALUES (%s, %s, %s, %s, %s)',
                [(article_id, local_to_store[m.entity_id], m.start, m.end, m.text)
                 for m in analysis.entities.mentions if m.entity_id in local_to_store])
            # confidence and channel are read with getattr: a Quote made before they were fields has neither.
            cur.executemany(
                'INSERT INTO quotes (article_id, text, start, "end", direct, cue, cue_start, cue_end, speaker_text, '
                "speaker_start, speaker_end, speaker_id, how, confidence, channel, channel_start, channel_end) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [(article_id, q.text, q.start, q.end, bool(q.direct), q.cue, q.cue_start, q.cue_end, q.speaker_text,
                  q.speaker_start, q.speaker_end, local_to_store.get(q.speaker_id or ""), q.how,
                  getattr(q, "confidence", None), getattr(q, "channel", None), getattr(q, "channel_start", None),
                  getattr(q, "channel_end", None)) for q in analysis.quotes])
            cur.executemany(
                'INSERT INTO times (article_id, text, start, "end", type, value, approximate, mod, anchor) '
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [(article_id, t.text, t.start, t.end, t.type, t.value, bool(t.approximate), t.mod, t.anchor)
                 for t in analysis.times])
        self._put_events(db, article_id, analysis.events, local_to_store, article.published)
        # Holders as the link stage resolved them (by canonical key, "@key"), so a head of
        # state may hold for a state the article does not name.
        positions = [{**p, "holder_id": f"@{h}" if h else None, "speaker_id": f"@{s}" if s else None}
                     for p, (h, s) in zip(analysis.positions, links.holders)]
        self._put_positions(db, article_id, positions, {**local_to_store, **{f"@{k}": i for k, i in ids.items()}})
        db.execute("INSERT INTO analyses (article_id, model, analyzed_at) VALUES (%s, %s, %s)",
                   (article_id, getattr(article, "model", None), _now()))

    # -- reading --------------------------------------------------------------------------------
    def list_entities(self, *, type: str | None = None, limit: int | None = 100,
                      offset: int = 0) -> list[dict[str, Any]]:
        where, args = ("WHERE e.type = %s", [type.upper()]) if type else ("", [])
        return self._all(
            f"SELECT {_ENTITY_COLS}, count(DISTINCT m.article_id) AS articles, count(m.entity_id) AS mentions "
            f"FROM entities e LEFT JOIN mentions m ON m.entity_id = e.id {where} "
            "GROUP BY e.id ORDER BY mentions DESC, e.name, e.id LIMIT %s OFFSET %s", (*args, limit, offset))

    def get_entity(self, entity_id: int) -> dict[str, Any] | None:
        return self._one(f"SELECT {_ENTITY_COLS} FROM entities e WHERE e.id = %s", (entity_id,))

    def find_entities(self, name: str) -> list[dict[str, Any]]:
        """Entities whose name or an alias contains ``name``, shortest name first: ILIKE, answered by the
        trigram indexes (pg_trgm) on names and aliases rather than a scan of every row."""
        like = f"%{name}%"
        return self._all(f"SELECT {_ENTITY_COLS} FROM entities e WHERE e.name ILIKE %s OR e.aliases::text ILIKE %s "
                         "ORDER BY length(e.name), e.id LIMIT 20", (like, like))

    def entity_by_key(self, key: str) -> dict[str, Any] | None:
        return self._one(f"SELECT {_ENTITY_COLS} FROM entities e WHERE e.key = %s", (key,))

    def canonical_entities(self) -> Iterator[EntityRow]:
        for r in self._all("SELECT key, name, type, country, gender, aliases, roles FROM entities ORDER BY id"):
            yield EntityRow(r["key"], r["name"], r["type"], r["country"], r["gender"], r["aliases"], r["roles"])

    def entities_version(self) -> Any:
        row = self._one("SELECT (SELECT count(*) FROM entities) AS n, (SELECT max(written) FROM entities) AS w, "
                        "(SELECT max(id) FROM articles) AS a")
        return (row["n"], row["w"], row["a"])

    def entity_mentions(self, entity_id: int, *, limit: int | None = 50) -> list[dict[str, Any]]:
        # Sort the (small) mention rows first; fetch article texts only for the rows kept.
        rows = self._all(
            'SELECT m.article_id, m.start, m."end", m.text, a.published, a.title '
            "FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = %s AND a.current "
            "ORDER BY a.published NULLS FIRST, m.article_id, m.start LIMIT %s", (entity_id, limit))
        from ...text import sentence_at

        texts: dict[int, str] = {}
        for d in rows:
            if d["article_id"] not in texts:
                texts[d["article_id"]] = self._value("SELECT text FROM articles WHERE id = %s", (d["article_id"],))
            d["sentence"] = sentence_at(texts[d["article_id"]], d["start"], d["end"])
            d["entity_id"] = entity_id
        return rows

    def list_quotes(self, *, speaker_ids: list[int] | None = None, article_id: int | None = None,
                    story_id: int | None = None, limit: int | None = 100, offset: int = 0,
                    min_confidence: float | None = None) -> list[dict[str, Any]]:
        where, args = ["a.current"], []
        at_least("q.confidence", min_confidence, where, args)
        if story_id is not None:
            where.append("a.story_id = %s")
            args.append(story_id)
        if speaker_ids is not None:
            where.append("q.speaker_id = ANY(%s)")
            args.append(list(speaker_ids))
        if article_id is not None:
            where.append("q.article_id = %s")
            args.append(article_id)
        return self._all(
            f"SELECT {_QUOTE_COLS}, e.name AS speaker_name, a.published FROM quotes q "
            f"JOIN articles a ON a.id = q.article_id LEFT JOIN entities e ON e.id = q.speaker_id "
            f"WHERE {' AND '.join(where)} ORDER BY a.published NULLS FIRST, q.article_id, q.start, q.id "
            "LIMIT %s OFFSET %s", (*args, limit, offset))

    def list_times(self, *, article_id: int | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        where, args = ("WHERE t.article_id = %s", [article_id]) if article_id is not None else ("", [])
        return self._all(f"SELECT t.* FROM times t {where} ORDER BY t.article_id, t.start, t.id LIMIT %s",
                         (*args, limit))

    def list_mentions(self, *, article_id: int | None = None) -> list[dict[str, Any]]:
        where, args = ("WHERE article_id = %s", [article_id]) if article_id is not None else ("", [])
        return self._all(f'SELECT entity_id, article_id, start, "end", text FROM mentions {where} '
                         "ORDER BY article_id, start", args)

    def analysis_summary(self) -> dict[str, list[str]]:
        """Short lines for `redline report`: the most mentioned entities, quotes by speaker, time expressions."""
        ents = self.list_entities(limit=12)
        speakers = self._all(
            "SELECT coalesce(e.name, '(unresolved)') AS who, count(*) AS n FROM quotes q "
            "LEFT JOIN entities e ON e.id = q.speaker_id GROUP BY q.speaker_id, e.name "
            "ORDER BY n DESC, who LIMIT 10")
        times = self._one("SELECT count(*) AS n, count(value) AS resolved FROM times")
        roles = [e for e in self.list_entities(type="PERSON", limit=200) if e["roles"]][:10]
        return {
            "most mentioned": [f"{e['name']} ({e['type']}{', ' + e['country'] if e['country'] else ''}): "
                               f"{e['mentions']} mentions in {e['articles']} articles" for e in ents],
            "people with roles": [f"{e['name']}: " + "; ".join(
                f"{r['title']}{' (' + r['org'] + ')' if r.get('org') else ''}" for r in e["roles"]) for e in roles],
            "quotes by speaker": [f"{r['who']}: {r['n']}" for r in speakers],
            "time expressions": [f"{times['n']} found, {times['resolved']} resolved to dates"] if times["n"] else [],
        }
