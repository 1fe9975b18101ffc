"""Entity figures: actor countries on the PLOVER gold standard, and the stage's cost.

1. Actor country accuracy. Each PLOVER GSR sentence names its source and
   target actors with an ISO-3 country code ("Senior Hungarian ... officials"
   -> HUN). For every actor whose code is a country in our data, the country
   of the entities inside the actor's words is compared with the gold code:
   a person's country comes from their role, a capital or demonym from the
   gazetteer. The nearest anchor is UniversalPetrarch's 44% event accuracy,
   which needs these actor codes right (a stricter, different task).
2. Cost: the entity stage's time as a share of the bare spaCy parse over the
   same PolNeAR texts (the whole analysis may add at most 25%).
3. People and roles on real news (PolNeAR train + dev texts):
   the files are split by a seeded hash of the file name (SPLIT_SEED, not
   bench_positions' seed) into a tuning half (looked at while developing) and a
   scored half (only judged); PER_HALF files of each half (the lowest hashes)
   are read. Figures on both halves: surname-only people left beside a full
   name with that surname in the same article (should be none), people whose
   names give two different given names (in one article, and across the
   half's articles once linked: should be none). On the scored half, a judged
   sample: SAMPLE roles of people drawn at random (ranked by a seeded hash of
   file, mention offsets, title, org and former, so verdicts survive output
   changes), each read against its sentence; verdicts in
   ``bench/gold/entities/judged_roles.jsonl``. A sampled role without a
   verdict is listed as unjudged and fails the floor test.

    .venv/bin/python bench/bench_entities.py [--articles 150] [--roles] [--per-half 100]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._data import CACHE, eval_dir  # noqa: E402

ANCHOR_PETRARCH = 0.44
ANCHOR_COST_SHARE = 0.25
FLOORS = {"actor_country_accuracy": 0.80, "actor_country_precision": 0.95}

SPLIT_SEED = 20260611  # bench_positions splits with 20261203: another seed, another split
PER_HALF = 100
SAMPLE = 40
JUDGED = Path(__file__).resolve().parent / "gold" / "entities" / "judged_roles.jsonl"
# The judged sample of the scored half, enforced by tests/bench/test_entities_judged.py; raise,
# never lower. Before this round 28 of 40 were right (0.70; the reading: 29 of 40): past
# roles shown as current, titles of a neighbour, surnames handed to the wrong Clinton. After it
# (past roles, own appositions only, surnames only to the one person named so far): 37 of 40.
PEOPLE_FLOORS = {"test": {"judged_role_precision": 0.90}}
# Counts that must not grow, per half of PER_HALF files (same test). Before this round: tune 1 / 218,
# test 7 / 107 (surname-only people beside exactly one full name of their surname / bare surnames
# guessed between people). After: tune 1 / 14, test 4 / 19. Merges across given names and
# generations were 0 before and after. Surname-only people beside two or more full names of their
# surname (left open on purpose) rose from 5 / 11 to 17 / 27: they are reported, not capped.
PEOPLE_CEILINGS: dict[str, dict[str, int]] = {
    half: {"surname_beside_one": one, "ambiguous_surname_joins": guessed, "given_name_merges": 0,
           "generation_merges": 0, "linked_given_name_merges": 0, "linked_generation_merges": 0}
    for half, one, guessed in (("tune", 1, 14), ("test", 4, 19))
}


def plover_actors() -> list[tuple[str, str, str]]:
    """(sentence, actor text, gold ISO-3) for actors coded with a country we list."""
    from redline.extract.lexicon.gazetteer import load

    countries = {e.country for e in load().entries.values() if e.kind == "country"}
    path = eval_dir("plover-gsr") / "gold_standard_records" / "PLOVER_GSR_CAMEO.txt"
    out = []
    for rec in json.loads(path.read_text(encoding="utf-8")):
        text = rec.get("text")
        for role in ("source", "target"):
            for actor in rec.get(role) or []:
                if isinstance(actor, dict) and text and actor.get("code") in countries and actor.get("actorText") in text:
                    out.append((text, actor["actorText"], actor["code"]))
    return out


def predicted_country(table, start: int, end: int) -> str | None:
    """The country of the entities inside the actor's words; the last (the head) wins."""
    found = None
    for m in table.mentions_in(start, end):
        e = table.get(m.entity_id)
        if e is not None and e.country:
            found = e.country
    return found


