-- Saved queries an analyst watches ("redline watch add"), with where the last look left off,
-- and the feeds redline polls ("redline ingest --feed"), with the article links already read.
CREATE TABLE watches (
    id               INTEGER PRIMARY KEY,
    query            TEXT NOT NULL,
    kind             TEXT NOT NULL,                 -- proposition, entity, story
    created_at       TEXT NOT NULL,
    seen_article_id  INTEGER NOT NULL DEFAULT 0,    -- articles up to this id were shown at the last look
    seen_at          TEXT
);
CREATE TABLE feeds (
    id         INTEGER PRIMARY KEY,
    url        TEXT NOT NULL UNIQUE,
    added_at   TEXT NOT NULL,
    polled_at  TEXT,
    seen       TEXT NOT NULL DEFAULT '[]'           -- JSON: the article links read so far (the latest ones)
);
