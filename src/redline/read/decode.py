"""Bytes to text: UTF-8 first, then charset detection; binary is refused."""
from __future__ import annotations

from ..errors import ReadError

# A text file has (almost) no NUL bytes and few C0 control characters other
# than tab, newline, carriage return and form feed. Counting them on the first
# 8 KB tells binaries (images, PDFs, archives) from text cheaply.
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32))


def is_binary(data: bytes) -> bool:
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        # UTF-16 text has NULs too; it starts with a byte-order mark.
        return not head.startswith((b"\xff\xfe", b"\xfe\xff"))
    bad = sum(1 for b in head if b in _CONTROL)
    return bad / len(head) > 0.05


def decode_bytes(data: bytes, path: str) -> str:
    """Decode ``data`` to str, naming ``path`` in any error."""
    if not data.strip():
        raise ReadError("file is empty", path=path)
    if is_binary(data):
        raise ReadError("file is binary, not text", path=path)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReadError("cannot decode: not UTF-8 and no other encoding fits", path=path)
    return str(best)
