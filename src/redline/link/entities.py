"""Canonical entities across the store: the entity index, and the linker that uses it.

``EntityIndex`` merges each article's local entities into the store's
canonical ones (exact aliases, then guarded fuzzy matching over a small
candidate block; ``extract.lexicon.names.same_entity`` decides). The index
lives here, in the link stage, never in the store: ``EntityLinker`` loads it
once from ``Store.canonical_entities()`` and keeps it for an ingest run,
mapping each article's entities to canonical keys just before the article is
stored (``EntityLinker.prepare``), with holders resolved to states
(``holders``). ``find_entities`` resolves a name the way the index does, for
readers.

People stay apart where the names do: a name with one generation suffix is
never a name with another ("Jan Osk Jr." is not "Jan Osk Sr."), two people of
one article are two canonical people however alike their names (a son who
shares his father's name), and a bare surname resolves only to the one known
person who has it. A gazetteer name (a country, a capital) resolves only to
its own entry: a capital that stood for its state in one article is never the
name, nor an alias that captures, of the country's entity.
"""
from __future__ import annotations

import dataclasses
import weakref
from typing import Any

from ..extract.entities.people import name_generation
from ..extract.lexicon import gazetteer
from ..extract.lexicon.names import family, person_parts, same_entity, same_person
from ..extract.lexicon.spelling import normalize
from ..records import Entity, Role
from ..store.base import CanonicalLinks, EntityRow, NewArticle, Store
from . import holders


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
        # Insertion-ordered "sets" (dicts with None values): a tie between two
        # candidates is settled by which was known first, never by hash order,
        # so results do not depend on PYTHONHASHSEED.
        self._blocks: dict[tuple, dict[tuple[str, str], None]] = {}
        self._surnames: dict[str, dict[str, None]] = {}

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self):
        return iter(self._items.values())

    def get(self, key: str) -> CanonicalEntity | None:
        return self._items.get(key)

    # -- look-up ----------------------------------------------------------
    def resolve(self, name: str, type: str, exclude: frozenset[str] = frozenset()) -> str | None:
        """The key of the known entity ``name`` refers to, or None; never one of ``exclude``
        (the people already taken by other names of the same article)."""
        norm, fam = normalize(name), family(type)
        if not norm:
            return None
        gaz = gazetteer.load().by_norm.get(norm)
        if gaz is not None:
            return gaz if gaz in self._items else None
        if fam == "person" and not person_parts(norm)[0]:
            return self._resolve_person(norm, exclude)  # a bare surname: unique holder or nobody
        hit = self._exact.get((fam, norm))
        if hit is not None and hit not in exclude:
            return hit
        if fam == "person":
            return self._resolve_person(norm, exclude)
        for key, alias in self._candidates(fam, norm):
            if same_entity(norm, alias, self._items[key].type):
                return key
        return None

    def _resolve_person(self, norm: str, exclude: frozenset[str] = frozenset()) -> str | None:
        given, surname = person_parts(norm)
        same_surname = [k for k in self._surnames.get(surname, {}) if k not in exclude]
        if not given:
            if any(k in exclude for k in self._surnames.get(surname, {})):
                return None  # the article has people of this surname and left it open: so does the index
            # A bare surname names a known person only when exactly one has it.
            full = [k for k in same_surname if person_parts(self._items[k].name)[0]]
            pool = full or list(same_surname)
            return pool[0] if len(pool) == 1 else None
        # The known person's own given name must agree too: "Ilse Brooke" is
        # not "Harlan Brooke" just because both were once called "Brooke";
        # and so must the generation, where both names give one.
        gen = name_generation(norm)
        matches = [k for k in same_surname if same_person(norm, self._items[k].name)
                   and _generations_meet(gen, self._items[k].name)]
        if not matches:
            # A misspelt surname is only trusted with an agreeing given name
            # (lexicon.names.same_person), so the block is given name + surname ends.
            pool = _union(self._blocks.get(b, {}) for b in _person_blocks(given, surname))
            matches = list(dict.fromkeys(k for k, alias in pool
                                         if k not in exclude and same_person(norm, alias)
                                         and same_person(norm, self._items[k].name)
                                         and _generations_meet(gen, self._items[k].name)))
        # Prefer one that already has a full name; a bare-surname entity is upgraded by add().
        matches.sort(key=lambda k: -len(person_parts(self._items[k].name)[0]))
        return matches[0] if matches else None

    def _candidates(self, fam: str, norm: str) -> list[tuple[str, str]]:
        """(key, normalized alias) pairs that share a blocking key with ``norm``, first known first."""
        return _union(self._blocks.get(b, {}) for b in _blocks(fam, norm))

    # -- update -----------------------------------------------------------
    def restore(self, item: CanonicalEntity) -> None:
        """Put back a canonical entity read from storage (its key, aliases and roles as saved)."""
        self._items[item.key] = item
        for alias in item.aliases or [item.name]:
            self._register(item, alias)

    def add(self, entity, exclude: frozenset[str] = frozenset()) -> str:
        """Merge ``entity`` (a redline.records.Entity) into the index; return its canonical key.
        ``exclude``: keys it may not join (for people, those of the article's other people)."""
        g = gazetteer.load()
        key = self.resolve(entity.name, entity.type, exclude)
        named = g.by_norm.get(normalize(entity.name))
        if key is None and named is None:  # a gazetteer name is its own entry, never an alias's owner
            fam = family(entity.type)
            key = next((k for a in entity.aliases if (fam != "person" or person_parts(a)[0])
                        and (k := self._exact.get((fam, normalize(a)))) and k not in exclude
                        and (fam != "person" or _generations_meet(name_generation(a), self._items[k].name))), None)
        if key is None:
            gaz = named
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
            same.former = _former_now(same, role)
            dates = [d for d in (same.first_seen, same.last_seen, role.first_seen, role.last_seen) if d]
            if dates:
                same.first_seen, same.last_seen = min(dates), max(dates)
            same.country = same.country or role.country

    def _register(self, item: CanonicalEntity, alias: str) -> None:
        norm, fam = normalize(alias), family(item.type)
        if not norm:
            return
        owner = gazetteer.load().by_norm.get(norm)
        if owner is not None and owner != item.key:
            return  # "Capitalia" stood for its country once: it stays the capital's own name
        self._exact.setdefault((fam, norm), item.key)
        if fam == "person":
            given, surname = person_parts(norm)
            self._surnames.setdefault(surname, {})[item.key] = None
            blocks = _person_blocks(given, surname)
        else:
            blocks = _blocks(fam, norm)
        for b in blocks:
            self._blocks.setdefault(b, {})[(item.key, norm)] = None