def actor_countries(nlp) -> dict[str, float]:
    from redline.extract.entities import extract_entities

    actors = plover_actors()
    sentences = sorted({s for s, _, _ in actors})
    tables = {s: extract_entities(doc) for s, doc in zip(sentences, nlp.pipe(sentences, batch_size=64))}
    right = answered = 0
    for sentence, actor, gold in actors:
        start = sentence.index(actor)
        got = predicted_country(tables[sentence], start, start + len(actor))
        answered += got is not None
        right += got == gold
    return {
        "actors": len(actors),
        "actor_country_accuracy": right / len(actors),
        "actor_country_precision": right / max(answered, 1),
        "actor_country_answered": answered / len(actors),
    }


def cost_share(nlp, articles: int) -> dict[str, float]:
    from bench.bench_speed import polnear_texts
    from redline.extract.entities import extract_entities

    texts = polnear_texts(articles)
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    parse = time.perf_counter() - t0
    extract_entities(docs[0])  # warm-up: matchers are built once per vocab
    t0 = time.perf_counter()
    for doc in docs:
        extract_entities(doc, "2016-06-01")
    stage = time.perf_counter() - t0
    return {"cost_articles": len(texts), "parse_s": parse, "entities_s": stage, "entities_cost_share": stage / parse}


def _hash(seed: int, text: str) -> str:
    return hashlib.sha256(f"{seed}:{text}".encode()).hexdigest()


def polnear_split() -> dict[str, list[str]]:
    """PolNeAR train + dev files ("train/text/NAME.txt") by half: the parity of a seeded hash of
    the file name decides the half; each half is ordered by that hash, so a subset is its head."""
    root = eval_dir("polnear") / "data"
    halves: dict[str, list[str]] = {"tune": [], "test": []}
    for part in ("train", "dev"):
        for f in sorted((root / part / "text").glob("*.txt")):
            halves["tune" if int(_hash(SPLIT_SEED, f.name)[:8], 16) % 2 == 0 else "test"].append(f"{part}/text/{f.name}")
    for files in halves.values():
        files.sort(key=lambda rel: _hash(SPLIT_SEED, Path(rel).name))
    return halves


def _parsed(nlp, files: list[str]) -> list:
    """The bare parses of ``files``, cached (outside the repo) since only the entity stage is measured."""
    import spacy
    from spacy.tokens import DocBin

    root = eval_dir("polnear") / "data"
    tag = _hash(0, json.dumps([nlp.meta.get("name"), nlp.meta.get("version"), spacy.__version__, files]))[:16]
    cache = CACHE / f"entities-docs-{tag}.spacy"
    if cache.is_file():
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    docs = list(nlp.pipe([(root / rel).read_text(encoding="utf-8") for rel in files], batch_size=16))
    bin_ = DocBin()
    for doc in docs:
        bin_.add(doc)
    CACHE.mkdir(parents=True, exist_ok=True)
    bin_.to_disk(cache)
    return docs


def people_tables(half: str, per_half: int = PER_HALF, nlp=None) -> list[tuple[str, Any, list[dict]]]:
    """(file, entity table, role trace) for the first ``per_half`` files of a half, dated by their names."""
    from redline.extract.entities import extract_entities
    from redline.nlp import load_model

    files = polnear_split()[half][:per_half]
    out = []
    for rel, doc in zip(files, _parsed(nlp or load_model(), files)):
        trace: list[dict] = []
        out.append((rel, extract_entities(doc, Path(rel).name.split("_")[1], trace), trace))
    return out


