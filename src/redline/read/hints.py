"""Metadata hints: sidecar files, JSONL fields, CLI flags.

Hints are what the user supplies; they always win over what cleaning guesses.

Strings read from JSON can hold what no file can: a lone surrogate, written
as the escape ``\\ud800``. Such a string cannot be encoded (for hashing, for
the store), so every string taken from JSON goes through ``scrub``, which
puts U+FFFD in its place; the reader then attaches a warning to the item.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
from typing import Any

from ..errors import ReadError

HINT_FIELDS = ("url", "title", "published", "source", "byline", "language")

# A sidecar holds a handful of short fields; anything bigger is not one.
MAX_SIDECAR_BYTES = 1_000_000

_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(value: str) -> tuple[str, int]:
    """``value`` with each lone surrogate replaced by U+FFFD, and how many there were."""
    if value.isascii():
        return value, 0
    return _SURROGATE.subn("\ufffd", value)


def surrogate_warning(count: int, what: str, path: str | None, line: int | None = None) -> ReadError:
    return ReadError(f"{count} lone surrogate{'s' if count != 1 else ''} (invalid Unicode escapes) in {what} "
                     "replaced by U+FFFD", path=path, line=line)


def kind_of(value: Any) -> str:
    """How JSON calls a value's type, for messages: "a number", "a list"..."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if value is None:
        return "null"
    return "a string" if isinstance(value, str) else type(value).__name__


def parse_json(text: str, path: str | None, line: int | None = None, *, what: str = "not valid JSON") -> Any:
    """``json.loads(text)``, raising a one-line ReadError for anything it refuses.

    The decoder recurses once per level of nesting, so a line of a few
    thousand ``[`` ends in RecursionError; integers of thousands of digits
    end in a plain ValueError. Both become ReadErrors like a syntax error.
    """
    try:
        return json.loads(text)
    except RecursionError:
        raise ReadError("JSON nested too deeply", path=path, line=line) from None
    except json.JSONDecodeError as err:
        raise ReadError(f"{what} ({err.msg})", path=path, line=line) from None
    except ValueError as err:  # e.g. "Exceeds the limit (4300 digits) for integer string conversion"
        raise ReadError(f"{what} ({' '.join(str(err).split())[:120]})", path=path, line=line) from None


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
        raise ValueError(f"not an ISO date: {value[:40]!r}") from None


# A date in a file name ("harbour-wire_2025-03-14_levy-vote.txt"): year,
# month, day in that order, joined by one kind of separator ("-", "_") or by
# none, and not part of a longer number ("2025031412" is an id, not a date).
_NAME_DATE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})([-_]?)([0-9]{2})\2([0-9]{2})(?![0-9])")
# How far a file-name date is trusted. Files are named when they are saved,
# often by a scraper or an archive and after the fact (a story saved the next
# morning, a batch renamed on import), so the name says when the file was
# made as much as when the story was published: below a date in the page's
# markup (html-meta, 0.9 / 0.95; htmldate's guess from the page, 0.7) and below
# a date in the story's own dateline or "Published" stamp (0.8), which the
# article prints itself; above a bare date the cleaner finds near the headline
# (0.5) or in the page's chrome (0.2), which may be an edition date.
FILENAME_CONFIDENCE = 0.6


def filename_date(path: str) -> str | None:
    """The ISO date a file's name holds (YYYY-MM-DD, YYYY_MM_DD or YYYYMMDD), or None.

    Only the name counts, not its folders or extension. A name with two
    different dates, or with a date that is no day of the calendar, gives None:
    which of them is the publication date cannot be told, and a date is never
    guessed.
    """
    name = os.path.basename(path)
    for ext in (".gz", ".txt", ".text", ".html", ".htm", ".xhtml"):
        if name.lower().endswith(ext):
            name = name[: -len(ext)]
    found = set()
    for m in _NAME_DATE.finditer(name):
        try:
            found.add(dt.date(int(m.group(1)), int(m.group(3)), int(m.group(4))).isoformat())
        except ValueError:
            return None  # "2025-13-40": a number shaped like a date, not one
    return found.pop() if len(found) == 1 else None


def check_hints(raw: dict[str, Any], path: str, line: int | None = None,
                warnings: list[ReadError] | None = None) -> dict[str, Any]:
    """The hint fields of ``raw``, checked: strings only, ``published`` an ISO date.

    Lone surrogates are replaced (see ``scrub``); a warning naming the field
    is appended to ``warnings`` when given.
    """
    out: dict[str, Any] = {}
    for k in HINT_FIELDS:
        v = raw.get(k)
        if v is None or v == "":
            continue
        if not isinstance(v, str):
            raise ReadError(f"field {k!r} must be a string, not {kind_of(v)}", path=path, line=line)
        v, bad = scrub(v)
        if bad and warnings is not None:
            warnings.append(surrogate_warning(bad, f"field {k!r}", path, line))
        if k == "published":
            try:
                v = parse_iso_date(v)
            except ValueError as err:
                raise ReadError(f"field 'published': {err}", path=path, line=line) from None
        v = v.strip()
        if v:
            out[k] = v
    return out


def sidecar_for(path: str) -> str | None:
    """``NAME.meta.json`` beside ``NAME.txt`` / ``NAME.html`` (also ``NAME.html.gz``)."""
    base = path[:-3] if path.lower().endswith(".gz") else path
    stem, _ = os.path.splitext(base)
    side = stem + ".meta.json"
    return side if os.path.isfile(side) else None


def _nonblocking(path: str, flags: int) -> int:
    # A sidecar swapped for a FIFO after the isfile() check must not block the run.
    return os.open(path, flags | os.O_NONBLOCK)


def load_sidecar(path: str, warnings: list[ReadError] | None = None, *, shown: str | None = None) -> dict[str, Any]:
    """The hints of sidecar ``path``; a one-line ReadError when they cannot be used.

    ``shown`` is the path as messages name it (see ``sources.printable``).
    Replaced lone surrogates add a warning to ``warnings``; the hints are kept.
    """
    shown = shown or path
    ignored = "; its hints were ignored"
    try:
        with open(path, "rb", opener=_nonblocking) as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise ReadError("sidecar is not a regular file" + ignored, path=shown)
            data = fh.read(MAX_SIDECAR_BYTES + 1)
    except OSError as err:
        raise ReadError(f"cannot read sidecar: {err.strerror or err}{ignored}", path=shown) from None
    if len(data) > MAX_SIDECAR_BYTES:
        raise ReadError(f"sidecar is over {MAX_SIDECAR_BYTES // 1_000_000} MB{ignored}", path=shown)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReadError("sidecar is not UTF-8 text (not JSON)" + ignored, path=shown) from None
    try:
        raw = parse_json(text, shown, what="sidecar is not valid JSON")
    except ReadError as err:
        raise ReadError(err.message.replace("JSON nested", "sidecar JSON nested") + ignored, path=shown) from None
    if not isinstance(raw, dict):
        raise ReadError(f"sidecar must be a JSON object, not {kind_of(raw)}{ignored}", path=shown)
    found: list[ReadError] = []
    try:
        hints = check_hints(raw, shown, warnings=found)
    except ReadError as err:
        raise ReadError(err.message + "; the sidecar's hints were ignored", path=shown) from None
    if warnings is not None:
        warnings.extend(found)
    return hints
