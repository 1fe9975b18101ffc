"""Name normalisation and the guarded fuzzy test for "same entity".

One test, ``same_entity``, serves both levels: merging the names of one
article, and merging an article's entities into the store's canonical ones
through ``EntityIndex``. Fuzzy matching (rapidfuzz) catches misspellings such as
"Belgorad" for "Belgorod", and guards keep apart names that are merely close:
gazetteer entries never fuzzy-merge with each other (Austria is not Australia),
gender-inflected surnames stay apart (Ivanov is not Ivanova), numbers must
agree (F-15 is not F-16), short names must match exactly, and the first letter
must agree.
"""
from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata

from rapidfuzz.distance import Levenshtein

_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_NON_WORD = re.compile(r"[^\w]+")
_POSSESSIVE = re.compile(r"'s?$")
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


def family(type_: str) -> str:
    return _FAMILY.get(type_, type_.lower())


@functools.lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    from .gazetteer import load

    g = load()
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


def _fuzzy_tokens(a: str, b: str) -> bool:
    """Token-wise misspelling test: same number of words, at most one word misspelt."""
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb):
        return False
    diff = [(x, y) for x, y in zip(ta, tb) if x != y]
    return len(diff) == 1 and close_spelling(*diff[0])


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
    from .gazetteer import load

    na, nb = normalize(a_name), normalize(b_name)
    if not na or not nb:
        return False
    if na == nb:
        return True
    g = load()
    ka, kb = g.by_norm.get(na), g.by_norm.get(nb)
    if ka or kb:
        if ka and kb:
            return ka == kb  # aliases of one entry; two known entries never fuzzy-merge
        known = ka or kb
        # An unknown name may be a misspelling of a known one, but never of a
        # short name or one that needs context.
        return _fuzzy_tokens(na, nb) and not g.entries[known].needs_context
    if family(type) == "person":
        return same_person(na, nb)
    return _fuzzy_tokens(na, nb)


class CanonicalEntity:
    """One real thing across the store: its canonical name, type, country, aliases and roles."""

    __slots__ = ("key", "name", "type", "country", "aliases", "roles", "gender")

    def __init__(self, key: str, name: str, type: str, country: str | None = None):
        self.key, self.name, self.type, self.country = key, name, type, country
        self.aliases: list[str] = [name]
        self.roles: list = []
        self.gender: str | None = None

    def __repr__(self) -> str:
        return f"CanonicalEntity({self.key!r}, {self.name!r}, {self.type!r}, {self.country!r})"


