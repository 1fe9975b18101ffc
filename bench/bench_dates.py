"""Publication-date accuracy on the htmldate evaluation set.

Scoring reproduces htmldate's ``tests/evaluation.py`` (``evaluate_result``)
and ``tests/comparison.py`` (``calculate_scores``): a date equal to the gold
one is a true positive, a different date a false positive, no date a false
negative (plus a true negative when the gold has no date either). Then
precision = tp/(tp+fp), recall = tp/(tp+fn), accuracy = (tp+tn)/all and
F1 = 2tp/(2tp+fp+fn). Pages are read as htmldate's ``load_document`` reads
them: UTF-8, else the detected encoding.

Two date finders run on the same pages in the same run, both without the
page's URL (as htmldate's benchmark does):
- ``redline``: ``clean_html(html).published``;
- ``htmldate``: bare ``find_date(html, extensive_search=True, original_date=True)``.
A third row, ``redline+url``, passes the page's URL, as ingest does when a
sidecar, JSONL line or WARC record gives one. When ``clean_html`` finds no
main text (2 of the 800 pages: pages that render their text with JavaScript,
where trafilatura finds nothing either), redline's date finder
(``find_published``) is scored on its own. The script also prints how often
each of redline's confidence tiers is right, which is how the confidences in
``redline.clean.html`` were set.

    python bench/bench_dates.py            # full set (800 pages)
    python bench/bench_dates.py --every 4
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._data import eval_dir  # noqa: E402

NAME = "htmldate-eval"
ANCHOR = {"f1": 0.949}  # htmldate 1.10 extensive, on its 1,000-page set (../shared/eval/README.md)
# Pinned floors, a little under what was measured (htmldate 1.11.0, 2026-11):
# full set P 0.911 accuracy 0.907 F1 0.952 (bare htmldate: F1 0.951);
# subset P 0.925 accuracy 0.920 F1 0.958 (bare htmldate: 0.957). Enforced on
# the subset by tests/bench/test_dates_floor.py.
FLOORS = {
    "full": {"redline_f1": 0.945, "redline_accuracy": 0.897, "redline_precision": 0.90},
    # the fixed subset the floor test runs (every SUBSET_STEP-th page)
    "subset": {"redline_f1": 0.95, "redline_accuracy": 0.91, "redline_precision": 0.915},
}
SUBSET_STEP = 2


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        return str(best) if best is not None else data.decode("utf-8", errors="replace")


def load_pages(every: int = 1) -> list[tuple[str, dict[str, Any], str]]:
    """(url, annotation, html text) for every ``every``-th page of eval_default.json."""
    tests = eval_dir(NAME) / "tests"
    data = json.loads((tests / "eval_default.json").read_text(encoding="utf-8"))
    pages = []
    for url, item in list(data.items())[::every]:
        for sub in ("test_set", "cache", "eval"):
            path = tests / sub / item["file"]
            if path.is_file():
                pages.append((url, item, _decode(path.read_bytes(), item["file"])))
                break
    return pages


def evaluate_result(result: str | None, gold: str | None) -> tuple[int, int, int, int]:
    """(tp, fp, tn, fn), as htmldate's evaluation.evaluate_result."""
    if result is None:
        return (0, 0, 1, 1) if gold is None else (0, 0, 0, 1)
    return (1, 0, 0, 0) if result == gold else (0, 1, 0, 0)


def scores(tp: int, fp: int, tn: int, fn: int) -> dict[str, float]:
    total = tp + fp + tn + fn
    return {
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "accuracy": (tp + tn) / total if total else 0.0,
        "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0,
    }


def _redline(html: str, url: str | None) -> tuple[str | None, float]:
    from redline.clean.html import clean_html
    from redline.errors import RedlineError

    try:
        result = clean_html(html, url=url)
    except RedlineError:  # no main text: the date is still wanted, so score what htmldate alone says
        from redline.clean.html import find_published
        from trafilatura.utils import load_html

        tree = load_html(html)
        return find_published(tree, url) if tree is not None else (None, 0.0)
    return result.published, result.published_confidence


def run_htmldate(html: str, url: str | None) -> tuple[str | None, float]:
    from htmldate import find_date

    return find_date(html, extensive_search=True, original_date=True), 0.0


FINDERS: dict[str, Callable[[str, str | None], tuple[str | None, float]]] = {
    "redline": lambda html, url: _redline(html, None),
    "htmldate": run_htmldate,
    "redline+url": _redline,
}


def evaluate(every: int = 1, with_url: bool = True) -> dict[str, Any]:
    """Score redline and bare htmldate; returns ``{"pages": n, "redline_f1": ..., "htmldate_f1": ...}``.

    ``figures["tiers"]`` maps each confidence redline gave (without URL) to
    how many of those dates were right out of how many it found.
    """
    pages = load_pages(every)
    figures: dict[str, Any] = {"pages": len(pages)}
    tiers: dict[float, list[int]] = defaultdict(lambda: [0, 0])
    for name, finder in FINDERS.items():
        if name == "redline+url" and not with_url:
            continue
        counts = [0, 0, 0, 0]
        start = time.perf_counter()
        for url, item, html in pages:
            try:
                day, confidence = finder(html, url)
            except Exception:  # a crash is no date
                day, confidence = None, 0.0
            for i, n in enumerate(evaluate_result(day, item["date"])):
                counts[i] += n
            if name == "redline" and day is not None:
                tiers[confidence][0] += int(day == item["date"])
                tiers[confidence][1] += 1
        for key, value in scores(*counts).items():
            figures[f"{name}_{key}"] = value
        figures[f"{name}_seconds"] = time.perf_counter() - start
    figures["tiers"] = {conf: {"right": r, "found": n} for conf, (r, n) in sorted(tiers.items())}
    return figures


def report(figures: dict[str, Any]) -> str:
    lines = [f"htmldate evaluation set: {figures['pages']} pages"]
    lines.append(f"{'':14}{'precision':>10}{'recall':>10}{'accuracy':>10}{'F1':>8}   anchor F1")
    for name in ("redline", "htmldate", "redline+url"):
        if f"{name}_f1" not in figures:
            continue
        row = "".join(f"{figures[f'{name}_{k}']:>10.3f}" for k in ("precision", "recall", "accuracy"))
        lines.append(
            f"{name:14}{row}{figures[f'{name}_f1']:>8.3f}   {ANCHOR['f1']:.3f} (htmldate 1.10 extensive)"
            f"   [{figures[f'{name}_seconds']:.0f}s]"
        )
    for conf, tally in figures["tiers"].items():
        share = tally["right"] / tally["found"] if tally["found"] else 0.0
        lines.append(f"confidence {conf:.2f}: {tally['right']}/{tally['found']} right ({share:.3f})")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--every", type=int, default=1, help="score every N-th page only")
    args = parser.parse_args()
    print(report(evaluate(args.every)))


if __name__ == "__main__":
    main()
