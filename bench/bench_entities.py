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

    .venv/bin/python bench/bench_entities.py [--articles 150]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._data import eval_dir  # noqa: E402

ANCHOR_PETRARCH = 0.44
ANCHOR_COST_SHARE = 0.25
FLOORS = {"actor_country_accuracy": 0.80, "actor_country_precision": 0.95}


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
    r = run(args.articles) if (args := ap.parse_args()) else {}
    print(f"PLOVER GSR actors with a listed country code: {r['actors']}")
    print(f"actor country accuracy:  {r['actor_country_accuracy']:.3f}   (nearest anchor: UniversalPetrarch events {ANCHOR_PETRARCH:.2f})")
    print(f"actor country precision: {r['actor_country_precision']:.3f}   (answered {r['actor_country_answered']:.3f})")
    if "entities_cost_share" in r:
        print(f"entity stage cost over {r['cost_articles']} PolNeAR articles: {r['entities_s']:.1f} s vs parse {r['parse_s']:.1f} s "
              f"= {r['entities_cost_share']:.1%} of the parse   (whole analysis budget: {ANCHOR_COST_SHARE:.0%})")


if __name__ == "__main__":
    main()
