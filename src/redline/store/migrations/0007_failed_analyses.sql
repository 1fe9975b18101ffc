-- An article whose analysis failed is still stored (its clean text and raw
-- content are never lost); its analyses row says so, and `redline reanalyze`
-- retries it after an upgrade.
ALTER TABLE analyses ADD COLUMN status TEXT NOT NULL DEFAULT 'ok';  -- 'ok' or 'failed'
ALTER TABLE analyses ADD COLUMN error TEXT;                         -- why it failed, one line
-- An error about an article that was stored (analysis or linking failed) names it.
ALTER TABLE ingest_errors ADD COLUMN article_id INTEGER;
