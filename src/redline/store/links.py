"""Events, positions, changes and stories in SQLite.

Positions are stored per article with their holder resolved to a canonical
entity: a head of state or government who stands for a state (the position's
``holder_country``) is recorded under the state, and kept as the speaker.
Changes are derived from the stored positions when asked for, so they are
always consistent with them: for each (holder, proposition) the dated
positions are walked in date order, and a stance that differs from the
holder's previous one on the same scope (qualifier) is a change; see
``_scoped_changes`` for how a limited scope and the question at large
compare. A past-only stance with no date of its own ("previously opposed")
never counts as the current one.
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import sqlite3
from typing import Any, Iterable

from ..errors import one_line
from ..records import Entity


def sort_date(value: str | None) -> str | None:
    """An ISO date, month, year or week as a sortable YYYY-MM-DD (a week is its Monday)."""
    if not value:
        return None
    v = value[:10]
    try:
        if "-W" in v:
            year, week = v.split("-W")
            return dt.date.fromisocalendar(int(year), int(week[:2]), 1).isoformat()
        parts = v.split("-")
        if len(parts) == 1 and v.isdigit():
            return f"{v}-01-01"
        if len(parts) == 2 and parts[1].isdigit():
            return f"{parts[0]}-{parts[1]}-01"
        return dt.date.fromisoformat(v).isoformat()
    except ValueError:
        return None


def _head_of(roles_json: str) -> str | None:
    """The one state a person's stored roles make him head of (state or government), else None."""
    from ..extract.holders import states_headed
    from ..extract.propositions import lexicon
    from ..records import Role

    states = states_headed([Role(**r) for r in json.loads(roles_json or "[]")], lexicon())
    return states[0] if len(states) == 1 else None


def _chunks(items: list, n: int):
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _json(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False)


