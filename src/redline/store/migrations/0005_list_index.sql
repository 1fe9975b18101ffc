-- The article list's order (undated last, newest first) as an index, so that
-- a page of the list does not sort the whole table.
CREATE INDEX articles_listing ON articles(current, published IS NULL, published DESC, id DESC);
