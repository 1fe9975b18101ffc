"""Cost per new article of the linking step at 1k and at 10k articles in the index.

Run: ``.venv/bin/python bench/bench_linking.py [--probes 300] [--big 10000]``.

Issue 4 asks that linking's cost per new article not grow with the store's
size. The store is simulated from the PolNeAR texts (923 articles), replicated
with light variation to reach 10k: each copy shuffles the sentence order,
renames a third of the capitalised words consistently within the copy (new
people, places and terms, so the vocabulary and the entity keys grow as a
real store's do) and jitters the date by up to three weeks. Dates are kept
within PolNeAR's eleven months on purpose: every story is then inside the
time window, the worst case for candidate retrieval.

Per article, the timed work is ``StoryIndex.add`` (tokenizing and weighting
included) and ``EventIndex.add`` for five invented events built from the
article's entity keys and date (the event extractor is another stage; the
dedup cost depends on the blocks, not on where the events came from). Entity
keys are capitalised word runs, computed before timing, as the real keys come
from the parse that precedes linking.

The same probe articles (a held-out copy) are added to an index holding 1k
articles and to one holding 10k; the figure is the ratio of the two median
costs (target about 1), with the absolute milliseconds per article. The
headline is the median over probe articles of each one's cost at 10k over its
cost at 1k, which cancels article length; ratios of means and of medians are
printed beside it.
"""
from __future__ import annotations

import argparse
import gc
import random
import re
import statistics
import sys
import time
import zlib
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_stories import polnear_articles, proxy_keys  # noqa: E402
from redline.link import EventIndex, StoryIndex  # noqa: E402

ANCHORS = {"cost_ratio_10k_1k": ("issue 4: linking cost per article does not grow with the store", 1.0)}
_SENT = re.compile(r"(?<=[.!?])\s+")
_CAPWORD = re.compile(r"\b[A-Z][a-z]{3,}\b")
_SYLLABLES = ["ar", "el", "on", "is", "ur", "ak", "em", "ol", "an", "ir"]
_TYPES = ["AGREE", "CONSULT", "SUPPORT", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "REQUEST"]
_TRIGGERS = ["agreed", "met", "backed", "accused", "rejected", "warned", "protested", "urged"]


