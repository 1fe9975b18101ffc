"""A reversal said in one sentence is a change; an earlier dated stance, when known, is its start."""
from __future__ import annotations

import json

from redline.ingest import run_ingest
from redline.link.changes import in_order, thread_changes

WITHDRAWAL = ("Quill loses a backer\n\nPORTMERE (PW) — Councillor Ada Voss on Tuesday withdrew her endorsement "
              "of Mara Quill, the mayoral candidate, after the harbour levy vote.\n")
ENDORSEMENT = ("Voss backs Quill\n\nPORTMERE (PW) — Councillor Ada Voss on Monday endorsed Mara Quill for mayor, "
               "praising her plan for the ferry.\n")


def _ingest(write, db, *articles):
    for name, text, date in articles:
        write(name, text)
        write(name.replace(".txt", ".meta.json"), json.dumps({"published": date}))
    run_ingest([str(write("x.txt", "").parent)], db=db)


def test_a_withdrawal_alone_is_a_change_from_before_the_article(write, db_path, store):
    _ingest(write, db_path, ("w.txt", WITHDRAWAL, "2026-10-08"))
    [c] = store.list_changes()
    assert c["holder_name"] == "Ada Voss" and c["proposition"] == "supporting Mara Quill"
    assert (c["from"]["stance"], c["from"]["date"], c["from"]["before"]) == ("for", None, "2026-10-08")
    assert (c["to"]["stance"], c["to"]["date"]) == ("against", "2026-10-06")


def test_an_earlier_dated_stance_starts_the_change_instead(write, db_path, store):
    _ingest(write, db_path, ("e.txt", ENDORSEMENT, "2026-09-14"), ("w.txt", WITHDRAWAL, "2026-10-08"))
    [c] = store.list_changes()
    assert (c["from"]["stance"], c["from"]["date"]) == ("for", "2026-09-14")
    assert (c["to"]["stance"], c["to"]["date"]) == ("against", "2026-10-06")


def test_a_past_stance_is_never_the_current_one():
    rows = [
        {"id": 1, "stance": "for", "date": "2026-09-01", "sort_date": "2026-09-01", "article_id": 1},
        {"id": 2, "stance": "against", "date": None, "sort_date": None, "is_past": True, "article_id": 2,
         "article_published": "2026-10-08"},
    ]
    for r in rows:
        r.update(holder_id=7, holder_name="Ada Voss", proposition_key="k", proposition="p", qualifier=None,
                 sentence="")
    assert thread_changes(in_order(rows)) == []  # "had opposed" after a dated "for" is no reversal


DROPPED = ("Northwind walks away\n\nPORTMERE (PW) \u2014 Northwind Holdings on Monday dropped plans to buy "
           "Coastal Ledger after the regulator asked for the sale of its printing arm.\n")


def test_dropped_plans_to_act_are_a_change_on_the_act(write, db_path, store):
    # the act's agent is left open ("agent=*": the holder's own), but it names what is bought,
    # so the plan held before the article opens the thread
    _ingest(write, db_path, ("d.txt", DROPPED, "2031-06-17"))
    [c] = store.list_changes()
    assert c["holder_name"] == "Northwind Holdings" and c["proposition"] == "buying Coastal Ledger"
    assert (c["from"]["stance"], c["to"]["stance"]) == ("for", "against")


def test_an_unnamed_user_is_still_too_weak_to_open_a_thread():
    from redline.link.changes import _weak

    assert _weak("strike|agent=*|target=KAZ|weapon=halberd")
    assert not _weak("buy|agent=*|object=coastal ledger|target=*")
    assert not _weak("support|object=mara quill")
