"""Linking after ingest: the same event told by two outlets is one event; stories persist across runs."""
from __future__ import annotations

import json

from redline.ingest import run_ingest
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
    assert st.link_stories() == 0 and st.link_events() == 0  # nothing left to link
    st.close()
