"""Full-analysis throughput against a bare ``nlp.pipe`` of the same model.

Both run in this one process over the same PolNeAR texts, alternating, and
the best of the rounds is kept for each, so machine noise hits both alike.
The figure that matters is the ratio: analysis throughput / bare throughput
(target ≥ 0.8: everything after parsing costs at most a quarter more). A
third phase adds what ``redline ingest`` does after the analysis: each article
is written to a fresh SQLite store, and the link step (stories, event
deduplication) runs over them; its ratio is printed beside the first.
Peak memory is the process's maximum resident set size after each phase.

    .venv/bin/python bench/bench_speed.py [--articles 300] [--rounds 2]
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._data import eval_dir  # noqa: E402

ANCHOR_RATIO = 0.8


def polnear_texts(limit: int | None = None) -> list[str]:
    root = eval_dir("polnear") / "data"
    files = sorted((root / "train" / "text").glob("*.txt")) + sorted((root / "dev" / "text").glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    return texts[:limit] if limit else texts


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def store_and_link(analyses: list, workdir: str, round_: int) -> None:
    """Write analyzed articles to a fresh store and link them, as an ingest run does."""
    import hashlib
    import os

    from redline.link import run as link_run
    from redline.link.entities import EntityLinker
    from redline.store import NewArticle, open_store

    path = os.path.join(workdir, f"speed-{round_}.db")
    st = open_store(path)
    linker = EntityLinker(st)  # canonical entities, as ingest does
    for i, analysis in enumerate(analyses):
        h = hashlib.sha256(analysis.text.encode()).hexdigest()
        linker.put(NewArticle(key=f"speed:{i}", name=f"speed-{i}", raw=analysis.text.encode(),
                                  raw_format="text", raw_hash=h, text=analysis.text, content_hash=h,
                                  published="2016-06-01", title=None, analysis=analysis))
    link_run(st)
    st.close()


def run(texts: list[str], rounds: int = 2, batch_size: int = 16) -> dict[str, float]:
    import tempfile

    from redline.analyzer import Analyzer

    analyzer = Analyzer()
    nlp = analyzer.nlp
    words = sum(len(t.split()) for t in texts)
    list(analyzer.pipe(((t, "2016-06-01", None) for t in texts[:10])))  # warm-up: caches, matchers, lexicons
    best_bare = best_full = best_ingest = float("inf")
    mem_bare = mem_full = 0.0
    workdir = tempfile.mkdtemp(prefix="redline-speed-")
    for round_ in range(rounds):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=batch_size):
            pass
        best_bare = min(best_bare, time.perf_counter() - t0)
        mem_bare = max(mem_bare, peak_mb())
        t0 = time.perf_counter()
        analyses = [a for a, _ in analyzer.pipe(((t, "2016-06-01", None) for t in texts), batch_size=batch_size)]
        best_full = min(best_full, elapsed := time.perf_counter() - t0)
        mem_full = max(mem_full, peak_mb())
        t0 = time.perf_counter()
        store_and_link(analyses, workdir, round_)
        best_ingest = min(best_ingest, elapsed + time.perf_counter() - t0)
    return {
        "articles": len(texts),
        "words": words,
        "bare_articles_per_s": len(texts) / best_bare,
        "bare_words_per_s": words / best_bare,
        "full_articles_per_s": len(texts) / best_full,
        "full_words_per_s": words / best_full,
        "ratio": best_bare / best_full,
        "ingest_articles_per_s": len(texts) / best_ingest,
        "ingest_ratio": best_bare / best_ingest,
        "peak_rss_mb_after_bare": mem_bare,
        "peak_rss_mb_after_full": mem_full,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    r = run(polnear_texts(args.articles), rounds=args.rounds)
    print(f"PolNeAR texts: {r['articles']} articles, {r['words']:,} words, best of {args.rounds} rounds")
    print(f"bare nlp.pipe:  {r['bare_articles_per_s']:7.1f} articles/s  {r['bare_words_per_s']:9.0f} words/s")
    print(f"full analysis:  {r['full_articles_per_s']:7.1f} articles/s  {r['full_words_per_s']:9.0f} words/s")
    print(f"+ store + link: {r['ingest_articles_per_s']:7.1f} articles/s")
    print(f"throughput ratio (full / bare): {r['ratio']:.2f}   (target ≥ {ANCHOR_RATIO})")
    print(f"throughput ratio (full + store + link / bare): {r['ingest_ratio']:.2f}   (target ≥ {ANCHOR_RATIO})")
    print(f"peak RSS: {r['peak_rss_mb_after_bare']:.0f} MB after bare, {r['peak_rss_mb_after_full']:.0f} MB after full")


if __name__ == "__main__":
    main()
