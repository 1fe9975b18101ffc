"""Linking after ingest: the same event told by two outlets is one event; stories persist across runs."""
from __future__ import annotations

import gzip
import json

from redline.ingest import run_ingest
from redline.link import EventIndex, StoryIndex, link_events, link_stories
from redline.link.state import Table
from redline.store import open_store

MEETING_A = ("PORTMERE, Marvania (CL) — Marvanian Prime Minister Sofia Lind met Valdorian Chancellor Edvin Harrow "
             "in Tervos on Monday to discuss border security.\n\nLind said the talks were productive.\n")
MEETING_B = ("TERVOS, Valdoria (NWD) — Chancellor Edvin Harrow met Prime Minister Sofia Lind of Marvania on Monday, "
             "the chancellor's office said.\n\nThe two leaders discussed the security of the shared border.\n")
OTHER = ("SALTMARSH, Quillon (QW) — Heavy rain flooded the harbour district of Saltmarsh on Saturday, closing the "
         "fish market and two schools.\n\nThe weather office expects the river to crest on Tuesday.\n")


def put(write, name, text, published):
    p = write(name, text)
    write(name.replace(".txt", ".meta.json"), json.dumps({"published": published}))
    return p


def test_one_meeting_reported_twice_is_one_event(write, db_path):
    a = put(write, "a.txt", MEETING_A, "2025-06-04")
    put(write, "b.txt", MEETING_B, "2025-06-03")
    run_ingest([str(a.parent)], db=db_path)
    st = open_store(db_path)
    meetings = [e for e in st.list_events(type="CONSULT", limit=None) if e["trigger"] == "met"]
    assert len(meetings) == 1
    assert meetings[0]["article_ids"] == [1, 2] and len(meetings[0]["evidence"]) == 2
    assert meetings[0]["date"]["start"] == "2025-06-02"  # "Monday" before both publication dates
    names = set(meetings[0]["actor_names"])
    assert {"Sofia Lind", "Edvin Harrow"} <= names
    st.close()


def test_linking_carries_over_runs(write, db_path):
    put(write, "a.txt", MEETING_A, "2025-06-04")
    run_ingest([str(write("a.txt", MEETING_A))], db=db_path)
    b = put(write, "b.txt", MEETING_B, "2025-06-03")
    run_ingest([str(b)], db=db_path)  # a second run: the saved indexes are loaded and extended
    c = put(write, "c.txt", OTHER, "2025-06-08")
    run_ingest([str(c)], db=db_path)
    st = open_store(db_path)
    meetings = [e for e in st.list_events(type="CONSULT", limit=None) if e["trigger"] == "met"]
    assert len(meetings) == 1 and meetings[0]["article_ids"] == [1, 2]
    stories = {tuple(s["article_ids"]) for s in st.list_stories()}
    assert (1, 2) in stories and (3,) in stories
    assert link_stories(st) == 0 and link_events(st) == 0  # nothing left to link
    st.close()


def _legacy_snapshot(st, name, cls):
    """The whole-state blob an earlier version kept in link_state, rebuilt from this version's rows."""
    header = json.loads(gzip.decompress(st.db.execute(
        "SELECT blob FROM link_state WHERE name = ?", (name,)).fetchone()[0]))
    index = cls.paged(header, lambda table, keys: {})
    for table, attr in cls._TABLES.items():
        rows = st.db.execute("SELECT key, value FROM link_items WHERE name = ? AND part = ?", (name, table))
        setattr(index, attr, Table(dict(index.decode(table, k, json.loads(v)) for k, v in rows)))
    return gzip.compress(json.dumps(index.state()).encode())


def test_a_snapshot_from_an_earlier_version_is_moved_into_rows(write, db_path):
    run_ingest([str(put(write, "a.txt", MEETING_A, "2025-06-04"))], db=db_path)
    st = open_store(db_path)
    for name, cls in (("stories", StoryIndex), ("events", EventIndex)):
        blob = _legacy_snapshot(st, name, cls)
        with st.transaction() as db:
            db.execute("DELETE FROM link_items WHERE name = ?", (name,))
            db.execute("UPDATE link_state SET blob = ? WHERE name = ?", (blob, name))
    st.close()
    run_ingest([str(put(write, "b.txt", MEETING_B, "2025-06-03"))], db=db_path)
    st = open_store(db_path)
    meetings = [e for e in st.list_events(type="CONSULT", limit=None) if e["trigger"] == "met"]
    assert len(meetings) == 1 and meetings[0]["article_ids"] == [1, 2]
    assert (1, 2) in {tuple(s["article_ids"]) for s in st.list_stories()}
    parts = {r[0] for r in st.db.execute("SELECT DISTINCT name || ':' || part FROM link_items")}
    assert {"stories:df", "stories:story_of", "events:events", "events:blocks"} <= parts
    for (blob,) in st.db.execute("SELECT blob FROM link_state"):
        assert "df" not in json.loads(gzip.decompress(blob)) and "events" not in json.loads(gzip.decompress(blob))
    st.close()


def test_an_incompatible_event_state_never_reuses_event_keys(write, db_path):
    run_ingest([str(put(write, "a.txt", MEETING_A, "2025-06-04"))], db=db_path)
    st = open_store(db_path)
    before = {r[0] for r in st.db.execute("SELECT key FROM events")}
    with st.transaction() as db:
        db.execute("UPDATE link_state SET blob = ? WHERE name = 'events'",
                   (gzip.compress(json.dumps({"version": 0}).encode()),))
    st.close()
    # A week later: another meeting, which a fresh index numbering from ev1 would pour into the first.
    run_ingest([str(put(write, "b.txt", MEETING_B, "2025-06-15"))], db=db_path)
    st = open_store(db_path)
    after = [r[0] for r in st.db.execute("SELECT key FROM events")]
    assert before and len(after) == len(set(after)) and before < set(after)
    meetings = [e for e in st.list_events(type="CONSULT", limit=None) if e["trigger"] == "met"]
    assert [m["article_ids"] for m in meetings] == [[1], [2]]
    st.close()