class EntityIndex:
    """Incremental cross-article canonicalisation.

    Each new name is compared only with a small block of candidates: exact
    normalized aliases by dict look-up, then fuzzy candidates that share the
    type family, all words but one, and the first or last three letters of the
    remaining word (persons: given name and surname ends); see ``_blocks``.
    ``same_entity`` then decides, so the cost per entity stays flat with tens
    of thousands of known entities.
    """

    def __init__(self) -> None:
        self._items: dict[str, CanonicalEntity] = {}
        self._exact: dict[tuple[str, str], str] = {}
        self._blocks: dict[tuple, set[tuple[str, str]]] = {}
        self._surnames: dict[str, set[str]] = {}

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self):
        return iter(self._items.values())

    def get(self, key: str) -> CanonicalEntity | None:
        return self._items.get(key)

    # -- look-up ----------------------------------------------------------
    def resolve(self, name: str, type: str) -> str | None:
        """The key of the known entity ``name`` refers to, or None."""
        from .gazetteer import load

        norm, fam = normalize(name), family(type)
        if not norm:
            return None
        gaz = load().by_norm.get(norm)
        if gaz is not None:
            return gaz if gaz in self._items else None
        if fam == "person" and not person_parts(norm)[0]:
            return self._resolve_person(norm)  # a bare surname: unique holder or nobody
        hit = self._exact.get((fam, norm))
        if hit is not None:
            return hit
        if fam == "person":
            return self._resolve_person(norm)
        for key, alias in self._candidates(fam, norm):
            if same_entity(norm, alias, self._items[key].type):
                return key
        return None

    def _resolve_person(self, norm: str) -> str | None:
        given, surname = person_parts(norm)
        same_surname = self._surnames.get(surname, set())
        if not given:
            # A bare surname names a known person only when exactly one has it.
            full = [k for k in same_surname if person_parts(self._items[k].name)[0]]
            pool = full or list(same_surname)
            return pool[0] if len(pool) == 1 else None
        # The known person's own given name must agree too: "Ilse Brooke" is
        # not "Harlan Brooke" just because both were once called "Brooke".
        matches = [k for k in same_surname if same_person(norm, self._items[k].name)]
        if not matches:
            # A misspelt surname is only trusted with an agreeing given name
            # (canon.same_person), so the block is given name + surname ends.
            pool = set().union(*(self._blocks.get(b, ()) for b in _person_blocks(given, surname)))
            matches = list({k for k, alias in pool if same_person(norm, alias) and same_person(norm, self._items[k].name)})
        # Prefer one that already has a full name; a bare-surname entity is upgraded by add().
        matches.sort(key=lambda k: -len(person_parts(self._items[k].name)[0]))
        return matches[0] if matches else None

    def _candidates(self, fam: str, norm: str) -> set[tuple[str, str]]:
        """(key, normalized alias) pairs that share a blocking key with ``norm``."""
        return set().union(*(self._blocks.get(b, ()) for b in _blocks(fam, norm)))

    # -- update -----------------------------------------------------------
    def restore(self, item: CanonicalEntity) -> None:
        """Put back a canonical entity read from storage (its key, aliases and roles as saved)."""
        self._items[item.key] = item
        for alias in item.aliases or [item.name]:
            self._register(item, alias)

    def add(self, entity) -> str:
        """Merge ``entity`` (a redline.records.Entity) into the index; return its canonical key."""
        from .gazetteer import load

        g = load()
        key = self.resolve(entity.name, entity.type)
        if key is None:
            fam = family(entity.type)
            key = next((k for a in entity.aliases if (fam != "person" or person_parts(a)[0])
                        and (k := self._exact.get((fam, normalize(a))))), None)
        if key is None:
            gaz = g.by_norm.get(normalize(entity.name))
            if gaz is not None:
                e = g.entries[gaz]
                item = CanonicalEntity(gaz, e.name, entity.type, e.country)
            else:
                item = CanonicalEntity(self._new_key(entity), entity.name, entity.type, entity.country)
            self._items[item.key] = item
            key = item.key
        self._merge(self._items[key], entity)
        return key

    def _new_key(self, entity) -> str:
        base = f"{family(entity.type)}:{normalize(entity.name).replace(' ', '-')}"
        key, n = base, 1
        while key in self._items:
            n += 1
            key = f"{base}-{n}"
        return key

    def _merge(self, item: CanonicalEntity, entity) -> None:
        if family(item.type) == "person" and not person_parts(item.name)[0] and person_parts(entity.name)[0]:
            item.name = entity.name  # "Biden" becomes "Joe Biden" once a full name is seen
        item.country = item.country or entity.country
        item.gender = item.gender or getattr(entity, "gender", None)
        for alias in [entity.name, *entity.aliases]:
            if alias not in item.aliases:
                item.aliases.append(alias)
            self._register(item, alias)
        for role in entity.roles:
            same = next((r for r in item.roles if (r.title, r.org) == (role.title, role.org)), None)
            if same is None:
                item.roles.append(dataclasses.replace(role))  # a copy: the article keeps its own
                continue
            dates = [d for d in (same.first_seen, same.last_seen, role.first_seen, role.last_seen) if d]
            if dates:
                same.first_seen, same.last_seen = min(dates), max(dates)
            same.country = same.country or role.country

    def _register(self, item: CanonicalEntity, alias: str) -> None:
        norm, fam = normalize(alias), family(item.type)
        if not norm:
            return
        self._exact.setdefault((fam, norm), item.key)
        if fam == "person":
            given, surname = person_parts(norm)
            self._surnames.setdefault(surname, set()).add(item.key)
            blocks = _person_blocks(given, surname)
        else:
            blocks = _blocks(fam, norm)
        for b in blocks:
            self._blocks.setdefault(b, set()).add((item.key, norm))


def _blocks(fam: str, norm: str) -> list[tuple]:
    """Blocking keys: a fuzzy match differs in one word, and one edit in a word of
    six letters or more leaves its first or its last three letters intact. So a
    misspelling shares a key with the right name: all other words, plus the
    changed word's first (or last) three letters."""
    toks = norm.split()
    out = []
    for i, tok in enumerate(toks):
        rest = tuple(toks[:i] + toks[i + 1 :])
        out.append((fam, i, rest, "<" + tok[:3]))
        out.append((fam, i, rest, ">" + tok[-3:]))
    return out


def _person_blocks(given: list[str], surname: str) -> list[tuple]:
    first = given[0] if given else ""
    return [("person", first, "<" + surname[:3]), ("person", first, ">" + surname[-3:])]
