"""Ingest throughput by executor: in-process, a local Dask cluster of 1 worker, and of 2.

One run, one process, the same corpus for each: PolNeAR's dev texts (then its
train texts, up to ``--articles``), read in place from the unpacked eval
archive and never copied. Each executor is started and warmed up (the model
loaded, and one text analysed on every worker) before the clock starts, so the
figure is the steady rate of a whole ``redline ingest`` (read, clean, analyse,
store, link) into a fresh store; the start-up is printed beside it. The
ratios are against the in-process run; the goal on a 2-core machine is
>= 1.8x from 2 workers. With ``--rounds`` > 1 the configurations alternate and
each keeps its best round, so machine noise hits them alike.

The default corpus, 192 articles, is 12 partitions of 16 (the batch size):
the two workers get equal shares. Any count that is not a multiple of
2 x 16 leaves one worker a partition more (200 articles: 7 against 6, which
caps the 2-worker ratio at 1.79 whatever the speed).

    .venv/bin/python bench/bench_executor.py [--articles 192] [--rounds 1] [--workers 1,2]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._data import eval_dir  # noqa: E402

GOAL = 1.8  # 2 workers against in-process, on 2 cores


def corpus(limit: int) -> list[str]:
    root = eval_dir("polnear") / "data"
    files = sorted((root / "dev" / "text").glob("*.txt")) + sorted((root / "train" / "text").glob("*.txt"))
    if len(files) < limit:
        raise SystemExit(f"only {len(files)} PolNeAR texts; ask for fewer --articles")
    return [str(f) for f in files[:limit]]


def _warm(ingestor, text: str) -> None:
    """Load the model and build the stages' lazy tables everywhere the analysis will run."""
    ex = ingestor.executor
    if ex.name == "local":
        ex.analyzer.analyze(text)
    else:
        from redline.executors import worker

        ex.client.run(worker.analyse_partition, [(text, None)], ex.model_name, ex.chunk_chars, ex.batch_size)


def measure(kind: str, workers: int, files: list[str], workdir: str, tag: str) -> dict[str, float]:
    from redline.ingest import Ingestor
    from redline.store import open_store

    store = open_store(str(Path(workdir) / f"{tag}.db"))
    t0 = time.perf_counter()
    ingestor = Ingestor(store, executor=kind, workers=workers)
    try:
        _warm(ingestor, Path(files[0]).read_text(encoding="utf-8"))
        startup = time.perf_counter() - t0
        c0, w0, t0 = time.process_time(), _workers_cpu(), time.perf_counter()
        summary = ingestor.run(files)
        secs = time.perf_counter() - t0
        client_cpu, workers_cpu = time.process_time() - c0, _workers_cpu() - w0
    finally:
        ingestor.close()
        store.close()
    if summary.stored != len(files) or summary.analysis_failed:
        raise SystemExit(f"{tag}: stored {summary.stored} of {len(files)}, {summary.analysis_failed} failed")
    return {"secs": secs, "rate": len(files) / secs, "startup": startup, "client_cpu": client_cpu,
            "workers_cpu": workers_cpu, "load": os.getloadavg()[0]}


def _workers_cpu() -> float:
    """CPU seconds of this process's children (the Dask nannies and workers) so far."""
    try:
        import psutil  # a dependency of distributed; without it the column reads 0
    except ImportError:
        return 0.0
    total = 0.0
    for p in psutil.Process().children(recursive=True):
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


def main(argv: list[str] | None = None) -> dict[str, dict[str, float]]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=192)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--workers", default="1,2", help="Dask cluster sizes to measure, comma-separated")
    args = ap.parse_args(argv)
    files = corpus(args.articles)
    configs = [("in-process", "local", 1)] + [(f"dask x{n}", "dask", int(n)) for n in args.workers.split(",")]
    best: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="redline-executor-") as workdir:
        for round_ in range(args.rounds):
            for label, kind, n in configs:
                r = measure(kind, n, files, workdir, f"{kind}{n}-{round_}")
                if label not in best or r["rate"] > best[label]["rate"]:
                    best[label] = r
    base = best["in-process"]["rate"]
    print(f"{len(files)} PolNeAR articles, best of {args.rounds} round(s)")
    # CPU seconds say where the time went when the machine is shared: a ratio under the
    # goal with the same CPU per article is the machine's load, not the executor's overhead.
    print(f"{'executor':<12} {'articles/s':>10} {'ratio':>6} {'seconds':>8} {'start-up s':>10} "
          f"{'client cpu s':>12} {'workers cpu s':>13} {'load':>5}")
    for label, _, _ in configs:
        r = best[label]
        print(f"{label:<12} {r['rate']:>10.2f} {r['rate'] / base:>5.2f}x {r['secs']:>8.1f} {r['startup']:>10.1f} "
              f"{r['client_cpu']:>12.1f} {r['workers_cpu']:>13.1f} {r['load']:>5.1f}")
    two = best.get("dask x2")
    if two:
        ratio = two["rate"] / base
        print(f"dask x2 / in-process: {ratio:.2f}x (goal >= {GOAL}x: {'met' if ratio >= GOAL else 'not met'})")
    return best


if __name__ == "__main__":
    main()
