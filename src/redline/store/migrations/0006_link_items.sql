-- The linkers' state, one row per entry (a term's document frequency, a
-- posting list, a story profile, an event), so that linking a new article
-- reads and writes only the rows it touches. link_state keeps each linker's
-- scalars; a whole-state snapshot left there by an earlier version is moved
-- into these rows on the next link run.
CREATE TABLE link_items (
    name   TEXT NOT NULL,   -- the linker: 'stories' or 'events'
    part   TEXT NOT NULL,   -- its table: 'df', 'postings', 'stories', 'blocks', ...
    key    TEXT NOT NULL,
    value  TEXT NOT NULL,   -- JSON
    PRIMARY KEY (name, part, key)
) WITHOUT ROWID;
