"""Plain-text chrome removal and metadata (redline.clean.text).

The fixtures are invented: a fictional outlet (the Varnholm Ledger), fictional
countries (Ostravia, Keldoria) and fictional people. The seed tests read
../shared/seeds at run time and skip when it is absent.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from redline.clean import CleanResult
from redline.clean import textmeta
from redline.clean.text import clean_plain_text, line_key

PARAS = [
    "PELSK, Ostravia (VNS) — The Ostravian cabinet on Monday agreed to reopen the northern border crossings "
    "with Keldoria, ending a closure that had lasted for almost two years.",
    "The decision followed three rounds of talks in the lakeside town of Brenmor, where negotiators from both "
    "countries met behind closed doors for most of the week.",
    "“We have chosen to trust our neighbours again,” said Interior Minister Halva Dresk, who led the Ostravian "
    "delegation. “That is not a small thing after what happened.”",
    "Keldorian officials were more cautious and said that trucks would be inspected at the crossings for at "
    "least the first six months of the new arrangement.",
    "The opposition in the Ostravian parliament called the deal a surrender and said it would ask for a vote "
    "to overturn it before the summer recess.",
    "Varnholm Ledger reporter Mirela Santh is based in the Ostravian capital.",
]
STANDFIRST = (
    "Ostravia and Keldoria agreed to reopen their shared border after two years. The move eases one of the "
    "longest standoffs in the region."
)
HEADLINE = "Ostravia reopens its northern border to Keldorian traffic"
HEADER = [
    "Changes to our Privacy Policy",
    "",
    "We have changed our Privacy Policy and our cookies settings. Please read them before you continue.",
    "",
    "Friday, March 8, 2024 | Archive",
    "The Varnholm Ledger The Varnholm Ledger",
    "",
    HEADLINE,
    "",
    STANDFIRST,
    "",
]
FOOTER = [
    "",
    "Follow @mirelasanth",
    "Categories / World, Borders",
    "",
    "Subscribe to The Morning Ledger",
    "",
    "Sign up for our free daily newsletter The Morning Ledger to get the most important stories from the region "
    "delivered to your inbox before breakfast every day.",
    "",
    "Loading...",
]
BODY = "\n\n".join(PARAS)
PAGE = "\n".join(HEADER) + "\n" + BODY + "\n" + "\n".join(FOOTER)


@pytest.fixture(scope="module")
def page() -> CleanResult:
    return clean_plain_text(PAGE)


# --- body -----------------------------------------------------------------------------------------

def test_chrome_page_body_is_the_verbatim_story(page):
    assert page.text == BODY
    assert page.text in PAGE  # a selection of original lines, never rewritten
    assert page.format == "text"


def test_chrome_lines_are_reported_with_reasons(page):
    lines = PAGE.split("\n")
    removed = {lines[n - 1]: why for n, why in page.removed}
    assert removed["Changes to our Privacy Policy"] == "site prompt"
    assert removed["The Varnholm Ledger The Varnholm Ledger"] == "outlet name"
    assert removed["Categories / World, Borders"] == "categories"
    assert removed["Follow @mirelasanth"] in ("site prompt", "link")
    assert removed[FOOTER[6]] == "site prompt"  # a long promo sentence is still chrome
    assert "Loading..." in removed
    assert removed[HEADLINE] == "headline" and removed[STANDFIRST] == "standfirst"
    assert all(line.strip() for line in removed)  # blank lines are never reported
    assert not any(p in removed for p in PARAS)


def test_no_chrome_passes_through_unchanged():
    text = "\n" + "\n".join(PARAS[1:5]) + "\n"
    result = clean_plain_text(text)
    assert result.text == text.strip()
    assert result.removed == []


def test_paragraph_breaks_are_kept_as_they_were():
    text = PARAS[1] + "\n\n\n" + PARAS[3] + "\n" + PARAS[4]
    assert clean_plain_text(text).text == text


def test_dropped_line_between_paragraphs_leaves_one_break():
    text = PARAS[1] + "\n\nShare this story\n\n" + PARAS[3] + "\n\n" + PARAS[4]
    result = clean_plain_text(text)
    assert result.text == PARAS[1] + "\n\n" + PARAS[3] + "\n\n" + PARAS[4]
    assert result.removed == [(3, "site prompt")]


def test_short_lines_inside_the_story_are_kept():
    # a one-line quote between paragraphs is short, but its neighbours vouch for it
    text = "\n\n".join([PARAS[1], "“No,” she said.", PARAS[3], PARAS[4]])
    assert clean_plain_text(text).text == text


def test_navigation_and_menus_are_dropped():
    nav = "Home | World | Sport | Opinion | Culture"
    text = "\n".join([nav, "Search", "Menu", *PARAS[1:5], "Home", "Contact", "Print"])
    result = clean_plain_text(text)
    assert result.text == "\n".join(PARAS[1:5])
    assert (1, "navigation") in result.removed


def test_teasers_far_below_the_story_are_dropped():
    # function-word-poor Title Case teasers after the promo block are outside the main text
    teasers = ["Most Read", "Keldorian Harvest Festival Draws Record Crowds", "Brenmor Ferry Timetable Changes",
               "Ostravian Chess Champion Retires"]
    text = "\n\n".join([*PARAS[:5], "Related stories", *teasers])
    result = clean_plain_text(text)
    assert result.text == "\n\n".join(PARAS[:5])


def test_comment_section_below_the_story_is_dropped():
    comments = [
        "3 Comments",
        "I have crossed at Brenmor many times and the queues were always a nightmare for everyone who works there.",
        "This is a sensible decision and it should have been taken a long time ago by the people in charge of it.",
    ]
    text = "\n\n".join([*PARAS[:5], *comments])
    result = clean_plain_text(text)
    assert result.text == "\n\n".join(PARAS[:5])


def test_picture_credits_and_captions_are_dropped():
    captions = [
        "Trucks wait at the Brenmor crossing on Monday. Photo: Ilsa Varn / Varnholm News Service",
        "© Varnholm News Service / Ilsa Varn",
        "(Foto: Keldorian Interior Ministry)",
    ]
    text = "\n\n".join([PARAS[1], captions[0], PARAS[2], captions[1], PARAS[3], captions[2], PARAS[4]])
    result = clean_plain_text(text)
    assert result.text == "\n\n".join(PARAS[1:5])
    assert [why for _, why in result.removed] == ["picture credit"] * 3


def test_a_long_paragraph_quoting_a_credit_is_prose():
    long = ("The ministry said in a statement that the source: a leaked memo, was genuine, and that officials "
            "in Pelsk had seen it weeks before the decision was announced to the public and to parliament, "
            "which had not been told of the talks at all until the morning of the vote.")
    text = "\n\n".join([PARAS[1], long, PARAS[3]])
    assert clean_plain_text(text).text == text


def test_author_box_after_the_story_is_dropped():
    box = ["About the author", "Mirela Santh",
           "Mirela Santh covers Ostravian politics for the Varnholm Ledger and has reported from the Keldorian "
           "border since the closure began."]
    text = "\n\n".join([*PARAS[:5], *box])
    result = clean_plain_text(text)
    assert result.text == "\n\n".join(PARAS[:5])
    assert [why for _, why in result.removed][1:] == ["author box"] * 2  # the heading may read as navigation


def test_a_bio_set_apart_below_the_story_is_dropped():
    # no "About the author" heading: the blurb itself introduces the writer
    bio = ("Mirela Santh is a senior correspondent for the Varnholm Ledger and has reported from the Keldorian "
           "border since the closure began in the spring of that year.")
    text = "\n".join([*PARAS[:5], "Share", bio])
    result = clean_plain_text(text)
    assert result.text == "\n".join(PARAS[:5])
    assert (7, "author bio") in result.removed  # the run of prose took it in; the bio rule cut it out


def test_a_first_person_blurb_above_the_story_is_dropped():
    blurb = ("Hi, I'm Tovan Reel, and on this blog I write about the small towns of Ostravia, their markets, "
             "their trains and the people who keep them running.")
    text = "\n".join([blurb, "Menu", *PARAS[1:5]])
    result = clean_plain_text(text)
    assert result.text == "\n".join(PARAS[1:5])
    assert (1, "author bio") in result.removed


def test_a_person_introduced_inside_the_story_is_kept():
    # the same kind of sentence running on from the story's paragraphs is reporting, not a box
    intro = ("Halva Dresk is a former border guard and the author of two books on the closure, which she "
             "opposed from the first day.")
    text = "\n\n".join([*PARAS[:5], intro])
    assert clean_plain_text(text).text == text


def test_a_short_sentence_leading_into_a_list_is_kept():
    # "...:" introduces the lines below; without it the list reads as a bare fragment
    lead_in = "The new rules at the crossings are these:"
    text = "\n".join([PARAS[1], lead_in, "https://ledger.example/rules", PARAS[2], PARAS[3]])
    assert clean_plain_text(text).text == "\n".join([PARAS[1], lead_in, PARAS[2], PARAS[3]])


def test_figures_repeated_in_a_story_are_kept_menus_are_not():
    # a price or a score recurs in a story's table; a menu word recurs in its header and footer
    text = "\n".join(["World", "Sport", PARAS[1], "Diesel", "1,45 €", "Petrol", "1,45 €", PARAS[2], PARAS[3],
                      "World", "Sport"])
    result = clean_plain_text(text)
    assert result.text == "\n".join([PARAS[1], "Diesel", "1,45 €", "Petrol", "1,45 €", PARAS[2], PARAS[3]])


def test_lead_above_the_main_run_is_kept():
    # a standfirst set apart from the story by a byline and share buttons is still the story's start
    lead = ("Ostravia and Keldoria will reopen their shared border after two years, the cabinet decided on "
            "Monday after a week of talks.")
    text = "\n".join(["Home | World | Sport", lead, "By Mirela Santh", "Share", "Print", "E-mail", *PARAS[1:5]])
    assert clean_plain_text(text).text == "\n".join([lead, *PARAS[1:5]])


def test_language_choice_does_not_depend_on_the_hash_seed():
    # jusText's stoplists come as a frozenset; ties between languages must break the same way every run
    code = ("from redline.clean import textmeta; s = textmeta.stoplist_for('a o e de'); "
            "print(sorted(s)[:5], len(s))")
    outs = {subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": seed},
                           capture_output=True, text=True, check=True).stdout for seed in ("1", "2", "3")}
    assert len(outs) == 1


def test_empty_and_blank_input():
    assert clean_plain_text("").text == ""
    assert clean_plain_text("\n \n").text == ""


def test_line_with_no_prose_anywhere_is_kept_when_not_chrome():
    # a page of short lines (a list) has no prose window: keep what is not plainly chrome
    text = "Three eggs\nTwo cups of flour\nA pinch of salt\nSubscribe to our newsletter"
    assert clean_plain_text(text).text == "Three eggs\nTwo cups of flour\nA pinch of salt"


# --- repetition across the outlet ---------------------------------------------------------------

def test_line_key_flattens_case_spacing_and_digits():
    assert line_key("  Friday,  March 8, 2024 | Archive ") == line_key("friday, march 9, 2025 | archive")
    assert line_key("The Ledger") != line_key("The Ledger Today")


def test_lines_repeated_across_siblings_are_dropped():
    house = "The Ledger desk welcomes letters from readers at the front office of our building."
    text = "\n\n".join([PARAS[1], PARAS[2], house, PARAS[3], PARAS[4]])
    alone = clean_plain_text(text)
    assert house in alone.text  # on a single page it reads like prose
    shared = clean_plain_text(text, repeated={line_key(house): 3}, siblings=4)
    assert house not in shared.text
    assert shared.text == "\n\n".join([PARAS[1], PARAS[2], PARAS[3], PARAS[4]])
    assert any(why == "repeated across outlet" for _, why in shared.removed)


def test_rare_repetition_is_not_chrome():
    house = "The Ledger desk welcomes letters from readers at the front office of our building."
    text = "\n\n".join([PARAS[1], house, PARAS[3], PARAS[4]])
    assert house in clean_plain_text(text, repeated={line_key(house): 1}, siblings=10).text


def test_a_second_copy_of_a_stored_story_keeps_its_body():
    # every line recurs in a sibling (an update of the same story): repetition says nothing then
    repeated = {line_key(p): 1 for p in PARAS}
    result = clean_plain_text(BODY, repeated=repeated, siblings=1)
    assert result.text == BODY


# --- metadata -------------------------------------------------------------------------------------

def test_metadata_of_the_chrome_page(page):
    assert page.title == HEADLINE
    assert page.summary == STANDFIRST
    assert page.dateline == "PELSK, Ostravia (VNS)"
    assert page.byline == "Mirela Santh"  # from the trailing sign-off, which stays in the body
    assert page.text.endswith(PARAS[-1])
    assert page.source == "The Varnholm Ledger"
    assert page.categories == ["World", "Borders"]


def test_edition_date_in_chrome_is_a_weak_guess(page):
    assert page.published == "2024-03-08"
    assert page.published_source == "text"
    assert page.published_confidence <= 0.3


def test_published_stamp_near_headline_is_trusted():
    text = "\n\n".join([HEADLINE, "By Tomas Verreck and Ilse Brandt", "Published March 3, 2024", *PARAS[1:5]])
    result = clean_plain_text(text)
    assert result.published == "2024-03-03"
    assert result.published_confidence >= 0.7
    assert result.byline == "Tomas Verreck and Ilse Brandt"
    assert result.title == HEADLINE
    assert result.text == "\n\n".join(PARAS[1:5])


def test_bare_date_under_the_masthead_beats_a_date_above_it():
    story = [HEADLINE, *PARAS[1:4]]
    below = clean_plain_text("\n".join(["The Varnholm Ledger The Varnholm Ledger", "March 8, 2024", *story]))
    above = clean_plain_text("\n".join(["Friday, March 8, 2024", "The Varnholm Ledger The Varnholm Ledger", *story]))
    assert below.published == above.published == "2024-03-08"
    # above the masthead it is the page's edition date; beside the headline, probably the story's
    assert above.published_confidence < below.published_confidence < 0.8
    assert below.text == above.text == "\n".join(PARAS[1:4])


def test_no_date_is_never_invented():
    result = clean_plain_text("\n\n".join(PARAS[1:5]))
    assert result.published is None and result.published_source is None
    assert result.published_confidence == 0.0
    assert textmeta.parse_date("Edition of March 2024") is None  # no day: not a full date


@pytest.mark.parametrize(
    "opening, dateline",
    [
        ("(VNS) — The ministry said on Monday", "(VNS)"),
        ("BRENMOR, Keldoria (AP) — The ministry said", "BRENMOR, Keldoria (AP)"),
        ("PELSK (Reuters) - The ministry said", "PELSK (Reuters)"),
        ("BRENMOR — The ministry said", "BRENMOR"),
        ("The ministry said on Monday — after a delay", None),
    ],
)
def test_dateline_patterns(opening, dateline):
    assert textmeta.find_dateline(opening) == dateline


@pytest.mark.parametrize(
    "line, names",
    [
        ("By Halva Dresk", "Halva Dresk"),
        ("By Halva Dresk and Tomas Verreck", "Halva Dresk and Tomas Verreck"),
        ("By Halva Dresk, Staff Writer", "Halva Dresk"),
        ("Bystanders watched the parade", None),
    ],
)
def test_byline_patterns(line, names):
    assert textmeta.find_byline(line) == names


def test_signoff_and_outlet_helpers():
    assert textmeta.find_signoff("Ledger correspondent Ana Pirel is based in Brenmor.") == "Ana Pirel"
    assert textmeta.doubled_name("Keldoria Daily Keldoria Daily") == "Keldoria Daily"
    assert textmeta.doubled_name("The talks went on and on") is None
    assert textmeta.copyright_owner("© 2023 Keldoria Daily. All rights reserved.") == "Keldoria Daily"


def test_copyright_footer_names_the_outlet():
    text = "\n\n".join([*PARAS[1:5], "© 2024 Keldoria Daily. All rights reserved."])
    result = clean_plain_text(text)
    assert result.source == "Keldoria Daily"
    assert "©" not in result.text


# --- the seeds (read from ../shared at run time) ---------------------------------------------------

SEEDS = Path(os.environ.get("REDLINE_SHARED", Path(__file__).resolve().parents[2].parent / "shared")) / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")


def _seed(prefix: str) -> str:
    path = next(SEEDS.glob(f"{prefix}_*.txt"), None)
    if path is None:
        pytest.skip(f"seed {prefix} is absent")
    return path.read_text(encoding="utf-8")


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


@needs_seeds
def test_seed_000_chrome_is_removed_and_body_kept_verbatim():
    raw = _seed("000")
    result = clean_plain_text(raw)
    paras = _paragraphs(raw)
    first = next(i for i, p in enumerate(paras) if p.startswith("(CN)"))
    last = next(i for i, p in enumerate(paras) if textmeta.find_signoff(p))
    assert result.text.startswith("(CN)")
    assert _paragraphs(result.text) == paras[first:last + 1]
    assert result.text in raw  # verbatim: a contiguous stretch of the page, breaks included
    assert result.title == paras[first - 2]
    assert result.summary == paras[first - 1]
    assert result.byline == "Cain Burdeau"
    assert result.dateline == "(CN)"
    assert result.source and f"{result.source} {result.source}" in paras[:first]  # the doubled name line
    assert result.categories and all(c in raw for c in result.categories)
    assert len(result.categories) == 2
    # the only date is the edition date in the chrome: a weak guess at most
    assert result.published_confidence <= 0.3
    lines = raw.split("\n")
    removed = {n for n, _ in result.removed}
    assert all(lines[n - 1].strip() for n in removed)
    signoff_line = raw[: raw.index(paras[last])].count("\n") + 1
    after = [lines[n - 1] for n in removed if n > signoff_line]
    assert len(after) == len([p for p in paras[last + 1:]])  # every line after the sign-off is chrome


@needs_seeds
def test_seed_001_has_no_chrome_and_passes_through():
    raw = _seed("001")
    result = clean_plain_text(raw)
    assert result.text == raw.strip()
    assert result.removed == []
    assert result.dateline == "(CN)"
    assert result.byline == "Cain Burdeau"
    assert result.published is None


@needs_seeds
def test_seed_sidecar_outlet_matches_the_doubled_name():
    raw = _seed("000")
    sidecar = next(SEEDS.glob("000_*.meta.json"), None)
    if sidecar is None:
        pytest.skip("seed 000 sidecar is absent")
    assert clean_plain_text(raw).source == json.loads(sidecar.read_text())["source"]


# --- a text that opens with its headline (issue 12) ------------------------------------------------

LEVY_HEADLINE = "Selby council delays the harbour levy vote."
LEVY = [
    "The Selby council on Thursday postponed its vote on the harbour levy until the inquiry into the Arn Bridge "
    "collapse reports, its chair Edvin Harrow told reporters after a session that ran past midnight.",
    "On March 3, 2024, the council had promised shipowners a decision within a month, and several of them said "
    "they would take the town to court if the levy was backdated.",
    "“We will not vote on money while the inquiry is still hearing witnesses,” Harrow said.",
]


def test_first_line_before_a_blank_line_is_the_headline():
    result = clean_plain_text("\n\n".join([LEVY_HEADLINE, *LEVY]))
    assert result.title == LEVY_HEADLINE  # a final full stop does not stop it being the headline
    assert result.text == "\n\n".join(LEVY)  # the headline leaves the body, which stays verbatim


def test_a_date_named_in_the_body_is_not_the_publication_date():
    result = clean_plain_text("\n\n".join([LEVY_HEADLINE, *LEVY]))
    assert result.published is None and result.published_confidence == 0.0


def test_headline_with_its_dek_on_the_next_line():
    text = "Levy vote delayed; \nSelby council waits for the bridge inquiry.\n\n" + "\n\n".join(LEVY)
    result = clean_plain_text(text)
    assert result.title == "Levy vote delayed"
    assert result.summary == "Selby council waits for the bridge inquiry."
    assert result.text == "\n\n".join(LEVY)


@pytest.mark.parametrize("first", [
    "SELBY, Arnland (HW) — The council on Thursday postponed its vote on the harbour levy.",  # a dateline
    "By Ana Pirel",  # a byline
    "https://harbour-wire.example/levy",  # a URL
    "Sign up for our newsletter",  # site chrome
    "Thursday, March 14, 2024",  # a date stamp
    # a lead paragraph printed without a headline reads as prose
    "The Selby council on Thursday postponed its vote on the harbour levy until the inquiry into the collapse of "
    "the bridge has reported.",
])
def test_first_lines_that_are_clearly_no_headline(first):
    result = clean_plain_text("\n\n".join([first, *LEVY]))
    assert result.title != first


def test_byline_above_the_headline_is_skipped():
    result = clean_plain_text("\n\n".join(["BYLINE: Ana Pirel.", LEVY_HEADLINE, *LEVY]))
    assert result.title == LEVY_HEADLINE and result.byline == "Ana Pirel"


def test_a_dated_dateline_gives_the_date():
    lead = "SELBY, March 14, 2024 (HW) — The council on Thursday postponed its vote on the harbour levy."
    result = clean_plain_text("\n\n".join([LEVY_HEADLINE, lead, *LEVY[1:]]))
    assert (result.published, result.published_source) == ("2024-03-14", "text")
    assert result.published_confidence == textmeta.DATED_DATELINE_CONFIDENCE
    assert textmeta.dated_dateline("The vote on March 3, 2024 - a Monday - was delayed.") is None


def test_a_single_line_stays_the_text():
    assert clean_plain_text("Selby council delays the harbour levy vote\n\n").text


def test_a_masthead_above_the_headline_is_not_the_headline():
    result = clean_plain_text("\n\n".join(["Harbour Wire", LEVY_HEADLINE, *LEVY]))
    assert result.title == LEVY_HEADLINE and result.text == "\n\n".join(LEVY)
