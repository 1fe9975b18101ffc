"""Positions and changes over an invented corpus in six domains (``tests/fixtures/domains/``).

Each domain folder holds two or three short wire articles (``.txt`` with a
``.meta.json`` sidecar giving ``published`` and ``title``), dated weeks apart,
and an ``expected.json``:

- ``namesakes``: groups of unrelated people sharing a surname;
- ``positions``: stances a reader finds (file, holder as named, or a list of
  names that stand for it, such as a company and its chief executive, stance,
  object head words, ``"when": "before"`` for a stance held only before the
  article, ``or``: other stance and object words saying the same, as "for the
  appeal" for "against the ruling", and the sentence, for the reader);
- ``changes``: every change of stance in the domain (holder, object words,
  from, to, the article(s) where the new stance is said);
- ``forbidden``: stances that must not become positions: hedges ("might
  back"), questions, conditionals ("would sign if"), reported pressure ("urged
  X to"), claims about others ("warned that Y opposes"). Each names the file,
  the holder, the object words and, when only one side is wrong, the stance.
  Each past-only expected stance also forbids the same stance held now, in its
  article, unless that article also expects it now ("who voted against the levy
  in June" is no current opposition).

Every domain also has an unrelated person sharing a surname with a holder, so
that a wrong merge of the two shows up as a false change.

Everything in the corpus is invented: people, towns, companies, parties, countries.

Matching, as ``bench/bench_positions.py`` ``_finds``: same article, same stance,
a holder sharing a name word (titles and "the" ignored) and not a namesake of
it ("Pavel Osk" is not "Renata Osk"), a proposition (or qualifier) sharing a
content word with the object; a past-only expected stance
is found by a past stance, a current one by a current one. A change is found
by a stored change with such a holder and object, the same from- and to-stance,
and its new stance in one of the expected articles. A forbidden position is hit
by a stored position of its file whose holder's name words are, either way, a
subset of its holder's (so a namesake, "Pavel Osk" for "Renata Osk", is no hit),
with a shared object word and, when given, the same stance.

Strict: no stored change outside the expected changes, no forbidden position.
Floors: expected positions and changes found, all domains together.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

DOMAINS = Path(__file__).resolve().parent / "fixtures" / "domains"
NAMES = ("election", "court", "acquisition", "health", "budget", "trade")

# Expected positions and changes found, over all six domains (63 positions and
# 10 changes expected). Measured: 27 and 2 when the corpus was written, 32 and 3
# with dropped plans, bare and course reversals. Raise them as the extractor
# improves; never lower them.
FLOOR_POSITIONS = 35
FLOOR_CHANGES = 4

# A false change or forbidden position the current code stores is listed here,
# with its sentence, and tested on its own as a strict xfail: the lead fixes the
# code, the test then passes, and strict xfail fails until the entry is removed.
# Never add an entry to make the strict tests pass without reporting it.
# (holder_name, from-stance, to-stance, file of the new stance): sentence
KNOWN_FALSE_CHANGES: dict[tuple[str, str, str, str], str] = {}
# (file, holder_name, stance, proposition): sentence
KNOWN_FORBIDDEN: dict[tuple[str, str, str, str], str] = {}

_STOP = frozenset("the a an of for to in on and or with his her its their mr ms mrs dr president senator sen rep "
                  "gov governor candidate nominee presidential party".split())
_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str | None) -> set[str]:
    return {w for w in _WORD.findall((text or "").lower()) if w not in _STOP and len(w) > 1}


def _names(holder: str | list[str]) -> list[str]:
    return [holder] if isinstance(holder, str) else list(holder)


def _holder_is(stored: str | None, holder: str) -> bool:
    """Name words one within the other: "Fenn" is "Teodor Fenn", "Pavel Osk" is not "Renata Osk"."""
    mine, theirs = _words(stored), _words(holder)
    return bool(mine and theirs) and (mine <= theirs or theirs <= mine)


def _holder_shares(stored: str | None, holder: str | list[str]) -> bool:
    """A name word in common, unless the stored holder is the namesake of the one expected."""
    names = _names(holder)
    mine = _words(stored)
    if not any(mine & _words(h) for h in names):
        return False
    if any(_holder_is(stored, h) for h in names):
        return True
    return not any(_holder_is(stored, n) for n in _NAMESAKES)


def _object_shares(p: dict[str, Any], obj: list[str]) -> bool:
    return bool(_words(f"{p.get('proposition')} {p.get('qualifier') or ''}") & _words(" ".join(obj)))


def _expected() -> dict[str, dict[str, Any]]:
    return {d: json.loads((DOMAINS / d / "expected.json").read_text(encoding="utf-8")) for d in NAMES}


_NAMESAKES = frozenset(n for e in _expected().values() for group in e["namesakes"] for n in group)


def _forbidden_rules(e: dict[str, Any]) -> list[dict[str, Any]]:
    """The domain's forbidden positions, and each past-only stance held now (unless also expected now)."""
    rules = list(e["forbidden"])
    now = [g for g in e["positions"] if g.get("when") != "before"]
    for g in e["positions"]:
        if g.get("when") != "before":
            continue
        if any(n["file"] == g["file"] and n["stance"] == g["stance"] and set(n["holder"]) & set(g["holder"])
               and set(n["object"]) & set(g["object"]) for n in now):
            continue
        for h in g["holder"]:
            rules.append({"file": g["file"], "holder": h, "object": g["object"], "stance": g["stance"], "when": "now",
                          "why": "a past stance is no current one", "sentence": g["sentence"]})
    return rules


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Any]:
    """The whole corpus ingested once into a fresh store: positions, changes, and each article's file."""
    from redline.ingest import run_ingest
    from redline.store import open_store

    db = str(tmp_path_factory.mktemp("domains") / "domains.db")
    summary = run_ingest([str(DOMAINS)], db=db)
    store = open_store(db)
    try:
        files = {a["id"]: Path(a["name"]).name for a in store.list_articles(limit=None)}
        positions = store.list_positions(limit=None)
        changes = store.list_changes()
    finally:
        store.close()
    return {"summary": summary, "files": files, "positions": positions, "changes": changes,
            "by_id": {p["id"]: p for p in positions}}


