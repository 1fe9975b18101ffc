"""Turn paths (files, folders, ``-`` for stdin) into raw items.

A ``RawItem`` is one article: its bytes or text, the format to clean it as,
an identity (``key``: the URL when known, else the source name), and metadata
hints. A ``ReadFailure`` is one thing that could not be read, with a one-line
reason naming the file (and line). Reading never stops at a failure: the
generator yields it and goes on with the next item.
"""
from __future__ import annotations

import errno
import json
import os
import stat
import sys
import zlib
from dataclasses import field
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator

from ..errors import ReadError
from .decode import decode_bytes
from .hints import (HINT_FIELDS, check_hints, filename_date, kind_of, load_sidecar, parse_json, scrub, sidecar_for,
                    surrogate_warning)
from .items import RawItem, ReadFailure, printable, sniff_format
from .warc import read_warc

FORMATS = ("auto", "text", "html", "jsonl", "warc")
_GZIP_MAGIC = b"\x1f\x8b"

# Extensions taken when walking a folder. A file named explicitly is always
# tried (its format sniffed); in a folder, unknown files (images, PDFs,
# spreadsheets...) are skipped rather than reported one by one as "binary".
_EXT_FORMAT = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".warc": "warc",
}


def _strip_gz(name: str) -> tuple[str, bool]:
    return (name[:-3], True) if name.lower().endswith(".gz") else (name, False)


