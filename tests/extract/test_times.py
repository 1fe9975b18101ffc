"""Time expressions: detection extents and values against the publication date.

All sentences are invented (fictional countries Veloria, Brask and Ostmark,
fictional people); the seed test reads ../shared at run time only.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from redline.extract.times import extract_times, parse_published
from redline.nlp import load_model

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def times(nlp, text: str, published: str | None = "2024-05-31"):
    return extract_times(nlp(text), published)


def find(nlp, text: str, expr: str, published: str | None = "2024-05-31"):
    """The expression whose text is ``expr`` (it must be found with that exact extent)."""
    found = times(nlp, text, published)
    hits = [t for t in found if t.text == expr]
    assert hits, f"{expr!r} not found; got {[t.text for t in found]}"
    t = hits[0]
    assert text[t.start:t.end] == t.text
    return t


# 2024-05-31 is a Friday.
def test_weekday_is_on_or_before_publication(nlp):
    t = find(nlp, "Veloria on Friday approved the loan to Brask.", "Friday")
    assert (t.type, t.value, t.anchor) == ("DATE", "2024-05-31", "2024-05-31")
    t = find(nlp, "On Tuesday, Minister Lida Orsk said the border would stay closed.", "Tuesday")
    assert t.value == "2024-05-28"


def test_weekday_under_a_future_verb_is_ahead(nlp):
    t = find(nlp, "The Brask delegation will arrive in Ostmark on Tuesday.", "Tuesday")
    assert t.value == "2024-06-04"
    t = find(nlp, "Ostmark is going to hold the vote on Monday.", "Monday")
    assert t.value == "2024-06-03"


def test_scheduling_verbs_look_ahead_but_their_simple_past_does_not(nlp):
    # 2024-05-29 is a Wednesday.
    t = find(nlp, "The Brask summit is scheduled for Friday.", "Friday", "2024-05-29")
    assert t.value == "2024-05-31"
    t = find(nlp, "Rebels set fire to the depot in Brask on Friday.", "Friday", "2024-05-29")
    assert t.value == "2024-05-24"


def test_month_day_in_future_context_is_the_next_one(nlp):
    t = find(nlp, "Orsk's inauguration on Jan. 20 is expected to change the talks.", "Jan. 20", "2024-11-18")
    assert t.value == "2025-01-20"
    t = find(nlp, "Brask signed the accord on Jan. 20.", "Jan. 20", "2024-11-18")
    assert t.value == "2024-01-20"


def test_month_alone_is_the_latest_past_one(nlp):
    t = find(nlp, "In May, Veloria and Brask agreed to share the river.", "May", "2024-11-18")
    assert t.value == "2024-05"
    t = find(nlp, "In December, Veloria and Brask agreed to share the river.", "December", "2024-11-18")
    assert t.value == "2023-12"


def test_may_the_modal_is_not_a_month(nlp):
    assert not times(nlp, "Brask may send more engineers to the dam.")


def test_relative_days_weeks_months_years(nlp):
    text = ("Minister Teodor Valk spoke with his Brask counterpart three days ago. Earlier this month "
            "the talks stalled, and this week they resumed. Last year trade fell, and next month "
            "a new round begins.")
    got = {t.text: t for t in times(nlp, text, "2024-11-18")}
    assert got["three days ago"].value == "2024-11-15"
    assert (got["Earlier this month"].value, got["Earlier this month"].mod) == ("2024-11", "START")
    assert got["this week"].value == "2024-W47"
    assert got["Last year"].value == "2023"
    assert got["next month"].value == "2024-12"


def test_approximate_quantity(nlp):
    t = find(nlp, "Valk ordered the troops into Ostmark more than two weeks ago.", "more than two weeks ago")
    assert t.approximate and t.mod == "MORE_THAN"
    assert t.value == "2024-W20"
    t = find(nlp, "The siege lasted about three months.", "about three months")
    assert (t.type, t.value, t.mod, t.approximate) == ("DURATION", "P3M", "APPROX", True)


def test_absolute_dates(nlp):
    text = "The leaders of Veloria and Brask last met in December 2022, and the war began on 4 March 2021."
    got = {t.text: t.value for t in times(nlp, text, "2024-11-18")}
    assert got["December 2022"] == "2022-12"
    assert got["4 March 2021"] == "2021-03-04"
    t = find(nlp, "Brask has shelled the border since February 2022.", "February 2022")
    assert t.value == "2022-02" and t.anchor is None


def test_no_publication_date(nlp):
    text = ("On Friday Brask recalled its envoy, three days ago it closed the port, and in "
            "December 2022 it left the pact, after talks that lasted two years.")
    got = {t.text: t for t in times(nlp, text, None)}
    assert got["Friday"].value is None and got["three days ago"].value is None
    assert got["December 2022"].value == "2022-12"
    assert got["two years"].value == "P2Y"
    assert all(t.anchor is None for t in got.values())


def test_durations(nlp):
    text = "The ceasefire held for 48 hours, then for six weeks, and the reconstruction will take a decade."
    got = {t.text: (t.type, t.value) for t in times(nlp, text)}
    assert got["48 hours"] == ("DURATION", "PT48H")
    assert got["six weeks"] == ("DURATION", "P6W")
    assert got["a decade"] == ("DURATION", "P10Y")
    t = find(nlp, "Over the past two years, Veloria rebuilt its navy.", "the past two years")
    assert (t.type, t.value) == ("DURATION", "P2Y")


def test_sets(nlp):
    text = "The Ostmark council meets every Monday, and the ferry to Brask runs daily."
    got = {t.text: (t.type, t.value) for t in times(nlp, text)}
    assert got["every Monday"] == ("SET", "XXXX-WXX-1")
    assert got["daily"] == ("SET", "P1D")


def test_times_of_day_and_references(nlp):
    text = "The shelling began at 10:30 p.m. yesterday and stopped this morning; the town is now quiet."
    got = {t.text: (t.type, t.value) for t in times(nlp, text)}
    assert got["10:30 p.m. yesterday"] == ("TIME", "2024-05-30T22:30")
    assert got["this morning"] == ("TIME", "2024-05-31TMO")
    assert got["now"] == ("DATE", "PRESENT_REF")


def test_quarters_seasons_and_decades(nlp):
    text = ("Brask's economy shrank in the second quarter, grew in the summer of 2019, "
            "and boomed in the 1990s.")
    got = {t.text: t.value for t in times(nlp, text, "2024-11-18")}
    assert got["the second quarter"] == "2024-Q2"
    assert got["the summer of 2019"] == "2019-SU"
    assert got["the 1990s"] == "199"


def test_counts_and_ages_are_not_times(nlp):
    text = "Veloria sent 2000 engineers, and a 45-year-old pilot flew the 1,500 kilometres."
    assert [t.text for t in times(nlp, text)] == []


def test_offsets_index_the_text(nlp):
    text = "  Brask\u2019s envoy left on Sunday, Nov. 3, after a 2-day visit.  "
    for t in times(nlp, text, "2024-11-18"):
        assert text[t.start:t.end] == t.text


def test_parse_published():
    assert parse_published("2024-05-31T10:00:00Z").isoformat() == "2024-05-31"
    assert parse_published("not a date") is None
    assert parse_published(None) is None


def _seed(name_prefix: str):
    txt = next(SEEDS.glob(f"{name_prefix}_*.txt"))
    meta = json.loads(txt.with_suffix(".meta.json").read_text(encoding="utf-8"))
    return txt.read_text(encoding="utf-8"), meta["published"]


@pytest.mark.shared
@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")
def test_seeds(nlp):
    text, published = _seed("000")
    # The file opens with page chrome; the article starts at the "(CN)" dateline.
    text = text[text.index("(CN)"):]
    found = extract_times(nlp(text), published)
    by_text: dict[str, list] = {}
    for t in found:
        by_text.setdefault(t.text.lower(), []).append(t)
    assert {t.value for t in by_text["friday"]} == {"2024-05-31"}
    assert {t.value for t in by_text["tuesday"]} == {"2024-05-28"}
    approx = by_text["more than two weeks ago"]
    assert approx and all(t.approximate for t in approx)

    text, published = _seed("001")
    found = extract_times(nlp(text), published)
    values = {}
    for t in found:
        values.setdefault(t.text.lower(), set()).add(t.value)
    assert values["sunday"] == {"2024-11-17"}
    assert values["three days ago"] == {"2024-11-15"}
    assert values["jan. 20"] == {"2025-01-20"}
    assert "2024-05" in values["may"]
    assert values["december 2022"] == {"2022-12"}
