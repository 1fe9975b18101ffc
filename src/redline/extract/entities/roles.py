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

A role belongs only to the person its own title or apposition names. In
"X, a close ally of President Y" the title is Y's (a preposition stands
between X's comma and the title); in "X, Y's chief strategist" or "X, President
Y's envoy" the role word modifies the next noun, so it is no title of X's.
"former", "ex-", "retired", "then-" (and a few more) before a title make the
role a past one (``Role.former``); "assistant", "deputy", "vice" before it are
part of a lesser title ("assistant secretary of state" is no secretary of state).
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
# Words before a title that make it a past role: "former Governor X", "X, then deputy chief of staff".
PAST = frozenset({"former", "formerly", "ex", "ex-", "retired", "then", "then-", "onetime", "one-time", "erstwhile", "late", "past"})
# Ranks written before a title that make it another, lesser title: "assistant secretary of state".
_RANKS = frozenset({"assistant", "associate", "deputy", "vice"})  # not "under": "under President X" is a time
# Words that keep a phrase from being an apposition of the name before it: "X, not the president".
_NEGATIONS = frozenset({"not", "never", "no", "n't", "nor"})
# Parts of speech that may stand in an apposition before its title: "a Republican operative and
# Mitt Romney's chief strategist", "the independent senator", "his chief of staff".
_APPOS_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "CCONJ", "ADV", "PUNCT", "SPACE"})


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


@dataclass
class Found:
    """A role read at one mention: the lexicon's word, the title as written (with its rank),
    the affiliation, whether the article calls it past, and the title's token span."""
    word: object
    title: str
    aff: Affiliation
    former: bool
    start: int
    end: int


def read_role(doc, start: int, end: int, roles_by_end: dict[int, RoleMatch], tok_group: dict[int, object]) -> Found | None:
    """The role given to the person named by tokens [start, end), or None."""
    found = _premodifier(doc, start, roles_by_end, tok_group)
    if found is None:
        found = _apposition_after(doc, end, roles_by_end, tok_group)
    if found is not None and not (found.aff.org or found.aff.country):
        # "Defense Minister Anna Kowalczyk of Poland"
        after = _org_after(doc, end, min(len(doc), end + 4), tok_group, preps=frozenset({"of"}))
        if after is not None:
            found.aff = after
    return found


def _found(doc, rm: RoleMatch, aff: Affiliation, former: bool) -> Found:
    word = load().roles[rm.form]
    title = word.title
    rank = doc[rm.start - 1].lower_ if rm.start > 0 else ""
    if rank in _RANKS and not title.startswith(rank):
        title = f"{rank} {title}"
    return Found(word, title, aff, former, rm.start, rm.end)


def _past_marker(doc, i: int) -> bool:
    """Whether token i marks a past role. "then" does only as "then-President X" or "X, then
    deputy ...", not in a sequence ("Carter and then President Osk")."""
    t = doc[i]
    if t.lower_ not in PAST:
        return False
    if t.lower_ == "then" and i > 0 and (doc[i - 1].pos_ == "CCONJ" or doc[i - 1].lower_ in {"and", "but", "since", "until"}):
        return i + 1 < len(doc) and doc[i + 1].text == "-"
    return True


def _is_person(tok_group, i: int) -> bool:
    return i in tok_group and getattr(tok_group[i], "type", None) == "PERSON"


def _past_before(doc, i: int, tok_group) -> bool:
    """Whether a past marker stands before token i across the title's modifiers:
    "former U.S. Attorney General", "then-Secretary of State", "the late President"."""
    k, steps = i - 1, 0
    while k >= 0 and steps < 6:
        t = doc[k]
        if _past_marker(doc, k):
            return True
        if _is_person(tok_group, k) or t.text in _STOPS:
            return False
        if not (k in tok_group or t.tag_ == "POS" or t.text == "-" or t.is_space or t.lower_ in _SKIPPABLE or t.lower_ in _RANKS
                or t.pos_ in {"PROPN", "ADJ"}):
            return False
        k, steps = k - 1, steps + 1
    return False


def _premodifier(doc, start: int, roles_by_end, tok_group):
    g = load()
    j = start
    while j > 0 and doc[j - 1].text in g.honorifics:
        j -= 1
    rm = roles_by_end.get(j)
    org_aff = None
    if rm is None and j > 1 and doc[j - 1].text == ",":
        # "the Kremlin spokesman, Dmitry Peskov": only after a determiner, so that
        # a list ("..., Biden and ...") is not read as a title.
        rm = roles_by_end.get(j - 1)
        if rm is None:
            rm, org_aff = _title_of_org_before(doc, j - 1, roles_by_end, tok_group)
        if rm is not None and not _determined(doc, rm.start, tok_group):
            rm = None
    if rm is None:
        return None
    word = g.roles[rm.form]
    k = rm.start - 1
    while k >= 0 and (doc[k].lower_ in (_SKIPPABLE | PAST | _RANKS) and doc[k].lower_ not in {"the", "a", "an"}
                      or doc[k].tag_ == "POS" or doc[k].text == "-"):
        k -= 1
    aff = Affiliation()
    if k >= 0 and k in tok_group and not word.topic and not _is_person(tok_group, k):
        aff = affiliation_of(tok_group[k])
    if org_aff is not None and not aff.org:
        aff = Affiliation(org_aff.org, aff.country or org_aff.country)
    return _found(doc, rm, aff, _past_before(doc, rm.start, tok_group))


