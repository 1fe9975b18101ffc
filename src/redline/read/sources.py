"""Turn paths (files, folders, ``-`` for stdin) into raw items.

A ``RawItem`` is one article: its bytes or text, the format to clean it as,
an identity (``key``: the URL when known, else the source name), and metadata
hints. A ``ReadFailure`` is one thing that could not be read, with a one-line
reason naming the file (and line). Reading never stops at a failure: the
generator yields it and goes on with the next item.
"""
from __future__ import annotations

import io
import json
import os
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator

from ..errors import ReadError
from .decode import decode_bytes
from .hints import HINT_FIELDS, check_hints, load_sidecar, sidecar_for

FORMATS = ("auto", "text", "html", "jsonl", "warc")

# Extensions taken when walking a folder. A file named explicitly is always
# tried (its format sniffed); in a folder, unknown files (images, PDFs,
# spreadsheets...) are skipped rather than reported one by one as "binary".
_EXT_FORMAT = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".warc": "warc",
}


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


def _strip_gz(name: str) -> tuple[str, bool]:
    return (name[:-3], True) if name.lower().endswith(".gz") else (name, False)


def format_from_name(name: str) -> str | None:
    base, _ = _strip_gz(name.lower())
    if base.endswith(".meta.json"):
        return None
    return _EXT_FORMAT.get(os.path.splitext(base)[1])


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
        except ValueError:
            pass
    low = head[:2048].lower()
    if low.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in data[:20000].lower():
        return "html"
    if low.startswith(b"<") and (b"</p>" in data[:20000].lower() or b"</div>" in data[:20000].lower()):
        return "html"
    return "text"


