"""Candidate entity spans of one parsed doc: spaCy's entities, cleaned, plus gazetteer matches.

spaCy's small English model makes a few regular slips that are cheaper to
fix after parsing than to retrain: it merges lists ("Biden, Scholz"), keeps
titles and possessives inside names ("President Joe Biden", "North Korea's"),
runs a possessor into the next name ("Biden's Ukraine"), and labels well-known
places as people or products. The gazetteers (src/redline/data) fix the
places, organisations and weapons it knows; everything here is one linear pass.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...records import ENTITY_TYPES
from ..lexicon.gazetteer import WEAPON_HEADS, WEAPON_MODIFIERS, GazEntry, load, matchers

KEEP = frozenset(ENTITY_TYPES) - {"WEAPON"}  # spaCy's labels kept; WEAPON comes from the gazetteer
# Model labels that lose to a gazetteer match of the same words: a listed
# capital tagged PERSON ("Kyiv") or a listed weapon tagged PRODUCT ("Taurus").
_WEAK = frozenset({"PERSON", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
# Words after a comma that continue a name rather than start a new one.
_NAME_TAILS = frozenset({"jr", "jr.", "sr", "sr.", "inc", "inc.", "ltd", "ltd.", "llc", "co", "co.", "d.c.", "dc", "ii", "iii"})
# Words before a title that belong to neither the title nor the name.
_PRE_TITLE = frozenset({"outgoing", "former", "acting", "then", "then-", "late", "incoming", "interim", "ex", "ex-", "embattled", "newly", "elected"})
_PLACE_NOUNS = frozenset({"region", "oblast", "province", "city", "town", "village", "district", "county", "state", "republic", "capital", "port"})
_NOT_NAME_TAGS = frozenset({"IN", "RB", "CC", "PRP", "PRP$", "MD", "VB", "VBD", "VBZ", "VBP", "WDT", "WP", "WRB", "EX", "TO"})
_POS = frozenset({"'s", "’s", "'", "’"})


@dataclass
class Cand:
    start: int  # token index
    end: int
    label: str
    source: str  # model, gaz, pattern
    gaz: GazEntry | None = None


@dataclass
class RoleMatch:
    start: int
    end: int
    form: str


def _is_pos(tok) -> bool:
    # "'s" inside a name is a possessive whatever the tagger says ("Biden's Ukraine");
    # a bare apostrophe only when tagged so ("the Kyiv' ..." is rare, quotes are common).
    return tok.text in {"'s", "’s"} or (tok.text in _POS and tok.tag_ == "POS")


def role_matches(doc) -> dict[int, RoleMatch]:
    """Role-word matches (longest, non-overlapping) keyed by their end token."""
    from spacy.util import filter_spans

    m = matchers(doc.vocab)
    # The form is the lexicon's own key for the match, never the text as written:
    # "Secretary - General" (spaced hyphens, common in wire copy) matches the
    # form "secretary-general" token by token, but its text is not that key.
    forms = {(s, e): m.role_ids[mid] for mid, s, e in m.roles(doc)}
    out: dict[int, RoleMatch] = {}
    for sp in filter_spans([doc[s:e] for s, e in forms]):
        out[sp.end] = RoleMatch(sp.start, sp.end, forms[(sp.start, sp.end)])
    return out


def gaz_matches(doc) -> list[Cand]:
    from spacy.util import filter_spans

    g, m = load(), matchers(doc.vocab)
    found = [doc[s:e] for _, s, e in m.gaz(doc)]
    keys = {(s, e): m.gaz_ids[mid] for mid, s, e in m.gaz(doc)}
    out = []
    for sp in filter_spans(found):
        entry = g.entries[keys[(sp.start, sp.end)]]
        if entry.needs_context and not _weapon_context(doc, sp):
            continue
        start = sp.start + (sp[0].lower_ == "the" and len(sp) > 1)  # "the U.K." is mentioned as "U.K."
        out.append(Cand(start, sp.end, entry.type, "gaz", entry))
    return out


def _weapon_context(doc, span) -> bool:
    """A context-dependent weapon name counts with a number in it or a weapon word after it."""
    if any(ch.isdigit() for ch in span.text):
        return True
    i = span.end
    while i < len(doc) and i < span.end + 3 and doc[i].lower_ in WEAPON_MODIFIERS:
        i += 1
    return i < len(doc) and doc[i].lower_ in WEAPON_HEADS


def weapon_pattern(doc, taken: set[int]) -> list[Cand]:
    """Unlisted systems named by the pattern "X missiles" / "X missile system" / "X rockets".

    X is a run of proper-noun or acronym tokens that no gazetteer or model
    entity explains as a country, people or organisation ("Russian missiles"
    is not a weapon name).
    """
    out = []
    for tok in doc:
        if tok.lower_ not in WEAPON_HEADS or tok.lower_ in {"system", "systems"}:
            continue
        i = tok.i - 1
        while i >= 0 and doc[i].lower_ in WEAPON_MODIFIERS and tok.i - i <= 3:
            i -= 1
        end = i + 1
        while i >= 0 and _name_like(doc[i]) and i not in taken and doc[i].ent_type_ not in {"NORP", "GPE", "PERSON", "DATE", "CARDINAL", "ORDINAL"}:
            i -= 1
        start = i + 1
        if start < end and not doc[start].is_sent_start:
            out.append(Cand(start, end, "WEAPON", "pattern"))
    return out


def _name_like(tok) -> bool:
    t = tok.text
    return bool(t) and t[0].isupper() and (tok.pos_ == "PROPN" or t.isupper() or any(c.isdigit() for c in t))


def clean_model_ents(doc, roles_by_start: dict[int, int], gaz_by_start: dict[int, int]) -> list[Cand]:
    """spaCy's entities split into single names and trimmed of titles, articles and possessives.

    ``roles_by_start`` maps each token of a role phrase to the phrase's end; ``gaz_by_start``
    does the same for gazetteer names (countries, demonyms, organisations).
    """
    g = load()
    out = []
    for ent in doc.ents:
        if ent.label_ not in KEEP:
            continue
        for s, e in _split(doc, ent.start, ent.end):
            s, e, label = _trim(doc, s, e, ent.label_, roles_by_start, gaz_by_start, g.honorifics)
            if s < e and any(t.is_alpha and t.text[:1].isupper() or t.is_digit for t in doc[s:e]):
                if label != "PERSON" and _after_title(doc, s, e, roles_by_start, g.honorifics):
                    label = "PERSON"
                out.append(Cand(s, e, _retype(doc, s, e, label), "model"))
    return out


def _after_title(doc, s: int, e: int, roles_by_start: dict[int, int], honorifics) -> bool:
    """A two- or three-word proper name right after a title is a person: "Vice-President Moody Awori"."""
    if not 2 <= e - s <= 3 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in doc[s:e]):
        return False
    prev = doc[s - 1] if s > 0 else None
    if prev is None:
        return False
    return prev.text in honorifics or roles_by_start.get(s - 1) == s


def _split(doc, start: int, end: int) -> list[tuple[int, int]]:
    """Split at possessives ("Biden's Ukraine") and at list commas / "and" ("Biden, Scholz")."""
    parts, s = [], start
    has_comma = any(doc[i].text == "," for i in range(start, end))
    for i in range(start, end):
        tok = doc[i]
        cut = _is_pos(tok) or (tok.text == "," and i + 1 < end and doc[i + 1].lower_ not in _NAME_TAILS)
        # "and" splits only a list that also has commas: "Kyiv, Odesa and Kharkiv",
        # not "Bosnia and Herzegovina" or "Procter and Gamble".
        cut = cut or (tok.lower_ == "and" and has_comma)
        if cut:
            parts.append((s, i))
            s = i + 1
    parts.append((s, end))
    return [(a, b) for a, b in parts if a < b]


def _trim(doc, s: int, e: int, label: str, roles_by_start: dict[int, int], gaz_by_start: dict[int, int], honorifics) -> tuple[int, int, str]:
    """Strip articles, punctuation, possessives and titles; a stripped title means a person."""
    # Leading function words: "the", and a sentence's first word run into a
    # name ("Unlike Harlan Brooke").
    while s < e and (doc[s].is_punct or doc[s].lower_ in {"the", "a", "an"} or doc[s].tag_ in _NOT_NAME_TAGS):
        s += 1
    while e > s and (doc[e - 1].is_punct or _is_pos(doc[e - 1])) and doc[e - 1].text != ")":
        e -= 1
    # Titles are kept out of names: "U.S. President Joe Biden" -> "Joe Biden".
    titled, changed = False, True
    while changed and s < e - 1:
        changed = False
        tok = doc[s]
        if tok.text in honorifics or tok.lower_ in _PRE_TITLE or tok.text == "-":
            s, changed, titled = s + 1, True, titled or tok.text in honorifics
        elif s in roles_by_start and roles_by_start[s] < e:
            s, changed, titled = roles_by_start[s], True, True
        elif s in gaz_by_start and gaz_by_start[s] < e and gaz_by_start[s] in roles_by_start:
            s, changed = gaz_by_start[s], True  # "German Chancellor ..." -> "Chancellor ..."
    # The model sometimes labels "General Pieter Vandermolen" an ORG: a name
    # that followed a title and is all proper nouns is a person.
    if titled and label != "PERSON" and e - s <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in doc[s:e]):
        label = "PERSON"
    return s, e, label


def _retype(doc, s: int, e: int, label: str) -> str:
    """Small, general corrections of the model's label from the words around a name."""
    nxt = doc[e] if e < len(doc) else None
    prev = doc[s - 1] if s > 0 else None
    if nxt is not None and nxt.lower_ in _PLACE_NOUNS and nxt.pos_ == "NOUN":
        return "GPE"  # "Kursk region", "Belgorod province"
    if prev is not None and prev.lower_ == "of" and s > 1 and doc[s - 2].lower_ in _PLACE_NOUNS:
        return "GPE"  # "the region of Belgorod"
    if nxt is not None and nxt.text == "," and e + 2 < len(doc) and doc[e + 1].lower_ in {"a", "the"} and doc[e + 2].lower_ in _PLACE_NOUNS:
        return "GPE"  # "Belgorod, a city near the border"
    if label == "PERSON" and e - s == 1 and prev is not None and prev.lower_ == "the":
        return "LOC"  # people rarely take "the": "the Donbass"
    return label


