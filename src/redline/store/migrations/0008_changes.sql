-- Change records, derived from the positions by the link stage (link.changes)
-- after each batch, one row per change, in order within its (holder,
-- proposition) thread. A store migrated from an earlier version gets them at
-- its next link run.
CREATE TABLE changes (
    id               INTEGER PRIMARY KEY,
    holder_id        INTEGER NOT NULL REFERENCES entities(id),
    proposition_key  TEXT NOT NULL,
    seq              INTEGER NOT NULL,   -- order within the thread
    proposition      TEXT NOT NULL,
    from_article_id  INTEGER NOT NULL,
    to_article_id    INTEGER NOT NULL,
    to_sort_date     TEXT,
    ends             TEXT NOT NULL       -- JSON: {"from": {...}, "to": {...}}
);
CREATE INDEX changes_thread ON changes (holder_id, proposition_key, seq);
