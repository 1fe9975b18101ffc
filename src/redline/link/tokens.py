"""Terms and dates for linking: cheap, deterministic, no spaCy parse needed.

Linking runs on every new article, so it works from the clean text alone: a
regex tokenizer, spaCy's English stop-word list (a plain Python set, no model)
and the S-stemmer (Harman 1991), which only folds plurals. A fuller stemmer
would merge more ("strikes"/"striking") but also conflates unrelated words
("general"/"generate"), and plural folding is what matters most for TF-IDF
over news text ("missiles" vs "missile").
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")
_POSSESSIVE = re.compile(r"['’]s?$")
# News boilerplate that the general stop list lacks: reporting verbs and
# calendar words appear in nearly every article whatever its story.
_NEWS_STOP = frozenset({
    "said", "says", "say", "told", "tell", "according", "reported", "report", "reports", "news",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "year", "years", "week", "weeks", "day", "days",
    "month", "months", "time", "times", "like", "just", "new", "people", "percent",
    "mr", "mrs", "ms", "dr", "ago", "including", "later", "asked",
})
STOP = frozenset(STOP_WORDS) | _NEWS_STOP


def stem(word: str) -> str:
    """Harman's S-stemmer: fold English plurals and nothing else."""
    if len(word) > 4 and word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("us", "ss", "is")):
        return word[:-1]
    return word


def terms(text: str) -> list[str]:
    """Content terms of ``text`` in order: lowercased, stop words and short words dropped, plurals folded."""
    return [t for w in _WORD.findall(text.lower()) if (t := _term(w)) is not None]


@functools.lru_cache(maxsize=500_000)
def _term(word: str) -> str | None:
    # Cached per word form: news vocabulary is small next to its running text.
    w = _POSSESSIVE.sub("", word)
    if len(w) < 3 or w in STOP:
        return None
    w = stem(w)
    return None if w in STOP else w


def term_counts(text: str, title: str | None = None) -> Counter:
    """Term frequencies; the title's terms count twice because a headline names what the story is about."""
    counts = Counter(terms(text))
    if title:
        for t in terms(title):
            counts[t] += 2
    return counts


def day_number(value: str | None) -> int | None:
    """Proleptic ordinal of an ISO date; a coarser date (YYYY-MM, YYYY) counts from its first day."""
    if not value:
        return None
    s = value.strip()
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", s)
    if not m or "W" in s[:8]:
        return _week_day(s)
    try:
        return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)).toordinal()
    except ValueError:
        return None


def _week_day(s: str) -> int | None:
    m = re.match(r"^(\d{4})-W(\d{2})", s)
    if not m:
        return None
    try:
        return dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1).toordinal()
    except ValueError:
        return None


def iso_day(n: int | None) -> str | None:
    return dt.date.fromordinal(n).isoformat() if n is not None else None


def is_day_precise(value: str | None) -> bool:
    return bool(value) and re.match(r"^\d{4}-\d{2}-\d{2}", value.strip()) is not None