def format_from_name(name: str) -> str | None:
    base, _ = _strip_gz(name.lower())
    if base.endswith(".meta.json"):
        return None
    return _EXT_FORMAT.get(os.path.splitext(base)[1])


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
            elif os.path.exists(p) or os.path.islink(p):  # a broken link or a loop is read, and fails saying so
                yield (p, True)
            else:
                yield ReadFailure(ReadError("no such file or folder", path=printable(p)))

    def _walk(self, top: str) -> Iterator[tuple[str, bool] | ReadFailure]:
        """The files of a folder, recursively: each folder's files (sorted), then its subfolders.

        Folders are walked following symlinks (users link corpora together),
        so a link back to an ancestor would loop forever: each folder's
        (device, inode) is remembered and a second visit reported as a loop.
        The walk keeps its own stack (``os.walk`` recurses, and a folder
        nested a thousand deep raised RecursionError out of the whole run).
        """
        seen: set[tuple[int, int]] = set()
        stack = [top]
        while stack:
            dirpath = stack.pop()
            try:
                st = os.stat(dirpath)
                ident = (st.st_dev, st.st_ino)
                if ident in seen:
                    yield ReadFailure(ReadError("directory loop: this folder links back to one already read",
                                                path=printable(dirpath)))
                    continue
                seen.add(ident)
                with os.scandir(dirpath) as listing:
                    entries = list(listing)
            except OSError as err:  # unreadable, or removed or replaced while walking
                yield ReadFailure(ReadError(f"cannot read folder: {err.strerror or err}", path=printable(dirpath)))
                continue
            dirs, files = [], []
            for entry in entries:
                try:
                    is_dir = entry.is_dir()  # follows symlinks
                except OSError:
                    is_dir = False
                (dirs if is_dir else files).append(entry.name)
            for fn in sorted(files):
                if fn.startswith(".") or format_from_name(fn) is None:
                    continue
                yield (os.path.join(dirpath, fn), False)
            stack.extend(os.path.join(dirpath, d) for d in sorted(dirs, reverse=True) if not d.startswith("."))

    # -- reading ------------------------------------------------------------
    def read(self, paths: Iterable[str]) -> Iterator[RawItem | ReadFailure]:
        """Every item of ``paths``, or a failure for what cannot be read; nothing else escapes."""
        for entry in self.files(paths):
            if isinstance(entry, ReadFailure):
                yield entry
                continue
            path, explicit = entry
            shown = "<stdin>" if path == "-" else printable(path)
            try:
                yield from self.read_file(path, shown=shown, explicit=explicit)
            except ReadError as err:
                yield ReadFailure(err, nbytes=_size(path))
            except Exception as err:  # a bug or a library choking on hostile input costs this file only
                reason = " ".join(str(err).split())[:160]
                yield ReadFailure(ReadError(f"cannot read ({type(err).__name__}{': ' + reason if reason else ''})",
                                            path=shown), nbytes=_size(path))

    def load_bytes(self, path: str, *, shown: str | None = None, regular_only: bool = False) -> bytes:
        """The bytes of one file (or "-"), gunzipped, within the size limit.

        ``regular_only`` refuses FIFOs and devices (found in a folder: reading
        one could block or never end); a path named explicitly may be a pipe
        (``redline ingest <(zcat feed.jsonl.gz)``), read up to the limit.
        """
        data, cut, _junk = self._load(path, shown or printable(path), regular_only)
        if cut is not None:
            raise cut
        return data

    def _load(self, path: str, shown: str, regular_only: bool) -> tuple[bytes, ReadError | None, int]:
        """(bytes, cut, junk): for a truncated or corrupt gzip, what came before the cut and the
        error; ``junk``, the bytes between or after gzip members that were skipped."""
        if path == "-":
            stream = self.stdin or sys.stdin.buffer
            data = stream.read(self.max_bytes + 1)
        else:
            try:
                with open(path, "rb", opener=_nonblocking if regular_only else None) as fh:
                    st = os.fstat(fh.fileno())
                    if stat.S_ISREG(st.st_mode):
                        if st.st_size > self.max_bytes:
                            raise ReadError(self._too_big(st.st_size), path=shown)
                    elif stat.S_ISDIR(st.st_mode):
                        raise ReadError("is a folder", path=shown)
                    elif regular_only:
                        raise ReadError(f"not a regular file ({_file_kind(st.st_mode)}); skipped", path=shown)
                    data = fh.read(self.max_bytes + 1)
            except OSError as err:
                raise ReadError(_os_reason(err), path=shown) from None
        if len(data) > self.max_bytes:
            raise ReadError(self._too_big(len(data)), path=shown)
        if data[:2] == _GZIP_MAGIC:
            return self._gunzip(data, shown)
        return data, None, 0

    def _too_big(self, size: int) -> str:
        return f"file is {size / 1e6:.1f} MB, over the {self.max_bytes / 1e6:.0f} MB limit (REDLINE_MAX_BYTES)"

    def _gunzip(self, data: bytes, path: str) -> tuple[bytes, ReadError | None, int]:
        """Decompress every gzip member (a .warc.gz has one per record), bounded by the size limit.

        Output is bounded so a gzip bomb cannot exhaust memory, and input is
        fed in growing slices so a file of many tiny members costs linear
        time. A stream cut short returns what came before the cut with the
        error: a WARC keeps its complete records. Bytes that are no gzip
        member are skipped up to the next member, and counted.
        """
        out = bytearray()
        pos, end, junk, members = 0, len(data), 0, 0
        over = ReadError(f"decompresses to over the {self.max_bytes / 1e6:.0f} MB limit (REDLINE_MAX_BYTES)", path=path)
        while pos < end:
            d = zlib.decompressobj(16 + zlib.MAX_WBITS)
            start, size = pos, 1024
            try:
                while True:
                    chunk = data[pos:pos + size]
                    pos += len(chunk)
                    size = min(size * 2, 1 << 20)
                    out += d.decompress(chunk, self.max_bytes + 1 - len(out))
                    if len(out) > self.max_bytes:
                        raise over
                    if d.eof:
                        pos -= len(d.unused_data)  # the start of the next member
                        break
                    if pos >= end:
                        return bytes(out), ReadError("truncated gzip file", path=path), junk
            except zlib.error:
                if not members:
                    raise ReadError("corrupt gzip data", path=path) from None
                pos = start + 1  # a corrupt member after good ones: skip to the next one
                nxt = data.find(_GZIP_MAGIC + b"\x08", pos)
                junk += (nxt if nxt >= 0 else end) - start
                pos = nxt if nxt >= 0 else end
                continue
            members += 1
            if data[pos:pos + 2] == _GZIP_MAGIC:
                continue
            if not data[pos:].strip(b"\0 \t\r\n"):
                break  # NUL padding after the last member, as tape tools write
            nxt = data.find(_GZIP_MAGIC + b"\x08", pos)
            junk += (nxt if nxt >= 0 else end) - pos
            pos = nxt if nxt >= 0 else end
        return bytes(out), None, junk

    def read_file(self, path: str, *, shown: str | None = None,
                  explicit: bool = True) -> Iterator[RawItem | ReadFailure]:
        shown = shown or ("<stdin>" if path == "-" else printable(path))
        data, cut, junk = self._load(path, shown, not explicit)
        fmt = self.format
        if fmt == "auto":
            fmt = (format_from_name(path) if path != "-" else None) or sniff_format(data)
            # A .txt file that is really HTML is common in scrapes.
            if fmt == "text" and sniff_format(data) == "html":
                fmt = "html"
        if cut is not None and fmt != "warc":
            raise cut
        # Junk between gzip members is ignored, as gzip does, except in a WARC,
        # where it may be records that are lost: that is reported.
        if fmt == "jsonl":
            yield from self._jsonl(data, shown, path)
        elif fmt == "warc":
            if junk:
                yield ReadFailure(ReadError(f"{junk} byte{'s' if junk != 1 else ''} between the gzip members are not "
                                            "gzip data; skipped", path=shown))
            yield from read_warc(data, shown, max_bytes=self.max_bytes, run_hints=self.run_hints, cut=cut,
                                 base="stdin" if path == "-" else _resolved(path))
        else:
            yield self._single(data, shown, path, fmt)

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
                    hints = load_sidecar(side, warnings, shown=printable(side))
                except ReadError as err:
                    warnings.append(err)  # the article is still good; the bad sidecar is reported
        hints.update(self.run_hints)
        key = hints.get("url") or ("stdin:" + _digest(data) if path == "-" else _resolved(path))
        return RawItem(name=name, key=key, data=text, format=fmt, raw=data, hints=hints, hint_origin="sidecar",
                       raw_format=fmt, nbytes=len(data), warnings=warnings,
                       name_date=filename_date(path) if path != "-" else None)

    def _jsonl(self, data: bytes, name: str, path: str) -> Iterator[RawItem | ReadFailure]:
        text = decode_bytes(data, name)
        base = "stdin" if path == "-" else _resolved(path)
        for lineno, line in _lines(text):
            nbytes = len(line) + 1
            line = line.removesuffix("\r")
            if not line.strip():
                continue
            try:
                obj = parse_json(line, name, lineno)
            except ReadError as err:
                yield ReadFailure(err, nbytes)
                continue
            if not isinstance(obj, dict):
                yield ReadFailure(ReadError(f"a line must be a JSON object, not {kind_of(obj)}", path=name,
                                            line=lineno), nbytes)
                continue
            body, fmt = _jsonl_body(obj)
            if body is None:
                wrong = [f"field {k!r} must be a string, not {kind_of(obj[k])}" for k in ("text", "html")
                         if obj.get(k) is not None and not isinstance(obj[k], str)]
                reason = wrong[0] if wrong else "no 'text' or 'html' field"
                yield ReadFailure(ReadError(reason, path=name, line=lineno), nbytes)
                continue
            warnings: list[ReadError] = []
            body, bad = scrub(body)
            if bad:
                warnings.append(surrogate_warning(bad, f"field {fmt!r}", name, lineno))
            try:
                hints = check_hints({k: obj[k] for k in HINT_FIELDS if obj.get(k) is not None}, name, lineno,
                                    warnings)
            except ReadError as err:
                yield ReadFailure(err, nbytes)
                continue
            hints.update(self.run_hints)
            key = hints.get("url") or f"{base}#{_digest(body.encode())}"
            yield RawItem(name=f"{name}:{lineno}", key=key, data=body, format=fmt, raw=line.encode("utf-8"),
                          hints=hints, hint_origin="jsonl", raw_format="jsonl", nbytes=nbytes,
                          warnings=warnings, line=lineno)

