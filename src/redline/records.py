"""Records of the data contract (../shared/DESIGN.md, "The data contract"), typed.

Every span is a character offset into the article's clean text, or into the
string passed to ``redline.analyze``. ``to_dict()`` gives the contract's field
names; extra fields are allowed and kept.

Each record class holds its kind's required fields, in the order exports write
them (``Quote.FIELDS``); ``FIELDS`` maps every kind to them. That is the one
field list: the export, the API's records and the store derive theirs from it.
Records that the stages and the store hand around as dicts (article, event,
position, change, story) have ``from_dict``/``to_dict``: the contract's fields
as attributes, every other key in ``extra``, and back to the same dict.
"""
from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field, fields
from typing import Any, ClassVar, Mapping, TypeVar

# The entity types redline stores: spaCy's name labels that it keeps, and WEAPON
# (weapon systems, from its own gazetteer).
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "WEAPON", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART")

# Fields of the event and position records (plain dicts) that hold a character
# offset, and those that hold a local record id or a list of them.
_OFFSET_FIELDS = frozenset({"start", "end", "trigger_start", "trigger_end"})
_ID_FIELDS = frozenset({"id", "holder_id", "speaker_id", "entity_id"})
_IDS_FIELDS = frozenset({"actor_ids", "recipient_ids", "location_ids"})


@dataclass
class Role:
    title: str
    org: str | None = None
    country: str | None = None  # ISO 3166 alpha-3
    first_seen: str | None = None  # ISO date of the article that showed the role
    last_seen: str | None = None
    former: bool = False  # the article calls it a past role ("former", "ex-", "retired", "then-")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Entity:
    KIND: ClassVar[str] = "entity"
    FIELDS: ClassVar[tuple[str, ...]] = ("id", "name", "type", "country", "aliases", "roles")

    id: str
    name: str  # canonical name
    type: str  # PERSON, ORG, GPE, NORP, LOC, FAC, WEAPON, ...
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    gender: str | None = None  # "m", "f" or None; an extra field used for pronoun resolution

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["roles"] = [r.to_dict() for r in self.roles]
        return d


@dataclass
class Mention:
    KIND: ClassVar[str] = "mention"
    FIELDS: ClassVar[tuple[str, ...]] = ("entity_id", "article_id", "start", "end", "text")

    entity_id: str
    start: int
    end: int
    text: str
    article_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class TimeExpr:
    KIND: ClassVar[str] = "time"
    FIELDS: ClassVar[tuple[str, ...]] = ("article_id", "text", "start", "end", "type", "value")

    text: str
    start: int
    end: int
    type: str  # DATE, TIME, DURATION, SET
    value: str | None  # TIMEX3-style value, or None when it cannot be resolved
    article_id: int | None = None
    approximate: bool = False  # "more than two weeks ago"
    mod: str | None = None  # TIMEX3 mod: BEFORE, AFTER, APPROX, START, MID, END, MORE_THAN ...
    anchor: str | None = None  # the date the value was resolved against

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Quote:
    KIND: ClassVar[str] = "quote"
    FIELDS: ClassVar[tuple[str, ...]] = ("id", "article_id", "text", "start", "end", "direct", "cue", "speaker_text",
                                         "speaker_start", "speaker_end", "speaker_id")

    id: str
    text: str
    start: int
    end: int
    direct: bool
    cue: str | None = None
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_id: str | None = None
    article_id: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    how: str | None = None  # how the speaker was found: named, apposition, pronoun, floating, role
    # The outlet the words were said to or printed in ("Rook told the Harbour Wire"): the channel,
    # never the speaker. Offsets index the same text as ``start``/``end``.
    channel: str | None = None
    channel_start: int | None = None
    channel_end: int | None = None
    cue_class: str | None = None  # the cue's evidence: speech, according, noun, naming, evidence, clause, label, ...
    confidence: float | None = None  # 0-1: the measured precision of quotes found this way

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


R = TypeVar("R", bound="DictRecord")


