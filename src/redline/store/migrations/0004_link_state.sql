-- Saved state of the incremental linkers (story grouping, event deduplication),
-- so that linking a new article never re-reads the whole store.
CREATE TABLE link_state (
    name             TEXT PRIMARY KEY,
    last_article_id  INTEGER NOT NULL DEFAULT 0,   -- articles up to this id are linked
    blob             BLOB NOT NULL                 -- gzip JSON of the linker's state()
);