def _generations_meet(gen: str, known_name: str) -> bool:
    """Whether a name of generation ``gen`` ("jr", or "" for none given) may be a known person's:
    two different suffixes never are; a missing one may be (wire copy drops "Jr.")."""
    known = name_generation(known_name)
    return not gen or not known or gen == known


def _former_now(known: Role, new: Role) -> bool:
    """Whether a role is past as of the latest article that showed it (the later sighting decides;
    on one date, or undated, a past marker wins: it is explicit, a bare title may look back)."""
    a, b = known.last_seen or "", new.last_seen or ""
    if a != b and a and b:
        return bool(new.former if b > a else known.former)
    return bool(known.former or new.former)


def _union(groups) -> list:
    """The members of ordered groups, each once, in order."""
    return list(dict.fromkeys(x for g in groups for x in g))


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


class EntityLinker:
    """Maps each article's local entities onto the store's canonical ones, just before it is stored.

    Holds the ``EntityIndex`` for a run: loaded from the store on first use,
    kept up to date as articles are prepared, and dropped (reloaded next time)
    when a write fails, so that it never keeps entities the store does not have.
    """

    def __init__(self, store: Store):
        self.store = store
        self._index: EntityIndex | None = None

    @property
    def index(self) -> EntityIndex:
        if self._index is None:
            self._index = load_index(self.store)
        return self._index

    def reset(self) -> None:
        self._index = None

    def prepare(self, article: NewArticle) -> None:
        """Set ``article.links`` for its analysis (none without one)."""
        analysis = article.analysis
        if analysis is None:
            article.links = None
            return
        index = self.index
        keys: dict[str, str] = {}
        touched: dict[str, CanonicalEntity] = {}
        people: set[str] = set()  # the article's people are different people (a namesake son is not his father)
        for e in analysis.entities.entities:
            person = family(e.type) == "person"
            keys[e.id] = index.add(e, frozenset(people) if person else frozenset())
            if person:
                people.add(keys[e.id])
            touched[keys[e.id]] = index.get(keys[e.id])
        rows = [_row(item) for item in touched.values()]
        holders = [self._holder(p, keys, rows) for p in analysis.positions]
        article.links = CanonicalLinks(rows, keys, holders)

    def put(self, article: NewArticle):
        """Prepare and store an article (``Store.put_article``); a failed write resets the index."""
        try:
            self.prepare(article)
            return self.store.put_article(article)
        except BaseException:
            self.reset()
            raise

    def _holder(self, p: dict[str, Any], keys: dict[str, str], rows: list[EntityRow]) -> tuple[str | None, str | None]:
        holder = keys.get(p.get("holder_id") or "")
        if holder is None:
            return None, None
        speaker = keys.get(p.get("speaker_id") or "")
        item = self.index.get(holder)
        if item is not None and item.type == "PERSON":
            state = p.get("holder_country") or holders.head_of(item.roles)
            country = self._country(state, rows) if state else None
            if country is not None:
                return country, speaker or holder
        return holder, speaker

    def _country(self, iso3: str, rows: list[EntityRow]) -> str | None:
        """The canonical key of a state, made from the gazetteer when no article has named it yet."""
        entry = holders.state_entry(iso3)
        if entry is None:
            return None
        index = self.index
        if index.get(entry.key) is not None:
            return entry.key
        key = index.add(Entity(id="_", name=entry.name, type="GPE", country=iso3, aliases=[entry.name]))
        item = index.get(key)
        rows.append(EntityRow(key, item.name, item.type, item.country, aliases=list(item.aliases), name_only=True))
        return key


