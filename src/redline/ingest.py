"""ingest: read → clean → analyze → store, one article at a time, streamed.

Every item ends in exactly one outcome: ingested, revised, unchanged or
failed. A failure is recorded (``ingest_errors``) with a one-line reason
naming the file and line, and the run goes on. Each stored article is its own
transaction, so an interrupted run keeps everything stored before it, and the
next run skips those quickly (same identity and raw content) and continues.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator
from urllib.parse import urlparse

from .clean import CleanResult, clean
from .clean.text import line_key
from .config import Settings
from .errors import ReadError, RedlineError
from .read.sources import RawItem, Reader, ReadFailure
from .store import NewArticle, Store, open_store

OUTCOMES = ("ingested", "revised", "unchanged", "failed")


@dataclass
class ItemResult:
    name: str
    outcome: str  # one of OUTCOMES
    article_id: int | None = None
    message: str | None = None  # one line; for failures it names the file (and line)
    nbytes: int = 0
    path: str | None = None
    line: int | None = None
    stage: str = "ingest"


@dataclass
class IngestSummary:
    counts: dict[str, int] = field(default_factory=lambda: {k: 0 for k in OUTCOMES})
    warnings: int = 0
    interrupted: bool = False
    linked: int = 0  # articles grouped into stories by this run
    results: list[ItemResult] = field(default_factory=list)

    def add(self, r: ItemResult) -> None:
        self.counts[r.outcome] += 1
        self.results.append(r)

    @property
    def stored(self) -> int:
        return self.counts["ingested"] + self.counts["revised"]

    def to_dict(self) -> dict[str, Any]:
        return {**self.counts, "warnings": self.warnings, "interrupted": self.interrupted,
                "failures": [{"name": r.name, "message": r.message} for r in self.results if r.outcome == "failed"]}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def outlet_of(item: RawItem) -> str | None:
    """The outlet an item belongs to, for per-outlet chrome statistics."""
    if item.hints.get("source"):
        return item.hints["source"]
    url = item.hints.get("url")
    if url:
        host = urlparse(url).netloc.lower()
        return host[4:] if host.startswith("www.") else host or None
    return None


def merge(item: RawItem, cleaned: CleanResult, run_fields: set[str]) -> dict[str, Any]:
    """Article metadata: what the user supplied wins over what cleaning guessed."""
    h = item.hints
    meta = {
        "url": h.get("url") or cleaned.url,
        "source": h.get("source") or cleaned.source,
        "title": h.get("title") or cleaned.title,
        "byline": h.get("byline") or cleaned.byline,
        "language": h.get("language") or cleaned.language,
        "published": cleaned.published,
        "published_source": cleaned.published_source if cleaned.published else None,
        "published_confidence": cleaned.published_confidence if cleaned.published else 0.0,
    }
    if h.get("published"):
        origin = "user" if "published" in run_fields or item.hint_origin != "sidecar" else "sidecar"
        meta.update(published=h["published"], published_source=origin, published_confidence=1.0)
    return meta


class Ingestor:
    def __init__(self, store: Store, *, settings: Settings | None = None, format: str = "auto",
                 published: str | None = None, source: str | None = None, workers: int = 1,
                 analyze: bool = True, model: str | None = None, batch_size: int = 16,
                 on_result: Callable[[ItemResult], None] | None = None):
        self.store = store
        self.settings = settings or Settings()
        run_hints = {"published": published, "source": source}
        self.run_fields = {k for k, v in run_hints.items() if v}
        if published:
            from .read.hints import parse_iso_date

            try:
                run_hints["published"] = parse_iso_date(published)
            except ValueError as err:
                raise RedlineError(f"--published: {err}") from None
        self.reader = Reader(max_bytes=self.settings.max_bytes, format=format, hints=run_hints)
        self.workers = workers
        self.batch_size = batch_size
        self.analyzer = None
        if analyze:
            from .analyzer import get_analyzer

            self.analyzer = get_analyzer(model or self.settings.model)
        self.on_result = on_result or (lambda r: None)

    # -- stages -----------------------------------------------------------------
    def _prepare(self, item: RawItem) -> NewArticle | ItemResult:
        """Clean one raw item into a storable article, or say why not."""
        hints_blob = json.dumps(item.hints, sort_keys=True).encode()
        raw_hash = sha256(item.raw + b"\0" + hints_blob)
        known = self.store.lookup_raw(item.key, raw_hash)
        if known is not None:
            return ItemResult(item.name, "unchanged", known, nbytes=item.nbytes)
        source = outlet_of(item)
        keys: set[str] = set()
        repeated: dict[str, int] = {}
        siblings = 0
        text_in = item.data if isinstance(item.data, str) else None
        if item.format == "text" and text_in is not None:
            keys = {k for k in (line_key(line) for line in text_in.splitlines()) if k}
            if source:
                repeated, siblings = self.store.line_stats(source, keys)
        try:
            cleaned = clean(item.data, format=item.format, url=item.hints.get("url"),
                            repeated=repeated, siblings=siblings)
        except RedlineError as err:
            return _fail(item, err.message, err.stage)
        except Exception as err:  # a third-party parser choking on hostile input
            return _fail(item, f"cannot clean ({type(err).__name__}: {' '.join(str(err).split())[:160]})", "clean")
        if not cleaned.text.strip():
            return _fail(item, "no article text found", "clean")
        meta = merge(item, cleaned, self.run_fields)
        content_hash = sha256(cleaned.text.encode() + b"\0" + hints_blob)
        return NewArticle(
            key=item.key, name=item.name, raw=item.raw, raw_format=item.raw_format, raw_hash=raw_hash,
            text=cleaned.text, content_hash=content_hash, hints=item.hints, dateline=cleaned.dateline,
            categories=list(cleaned.categories), format=cleaned.format, summary=cleaned.summary,
            line_keys=keys if source else set(), **meta,
        )

    def _store(self, article: NewArticle, nbytes: int) -> ItemResult:
        try:
            put = self.store.put_article(article)
        except RedlineError as err:
            return ItemResult(article.name, "failed", message=f"{article.name}: {err.message}", nbytes=nbytes,
                              path=article.name, stage=err.stage)
        return ItemResult(article.name, put.outcome, put.id, message=put.note, nbytes=nbytes)

    def _cleaned(self, paths: Iterable[str]) -> Iterator[tuple[NewArticle, int] | ItemResult]:
        for item in self.reader.read(paths):
            if isinstance(item, ReadFailure):
                e = item.error
                yield ItemResult(item.name, "failed", message=str(e), nbytes=item.nbytes, path=e.path, line=e.line,
                                 stage=e.stage)
                continue
            for w in item.warnings:
                self.store.record_error(path=w.path, line=w.line, stage=w.stage, message=w.message, level="warning")
                self._warnings += 1
                self._warn(w)
            prepared = self._prepare(item)
            yield prepared if isinstance(prepared, ItemResult) else (prepared, item.nbytes)

    def _warn(self, err: ReadError) -> None:
        self.on_result(ItemResult(err.where, "warning", message=str(err)))

    def _analyzed(self, stream: Iterator[tuple[NewArticle, int] | ItemResult]) -> Iterator[ItemResult]:
        """Analyze cleaned articles in batches through nlp.pipe, then store each."""
        if self.analyzer is None:
            for x in stream:
                yield x if isinstance(x, ItemResult) else self._store(*x)
            return
        passthrough: list[ItemResult] = []

        def texts() -> Iterator[tuple[str, str | None, Any]]:
            for x in stream:
                if isinstance(x, ItemResult):
                    passthrough.append(x)
                else:
                    yield x[0].text, x[0].published, x

        for analysis, (article, nbytes) in self.analyzer.pipe(texts(), batch_size=self.batch_size,
                                                              workers=self.workers):
            while passthrough:
                yield passthrough.pop(0)
            article.analysis = analysis
            meta = self.analyzer.nlp.meta
            article.model = f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
            yield self._store(article, nbytes)
        while passthrough:
            yield passthrough.pop(0)

    # -- run ----------------------------------------------------------------------
    def run(self, paths: Iterable[str]) -> IngestSummary:
        summary = IngestSummary()
        self._warnings = 0
        try:
            for result in self._analyzed(self._cleaned(paths)):
                if result.outcome == "failed":
                    reason = (result.message or "failed").removeprefix(f"{result.name}: ")
                    self.store.record_error(path=result.path, line=result.line, stage=result.stage, message=reason)
                summary.add(result)
                self.on_result(result)
            if self.analyzer is not None and summary.stored:
                # link: group the new articles into stories (one transaction; see store.links)
                summary.linked = self.store.link_stories()
                self.store.link_events()
        except KeyboardInterrupt:
            summary.interrupted = True
        summary.warnings = self._warnings
        return summary


def _fail(item: RawItem, reason: str, stage: str) -> ItemResult:
    return ItemResult(item.name, "failed", message=f"{item.name}: {reason}", nbytes=item.nbytes,
                      path=item.path, line=item.line, stage=stage)


def run_ingest(paths: Iterable[str], *, store: Store | None = None, db: str | None = None, **kwargs) -> IngestSummary:
    """Ingest ``paths`` (files, folders, "-") into ``store`` (or the store at ``db``)."""
    own = store is None
    store = store or open_store(db)
    try:
        return Ingestor(store, **kwargs).run(paths)
    finally:
        if own:
            store.close()