def _given_clash(names: list[str]) -> bool:
    """Whether full names of one entity give first names that no spelling slip, initial or short form
    ("Ken" of "Kenneth") explains; surname particles ("de Blasio") are no given names."""
    from rapidfuzz.fuzz import ratio

    from redline.extract.entities.people import given_names

    firsts = sorted({g[0] for n in names if len(n.split()) > 1 and (g := given_names(n))})
    for i, a in enumerate(firsts):
        for b in firsts[i + 1:]:
            initial = (len(a) == 1 or len(b) == 1) and a[0] == b[0]
            short = min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a))
            if not initial and not short and ratio(a, b) < 80:
                return True
    return False


_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _suffix_clash(names: list[str], explicit: bool = False) -> bool:
    """Whether one entity holds full names of different generations ("Jan Osk" and "Jan Osk Jr." in
    one article; across articles, where wire copy drops "Jr.", only two different suffixes count)."""
    from redline.extract.lexicon.names import person_parts
    from redline.extract.lexicon.spelling import normalize

    kinds = {next((t for t in normalize(n).split() if t in _GENERATIONS), "") for n in names
             if len(n.split()) > 1 and person_parts(n)[0]}
    return len(kinds - {""} if explicit else kinds) > 1


def _ambiguous_joins(table, text: str) -> int:
    """Bare surnames (no honorific before them) given to a person while another person of that
    surname had already been named in full: a guess between people ("Clinton" after both Clintons)."""
    from redline.extract.lexicon.names import person_parts

    people = [e for e in table.entities if e.type == "PERSON" and len(e.name.split()) > 1 and person_parts(e.name)[0]]
    firsts = {e.id: min((m.start for m in table.mentions if m.entity_id == e.id and len(m.text.split()) > 1),
                        default=len(text)) for e in people}
    count = 0
    for e in people:
        surname = person_parts(e.name)[1]
        rivals = [o for o in people if o is not e and person_parts(o.name)[1] == surname]
        for m in table.mentions:
            if m.entity_id != e.id or len(m.text.split()) > 1 or person_parts(m.text)[1] != surname:
                continue
            before = text[max(0, m.start - 5):m.start].split()
            if before and before[-1].rstrip(".") in {"Mr", "Mrs", "Ms", "Miss"}:
                continue
            count += any(firsts[o.id] < m.start for o in rivals)
    return count


def people_counts(tables) -> dict[str, int]:
    """Surname-only people beside a full name of that surname, and merges of different people,
    in each article and across the half's articles once linked by the entity index."""
    from redline.extract.lexicon.names import person_parts
    from redline.link.entities import EntityIndex

    beside = beside_one = given = suffix = guessed = 0
    index = EntityIndex()
    root = eval_dir("polnear") / "data"
    for rel, table, _trace in tables:
        guessed += _ambiguous_joins(table, (root / rel).read_text(encoding="utf-8"))
        people = [e for e in table.entities if e.type == "PERSON"]
        full = Counter(person_parts(e.name)[1] for e in people if len(e.name.split()) > 1 and person_parts(e.name)[0])
        bare = [person_parts(e.name)[1] for e in people if not person_parts(e.name)[0]]
        beside += sum(s in full for s in bare)
        beside_one += sum(full[s] == 1 for s in bare)
        given += sum(_given_clash(e.aliases) for e in people)
        suffix += sum(_suffix_clash(e.aliases) for e in people)
        for e in table.entities:
            index.add(e)
    linked = [item for item in index if item.type == "PERSON"]
    return {"surname_beside_full": beside, "surname_beside_one": beside_one, "ambiguous_surname_joins": guessed,
            "given_name_merges": given,
            "generation_merges": suffix,
            "linked_given_name_merges": sum(_given_clash(i.aliases) for i in linked),
            "linked_generation_merges": sum(_suffix_clash(i.aliases, explicit=True) for i in linked)}


def role_keys(tables) -> list[list]:
    """One key per role of a person: file, the span of the mention the role was read at, name, title, org, former."""
    keys = []
    for rel, table, trace in tables:
        for e in table.entities:
            if e.type != "PERSON":
                continue
            for r in e.roles:
                at = next((t for t in trace if t["entity_id"] == e.id and t["title"] == r.title
                           and t["org"] in (None, r.org)), None)
                if at is not None:
                    keys.append([rel, at["start"], at["end"], e.name, r.title, r.org, bool(getattr(r, "former", False))])
    return keys


