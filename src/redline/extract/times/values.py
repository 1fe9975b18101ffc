"""Values of time expressions: one normaliser per rule kind of ``timewords``.

Each normaliser gets the rule's named groups, a context (the doc and its
``text``, the publication date ``dct``, ``tense(start, end)``, the latest quarter named) and
the span, and returns ``(type, value, mod, approximate, relative)``;
``relative`` says the value was computed from the publication date, which is
then recorded as the expression's anchor.
"""
from __future__ import annotations

import datetime as dt
import re

from . import words as tw

def _month_num(word: str) -> int:
    return tw.MONTHS[word.lower().rstrip(".")]


def _pick_year(ctx, month: int, day: int | None, start: int, end: int) -> int:
    """The year of a month(-day) without one: the past occurrence unless the verb is future.

    A time after a past reference ("asked it to respond by Oct. 31", "said he would
    testify on Feb. 10"), or after "until", "effective", "payable", is the nearer of
    the two occurrences, as is one with no verb to go by.
    """
    d = ctx.dct
    tense = ctx.tense(start, end)
    probe = (month, day or 1) if day else (month, 1)
    here = (d.month, d.day) if day else (d.month, 1)
    ahead = d.year if probe >= here else d.year + 1
    behind = d.year if probe <= here else d.year - 1
    # Present tense counts as ahead: "is payable Jan. 2", "the rights expire Nov. 21".
    if tense in ("future", "present"):
        return ahead
    if tense == "pluperfect" or (tense == "past" and not ctx.cue(start)):
        return behind
    if not day:
        if tense is None and not ctx.cue(start):
            return behind  # "In May": the publication year if that May is past, else the year before
        # "agreed to buy it in February": the nearer February, this month counting as behind.
        return ahead if (month - d.month) % 12 < (d.month - month) % 12 else behind
    # No verb to go by ("payable Jan. 2 to holders of record Dec. 15"): the nearer one.
    day = min(day, 28)  # only to compare distances: Feb. 29 must not raise in a common year
    near = dt.date(ahead, month, day) - d
    far = d - dt.date(behind, month, day)
    return ahead if near < far else behind


def _pos_mod(g: dict) -> str | None:
    p = (g.get("pmod") or "").lower().rstrip("- ")
    return tw.POS_MODS.get(re.sub(r"\s+", " ", p)) if p else None


def _n_mod(g: dict) -> tuple[str | None, bool]:
    q = re.sub(r"\s+", " ", (g.get("qmod") or "").lower())
    mod = tw.QUANT_MODS.get(q) if q else None
    return mod, mod is not None


def _date_md(g, ctx, s, e):
    m, day = _month_num(g["mon"]), int(re.match(r"\d+", g["d"]).group())
    if g.get("y"):
        y, rel = int(g["y"]), False
    elif ctx.dct:
        y, rel = _pick_year(ctx, m, day, s, e), True
        if g.get("wd"):  # "Saturday, April 25": the year in which that day is a Saturday
            wd = tw.WEEKDAYS[g["wd"].lower()]
            fits = [c for c in (y, ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1) if _weekday_of(c, m, day) == wd]
            y = fits[0] if fits else y
    else:
        return "DATE", None, None, False, True
    try:
        return "DATE", dt.date(y, m, day).isoformat(), None, False, rel
    except ValueError:
        return "DATE", None, None, False, rel


def _weekday_of(y: int, m: int, day: int) -> int | None:
    try:
        return dt.date(y, m, day).weekday()
    except ValueError:
        return None


def _date_iso(g, ctx, s, e):
    y = int(g["y"]) if len(g["y"]) == 4 else (1900 + int(g["y"]) if int(g["y"]) > 30 else 2000 + int(g["y"]))
    try:
        day = dt.date(y, int(g["m"]), int(g["d"])).isoformat()
    except ValueError:
        return "DATE", None, None, False, False
    if g.get("hh"):
        return "TIME", f"{day}T{g['hh']}:{g['mm']}", None, False, False
    return "DATE", day, None, False, False


