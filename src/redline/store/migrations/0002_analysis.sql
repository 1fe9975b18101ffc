-- Analysis records: canonical entities across the store, and per article
-- their mentions, the quotes with speakers, and the time expressions.
CREATE TABLE entities (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,             -- canonical key (gazetteer id or normalised name)
    name       TEXT NOT NULL,                    -- canonical name
    type       TEXT NOT NULL,
    country    TEXT,                             -- ISO 3166 alpha-3
    gender     TEXT,
    aliases    TEXT NOT NULL DEFAULT '[]',
    roles      TEXT NOT NULL DEFAULT '[]'        -- [{title, org, country, first_seen, last_seen}]
);
CREATE INDEX entities_type ON entities(type);
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);

CREATE TABLE analyses (
    article_id   INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    model        TEXT,
    analyzed_at  TEXT NOT NULL,
    extra        TEXT NOT NULL DEFAULT '{}'      -- events/positions until they get tables of their own
);

CREATE TABLE mentions (
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity_id, article_id);
CREATE INDEX mentions_article ON mentions(article_id, start);

CREATE TABLE quotes (
    id             INTEGER PRIMARY KEY,
    article_id     INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text           TEXT NOT NULL,
    start          INTEGER NOT NULL,
    end            INTEGER NOT NULL,
    direct         INTEGER NOT NULL,
    cue            TEXT,
    cue_start      INTEGER,
    cue_end        INTEGER,
    speaker_text   TEXT,
    speaker_start  INTEGER,
    speaker_end    INTEGER,
    speaker_id     INTEGER REFERENCES entities(id),
    how            TEXT
);
CREATE INDEX quotes_article ON quotes(article_id, start);
CREATE INDEX quotes_speaker ON quotes(speaker_id);

CREATE TABLE times (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text         TEXT NOT NULL,
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL,
    type         TEXT NOT NULL,
    value        TEXT,
    approximate  INTEGER NOT NULL DEFAULT 0,
    mod          TEXT,
    anchor       TEXT
);
CREATE INDEX times_article ON times(article_id, start);