class DictRecord:
    """A record that travels as a dict: its dataclass fields are the contract's
    (``FIELDS``, in order; a field whose key is a Python keyword, like a
    change's ``from``, names it in ``metadata["key"]``), and ``extra`` holds
    every other key. ``from_dict(d).to_dict() == d``, keys in the same order,
    for any ``d`` that has the contract's fields (a missing one comes back as None)."""

    KIND: ClassVar[str]
    FIELDS: ClassVar[tuple[str, ...]]
    _ATTRS: ClassVar[tuple[tuple[str, str], ...]]  # (key, attribute) of each contract field

    extra: dict[str, Any]
    _keys: tuple[str, ...]

    def __init_subclass__(cls, kind: str, **kw: Any) -> None:
        super().__init_subclass__(**kw)
        cls.KIND = kind

    @classmethod
    def _contract(cls) -> None:
        """Called once the dataclass exists: its fields give FIELDS."""
        cls._ATTRS = tuple((f.metadata.get("key", f.name), f.name) for f in fields(cls)
                           if f.name != "extra" and not f.name.startswith("_"))
        cls.FIELDS = tuple(key for key, _ in cls._ATTRS)

    @classmethod
    def from_dict(cls: type[R], d: Mapping[str, Any]) -> R:
        wanted = set(cls.FIELDS)
        return cls(**{attr: d.get(key) for key, attr in cls._ATTRS},
                   extra={k: v for k, v in d.items() if k not in wanted}, _keys=tuple(d))

    def to_dict(self) -> dict[str, Any]:
        out = {key: getattr(self, attr) for key, attr in self._ATTRS}
        out.update(self.extra)
        if self._keys:  # the order of the dict it came from; keys added since come last
            rank = {k: i for i, k in enumerate(self._keys)}
            out = dict(sorted(out.items(), key=lambda kv: rank.get(kv[0], len(rank))))
        return out


def _dict_record(cls):
    """A DictRecord's dataclass: keyword-only, with ``extra`` and the key order last."""
    cls.__annotations__.update(extra="dict[str, Any]", _keys="tuple[str, ...]")
    cls.extra = field(default_factory=dict)
    cls._keys = field(default=(), repr=False, compare=False)
    cls = dataclass(kw_only=True)(cls)
    cls._contract()
    return cls


@_dict_record
class Article(DictRecord, kind="article"):
    """A stored article, as the store returns it (extras: revision, name, summary, language, ...)."""

    id: int
    source: str | None = None
    url: str | None = None
    title: str | None = None
    byline: str | None = None
    dateline: str | None = None
    categories: list[str] = field(default_factory=list)
    published: str | None = None  # ISO: YYYY-MM-DD, or coarser
    published_source: str | None = None  # sidecar, user, html-meta, text, filename, or None
    published_confidence: float = 0.0
    story_id: int | None = None
    text: str | None = None  # the clean text every offset indexes


@_dict_record
class Event(DictRecord, kind="event"):
    """A PLOVER event (extras from extract: trigger_start/_end, date_source, actor_names, ...)."""

    id: str | int
    article_ids: list[int] = field(default_factory=list)
    type: str  # one of PLOVER's 16
    mode: str | None = None
    context: str | None = None
    trigger: str | None = None
    actor_ids: list[Any] = field(default_factory=list)
    recipient_ids: list[Any] = field(default_factory=list)
    location_ids: list[Any] = field(default_factory=list)
    negated: bool = False
    modality: str = "asserted"  # asserted, reported, planned, conditional, hypothetical
    date: dict[str, Any] | None = None  # {start, end, text}
    evidence: list[dict[str, Any]] = field(default_factory=list)  # {article_id, start, end, sentence}


@_dict_record
class Position(DictRecord, kind="position"):
    """A holder's stance on a proposition (extras from extract: holder_name, holder_country, when, ...)."""

    id: str | int
    holder_id: Any
    proposition: str  # normalized, human-readable
    proposition_key: str
    stance: str  # for, against
    qualifier: str | None = None  # "limited to border areas near Kharkiv"
    date: str | None = None
    article_id: int | None = None
    evidence: dict[str, Any] = field(default_factory=dict)  # {start, end, sentence}


@_dict_record
class Change(DictRecord, kind="change"):
    """A holder's stance on a proposition that differs from its previous one (extra: holder_name)."""

    holder_id: int
    proposition_key: str
    proposition: str
    from_: dict[str, Any] = field(metadata={"key": "from"})  # {stance, date, position_id, ...}
    to: dict[str, Any]


@_dict_record
class Story(DictRecord, kind="story"):
    """Articles grouped by text, shared entities and time."""

    id: int
    title: str | None = None  # a headline of one of its articles
    article_ids: list[int] = field(default_factory=list)
    first_date: str | None = None
    last_date: str | None = None


# Every kind of the contract (correction is not typed yet), in the order exports list them.
RECORDS: dict[str, type] = {cls.KIND: cls for cls in (Article, Entity, Mention, Quote, TimeExpr, Event, Position,
                                                        Change, Story)}
# THE field list: each kind's required fields, in order.
FIELDS: dict[str, tuple[str, ...]] = {kind: cls.FIELDS for kind, cls in RECORDS.items()}


