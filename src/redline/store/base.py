"""The store interface. SQLite is the embedded default; any other backend
(Postgres, later) implements the same methods and passes the same contract
suite (``redline.testing.store_contract.StoreContract``, subclassed with the
backend's ``make_store``).

A store holds rows and answers queries; it does no language processing. The
link stage (``redline.link``) decides what is canonical, what is a change,
which articles form a story and which events are one, and writes its results
through the methods below.
"""
from __future__ import annotations

import abc
from dataclasses import dataclass, field
from typing import Any, ContextManager, Iterable, Iterator


@dataclass
class EntityRow:
    """A canonical entity as the link stage made it, to be written as it is."""

    key: str
    name: str
    type: str
    country: str | None = None
    gender: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)
    # A state the store may not know yet, made from the gazetteer: inserted with
    # its name, type, country and aliases; when the key exists, only renamed.
    name_only: bool = False


@dataclass
class CanonicalLinks:
    """How an article's analysis maps onto the store's canonical entities (``link.entities``)."""

    entities: list[EntityRow] = field(default_factory=list)  # rows to write, in order
    keys: dict[str, str] = field(default_factory=dict)  # the article's local entity id -> canonical key
    # Per position of the analysis, in order: (holder key, speaker key); a position
    # without a holder key is not stored. A head of state holds for the state.
    holders: list[tuple[str | None, str | None]] = field(default_factory=list)


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
    links: CanonicalLinks | None = None  # with an analysis: its canonical entities (link.entities.EntityLinker)
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
        """Entities whose name or an alias contains ``name``, shortest name first (at most 20).

        Canonical resolution ("Harrow" -> the one known Edvin Harrow) is the link
        stage's: ``redline.link.entities.find_entities(store, name)``."""

    @abc.abstractmethod
    def entity_by_key(self, key: str) -> dict[str, Any] | None:
        """The entity with this canonical key."""

    @abc.abstractmethod
    def canonical_entities(self) -> Iterator[EntityRow]:
        """Every stored entity as an EntityRow, in id order (to rebuild the link stage's index)."""

    @abc.abstractmethod
    def entities_version(self) -> Any:
        """A value that changes whenever entity rows are written (for caches of the index)."""

    @abc.abstractmethod
    def entity_mentions(self, entity_id: int, *, limit: int | None = 50) -> list[dict[str, Any]]:
        """Mentions of an entity with ``sentence``, ``published`` and ``title``, oldest first."""

    @abc.abstractmethod
    def list_quotes(self, *, speaker_ids: list[int] | None = None, article_id: int | None = None,
                    story_id: int | None = None, limit: int | None = 100, offset: int = 0,
                    min_confidence: float | None = None) -> list[dict[str, Any]]:
        """Quotes (data contract, with ``confidence`` and ``channel``/``channel_start``/``channel_end``,
        null when unknown) with ``speaker_name`` and ``published``, oldest first.

        ``min_confidence`` (here and in every list of events, positions and changes):
        None keeps everything; a threshold keeps the records whose ``confidence`` is at
        least it, and those whose confidence is null (records stored before confidences
        were kept). The link stage always reads everything."""

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
                    limit: int | None = 200, min_confidence: float | None = None) -> list[dict[str, Any]]:
        """Events (data contract, with ``confidence``: null when unknown) with
        ``actor_names``/``recipient_names``, oldest first."""

    @abc.abstractmethod
    def list_positions(self, *, holder_ids: list[int] | None = None, story_id: int | None = None,
                       proposition_keys: list[str] | None = None, limit: int | None = 200,
                       min_confidence: float | None = None) -> list[dict[str, Any]]:
        """Positions (with ``confidence``: null when unknown) with holder names and evidence,
        oldest first. Ranking by a question
        (``about``) is ``redline.link.about.positions_about``."""

    @abc.abstractmethod
    def proposition_labels(self) -> list[tuple[str, str]]:
        """Each distinct proposition key with one label (the least proposition text), keys in order."""

    @abc.abstractmethod
    def list_changes(self, *, since: str | None = None, holder_ids: list[int] | None = None,
                     proposition_keys: list[str] | None = None, story_id: int | None = None,
                     min_confidence: float | None = None) -> list[dict[str, Any]]:
        """The change records the link stage derived (``link.changes``), by holder and proposition,
        in order within each thread, each with the ``confidence`` it was stored with; ``since``:
        changes to a stance dated then or later; ``story_id``: changes with a side in the story."""

    # -- link stage: its rows and its saved state ----------------------------------------
    @abc.abstractmethod
    def batch(self) -> ContextManager[Any]:
        """A context in which the store's writes are committed together, or not at all."""

    @abc.abstractmethod
    def link_state(self, name: str) -> tuple[dict[str, Any] | None, int]:
        """A linker's saved scalars (None when never saved) and the last article id it linked."""

    @abc.abstractmethod
    def link_items(self, name: str, part: str, keys: list[str]) -> dict[str, Any]:
        """The saved entries of one of a linker's tables, for the keys that have one."""

    @abc.abstractmethod
    def save_link_state(self, name: str, header: dict[str, Any], last_article_id: int,
                        items: dict[str, list[tuple[str, Any]]]) -> None:
        """Save a linker's scalars and its changed entries (``items``: part -> [(key, JSON value)])."""

    @abc.abstractmethod
    def reset_link_state(self, name: str) -> None:
        """Forget a linker's saved state."""

    @abc.abstractmethod
    def articles_to_link(self, after_id: int) -> list[dict[str, Any]]:
        """Current articles with an id over ``after_id`` (id, name, title, published, text), in id order."""

    @abc.abstractmethod
    def article_entity_keys(self, article_id: int) -> list[str]:
        """The canonical keys of the entities an article mentions."""

    @abc.abstractmethod
    def put_story(self, story_id: int, article_ids: list[int], title: str | None, first_date: str | None,
                  last_date: str | None) -> None:
        """Write a story's row and put these articles in it."""

    @abc.abstractmethod
    def events_to_link(self, after_id: int) -> list[dict[str, Any]]:
        """Stored events first reported by an article over ``after_id``: their fields, with
        ``article_id`` (the first such article) and its ``published``, in article and event order."""

    @abc.abstractmethod
    def entity_keys(self, ids: list[int]) -> dict[int, str]:
        """Canonical keys of these entity ids."""

    @abc.abstractmethod
    def place_event(self, event_id: int, key: str) -> int:
        """Give a stored event its link key, or merge it into the event that has it (its evidence and
        participants move there, a date stated in the text wins over an article date); 1 if merged.
        Atomic: a failure leaves the event as it was."""

    @abc.abstractmethod
    def last_event_key_number(self) -> int:
        """The highest n of the event keys "ev<n>" given so far (0 when none)."""

    @abc.abstractmethod
    def threads_since(self, after_id: int) -> tuple[list[tuple[int, str]], int]:
        """The (holder id, proposition key) threads whose positions changed with articles over
        ``after_id`` (new ones and the revisions they replace), and the last article id."""

    @abc.abstractmethod
    def position_threads(self, threads: list[tuple[int, str]]) -> list[list[dict[str, Any]]]:
        """The current positions of each thread that are dated or past-only, in date, article and offset
        order: id, holder_id, holder_name, proposition_key, proposition, stance, date, qualifier,
        sort_date, is_past, article_id, article_published, sentence, confidence."""

    @abc.abstractmethod
    def put_changes(self, threads: list[tuple[int, str]], changes: list[dict[str, Any]]) -> None:
        """Replace the change records of these threads by ``changes`` (in order), each kept with
        its ``confidence`` (null when it has none)."""

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

    # -- watches and feeds (query.watch says what is new; read.feeds reads the feeds) -------
    @abc.abstractmethod
    def add_watch(self, query: str, kind: str) -> dict[str, Any]:
        """Save a watched query (``kind``: proposition, entity or story); returns its row
        (``id, query, kind, created_at, seen_article_id, seen_at``)."""

    @abc.abstractmethod
    def list_watches(self) -> list[dict[str, Any]]: ...

    @abc.abstractmethod
    def remove_watch(self, watch_id: int) -> None:
        """Forget a watch (NotFound when there is none)."""

    @abc.abstractmethod
    def mark_watch_seen(self, watch_id: int, article_id: int) -> None:
        """Record a look at a watch: the articles up to ``article_id`` were shown (it never goes back)."""

    @abc.abstractmethod
    def add_feed(self, url: str) -> dict[str, Any]:
        """Save a feed to poll (once: an existing one is returned); ``id, url, added_at, polled_at, seen``."""

    @abc.abstractmethod
    def list_feeds(self) -> list[dict[str, Any]]: ...

    @abc.abstractmethod
    def mark_feed_polled(self, url: str, seen: list[str]) -> None:
        """Add article links read from a feed to its ``seen`` (NotFound for an unknown feed)."""

    # -- analyst corrections (redline.corrections applies them when reading) ---------------
    @abc.abstractmethod
    def add_correction(self, record: dict[str, Any]) -> dict[str, Any]:
        """Store a correction (``action, target_kind, target_id, target_key, value, why, by``, and
        ``at``, default now) as a row of its own; returns it with its ``id`` and ``undone_by``."""

    @abc.abstractmethod
    def list_corrections(self, *, include_undone: bool = False) -> list[dict[str, Any]]:
        """The active corrections in id order; ``include_undone``: every one, undos and undone ones too."""

    @abc.abstractmethod
    def undo_correction(self, correction_id: int, by: str | None, why: str | None, *,
                        at: str | None = None) -> dict[str, Any]:
        """Store an ``undo`` correction of this one and mark it undone (NotFound when there is none;
        StoreError for an undo, or a correction already undone); returns the undo."""

    @abc.abstractmethod
    def article_hashes(self, *, ids: list[int] | None = None,
                       hashes: list[str] | None = None) -> list[tuple[int, str]]:
        """(article id, content hash) of these article ids (any revision), and of the current
        articles with these content hashes: how a correction's fingerprint finds its rows."""
