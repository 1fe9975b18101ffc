"""Entities of one parsed article, with canonical names, countries, roles and gender.

Flow (one linear pass per step):
1. candidates: spaCy's entities cleaned of the model's slips (spans.py), the
   gazetteer matches (countries, demonyms, capitals and seats of government,
   organisations, regions, weapons), and the "X missiles" weapon pattern;
2. groups: one per real thing in the article. Gazetteer names group by entry
   (U.S. = United States = America); a capital or seat of government acting as
   an agent ("Washington approved", "the Kremlin warned") joins its country; a
   bare surname joins the full name it ends ("Biden" -> "Joe Biden");
   misspellings join through ``canon.same_entity``;
3. every further occurrence of a known name becomes a mention, so later
   stages can find "Biden" wherever the model missed it;
4. roles (roles.py), countries and gender.
"""
from __future__ import annotations

from collections import Counter

from ...nlp.text import doc_text
from ...records import Entity, EntityTable, Mention
from ..lexicon.gazetteer import GazEntry, load
from ..lexicon.names import family, same_entity
from ..lexicon.spelling import normalize
from . import people
from . import roles as rolemod
from .spans import Cand, clean_model_ents, gaz_matches, resolve_overlaps, role_matches, weapon_pattern

# Entities that a name can never be propagated into (a month called "May").
_WEAK_TYPES = frozenset({"PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
_NO_PROPAGATE = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


class _Group:
    __slots__ = ("cands", "gaz", "name", "type", "country", "roles", "gender", "first", "generation", "full", "apart")

    def __init__(self, gaz: GazEntry | None = None):
        self.cands: list[Cand] = []
        self.gaz = gaz
        self.name = ""
        self.type = ""
        self.country: str | None = gaz.country if gaz else None
        self.roles: list = []
        self.gender: str | None = None
        self.first = 0
        self.generation = ""  # people: "jr" of "Jan Osk Jr." (people.py)
        self.full = ""  # people: the first full name the group was made for
        self.apart = False  # people: a relative who shares another person's name ("his son, Jan Osk")


def extract_entities(doc, published: str | None = None, trace: list | None = None) -> EntityTable:
    """The article's entities; ``trace`` (a list), when given, receives one dict per role read:
    the entity id, the character span of the mention it was read at, and the role's title and org
    (the benchmark's judged sample points at the words a role came from)."""
    roles_by_end = role_matches(doc)
    # Every token of a title maps to the title's end, so that a name the model
    # starts mid-title ("General Pieter ..." of "Secretary-General Pieter ...") is trimmed too.
    roles_by_start = {i: r.end for r in roles_by_end.values() for i in range(r.start, r.end)}
    gaz = gaz_matches(doc)
    gaz_by_start = {c.start: c.end for c in gaz if c.gaz.kind != "weapon"}
    model = [c for c in clean_model_ents(doc, roles_by_start, gaz_by_start) if not _inside_title(c, roles_by_end)]
    taken = {i for c in gaz for i in range(c.start, c.end)}
    cands = resolve_overlaps(model, gaz, weapon_pattern(doc, taken))
    groups = _group(doc, cands)
    _inner_countries(groups, gaz)
    _propagate(doc, groups, set(roles_by_end))
    for grp in groups:
        _finish(doc, grp)
    reads: list = []
    _read_roles(doc, groups, roles_by_end, published, reads)
    table, ids = _table(doc, groups)
    if trace is not None:
        for grp, c, role in reads:
            trace.append({"entity_id": ids[id(grp)], "start": doc[c.start].idx,
                          "end": doc[c.end - 1].idx + len(doc[c.end - 1]), "title": role.title, "org": role.org})
    return table


def _inside_title(c: Cand, roles_by_end) -> bool:
    """The model's "State" inside "Secretary of State" is part of a title, not an entity."""
    for r in roles_by_end.values():
        if r.end - r.start > 1 and r.start <= c.start and c.end <= r.end:
            return True
    return False


def _text(doc, c: Cand) -> str:
    return doc[c.start : c.end].text


def _is_agent(doc, c: Cand) -> bool:
    """A capital or seat of government acting for its state: subject, possessor or "by" agent."""
    t = doc[c.start : c.end].root
    while t.dep_ == "conj" and t.head is not t:
        t = t.head
    if t.dep_ in {"nsubj", "csubj", "poss"}:
        return True
    return t.dep_ == "pobj" and t.head.dep_ == "agent"


def _group(doc, cands: list[Cand]) -> list[_Group]:
    g = load()
    by_key: dict[str, _Group] = {}
    pending: list[Cand] = []
    for c in cands:
        entry = c.gaz or (g.lookup(_text(doc, c)) if c.source == "model" else None)
        if entry is not None and entry.needs_context and c.gaz is None:
            entry = None  # "a Leopard in the zoo": the gazetteer matcher already judged the context
        if entry is None and c.source == "model" and c.label in {"GPE", "NORP", "LOC"}:
            near = g.near(_text(doc, c))  # "Afganistan": a misspelt country is still the country
            entry = near if near is not None and near.kind in {"country", "demonym", "capital", "place"} else None
        if entry is not None and entry.kind in {"capital", "seat"} and _is_agent(doc, c):
            entry = g.country_entry(entry.country) or entry
            c.label = "GPE"
        if entry is not None:
            c.gaz = entry
            by_key.setdefault("gaz:" + entry.key, _Group(entry)).cands.append(c)
        else:
            pending.append(c)
    people.group_people(doc, pending, by_key, _Group)
    groups = list(by_key.values())
    for grp in groups:
        grp.first = min(c.start for c in grp.cands)
        _settle_type(doc, grp)
    _unlisted_places(doc, groups)
    return _merge_fuzzy(doc, groups)


def _person_tokens(doc, c: Cand) -> list[str]:
    return people.person_tokens(doc, c)


def _settle_type(doc, grp: _Group) -> None:
    """One type per group: the gazetteer's, PERSON for a full name, else the majority label."""
    if grp.gaz is not None:
        labels = Counter(c.label for c in grp.cands)
        grp.type = grp.gaz.type if grp.gaz.kind != "country" else labels.most_common(1)[0][0]
        if grp.gaz.kind == "country" and grp.type not in {"GPE", "LOC"}:
            grp.type = "GPE"  # a listed country is never a person, whatever the model called it
        return
    votes = Counter()
    for c in grp.cands:
        # A full name outweighs any number of one-word slips ("Scholz" as GPE).
        votes[c.label] += 3 if c.label == "PERSON" and c.end - c.start > 1 else 1
        if c.end - c.start == 1 and _after_place_word(doc, c):
            votes["GPE"] += 2  # "targets inside Kazrania": people are not where things happen
    if any(c.source == "pattern" for c in grp.cands):
        votes["WEAPON"] += 100
    grp.type = votes.most_common(1)[0][0]


_PLACE_PREPS = frozenset({"in", "inside", "into", "across", "throughout", "within"})
# How demonyms end ("Kazranian", "Vietnamese", "Danish", "Iraqi"); a plural ("the Osks") is no demonym.
_DEMONYM_ENDS = ("an", "ese", "ish", "i")


def _after_place_word(doc, c: Cand) -> bool:
    """A one-word name governed by a preposition of place, not as a possessor ("in Osk's view")."""
    prev = doc[c.start - 1] if c.start > 0 else None
    nxt = doc[c.end] if c.end < len(doc) else None
    return prev is not None and prev.lower_ in _PLACE_PREPS and not (nxt is not None and nxt.tag_ == "POS")


def _unlisted_places(doc, groups: list[_Group]) -> None:
    """A one-word "person" whose demonym the article uses (as a name of any type) is a place: the
    model reads an unlisted country as a person ("Kazrania" beside "Kazranian troops"); people
    rarely have demonyms.
    A name with an honorific before it stays a person."""
    demonyms = [normalize(_best_surface(doc, grp)) for grp in groups if grp.type != "PERSON" and grp.gaz is None]
    demonyms += [normalize(grp.gaz.name) for grp in groups if grp.gaz is not None and grp.gaz.kind == "demonym"]
    if not demonyms:
        return
    honorifics = load().honorifics
    for grp in groups:
        if grp.type != "PERSON" or grp.gaz is not None or any(c.end - c.start > 1 for c in grp.cands):
            continue
        if any(c.start > 0 and doc[c.start - 1].text in honorifics for c in grp.cands):
            continue
        name = normalize(doc[grp.cands[0].start].text)
        stem = name.rstrip("aeiouy")
        if len(stem) >= 4 and any(d.startswith(stem) and 0 < len(d) - len(name) <= 3 and d.endswith(_DEMONYM_ENDS)
                                  for d in demonyms):
            grp.type = "GPE"


def _merge_fuzzy(doc, groups: list[_Group]) -> list[_Group]:
    """Merge groups whose names are misspellings of one another (guarded, see canon.py)."""
    names = {id(grp): _best_surface(doc, grp) for grp in groups}
    blocks: dict[tuple[bool, str], list[_Group]] = {}
    for grp in groups:
        norm = normalize(grp.gaz.name if grp.gaz else names[id(grp)])
        if norm:
            blocks.setdefault((grp.type == "PERSON", norm[0]), []).append(grp)
    parent = {id(grp): grp for grp in groups}

    def root(grp):
        while parent[id(grp)] is not grp:
            grp = parent[id(grp)]
        return grp

    for members in blocks.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if root(a) is root(b) or (a.gaz and b.gaz) or not _families_meet(a.type, b.type):
                    continue
                if a.type == "PERSON" and b.type == "PERSON" and (
                        a.apart or b.apart or not _may_be_one_person(names[id(a)], names[id(b)])):
                    continue
                strong = b.type if a.type in _WEAK_TYPES else a.type
                if same_entity(a.gaz.name if a.gaz else names[id(a)], b.gaz.name if b.gaz else names[id(b)], strong):
                    ra, rb = root(a), root(b)
                    keep, drop = (ra, rb) if (ra.gaz or len(ra.cands) >= len(rb.cands)) else (rb, ra)
                    keep.cands.extend(drop.cands)
                    if keep.type in _WEAK_TYPES:
                        keep.type = drop.type
                    parent[id(drop)] = keep
    return [grp for grp in groups if parent[id(grp)] is grp]


def _may_be_one_person(a: str, b: str) -> bool:
    """Names of people that only a misspelling may join: both full or both bare (``people`` decided
    which bare surname joins which full name), and of one generation ("Jan Osk Jr." is his son)."""
    if (len(a.split()) > 1) != (len(b.split()) > 1):
        return False
    return people.name_generation(a) == people.name_generation(b)


def _families_meet(a: str, b: str) -> bool:
    # The model's PRODUCT / EVENT / WORK_OF_ART labels on a name are often slips
    # for a place or organisation, so within one article they may merge with those.
    if family(a) == family(b):
        return True
    return (a in _WEAK_TYPES or b in _WEAK_TYPES) and "PERSON" not in (a, b) and "WEAPON" not in (a, b)


def _best_surface(doc, grp: _Group) -> str:
    """The name a group goes by: the most frequent form, longest on ties (people: full names first)."""
    counts = Counter(_text(doc, c) for c in grp.cands)
    if grp.type == "PERSON":
        return max(counts, key=lambda n: (len(n.split()) > 1, counts[n], len(n)))
    return max(counts, key=lambda n: (counts[n], len(n)))


def _inner_countries(groups: list[_Group], gaz: list[Cand]) -> None:
    """An organisation or place named after a country takes its country:
    "Latvian Constitutional Court" -> LVA, "United Bus Company of Tehran" -> IRN."""
    inner = {c.start: c.gaz for c in gaz if c.gaz.kind in {"country", "demonym", "capital", "place"} and c.gaz.country}
    if not inner:
        return
    for grp in groups:
        if grp.gaz is not None or grp.type not in {"ORG", "FAC", "GPE", "LOC"}:
            continue
        for c in grp.cands:
            found = next((inner[i] for i in range(c.start, c.end) if i in inner), None)
            if found is not None:
                grp.country = found.country
                break


def _propagate(doc, groups: list[_Group], title_ends: set[int] = frozenset()) -> None:
    """Mentions for every occurrence of a known name, wherever the model missed it.

    Gazetteer names are already matched everywhere; this covers people,
    places and organisations the model named only some of the time. A surname
    after a given name the model missed ("Renata Osk" where the article also
    names Pavel Osk) is another person's, and is left alone; ``title_ends``
    (where a title ends: "Councillor Osk") tells a title from a given name.
    """
    honorifics = load().honorifics
    covered = {i for grp in groups for c in grp.cands for i in range(c.start, c.end)}
    person_surnames = Counter()
    for grp in groups:
        if grp.type == "PERSON":
            person_surnames.update({people.surname(_person_tokens(doc, c)) for c in grp.cands if c.end - c.start > 1})
    surnames = set(person_surnames)
    by_first: dict[str, list[tuple[tuple[str, ...], _Group]]] = {}
    for grp in groups:
        if grp.gaz is not None:
            continue
        forms = {tuple(t.text for t in doc[c.start : c.end]) for c in grp.cands}
        if grp.type == "PERSON":
            forms |= {(s,) for c in grp.cands
                      if c.end - c.start > 1 and person_surnames[(s := people.surname(_person_tokens(doc, c)))] == 1}
        for form in forms:
            by_first.setdefault(form[0], []).append((form, grp))
    for tok in doc:
        options = by_first.get(tok.text)
        if not options or tok.i in covered or tok.ent_type_ in _NO_PROPAGATE:
            continue
        for form, grp in sorted(options, key=lambda o: -len(o[0])):
            end = tok.i + len(form)
            if end > len(doc) or any(doc[k].text != w or k in covered for k, w in zip(range(tok.i, end), form)):
                continue
            # A lone capitalised word is a name when the tagger agrees, or when it
            # is the surname of a full name in the article and no function word
            # ("Will" or "May" at the start of a sentence are not names).
            if len(form) == 1 and tok.pos_ != "PROPN" and not (
                grp.type == "PERSON" and tok.text in surnames and tok.is_title and not tok.is_stop and tok.tag_ != "MD"
            ):
                continue
            if len(form) == 1 and grp.type == "PERSON" and _after_other_name(doc, tok, covered, title_ends, honorifics):
                other = _Group()  # the other person, by the full name the article gives
                other.type = "PERSON"
                other.cands.append(Cand(tok.i - 1, tok.i + 1, "PERSON", "prop"))
                groups.append(other)
                covered.update((tok.i - 1, tok.i))
                break
            grp.cands.append(Cand(tok.i, end, grp.type, "prop"))
            covered.update(range(tok.i, end))
            break


def _after_other_name(doc, tok, covered: set[int], title_ends: set[int], honorifics) -> bool:
    """Whether a lone surname follows a given name of its own: a capitalised proper noun that is no
    name already found, no title and no honorific ("Renata Osk", not "Councillor Osk")."""
    if tok.i == 0 or tok.i in title_ends:
        return False
    prev = doc[tok.i - 1]
    return (prev.pos_ == "PROPN" and prev.is_title and prev.i not in covered and prev.text not in honorifics
            and prev.is_sent_start is not True and not tok.is_sent_start)


def _finish(doc, grp: _Group) -> None:
    g = load()
    grp.cands.sort(key=lambda c: c.start)
    grp.first = grp.cands[0].start
    grp.name = grp.gaz.name if grp.gaz else _best_surface(doc, grp)
    if grp.type == "PERSON":
        first = normalize(grp.name).split()
        grp.gender = g.given.get(first[0]) if len(first) > 1 else None
        for c in grp.cands:
            prev = doc[c.start - 1].text if c.start > 0 else ""
            if g.honorifics.get(prev):
                grp.gender = g.honorifics[prev]


def _read_roles(doc, groups: list[_Group], roles_by_end, published: str | None, reads: list) -> None:
    tok_group = {i: grp for grp in groups for c in grp.cands for i in range(c.start, c.end)}
    for grp in groups:
        if grp.type != "PERSON":
            continue
        for c in grp.cands:
            found = rolemod.read_role(doc, c.start, c.end, roles_by_end, tok_group)
            if found is None:
                continue
            role = rolemod.make_role(found, published)
            reads.append((grp, c, role))
            rolemod.add_role(grp.roles, role)
            grp.gender = grp.gender or found.word.gender
        # A person's country is the one their role gives ("German Chancellor" -> DEU).
        grp.country = next((r.country for r in grp.roles if r.country), None)


def _table(doc, groups: list[_Group]) -> tuple[EntityTable, dict[int, str]]:
    entities, mentions, ids = [], [], {}
    full = doc_text(doc)
    for n, grp in enumerate(sorted(groups, key=lambda x: x.first), start=1):
        eid = ids[id(grp)] = f"e{n}"
        aliases: list[str] = []
        for c in grp.cands:
            start, end = doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1])
            text = full[start:end]
            mentions.append(Mention(entity_id=eid, start=start, end=end, text=text))
            if text not in aliases:
                aliases.append(text)
        entities.append(Entity(id=eid, name=grp.name, type=grp.type, country=grp.country, aliases=aliases,
                               roles=grp.roles, gender=grp.gender))
    return EntityTable(entities, mentions), ids
