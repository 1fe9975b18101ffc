"""Roles of people, read from the words around their names.

Three shapes cover most news prose:
- premodifiers: "German Chancellor Olaf Scholz", "Outgoing U.S. President Joe Biden",
  "NATO Secretary-General Jens Stoltenberg";
- appositions after the name: "Dmitry Peskov, the Kremlin spokesman," or
  "Nona Mikhelidze, a Russia expert at the Istituto Affari Internazionali";
- appositions before it: "the Kremlin spokesman, Dmitry Peskov".
The word before the title gives the affiliation: a country or demonym sets the
role's country, an organisation or seat of government its org (and the seat's
country). For topic titles (expert, analyst...) a country before the title is
the subject of expertise, so the org comes from the "at/of/with X" after it.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...records import Entity, EntityTable, Role
from ..lexicon.gazetteer import load
from .spans import RoleMatch

_WINDOW = 14  # tokens an apposition may run before its closing comma
_STOPS = frozenset({",", ".", ";", ":", "“", "”", '"', "(", ")", "—", "–"})
_ORG_PREPS = frozenset({"at", "of", "for", "with", "from", "in"})
_SKIPPABLE = frozenset({"the", "a", "an", "-", "top", "senior", "chief", "deputy", "former", "longtime", "veteran", "leading", "outgoing", "new"})


@dataclass
class Affiliation:
    org: str | None = None
    country: str | None = None


def affiliation_of(group) -> Affiliation:
    """What a group standing before or after a title says about the role."""
    entry = group.gaz
    if entry is not None:
        if entry.kind in {"country", "demonym", "capital"}:
            return Affiliation(None, entry.country)
        return Affiliation(entry.name, entry.country)  # seats of government, organisations
    if group.type in {"ORG", "FAC", "GPE", "LOC"}:
        return Affiliation(group.name, group.country)
    return Affiliation()


def read_role(doc, start: int, end: int, roles_by_end: dict[int, RoleMatch], tok_group: dict[int, object]):
    """The role (RoleWord, Affiliation) given to the person named by tokens [start, end), or None."""
    found = _premodifier(doc, start, roles_by_end, tok_group)
    if found is None:
        found = _apposition_after(doc, end, roles_by_end, tok_group)
    if found is not None and not (found[1].org or found[1].country):
        # "Defense Minister Anna Kowalczyk of Poland"
        after = _org_after(doc, end, min(len(doc), end + 4), tok_group, preps=frozenset({"of"}))
        if after is not None:
            found = (found[0], after)
    return found


def _premodifier(doc, start: int, roles_by_end, tok_group):
    g = load()
    j = start
    while j > 0 and doc[j - 1].text in g.honorifics:
        j -= 1
    rm = roles_by_end.get(j)
    if rm is None and j > 1 and doc[j - 1].text == ",":
        # "the Kremlin spokesman, Dmitry Peskov": only after a determiner, so that
        # a list ("..., Biden and ...") is not read as a title.
        rm = roles_by_end.get(j - 1)
        if rm is not None and not _determined(doc, rm.start, tok_group):
            rm = None
    if rm is None:
        return None
    word = g.roles[rm.form]
    k = rm.start - 1
    while k >= 0 and (doc[k].lower_ in _SKIPPABLE and doc[k].lower_ not in {"the", "a", "an"} or doc[k].tag_ == "POS"):
        k -= 1
    aff = Affiliation()
    if k >= 0 and k in tok_group and not word.topic:
        aff = affiliation_of(tok_group[k])
    return word, aff


def _determined(doc, i: int, tok_group) -> bool:
    k = i - 1
    while k >= 0 and (k in tok_group or doc[k].lower_ in _SKIPPABLE - {"the", "a", "an"}):
        k -= 1
    return k >= 0 and doc[k].lower_ in {"the", "a", "an"}


def _apposition_after(doc, end: int, roles_by_end, tok_group):
    if end >= len(doc) or doc[end].text != ",":
        return None
    g = load()
    limit = min(len(doc), end + 1 + _WINDOW)
    w = end + 1
    while w < limit and doc[w].text not in _STOPS:
        w += 1
    for stop in range(end + 2, w + 1):
        rm = roles_by_end.get(stop)
        if rm is None or rm.start <= end:
            continue
        between = doc[end + 1 : rm.start]
        if any(t.pos_ in {"VERB", "AUX"} for t in between):
            return None  # a clause, not an apposition: "Biden, who said ..."
        word = g.roles[rm.form]
        aff = Affiliation()
        if not word.topic:
            for k in range(rm.start - 1, end, -1):
                if k in tok_group:
                    aff = affiliation_of(tok_group[k])
                    break
        after = _org_after(doc, rm.end, w, tok_group)
        if after is not None and (aff.org is None or word.topic):
            aff = Affiliation(after.org or aff.org, aff.country or after.country)
        return word, aff
    return None


def _org_after(doc, i: int, limit: int, tok_group, preps: frozenset[str] = _ORG_PREPS) -> Affiliation | None:
    """"... expert at the Istituto X", "spokesman for the Kremlin"."""
    if i >= limit or doc[i].lower_ not in preps:
        return None
    i += 1
    while i < limit and doc[i].lower_ in {"the", "a", "an"}:
        i += 1
    if i < limit and i in tok_group:
        aff = affiliation_of(tok_group[i])
        if aff.org or aff.country:
            return aff
    return None


def make_role(word, aff: Affiliation, published: str | None) -> Role:
    return Role(title=word.title, org=aff.org, country=aff.country, first_seen=published, last_seen=published)


def add_role(roles: list[Role], role: Role) -> None:
    """Add ``role`` unless the same title and org are there; fill a missing country."""
    for r in roles:
        if r.title == role.title and (r.org == role.org or role.org is None or r.org is None):
            r.org = r.org or role.org
            r.country = r.country or role.country
            return
    roles.append(role)


def holder_of(table: EntityTable, title: str, org: str | None = None, country: str | None = None) -> Entity | None:
    """The person in ``table`` holding a role: for role-only speakers ("the Kremlin spokesman")."""
    title = title.lower()
    word = load().roles.get(title)
    title = word.title if word else title
    best = None
    for e in table.entities:
        if e.type != "PERSON":
            continue
        for r in e.roles:
            if r.title != title:
                continue
            if org and r.org and r.org.lower() != org.lower() and not (country and r.country == country):
                continue
            if country and r.country and r.country != country:
                continue
            if best is not None and best is not e:
                return None  # two holders: ambiguous
            best = e
    return best