class LinksMixin:
    db: sqlite3.Connection

    # -- writing ------------------------------------------------------------------
    def _country_entity(self, db: sqlite3.Connection, iso3: str) -> int | None:
        """The store entity of a state, created from the gazetteer when no article has named it yet."""
        from ..extract.gazetteer import load

        entry = load().entries.get(f"country:{iso3}")
        if entry is None:
            return None
        row = db.execute("SELECT id FROM entities WHERE key = ?", (entry.key,)).fetchone()
        if row:
            return row[0]
        index = self._entity_index()
        key = index.add(Entity(id="_", name=entry.name, type="GPE", country=iso3, aliases=[entry.name]))
        item = index.get(key)
        cur = db.execute(
            "INSERT INTO entities (key, name, type, country, aliases) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET name = excluded.name RETURNING id",
            (key, item.name, item.type, item.country, _json(item.aliases)),
        )
        return cur.fetchone()[0]

    def _put_positions(self, db: sqlite3.Connection, article_id: int, positions: list[dict],
                       ids: dict[str, int]) -> None:
        people = {r[0]: r[1] for r in db.execute(
            f"SELECT id, roles FROM entities WHERE type = 'PERSON' AND id IN ({','.join('?' * len(ids))})",
            list(ids.values()))} if ids else {}
        for p in positions:
            holder = ids.get(p.get("holder_id") or "")
            if holder is None:
                continue
            speaker = ids.get(p.get("speaker_id") or "")
            # A head of state or government stands for the state: as this article
            # says, or as the store knows him from other articles ("Chancellor
            # Harrow" here, "Valdorian Chancellor Edvin Harrow" in an earlier one).
            state = p.get("holder_country") or (_head_of(people[holder]) if holder in people else None)
            if state and holder in people:
                country = self._country_entity(db, state)
                if country is not None:
                    speaker, holder = speaker or holder, country
            ev = p.get("evidence") or {}
            extra = {k: v for k, v in p.items() if k not in {
                "id", "holder_id", "speaker_id", "proposition", "proposition_key", "stance", "qualifier", "date",
                "article_id", "evidence"}}
            if extra.get("acting_for"):
                extra["acting_for"] = ids.get(extra["acting_for"])
            db.execute(
                "INSERT INTO positions (article_id, holder_id, speaker_id, proposition, proposition_key, stance, "
                "qualifier, date, sort_date, is_past, start, end, sentence, extra) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (article_id, holder, speaker, p["proposition"], p["proposition_key"], p["stance"], p.get("qualifier"),
                 p.get("date"), sort_date(p.get("date")), int(p.get("when") == "before"), ev.get("start", 0),
                 ev.get("end", 0), ev.get("sentence", ""), _json(extra)),
            )

    def _put_events(self, db: sqlite3.Connection, article_id: int, events: list[dict], ids: dict[str, int],
                    published: str | None) -> None:
        """Store an article's events; the link step merges the same event reported by several articles."""
        for e in events:
            actors = [ids[i] for i in e.get("actor_ids", []) if i in ids]
            recipients = [ids[i] for i in e.get("recipient_ids", []) if i in ids]
            locations = [ids[i] for i in e.get("location_ids", []) if i in ids]
            date = e.get("date") or {}
            extra = {k: v for k, v in e.items() if k not in {
                "id", "article_ids", "type", "mode", "context", "trigger", "actor_ids", "recipient_ids",
                "location_ids", "negated", "modality", "date", "evidence"} and not k.endswith("_ids")}
            cur = db.execute(
                "INSERT INTO events (key, type, mode, context, trigger, negated, modality, date_start, date_end, "
                "date_text, actor_ids, recipient_ids, location_ids, extra) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (f"a{article_id}:{e['id']}", e["type"], e.get("mode"), e.get("context"), e.get("trigger"),
                 int(bool(e.get("negated"))), e.get("modality") or "asserted", date.get("start"), date.get("end"),
                 date.get("text"), _json(actors), _json(recipients), _json(locations), _json(extra)),
            )
            event_id = cur.lastrowid
            db.executemany("INSERT INTO event_actors (event_id, entity_id, role) VALUES (?, ?, ?)",
                           [(event_id, x, role) for role, xs in (("actor", actors), ("recipient", recipients),
                                                                  ("location", locations)) for x in xs])
            db.executemany(
                "INSERT INTO event_evidence (event_id, article_id, start, end, sentence) VALUES (?, ?, ?, ?, ?)",
                [(event_id, article_id, ev.get("start", 0), ev.get("end", 0), ev.get("sentence", ""))
                 for ev in e.get("evidence") or []],
            )

    def list_events(self, *, actor_ids: list[int] | None = None, type: str | None = None, since: str | None = None,
                    article_id: int | None = None, story_id: int | None = None,
                    limit: int | None = 200) -> list[dict[str, Any]]:
        where, args = ["1 = 1"], []
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
            d["evidence"] = {"start": d.pop("start"), "end": d.pop("end"), "sentence": d.pop("sentence")}
            d["is_past"] = bool(d["is_past"])
            out.append(d)
        return out

    def list_positions(self, *, holder_ids: list[int] | None = None, about: str | None = None,
                       story_id: int | None = None, limit: int | None = 200) -> list[dict[str, Any]]:
        """Positions, oldest first; with ``about``, the propositions most similar to it first."""
        where, args = "", []
        if story_id is not None:
            where += " AND a.story_id = ?"
            args.append(story_id)
        if holder_ids is not None:
            where += f" AND (p.holder_id IN ({','.join('?' * len(holder_ids)) or 'NULL'})" \
                     f" OR p.speaker_id IN ({','.join('?' * len(holder_ids)) or 'NULL'}))"
            args += holder_ids + holder_ids
        if not about:
            return self._position_rows(where, args, limit)
        ranked = self.rank_propositions(about)
        if not ranked:
            return []
        keys = [k for k, _score in ranked]
        score = dict(ranked)
        rows = self._position_rows(where + f" AND p.proposition_key IN ({','.join('?' * len(keys))})",
                                   args + keys, None)
        for r in rows:
            r["score"] = score[r["proposition_key"]]
        rows.sort(key=lambda r: (-round(r["score"], 6), r["proposition_key"], r["sort_date"] or "9999"))
        return rows[:limit] if limit else rows

    def rank_propositions(self, query: str, *, min_score: float = 0.05) -> list[tuple[str, float]]:
        """Distinct proposition keys ranked by lexical similarity to ``query`` (best first)."""
        from ..extract.propositions import rank_propositions

        props = self.db.execute(
            "SELECT proposition_key, min(proposition) FROM positions GROUP BY proposition_key").fetchall()
        if not props:
            return []
        ranked = rank_propositions(query, [f"{text} {key}" for key, text in props])
        return [(props[i][0], score) for score, i in ranked if score >= min_score]

    def list_changes(self, *, since: str | None = None, holder_ids: list[int] | None = None,
                     proposition_keys: list[str] | None = None, story_id: int | None = None) -> list[dict[str, Any]]:
        """Reversals of a holder's stance on one proposition, oldest first within each thread.

        A position's scope is its qualifier ("limited to border areas near X",
        "in Y"); null is the proposition at large. Allowing a limited scope and
        refusing the broader question are two consistent stances, not a reversal,
        so stances are compared scope by scope (``_scoped_changes``). A report
        that omits the scope of a stance another report gives for the same period
        ("Germany would allow its missiles to be used ..." on the day that "in May,
        Germany gave the green light for ... in Belgorod" describes) takes that
        scope: reporters drop qualifiers, and an unqualified report must not
        widen a limited decision into a general one.
        """
        # Threads are (holder, proposition): each filter below keeps or drops whole threads, so
        # it can run in SQL without changing what is compared within a thread.
        where, args = "", []
        if holder_ids is not None:
            where += f" AND p.holder_id IN ({','.join('?' * len(holder_ids)) or 'NULL'})"
            args += holder_ids
        if proposition_keys is not None:
            where += f" AND p.proposition_key IN ({','.join('?' * len(proposition_keys)) or 'NULL'})"
            args += proposition_keys
        if story_id is not None:
            where += (" AND (p.holder_id, p.proposition_key) IN (SELECT s.holder_id, s.proposition_key FROM positions s "
                      "JOIN articles sa ON sa.id = s.article_id WHERE sa.story_id = ? AND sa.current = 1)")
            args.append(story_id)
        rows = [dict(r) for r in self.db.execute(
            "SELECT p.id, p.holder_id, h.name AS holder_name, p.proposition_key, p.proposition, p.stance, p.date, "
            "p.qualifier, p.sort_date, p.article_id, p.sentence FROM positions p JOIN entities h ON h.id = p.holder_id "
            f"JOIN articles a ON a.id = p.article_id WHERE a.current = 1 AND p.sort_date IS NOT NULL {where} "
            "ORDER BY p.holder_id, p.proposition_key, p.sort_date, p.article_id, p.start", args)]
        changes: list[dict[str, Any]] = []
        thread: list[dict[str, Any]] = []
        for r in rows + [None]:
            if thread and (r is None or (r["holder_id"], r["proposition_key"]) != (
                    thread[0]["holder_id"], thread[0]["proposition_key"])):
                changes += _scoped_changes(thread)
                thread = []
            if r is not None:
                thread.append(r)
        if since:
            changes = [c for c in changes if (sort_date(c["to"]["date"]) or "") >= since]
        if story_id is not None:
            ids = {r[0] for r in self.db.execute("SELECT id FROM articles WHERE story_id = ? AND current = 1",
                                                 (story_id,))}
            changes = [c for c in changes if c["to"]["article_id"] in ids or c["from"]["article_id"] in ids]
        return changes


