"""The confidence filter every list of quotes, events, positions and changes takes.

``min_confidence=None`` keeps everything. A threshold keeps the records whose
confidence is at least it, and the records that have none: a store made before
confidences were kept (and a stage that gives none) must not lose its records
from every view.
"""
from __future__ import annotations

from typing import Any

QUOTE = "q.confidence"
CHANGE = "c.confidence"
EVENT = "json_extract(v.extra, '$.confidence')"
POSITION = "json_extract(p.extra, '$.confidence')"


def at_least(expr: str, min_confidence: float | None, where: list[str], args: list[Any]) -> None:
    """Add the condition "``expr`` is null or at least ``min_confidence``" (nothing for None)."""
    if min_confidence is None:
        return
    where.append(f"({expr} IS NULL OR {expr} >= ?)")
    args.append(float(min_confidence))