def _date_month(g, ctx, s, e):
    m, mod = _month_num(g["mon"]), _pos_mod(g)
    rel = (g.get("rel") or "").lower()
    if g.get("y"):
        return "DATE", f"{int(g['y']):04d}-{m:02d}", mod, False, False
    d = ctx.dct
    if d is None:
        return "DATE", None, mod, False, True
    if g.get("yrel"):  # "June last year"
        y = d.year + _STEP[g["yrel"].lower()]
        return "DATE", f"{y:04d}-{m:02d}", mod, False, True
    if rel in ("last", "past", "previous"):
        y = d.year if m < d.month else d.year - 1
    elif rel in ("next", "coming"):
        y = d.year if m > d.month else d.year + 1
    elif rel == "this":
        y = d.year
    else:
        y = _pick_year(ctx, m, None, s, e)
    return "DATE", f"{y:04d}-{m:02d}", mod, False, True


def _date_year(g, ctx, s, e):
    y, mod = g["y"], _pos_mod(g)
    if g.get("dec"):
        return "DATE", y[:3], mod, False, False
    return "DATE", y, mod, False, False


def _date_decade(g, ctx, s, e):
    yy = int(g["yy"])
    century = 19 if ctx.dct is None or yy > ctx.dct.year % 100 else ctx.dct.year // 100
    return "DATE", f"{century:02d}{yy // 10}", None, False, False


def _weekday(g, ctx, s, e):
    wd, rel = tw.WEEKDAYS[g["wd"].lower()], (g.get("rel") or "").lower()
    part = tw.PARTS_OF_DAY.get((g.get("part") or "").lower())
    typ = "TIME" if part else "DATE"
    d = ctx.dct
    if d is None:
        return typ, None, None, False, True
    back = (d.weekday() - wd) % 7
    ahead = (wd - d.weekday()) % 7
    if rel in ("last", "past"):
        day = d - dt.timedelta(days=back or 7)
    elif rel in ("earlier", "later"):  # "earlier Sunday": the day of the report
        day = d - dt.timedelta(days=back)
    elif rel in ("next", "coming"):
        day = d + dt.timedelta(days=ahead or 7)
    else:
        tense, cue = ctx.tense(s, e), ctx.cue(s)
        if tense == "pluperfect":  # "Until Thursday, they had not called him a suspect"
            day = d - dt.timedelta(days=back)
        elif tense == "future" or cue == "ahead" or (cue and tense != "past"):
            day = d + dt.timedelta(days=ahead)
        elif tense == "posterior" or cue:  # "planned to leave on Thursday": the nearer one
            day = d + dt.timedelta(days=ahead) if ahead < back else d - dt.timedelta(days=back)
        else:
            day = d - dt.timedelta(days=back)
    value = day.isoformat() + (f"T{part}" if part else "")
    return typ, value, tw.POS_MODS.get(rel) if rel in ("early", "late") else None, False, True


def _weekday_set(g, ctx, s, e):
    part = tw.PARTS_OF_DAY.get((g.get("part") or "").lower())
    value = f"XXXX-WXX-{tw.WEEKDAYS[g['wd'].lower()] + 1}" + (f"T{part}" if part else "")
    return "SET", value, None, False, False


_PRESENT = {"now", "currently", "nowadays", "the present"}
_FUTURE = {"the future"}


def _deictic(g, ctx, s, e):
    if g.get("w2"):
        w = re.sub(r"\s+", " ", g["w2"].lower())
        future = w in _FUTURE or w.endswith(("future", "term"))
        ref = "PRESENT_REF" if w in _PRESENT else "FUTURE_REF" if future else "PAST_REF"
        return "DATE", ref, None, False, False
    w = g["w"].lower()
    part = tw.PARTS_OF_DAY.get((g.get("part") or "").lower()) or tw.PARTS_OF_DAY.get(w)
    typ = "TIME" if part else "DATE"
    if ctx.dct is None:
        return typ, None, None, False, True
    day = ctx.dct + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(w, 0))
    return typ, day.isoformat() + (f"T{part}" if part else ""), _pos_mod(g), False, True


