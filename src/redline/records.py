"""Records of the data contract (../shared/DESIGN.md, "The data contract").

Every span is a character offset into the article's clean text, or into the
string passed to ``redline.analyze``. ``to_dict()`` gives the contract's field
names; extra fields are allowed and kept.
"""
from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field
from typing import Any

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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Entity:
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
    entity_id: str
    start: int
    end: int
    text: str
    article_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class TimeExpr:
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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


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
    events: list[dict[str, Any]] = field(default_factory=list)
    positions: list[dict[str, Any]] = field(default_factory=list)

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
                         if k in {"start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end"}}
                quotes.append(Quote(**{**q.__dict__, **moved, "id": tag + q.id,
                                       "speaker_id": tag + q.speaker_id if q.speaker_id else None}))
            events += [_moved(e, offset, tag) for e in a.events]
            positions += [_moved(p, offset, tag) for p in a.positions]
        return cls(text=text, published=published, entities=EntityTable(entities, mentions), times=times,
                   quotes=quotes, events=events, positions=positions)

    def to_dict(self) -> dict[str, Any]:
        return {
            "entities": [e.to_dict() for e in self.entities.entities],
            "mentions": [m.to_dict() for m in self.entities.mentions],
            "quotes": [q.to_dict() for q in self.quotes],
            "times": [t.to_dict() for t in self.times],
            "events": list(self.events),
            "positions": list(self.positions),
        }


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
