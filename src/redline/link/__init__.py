"""Linking across articles: developing stories and event deduplication.

Both indexes are incremental, with a cost per new article that does not grow
with the store's size. Their state is held in ``state.Table``s: in memory, or
paged in from the store row by row (``paged()``), so that a run reads and
writes only what its new articles touch. An index in memory also gives a whole
JSON snapshot (``state()`` / ``from_state()``).
"""
from .dedup import EventIndex, EventSettings
from .stories import StoryIndex, StorySettings

__all__ = ["EventIndex", "EventSettings", "StoryIndex", "StorySettings"]