def _period(value: str) -> tuple[str, str]:
    """The first and last day an ISO date, month, year or week can mean, as sortable strings."""
    first = sort_date(value) or value
    v = value[:10]
    if "-W" in v:
        return first, (dt.date.fromisoformat(first) + dt.timedelta(days=6)).isoformat()
    if len(v) == 4:
        return first, f"{v}-12-31"
    if len(v) == 7:
        return first, f"{v}-31"
    return first, first


def _scoped_changes(thread: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The changes in one (holder, proposition) thread of dated positions, in date order.

    Each stance takes its scope (its qualifier, or one inherited: ``_inherited_scope``); then, scope by scope:

    - a stance on a scope the holder has spoken to before is compared with its
      latest stance on that same scope: a different stance is a change;
    - a stance on a scope new to the holder is compared with its latest stance
      at large (null scope): allowing part of what it refused at large
      (against → for "limited to X") or refusing part of what it allowed at
      large (for → against "in X") is a change;
    - a stance at large new after scoped ones is a change only when it allows
      what the holder refused in part (against "in X" → for at large). Refusing
      the broader question after allowing a limited scope (for "limited to X" →
      against at large) is the holder keeping its limit, not reversing;
    - stances on two different named scopes are never compared: they are
      different questions.
    """
    # Periods are worked out once per qualified position, and the inherited
    # scope once per (stance, date): a thread may hold many restatements.
    qualified = [(o["stance"], _period(o["date"]), o["qualifier"]) for o in thread if o["qualifier"] and o["date"]]
    inherited: dict[tuple[str, str], str | None] = {}
    for r in thread:
        if r["qualifier"] or not r["date"]:
            r["scope"] = r["qualifier"]
            continue
        key = (r["stance"], r["date"])
        if key not in inherited:
            inherited[key] = _inherited_scope(r, qualified)
        r["scope"] = inherited[key]
    latest: dict[str | None, dict[str, Any]] = {}
    out = []
    for r in thread:
        q = r["scope"]
        prev = latest.get(q)
        if prev is None and q is not None:
            prev = latest.get(None)
        elif prev is None and latest:
            last = max(latest.values(), key=lambda x: (x["sort_date"], x["article_id"]))
            prev = last if (last["stance"], r["stance"]) == ("against", "for") else None
        if prev is not None and prev["stance"] != r["stance"]:
            out.append({
                "holder_id": r["holder_id"], "holder_name": r["holder_name"],
                "proposition_key": r["proposition_key"], "proposition": r["proposition"],
                "from": _end(prev), "to": _end(r),
            })
        latest[q] = r
    return out


def _inherited_scope(r: dict[str, Any], qualified: list[tuple[str, tuple[str, str], str]]) -> str | None:
    """The qualifier another position gives the same stance in the same period, or None.

    ``qualified``: (stance, (first day, last day), qualifier) of the thread's qualified positions, in order.
    """
    r0, r1 = _period(r["date"])
    return next((q for stance, (o0, o1), q in qualified if stance == r["stance"] and o0 <= r1 and r0 <= o1), None)


def _end(r: dict[str, Any]) -> dict[str, Any]:
    return {"stance": r["stance"], "date": r["date"], "position_id": r["id"], "article_id": r["article_id"],
            "sentence": r["sentence"], "qualifier": r["scope"]}


class StoriesMixin:
    """Stories: articles grouped incrementally by ``link.stories.StoryIndex``.

    ``link_stories`` runs after each ingest batch, in one transaction: it
    loads the saved index, adds every current article not yet linked, in id
    order, writes their ``story_id`` and the story rows, and saves the index.
    An interrupted run links nothing, so the next run simply does it all.
    """

    db: sqlite3.Connection

    def _open_index(self, name: str, cls: type) -> tuple[Any, int]:
        """The linker ``name`` paged from ``link_items``, and the last article id it has linked.

        A whole-state snapshot saved by an earlier version is restored and
        marked changed, so that ``_save_index`` moves it into ``link_items``.
        Raises ValueError for a state of an incompatible version.
        """
        row = self.db.execute("SELECT last_article_id, blob FROM link_state WHERE name = ?", (name,)).fetchone()
        header = json.loads(gzip.decompress(row[1])) if row else cls().header()
        if any(t in header for t in cls._TABLES):
            index = cls.from_state(header)
            for table in index.tables().values():
                for k, v in list(table.items()):
                    table[k] = v
            return index, row[0]
        return cls.paged(header, lambda table, keys: self._link_items(name, table, keys)), row[0] if row else 0

    def _link_items(self, name: str, table: str, keys: list[str]) -> dict[str, Any]:
        out = {}
        for chunk in _chunks(keys, 500):
            out.update((k, json.loads(v)) for k, v in self.db.execute(
                f"SELECT key, value FROM link_items WHERE name = ? AND part = ? AND key IN "
                f"({','.join('?' * len(chunk))})", (name, table, *chunk)))
        return out

    def _save_index(self, db: sqlite3.Connection, name: str, index: Any, last: int) -> None:
        """Write the index's changed entries and its scalars; inside the caller's transaction."""
        for table_name, table in index.tables().items():
            db.executemany(
                "INSERT INTO link_items (name, part, key, value) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(name, part, key) DO UPDATE SET value = excluded.value",
                [(name, table_name, *self._encoded(index, table_name, k, v)) for k, v in table.dirty()])
            table.clean()
        blob = gzip.compress(json.dumps(index.header(), separators=(",", ":")).encode())
        db.execute("INSERT INTO link_state (name, last_article_id, blob) VALUES (?, ?, ?) "
                   "ON CONFLICT(name) DO UPDATE SET last_article_id = excluded.last_article_id, blob = excluded.blob",
                   (name, last, blob))

    @staticmethod
    def _encoded(index: Any, table: str, key: Any, value: Any) -> tuple[str, str]:
        k, v = index.encode(table, key, value)
        return k, json.dumps(v, separators=(",", ":"), ensure_ascii=False)

    def _reset_index(self, db: sqlite3.Connection, name: str) -> None:
        db.execute("DELETE FROM link_items WHERE name = ?", (name,))
        db.execute("DELETE FROM link_state WHERE name = ?", (name,))

    def link_stories(self) -> int:
        """Assign stories to articles not yet linked; returns how many were linked."""
        from ..link.stories import StoryIndex

        try:
            index, last = self._open_index("stories", StoryIndex)
        except ValueError:  # saved by an incompatible version: rebuild from every current article
            with self.transaction() as db:
                self._reset_index(db, "stories")
            index, last = self._open_index("stories", StoryIndex)
        pending = self.db.execute(
            "SELECT id, name, title, published, text FROM articles WHERE id > ? AND current = 1 ORDER BY id", (last,)
        ).fetchall()
        if not pending:
            return 0
        touched: set[int] = set()
        failed: list[tuple[sqlite3.Row, Exception]] = []
        with self.transaction() as db:
            for a in pending:
                keys = [r[0] for r in db.execute(
                    "SELECT DISTINCT e.key FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ?",
                    (a["id"],))]
                try:
                    sid = index.add(a["id"], a["text"], a["published"], keys, title=a["title"])
                except Exception as err:  # one article's failure never holds up the others
                    failed.append((a, err))
                    continue
                db.execute("UPDATE articles SET story_id = ? WHERE id = ?", (sid, a["id"]))
                touched.add(sid)
            for sid in touched:
                st = index.summary(sid)
                db.execute("INSERT INTO stories (id, title, first_date, last_date) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT(id) DO UPDATE SET title = excluded.title, first_date = excluded.first_date, "
                           "last_date = excluded.last_date", (sid, st.get("title"), st.get("first_date"),
                                                              st.get("last_date")))
            self._save_index(db, "stories", index, max(a["id"] for a in pending))
        self._link_failed("a story", [(a["id"], a["name"], err) for a, err in failed])
        return len(pending) - len(failed)

    def _link_failed(self, what: str, failed: list[tuple[int, str | None, Exception]]) -> None:
        for article_id, name, err in failed:
            self.record_error(path=name, line=None, stage="link", article_id=article_id,
                              message=f"article {article_id} could not be linked to {what} ({one_line(err)})")

    def link_events(self) -> int:
        """Merge the events of articles not yet linked into the events other articles reported.

        Each article's events are stored on their own at ingest; here each one
        goes through ``link.dedup.EventIndex``: when it joins an event already
        stored, its evidence and participants move to that event and its own
        row goes. One transaction, like ``link_stories``. Returns how many merged.
        """
        from ..link.dedup import EventIndex

        try:
            index, last = self._open_index("events", EventIndex)
        except ValueError:
            # An incompatible saved state: later events start a fresh index, whose
            # keys must not reuse those of the events already stored.
            row = self.db.execute("SELECT last_article_id FROM link_state WHERE name = 'events'").fetchone()
            with self.transaction() as db:
                self._reset_index(db, "events")
            index, last = self._open_index("events", EventIndex)
            last = row[0] if row else 0
            index._next = 1 + (self.db.execute(
                "SELECT max(CAST(substr(key, 3) AS INTEGER)) FROM events WHERE key GLOB 'ev[0-9]*'").fetchone()[0] or 0)
        rows = self.db.execute(
            "SELECT v.*, min(x.article_id) AS article_id, a.published FROM events v "
            "JOIN event_evidence x ON x.event_id = v.id JOIN articles a ON a.id = x.article_id "
            "WHERE x.article_id > ? GROUP BY v.id ORDER BY article_id, v.id", (last,)).fetchall()
        if not rows:
            return 0
        # Canonical keys of the entities these events name, not of the whole store.
        wanted = sorted({i for r in rows for k in ("actor_ids", "recipient_ids", "location_ids")
                         for i in json.loads(r[k])})
        keys: dict[int, str] = {}
        for chunk in _chunks(wanted, 500):
            keys.update(self.db.execute(
                f"SELECT id, key FROM entities WHERE id IN ({','.join('?' * len(chunk))})", chunk).fetchall())
        merged = 0
        failed: list[tuple[int, str | None, Exception]] = []
        with self.transaction() as db:
            for r in rows:
                db.execute("SAVEPOINT link_event")
                try:
                    merged += self._link_event(db, index, r, keys)
                except Exception as err:  # one event's failure never holds up the others
                    db.execute("ROLLBACK TO link_event")
                    failed.append((r["article_id"], None, err))
                db.execute("RELEASE link_event")
            self._save_index(db, "events", index, max(r["article_id"] for r in rows))
        self._link_failed("the events of other articles", failed)
        return merged

    def _link_event(self, db: sqlite3.Connection, index: Any, r: sqlite3.Row, keys: dict[int, str]) -> int:
        """Give one stored event its key, or merge it into the event of that key; 1 if merged."""
        event = {
            "type": r["type"], "negated": bool(r["negated"]), "modality": r["modality"],
            "trigger": r["trigger"], "mode": r["mode"], "context": r["context"],
            "actor_ids": json.loads(r["actor_ids"]), "recipient_ids": json.loads(r["recipient_ids"]),
            "location_ids": json.loads(r["location_ids"]),
            "date": {"start": r["date_start"], "end": r["date_end"], "text": r["date_text"]}
            if r["date_start"] else None,
        }
        key = index.add(event, r["article_id"], r["published"], keys.get)
        home = db.execute("SELECT id FROM events WHERE key = ?", (key,)).fetchone()
        if home is None:
            db.execute("UPDATE events SET key = ? WHERE id = ?", (key, r["id"]))
            return 0
        if home[0] == r["id"]:
            return 0
        db.execute("UPDATE event_evidence SET event_id = ? WHERE event_id = ?", (home[0], r["id"]))
        db.execute("INSERT INTO event_actors (event_id, entity_id, role) SELECT ?, entity_id, role "
                   "FROM event_actors WHERE event_id = ? AND (entity_id, role) NOT IN "
                   "(SELECT entity_id, role FROM event_actors WHERE event_id = ?)", (home[0], r["id"], home[0]))
        self._absorb(db, home[0], r)
        db.execute("DELETE FROM events WHERE id = ?", (r["id"],))
        return 1

    @staticmethod
    def _absorb(db: sqlite3.Connection, home: int, other: sqlite3.Row) -> None:
        """The merged event keeps every participant, and a date stated in the text over an article date."""
        h = db.execute("SELECT actor_ids, recipient_ids, location_ids, modality, date_start, extra FROM events "
                       "WHERE id = ?", (home,)).fetchone()
        ids = {k: json.loads(h[k]) for k in ("actor_ids", "recipient_ids", "location_ids")}
        for k in ids:
            ids[k] += [i for i in json.loads(other[k]) if i not in ids[k]]
        stated = json.loads(other["extra"] or "{}").get("date_source") not in (None, "article")
        home_stated = json.loads(h["extra"] or "{}").get("date_source") not in (None, "article")
        date = (other["date_start"], other["date_end"], other["date_text"]) if stated and not home_stated else None
        db.execute("UPDATE events SET actor_ids = ?, recipient_ids = ?, location_ids = ? WHERE id = ?",
                   (_json(ids["actor_ids"]), _json(ids["recipient_ids"]), _json(ids["location_ids"]), home))
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
