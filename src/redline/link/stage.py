"""The link stage: what runs after each ingest batch, through the Store interface only.

``run(store)`` links stories, then events, then derives changes (all of them again,
from the corrected positions, when the store holds analyst corrections). Each linker
is one ``store.batch()``, so an interrupted run links nothing and the next run
simply does it all. An article that one linker cannot take is recorded
(``stage="link"``, with its article id) and never holds up the others; a
linker that fails whole is recorded and the run carries on with the next.

The indexes (``stories.StoryIndex``, ``dedup.EventIndex``) page their state in
from the store's link items and write back only what changed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import one_line
from ..store.base import Store
from . import changes
from .dedup import EventIndex
from .stories import StoryIndex


@dataclass
class LinkSummary:
    linked: int = 0  # articles grouped into stories
    merged: int = 0  # events merged into an event another article reported
    threads: int = 0  # (holder, proposition) threads whose changes were derived again
    failed: list[tuple[str, str]] = field(default_factory=list)  # (step, one-line message) of linkers that failed


def run(store: Store) -> LinkSummary:
    """Link what the store holds that is not linked yet: stories, events, changes."""
    summary = LinkSummary()
    store = getattr(store, "raw", store)  # the link stage writes rows: never through the corrected view
    for step, linker in (("stories", link_stories), ("events", link_events), ("changes", derive_changes)):
        try:
            done = linker(store)
        except Exception as err:
            message = f"linking {step} failed ({one_line(err)}); the next run retries"
            store.record_error(path=None, line=None, stage="link", message=message)
            summary.failed.append((step, message))
            continue
        setattr(summary, {"stories": "linked", "events": "merged", "changes": "threads"}[step], done)
    return summary


def derive_changes(store: Store) -> int:
    """The changes of the threads new articles touched (``changes.update``); with analyst
    corrections in the store, every thread's, from the corrected positions (``changes.rederive``),
    so a re-ingest, a reanalysis or a relink keeps the corrections applied."""
    if store.list_corrections():
        return changes.rederive(store)
    return changes.update(store)


def _open_index(store: Store, name: str, cls: type) -> tuple[Any, int]:
    """The linker ``name`` paged from the store's link items, and the last article id it has linked.

    A whole-state snapshot saved by an earlier version is restored and marked
    changed, so that saving moves it into the link items. Raises ValueError
    for a state of an incompatible version.
    """
    header, last = store.link_state(name)
    header = header if header is not None else cls().header()
    if any(t in header for t in cls._TABLES):
        index = cls.from_state(header)
        for table in index.tables().values():
            for k, v in list(table.items()):
                table[k] = v
        return index, last
    return cls.paged(header, lambda table, keys: store.link_items(name, table, keys)), last


def _save_index(store: Store, name: str, index: Any, last: int) -> None:
    items = {}
    for table_name, table in index.tables().items():
        items[table_name] = [index.encode(table_name, k, v) for k, v in table.dirty()]
        table.clean()
    store.save_link_state(name, index.header(), last, items)


def _failed(store: Store, what: str, failed: list[tuple[int, str | None, Exception]]) -> None:
    for article_id, name, err in failed:
        store.record_error(path=name, line=None, stage="link", article_id=article_id,
                           message=f"article {article_id} could not be linked to {what} ({one_line(err)})")


def link_stories(store: Store) -> int:
    """Assign stories to the current articles not yet linked, in id order; returns how many were linked."""
    try:
        index, last = _open_index(store, "stories", StoryIndex)
    except ValueError:  # saved by an incompatible version: rebuild from every current article
        store.reset_link_state("stories")
        index, last = _open_index(store, "stories", StoryIndex)
    pending = store.articles_to_link(last)
    if not pending:
        return 0
    members: dict[int, list[int]] = {}
    failed: list[tuple[int, str | None, Exception]] = []
    with store.batch():
        for a in pending:
            keys = store.article_entity_keys(a["id"])
            try:
                sid = index.add(a["id"], a["text"], a["published"], keys, title=a["title"])
            except Exception as err:  # one article's failure never holds up the others
                failed.append((a["id"], a["name"], err))
                continue
            members.setdefault(sid, []).append(a["id"])
        for sid, ids in members.items():
            st = index.summary(sid)
            store.put_story(sid, ids, st.get("title"), st.get("first_date"), st.get("last_date"))
        _save_index(store, "stories", index, max(a["id"] for a in pending))
    _failed(store, "a story", failed)
    return len(pending) - len(failed)


def link_events(store: Store) -> int:
    """Merge the events of articles not yet linked into the events other articles reported.

    Each article's events are stored on their own at ingest; here each one goes
    through ``EventIndex``: when it joins an event already stored, its evidence
    and participants move to that event and its own row goes. Returns how many merged.
    """
    try:
        index, last = _open_index(store, "events", EventIndex)
    except ValueError:
        # An incompatible saved state: later events start a fresh index, whose
        # keys must not reuse those of the events already stored.
        _header, old_last = store.link_state("events")
        store.reset_link_state("events")
        index, last = _open_index(store, "events", EventIndex)
        last = old_last
        index._next = 1 + store.last_event_key_number()
    rows = store.events_to_link(last)
    if not rows:
        return 0
    # Canonical keys of the entities these events name, not of the whole store.
    keys = store.entity_keys([i for r in rows for k in ("actor_ids", "recipient_ids", "location_ids") for i in r[k]])
    merged = 0
    failed: list[tuple[int, str | None, Exception]] = []
    with store.batch():
        for r in rows:
            event = {k: r[k] for k in ("type", "negated", "modality", "trigger", "mode", "context", "actor_ids",
                                       "recipient_ids", "location_ids", "date")}
            try:
                key = index.add(event, r["article_id"], r["published"], keys.get)
                merged += store.place_event(r["id"], key)
            except Exception as err:  # one event's failure never holds up the others
                failed.append((r["article_id"], None, err))
        _save_index(store, "events", index, max(r["article_id"] for r in rows))
    _failed(store, "the events of other articles", failed)
    return merged
