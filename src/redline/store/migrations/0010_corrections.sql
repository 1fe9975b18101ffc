-- Analyst corrections (redline.corrections): each one is a record of its own
-- (what, on which record, by whom, when, why), never an edit of the extracted
-- rows, and is applied when reading. A correction names its target by a
-- fingerprint that survives re-ingest and reanalysis (target_key: an entity's
-- canonical key, a quote's article content hash and offsets, ...); target_id
-- is the id the analyst gave, for display. Undo is a correction too: it is
-- stored, and the correction it undoes keeps its row with undone_by set.
CREATE TABLE corrections (
    id           INTEGER PRIMARY KEY,
    action       TEXT NOT NULL CHECK (action IN
                   ('merge', 'split', 'speaker', 'reject', 'stance', 'proposition', 'note', 'undo')),
    target_kind  TEXT NOT NULL,
    target_id    TEXT,
    target_key   TEXT NOT NULL,
    value        TEXT NOT NULL DEFAULT 'null',   -- JSON
    why          TEXT,
    by           TEXT,
    at           TEXT NOT NULL,
    undone_by    INTEGER REFERENCES corrections(id)
);
CREATE INDEX corrections_target ON corrections(target_kind, target_key);
