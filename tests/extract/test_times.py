"""Time expressions: detection extents and values against the publication date.

All sentences are invented (fictional countries Veloria, Brask and Ostmark,
fictional people); the seed test reads ../shared at run time only.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from redline.extract.times import extract_times, parse_published

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


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


# 2024-10-25 is a Friday.
def test_infinitive_after_a_past_verb_takes_the_nearer_date(nlp):
    # "asked ... to respond by Nov. 4": after the asking, so next week rather than last year.
    t = find(nlp, "The Brask ministry asked the Veloria consortium to respond by Nov. 4.", "Nov. 4", "2024-10-25")
    assert t.value == "2024-11-04"
    t = find(nlp, "Orsk said he subpoenaed the envoy to testify on Dec. 2.", "Dec. 2", "2024-10-25")
    assert t.value == "2024-12-02"
    # The deed itself stays in the past.
    t = find(nlp, "Brask signed the accord on Nov. 4.", "Nov. 4", "2024-10-25")
    assert t.value == "2023-11-04"


def test_dividend_and_deadline_cues_take_the_nearer_date(nlp):
    text = "Ostmark Mills declared a dividend of five cents, payable Dec. 1 to stock of record Nov. 12."
    got = {t.text: t.value for t in times(nlp, text, "2024-10-25")}
    assert got["Dec. 1"] == "2024-12-01"
    assert got["Nov. 12"] == "2024-11-12"
    t = find(nlp, "Valk created a new board, effective Jan. 6.", "Jan. 6", "2024-10-25")
    assert t.value == "2025-01-06"


def test_weekday_after_until_or_as_soon_as_is_ahead(nlp):
    # 2024-10-28 is a Monday.
    t = find(nlp, "The agency gave the Orsk family until 9 a.m. Tuesday to sign the paper.", "9 a.m. Tuesday",
             "2024-10-28")
    assert t.value == "2024-10-29T09:00"
    t = find(nlp, "The envoy could reach Brask as soon as Thursday, officials said.", "Thursday", "2024-10-28")
    assert t.value == "2024-10-31"


def test_planned_and_would_take_the_nearer_weekday(nlp):
    # 2024-10-23 is a Wednesday: Thursday is tomorrow, not last week.
    t = find(nlp, "The Veloria team planned to leave Ostmark on Thursday.", "Thursday", "2024-10-23")
    assert t.value == "2024-10-24"
    t = find(nlp, "Valk said the minister would travel to Brask Thursday.", "Thursday", "2024-10-23")
    assert t.value == "2024-10-24"


def test_pluperfect_deadline_is_past(nlp):
    # 2024-10-28 is a Monday; the offer "had been due to expire" last Friday.
    t = find(nlp, "The offer for Ostmark Mills had been due to expire Friday evening.", "Friday evening",
             "2024-10-28")
    assert t.value == "2024-10-25TEV"
    t = find(nlp, "Until Thursday, the police had not named a suspect.", "Thursday", "2024-10-25")
    assert t.value == "2024-10-24"


def test_month_after_a_past_plan_takes_the_nearer_one(nlp):
    t = find(nlp, "Brask agreed to buy the Veloria mill in February.", "February", "2024-10-30")
    assert t.value == "2025-02"
    # Without a plan, the latest past one.
    t = find(nlp, "Brask bought the Veloria mill in February.", "February", "2024-10-30")
    assert t.value == "2024-02"


def test_month_day_with_weekday_picks_the_matching_year(nlp):
    # April 25 is a Saturday in 2026, a Friday in 2025.
    t = find(nlp, "The Ostmark Herald said in an editorial on Saturday, April 25: the court erred.",
             "Saturday, April 25", "2026-04-24")
    assert t.value == "2026-04-25"


def test_last_abbreviated_month_with_a_day_is_a_date(nlp):
    found = times(nlp, "Valk was shot last Oct. 23 at his home in Brask.", "2025-04-19")
    assert [(t.text, t.value) for t in found] == [("Oct. 23", "2024-10-23")]


def test_the_year_is_the_current_year_unless_it_is_a_span(nlp):
    t = find(nlp, "For the year, Ostmark Mills' volume was flat.", "the year", "2024-11-02")
    assert (t.type, t.value) == ("DATE", "2024")
    t = find(nlp, "For the year ended Sept. 30, Ostmark Mills earned $4 million.", "the year", "2024-11-02")
    assert (t.type, t.value) == ("DURATION", "P1Y")
    t = find(nlp, "Profit should rise throughout the fiscal year.", "the fiscal year", "2024-11-02")
    assert (t.type, t.value) == ("DURATION", "P1Y")
    t = find(nlp, "Brask promised full employment by the year two thousand.", "the year two thousand", "1998-02-05")
    assert (t.type, t.value) == ("DATE", "2000")


def test_half_units_are_whole_numbers_of_the_smaller_unit(nlp):
    text = "The refugees lived in Brask camps for 2 1/2 years; the flight took 5 1/2 hours."
    got = {t.text: t.value for t in times(nlp, text)}
    assert got["2 1/2 years"] == "P2Y6M"
    assert got["5 1/2 hours"] == "PT5H30M"
    t = find(nlp, "The siege of Ostmark lasted a minute and a half.", "a minute and a half")
    assert (t.type, t.value) == ("DURATION", "PT1M30S")


def test_units_later_are_a_duration(nlp):
    # TimeBank: in "Three days later" the time expression is the duration; "later" is a signal.
    t = find(nlp, "The Brask envoy resigned. Three days later, Valk named a successor.", "Three days")
    assert (t.type, t.value) == ("DURATION", "P3D")
    t = find(nlp, "Valk left Ostmark three days ago.", "three days ago", "2024-11-18")
    assert t.value == "2024-11-15"


def test_current_and_year_end(nlp):
    text = "Ostmark Mills blamed current market conditions and expects to close the sale by year end."
    got = {t.text: t for t in times(nlp, text, "2024-10-30")}
    assert got["current"].value == "PRESENT_REF"
    assert (got["year end"].value, got["year end"].mod) == ("2024", "END")
    t = find(nlp, "The Brask fund may buy shares at the then current price.", "then current")
    assert t.value == "PAST_REF"
    assert not [t for t in times(nlp, "Brask's current account deficit widened.") if "current" in t.text]


def test_mid_afternoon_and_next_years_quarter(nlp):
    t = find(nlp, "In Ostmark at mid-afternoon yesterday, shares were up.", "mid-afternoon yesterday", "2024-11-02")
    assert (t.type, t.value, t.mod) == ("TIME", "2024-11-01TAF", "MID")
    t = find(nlp, "By mid afternoon, Brask sources reported calm.", "mid afternoon", "2024-11-02")
    assert t.value == "2024-11-02TAF"
    t = find(nlp, "The cut could take effect as early as next year's first quarter.", "next year's first quarter",
             "2024-10-31")
    assert t.value == "2025-Q1"


def test_year_earlier_after_a_quarter_is_that_quarter_a_year_before(nlp):
    text = "Ostmark Mills earned $4 million in the third quarter, compared with a year-earlier loss of $2 million."
    got = {t.text: t.value for t in times(nlp, text, "2024-10-30")}
    assert got["the third quarter"] == "2024-Q3"
    assert got["year-earlier"] == "2023-Q3"
    t = find(nlp, "Brask Oil's profit beat its year-earlier level.", "year-earlier", "2024-10-30")
    assert t.value == "2023"
