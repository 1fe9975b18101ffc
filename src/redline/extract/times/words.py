"""Vocabulary and compiled patterns for time expressions (used by ``times``).

The patterns aim at TimeBank-style extents: "Friday" without "on", "three
days ago", "earlier this month", "the past two years". They are compiled
once at import: ``extract_times`` runs on every article.

Month and weekday names are matched case-sensitively (capitalised) because
"May", "March", "fall" and "Sun" are also ordinary words; everything else is
case-insensitive through scoped ``(?i:...)`` groups.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from dateutil.relativedelta import relativedelta


class Words(dict):
    """Lower-case words to values. A lookup also finds a key the text spells with
    characters that Python's case-insensitive regexes equate with ASCII letters
    but ``str.lower`` keeps apart ("ſecond", the Kelvin sign, dotted and dotless i):
    a pattern built from these words can match them, so the lookup must too."""

    def __missing__(self, key: str):
        norm = unicodedata.normalize("NFKC", key).lower().replace("\u0307", "").replace("\u0131", "i")
        if norm != key and norm in self:
            return self[norm]
        raise KeyError(key)


MONTHS = Words({
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
})
WEEKDAYS = Words({"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6})
SEASONS = Words({"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"})
PARTS_OF_DAY = Words({"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI", "overnight": "NI"})
# TIMEX3 unit letters; a decade or century is written in years so that values compare.
UNITS = Words({
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True),
    "day": ("D", False), "week": ("W", False), "fortnight": ("W", False), "month": ("M", False),
    "quarter": ("Q", False), "year": ("Y", False), "decade": ("DE", False), "century": ("CE", False),
    "weekend": ("WE", False),
})
ORDINALS = Words({"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4})
SMALL = Words({
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12, "a dozen": 12, "couple": 2, "a couple of": 2, "couple of": 2,
})
VAGUE = {"several", "few", "a few", "some", "many", "numerous", "dozens of", "hundreds of"}
# Modifiers before a quantity, as TimeML ``mod`` values.
QUANT_MODS = Words({
    "more than": "MORE_THAN", "over": "MORE_THAN", "at least": "EQUAL_OR_MORE", "less than": "LESS_THAN",
    "fewer than": "LESS_THAN", "under": "LESS_THAN", "nearly": "APPROX", "almost": "APPROX",
    "about": "APPROX", "around": "APPROX", "some": "APPROX", "roughly": "APPROX",
    "approximately": "APPROX", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
})
# Relative-position words before "month", "year"...: "early next year", "late November".
POS_MODS = Words({"early": "START", "earlier": "START", "late": "END", "later": "END", "mid": "MID",
            "the end of": "END", "the beginning of": "START", "the start of": "START",
            "the middle of": "MID"})

_MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|Sept\b"
MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR}|(?:{_MONTH_FULL.upper()}))"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
# Number words of a year read out: "the year two thousand", "nineteen ninety-six".
_SPOKEN = rf"(?:{_TENS})(?:[\s-](?:{_ONES}))?|{_ONES}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
NUM = (
    rf"(?:\d+(?:\.\d+)?|(?:{_TENS})(?:[- ](?:{_ONES}))?|{_ONES}|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+hundred|hundreds\s+of|a\s+dozen|dozens\s+of"
    r"|a\s+couple\s+of|couple\s+of|a\s+few|several|few|many|numerous|a|an)"
)
UNIT = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ies))(?:s\b|\b)"
QMOD = r"(?:more\s+than|less\s+than|fewer\s+than|no\s+more\s+than|at\s+least|up\s+to|over|under|nearly|almost|about|around|some|roughly|approximately)"
PMOD = r"(?:early|earlier|late|later|mid-?|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)"
REL = r"(?:this|last|next|past|previous|coming|current|following)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
PART = r"(?:morning|afternoon|evening|night)"
YEAR = r"(?<![\d$£€.,/])(?<!\d-)(?:1[6-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d|\s*(?:percent|per\s+cent)\b)"
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
AMPM = r"(?:a\.m\.?|p\.m\.?|am\b|pm\b)"

# (kind, pattern). Kinds select the normaliser in ``times``; every pattern
# uses named groups that its normaliser reads. Longer matches win overlaps.
_RULES = [
    ("iso", r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<hh>\d{2}):(?P<mm>\d{2})(?::\d{2})?)?\b"),
    ("slash", r"(?<![\d/])(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>\d{4}|\d{2})\b(?!/)"),
    ("mdy", rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?P<d>{DAYNUM})\b(?!:\d)(?:,?\s+(?P<y>{YEAR}))?"),
    ("dmy", rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{DAYNUM})\s+(?:of\s+)?(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR}))?"),
    ("month", rf"(?:(?P<pmod>(?i:{PMOD}))[\s-]*)?(?:(?P<rel>(?i:this|last|next|past|previous|coming))\s+)?"
              rf"(?P<mon>{MONTH})(?:,?\s+(?:of\s+)?(?P<y>{YEAR})|\s+(?P<yrel>(?i:this|last|next))\s+(?i:year))?(?![\w-])"
              rf"(?!\s+{DAYNUM}\b)"),  # "last Oct. 23" is a month-day
    ("year", rf"(?:(?i:the)\s+(?=(?i:early|late|mid)[\s-]*\d{{3}}0'?s\b))?(?:(?P<pmod>(?i:{PMOD}))[\s-]*)?(?:(?i:the)\s+(?=\d{{3}}0'?s\b))?(?:(?P<fis>(?i:fiscal|calendar|FY))\s*)?"
             rf"(?P<y>{YEAR})(?P<dec>s\b|'s\b)?"),
    ("decade", r"(?i:the\s+)?(?:'|(?i:mid-))(?P<yy>\d0)s\b"),
    ("weekday", rf"(?:(?P<rel>(?i:this|last|next|past|coming|early|late|earlier|later))\s+)?(?P<wd>{WEEKDAY})"
                rf"(?:\s+(?P<part>(?i:{PART})))?(?!s)"),
    ("weekdays", rf"(?P<wd>{WEEKDAY})s\b(?:\s+(?P<part>(?i:{PART})))?"),
    ("deictic", r"\b(?i:(?:(?P<pmod>early|late|earlier|later)\s+)?(?P<w>today|yesterday|tomorrow|tonight|overnight)"
                rf"(?:\s+(?P<part>{PART}))?|(?P<w2>now|currently|nowadays|recently|lately"
                r"|the\s+(?:(?:near|distant|foreseeable)\s+)?future|the\s+past|the\s+present"
                r"|the\s+(?:near|short)\s+term))\b"),
    ("partofday", rf"(?i:(?:(?P<pmod>early|late|mid-?)\s*)?(?P<rel>this|last|that|the)\s+(?P<part>{PART})|mid[\s-]?(?P<part2>morning|afternoon)(?:\s+(?P<dw>yesterday|today))?)\b"),
    ("relunit", rf"(?i:(?:(?P<pmod>{PMOD})\s+)?(?P<rel>{REL})\s+(?P<unit>week|weekend|month|quarter|year|decade|century|{SEASON}))\b"),
    ("season", rf"(?i:(?:(?P<pmod>early|late|mid-?)\s*)?(?:the\s+)?)(?P<s>(?i:spring|summer|autumn|winter)|(?-i:Fall))(?:\s+(?:of\s+)?(?P<y>{YEAR}))?\b"),
    # A quantity of units: a duration ("three days"), or with a direction a date
    # ("three days ago"). One pattern for both: it is the costliest to scan. "Three
    # days later" is, as in TimeBank, the duration "Three days" (the date it leads to
    # is relative to an event, not to the publication).
    ("span", rf"(?i:(?:(?P<qmod>{QMOD})\s+|the\s+(?:(?P<rel>past|last|next|previous|coming|first|final|latest|following)\s+)?)?"
             rf"(?:(?P<n>{NUM})(?P<half>\s+1/2|\s*\u00bd)?[\s-]+(?:and\s+a\s+half\s+|more\s+|additional\s+)?)(?P<unit>{UNIT})(?P<half2>\s+and\s+a\s+half)?"
             r"(?:\s+(?P<dir>ago|earlier|from\s+now|hence)\b|[\s-]+long)?)(?![\s-]+old\b)"),
    ("spanvague", rf"(?i:(?P<the>the\s+)?(?P<rel>past|last|next|coming|recent|previous|following|early|later)\s+(?P<unit>{UNIT}))"),
    ("theyear", rf"(?i:the\s+(?P<which>full|current|latest|same|previous)?\s*(?P<fis>fiscal\s+)?year)\b(?!-)"
                rf"(?:\s+(?P<spoken>(?i:two\s+thousand(?:\s+(?:and\s+)?(?:{_SPOKEN}))?|nineteen[\s-]+(?:{_SPOKEN})(?:[\s-](?:{_ONES}))?)))?\b"),
    ("weekend", r"(?i:the\s+weekend)\b"),
    ("yearend", r"(?i:(?:the\s+)?year(?:'s)?\s+end)\b(?!-)"),
    # "current" alone ("current market conditions"): TimeML marks it PRESENT_REF.
    ("current", r"(?i:(?:then\s+)?current)\b(?!ly|s\b|\s+account)"),
    ("partof", r"(?i:(?P<pmod>the\s+(?:end|beginning|start|middle)\s+of|(?:earlier|later)\s+in)\s+(?:the|this)\s+"
               r"(?P<unit>year|month|week|quarter|decade|century))\b(?!-)"),
    ("holiday", rf"(?P<h>Thanksgiving(?:\s+Day)?|Christmas(?:\s+Day|\s+Eve)?|New\s+Year's\s+(?:Day|Eve)|Independence\s+Day)(?:,?\s+(?P<y>{YEAR}))?"),
    ("plural", r"(?<=\bfor\s)(?i:(?P<unit>years|months|weeks|days|decades|hours|centuries))\b"),
    ("quarter", rf"(?i:(?:this\s+year's\s+|last\s+year's\s+|next\s+year's\s+|the\s+)?(?:(?P<y0>{YEAR})\s+)?(?:fiscal\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)"
                rf"[\s-]+(?:fiscal\s+)?(?:-?quarter|period)(?:\s+of\s+(?:fiscal\s+)?(?P<y>{YEAR}))?)"),
    ("thequarter", r"(?i:the\s+(?:(?P<which>latest|current|previous|same|year-earlier|year-ago)\s+(?:quarter|period)|quarter)\b)"),
    ("yearago", r"(?i:(?:the\s+)?year-(?:earlier|ago)(?:\s+(?:(?:first|second|third|fourth)\s+quarter|quarter|period|nine\s+months))?)"),
    ("clock", rf"(?i:(?:(?P<qmod>about|around|approximately|shortly\s+(?:before|after))\s+)?(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>{AMPM})"
              r"(?:\s+(?:EST|EDT|CST|PST|GMT|UTC|local\s+time))?|\b(?P<nm>noon|midnight|midday))"
              rf"(?:,?\s+(?:on\s+)?(?P<wd>{WEEKDAY})|\s+(?P<dw>(?i:today|yesterday|tomorrow)))?"),
    ("set", rf"(?i:(?:every|each|per)\s+(?:other\s+)?(?P<unit>second|minute|hour|day|week|month|quarter|year|weekend|morning|night|evening)|(?P<adv>daily|weekly|monthly|yearly|hourly|nightly))\b"),
    ("setwd", rf"(?i:every|each)\s+(?P<wd>{WEEKDAY})"),
    ("century", r"(?i:(?:the\s+)?(?P<ord>\d{1,2})(?:st|nd|rd|th)\s+century)"),
]



def _word_start(rx: str) -> str:
    """Anchor a rule at a word start: "now" is not in "know", nor "spring" in "offspring"."""
    return rx if rx.startswith(("\\b", "(?<")) or rx.startswith("(?i:the\\s+)?(?:'") else r"\b" + rx


RULES: list[tuple[str, re.Pattern[str]]] = [(kind, re.compile(_word_start(rx))) for kind, rx in _RULES]


def word_number(text: str) -> int | None:
    """"three" -> 3, "twenty-four" -> 24, "12" -> 12; vague quantities -> None."""
    t = re.sub(r"\s+", " ", text.lower().strip())
    t = re.sub(r"^an? (?=hundred|dozen)", "", t)
    if t in VAGUE:
        return None
    if re.fullmatch(r"\d+", t):
        return int(t)
    if re.fullmatch(r"\d+\.\d+", t):
        return None
    if t in SMALL:
        return SMALL[t]
    parts = re.split(r"[- ]", t)
    if all(p in SMALL for p in parts):
        return sum(SMALL[p] for p in parts)
    return None


# --- value formatting (TIMEX3) ------------------------------------------------

def season_of(month: int) -> str:
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(month, "FA")


def fmt_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def fmt_at(d: dt.date, unit: str) -> str:
    """``d`` at the granularity of ``unit`` (day, week, month, quarter, year, decade, century)."""
    if unit in ("day", "hour", "minute", "second"):
        return d.isoformat()
    if unit in ("week", "fortnight"):
        return fmt_week(d)
    if unit == "weekend":
        return fmt_week(d) + "-WE"
    if unit == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "decade":
        return f"{d.year // 10:03d}"
    if unit == "century":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


def shift(d: dt.date, n: int, unit: str) -> dt.date:
    """``d`` moved by ``n`` units (negative: back in time)."""
    if unit in ("day", "hour", "minute", "second"):
        return d + relativedelta(days=n if unit == "day" else 0)
    if unit in ("week", "weekend"):
        return d + relativedelta(weeks=n)
    if unit == "fortnight":
        return d + relativedelta(weeks=2 * n)
    if unit == "month":
        return d + relativedelta(months=n)
    if unit == "quarter":
        return d + relativedelta(months=3 * n)
    if unit == "decade":
        return d + relativedelta(years=10 * n)
    if unit == "century":
        return d + relativedelta(years=100 * n)
    return d + relativedelta(years=n)


def unit_name(word: str) -> str:
    """"weeks" -> "week", "centuries" -> "century"."""
    w = word.lower().strip("-")
    if w.startswith("centur"):
        return "century"
    return w[:-1] if w.endswith("s") and w[:-1] in UNITS else w


# A fraction of a unit in the next smaller one: (how many, its letter, written after "T").
_SUB_UNITS = {"year": (12, "M", False), "month": (30, "D", False), "day": (24, "H", True),
              "hour": (60, "M", True), "minute": (60, "S", True)}


def duration(n: float | None, unit: str) -> str:
    """TIMEX3 duration: (3, "day") -> "P3D", (2, "hour") -> "PT2H", (None, "year") -> "PXY"."""
    letter, timeish = UNITS.get(unit, ("X", False))
    if unit in ("decade", "century") and n is not None:
        # TimeBank writes "two decades" as P20Y: years keep durations comparable.
        n, letter = n * (10 if unit == "decade" else 100), "Y"
    if n is not None and not float(n).is_integer() and unit in _SUB_UNITS:
        # "2 1/2 years" -> P2Y6M, "5 1/2 hours" -> PT5H30M: TIMEX3 wants whole numbers.
        per, sub, sub_timeish = _SUB_UNITS[unit]
        whole, rest = int(n), round((n - int(n)) * per)
        head = f"{whole}{letter}" if whole else ""
        if timeish:
            return f"PT{head}{rest}{sub}"
        return f"P{head}T{rest}{sub}" if sub_timeish else f"P{head}{rest}{sub}"
    if n is None:
        q = "X"
    elif unit == "fortnight":
        q = str(int(2 * n)) if float(2 * n).is_integer() else str(2 * n)
    else:
        q = str(int(n)) if float(n).is_integer() else str(n)
    return f"PT{q}{letter}" if timeish else f"P{q}{letter}"
