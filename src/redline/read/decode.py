"""Bytes to text: UTF-8 first, then charset detection; binary is refused."""
from __future__ import annotations

from ..errors import ReadError

# A text file has (almost) no NUL bytes and few C0 control characters other
# than tab, newline, carriage return and form feed. Counting them on the first
# 8 KB tells binaries (images, PDFs, archives) from text cheaply.
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32))
# Formats that announce themselves: refused whatever the rest looks like.
_MAGIC = (b"%PDF-", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF", b"SQLite format 3\x00",
          b"\xd0\xcf\x11\xe0", b"7z\xbc\xaf", b"Rar!", b"\xfd7zXZ", b"\x28\xb5\x2f\xfd", b"OggS",
          b"\x00\x00\x00")


def is_binary(data: bytes) -> bool:
    head = data[:8192]
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 (or UTF-32) text, NULs and all, with its byte-order mark
    if head.startswith(_MAGIC):
        return True
    # Binary formats (and UTF-16 without a mark) have NULs all through; a
    # scraped page may carry a stray one or two, which is no reason to refuse it.
    if head.count(0) > max(1, len(head) // 200):
        return True
    bad = sum(1 for b in head if b in _CONTROL)
    return bad / len(head) > 0.05


def decode_bytes(data: bytes, path: str) -> str:
    """Decode ``data`` to str, naming ``path`` in any error. Stray NULs are dropped: they mean nothing in text."""
    if not data.strip():
        raise ReadError("file is empty", path=path)
    if is_binary(data):
        raise ReadError("file is binary, not text", path=path)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8").replace("\x00", "")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReadError("cannot decode: not UTF-8 and no other encoding fits", path=path)
    return str(best).replace("\x00", "")
