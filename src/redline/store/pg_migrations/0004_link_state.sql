-- Saved state of the incremental linkers (story grouping, event deduplication),
-- so that linking a new article never re-reads the whole store: each linker's
-- scalars in link_state, its tables one row per entry in link_items.
CREATE TABLE link_state (
    name             TEXT COLLATE "C" PRIMARY KEY,
    last_article_id  BIGINT NOT NULL DEFAULT 0,      -- articles up to this id are linked
    blob             BYTEA NOT NULL                  -- gzip JSON of the linker's header
);
CREATE TABLE link_items (
    name   TEXT COLLATE "C" NOT NULL,   -- the linker: 'stories' or 'events'
    part   TEXT COLLATE "C" NOT NULL,   -- its table: 'df', 'postings', 'stories', 'blocks', ...
    key    TEXT COLLATE "C" NOT NULL,
    value  TEXT COLLATE "C" NOT NULL,   -- JSON, kept as written
    PRIMARY KEY (name, part, key)
);