def _row(item: CanonicalEntity) -> EntityRow:
    return EntityRow(item.key, item.name, item.type, item.country, item.gender, list(item.aliases),
                     [dataclasses.asdict(r) for r in item.roles])


def load_index(store: Store) -> EntityIndex:
    """The entity index of everything the store holds."""
    index = EntityIndex()
    for r in store.canonical_entities():
        item = CanonicalEntity(r.key, r.name, r.type, r.country)
        item.aliases = list(r.aliases)
        item.roles = [Role(**x) for x in r.roles]
        item.gender = r.gender
        index.restore(item)
    return index


_READERS: "weakref.WeakKeyDictionary[Store, tuple[Any, EntityIndex]]" = weakref.WeakKeyDictionary()


def reader_index(store: Store) -> EntityIndex:
    """The index for reading a store: rebuilt when its entities have changed since it was built."""
    version = store.entities_version()
    held = _READERS.get(store)
    if held is None or held[0] != version:
        held = _READERS[store] = (version, load_index(store))
    return held[1]


def find_entities(store: Store, name: str) -> list[dict[str, Any]]:
    """Entities ``name`` refers to: canonical resolution first, then a substring match."""
    out: list[dict[str, Any]] = []
    index = reader_index(store)
    for type_ in ("PERSON", "GPE", "ORG", "NORP", "LOC", "FAC", "WEAPON"):
        key = index.resolve(name, type_)
        if key:
            r = store.entity_by_key(key)
            if r and all(r["id"] != o["id"] for o in out):
                out.append(r)
    return out or store.find_entities(name)
