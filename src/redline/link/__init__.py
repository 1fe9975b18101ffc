"""The link stage: after each ingest batch, over the Store interface only.

Canonical entities (``entities``: the entity index, holders resolved to
states), developing stories (``stories``), event deduplication (``dedup``)
and changes (``changes``: the one change rule). ``run(store)`` is the entry
point ingest calls after each batch.

The story and event indexes are incremental, with a cost per new article that
does not grow with the store's size. Their state is held in ``state.Table``s:
in memory, or paged in from the store row by row (``paged()``), so that a run
reads and writes only what its new articles touch. An index in memory also
gives a whole JSON snapshot (``state()`` / ``from_state()``).
"""
from .dedup import EventIndex, EventSettings
from .stage import LinkSummary, link_events, link_stories, run
from .stories import StoryIndex, StorySettings

__all__ = ["EventIndex", "EventSettings", "LinkSummary", "StoryIndex", "StorySettings", "link_events",
           "link_stories", "run"]
