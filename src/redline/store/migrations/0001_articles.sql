-- Articles, their raw content, full-text search, ingest errors, and the
-- per-outlet line statistics that plain-text cleaning uses to spot chrome.
CREATE TABLE articles (
    id                   INTEGER PRIMARY KEY,
    doc_key              TEXT NOT NULL,           -- identity: the URL when known, else the source name
    revision             INTEGER NOT NULL DEFAULT 1,
    current              INTEGER NOT NULL DEFAULT 1, -- 1 on the latest revision of a doc_key
    content_hash         TEXT NOT NULL,           -- sha256 of the clean text
    name                 TEXT,                    -- where it was read from
    url                  TEXT,
    source               TEXT,                    -- the outlet
    title                TEXT,
    byline               TEXT,
    dateline             TEXT,
    categories           TEXT NOT NULL DEFAULT '[]',
    published            TEXT,
    published_source     TEXT,
    published_confidence REAL NOT NULL DEFAULT 0,
    language             TEXT,
    format               TEXT,
    summary              TEXT,
    text                 TEXT NOT NULL,
    story_id             INTEGER,
    ingested_at          TEXT NOT NULL
);
CREATE INDEX articles_doc_key ON articles(doc_key, current);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE raw (
    article_id  INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    raw_hash    TEXT NOT NULL,                    -- sha256 of the raw content as read
    raw_format  TEXT NOT NULL,                    -- text, html, jsonl, warc
    hints       TEXT NOT NULL DEFAULT '{}',       -- the metadata hints supplied with it
    content     BLOB NOT NULL
);
CREATE INDEX raw_hash ON raw(raw_hash);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='id', tokenize='porter unicode61'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, coalesce(new.title, ''), new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, coalesce(old.title, ''), old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, coalesce(old.title, ''), old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, coalesce(new.title, ''), new.text);
END;

CREATE TABLE ingest_errors (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    path     TEXT,
    line     INTEGER,
    stage    TEXT NOT NULL,
    level    TEXT NOT NULL DEFAULT 'error',        -- error: the item was not stored; warning: stored, with a problem
    message  TEXT NOT NULL
);

-- How many articles of an outlet contain each (normalised) line: a line that
-- recurs across an outlet's pages is site chrome, not article text.
CREATE TABLE source_lines (
    source    TEXT NOT NULL,
    line_key  TEXT NOT NULL,
    articles  INTEGER NOT NULL,
    PRIMARY KEY (source, line_key)
) WITHOUT ROWID;
CREATE TABLE source_stats (
    source    TEXT PRIMARY KEY,
    articles  INTEGER NOT NULL
);