def _file_of(corpus: dict[str, Any], article_id: int | None) -> str | None:
    return corpus["files"].get(article_id)


def _finds(p: dict[str, Any], g: dict[str, Any], file: str | None) -> bool:
    if file != g["file"] or bool(p.get("is_past")) != (g.get("when") == "before"):
        return False
    if not _holder_shares(p.get("holder_name"), g["holder"]):
        return False
    return any(p.get("stance") == alt["stance"] and _object_shares(p, alt["object"]) for alt in [g, *g.get("or", [])])


def _change_to(c: dict[str, Any], corpus: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    to = corpus["by_id"].get(c["to"].get("position_id")) or {}
    article = c["to"].get("article_id") or to.get("article_id")
    return to, _file_of(corpus, article)


def _change_found(c: dict[str, Any], g: dict[str, Any], corpus: dict[str, Any]) -> bool:
    if (c["from"]["stance"], c["to"]["stance"]) != (g["from"], g["to"]):
        return False
    if not _holder_shares(c.get("holder_name"), g["holder"]):
        return False
    to, file = _change_to(c, corpus)
    if file not in g["to_file"]:
        return False
    return (_object_shares({"proposition": c.get("proposition"), "qualifier": c["to"].get("qualifier")}, g["object"])
            or _object_shares(to, g["object"]))


def _change_key(c: dict[str, Any], corpus: dict[str, Any]) -> tuple[str, str, str, str]:
    return (c.get("holder_name") or "", c["from"]["stance"], c["to"]["stance"], _change_to(c, corpus)[1] or "")


def _false_changes(corpus: dict[str, Any]) -> dict[tuple[str, str, str, str], dict[str, Any]]:
    expected = [g for e in _expected().values() for g in e["changes"]]
    return {_change_key(c, corpus): c for c in corpus["changes"]
            if not any(_change_found(c, g, corpus) for g in expected)}


def _forbidden_hits(corpus: dict[str, Any]) -> dict[tuple[str, str, str, str], tuple[dict[str, Any], dict[str, Any]]]:
    rules = [f for e in _expected().values() for f in _forbidden_rules(e)]
    hits = {}
    for p in corpus["positions"]:
        file = _file_of(corpus, p["article_id"])
        for f in rules:
            if f.get("when") == "now" and p.get("is_past"):
                continue
            if (f["file"] == file and _holder_is(p.get("holder_name"), f["holder"])
                    and (f.get("stance") is None or f["stance"] == p.get("stance")) and _object_shares(p, f["object"])):
                hits[(file, p.get("holder_name") or "", p.get("stance") or "", p.get("proposition") or "")] = (p, f)
    return hits


def _sentence(p: dict[str, Any]) -> str:
    return ((p or {}).get("evidence") or {}).get("sentence") or (p or {}).get("sentence") or ""


# -- the corpus itself ------------------------------------------------------------------------------
def test_the_corpus_is_whole_and_its_expectations_name_its_text():
    for d in NAMES:
        folder = DOMAINS / d
        texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
        assert 2 <= len(texts) <= 3, d
        for name, text in texts.items():
            meta = json.loads((folder / name.replace(".txt", ".meta.json")).read_text(encoding="utf-8"))
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["published"]) and name.startswith(meta["published"]), name
            assert meta["title"] == text.splitlines()[0], name
            assert 150 <= len(text.split()) <= 400, (name, len(text.split()))
        e = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        assert e["domain"] == d
        for group in e["namesakes"]:
            assert len(group) >= 2 and all(n in " ".join(texts.values()) for n in group), (d, group)
        for g in e["positions"] + e["forbidden"]:
            assert g["file"] in texts, (d, g)
            assert " ".join(g["sentence"].split()) in " ".join(texts[g["file"]].split()), (d, g["sentence"])
            assert g.get("stance", "for") in ("for", "against", None)
        for g in e["changes"]:
            assert g["from_file"] in texts and all(f in texts for f in g["to_file"]), (d, g)
            assert g["from"] != g["to"] and {g["from"], g["to"]} == {"for", "against"}
            assert any(" ".join(g["sentence"].split()) in " ".join(texts[f].split()) for f in g["to_file"]), g
        assert e["changes"] and e["forbidden"], d
    basenames = [p.name for p in DOMAINS.glob("*/*.txt")]
    assert len(basenames) == len(set(basenames))  # articles are told apart by file name


