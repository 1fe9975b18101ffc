"""Spelling of names: the normalised form, and the guarded misspelling tests.

No gazetteer knowledge here (``names`` adds it), so that the gazetteer can
normalise its own aliases: "the U.S.'s" -> "us"; "Belgorad" is a misspelling of
"Belgorod", but "Ivanova" is not one of "Ivanov", "F-16" not one of "F-15",
and a short name must match exactly.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from rapidfuzz.distance import Levenshtein

_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_NON_WORD = re.compile(r"[^\w]+")
_POSSESSIVE = re.compile(r"'s?$")

# Endings that mark a surname's gender or case in Slavic, Baltic and Greek
# names. Two names that differ only by such a pair are different people
# (Ivanov / Ivanova, Kowalski / Kowalska), not a misspelling.
_INFLECTIONS = (
    ("", "a"), ("", "ova"), ("", "eva"), ("", "ina"), ("ov", "ova"), ("ev", "eva"), ("in", "ina"),
    ("ski", "ska"), ("sky", "skaya"), ("skiy", "skaya"), ("skii", "skaia"), ("cki", "cka"), ("dzki", "dzka"),
    ("y", "a"), ("i", "a"), ("os", "ou"), ("is", "i"), ("as", "iene"), ("as", "yte"), ("as", "aite"),
    ("us", "iene"), ("ys", "iene"), ("o", "a"), ("ek", "kova"), ("ak", "akova"),
)
# Pairs of spellings that are distinct family names, not typos of each other.
_VARIANT_ENDINGS = (("sen", "son"), ("man", "mann"), ("ei", "ey"), ("ai", "ay"), ("er", "re"))


@functools.lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """Casefolded, accent-free, punctuation-free form: "the U.S.'s" -> "us"."""
    s = unicodedata.normalize("NFKD", name.translate(_APOS))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold().strip()
    s = _POSSESSIVE.sub("", s)
    if s.startswith("the "):
        s = s[4:]
    s = s.replace(".", "")  # U.S. -> us, but "Kh-101" keeps a word break
    return " ".join(_NON_WORD.sub(" ", s).split())


def _numbers(s: str) -> list[str]:
    return re.findall(r"\d+", s)


def _inflected(a: str, b: str) -> bool:
    """True when a and b are one stem with two gendered or case endings."""
    for x, y in _INFLECTIONS:
        for p, q in ((a, b), (b, a)):
            if p.endswith(x) and q.endswith(y) and p[: len(p) - len(x)] == q[: len(q) - len(y)]:
                return True
    return False


def _variant(a: str, b: str) -> bool:
    for x, y in _VARIANT_ENDINGS:
        for p, q in ((a, b), (b, a)):
            if p.endswith(x) and q.endswith(y) and p[: len(p) - len(x)] == q[: len(q) - len(y)]:
                return True
    return False


def close_spelling(a: str, b: str) -> bool:
    """Guarded misspelling test on two normalized words (no gazetteer knowledge)."""
    if a == b:
        return True
    shorter = min(len(a), len(b))
    # Short names are too easily one letter apart by chance (Iran / Iraq, Mali / Bali).
    if shorter < 6 or a[0] != b[0] or _numbers(a) != _numbers(b):
        return False
    limit = 1 if shorter < 10 else 2
    if Levenshtein.distance(a, b, score_cutoff=limit) > limit:
        return False
    return not (_inflected(a, b) or _variant(a, b))


def fuzzy_tokens(a: str, b: str) -> bool:
    """Token-wise misspelling test: same number of words, at most one word misspelt."""
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb):
        return False
    diff = [(x, y) for x, y in zip(ta, tb) if x != y]
    return len(diff) == 1 and close_spelling(*diff[0])
