"""Query speed on a 10k-article store: ``positions --about``, ``timeline``, and linking cost.

The store is built once (cached under ~/.cache/redline-bench): a base of
really analyzed articles (the seeds, the examples and PolNeAR texts) is
replicated with a marker appended to each copy's text, so every copy is a
distinct article with the base's analysis (offsets stay valid), stored through
the normal ``put_article`` path; then the link step runs. The linking cost of
a new article is measured on the store itself, at 1k and at 10k articles: the
whole of a link run for that one article (opening the saved indexes, linking,
saving what changed), which is what ``redline ingest`` of one file pays.

Figures are printed as ratios against a baseline query in the same run
(a full-text search with snippets, ``search("minister", limit=20)``: an
interactive query that users already find fast), and in ms. The issue's target: positions
--about and timeline under 200 ms at 10k articles.

    .venv/bin/python bench/bench_queries.py [--articles 10000] [--base 80] [--rebuild]
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._data import SHARED, eval_dir, shared_available  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("REDLINE_BENCH_CACHE", Path.home() / ".cache" / "redline-bench"))
TARGET_MS = 200.0
SINGLE_RUNS = 25  # one-article link runs timed before each checkpoint


def base_items(n_polnear: int) -> list[tuple[str, str | None, str]]:
    """(text, published, title) of the articles to analyze once."""
    from redline.ingest import Ingestor  # noqa: F401  (ensures the package imports)
    from redline.store import open_store
    from redline.ingest import run_ingest

    tmp = CACHE / "base.db"
    if tmp.exists():
        tmp.unlink()
    paths = [str(REPO / "examples")]
    if (SHARED / "seeds").is_dir():
        paths.append(str(SHARED / "seeds"))
    run_ingest(paths, db=str(tmp), analyze=False)
    st = open_store(str(tmp))
    items = [(a["text"], a["published"], a["title"]) for a in st.iter_articles()]
    st.close()
    tmp.unlink()
    if shared_available("polnear") and n_polnear:
        root = eval_dir("polnear") / "data" / "dev" / "text"
        for f in sorted(root.glob("*.txt"))[:n_polnear]:
            date = f.name.split("_")[1] if f.name.count("_") >= 2 else None
            items.append((f.read_text(encoding="utf-8"), date, None))
    return items


def replicate(db: str, total: int, n_polnear: int, *, on_progress=None) -> dict[str, float]:
    """Build a store of ``total`` articles; return linking cost per article near 1k and near 10k."""
    from redline.analyzer import Analyzer
    from redline.link import run as link_run
    from redline.link.entities import EntityLinker
    from redline.store import NewArticle, open_store

    items = base_items(n_polnear)
    analyzer = Analyzer()
    analyses = [a for a, _ in analyzer.pipe(((t, p, None) for t, p, _ in items))]
    st = open_store(db)
    linker = EntityLinker(st)  # canonical entities, as ingest does
    costs: dict[str, float] = {}
    checkpoints = {1000, total}
    for i in range(total):
        text, published, title = items[i % len(items)]
        marked = f"{text}\n\n[copy {i}]"
        h = hashlib.sha256(marked.encode()).hexdigest()
        analysis = copy.deepcopy(analyses[i % len(items)])
        analysis.text = marked
        linker.put(NewArticle(key=f"bench:{i}", name=f"bench-{i}", raw=marked.encode(), raw_format="text",
                                  raw_hash=h, text=marked, content_hash=h, published=published, title=title,
                                  analysis=analysis))
        n = i + 1
        # Before a checkpoint, every article is linked in a run of its own: the
        # whole cost of a link run for one new article (opening the saved
        # indexes, linking, saving what changed); elsewhere, runs of 500.
        single = any(0 <= c - n < SINGLE_RUNS for c in checkpoints)
        if single or n % 500 == 0:
            t0 = time.perf_counter()
            link_run(st)
            if single:
                costs.setdefault(next(c for c in checkpoints if 0 <= c - n < SINGLE_RUNS), []).append(
                    (time.perf_counter() - t0) * 1000)
        if on_progress and n % 500 == 0:
            on_progress(n)
    st.close()
    return {f"link_run_ms_at_{c}": statistics.median(v) for c, v in costs.items()}


def ensure_store(articles: int, base: int, *, rebuild: bool = False) -> tuple[str, dict[str, float]]:
    """The cached store of ``articles`` articles, built when missing (or asked); and, when built, the linking costs."""
    CACHE.mkdir(parents=True, exist_ok=True)
    db = str(CACHE / f"store-{articles}.db")
    if not rebuild and os.path.exists(db):
        return db, {}
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.unlink(db + suffix)
    t0 = time.perf_counter()
    costs = replicate(db, articles, base,
                      on_progress=lambda n: print(f"  {n} articles stored", file=sys.stderr) if n % 2000 == 0 else None)
    print(f"built {db} in {time.perf_counter() - t0:.0f} s")
    return db, costs


def timed(fn, repeat: int = 7) -> float:
    """Median milliseconds of ``repeat`` calls of ``fn``."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def measure(db: str) -> dict[str, float]:
    from redline.store import open_store
    from redline.link.about import positions_about
    from redline.query.timeline import build_timeline

    st = open_store(db)
    story = max(st.list_stories(limit=50), key=lambda s: len(s["article_ids"]))["id"]
    about = "strikes inside Russia with Western weapons"
    out = {
        "articles": st.count_articles(),
        "baseline_ms": timed(lambda: st.search("minister", limit=20)),
        "positions_about_ms": timed(lambda: positions_about(st, about, limit=100)),
        "timeline_about_ms": timed(lambda: build_timeline(st, about=about, limit=200)),
        "timeline_story_ms": timed(lambda: build_timeline(st, story=story, limit=200)),
        "timeline_entity_ms": timed(lambda: build_timeline(st, entity="Valdoria", limit=200)),
        "changes_ms": timed(lambda: st.list_changes()),
    }
    st.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--base", type=int, default=80, help="PolNeAR dev articles in the analyzed base")
    ap.add_argument("--rebuild", action="store_true")
    args = ap.parse_args()
    db, costs = ensure_store(args.articles, args.base, rebuild=args.rebuild)
    m = measure(db)
    base = m["baseline_ms"]
    print(f"store: {m['articles']:,} articles; baseline search('minister', limit=20): {base:.2f} ms")
    for k in ("positions_about_ms", "timeline_about_ms", "timeline_story_ms", "timeline_entity_ms", "changes_ms"):
        print(f"{k[:-3]:<22} {m[k]:8.1f} ms   ×{m[k] / base:7.1f} baseline   target < {TARGET_MS:.0f} ms")
    if costs:
        a, b = costs.get("link_run_ms_at_1000"), costs.get(f"link_run_ms_at_{args.articles}")
        if a and b:
            print(f"a link run for one new article (median of {SINGLE_RUNS}): {a:.2f} ms at 1k, "
                  f"{b:.2f} ms at {args.articles // 1000}k (ratio {b / a:.2f}; target ≈ 1)")


if __name__ == "__main__":
    main()
