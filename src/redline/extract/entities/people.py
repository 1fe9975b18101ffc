"""People of one article: which names are one person, and which are relatives or namesakes.

A full name is one person. A relative who shares it is another: "Jan Osk Jr."
is not "Jan Osk" (generation suffixes keep names apart), and neither is the
"Jan Osk" that the article introduces as "his son, Jan Osk" after naming the
father. A bare surname ("Osk") joins a full name only when exactly one person
with that surname is known in the article at that point (named in full before
it; or, before any, in the whole article); a gendered honorific narrows the
choice ("Mrs. Osk" is not "Pavel Osk"). With two or more left the surname
stays a person of its own, unresolved, rather than handing one person's words
to another. A bare given name ("Hillary") joins the one full name starting with it.
"""
from __future__ import annotations

from typing import Callable

from ..lexicon.gazetteer import load
from ..lexicon.names import person_parts, same_person
from ..lexicon.spelling import normalize
from .spans import Cand

# Generation suffixes: a father and a son who share a name differ by these alone.
GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Particles that belong to a surname, not to the given names: "de Blasio", "bin Laden", "von der Leyen".
PARTICLES = frozenset("de del della der di da das dos du van von den ter bin ibn al el la le st st.".split())
# Kinship nouns that introduce another person: "his son, Jan Osk", "her father Pavel Osk".
_KIN = frozenset("son sons daughter daughters father mother brother sister wife husband grandson granddaughter "
                 "grandfather grandmother nephew niece uncle aunt cousin stepson stepdaughter stepfather "
                 "stepmother widow widower".split())


def person_tokens(doc, c: Cand) -> list[str]:
    return [t.text for t in doc[c.start : c.end] if not t.is_punct]


def generation(toks: list[str]) -> str:
    """The generation suffix of a name ("jr" of "Jan Osk Jr."), or ""."""
    last = normalize(toks[-1]) if toks else ""
    return last if len(toks) > 1 and last in GENERATIONS else ""


def surname(toks: list[str]) -> str:
    """The last word of a name that is no generation suffix, as written."""
    core = toks[:-1] if generation(toks) else toks
    return core[-1] if core else ""


def name_generation(name: str) -> str:
    return generation(name.split())


def _kin_before(doc, start: int) -> bool:
    """Whether a kinship noun owned by someone stands right before the name: "his son (,) Jan Osk",
    "the senator's daughter Ana Osk"."""
    i = start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    if i < 1 or doc[i].lower_ not in _KIN:
        return False
    owner = doc[i - 1]
    return owner.tag_ in {"PRP$", "POS"} or owner.lower_ in {"whose"}


def _gender_of(doc, cands: list[Cand]) -> str | None:
    """A person's gender as the article shows it: an honorific before a mention, else the given name."""
    g = load()
    for c in cands:
        if c.start > 0 and g.honorifics.get(doc[c.start - 1].text):
            return g.honorifics[doc[c.start - 1].text]
    for c in cands:
        toks = person_tokens(doc, c)
        if len(toks) > 1:
            return g.given.get(toks[0].lower())
    return None


def _trim_run_in(doc, c: Cand) -> None:
    """Cut what the model ran into a name: a word before a spaced or hanging hyphen or a line break
    ("pro-Cruz", "Weak - Rubio", "X.\n\nOsk")."""
    for i in range(c.end - 1, c.start, -1):
        t, prev = doc[i], doc[i - 1]
        if "\n" in prev.whitespace_ or prev.is_space or (
                prev.text == "-" and (prev.whitespace_ or doc[i - 2].whitespace_ or doc[i - 2].is_lower)):
            c.start = i
            return


def _opener_like(doc, c: Cand) -> bool:
    """Two words whose first opens the sentence, capitalised, is no known given name and is no
    proper noun to the tagger: "Top Osk adviser" of a headline, not "Liv Osk" (a name the list lacks)."""
    first = doc[c.start]
    return (c.label == "PERSON" and c.end - c.start == 2 and (first.is_sent_start or first.i == 0)
            and first.lower_ not in load().given and first.is_title and not first.text.endswith(".")
            and first.pos_ != "PROPN")


def given_names(name: str) -> tuple[str, ...]:
    """The given names of a name, titles and surname particles left out: none in "Gov Osk", "de Blasio"."""
    return tuple(t for t in person_parts(name)[0] if t not in PARTICLES)


def _is_full(c: Cand, toks: list[str]) -> bool:
    """A full name: two words or more, of which one is a given name."""
    return c.label == "PERSON" and len(toks) >= 2 and bool(given_names(" ".join(toks)))


