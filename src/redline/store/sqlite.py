"""The embedded SQLite store: WAL mode, versioned migrations, FTS5 search.

Each ``put_article`` is one ``BEGIN IMMEDIATE`` transaction, so a crash or
Ctrl-C loses at most the article being written; everything committed before
stays, and the next run carries on (already-stored items are found by
``lookup_raw`` and skipped).
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import contextmanager
from importlib import resources
from typing import Any, Iterable, Iterator

from ..errors import StoreError
from .analysis import AnalysisMixin
from .corrections import CorrectionsMixin
from .watches import WatchesMixin
from .links import StoriesMixin
from .positions import PositionsMixin
from .base import NewArticle, PutResult, Store

_ARTICLE_COLS = (
    "id, doc_key, revision, current, content_hash, name, url, source, title, byline, dateline, categories, "
    "published, published_source, published_confidence, language, format, summary, story_id, ingested_at"
)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for each file in store/migrations, in order."""
    out = []
    for entry in resources.files(__package__).joinpath("migrations").iterdir():
        if entry.name.endswith(".sql"):
            out.append((int(entry.name.split("_", 1)[0]), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(out)


class SQLiteStore(WatchesMixin, CorrectionsMixin, StoriesMixin, PositionsMixin, AnalysisMixin, Store):
    _depth = 0  # open transactions: the outermost is BEGIN IMMEDIATE, inner ones savepoints

    def __init__(self, path: str):
        self.path = path
        try:
            self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA busy_timeout = 10000")
            self.db.execute("PRAGMA journal_mode = WAL")
            # NORMAL is durable against application crashes in WAL mode; only an
            # OS crash or power loss can drop the last transactions.
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.DatabaseError as err:
            raise StoreError(f"cannot open store: {err}", path=path) from None

    # -- schema ---------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        current = self.schema_version
        known = migrations()
        if known and current > known[-1][0]:
            raise StoreError(
                f"store schema version {current} is newer than this redline understands ({known[-1][0]}); upgrade redline",
                path=self.path,
            )
        for version, _name, sql in known:
            if version <= current:
                continue
            # executescript commits implicitly, so the script carries its own
            # transaction; user_version is set inside it, so a failed migration
            # leaves the version where it was.
            self.db.executescript(f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;")

    @contextmanager
    def transaction(self):
        """One transaction; inside another (``batch``), a savepoint that rolls back alone."""
        depth = self._depth
        self.db.execute(f"SAVEPOINT s{depth}" if depth else "BEGIN IMMEDIATE")
        self._depth = depth + 1
        try:
            yield self.db
        except BaseException:
            self.db.execute(f"ROLLBACK TO s{depth}" if depth else "ROLLBACK")
            if depth:
                self.db.execute(f"RELEASE s{depth}")
            raise
        else:
            self.db.execute(f"RELEASE s{depth}" if depth else "COMMIT")
        finally:
            self._depth = depth

    def batch(self):
        return self.transaction()

    # -- articles ---------------------------------------------------------------
    def lookup_raw(self, key: str, raw_hash: str) -> int | None:
        row = self.db.execute(
            "SELECT a.id FROM articles a JOIN raw r ON r.article_id = a.id "
            "WHERE a.doc_key = ? AND a.current = 1 AND r.raw_hash = ?",
            (key, raw_hash),
        ).fetchone()
        return row[0] if row else None

    def put_article(self, article: NewArticle) -> PutResult:
        with self.transaction() as db:
            cur = db.execute(
                "SELECT id, content_hash, revision FROM articles WHERE doc_key = ? AND current = 1", (article.key,)
            ).fetchone()
            if article.replaces is not None and (cur is None or cur["id"] != article.replaces):
                raise StoreError(f"article {article.replaces} is not the current revision of its document")
            if cur is not None and cur["content_hash"] == article.content_hash and article.replaces is None:
                return PutResult("unchanged", cur["id"], cur["revision"])
            if cur is None:
                dup = db.execute(
                    "SELECT id, revision FROM articles WHERE content_hash = ? AND current = 1 LIMIT 1",
                    (article.content_hash,),
                ).fetchone()
                if dup is not None:
                    return PutResult("unchanged", dup["id"], dup["revision"], note=f"same text as article {dup['id']}")
            revision = 1
            if cur is not None:
                revision = cur["revision"] + 1
                db.execute("UPDATE articles SET current = 0 WHERE id = ?", (cur["id"],))
            new_id = self._insert(db, article, revision)
            if cur is None and article.source and article.line_keys:
                self._count_lines(db, article.source, article.line_keys)
            self._put_analysis(db, new_id, article)
            return PutResult("revised" if cur is not None else "ingested", new_id, revision)

    def _insert(self, db: sqlite3.Connection, a: NewArticle, revision: int) -> int:
        c = db.execute(
            "INSERT INTO articles (doc_key, revision, current, content_hash, name, url, source, title, byline, "
            "dateline, categories, published, published_source, published_confidence, language, format, summary, "
            "text, ingested_at) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (a.key, revision, a.content_hash, a.name, a.url, a.source, a.title, a.byline, a.dateline,
             json.dumps(a.categories), a.published, a.published_source, a.published_confidence, a.language,
             a.format, a.summary, a.text, _now()),
        )
        article_id = c.lastrowid
        db.execute(
            "INSERT INTO raw (article_id, raw_hash, raw_format, hints, content) VALUES (?, ?, ?, ?, ?)",
            (article_id, a.raw_hash, a.raw_format, json.dumps(a.hints, ensure_ascii=False), a.raw),
        )
        return article_id

    def _count_lines(self, db: sqlite3.Connection, source: str, keys: set[str]) -> None:
        db.executemany(
            "INSERT INTO source_lines (source, line_key, articles) VALUES (?, ?, 1) "
            "ON CONFLICT(source, line_key) DO UPDATE SET articles = articles + 1",
            [(source, k) for k in keys],
        )
        db.execute(
            "INSERT INTO source_stats (source, articles) VALUES (?, 1) "
            "ON CONFLICT(source) DO UPDATE SET articles = articles + 1",
            (source,),
        )

    @staticmethod
    def _article(row: sqlite3.Row, with_text: bool) -> dict[str, Any]:
        d = dict(row)
        d["categories"] = json.loads(d.get("categories") or "[]")
        d["current"] = bool(d.get("current"))
        if not with_text:
            d.pop("text", None)
        return d

    def get_article(self, article_id: int) -> dict[str, Any] | None:
        row = self.db.execute(f"SELECT {_ARTICLE_COLS}, text FROM articles WHERE id = ?", (article_id,)).fetchone()
        return self._article(row, True) if row else None

    def get_raw(self, article_id: int) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT raw_hash, raw_format, hints, content FROM raw WHERE article_id = ?", (article_id,)
        ).fetchone()
        if row is None:
            return None
        return {"raw_hash": row["raw_hash"], "raw_format": row["raw_format"],
                "hints": json.loads(row["hints"]), "content": bytes(row["content"])}

    def list_articles(self, *, limit: int | None = 50, offset: int = 0, all_revisions: bool = False) -> list[dict[str, Any]]:
        where = "" if all_revisions else "WHERE current = 1"
        rows = self.db.execute(
            f"SELECT {_ARTICLE_COLS}, length(text) AS length FROM articles {where} "
            "ORDER BY published IS NULL, published DESC, id DESC LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        ).fetchall()
        return [self._article(r, False) for r in rows]

    def count_articles(self, *, all_revisions: bool = False) -> int:
        where = "" if all_revisions else "WHERE current = 1"
        return self.db.execute(f"SELECT count(*) FROM articles {where}").fetchone()[0]

    def iter_articles(self, *, all_revisions: bool = False) -> Iterator[dict[str, Any]]:
        where = "" if all_revisions else "WHERE current = 1"
        last = 0
        # Keyset pagination: constant memory, and no long-lived read cursor.
        while True:
            rows = self.db.execute(
                f"SELECT {_ARTICLE_COLS}, text FROM articles WHERE id > ? {where.replace('WHERE', 'AND')} "
                "ORDER BY id LIMIT 200",
                (last,),
            ).fetchall()
            if not rows:
                return
            for r in rows:
                yield self._article(r, True)
            last = rows[-1]["id"]

    def search(self, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
        sql = (
            "SELECT a.id, a.title, a.published, a.source, "
            "snippet(articles_fts, 1, '<b>', '</b>', '…', 16) AS snippet, bm25(articles_fts) AS score "
            "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
            "WHERE articles_fts MATCH ? AND a.current = 1 ORDER BY score LIMIT ?"
        )
        for q in (query, fts_quote(query)):
            try:
                return [dict(r) for r in self.db.execute(sql, (q, limit)).fetchall()]
            except sqlite3.OperationalError:
                continue  # not valid FTS5 syntax: retry with every word quoted
        return []

    # -- bookkeeping ------------------------------------------------------------
    def record_error(self, *, path: str | None, line: int | None, stage: str, message: str,
                     level: str = "error", article_id: int | None = None) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO ingest_errors (at, path, line, stage, level, message, article_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (_now(), path, line, stage, level, message, article_id),
            )

    def list_errors(self, *, limit: int | None = 100) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT id, at, path, line, stage, level, message, article_id FROM ingest_errors "
            "ORDER BY id DESC LIMIT ?",
            (-1 if limit is None else limit,),
        ).fetchall()
        return [dict(r) for r in rows]

    def failed_analyses(self) -> list[int]:
        return [r[0] for r in self.db.execute(
            "SELECT a.id FROM analyses n JOIN articles a ON a.id = n.article_id "
            "WHERE n.status = 'failed' AND a.current = 1 ORDER BY a.id")]

    def line_stats(self, source: str, keys: Iterable[str]) -> tuple[dict[str, int], int]:
        row = self.db.execute("SELECT articles FROM source_stats WHERE source = ?", (source,)).fetchone()
        if row is None:
            return {}, 0
        keys = list(set(keys))
        counts: dict[str, int] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self.db.execute(
                f"SELECT line_key, articles FROM source_lines WHERE source = ? AND line_key IN ({marks})",
                (source, *chunk),
            ):
                counts[r[0]] = r[1]
        return counts, row[0]

    def integrity_problems(self) -> list[str]:
        """SQLite's own checks, FTS consistency, and every article having its raw content."""
        problems = [r[0] for r in self.db.execute("PRAGMA integrity_check") if r[0] != "ok"]
        try:
            self.db.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as err:
            problems.append(f"full-text index: {err}")
        orphans = self.db.execute(
            "SELECT count(*) FROM articles a LEFT JOIN raw r ON r.article_id = a.id WHERE r.article_id IS NULL"
        ).fetchone()[0]
        if orphans:
            problems.append(f"{orphans} articles without raw content")
        multi = self.db.execute(
            "SELECT count(*) FROM (SELECT doc_key FROM articles WHERE current = 1 GROUP BY doc_key HAVING count(*) > 1)"
        ).fetchone()[0]
        if multi:
            problems.append(f"{multi} documents with more than one current revision")
        return problems

    def close(self) -> None:
        try:
            self.db.close()
        except sqlite3.Error:
            pass


def fts_quote(query: str) -> str:
    """Quote every word so punctuation ("U.S.", "Jan-20") cannot break FTS5 syntax."""
    words = [w.replace('"', '""') for w in query.split()]
    return " ".join(f'"{w}"' for w in words if w)
