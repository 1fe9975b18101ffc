-- Events (deduplicated across articles), positions, and stories.
CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    key            TEXT NOT NULL UNIQUE,         -- canonical key from event deduplication
    type           TEXT NOT NULL,                -- one of PLOVER's 16 types
    mode           TEXT,
    context        TEXT,
    trigger        TEXT,
    negated        INTEGER NOT NULL DEFAULT 0,
    modality       TEXT NOT NULL,
    date_start     TEXT,
    date_end       TEXT,
    date_text      TEXT,
    actor_ids      TEXT NOT NULL DEFAULT '[]',   -- store entity ids
    recipient_ids  TEXT NOT NULL DEFAULT '[]',
    location_ids   TEXT NOT NULL DEFAULT '[]',
    extra          TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_type ON events(type, date_start);
CREATE INDEX events_date ON events(date_start);

CREATE TABLE event_evidence (
    event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    sentence    TEXT NOT NULL
);
CREATE INDEX event_evidence_event ON event_evidence(event_id);
CREATE INDEX event_evidence_article ON event_evidence(article_id);

CREATE TABLE event_actors (                     -- for --actor filters: one row per (event, entity, role)
    event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    entity_id  INTEGER NOT NULL REFERENCES entities(id),
    role       TEXT NOT NULL                     -- actor, recipient, location
);
CREATE INDEX event_actors_entity ON event_actors(entity_id, role);

CREATE TABLE positions (
    id               INTEGER PRIMARY KEY,
    article_id       INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    holder_id        INTEGER NOT NULL REFERENCES entities(id),
    speaker_id       INTEGER REFERENCES entities(id),
    proposition      TEXT NOT NULL,
    proposition_key  TEXT NOT NULL,
    stance           TEXT NOT NULL CHECK (stance IN ('for', 'against')),
    qualifier        TEXT,
    date             TEXT,                       -- ISO; null for a past stance with no date of its own
    sort_date        TEXT,                       -- date as YYYY-MM-DD for ordering (weeks → their Monday)
    is_past          INTEGER NOT NULL DEFAULT 0, -- "previously opposed": not the holder's current stance
    start            INTEGER NOT NULL,
    end              INTEGER NOT NULL,
    sentence         TEXT NOT NULL,
    extra            TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX positions_holder ON positions(holder_id, proposition_key, sort_date);
CREATE INDEX positions_key ON positions(proposition_key);
CREATE INDEX positions_article ON positions(article_id);

CREATE TABLE stories (
    id          INTEGER PRIMARY KEY,
    title       TEXT,
    first_date  TEXT,
    last_date   TEXT
);
CREATE INDEX articles_story ON articles(story_id);
