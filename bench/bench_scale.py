"""Scale: memory flat with corpus size, and SQLite against PostgreSQL at the same size.

    .venv/bin/python bench/bench_scale.py [--sizes 1000,10000] [--pg postgresql://root@127.0.0.1/test]

The corpus is generated from the project's own invented articles (the domain
fixtures under tests/fixtures/domains and examples/): each generated article
is one of them with every "Given Surname" person renamed to a generated name
(a given name from the lexicon and a made-up surname, different per article),
so the entity index grows with the corpus as it does on real news, and its
date moved along a three-year span. Nothing from ../shared is used.

Figures, printed as ratios against the smallest size, each size ingested by a
fresh child process so that one run's memory never counts for the next:

- peak RSS (the child's own maximum resident set size) and articles/s, per
  size; flat memory means the ratio of peak RSS stays near 1 while the corpus
  grows tenfold;
- with ``--pg``: the same corpus (the largest size) ingested into SQLite and
  into PostgreSQL, ingest articles/s, and the time of the main queries
  (positions about a proposition, the changes, a timeline about it), best of
  three, each as PostgreSQL / SQLite.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TEMPLATES = sorted((REPO / "tests" / "fixtures" / "domains").glob("*/*.txt")) + sorted((REPO / "examples").glob("*.txt"))
_NAME = re.compile(r"\b([A-Z][a-z]+) ([A-Z][a-z]{2,})\b")
_SYLLABLES = ["ka", "lo", "ven", "dra", "mir", "tos", "bel", "qui", "ran", "sor", "hal", "vet", "nor", "ess",
              "lin", "gar", "tam", "ori", "bek", "sul"]
ABOUT = "staying in the race"  # a proposition the election fixtures hold, so the queries return rows


def _given_names() -> set[str]:
    data = json.loads((REPO / "src" / "redline" / "data" / "en" / "given_names.json").read_text(encoding="utf-8"))
    return {n.capitalize() for k in ("m", "f") for n in data[k]}


def _surname(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def generate(n: int, path: Path, seed: int = 20261208) -> None:
    """``n`` articles as JSONL at ``path``: the templates in turn, people renamed, dates spread."""
    rng = random.Random(seed)
    given = _given_names()
    templates = [(t.read_text(encoding="utf-8"), t) for t in TEMPLATES]
    start = date(2027, 1, 1)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text, src = templates[i % len(templates)]
            names: dict[tuple[str, str], str] = {}

            def rename(m: re.Match) -> str:
                if m.group(1) not in given:
                    return m.group(0)
                key = (m.group(1), m.group(2))
                if key not in names:
                    names[key] = f"{rng.choice(sorted(given))} {_surname(rng)}"
                return names[key]

            body = _NAME.sub(rename, text)
            # a renamed person's surname alone ("Fenn said") follows the renaming
            for (first, last), new in names.items():
                body = re.sub(rf"\b{re.escape(last)}\b", new.split()[1], body)
            title = body.split("\n", 1)[0].strip()
            published = (start + timedelta(days=(i * 7) % 1095)).isoformat()
            fh.write(json.dumps({"text": body, "title": title, "published": published,
                                 "source": f"Generated Wire {i % 7}", "url": f"https://wire.example/{i}/{src.stem}"},
                                ensure_ascii=False) + "\n")


_CHILD = """
import json, resource, sys, time
from redline.ingest import run_ingest
t0 = time.perf_counter()
summary = run_ingest([sys.argv[1]], db=sys.argv[2])
print(json.dumps({"seconds": time.perf_counter() - t0, "stored": summary.stored,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def ingest(corpus: Path, db: str) -> dict:
    """Ingest ``corpus`` into ``db`` in a fresh child process: seconds, articles stored, peak RSS (MB)."""
    out = subprocess.run([sys.executable, "-c", _CHILD, str(corpus), db], capture_output=True, text=True,
                         check=True, cwd=REPO)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _best(fn, rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def query_times(db: str) -> dict[str, float]:
    """Seconds (best of three) of the main queries on the store at ``db``."""
    from redline.link.about import positions_about
    from redline.query.timeline import build_timeline
    from redline.store import open_store

    store = open_store(db)
    try:
        return {"positions --about": _best(lambda: positions_about(store, ABOUT, limit=200)),
                "changes": _best(lambda: store.list_changes()),
                "timeline --about": _best(lambda: build_timeline(store, about=ABOUT))}
    finally:
        store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (default 1000,10000; "
                                                          "add 100000 for the issue's largest, about an hour here)")
    ap.add_argument("--pg", metavar="URL", help="also ingest the largest corpus into this PostgreSQL database "
                                                "(it is emptied first) and compare the main queries")
    args = ap.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        runs = {}
        for n in sizes:
            corpus = work / f"corpus-{n}.jsonl"
            generate(n, corpus)
            runs[n] = ingest(corpus, str(work / f"s-{n}.db"))
            runs[n]["rate"] = runs[n]["stored"] / runs[n]["seconds"]
        base = runs[sizes[0]]
        print(f"{'articles':>9} {'stored':>7} {'art/s':>7} {'peak MB':>8} {'RSS ratio':>9}")
        for n in sizes:
            r = runs[n]
            print(f"{n:>9} {r['stored']:>7} {r['rate']:>7.1f} {r['peak_mb']:>8.0f} {r['peak_mb'] / base['peak_mb']:>9.2f}")
        if args.pg:
            from redline.store import open_store

            largest = sizes[-1]
            pg = open_store(args.pg)
            pg.close()
            pg_run = ingest(work / f"corpus-{largest}.jsonl", args.pg)
            sq, pq = query_times(str(work / f"s-{largest}.db")), query_times(args.pg)
            sq_rate, pg_rate = runs[largest]["rate"], pg_run["stored"] / pg_run["seconds"]
            print(f"\nat {largest} articles: ingest {sq_rate:.1f} art/s SQLite, {pg_rate:.1f} PostgreSQL "
                  f"(PostgreSQL / SQLite {pg_rate / sq_rate:.2f})")
            for q in sq:
                print(f"  {q:<18} SQLite {sq[q] * 1000:8.1f} ms   PostgreSQL {pq[q] * 1000:8.1f} ms   "
                      f"ratio {pq[q] / sq[q]:.2f}")


if __name__ == "__main__":
    main()
