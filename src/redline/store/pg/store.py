"""The PostgreSQL store: the Store interface over psycopg 3 and its connection pool.

Same records, same order, same filters as the SQLite store (``store.sqlite``
and its mixins); what differs is how it gets there: versioned migrations in
store/pg_migrations, a generated ``tsvector`` with a GIN index for search, trigram
indexes for names, and locks so that several processes can write at once
(``pg.connection``).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, Iterable, Iterator

import psycopg
from psycopg.rows import dict_row

from ...errors import StoreError
from ..base import NewArticle, PutResult, Store
from .analysis import PgAnalysisMixin
from .corrections import PgCorrectionsMixin
from .watches import PgWatchesMixin
from .connection import WRITE_LOCK, PgConnection, acquire_pool, migrate, redact, release_pool, schema_version
from .links import PgStoriesMixin
from .positions import PgPositionsMixin

_ARTICLE_COLS = (
    "id, doc_key, revision, current, content_hash, name, url, source, title, byline, dateline, categories, "
    "published, published_source, published_confidence, language, format, summary, story_id, ingested_at"
)
# The snippet: a fragment of about 16 words around the matches, as SQLite's snippet(..., 16) gives.
_HEADLINE = "StartSel=<b>, StopSel=</b>, MaxWords=16, MinWords=8, ShortWord=2, MaxFragments=1"
_TAGS = re.compile(r"</?b>")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def _json(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False)


def _text(v: Any) -> Any:
    """A string PostgreSQL can hold: its text type cannot hold NUL. The reader drops NULs from every
    text it decodes (read.decode); a NUL left in a metadata field (a sidecar's title) goes the same way."""
    return v.replace("\x00", "") if isinstance(v, str) else v


class PostgresStore(PgWatchesMixin, PgCorrectionsMixin, PgStoriesMixin, PgPositionsMixin, PgAnalysisMixin,
                    PgConnection, Store):
    def __init__(self, url: str):
        self.path = redact(url)  # what messages and `redline report` show: never the password
        self.conninfo = url
        self._setup_connection()
        try:
            # Migrations on a connection of their own, before the pool: a server that does not answer
            # is reported here, in one line, with libpq's reason.
            with psycopg.connect(url, autocommit=True, row_factory=dict_row, connect_timeout=10) as conn:
                self._version = migrate(conn, self.path)
            self.pool = acquire_pool(url)
        except psycopg.Error as err:
            raise StoreError(f"cannot open store: {' '.join(str(err).split())}", path=self.path) from None
        self._open = True

    # -- schema ---------------------------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        with self._conn() as conn:
            return schema_version(conn)

    # -- articles -------------------------------------------------------------------------------
    def lookup_raw(self, key: str, raw_hash: str) -> int | None:
        return self._value(
            "SELECT a.id FROM articles a JOIN raw r ON r.article_id = a.id "
            "WHERE a.doc_key = %s AND a.current AND r.raw_hash = %s", (_text(key), raw_hash))

    def put_article(self, article: NewArticle) -> PutResult:
        return self._write(lambda conn: self._put(conn, article))

    def _put(self, db: psycopg.Connection, article: NewArticle) -> PutResult:
        db.execute("SELECT pg_advisory_xact_lock_shared(%s)", (WRITE_LOCK,))
        key = _text(article.key)
        names = [f"doc:{key}", f"text:{article.content_hash}"]
        if article.analysis is not None and article.links is not None:
            names += [f"entity:{e.key}" for e in article.links.entities]
        self._lock_items(db, names)
        cur = db.execute("SELECT id, content_hash, revision FROM articles WHERE doc_key = %s AND current",
                         (key,)).fetchone()
        if article.replaces is not None and (cur is None or cur["id"] != article.replaces):
            raise StoreError(f"article {article.replaces} is not the current revision of its document")
        if cur is not None and cur["content_hash"] == article.content_hash and article.replaces is None:
            return PutResult("unchanged", cur["id"], cur["revision"])
        if cur is None:
            dup = db.execute("SELECT id, revision FROM articles WHERE content_hash = %s AND current "
                             "ORDER BY id LIMIT 1", (article.content_hash,)).fetchone()
            if dup is not None:
                return PutResult("unchanged", dup["id"], dup["revision"], note=f"same text as article {dup['id']}")
        revision = 1
        if cur is not None:
            revision = cur["revision"] + 1
            db.execute("UPDATE articles SET current = FALSE WHERE id = %s", (cur["id"],))
        new_id = self._insert(db, article, revision)
        if cur is None and article.source and article.line_keys:
            self._count_lines(db, _text(article.source), {_text(k) for k in article.line_keys})
        self._put_analysis(db, new_id, article)
        return PutResult("revised" if cur is not None else "ingested", new_id, revision)

    def _insert(self, db: psycopg.Connection, a: NewArticle, revision: int) -> int:
        article_id = db.execute(
            "INSERT INTO articles (doc_key, revision, current, content_hash, name, url, source, title, byline, "
            "dateline, categories, published, published_source, published_confidence, language, format, summary, "
            "text, ingested_at) VALUES (%s, %s, TRUE, %s, %s, %s, %s, %s, %s, %s, %s::json, %s, %s, %s, %s, %s, "
            "%s, %s, %s) RETURNING id",
            tuple(map(_text, (a.key, revision, a.content_hash, a.name, a.url, a.source, a.title, a.byline,
                              a.dateline, _json(a.categories), a.published, a.published_source,
                              a.published_confidence, a.language, a.format, a.summary, a.text, _now()))),
        ).fetchone()["id"]
        db.execute("INSERT INTO raw (article_id, raw_hash, raw_format, hints, content) VALUES (%s, %s, %s, %s::json, %s)",
                   (article_id, a.raw_hash, a.raw_format, _json(a.hints), a.raw))
        return article_id

    @staticmethod
    def _count_lines(db: psycopg.Connection, source: str, keys: set[str]) -> None:
        # Sorted, so that two writers counting the same lines lock their rows in one order.
        with db.cursor() as cur:
            cur.executemany(
                "INSERT INTO source_lines (source, line_key, articles) VALUES (%s, %s, 1) "
                "ON CONFLICT (source, line_key) DO UPDATE SET articles = source_lines.articles + 1",
                [(source, k) for k in sorted(keys)])
        db.execute("INSERT INTO source_stats (source, articles) VALUES (%s, 1) "
                   "ON CONFLICT (source) DO UPDATE SET articles = source_stats.articles + 1", (source,))

    @staticmethod
    def _article(row: dict[str, Any], with_text: bool) -> dict[str, Any]:
        d = dict(row)
        d["categories"] = d.get("categories") or []
        d["current"] = bool(d.get("current"))
        if not with_text:
            d.pop("text", None)
        return d

    def get_article(self, article_id: int) -> dict[str, Any] | None:
        row = self._one(f"SELECT {_ARTICLE_COLS}, text FROM articles WHERE id = %s", (article_id,))
        return self._article(row, True) if row else None

    def get_raw(self, article_id: int) -> dict[str, Any] | None:
        row = self._one("SELECT raw_hash, raw_format, hints, content FROM raw WHERE article_id = %s", (article_id,))
        if row is None:
            return None
        return {"raw_hash": row["raw_hash"], "raw_format": row["raw_format"], "hints": row["hints"],
                "content": bytes(row["content"])}

    def list_articles(self, *, limit: int | None = 50, offset: int = 0,
                      all_revisions: bool = False) -> list[dict[str, Any]]:
        where = "" if all_revisions else "WHERE current"
        rows = self._all(
            f"SELECT {_ARTICLE_COLS}, length(text) AS length FROM articles {where} "
            "ORDER BY published IS NULL, published DESC, id DESC LIMIT %s OFFSET %s", (limit, offset))
        return [self._article(r, False) for r in rows]

    def count_articles(self, *, all_revisions: bool = False) -> int:
        where = "" if all_revisions else "WHERE current"
        return self._value(f"SELECT count(*) FROM articles {where}")

    def iter_articles(self, *, all_revisions: bool = False) -> Iterator[dict[str, Any]]:
        current = "" if all_revisions else "AND current"
        last = 0
        # Keyset pagination: constant memory, and no connection held between pages.
        while True:
            rows = self._all(f"SELECT {_ARTICLE_COLS}, text FROM articles WHERE id > %s {current} "
                             "ORDER BY id LIMIT 200", (last,))
            if not rows:
                return
            for r in rows:
                yield self._article(r, True)
            last = rows[-1]["id"]

    def search(self, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
        """Ranked by ts_rank over the title (weighted higher) and the text; ``score`` is the rank, higher
        first. websearch_to_tsquery reads any input ("quoted phrases", or, -not) and never raises."""
        rows = self._all(
            "WITH q AS (SELECT websearch_to_tsquery('english', %s) AS q), "
            "hits AS (SELECT a.id, a.title, a.published, a.source, a.text, ts_rank(a.search, q.q) AS score, q.q "
            "FROM articles a, q WHERE a.search @@ q.q AND a.current ORDER BY score DESC, a.id LIMIT %s) "
            "SELECT id, title, published, source, text, score, "
            f"ts_headline('english', text, q, '{_HEADLINE}') AS snippet FROM hits ORDER BY score DESC, id",
            (query, limit))
        out = []
        for r in rows:
            text = r.pop("text")
            r["snippet"] = _ellipsis(r["snippet"], text)
            r["score"] = float(r["score"])
            out.append(r)
        return out

    # -- bookkeeping ----------------------------------------------------------------------------
    def record_error(self, *, path: str | None, line: int | None, stage: str, message: str,
                     level: str = "error", article_id: int | None = None) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO ingest_errors (at, path, line, stage, level, message, article_id) "
                       "VALUES (%s, %s, %s, %s, %s, %s, %s)", (_now(), path, line, stage, level, message, article_id))

    def list_errors(self, *, limit: int | None = 100) -> list[dict[str, Any]]:
        return self._all("SELECT id, at, path, line, stage, level, message, article_id FROM ingest_errors "
                         "ORDER BY id DESC LIMIT %s", (limit,))

    def failed_analyses(self) -> list[int]:
        return [r["id"] for r in self._all(
            "SELECT a.id FROM analyses n JOIN articles a ON a.id = n.article_id "
            "WHERE n.status = 'failed' AND a.current ORDER BY a.id")]

    def line_stats(self, source: str, keys: Iterable[str]) -> tuple[dict[str, int], int]:
        source = _text(source)
        total = self._value("SELECT articles FROM source_stats WHERE source = %s", (source,))
        if total is None:
            return {}, 0
        rows = self._all("SELECT line_key, articles FROM source_lines WHERE source = %s AND line_key = ANY(%s)",
                         (source, sorted({_text(k) for k in keys})))
        return {r["line_key"]: r["articles"] for r in rows}, total

    def integrity_problems(self) -> list[str]:
        """Every article having its raw content, one current revision per document, the search index whole."""
        problems = []
        orphans = self._value("SELECT count(*) FROM articles a LEFT JOIN raw r ON r.article_id = a.id "
                              "WHERE r.article_id IS NULL")
        if orphans:
            problems.append(f"{orphans} articles without raw content")
        multi = self._value("SELECT count(*) FROM (SELECT doc_key FROM articles WHERE current "
                            "GROUP BY doc_key HAVING count(*) > 1) d")
        if multi:
            problems.append(f"{multi} documents with more than one current revision")
        unindexed = self._value("SELECT count(*) FROM articles WHERE search IS NULL")
        if unindexed:
            problems.append(f"{unindexed} articles missing from the full-text index")
        return problems

    # -- lifecycle ------------------------------------------------------------------------------
    def close(self) -> None:
        if getattr(self, "_open", False):
            self._open = False
            release_pool(self.conninfo)


def _ellipsis(snippet: str, text: str) -> str:
    """Mark a snippet cut out of the middle of the text with "…" where it was cut, as SQLite's snippet does."""
    plain = _TAGS.sub("", snippet)
    if not plain:
        return snippet
    at = text.find(plain)
    if at < 0:  # the headline reworded whitespace: say nothing about where it was cut
        return snippet
    return ("…" if at > 0 else "") + snippet + ("…" if at + len(plain) < len(text) else "")
