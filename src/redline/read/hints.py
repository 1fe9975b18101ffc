"""Metadata hints: sidecar files, JSONL fields, CLI flags.

Hints are what the user supplies; they always win over what cleaning guesses.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from typing import Any

from ..errors import ReadError

HINT_FIELDS = ("url", "title", "published", "source", "byline", "language")


def parse_iso_date(value: str) -> str:
    """Accept YYYY-MM-DD (or a full ISO timestamp) and return YYYY-MM-DD; raise ValueError otherwise."""
    value = value.strip()
    try:
        return dt.date.fromisoformat(value[:10]).isoformat() if len(value) > 10 and value[10] in "T " \
            else dt.date.fromisoformat(value).isoformat()
    except ValueError:
        # Coarser dates are allowed by the data contract: YYYY-MM and YYYY.
        for fmt in ("%Y-%m", "%Y"):
            try:
                dt.datetime.strptime(value, fmt)
                return value
            except ValueError:
                pass
        raise ValueError(f"not an ISO date: {value!r}") from None


def check_hints(raw: dict[str, Any], path: str, line: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k in HINT_FIELDS:
        v = raw.get(k)
        if v is None or v == "":
            continue
        if not isinstance(v, str):
            raise ReadError(f"field {k!r} must be a string", path=path, line=line)
        if k == "published":
            try:
                v = parse_iso_date(v)
            except ValueError as err:
                raise ReadError(f"field 'published': {err}", path=path, line=line) from None
        out[k] = v.strip()
    return out


def sidecar_for(path: str) -> str | None:
    """``NAME.meta.json`` beside ``NAME.txt`` / ``NAME.html`` (also ``NAME.html.gz``)."""
    base = path[:-3] if path.lower().endswith(".gz") else path
    stem, _ = os.path.splitext(base)
    side = stem + ".meta.json"
    return side if os.path.isfile(side) else None


def load_sidecar(path: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            raw = json.loads(fh.read().decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as err:
        raise ReadError(f"sidecar is not valid JSON ({getattr(err, 'msg', err)}); its hints were ignored", path=path) from None
    except OSError as err:
        raise ReadError(f"cannot read sidecar: {err.strerror or err}", path=path) from None
    if not isinstance(raw, dict):
        raise ReadError("sidecar must be a JSON object; its hints were ignored", path=path)
    try:
        return check_hints(raw, path)
    except ReadError as err:
        raise ReadError(err.message + "; the sidecar's hints were ignored", path=path) from None