def group_people(doc, pending: list[Cand], by_key: dict, new_group: Callable[[], object]) -> None:
    """Group the article's name candidates that no gazetteer explains into people (see the module doc)."""
    surnames: dict[str, dict[int, object]] = {}
    givens: dict[str, dict[int, object]] = {}
    singles: list[Cand] = []
    for c in pending:
        if c.label == "PERSON" and c.end - c.start > 1:
            _trim_run_in(doc, c)
    # An opener before the surname of another person of the article is no given name ("Top Osk
    # adviser" where Ana Osk is named); elsewhere it may be one the list lacks ("Erin Osk").
    shared: dict[str, set[str]] = {}
    for c in pending:
        if _is_full(c, toks := person_tokens(doc, c)) and not _opener_like(doc, c):
            shared.setdefault(normalize(surname(toks)), set()).add(normalize(toks[0]))
    for c in pending:
        others = shared.get(normalize(doc[c.end - 1].text)) if _opener_like(doc, c) else None
        if others and normalize(doc[c.start].text) not in others:
            c.start += 1
        toks = person_tokens(doc, c)
        if not _is_full(c, toks):
            singles.append(c)
            continue
        name = " ".join(toks)
        key = "name:" + normalize(name)
        sn = normalize(surname(toks))
        if key in by_key and _kin_before(doc, c.start):
            key = f"{key}#kin{c.start}"  # "his son, Jan Osk" after the father Jan Osk: another person
        elif key not in by_key:
            # "Donald J. Trump" and "Donald Trump" are one person before any surname is shared out.
            key = next((k for k, grp in surnames.get(sn, {}).values()
                        if "#kin" not in k and generation(toks) == grp.generation and _one_person(name, grp.full)), key)
        grp = by_key.get(key)
        if grp is None:
            grp = by_key[key] = new_group()
            grp.generation, grp.full, grp.apart = generation(toks), name, "#kin" in key
        grp.cands.append(c)
        surnames.setdefault(sn, {})[id(grp)] = (key, grp)
        givens.setdefault(normalize(toks[0]), {})[id(grp)] = grp
    genders = {gid: _gender_of(doc, grp.cands) for owners in surnames.values() for gid, (_k, grp) in owners.items()}
    for c in singles:
        text = doc[c.start : c.end].text
        sn = person_parts(text)[1]
        bare = not given_names(text) and sn and (c.end - c.start == 1 or c.label == "PERSON")
        owners = {gid: grp for gid, (_k, grp) in surnames.get(sn, {}).items()} if bare else {}
        # Those named so far: news name a person in full before the surname alone ("Ana Osk ...
        # Osk said ... her son, Jan Osk"), so a surname before the second Osk is Ana's.
        named = {gid: grp for gid, grp in owners.items() if min(x.start for x in grp.cands) < c.start}
        owners = named or owners
        if owners:
            said = _honorific_gender(doc, c)
            if said:  # "Mrs. Osk" is none of the men called Osk
                owners = {gid: grp for gid, grp in owners.items() if genders.get(gid) in (None, said)}
            c.label = "PERSON"  # a surname of a person here: a person, even where it is left unresolved
            if len(owners) == 1:
                next(iter(owners.values())).cands.append(c)
                continue
        norm = normalize(text)
        first = givens.get(norm) if c.end - c.start == 1 and c.label == "PERSON" and not surnames.get(sn) else None
        if first and len(first) == 1:
            next(iter(first.values())).cands.append(c)
            continue
        by_key.setdefault("name:" + (sn if bare and surnames.get(sn) else norm), new_group()).cands.append(c)


def _one_person(a: str, b: str) -> bool:
    """Two full names of one surname that name one person: the same given name, an initial, a slip
    (``same_person``), or a short form ("Ken" of "Kenneth", "Pete" of "Peter") of one gender."""
    if same_person(a, b):
        return True
    (ga, sa), (gb, sb) = person_parts(a), person_parts(b)
    if sa != sb or not ga or not gb:
        return False
    x, y = sorted((ga[0], gb[0]), key=len)
    given = load().given
    return len(x) >= 3 and y.startswith(x) and (given.get(x) is None or given.get(y) is None or given[x] == given[y])


def _honorific_gender(doc, c: Cand) -> str | None:
    """The gender an honorific before (or opening) a mention gives: "Mrs. Osk" -> "f"."""
    honorifics = load().honorifics
    for i in (c.start - 1, c.start):
        if 0 <= i < len(doc) and honorifics.get(doc[i].text):
            return honorifics[doc[i].text]
    return None