def _jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def judged_sample(tables) -> dict[str, Any]:
    """The seeded sample of roles, scored against the verdicts; unjudged keys are listed."""
    verdicts = {json.dumps(j["key"]): j["verdict"] for j in _jsonl(JUDGED)}
    keys = sorted(role_keys(tables), key=lambda k: _hash(SPLIT_SEED, json.dumps(k)))[:SAMPLE]
    got = [verdicts[json.dumps(k)] for k in keys if json.dumps(k) in verdicts]
    right = sum(v == "right" for v in got)
    return {"sampled": len(keys), "judged": len(got), "judged_right": right,
            "judged_role_precision": right / len(got) if got else 0.0,
            "unjudged": [k for k in keys if json.dumps(k) not in verdicts]}


def people_figures(per_half: int = PER_HALF) -> dict[str, dict[str, Any]]:
    from redline.nlp import load_model

    nlp = load_model()
    out = {}
    for half in ("tune", "test"):
        tables = people_tables(half, per_half, nlp)
        out[half] = {"files": len(tables), "roles": len(role_keys(tables)), **people_counts(tables)}
        if half == "test":
            out[half].update(judged_sample(tables))
    return out


def print_people(per_half: int = PER_HALF, show_unjudged: bool = False) -> None:
    figures = people_figures(per_half)
    for half, f in figures.items():
        print(f"PolNeAR {half} half ({f['files']} files, {f['roles']} roles of people): surname-only people "
              f"beside a full name {f['surname_beside_full']} (beside exactly one of that surname "
              f"{f['surname_beside_one']}); bare surnames guessed between people {f['ambiguous_surname_joins']}; "
              f"merges across given names {f['given_name_merges']} "
              f"(linked {f['linked_given_name_merges']}), across generations {f['generation_merges']} "
              f"(linked {f['linked_generation_merges']})")
    t = figures["test"]
    print(f"judged role precision (scored half): {t['judged_right']}/{t['judged']} = {t['judged_role_precision']:.3f} "
          f"(sample {t['sampled']}; issue baseline 29/40 = 0.725); unjudged {len(t['unjudged'])}")
    root = eval_dir("polnear") / "data"
    for k in t["unjudged"]:
        print("  unjudged:", json.dumps(k, ensure_ascii=False))
        if show_unjudged:
            text = (root / k[0]).read_text(encoding="utf-8")
            print("    ", " ".join(text[max(0, k[1] - 250):k[2] + 200].split()))


def run(articles: int = 0) -> dict[str, float]:
    from redline.nlp import load_model

    nlp = load_model()
    out = actor_countries(nlp)
    if articles:
        out.update(cost_share(nlp, articles))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=150, help="PolNeAR articles for the cost figure (0: skip)")
    ap.add_argument("--roles", action="store_true", help="only the people and roles figures (both halves)")
    ap.add_argument("--per-half", type=int, default=0, help="files per half for the roles figures (default PER_HALF)")
    ap.add_argument("--show-unjudged", action="store_true", help="print each unjudged role with its sentence")
    args = ap.parse_args()
    if args.roles:
        print_people(args.per_half or PER_HALF, args.show_unjudged)
        return
    r = run(args.articles)
    print(f"PLOVER GSR actors with a listed country code: {r['actors']}")
    print(f"actor country accuracy:  {r['actor_country_accuracy']:.3f}   (nearest anchor: UniversalPetrarch events {ANCHOR_PETRARCH:.2f})")
    print(f"actor country precision: {r['actor_country_precision']:.3f}   (answered {r['actor_country_answered']:.3f})")
    if "entities_cost_share" in r:
        print(f"entity stage cost over {r['cost_articles']} PolNeAR articles: {r['entities_s']:.1f} s vs parse {r['parse_s']:.1f} s "
              f"= {r['entities_cost_share']:.1%} of the parse   (whole analysis budget: {ANCHOR_COST_SHARE:.0%})")
    print_people(args.per_half or PER_HALF, args.show_unjudged)


if __name__ == "__main__":
    main()
