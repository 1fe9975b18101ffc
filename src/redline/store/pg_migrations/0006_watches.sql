-- Saved queries an analyst watches ("redline watch add"), with where the last look left off,
-- and the feeds redline polls ("redline ingest --feed"), with the article links already read.
CREATE TABLE watches (
    id               BIGSERIAL PRIMARY KEY,
    query            TEXT NOT NULL,
    kind             TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    seen_article_id  BIGINT NOT NULL DEFAULT 0,
    seen_at          TEXT
);
CREATE TABLE feeds (
    id         BIGSERIAL PRIMARY KEY,
    url        TEXT NOT NULL UNIQUE,
    added_at   TEXT NOT NULL,
    polled_at  TEXT,
    seen       TEXT NOT NULL DEFAULT '[]'
);
