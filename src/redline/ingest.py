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
from .errors import AnalysisError, ConfigError, ReadError, RedlineError, one_line
from .executors import EXECUTORS, make_executor
from .link import run as link_run
from .link.entities import EntityLinker
from .read.sources import RawItem, Reader, ReadFailure
from .store import NewArticle, Store, open_store

OUTCOMES = ("ingested", "revised", "unchanged", "failed")
# A cleaned article on its way to analysis: (article, nbytes, path, line).
Prepared = tuple  # tuple[NewArticle, int, str | None, int | None]


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
    analysis_error: str | None = None  # stored, but its analysis failed: why, in one line


@dataclass
class IngestSummary:
    counts: dict[str, int] = field(default_factory=lambda: {k: 0 for k in OUTCOMES})
    warnings: int = 0
    interrupted: bool = False
    linked: int = 0  # articles grouped into stories by this run
    analysis_failed: int = 0  # stored articles whose analysis failed (see `redline errors`, `redline reanalyze`)
    link_failed: int = 0  # link steps that failed (the articles stay stored; the next run links them)
    # Each item's result, up to MAX_RESULTS (the counts are always whole): a
    # run of millions of bad JSONL lines must not hold millions of results.
    # Every failure is in the errors table (`redline errors`) in any case.
    results: list[ItemResult] = field(default_factory=list)
    results_dropped: int = 0

    MAX_RESULTS = 10_000

    def add(self, r: ItemResult) -> None:
        self.counts[r.outcome] += 1
        self.analysis_failed += r.analysis_error is not None
        if len(self.results) < self.MAX_RESULTS:
            self.results.append(r)
        else:
            self.results_dropped += 1

    @property
    def stored(self) -> int:
        return self.counts["ingested"] + self.counts["revised"]

    def to_dict(self) -> dict[str, Any]:
        return {**self.counts, "warnings": self.warnings, "interrupted": self.interrupted,
                "analysis_failed": self.analysis_failed, "link_failed": self.link_failed,
                "failures": [{"name": r.name, "message": r.message} for r in self.results if r.outcome == "failed"],
                "analysis_failures": [{"name": r.name, "id": r.article_id, "message": r.analysis_error}
                                      for r in self.results if r.analysis_error],
                "results_dropped": self.results_dropped}


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
    """Article metadata: what the user supplied wins over what cleaning guessed.

    The date: a sidecar, JSONL field or flag (1.0) > the page's markup or the
    story's own dateline or stamp > the file name's date > a bare date the
    text cleaner guessed; the confidences (``read.hints.FILENAME_CONFIDENCE``)
    are set in that order, so the more trusted of the two guesses wins.
    """
    from .read.hints import FILENAME_CONFIDENCE

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
    if item.name_date and FILENAME_CONFIDENCE > meta["published_confidence"]:
        meta.update(published=item.name_date, published_source="filename", published_confidence=FILENAME_CONFIDENCE)
    if h.get("published"):
        origin = "user" if "published" in run_fields or item.hint_origin != "sidecar" else "sidecar"
        meta.update(published=h["published"], published_source=origin, published_confidence=1.0)
    return meta


