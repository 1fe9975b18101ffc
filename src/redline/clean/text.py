"""Plain-text chrome removal (being written)."""
from __future__ import annotations

from typing import Mapping

from . import CleanResult


def line_key(line: str) -> str:
    return " ".join(line.lower().split())


def clean_plain_text(text: str, *, repeated: Mapping[str, int] | None = None, siblings: int = 0) -> CleanResult:
    return CleanResult(text=text.strip(), format="text")