class Reader:
    """Read sources into ``RawItem``s; see module docstring."""

    def __init__(self, *, max_bytes: int, format: str = "auto", hints: dict[str, Any] | None = None,
                 stdin: BinaryIO | None = None):
        if format not in FORMATS:
            raise ReadError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
        self.max_bytes = max_bytes
        self.format = format
        self.run_hints = {k: v for k, v in (hints or {}).items() if v is not None}
        self.stdin = stdin

    # -- enumeration --------------------------------------------------------
    def files(self, paths: Iterable[str]) -> Iterator[tuple[str, bool] | ReadFailure]:
        """Yield (path, explicit) for each file to read, or failures (loops, unreadable folders)."""
        for p in paths:
            if p == "-":
                yield ("-", True)
                continue
            if os.path.isdir(p):
                yield from self._walk(p)
            elif os.path.exists(p):
                yield (p, True)
            else:
                yield ReadFailure(ReadError("no such file or folder", path=p))

    def _walk(self, top: str) -> Iterator[tuple[str, bool] | ReadFailure]:
        # Folders are walked following symlinks (users link corpora together),
        # so a link back to an ancestor would loop forever: remember each
        # folder's (device, inode) and report a second visit as a loop.
        seen: set[tuple[int, int]] = set()
        errors: list[OSError] = []
        for dirpath, dirnames, filenames in os.walk(top, followlinks=True, onerror=errors.append):
            while errors:
                err = errors.pop()
                yield ReadFailure(ReadError(f"cannot read folder: {err.strerror or err}", path=err.filename or dirpath))
            st = os.stat(dirpath)
            ident = (st.st_dev, st.st_ino)
            if ident in seen:
                dirnames[:] = []
                yield ReadFailure(ReadError("directory loop: this folder links back to one already read", path=dirpath))
                continue
            seen.add(ident)
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for fn in sorted(filenames):
                if fn.startswith(".") or format_from_name(fn) is None:
                    continue
                yield (os.path.join(dirpath, fn), False)
        while errors:
            err = errors.pop()
            yield ReadFailure(ReadError(f"cannot read folder: {err.strerror or err}", path=err.filename or top))

    # -- reading ------------------------------------------------------------
    def read(self, paths: Iterable[str]) -> Iterator[RawItem | ReadFailure]:
        for entry in self.files(paths):
            if isinstance(entry, ReadFailure):
                yield entry
                continue
            path, _explicit = entry
            try:
                yield from self.read_file(path)
            except ReadError as err:
                yield ReadFailure(err, nbytes=_size(path))

    def load_bytes(self, path: str) -> bytes:
        """The bytes of one file (or "-"), gunzipped, within the size limit."""
        if path == "-":
            stream = self.stdin or sys.stdin.buffer
            data = stream.read(self.max_bytes + 1)
        else:
            try:
                size = os.path.getsize(path)
                if size > self.max_bytes:
                    raise ReadError(self._too_big(size), path=path)
                with open(path, "rb") as fh:
                    data = fh.read(self.max_bytes + 1)
            except PermissionError:
                raise ReadError("permission denied", path=path) from None
            except IsADirectoryError:
                raise ReadError("is a folder", path=path) from None
            except OSError as err:
                raise ReadError(f"cannot read: {err.strerror or err}", path=path) from None
        if len(data) > self.max_bytes:
            raise ReadError(self._too_big(len(data)), path=path)
        if data[:2] == b"\x1f\x8b":
            data = self._gunzip(data, path)
        return data

    def _too_big(self, size: int) -> str:
        return f"file is {size / 1e6:.1f} MB, over the {self.max_bytes / 1e6:.0f} MB limit (REDLINE_MAX_BYTES)"

    def _gunzip(self, data: bytes, path: str) -> bytes:
        # Decompress in bounded chunks so a gzip bomb cannot exhaust memory.
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out = d.decompress(data, self.max_bytes + 1)
        except zlib.error:
            raise ReadError("corrupt gzip data", path=path) from None
        if len(out) > self.max_bytes or d.unconsumed_tail:
            raise ReadError(f"decompresses to over the {self.max_bytes / 1e6:.0f} MB limit (REDLINE_MAX_BYTES)", path=path)
        if not d.eof:
            raise ReadError("truncated gzip file", path=path)
        return out

    def read_file(self, path: str) -> Iterator[RawItem | ReadFailure]:
        data = self.load_bytes(path)
        name = "<stdin>" if path == "-" else path
        fmt = self.format
        if fmt == "auto":
            fmt = (format_from_name(path) if path != "-" else None) or sniff_format(data)
            # A .txt file that is really HTML is common in scrapes.
            if fmt == "text" and sniff_format(data) == "html":
                fmt = "html"
        if fmt == "jsonl":
            yield from self._jsonl(data, name)
        elif fmt == "warc":
            yield from self._warc(data, name)
        else:
            yield self._single(data, name, path, fmt)

    def _single(self, data: bytes, name: str, path: str, fmt: str) -> RawItem:
        text = decode_bytes(data, name)
        if fmt == "html":
            text = data  # trafilatura reads the page's declared charset itself
        warnings: list[ReadError] = []
        hints: dict[str, Any] = {}
        if path != "-":
            side = sidecar_for(path)
            if side is not None:
                try:
                    hints = load_sidecar(side)
                except ReadError as err:
                    warnings.append(err)  # the article is still good; the bad sidecar is reported
        hints.update(self.run_hints)
        key = hints.get("url") or ("stdin:" + _digest(data) if path == "-" else str(Path(path).resolve()))
        return RawItem(name=name, key=key, data=text, format=fmt, raw=data, hints=hints, hint_origin="sidecar",
                       raw_format=fmt, nbytes=len(data), warnings=warnings)

    def _jsonl(self, data: bytes, name: str) -> Iterator[RawItem | ReadFailure]:
        text = decode_bytes(data, name)
        for lineno, line in enumerate(text.splitlines(), 1):
            nbytes = len(line) + 1
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError as err:
                yield ReadFailure(ReadError(f"not valid JSON ({err.msg})", path=name, line=lineno), nbytes)
                continue
            if not isinstance(obj, dict):
                yield ReadFailure(ReadError("a line must be a JSON object", path=name, line=lineno), nbytes)
                continue
            body, fmt = obj.get("text"), "text"
            if not (isinstance(body, str) and body.strip()):
                body, fmt = obj.get("html"), "html"
            if not (isinstance(body, str) and body.strip()):
                yield ReadFailure(ReadError("no 'text' or 'html' field", path=name, line=lineno), nbytes)
                continue
            try:
                hints = check_hints({k: obj[k] for k in HINT_FIELDS if obj.get(k) is not None}, name, lineno)
            except ReadError as err:
                yield ReadFailure(err, nbytes)
                continue
            hints.update(self.run_hints)
            key = hints.get("url") or f"{Path(name).resolve() if name != '<stdin>' else 'stdin'}#{_digest(body.encode())}"
            yield RawItem(name=f"{name}:{lineno}", key=key, data=body, format=fmt, raw=line.encode("utf-8"),
                          hints=hints, hint_origin="jsonl", raw_format="jsonl", nbytes=nbytes,
                          line=lineno)

    def _warc(self, data: bytes, name: str) -> Iterator[RawItem | ReadFailure]:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed

        count = 0
        try:
            for record in ArchiveIterator(io.BytesIO(data)):
                if record.rec_type != "response":
                    continue
                ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
                if ctype and "html" not in ctype.lower() and "text" not in ctype.lower():
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                body = record.content_stream().read()
                count += 1
                if not body.strip():
                    yield ReadFailure(ReadError("empty response record", path=f"{name}#{url}"))
                    continue
                hints = {"url": url, **self.run_hints} if url else dict(self.run_hints)
                yield RawItem(name=f"{name}#{url or count}", key=url or f"{name}#{count}", data=body, raw=body,
                              format="html" if "html" in ctype.lower() or sniff_format(body) == "html" else "text",
                              hints=hints, hint_origin="warc", raw_format="warc", nbytes=len(body))
        except (ArchiveLoadFailed, ValueError, EOFError, OSError) as err:
            yield ReadFailure(ReadError(f"bad WARC data: {' '.join(str(err).split())[:200]}", path=name))
        if count == 0:
            yield ReadFailure(ReadError("no HTML response records in WARC", path=name))


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()[:16]


def _size(path: str) -> int:
    try:
        return os.path.getsize(path) if path != "-" else 0
    except OSError:
        return 0