def _title_of_org_before(doc, comma: int, roles_by_end, tok_group):
    """"the chief executive of Ostwind Freight, Bo Dalberg": the title before an "of/at/for ORG"
    that ends at the comma before the name, and that organisation's affiliation."""
    k = comma - 1
    if k < 0 or k not in tok_group or _is_person(tok_group, k):
        return None, None
    grp = tok_group[k]
    while k > 0 and tok_group.get(k - 1) is grp:
        k -= 1
    while k > 0 and doc[k - 1].lower_ in {"the", "a", "an"}:
        k -= 1
    if k < 2 or doc[k - 1].lower_ not in {"of", "at", "for"}:
        return None, None
    rm = roles_by_end.get(k - 1)
    aff = affiliation_of(grp)
    return (rm, aff) if rm is not None and (aff.org or aff.country) else (None, None)


def _determined(doc, i: int, tok_group) -> bool:
    """A title before a comma names the next name only after its own determiner, and not as an
    item of a list ("the president, the vice president, Ann Osk": Osk is no vice president)."""
    k = i - 1
    while k >= 0 and (k in tok_group or doc[k].lower_ in (_SKIPPABLE | PAST | _RANKS) - {"the", "a", "an"}):
        k -= 1
    if k < 0 or doc[k].lower_ not in {"the", "a", "an"}:
        return False
    return k == 0 or doc[k - 1].text not in {",", ";"} and doc[k - 1].lower_ not in {"and", "or"}


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
        if not _apposition_words(doc, end + 1, rm.start, tok_group):
            return None  # a clause or a phrase about someone else: "X, who said", "X, an ally of President Y"
        if _modifies_next(doc, rm.end):
            continue  # "X, Romney's chief strategist": the role word is no title here; a later one may be
        word = g.roles[rm.form]
        aff = Affiliation()
        if not word.topic:
            for k in range(rm.start - 1, end, -1):
                if k in tok_group and not _is_person(tok_group, k):
                    aff = affiliation_of(tok_group[k])
                    break
        after = _org_after(doc, rm.end, w, tok_group)
        if after is not None and (aff.org is None or word.topic):
            aff = Affiliation(after.org or aff.org, aff.country or after.country)
        return _found(doc, rm, aff, _past_in(doc, end + 1, rm.start))
    return None


def _apposition_words(doc, start: int, end: int, tok_group) -> bool:
    """Whether tokens [start, end) can open an apposition whose head is the title after them: no verb
    (a past marker like "retired" aside), no preposition, no negation, no other person (save a possessor)."""
    for i in range(start, end):
        t = doc[i]
        if t.lower_ in PAST or t.tag_ in {"POS", "PRP$"}:
            continue
        if t.lower_ in _NEGATIONS or t.pos_ not in _APPOS_POS:
            return False
        if _is_person(tok_group, i):
            j = i
            while j < end and _is_person(tok_group, j) and tok_group[j] is tok_group[i]:
                j += 1
            # Another person may only modify the head: "Romney's chief strategist", "a Clinton
            # campaign spokesman"; "X, Kentucky Sen. Rand Paul and former HP CEO ..." is a list.
            if j >= end or not (doc[j].tag_ == "POS" or doc[j].pos_ in {"NOUN", "PROPN"} and not _is_person(tok_group, j)):
                return False
    return True


def _modifies_next(doc, i: int) -> bool:
    """A role word followed by a noun, name or adjective is that word's modifier: "chief strategist",
    "a fellow New Hampshire veteran", "President Y's envoy"."""
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i < len(doc) and doc[i].pos_ in {"NOUN", "PROPN", "ADJ", "NUM"} and doc[i].tag_ != "POS"


def _past_in(doc, start: int, end: int) -> bool:
    """A past marker in the apposition's last conjunct before the title: "a former Florida governor",
    "a strategist and former adviser" (past), "a former aide and now chief of staff" (not)."""
    for i in range(end - 1, start - 1, -1):
        t = doc[i]
        if t.pos_ == "CCONJ" or t.lower_ in {"now", "current", "currently"}:
            return False
        if _past_marker(doc, i):
            return True
    return False


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


def make_role(found: Found, published: str | None) -> Role:
    return Role(title=found.title, org=found.aff.org, country=found.aff.country, first_seen=published,
                last_seen=published, former=found.former)


def add_role(roles: list[Role], role: Role) -> None:
    """Add ``role`` unless the same title and org are there; fill a missing country. One article
    that once calls the role former ("former President X" beside "President X" in a look back)
    calls it past: the marker is explicit, the bare title may be historical."""
    for r in roles:
        if r.title == role.title and (r.org == role.org or role.org is None or r.org is None):
            r.org = r.org or role.org
            r.country = r.country or role.country
            r.former = r.former or role.former
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
            if r.title != title or r.former:
                continue  # "the spokesman" is who holds the title now, not who held it
            if org and r.org and r.org.lower() != org.lower() and not (country and r.country == country):
                continue
            if country and r.country and r.country != country:
                continue
            if best is not None and best is not e:
                return None  # two holders: ambiguous
            best = e
    return best
