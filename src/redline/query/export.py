"""Export records of the data contract (../shared/DESIGN.md) as JSONL or CSV.

JSONL carries every kind, one object per line with ``kind``. CSV is one table
per kind (``--kind``); list and object fields are JSON-encoded in their cell.
Each record's fields are its kind's in ``records.FIELDS``, then ``SCORED``
(confidence, null when unknown; a quote's channel), then a few extras.

Exports are data for other tools: every record is written, whatever its
confidence, unless ``min_confidence`` is given (then only the records at least
that confident, and those of unknown confidence). ``story_id`` cuts every kind
to one story. The tables people open in a spreadsheet, with names, titles and
sentences, are ``query.tables``.
"""
from __future__ import annotations

import csv
import json
from typing import IO, Any, Iterable, Iterator

from ..corrections import corrected
from ..records import FIELDS
from ..store import Store

# The contract's fields of a correction (records.py does not type it): kept apart from the records it corrects.
CORRECTION_FIELDS = ("id", "action", "target_kind", "target_id", "value", "why", "by", "at")
KINDS = (*FIELDS, "correction")  # every kind of the contract, in the order exports list them
# Fields every record of a kind carries after the contract's (null when unknown), in JSONL and CSV.
SCORED: dict[str, tuple[str, ...]] = {"quote": ("confidence", "channel", "channel_start", "channel_end"),
                                      "event": ("confidence",), "position": ("confidence",),
                                      "change": ("confidence",)}


def columns(kind: str) -> list[str]:
    """A kind's fields as exports write them: the contract's, then ``SCORED`` (each once)."""
    if kind == "correction":
        return [*CORRECTION_FIELDS, "target_key"]
    return list(dict.fromkeys([*FIELDS[kind], *SCORED.get(kind, ())]))


def article_record(a: dict[str, Any]) -> dict[str, Any]:
    rec = {"kind": "article", **{k: a.get(k) for k in FIELDS["article"]}}
    # Extra fields are welcome in the contract; these help a reader trace a record back.
    rec.update(revision=a.get("revision"), name=a.get("name"), summary=a.get("summary"))
    return rec


def _record(kind: str, row: dict[str, Any], extra: Iterable[str] = ()) -> dict[str, Any]:
    rec = {"kind": kind, **{k: row.get(k) for k in columns(kind)}}
    rec.update({k: row[k] for k in extra if k in row})
    return rec


def with_former(entity: dict[str, Any]) -> dict[str, Any]:
    """An entity whose every role says ``former`` (null when the stage that found it did not say)."""
    return {**entity, "roles": [{**r, "former": r.get("former")} for r in entity.get("roles") or []]}


def iter_records(store: Store, kinds: Iterable[str] | None = None, *,
                 min_confidence: float | None = None, story_id: int | None = None) -> Iterator[dict[str, Any]]:
    """Entities first (they are referenced by id), then each article followed by its own records.

    ``min_confidence``: only the quotes, events, positions and changes at least that confident
    (or of unknown confidence); None (the default) writes every record. ``story_id``: only that
    story, its articles, the records read from them and the entities they mention.

    Records are exported as the analysts corrected them (``corrections.Corrected``: rejected ones
    left out, notes in ``notes``), and a whole export ends with the active corrections themselves
    (kind "correction", with their fingerprint ``target_key``), so another store can take them."""
    kinds = set(kinds or KINDS)
    store = corrected(store)
    at, sid = min_confidence, story_id
    story = store.get_story(sid) if sid is not None else None
    in_story = set(story["article_ids"] if story else []) if sid is not None else None
    if "entity" in kinds:
        named = {m["entity_id"] for a in in_story for m in store.list_mentions(article_id=a)} \
            if in_story is not None else None
        for e in store.list_entities(limit=None):
            if named is None or e["id"] in named:
                yield _record("entity", with_former(e), ("gender", "mentions", "articles", "merged", "split_from",
                                                         "notes"))
    per_article = kinds & {"mention", "quote", "time"}
    if "story" in kinds:
        for st in ([story] if story else []) if sid is not None else store.list_stories(limit=None):
            yield _record("story", st)
    if "event" in kinds:
        for e in store.list_events(limit=None, min_confidence=at, story_id=sid):
            yield _record("event", e, ("actor_names", "recipient_names", "notes"))
    if "position" in kinds:
        for p in store.list_positions(limit=None, min_confidence=at, story_id=sid):
            yield _record("position", p, ("holder_name", "speaker_id", "speaker_name", "holder_country", "is_past",
                                          "notes", "corrected_by"))
    if "change" in kinds:
        for c in store.list_changes(min_confidence=at, story_id=sid):
            yield _record("change", c, ("holder_name", "notes"))
    if "article" in kinds or per_article:
        yield from _per_article(store, kinds, in_story, at)
    if "correction" in kinds and sid is None:
        for c in store.list_corrections():
            yield _record("correction", c)


def _per_article(store: Store, kinds: set[str], in_story: set[int] | None,
                 at: float | None) -> Iterator[dict[str, Any]]:
    for a in store.iter_articles():
        if in_story is not None and a["id"] not in in_story:
            continue
        if "article" in kinds:
            yield article_record(a)
        if "mention" in kinds:
            for m in store.list_mentions(article_id=a["id"]):
                yield _record("mention", m)
        if "quote" in kinds:
            for q in store.list_quotes(article_id=a["id"], limit=None, min_confidence=at):
                yield _record("quote", q, ("cue_start", "cue_end", "how", "speaker_name", "notes", "corrected_by"))
        if "time" in kinds:
            for t in store.list_times(article_id=a["id"]):
                yield _record("time", t, ("approximate", "mod", "anchor"))


def write_jsonl(records: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    n = 0
    for r in records:
        fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(records: Iterable[dict[str, Any]], fh: IO[str], kind: str) -> int:
    fields = ["kind", *columns(kind)]
    w = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore")
    w.writeheader()
    n = 0
    for r in records:
        if r.get("kind") != kind:
            continue
        w.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                    for k, v in r.items()})
        n += 1
    return n