def test_the_corpus_ingests_cleanly(corpus):
    s = corpus["summary"]
    assert s.counts["failed"] == 0 and s.analysis_failed == 0 and s.link_failed == 0, s.to_dict()
    assert len(corpus["files"]) == len(list(DOMAINS.glob("*/*.txt")))


# -- strict: nothing false --------------------------------------------------------------------------
def test_no_false_change(corpus, report):
    false = _false_changes(corpus)
    for key, c in false.items():
        print(f"false change {key}: {c['proposition']!r}\n  to: {c['to'].get('sentence')}\n  from: {c['from'].get('sentence')}")
    report(f"domain fixtures: {len(corpus['changes'])} changes stored, {len(false)} false "
           f"({len([k for k in false if k in KNOWN_FALSE_CHANGES])} known)")
    assert [k for k in false if k not in KNOWN_FALSE_CHANGES] == []


def test_no_forbidden_position(corpus, report):
    hits = _forbidden_hits(corpus)
    for key, (p, f) in hits.items():
        print(f"forbidden position {key} ({f['why']}): {_sentence(p)}")
    report(f"domain fixtures: {len(corpus['positions'])} positions stored, {len(hits)} forbidden "
           f"({len([k for k in hits if k in KNOWN_FORBIDDEN])} known)")
    assert [k for k in hits if k not in KNOWN_FORBIDDEN] == []


_KNOWN = [pytest.param(kind, k, id=f"{kind}:" + "|".join(k),
                        marks=pytest.mark.xfail(strict=True, reason=f"known {kind}: {sentence}"))
          for kind, known in (("false change", KNOWN_FALSE_CHANGES), ("forbidden position", KNOWN_FORBIDDEN))
          for k, sentence in known.items()]


@pytest.mark.parametrize("kind,key", _KNOWN or [pytest.param(None, None, id="none")])
def test_a_known_defect_is_gone(corpus, kind, key):
    if key is None:
        pytest.skip("no known false change or forbidden position")
    found = _false_changes(corpus) if kind == "false change" else _forbidden_hits(corpus)
    assert key not in found


# -- floors: what is found --------------------------------------------------------------------------
def test_positions_and_changes_found_reach_the_floors(corpus, report):
    mine = [(p, _file_of(corpus, p["article_id"])) for p in corpus["positions"]]
    total_p = total_c = found_p = found_c = 0
    lines = []
    for d, e in _expected().items():
        fp = [g for g in e["positions"] if any(_finds(p, g, f) for p, f in mine)]
        fc = [g for g in e["changes"] if any(_change_found(c, g, corpus) for c in corpus["changes"])]
        total_p, total_c = total_p + len(e["positions"]), total_c + len(e["changes"])
        found_p, found_c = found_p + len(fp), found_c + len(fc)
        lines.append(f"  {d:<12} positions {len(fp):>2}/{len(e['positions']):<2}  changes {len(fc)}/{len(e['changes'])}")
        for g in e["positions"]:
            if g not in fp:
                print(f"missed position [{d}] {g['holder'][0]} {g['stance']} {g['object'][0]}"
                      f"{' (before)' if g.get('when') else ''}: {g['sentence']}")
        for g in e["changes"]:
            if g not in fc:
                print(f"missed change [{d}] {g['holder'][0]} {g['from']}->{g['to']} {g['object'][0]}: {g['sentence']}")
    report("domain fixtures: expected found\n" + "\n".join(lines)
           + f"\n  {'all':<12} positions {found_p:>2}/{total_p:<2}  changes {found_c}/{total_c}"
           + f"  (floors {FLOOR_POSITIONS}, {FLOOR_CHANGES})")
    assert found_p >= FLOOR_POSITIONS
    assert found_c >= FLOOR_CHANGES
