"""What reading yields: a raw item, or a failure naming the file (and line)."""
from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..errors import ReadError


@dataclass
class RawItem:
    name: str  # where it came from, for messages: path, path:line, <stdin>
    key: str  # identity across runs: url if known, else the source name
    data: str | bytes  # what cleaning reads
    format: str  # "text" or "html"
    raw: bytes = b""  # the content as read (after gunzip), stored unchanged
    hints: dict[str, Any] = field(default_factory=dict)
    hint_origin: str = "user"  # where per-item hints came from: sidecar, jsonl, warc
    raw_format: str = "text"  # container it came in: text, html, jsonl, warc
    nbytes: int = 0  # share of the input it accounts for (progress)
    warnings: list[ReadError] = field(default_factory=list)
    line: int | None = None  # line number inside a JSONL file
    # The date the file's name holds (read.hints.filename_date): a weaker hint
    # than a sidecar's, used when the article itself gives no better date.
    name_date: str | None = None

    @property
    def path(self) -> str:
        return self.name.rsplit(":", 1)[0] if self.line is not None else self.name


@dataclass
class ReadFailure:
    error: ReadError
    nbytes: int = 0

    @property
    def name(self) -> str:
        return self.error.where


def sniff_format(data: bytes) -> str:
    """Guess a container format from the first bytes of (decompressed) content."""
    head = data[:4096].lstrip()
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"{"):
        first = head.split(b"\n", 1)[0]
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except (ValueError, RecursionError):
            pass
    low = head[:2048].lower()
    if low.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in data[:20000].lower():
        return "html"
    if low.startswith(b"<") and (b"</p>" in data[:20000].lower() or b"</div>" in data[:20000].lower()):
        return "html"
    return "text"


def printable(name: str) -> str:
    """``name`` as messages and the store show it: encodable, and on one line.

    A file name that is not UTF-8 comes from the OS with its bad bytes as
    surrogate escapes (U+DC80-U+DCFF), which cannot be encoded; they are
    written ``\\xNN``. Control characters, line and paragraph separators are
    written as Python escapes (``\\n``, ``\\x1b``, ``\\u2028``), so a name
    with a newline still makes a one-line message. The file itself is
    opened by its real name.
    """
    if name.isprintable():
        return name
    out = []
    for ch in name:
        o = ord(ch)
        if 0xDC80 <= o <= 0xDCFF:
            out.append(f"\\x{o - 0xDC00:02x}")
        elif 0xD800 <= o <= 0xDFFF:
            out.append("\ufffd")
        elif unicodedata.category(ch) in ("Cc", "Zl", "Zp"):
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)
