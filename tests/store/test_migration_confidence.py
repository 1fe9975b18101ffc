"""Migration 0009: a store made at schema version 8 (before confidences and channels were kept)
opens at the latest version (9 added them) with every row it had, each of unknown confidence, and every view still shows them."""
from __future__ import annotations

import json
import sqlite3

from redline.store import SQLiteStore
from redline.store.sqlite import migrations

LATEST = max(version for version, _name, _sql in migrations())


def _v8_store(path: str) -> None:
    """A store as redline wrote it at schema version 8: an article with a quote, an event, a position
    and a change, written with that version's columns only."""
    con = sqlite3.connect(path)
    for version, _name, sql in migrations():
        if version <= 8:
            con.executescript(sql)
    con.executescript("""
        INSERT INTO articles (id, doc_key, content_hash, name, text, published, ingested_at)
            VALUES (1, 'k1', 'h1', 'a.txt', 'Ilse Marren said: "The ferry stays." Tarrow rejected the toll.',
                    '2031-03-02', '2031-03-02T00:00:00+00:00'),
                   (2, 'k2', 'h2', 'b.txt', 'Ilse Marren now backs the toll.', '2031-04-10',
                    '2031-04-10T00:00:00+00:00');
        INSERT INTO raw (article_id, raw_hash, raw_format, content) VALUES (1, 'r1', 'text', x'00'), (2, 'r2', 'text', x'00');
        INSERT INTO entities (id, key, name, type) VALUES (1, 'person:ilse-marren', 'Ilse Marren', 'PERSON');
        INSERT INTO quotes (article_id, text, start, end, direct, speaker_id) VALUES (1, 'The ferry stays.', 19, 35, 1, 1);
        INSERT INTO events (key, type, modality, date_start, actor_ids, extra)
            VALUES ('ev1', 'REJECT', 'asserted', '2031-03-02', '[1]', '{"date_source": "article"}');
        INSERT INTO event_evidence (event_id, article_id, start, end, sentence) VALUES (1, 1, 37, 62, 'Tarrow rejected the toll.');
        INSERT INTO positions (article_id, holder_id, proposition, proposition_key, stance, date, sort_date, start, end,
                               sentence) VALUES
            (1, 1, 'the toll', 'toll', 'against', '2031-03-02', '2031-03-02', 0, 10, 'x'),
            (2, 1, 'the toll', 'toll', 'for', '2031-04-10', '2031-04-10', 0, 10, 'y');
    """)
    ends = {"from": {"stance": "against", "date": "2031-03-02", "position_id": 1, "article_id": 1},
            "to": {"stance": "for", "date": "2031-04-10", "position_id": 2, "article_id": 2}}
    con.execute("INSERT INTO changes (holder_id, proposition_key, seq, proposition, from_article_id, to_article_id, "
                "to_sort_date, ends) VALUES (1, 'toll', 1, 'the toll', 1, 2, '2031-04-10', ?)", (json.dumps(ends),))
    con.execute("PRAGMA user_version = 8")
    con.commit()
    con.close()


def test_a_version_8_store_keeps_its_rows(tmp_path):
    path = str(tmp_path / "v8.db")
    _v8_store(path)
    st = SQLiteStore(path)
    try:
        assert st.schema_version == LATEST and st.integrity_problems() == []
        [q] = st.list_quotes()
        assert (q["text"], q["speaker_name"]) == ("The ferry stays.", "Ilse Marren")
        assert (q["confidence"], q["channel"], q["channel_start"], q["channel_end"]) == (None, None, None, None)
        [e] = st.list_events()
        assert (e["type"], e["confidence"], e["date_source"]) == ("REJECT", None, "article")
        assert [(p["stance"], p["confidence"]) for p in st.list_positions()] == [("against", None), ("for", None)]
        [c] = st.list_changes()
        assert (c["from"]["stance"], c["to"]["stance"], c["confidence"]) == ("against", "for", None)
        # a record of unknown confidence is shown at any threshold: an older store loses nothing from its views
        assert len(st.list_quotes(min_confidence=1.0)) == 1 and len(st.list_events(min_confidence=1.0)) == 1
        assert len(st.list_positions(min_confidence=1.0)) == 2 and len(st.list_changes(min_confidence=1.0)) == 1
    finally:
        st.close()
    # reopening runs nothing again
    again = SQLiteStore(path)
    assert again.schema_version == LATEST and len(again.list_positions()) == 2
    again.close()