def resolve_overlaps(model: list[Cand], gaz: list[Cand], pattern: list[Cand]) -> list[Cand]:
    """One candidate per token: gazetteer and pattern matches against the model's entities."""
    chosen: dict[int, Cand] = {}
    for c in model:
        for i in range(c.start, c.end):
            chosen[i] = c
    for c in gaz + pattern:
        rivals = {id(r): r for i in range(c.start, c.end) if (r := chosen.get(i)) is not None}.values()
        if not all(_wins(c, r) for r in rivals):
            continue
        if c.gaz is not None:
            same = [r for r in rivals if (r.start, r.end) == (c.start, c.end)]
            c.label = _label_for(c.gaz, same[0].label if same else None)
        for r in rivals:
            for i in range(r.start, r.end):
                if chosen.get(i) is r:
                    del chosen[i]
        for i in range(c.start, c.end):
            chosen[i] = c
    seen, out = set(), []
    for i in sorted(chosen):
        c = chosen[i]
        if id(c) not in seen:
            seen.add(id(c))
            out.append(c)
    return out


def _wins(c: Cand, rival: Cand) -> bool:
    if rival.source != "model":
        return (c.end - c.start) > (rival.end - rival.start)
    covers = c.start <= rival.start and c.end >= rival.end
    if covers:
        return True
    if c.label == "WEAPON" and rival.label in {"PRODUCT", "EVENT"}:
        return True
    inside = rival.start <= c.start and rival.end >= c.end
    # The model's longer name wins ("George Washington", "Patriot Act") unless it is a weak label.
    return not inside and (c.end - c.start) >= (rival.end - rival.start)


def _label_for(entry: GazEntry, model_label: str | None) -> str:
    if entry.kind == "country":
        return model_label if model_label in {"GPE", "LOC"} else "GPE"
    if entry.kind in {"weapon", "demonym", "capital", "region", "org"}:
        return entry.type
    # Seats of government: keep the model's reading (ORG "Kremlin", FAC "White House") if plausible.
    return model_label if model_label in {"ORG", "FAC", "GPE"} else entry.type