class Ingestor:
    def __init__(self, store: Store, *, settings: Settings | None = None, format: str = "auto",
                 published: str | None = None, source: str | None = None, workers: int = 1,
                 analyze: bool = True, model: str | None = None, batch_size: int = 16,
                 on_result: Callable[[ItemResult], None] | None = None, executor: str = "local",
                 scheduler: str | None = None):
        self.store = store
        self.entities = EntityLinker(store)  # the canonical entity index, held for the run
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
        # Where the analysis runs (redline.executors): in this process ("local"), or on
        # a Dask cluster ("dask"). Everything else stays here, in input order.
        self.executor = None
        if executor not in EXECUTORS:
            raise ConfigError(f"--executor: {executor!r} is not one of {', '.join(EXECUTORS)}")
        if analyze:  # without analysis there is nothing to run elsewhere
            self.executor = make_executor(executor, model=model or self.settings.model, workers=workers,
                                          scheduler=scheduler, batch_size=batch_size,
                                          chunk_chars=self.settings.chunk_chars)
        # The in-process analyzer, when there is one (kept for callers that use it directly).
        self.analyzer = getattr(self.executor, "analyzer", None)
        self.on_result = on_result or (lambda r: None)

    def close(self) -> None:
        """Let go of the executor (a Dask cluster started for the run, its client)."""
        if self.executor is not None:
            self.executor.close()

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
            return _fail(item, f"cannot clean ({one_line(err, 160)})", "clean")
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

    def _store(self, article: NewArticle, nbytes: int, path: str | None = None,
               line: int | None = None) -> ItemResult:
        where = {"nbytes": nbytes, "path": path or article.name, "line": line}
        try:
            put = self.entities.put(article)  # canonical entities, then the store
        except RedlineError as err:
            return ItemResult(article.name, "failed", message=f"{article.name}: {err.message}", stage=err.stage,
                              **where)
        except Exception as err:
            if article.analysis is None:
                return ItemResult(article.name, "failed", message=f"{article.name}: cannot store ({one_line(err)})",
                                  stage="store", **where)
            # Storing the records failed (hostile text reaching a bug): keep the
            # article and its clean text, with its analysis marked failed.
            article.analysis = None
            article.analysis_error = f"analysis failed in the store step ({one_line(err)})"
            return self._store(article, nbytes, path, line)
        return ItemResult(article.name, put.outcome, put.id, message=put.note, analysis_error=article.analysis_error,
                          stage="analyze" if article.analysis_error else "ingest", **where)

    def _cleaned(self, paths: Iterable[str]) -> Iterator[Prepared | ItemResult]:
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
            yield prepared if isinstance(prepared, ItemResult) else (prepared, item.nbytes, item.path, item.line)

    def _warn(self, err: ReadError) -> None:
        self.on_result(ItemResult(err.where, "warning", message=str(err)))

    def _analyzed(self, stream: Iterator[Prepared | ItemResult]) -> Iterator[ItemResult]:
        """Analyze cleaned articles in batches through nlp.pipe, then store each.

        An article whose analysis fails is stored all the same, with its
        analysis marked failed (``Analyzer.pipe`` yields an AnalysisError for it)."""
        if self.executor is None:
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

        for analysis, model, prepared in self.executor.analyse(texts()):
            while passthrough:
                yield passthrough.pop(0)
            article = prepared[0]
            if isinstance(analysis, AnalysisError):
                article.analysis_error = analysis.message
            else:
                article.analysis = analysis
            article.model = model
            yield self._store(*prepared)
        while passthrough:
            yield passthrough.pop(0)

    def _link(self, summary: IngestSummary) -> None:
        """Link the batch (``redline.link.run``: stories, events, changes). A linker that
        fails is recorded and the run ends normally: the articles stay stored, and the
        next run links them."""
        linked = link_run(self.store)
        summary.linked = linked.linked
        summary.link_failed += len(linked.failed)
        for step, message in linked.failed:
            self.on_result(ItemResult(f"link {step}", "warning", message=message, stage="link"))

    # -- run ----------------------------------------------------------------------
    def run(self, paths: Iterable[str]) -> IngestSummary:
        summary = IngestSummary()
        self._warnings = 0
        try:
            for result in self._analyzed(self._cleaned(paths)):
                self._record(result)
                summary.add(result)
                self.on_result(result)
            if self.executor is not None:
                # link: stories, events and changes for the new articles (see redline.link).
                # Also when this run stored nothing: a run interrupted while linking
                # left articles waiting, and the linkers take up whatever waits.
                self._link(summary)
        except KeyboardInterrupt:
            summary.interrupted = True
        summary.warnings = self._warnings
        return summary


    # -- reanalysis -------------------------------------------------------------
    def reanalyze(self, ids: Iterable[int] | None = None, *, everything: bool = False) -> IngestSummary:
        """Analyze stored articles again (after an upgrade, or a failure): ``ids``, or
        else every current article (``everything``), or else those whose analysis failed.

        The stored clean text is analysed as it is (nothing is read or cleaned
        again) and stored as a new revision of the article, with the same text
        and raw content, so that linking takes it up like any new article; the
        old revision stays in the store."""
        if self.executor is None:
            raise RedlineError("reanalysis needs the analyzer")
        if ids is not None:
            chosen = list(dict.fromkeys(ids))
        elif everything:
            chosen = [a["id"] for a in self.store.iter_articles()]
        else:
            chosen = self.store.failed_analyses()
        summary = IngestSummary()
        self._warnings = 0
        try:
            for result in self._analyzed(self._stored(chosen)):
                if result.outcome == "revised":
                    result.message = f"reanalyzed as article {result.article_id}"
                self._record(result)
                summary.add(result)
                self.on_result(result)
            self._link(summary)
        except KeyboardInterrupt:
            summary.interrupted = True
        return summary

    def _stored(self, ids: list[int]) -> Iterator[Prepared | ItemResult]:
        for article_id in ids:
            a, raw = self.store.get_article(article_id), self.store.get_raw(article_id)
            if a is None or raw is None:
                yield ItemResult(f"article {article_id}", "failed", message=f"no article with id {article_id}",
                                 stage="reanalyze")
                continue
            if not a["current"]:
                yield ItemResult(a["name"], "failed", path=a["name"], stage="reanalyze",
                                 message=f"{a['name']}: article {article_id} is an old revision; reanalyze the current one")
                continue
            fields = {k: a[k] for k in ("name", "text", "content_hash", "url", "source", "title", "byline", "dateline",
                                        "categories", "published", "published_source", "published_confidence",
                                        "language", "format", "summary")}
            article = NewArticle(key=a["doc_key"], raw=raw["content"], raw_format=raw["raw_format"],
                                 raw_hash=raw["raw_hash"], hints=raw["hints"], replaces=article_id, **fields)
            yield article, len(a["text"]), a["name"], None

    def _record(self, result: ItemResult) -> None:
        """What failed goes to the errors table, naming the file (and line)."""
        if result.outcome == "failed":
            reason = (result.message or "failed").removeprefix(f"{result.name}: ")
            self.store.record_error(path=result.path, line=result.line, stage=result.stage, message=reason)
        elif result.analysis_error:
            self.store.record_error(path=result.path, line=result.line, stage="analyze",
                                    message=f"{result.analysis_error} (stored as article {result.article_id}; "
                                            "retry with `redline reanalyze`)", article_id=result.article_id)


def _fail(item: RawItem, reason: str, stage: str) -> ItemResult:
    return ItemResult(item.name, "failed", message=f"{item.name}: {reason}", nbytes=item.nbytes,
                      path=item.path, line=item.line, stage=stage)


def run_ingest(paths: Iterable[str], *, store: Store | None = None, db: str | None = None, **kwargs) -> IngestSummary:
    """Ingest ``paths`` (files, folders, "-") into ``store`` (or the store at ``db``)."""
    own = store is None
    store = store or open_store(db)
    try:
        ingestor = Ingestor(store, **kwargs)
        try:
            return ingestor.run(paths)
        finally:
            ingestor.close()
    finally:
        if own:
            store.close()


def run_reanalyze(ids: Iterable[int] | None = None, *, everything: bool = False, store: Store | None = None,
                  db: str | None = None, **kwargs) -> IngestSummary:
    """Analyze stored articles again; see ``Ingestor.reanalyze``."""
    own = store is None
    store = store or open_store(db)
    try:
        ingestor = Ingestor(store, **kwargs)
        try:
            return ingestor.reanalyze(ids, everything=everything)
        finally:
            ingestor.close()
    finally:
        if own:
            store.close()