def vary(article: dict, copy: int, rng: random.Random) -> dict:
    """One lightly varied copy of an article: sentences shuffled, names swapped, date jittered."""
    sents = _SENT.split(article["text"])
    rng.shuffle(sents)
    text = " ".join(sents)
    suffix = _SYLLABLES[copy % 10] + _SYLLABLES[(copy // 10) % 10]
    text = _CAPWORD.sub(lambda m: m.group() + suffix if zlib.crc32(f"{m.group()}{copy}".encode()) % 3 == 0 else m.group(), text)
    day = date.fromisoformat(article["published"]) + timedelta(days=rng.randint(-21, 21))
    return {"name": f"{article['name']}#{copy}", "text": text, "published": day.isoformat(),
            "title": article["title"], "keys": proxy_keys(text)}


def invented_events(a: dict, rng: random.Random) -> list[tuple[dict, dict[str, str]]]:
    """Five events between the article's entities around its date, with their local-id -> key maps."""
    keys = a["keys"] or ["cap:nobody"]
    out = []
    for j in range(5):
        i = rng.randrange(len(_TYPES))
        start = (date.fromisoformat(a["published"]) - timedelta(days=rng.randint(0, 2))).isoformat()
        local = {"a": rng.choice(keys), "r": rng.choice(keys)}
        out.append(({"type": _TYPES[i], "actor_ids": ["a"], "recipient_ids": ["r"], "negated": False,
                     "modality": "asserted", "trigger": _TRIGGERS[i], "date": {"start": start, "end": start, "text": None},
                     "evidence": [{"start": 100 * j, "end": 100 * j + 50, "sentence": "..."}]}, local))
    return out


def corpus(n: int, seed: int = 11) -> list[dict]:
    base = polnear_articles()
    rng = random.Random(seed)
    out = []
    for copy in range(n // len(base) + 2):
        out.extend(vary(a, copy, rng) if copy else dict(a, keys=proxy_keys(a["text"])) for a in base)
    return out


def fill(articles: list[dict], rng: random.Random) -> tuple[StoryIndex, EventIndex]:
    stories, events = StoryIndex(), EventIndex()
    for i, a in enumerate(articles):
        stories.add(i, a["text"], a["published"], a["keys"], title=a["title"])
        for ev, local in a["events"]:
            events.add(ev, i, a["published"], local.get)
    return stories, events


def time_add(stories: StoryIndex, events: EventIndex, a: dict, article_id: int) -> tuple[float, float]:
    """Milliseconds for one article's StoryIndex.add and for its five EventIndex.add calls."""
    t0 = time.perf_counter()
    stories.add(article_id, a["text"], a["published"], a["keys"], title=a["title"])
    t1 = time.perf_counter()
    for ev, local in a["events"]:
        events.add(ev, article_id, a["published"], local.get)
    t2 = time.perf_counter()
    return (t1 - t0) * 1000, (t2 - t1) * 1000


def evaluate(small: int = 1000, big: int = 10000, n_probes: int = 300) -> dict:
    rng = random.Random(5)
    articles = corpus(big + n_probes)
    for a in articles:
        a["events"] = invented_events(a, rng)
    # Probes: the last copies, in date order, held out of both indexes.
    probes = sorted(articles[big: big + n_probes], key=lambda a: a["published"])
    stream = sorted(articles[:big], key=lambda a: a["published"])
    sizes = {"small": small, "big": big}
    indexes = {}
    for label, n in sizes.items():
        # n articles of the stream, in date order: a store of n articles.
        sub = sorted(rng.sample(stream, n), key=lambda a: a["published"]) if n < big else stream
        indexes[label] = fill(sub, rng)
    # Both indexes stay in memory and each probe goes to one then the other,
    # so the load of a shared machine weighs on both alike. The filled indexes
    # are frozen out of the garbage collector: a full collection walks every
    # live object, a cost of the process's heap rather than of linking (a
    # long-running ingest can call gc.freeze() after loading the indexes too).
    gc.collect()
    gc.freeze()
    ms: dict[str, tuple[list[float], list[float]]] = {label: ([], []) for label in sizes}
    counts = {label: (len(st), len(ev)) for label, (st, ev) in indexes.items()}
    for k, a in enumerate(probes):
        for label, n in sizes.items():
            s, e = time_add(*indexes[label], a, n + k)
            ms[label][0].append(s)
            ms[label][1].append(e)
    gc.unfreeze()
    figures: dict = {}
    for label, n in sizes.items():
        s_ms, e_ms = ms[label]
        figures[label] = {"articles": n, "stories": counts[label][0], "events": counts[label][1],
                          "story_ms_median": statistics.median(s_ms), "story_ms_mean": statistics.fmean(s_ms),
                          "event_ms_median": statistics.median(e_ms), "event_ms_mean": statistics.fmean(e_ms),
                          "total_ms_median": statistics.median(s + e for s, e in zip(s_ms, e_ms)),
                          "total_ms_mean": statistics.fmean(s + e for s, e in zip(s_ms, e_ms))}
    for part in ("total_ms_median", "total_ms_mean", "story_ms_median", "event_ms_median"):
        figures[f"ratio_{part}"] = figures["big"][part] / figures["small"][part]
    # Paired: the same article's cost in the big index over its cost in the
    # small one, so that article length (tokenizing) cancels out.
    paired = [(bs + be) / (ss + se) for bs, be, ss, se in zip(*ms["big"], *ms["small"])]
    figures["cost_ratio_10k_1k"] = statistics.median(paired)
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--probes", type=int, default=300)
    ap.add_argument("--small", type=int, default=1000)
    ap.add_argument("--big", type=int, default=10000)
    args = ap.parse_args()
    f = evaluate(args.small, args.big, args.probes)
    for label in ("small", "big"):
        g = f[label]
        print(f"{g['articles']} articles: {g['stories']} stories and {g['events']} events in the index before the probes; "
              f"per new article: StoryIndex.add {g['story_ms_median']:.2f} ms median ({g['story_ms_mean']:.2f} mean), "
              f"EventIndex.add x5 {g['event_ms_median']:.2f} ms median ({g['event_ms_mean']:.2f} mean)")
    print(f"cost ratio {f['big']['articles']}/{f['small']['articles']} (median of per-article ratios, stories + events): "
          f"{f['cost_ratio_10k_1k']:.2f}   "
          f"(anchor: {ANCHORS['cost_ratio_10k_1k'][0]}, about {ANCHORS['cost_ratio_10k_1k'][1]:.0f})")
    print(f"  ratio of means {f['ratio_total_ms_mean']:.2f}, of medians {f['ratio_total_ms_median']:.2f}; medians: stories alone {f['ratio_story_ms_median']:.2f}, "
          f"events alone {f['ratio_event_ms_median']:.2f}")


if __name__ == "__main__":
    main()
