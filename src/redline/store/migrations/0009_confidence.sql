-- How far each record can be trusted (0-1, null when the stage that made it
-- gave none: every record of a store made before this version), and the
-- outlet a quoted person spoke to ("Rook, speaking to the Harbour Wire":
-- channel "Harbour Wire", with its offsets in the clean text). Events and
-- positions keep their confidence in their extra JSON, as extract hands it
-- over. A change's confidence is the lower of its two ends' (link.changes);
-- changes stored before this version get theirs at the next link run.
ALTER TABLE quotes ADD COLUMN confidence REAL;
ALTER TABLE quotes ADD COLUMN channel TEXT;
ALTER TABLE quotes ADD COLUMN channel_start INTEGER;
ALTER TABLE quotes ADD COLUMN channel_end INTEGER;
ALTER TABLE changes ADD COLUMN confidence REAL;
