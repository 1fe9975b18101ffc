"""The store interface. SQLite is the embedded default; any other backend
(Postgres, later) implements the same methods and passes the same contract
suite in tests/store/test_contract.py.
"""
from __future__ import annotations

import abc
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator


@dataclass
class NewArticle:
    """Everything ingest knows about one article, ready to store."""

    key: str  # identity: url or source name
    name: str
    raw: bytes
    raw_format: str
    raw_hash: str
    text: str
    content_hash: str
    hints: dict[str, Any] = field(default_factory=dict)
    url: str | None = None
    source: str | None = None
    title: str | None = None
    byline: str | None = None
    dateline: str | None = None
    categories: list[str] = field(default_factory=list)
    published: str | None = None
    published_source: str | None = None
    published_confidence: float = 0.0
    language: str | None = None
    format: str | None = None
    summary: str | None = None
    line_keys: set[str] = field(default_factory=set)  # normalised raw lines, for outlet chrome statistics
    analysis: Any = None  # a redline.records.Analysis, when the article was analyzed
    analysis_error: str | None = None  # why its analysis failed (one line); stored without records
    model: str | None = None  # the spaCy model that analyzed it
    replaces: int | None = None  # reanalysis: a new revision of this stored article, even with the same text


@dataclass
class PutResult:
    outcome: str  # "ingested", "revised" or "unchanged"
    id: int
    revision: int = 1
    note: str | None = None


class Store(abc.ABC):
    """What the rest of redline needs from a store. All methods are safe to
    call between ingests; ``put_article`` is atomic: an article is stored
    whole (with its raw content and analysis) or not at all."""

    # -- articles -------------------------------------------------------------
    @abc.abstractmethod
    def lookup_raw(self, key: str, raw_hash: str) -> int | None:
        """The current article with this identity and raw content, if stored (fast re-ingest)."""

    @abc.abstractmethod
    def put_article(self, article: NewArticle) -> PutResult:
        """Store an article: new, a new revision of the same key, or unchanged."""

    @abc.abstractmethod
    def get_article(self, article_id: int) -> dict[str, Any] | None:
        """One article record (the data contract's article fields plus revision and name)."""

    @abc.abstractmethod
    def get_raw(self, article_id: int) -> dict[str, Any] | None:
        """The raw content of an article as read, with its format and hints."""

    @abc.abstractmethod
    def list_articles(self, *, limit: int | None = 50, offset: int = 0, all_revisions: bool = False) -> list[dict[str, Any]]:
        """Articles, newest publication first, without their text."""

    @abc.abstractmethod
    def count_articles(self, *, all_revisions: bool = False) -> int: ...

    @abc.abstractmethod
    def iter_articles(self, *, all_revisions: bool = False) -> Iterator[dict[str, Any]]:
        """Every article record with its text, in id order, streamed."""

    @abc.abstractmethod
    def search(self, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search: records with ``snippet`` (matches wrapped in <b></b>) and ``score``."""

    # -- analysis records ----------------------------------------------------------
    @abc.abstractmethod
    def list_entities(self, *, type: str | None = None, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Canonical entities with ``mentions`` and ``articles`` counts, most mentioned first."""

    @abc.abstractmethod
    def get_entity(self, entity_id: int) -> dict[str, Any] | None: ...

    @abc.abstractmethod
    def find_entities(self, name: str) -> list[dict[str, Any]]:
        """Entities ``name`` refers to: canonical resolution first, then a substring match."""

    @abc.abstractmethod
    def entity_mentions(self, entity_id: int, *, limit: int | None = 50) -> list[dict[str, Any]]:
        """Mentions of an entity with ``sentence``, ``published`` and ``title``, oldest first."""

    @abc.abstractmethod
    def list_quotes(self, *, speaker_ids: list[int] | None = None, article_id: int | None = None,
                    story_id: int | None = None, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]: ...

    @abc.abstractmethod
    def list_times(self, *, article_id: int | None = None, limit: int | None = None) -> list[dict[str, Any]]: ...

    @abc.abstractmethod
    def list_mentions(self, *, article_id: int | None = None) -> list[dict[str, Any]]: ...

    @abc.abstractmethod
    def analysis_summary(self) -> dict[str, list[str]]:
        """Short lines describing the analysis records, for ``redline report``."""

    # -- events, positions, changes, stories ---------------------------------------------
    @abc.abstractmethod
    def list_events(self, *, actor_ids: list[int] | None = None, type: str | None = None, since: str | None = None,
                    article_id: int | None = None, story_id: int | None = None,
                    limit: int | None = 200) -> list[dict[str, Any]]:
        """Events (data contract) with ``actor_names``/``recipient_names``, oldest first."""

    @abc.abstractmethod
    def list_positions(self, *, holder_ids: list[int] | None = None, about: str | None = None,
                       story_id: int | None = None, limit: int | None = 200) -> list[dict[str, Any]]:
        """Positions with holder names and evidence; with ``about``, the most similar propositions first."""

    @abc.abstractmethod
    def list_changes(self, *, since: str | None = None, holder_ids: list[int] | None = None,
                     proposition_keys: list[str] | None = None, story_id: int | None = None) -> list[dict[str, Any]]:
        """Change records derived from the stored positions; ``story_id``: changes with a side in the story."""

    @abc.abstractmethod
    def link_stories(self) -> int:
        """Group articles not yet linked into stories; returns how many were linked."""

    @abc.abstractmethod
    def link_events(self) -> int:
        """Merge newly stored events into the same events reported by earlier articles."""

    @abc.abstractmethod
    def list_stories(self, *, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]: ...

    @abc.abstractmethod
    def get_story(self, story_id: int) -> dict[str, Any] | None: ...

    # -- ingest bookkeeping ----------------------------------------------------
    @abc.abstractmethod
    def record_error(self, *, path: str | None, line: int | None, stage: str, message: str,
                     level: str = "error", article_id: int | None = None) -> None: ...

    @abc.abstractmethod
    def failed_analyses(self) -> list[int]:
        """Ids of current articles whose analysis failed, oldest first."""

    @abc.abstractmethod
    def list_errors(self, *, limit: int | None = 100) -> list[dict[str, Any]]: ...

    @abc.abstractmethod
    def line_stats(self, source: str, keys: Iterable[str]) -> tuple[dict[str, int], int]:
        """For an outlet: how many stored articles contain each line key, and how many articles it has."""

    # -- lifecycle -------------------------------------------------------------
    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