def _lines(text: str) -> Iterator[tuple[int, str]]:
    """(number, line) of each line, one at a time (a list of millions of short lines is
    hundreds of MB). Lines end at "\n" only: str.splitlines() would also cut at U+2028,
    U+0085 or a form feed, which JSON strings may hold unescaped."""
    pos, lineno, end = 0, 0, len(text)
    while pos <= end:
        stop = text.find("\n", pos)
        if stop < 0:
            stop = end
        lineno += 1
        yield lineno, text[pos:stop]
        pos = stop + 1


def _jsonl_body(obj: dict[str, Any]) -> tuple[str | None, str]:
    for k in ("text", "html"):
        v = obj.get(k)
        if isinstance(v, str) and v.strip():
            return v, k
    return None, "text"


def _nonblocking(path: str, flags: int) -> int:
    # Opening a FIFO blocks until a writer comes; O_NONBLOCK returns at once, and
    # the fstat that follows refuses it. Regular files read as usual.
    return os.open(path, flags | os.O_NONBLOCK)


def _file_kind(mode: int) -> str:
    for test, kind in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "not a file"


def _os_reason(err: OSError) -> str:
    if err.errno == errno.ELOOP:
        return "symlink loop (too many levels of symbolic links)"
    if err.errno == errno.ENOENT:
        return "no such file (removed before it was read, or a broken symlink)"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if err.errno == errno.EISDIR:
        return "is a folder"
    if err.errno == errno.ENXIO:
        return "not a regular file (a socket or a device with no reader); skipped"
    return f"cannot read: {err.strerror or err}"


def _resolved(path: str) -> str:
    """The absolute, symlink-free path of ``path``, printable: an item's identity."""
    try:
        full = str(Path(path).resolve())
    except (OSError, RuntimeError):
        full = os.path.abspath(path)
    return printable(full)


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()[:16]


def _size(path: str) -> int:
    try:
        return os.path.getsize(path) if path != "-" else 0
    except OSError:
        return 0

