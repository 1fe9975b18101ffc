"""Linking across articles: developing stories and event deduplication.

Both indexes are in-memory and incremental, with a cost per new article that
does not grow with the store's size. They persist as JSON snapshots
(``state()`` / ``from_state()``), or are rebuilt by replaying the stored
articles and events in ingest order.
"""
from .dedup import EventIndex, EventSettings
from .stories import StoryIndex, StorySettings

__all__ = ["EventIndex", "EventSettings", "StoryIndex", "StorySettings"]
