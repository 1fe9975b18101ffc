"""The project's gazetteers (src/redline/data/<language>/*.json) and their spaCy matchers.

The data files are read once. Matchers are built once per spaCy vocab and
cached, because ``extract_entities`` receives an already-parsed doc and runs on
every article: building a PhraseMatcher costs milliseconds, running it costs
microseconds.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from . import data_language, read_json
from .spelling import fuzzy_tokens, normalize

# Words that follow a weapon's name ("Leopard tanks", "Taurus cruise missiles").
# They confirm a context-dependent name and drive the "X missiles" pattern.
WEAPON_HEADS = frozenset(
    "missile missiles rocket rockets launcher launchers drone drones tank tanks jet jets "
    "howitzer howitzers system systems interceptor interceptors warplane warplanes "
    "fighter fighters bomber bombers helicopter helicopters".split()
)
# Words between a weapon's name and its head ("Storm Shadow cruise missiles").
WEAPON_MODIFIERS = frozenset(
    "cruise ballistic hypersonic anti-ship anti-tank anti-aircraft air defense defence surface-to-air "
    "air-to-air long-range short-range medium-range intermediate-range guided artillery attack fighter "
    "rocket missile battle main multiple launch - kamikaze combat".split()
)


@dataclass(frozen=True)
class GazEntry:
    key: str  # stable id: "country:USA", "seat:RUS:kremlin", "weapon:atacms", ...
    name: str  # canonical name
    type: str  # GPE, NORP, ORG, LOC, WEAPON
    kind: str  # country, demonym, capital, seat, org, region, weapon
    country: str | None = None
    needs_context: bool = False


@dataclass(frozen=True)
class RoleWord:
    title: str
    gender: str | None = None
    topic: bool = False


@dataclass(eq=False)
class Gazetteer:
    entries: dict[str, GazEntry] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)  # entry key -> surface forms
    by_norm: dict[str, str] = field(default_factory=dict)  # normalized alias -> entry key
    roles: dict[str, RoleWord] = field(default_factory=dict)  # lower-case form -> role
    honorifics: dict[str, str | None] = field(default_factory=dict)
    given: dict[str, str] = field(default_factory=dict)  # given name -> "m" / "f"
    _fuzzy_blocks: dict[str, list[tuple[str, str]]] | None = None

    def add(self, entry: GazEntry, forms: list[str]) -> None:
        self.entries.setdefault(entry.key, entry)
        surface = self.aliases.setdefault(entry.key, [])
        for form in forms:
            if form and form not in surface:
                surface.append(form)
            # The first entry to claim a name keeps it: countries load first, so
            # "Georgia" the country is not shadowed by anything loaded later.
            self.by_norm.setdefault(normalize(form), entry.key)

    def lookup(self, name: str) -> GazEntry | None:
        key = self.by_norm.get(normalize(name))
        return self.entries.get(key) if key else None

    def country_entry(self, iso: str) -> GazEntry | None:
        return self.entries.get(f"country:{iso}")

    def near(self, name: str) -> GazEntry | None:
        """The one entry ``name`` is a misspelling of ("Afganistan"), or None."""
        return self._near(normalize(name))

    @functools.lru_cache(maxsize=8192)
    def _near(self, norm: str) -> GazEntry | None:
        if not norm or norm in self.by_norm:
            return None
        if self._fuzzy_blocks is None:
            self._fuzzy_blocks = {}
            for alias, key in self.by_norm.items():
                for b in ("<" + alias[:3], ">" + alias[-3:]):
                    self._fuzzy_blocks.setdefault(b, []).append((alias, key))
        keys = {key for b in ("<" + norm[:3], ">" + norm[-3:]) for alias, key in self._fuzzy_blocks.get(b, ())
                if fuzzy_tokens(norm, alias)}
        entry = self.entries[keys.pop()] if len(keys) == 1 else None
        return None if entry is None or entry.needs_context else entry


def load(language: str | None = None) -> Gazetteer:
    """The gazetteer of ``language`` (default and fallback: English), read once."""
    return _load(data_language(language))


@functools.lru_cache(maxsize=4)
def _load(language: str) -> Gazetteer:
    def _read(name: str) -> dict:
        return read_json(name, language)

    g = Gazetteer()
    countries = _read("countries.json")
    for c in countries["countries"]:
        iso = c["iso3"]
        g.add(GazEntry(f"country:{iso}", c["name"], "GPE", "country", iso), [c["name"], *c["aliases"]])
    # Demonyms, capitals and seats come after every country name, so that a
    # capital named like another country never takes that country's name.
    for c in countries["countries"]:
        iso = c["iso3"]
        if c["demonyms"]:
            g.add(GazEntry(f"demonym:{iso}", c["demonyms"][0], "NORP", "demonym", iso), c["demonyms"])
        for cap in c["capitals"]:
            g.add(GazEntry(f"capital:{iso}:{normalize(cap)}", cap, "GPE", "capital", iso), [cap])
        for seat in c["seats"]:
            g.add(GazEntry(f"seat:{iso}:{normalize(seat)}", seat, "ORG", "seat", iso), [seat])
    for place in countries.get("places", []):
        iso = place["country"]
        g.add(GazEntry(f"place:{iso}:{normalize(place['name'])}", place["name"], "GPE", "place", iso),
              [place["name"], *place["aliases"]])
    for region in countries["regions"]:
        g.add(GazEntry(f"region:{normalize(region)}", region, "LOC", "region"), [region])
    for o in _read("orgs.json")["orgs"]:
        g.add(GazEntry(f"org:{normalize(o['name'])}", o["name"], "ORG", "org", o.get("country")), [o["name"], *o["aliases"]])
    for w in _read("weapons.json")["weapons"]:
        entry = GazEntry(f"weapon:{normalize(w['name'])}", w["name"], "WEAPON", "weapon", w.get("country"),
                         bool(w.get("needs_context")))
        g.add(entry, [w["name"], *w["aliases"]])
    roles = _read("roles.json")
    for r in roles["roles"]:
        word = RoleWord(r["title"], r.get("gender"), bool(r.get("topic")))
        for form in r["forms"]:
            g.roles[form.lower()] = word
    g.honorifics = dict(roles["honorifics"])
    names = _read("given_names.json")
    for gender in ("m", "f"):
        for n in names[gender]:
            g.given[n.lower()] = gender
    return g


@dataclass
class Matchers:
    gaz: object  # PhraseMatcher on ORTH: names are case-sensitive ("US" is not "us")
    roles: object  # PhraseMatcher on LOWER: role words appear in any case
    gaz_ids: dict[int, str]  # match id -> entry key
    role_ids: dict[int, str]  # match id -> role form


_MATCHERS: dict[int, tuple[object, Matchers]] = {}


def matchers(vocab) -> Matchers:
    """The phrase matchers for ``vocab``, built on first use and cached."""
    hit = _MATCHERS.get(id(vocab))
    if hit is not None and hit[0] is vocab:
        return hit[1]
    from spacy.lang.en import English
    from spacy.matcher import PhraseMatcher

    g = load()
    # The English tokenizer splits patterns the way the parsed doc was split.
    tokenizer = English(vocab=vocab).tokenizer
    gaz = PhraseMatcher(vocab, attr="ORTH")
    gaz_ids: dict[int, str] = {}
    for key, forms in g.aliases.items():
        gaz.add(key, list(tokenizer.pipe(forms)))
        gaz_ids[vocab.strings[key]] = key
    roles = PhraseMatcher(vocab, attr="LOWER")
    role_ids: dict[int, str] = {}
    for form in g.roles:
        roles.add(form, [tokenizer(form)])
        role_ids[vocab.strings[form]] = form
    m = Matchers(gaz, roles, gaz_ids, role_ids)
    _MATCHERS[id(vocab)] = (vocab, m)
    return m
