"""Whether two names name the same thing: type families, person names, and ``same_entity``.

One test, ``same_entity``, serves both levels: merging the names of one
article (the entities stage), and merging an article's entities into the
store's canonical ones (the entity index). Gazetteer entries never
fuzzy-merge with each other (Austria is not Australia); other names pass the
guarded misspelling tests of ``spelling``.
"""
from __future__ import annotations

import functools

from . import gazetteer
from .spelling import close_spelling, fuzzy_tokens, normalize

_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

# Families of entity types that may name the same thing. spaCy's small model
# often calls a city an ORG or a region a PERSON-less GPE, so places and
# organisations form one family; people never merge with anything else.
_FAMILY = {
    "PERSON": "person",
    "GPE": "place", "LOC": "place", "FAC": "place", "ORG": "place",
    "NORP": "group",
    "WEAPON": "thing", "PRODUCT": "thing",
}


def family(type_: str) -> str:
    return _FAMILY.get(type_, type_.lower())


@functools.lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    g = gazetteer.load()
    return frozenset({normalize(h) for h in g.honorifics} | {f for f in g.roles if " " not in f})


@functools.lru_cache(maxsize=65536)
def person_parts(name: str) -> tuple[tuple[str, ...], str]:
    """(given names, surname) of a person name, titles left out: "President Joe Biden" -> (("joe",), "biden")."""
    toks = [t for t in normalize(name).split() if t not in _SUFFIXES]
    titles = _title_words()
    while len(toks) > 1 and toks[0] in titles:
        toks = toks[1:]
    if not toks:
        return (), ""
    return tuple(toks[:-1]), toks[-1]


def _given_compatible(ga: tuple[str, ...], gb: tuple[str, ...]) -> bool:
    """Given names agree when one side has none, or the first ones match (or are initials)."""
    if not ga or not gb:
        return True
    x, y = ga[0], gb[0]
    if x == y:
        return True
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    return close_spelling(x, y)


def same_person(a: str, b: str) -> bool:
    ga, sa = person_parts(a)
    gb, sb = person_parts(b)
    if not sa or not sb or not _given_compatible(ga, gb):
        return False
    if sa == sb:
        return True
    # A misspelt surname is trusted only when both sides give a first name
    # that agrees: bare surnames one letter apart (Meyer / Meier) are often
    # different people.
    return bool(ga and gb) and close_spelling(sa, sb)


def same_entity(a_name: str, b_name: str, type: str) -> bool:
    """Whether two names of the given type name the same thing.

    Exact (normalized) and alias matches are always the same; fuzzy matches
    pass only the guards described in the module docstring.
    """
    na, nb = normalize(a_name), normalize(b_name)
    if not na or not nb:
        return False
    if na == nb:
        return True
    g = gazetteer.load()
    ka, kb = g.by_norm.get(na), g.by_norm.get(nb)
    if ka or kb:
        if ka and kb:
            return ka == kb  # aliases of one entry; two known entries never fuzzy-merge
        known = ka or kb
        # An unknown name may be a misspelling of a known one, but never of a
        # short name or one that needs context.
        return fuzzy_tokens(na, nb) and not g.entries[known].needs_context
    if family(type) == "person":
        return same_person(na, nb)
    return fuzzy_tokens(na, nb)