class EntityTable:
    """The entities of one text and their mentions, with span look-ups."""

    def __init__(self, entities: list[Entity] | None = None, mentions: list[Mention] | None = None):
        self.entities: list[Entity] = list(entities or [])
        self.mentions: list[Mention] = sorted(mentions or [], key=lambda m: (m.start, m.end))
        self._by_id = {e.id: e for e in self.entities}
        self._starts = [m.start for m in self.mentions]

    def get(self, entity_id: str | None) -> Entity | None:
        return self._by_id.get(entity_id) if entity_id else None

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions that overlap the character span [start, end)."""
        i = bisect.bisect_left(self._starts, start)
        # A mention starting before `start` may still overlap it.
        j = max(0, i - 1)
        out = []
        while j < len(self.mentions) and self.mentions[j].start < end:
            m = self.mentions[j]
            if m.end > start:
                out.append(m)
            j += 1
        return out

    def entity_at(self, start: int, end: int, types: tuple[str, ...] | None = None) -> Entity | None:
        """The entity of the longest mention overlapping [start, end), optionally of given types."""
        best: tuple[int, Entity] | None = None
        for m in self.mentions_in(start, end):
            e = self._by_id.get(m.entity_id)
            if e is None or (types and e.type not in types):
                continue
            overlap = min(end, m.end) - max(start, m.start)
            if best is None or overlap > best[0]:
                best = (overlap, e)
        return best[1] if best else None

    def mentions_before(self, offset: int, types: tuple[str, ...] | None = None) -> list[Mention]:
        """Mentions ending at or before ``offset``, nearest first."""
        out = [m for m in self.mentions if m.end <= offset]
        if types:
            out = [m for m in out if (e := self._by_id.get(m.entity_id)) and e.type in types]
        return list(reversed(out))


@dataclass
class Analysis:
    """The result of ``redline.analyze``. ``to_dict()`` follows the data contract."""

    text: str
    published: str | None
    entities: EntityTable
    times: list[TimeExpr] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[dict[str, Any] | Event] = field(default_factory=list)  # dicts from extract/ today
    positions: list[dict[str, Any] | Position] = field(default_factory=list)

    @classmethod
    def concat(cls, text: str, published: str | None, parts: list[tuple[int, "Analysis"]]) -> "Analysis":
        """One analysis of ``text`` from analyses of its sections, each (offset, analysis of
        ``text[offset:...]``): offsets move into the whole text, local ids get the section's prefix."""
        entities, mentions, times, quotes, events, positions = [], [], [], [], [], []
        for n, (offset, a) in enumerate(parts):
            tag = f"s{n}."
            for e in a.entities.entities:
                entities.append(Entity(**{**e.__dict__, "id": tag + e.id}))
            mentions += [Mention(tag + m.entity_id, m.start + offset, m.end + offset, m.text, m.article_id)
                         for m in a.entities.mentions]
            times += [TimeExpr(**{**t.__dict__, "start": t.start + offset, "end": t.end + offset}) for t in a.times]
            for q in a.quotes:
                moved = {k: (v + offset if v is not None else None) for k, v in q.__dict__.items()
                         if k in {"start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end",
                                   "channel_start", "channel_end"}}
                quotes.append(Quote(**{**q.__dict__, **moved, "id": tag + q.id,
                                       "speaker_id": tag + q.speaker_id if q.speaker_id else None}))
            events += [_moved_record(e, offset, tag) for e in a.events]
            positions += [_moved_record(p, offset, tag) for p in a.positions]
        return cls(text=text, published=published, entities=EntityTable(entities, mentions), times=times,
                   quotes=quotes, events=events, positions=positions)

    def to_dict(self) -> dict[str, Any]:
        return {
            "entities": [e.to_dict() for e in self.entities.entities],
            "mentions": [m.to_dict() for m in self.entities.mentions],
            "quotes": [q.to_dict() for q in self.quotes],
            "times": [t.to_dict() for t in self.times],
            "events": [_as_dict(e) for e in self.events],
            "positions": [_as_dict(p) for p in self.positions],
        }


def _as_dict(record: Any) -> Any:
    """An event or position as its dict: extract hands dicts (kept as they are), or typed records."""
    return record.to_dict() if isinstance(record, DictRecord) else record


def _moved_record(record: Any, offset: int, tag: str) -> Any:
    """An event or position moved into the whole text, of the same type (dict or typed record)."""
    moved = _moved(_as_dict(record), offset, tag)
    return type(record).from_dict(moved) if isinstance(record, DictRecord) else moved


def _moved(record: Any, offset: int, tag: str, key: str | None = None) -> Any:
    """A copy of an event or position record (nested dicts and lists) with its offsets
    moved by ``offset`` and its local ids prefixed by ``tag``."""
    if isinstance(record, dict):
        return {k: _moved(v, offset, tag, k) for k, v in record.items()}
    if isinstance(record, list):
        return [_moved(v, offset, tag, key) for v in record]
    if key in _OFFSET_FIELDS and isinstance(record, int) and not isinstance(record, bool):
        return record + offset
    if isinstance(record, str) and (key in _ID_FIELDS or key in _IDS_FIELDS):
        return tag + record
    return record