def _part_of_day(g, ctx, s, e):
    part = tw.PARTS_OF_DAY[(g.get("part") or g.get("part2")).lower()]
    if ctx.dct is None:
        return "TIME", None, None, False, True
    back = (g.get("rel") or "").lower() == "last" or (g.get("dw") or "").lower() == "yesterday"
    day = ctx.dct - dt.timedelta(days=1 if back else 0)
    mod = "MID" if g.get("part2") else _pos_mod(g)
    return "TIME", f"{day.isoformat()}T{part}", mod, False, True


_STEP = tw.Words({"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1})


def _rel_unit(g, ctx, s, e):
    unit, step, mod = g["unit"].lower(), _STEP[g["rel"].lower()], _pos_mod(g)
    d = ctx.dct
    if d is None:
        return "DATE", None, mod, False, True
    if unit in tw.SEASONS:
        code = tw.SEASONS[unit]
        order = ["WI", "SP", "SU", "FA"]
        now = tw.season_of(d.month)
        y = d.year + 1 if d.month == 12 else d.year  # winter is named by the year it ends in
        if step < 0:
            y -= 1 if order.index(code) >= order.index(now) else 0
        elif step > 0:
            y += 1 if order.index(code) <= order.index(now) else 0
        return "DATE", f"{y:04d}-{code}", mod, False, True
    return "DATE", tw.fmt_at(tw.shift(d, step, unit), unit), mod, False, True


def _season(g, ctx, s, e):
    code = tw.SEASONS[g["s"].lower()]
    if g.get("y"):
        return "DATE", f"{g['y']}-{code}", _pos_mod(g), False, False
    if ctx.dct is None:
        return "DATE", None, _pos_mod(g), False, True
    return "DATE", f"{ctx.dct.year:04d}-{code}", _pos_mod(g), False, True


def _ago(g, ctx, s, e):
    unit, n = tw.unit_name(g["unit"]), tw.word_number(g["n"])
    mod, approx = _n_mod(g)
    back = g["dir"].lower() in ("ago", "earlier")
    if n is None:
        return "DATE", "PAST_REF" if back else "FUTURE_REF", mod, True, False
    if ctx.dct is None:
        return "DATE", None, mod, approx, True
    if ctx.last_quarter and unit == "year" and n == 1:
        # "a year earlier" after "the third quarter": the same quarter a year before.
        y, q = ctx.last_quarter.split("-Q")
        return "DATE", f"{int(y) + (-1 if back else 1):04d}-Q{q}", mod, approx, True
    day = tw.shift(ctx.dct, -n if back else n, unit)
    return "DATE", tw.fmt_at(day, unit), mod, approx, True


def _span(g, ctx, s, e):
    if g.get("dir") and not g.get("rel"):
        return _ago(g, ctx, s, e)
    unit = tw.unit_name(g["unit"])
    rel = (g.get("rel") or "").lower()
    if "the" in g and not g.get("the") and g["unit"].lower().endswith("s") and rel in _REF_WORDS:
        # "recent years", "coming months": a vague reference, not a measured span.
        return "DATE", _REF_WORDS[rel], None, False, False
    n = tw.word_number(g["n"]) if g.get("n") else None
    if n is not None and (g.get("half") or g.get("half2") or re.search(r"(?i)and\s+a\s+half", ctx.text[s:e])):
        n += 0.5
    if g.get("n") is None and not g["unit"].lower().endswith("s"):
        n = 1  # "the past year"
    mod, approx = _n_mod(g)
    return "DURATION", tw.duration(n, unit), mod, approx, False


_REF_WORDS = tw.Words({"past": "PAST_REF", "coming": "FUTURE_REF"})


_YEAR_SPAN_BEFORE = re.compile(r"(?i)\b(?:throughout|over|within|across)\s+$")
_YEAR_SPAN_AFTER = re.compile(r"(?i)\s+(?:ended|ending|to\s+date|that\s+ended|just\s+ended)\b")


def _the_year(g, ctx, s, e):
    if g.get("spoken"):  # "the year two thousand", "the year nineteen ninety-nine"
        words = re.split(r"[\s-]+", g["spoken"].lower())
        if words[:2] == ["two", "thousand"]:
            rest = tw.word_number(" ".join(w for w in words[2:] if w != "and")) if len(words) > 2 else 0
            y = 2000 + rest if rest is not None else None
        else:
            rest = tw.word_number(" ".join(words[1:]))
            y = 1900 + rest if rest is not None and rest < 100 else None
        if y is not None:
            return "DATE", f"{y:04d}", None, False, False
    if not g.get("which"):
        # "the year ended Sept. 30", "throughout the year": a span; "for the year", "a high
        # for the year": the publication year, as results are reported.
        if _YEAR_SPAN_AFTER.match(ctx.text, e) or _YEAR_SPAN_BEFORE.search(ctx.text[max(0, s - 12):s]):
            return "DURATION", "P1Y", None, False, False
        if ctx.dct is None:
            return "DATE", None, None, False, True
        return "DATE", f"{ctx.dct.year:04d}", None, False, True
    if ctx.dct is None:
        return "DATE", None, None, False, True
    y = ctx.dct.year - (1 if g["which"].lower() == "previous" else 0)
    return "DATE", f"{y:04d}", None, False, True


def _part_of_unit(g, ctx, s, e):
    """"the end of the year", "earlier in the month": the current one, with a position mod."""
    p = re.sub(r"\s+", " ", g["pmod"].lower())
    mod = "END" if ("end" in p or "later" in p) else "MID" if "middle" in p else "START"
    if ctx.dct is None:
        return "DATE", None, mod, False, True
    return "DATE", tw.fmt_at(ctx.dct, g["unit"].lower()), mod, False, True


def _weekend(g, ctx, s, e):
    d = ctx.dct
    if d is None:
        return "DATE", None, None, False, True
    if ctx.tense(s, e) != "future" and d.weekday() < 5:
        d = d - dt.timedelta(days=7)
    return "DATE", tw.fmt_week(d) + "-WE", None, False, True


def _holiday_date(name: str, year: int) -> dt.date:
    name = name.lower()
    if name.startswith("thanksgiving"):  # the fourth Thursday of November (United States)
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if name.startswith("christmas"):
        return dt.date(year, 12, 24 if name.endswith("eve") else 25)
    if name.startswith("new year"):
        return dt.date(year, 12, 31) if name.endswith("eve") else dt.date(year, 1, 1)
    return dt.date(year, 7, 4)


def _holiday(g, ctx, s, e):
    name = re.sub(r"\s+", " ", g["h"])
    if g.get("y"):
        return "DATE", _holiday_date(name, int(g["y"])).isoformat(), None, False, False
    if ctx.dct is None:
        return "DATE", None, None, False, True
    this = _holiday_date(name, ctx.dct.year)
    y = _pick_year(ctx, this.month, this.day, s, e)
    return "DATE", _holiday_date(name, y).isoformat(), None, False, True


def _plural(g, ctx, s, e):
    return "DURATION", tw.duration(None, tw.unit_name(g["unit"])), None, False, False


def _last_quarter(d: dt.date) -> dt.date:
    """A day in the latest completed quarter: what financial news reports on."""
    return tw.shift(d, -1, "quarter")


def _quarter(g, ctx, s, e):
    q = tw.ORDINALS[g["q"].lower()]
    text = ctx.text[s:e].lower()
    if g.get("y") or g.get("y0"):
        return "DATE", f"{g.get('y') or g['y0']}-Q{q}", None, False, False
    d = ctx.dct
    if d is None:
        return "DATE", None, None, False, True
    now = (d.month - 1) // 3 + 1
    if "last year's" in text:
        y = d.year - 1
    elif "next year's" in text:
        y = d.year + 1
    elif "this year's" in text:
        y = d.year
    else:  # financial news reports on quarters past, whatever the verb

        y = d.year if q <= now else d.year - 1
    return "DATE", f"{y:04d}-Q{q}", None, False, True


def _the_quarter(g, ctx, s, e):
    if ctx.dct is None:
        return "DATE", None, None, False, True
    which = (g.get("which") or "").lower()
    day = ctx.dct if which == "current" else _last_quarter(ctx.dct)
    if which in ("year-earlier", "year-ago"):
        day = tw.shift(day, -1, "year")
    return "DATE", tw.fmt_at(day, "quarter"), None, False, True


def _year_ago(g, ctx, s, e):
    if ctx.dct is None:
        return "DATE", None, None, False, True
    text = ctx.text[s:e].lower()
    if "quarter" in text or "period" in text:
        return "DATE", tw.fmt_at(tw.shift(_last_quarter(ctx.dct), -1, "year"), "quarter"), None, False, True
    if ctx.last_quarter and "nine months" not in text:
        # "compared with a year-earlier loss" after "the third quarter": that quarter a year before.
        y, q = ctx.last_quarter.split("-Q")
        return "DATE", f"{int(y) - 1:04d}-Q{q}", None, False, True
    return "DATE", f"{ctx.dct.year - 1:04d}", None, False, True


def _year_end(g, ctx, s, e):
    """"by year end", "by year's end": the end of the publication year."""
    if ctx.dct is None:
        return "DATE", None, "END", False, True
    return "DATE", f"{ctx.dct.year:04d}", "END", False, True


def _current(g, ctx, s, e):
    then = ctx.text[s:e].lower().startswith("then")
    return "DATE", "PAST_REF" if then else "PRESENT_REF", None, False, False


def _clock(g, ctx, s, e):
    mod = "APPROX" if g.get("qmod") else None
    if g.get("nm"):
        hh, mi = (12, 0) if g["nm"].lower() == "noon" else (24, 0)
    else:
        hh, mi = int(g["h"]) % 12, int(g.get("mi") or 0)
        if g["ap"].lower().startswith("p"):
            hh += 12
    if ctx.dct is None:
        return "TIME", None, mod, mod is not None, True
    day = ctx.dct
    if g.get("wd"):
        day = dt.date.fromisoformat(_weekday({"wd": g["wd"]}, ctx, s, e)[1])
    elif g.get("dw"):
        day = day + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(g["dw"].lower(), 0))
    return "TIME", f"{day.isoformat()}T{hh:02d}:{mi:02d}", mod, mod is not None, True


_ADVERB_SETS = tw.Words({"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
                "yearly": "P1Y", "annually": "P1Y", "hourly": "PT1H"})


def _set(g, ctx, s, e):
    if g.get("adv"):
        return "SET", _ADVERB_SETS[g["adv"].lower()], None, False, False
    unit = g["unit"].lower()
    if unit in tw.PARTS_OF_DAY:
        return "SET", f"XXXX-XX-XXT{tw.PARTS_OF_DAY[unit]}", None, False, False
    return "SET", tw.duration(1, unit), None, False, False


def _century(g, ctx, s, e):
    return "DATE", f"{int(g['ord']) - 1:02d}", None, False, False


NORMALISERS = {
    "iso": _date_iso, "slash": _date_iso, "mdy": _date_md, "dmy": _date_md, "month": _date_month,
    "year": _date_year, "decade": _date_decade, "weekday": _weekday, "weekdays": _weekday_set,
    "setwd": _weekday_set, "deictic": _deictic, "partofday": _part_of_day, "relunit": _rel_unit,
    "season": _season, "span": _span, "spanvague": _span, "plural": _plural,
    "quarter": _quarter, "thequarter": _the_quarter, "yearago": _year_ago, "clock": _clock,
    "set": _set, "century": _century, "theyear": _the_year, "weekend": _weekend, "holiday": _holiday,
    "partof": _part_of_unit, "yearend": _year_end, "current": _current,
}
