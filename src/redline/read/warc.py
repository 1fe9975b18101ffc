"""WARC archives: each HTML or text response record read, or failed, on its own."""
from __future__ import annotations

import io
from typing import Any, Iterator

from ..errors import ReadError
from .hints import scrub
from .items import RawItem, ReadFailure, printable, sniff_format


def read_warc(data: bytes, name: str, *, max_bytes: int, run_hints: dict[str, Any], cut: ReadError | None = None,
          base: str | None = None) -> Iterator[RawItem | ReadFailure]:
    """The HTML and text response records of a WARC, each read or failed on its own.

    A record warcio cannot parse fails alone: reading resumes at the
    next ``WARC/`` header. A WARC cut mid-record (a truncated download)
    yields its complete records and one failure for the cut.
    """
    from warcio.archiveiterator import ArchiveIterator

    if not data.lstrip()[:5] == b"WARC/":
        # warcio would read anything else as the older ARC format, a record per line of text
        yield ReadFailure(ReadError("not a WARC file: it does not start with a WARC/1.x record header", path=name))
        return
    count = 0  # HTML/text response records seen
    read_ok = 0  # of which read
    n = 0  # records seen, for naming those without a target URI: file#N
    pos = 0
    last: ReadFailure | None = None  # a failure at the end of the data: the cut, when the file is cut
    stream = io.BytesIO(data)  # shares data's buffer; offsets below are into data
    while pos < len(data):
        stream.seek(pos)
        it = ArchiveIterator(stream)
        it.loader = _warc_loader()
        it.INC_RECORD = ""  # warcio prints a warning to stderr for a bad Content-Length; the failure says it
        failure: ReadFailure | None = None
        resume = 0  # where to look for the next record header after a failure
        try:
            for record in it:
                n += 1
                start = it.offset
                result = _record(record, name, n, base or name, max_bytes, run_hints)
                if result is None:
                    continue
                count += 1
                if isinstance(result, RawItem):
                    read_ok += 1
                elif result.error.message.startswith("record cut short"):
                    # Either the file ends inside it, or its Content-Length is
                    # wrong and it swallowed the records after it.
                    failure, resume = result, start
                    break
                yield result
        except Exception as err:  # warcio's parse errors are of many types
            n += 1
            reason = " ".join(str(err).split())[:160] or type(err).__name__
            resume = it.offset  # where the record that could not be read begins
            failure = ReadFailure(ReadError(f"unreadable WARC record ({reason})", path=f"{name}#{n}"))
        if failure is None:
            resume = it.offset
            if not data[resume:].strip():
                break
            n += 1  # warcio stops without a word at a record header cut short
            failure = ReadFailure(ReadError(f"WARC data cut short after record {n - 1}", path=f"{name}#{n}"))
        nxt = data.find(b"\nWARC/", resume + 1)
        if nxt < 0:
            last = failure
            break
        yield failure
        pos = nxt + 1
    if cut is not None:  # a truncated .warc.gz: the cut is the gzip's, reported once
        yield ReadFailure(ReadError(f"{cut.message} ({read_ok} complete record{'s' if read_ok != 1 else ''} before "
                                    "the cut read)", path=name))
    elif last is not None:
        yield last
    elif count == 0:
        yield ReadFailure(ReadError("no HTML response records in WARC", path=name))

def _record(record: Any, name: str, n: int, base: str, max_bytes: int,
        run_hints: dict[str, Any]) -> RawItem | ReadFailure | None:
    """One record: an item, a failure, or None when it is not an HTML/text response."""
    if record.rec_type != "response":
        return None
    ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
    if ctype and "html" not in ctype.lower() and "text" not in ctype.lower():
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    if url is not None:
        url = scrub(url)[0].strip() or None
    where = f"{name}#{printable(url) if url else n}"
    try:
        body = record.content_stream().read(max_bytes + 1)
        while record.raw_stream.read(1 << 16):  # the rest, undecoded, to see whether the record is whole
            pass
    except Exception as err:  # a bad Content-Encoding, a broken chunked body...
        reason = " ".join(str(err).split())[:160] or type(err).__name__
        return ReadFailure(ReadError(f"unreadable WARC record ({reason})", path=where))
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        return ReadFailure(ReadError(f"record cut short: {missing} of its {record.length} bytes are missing",
                                     path=where))
    if len(body) > max_bytes:
        return ReadFailure(ReadError(f"record decompresses to over the {max_bytes / 1e6:.0f} MB limit "
                                     "(REDLINE_MAX_BYTES)", path=where))
    if not body.strip():
        return ReadFailure(ReadError("empty response record", path=where))
    hints = {"url": url, **run_hints} if url else dict(run_hints)
    return RawItem(name=where, key=url or f"{base}#{n}", data=body, raw=body,
                   format="html" if "html" in ctype.lower() or sniff_format(body) == "html" else "text",
                   hints=hints, hint_origin="warc", raw_format="warc", nbytes=len(body))


_LOADER: Any = None


def _warc_loader() -> Any:
    """warcio's record loader, made to read a response record without a WARC-Target-URI.

    warcio decides whether a record holds HTTP headers from its target URI
    and calls ``uri.startswith`` on None when the header is missing; such a
    record is read as HTTP, the usual case, and named ``file#N``.
    """
    global _LOADER
    if _LOADER is None:
        from warcio.recordloader import ArcWarcRecordLoader

        class _Loader(ArcWarcRecordLoader):
            def load_http_headers(self, rec_type, uri, stream, length):
                return super().load_http_headers(rec_type, uri or "http:", stream, length)

        _LOADER = _Loader
    return _LOADER(verify_http=False, arc2warc=False)
