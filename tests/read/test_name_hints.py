"""Dates in file names (read.hints.filename_date) and where they stand among the other dates.

Invented articles: a fictional harbour town (Selby), its council and its wire service.
"""
from __future__ import annotations

import json

import pytest

from redline.ingest import run_ingest
from redline.read.hints import FILENAME_CONFIDENCE, filename_date

HEADLINE = "Selby council delays the harbour levy vote."
BODY = [
    "The Selby council on Thursday postponed its vote on the harbour levy until the inquiry into the Arn Bridge "
    "collapse reports, its chair Edvin Harrow told reporters after a session that ran past midnight.",
    # a date the story names: an event, not when it was published
    "On February 14, 2025, the council had promised shipowners a decision within a month, and several of them "
    "said they would take the town to court if the levy was backdated.",
    "“We will not vote on money while the inquiry is still hearing witnesses,” Harrow said.",
]
STORY = "\n\n".join([HEADLINE, *BODY])


@pytest.mark.parametrize("name, iso", [
    ("harbour-wire_2025-03-14_levy-vote-delayed.txt", "2025-03-14"),
    ("harbour-wire_20250314_levy.txt", "2025-03-14"),
    ("harbour_wire_2025_03_14_levy.html.gz", "2025-03-14"),
    ("/archive/2024-01-01/levy_2025-03-14.txt", "2025-03-14"),  # the name counts, not its folders
    ("levy-vote-2025031412.txt", None),  # a longer number: an id, not a date
    ("levy_14-03-2025.txt", None),  # day first: not ISO order, ambiguous with month first
    ("levy_2025-03_14.txt", None),  # mixed separators
    ("levy_2025-02-30.txt", None),  # no such day
    ("levy_2025-03-14_update-2025-03-15.txt", None),  # two dates: which one is unknown
    ("levy_2025-03-14_2025-03-14.txt", "2025-03-14"),  # the same date twice
    ("levy-vote.txt", None),
])
def test_filename_date(name, iso):
    assert filename_date(name) == iso


def _ingest(paths, db, **kw):
    return run_ingest([str(p) for p in paths], db=db, analyze=False, **kw)


def test_dated_file_name_gives_the_date_and_the_first_line_the_title(write, db_path, store):
    _ingest([write("harbour-wire_2025-03-14_levy-vote-delayed.txt", STORY)], db_path)
    [row] = store.list_articles()
    assert row["title"] == HEADLINE
    assert (row["published"], row["published_source"]) == ("2025-03-14", "filename")
    assert row["published_confidence"] == FILENAME_CONFIDENCE < 1.0


def test_ambiguous_number_in_the_name_gives_no_date(write, db_path, store):
    # the body names February 14, 2025: still no publication date is invented
    _ingest([write("levy-vote-2025031412.txt", STORY)], db_path)
    [row] = store.list_articles()
    assert row["published"] is None and row["published_source"] is None and row["published_confidence"] == 0.0


def test_sidecar_wins_over_the_file_name(write, db_path, store):
    path = write("harbour-wire_2025-03-14_levy.txt", STORY)
    write("harbour-wire_2025-03-14_levy.meta.json", json.dumps({"published": "2025-03-15"}))
    _ingest([path], db_path)
    [row] = store.list_articles()
    assert (row["published"], row["published_source"], row["published_confidence"]) == ("2025-03-15", "sidecar", 1.0)


def test_flag_wins_over_the_file_name(write, db_path, store):
    _ingest([write("harbour-wire_2025-03-14_levy.txt", STORY)], db_path, published="2025-03-16")
    [row] = store.list_articles()
    assert (row["published"], row["published_source"]) == ("2025-03-16", "user")


def test_dated_dateline_wins_over_the_file_name(write, db_path, store):
    # the file was saved a day after the story was filed
    lead = "SELBY, March 13, 2025 (HW) — The council postponed its vote on the harbour levy."
    _ingest([write("saved_2025-03-14.txt", "\n\n".join([HEADLINE, lead, *BODY[1:]]))], db_path)
    [row] = store.list_articles()
    assert (row["published"], row["published_source"]) == ("2025-03-13", "text")
    assert row["published_confidence"] > FILENAME_CONFIDENCE


def test_file_name_wins_over_an_edition_date_in_the_chrome(write, db_path, store):
    page = "Friday, March 7, 2025 | Back issues\n\n" + STORY
    _ingest([write("harbour-wire_2025-03-14_levy.txt", page)], db_path)
    [row] = store.list_articles()
    assert (row["published"], row["published_source"]) == ("2025-03-14", "filename")


def test_html_markup_wins_over_the_file_name(write, db_path, store):
    page = ('<html><head><meta property="article:published_time" content="2025-03-13T08:00:00Z"></head><body>'
            f"<article><h1>{HEADLINE}</h1>" + "".join(f"<p>{p}</p>" for p in BODY) + "</article></body></html>")
    _ingest([write("harbour-wire_2025-03-14_levy.html", page)], db_path)
    [row] = store.list_articles()
    assert (row["published"], row["published_source"]) == ("2025-03-13", "html-meta")
