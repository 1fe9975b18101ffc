"""Hostile input to the read stage: each bad thing costs one item, with one line naming it.

Nothing raised by a file may escape ``Reader.read()``, nothing may block on a
FIFO, and every name and string an item carries must be encodable (hashing
and the store encode them) and print on one line.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import signal

import pytest

from conftest import remove_deep  # tests/conftest.py
from redline.read.sources import RawItem, Reader, ReadFailure, printable, sniff_format

ARTICLE = "Harbour of Tessaly reopens\n\nThe harbour of Tessaly reopened on Tuesday after the storm, its master Juno Pell said.\n"
PAGE = b"<html><body><article><p>The Orrin valley council voted on Monday to rebuild the old bridge at Kell.</p></article></body></html>"


def read_all(paths, **kw):
    kw.setdefault("max_bytes", 1_000_000)
    return list(Reader(**kw).read([os.fsdecode(p) for p in paths]))


def items(results):
    return [r for r in results if isinstance(r, RawItem)]


def messages(results):
    return [str(r.error) for r in results if isinstance(r, ReadFailure)]


def assert_clean(results):
    """Every message is one line and every string an item carries can be encoded."""
    for r in results:
        if isinstance(r, ReadFailure):
            assert "\n" not in str(r.error) and str(r.error).encode()
            continue
        for s in [r.name, r.key, r.path, *(str(w) for w in r.warnings), *(v for v in r.hints.values())]:
            s.encode("utf-8")
            assert "\n" not in s
        if isinstance(r.data, str):
            r.data.encode("utf-8")


@pytest.fixture(autouse=True)
def no_hang():
    """A read that blocks (a FIFO opened for reading) fails the test instead of hanging the suite."""
    def boom(*_):
        raise TimeoutError("read blocked")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


# -- lone surrogates ------------------------------------------------------------------------

def test_lone_surrogates_in_jsonl_fields_are_replaced_and_warned(write):
    lines = [
        '{"text": "The mayor of Brisk \\ud800 resigned on Friday.", "title": "Brisk \\udfff mayor"}',
        '{"html": "<p>Ferries to Oll resumed \\udc80 on Sunday, the port said.</p>"}',
        '{"text": "Fine line about Tessaly.", "byline": "By Ria \\ud83d Moss", "source": "Oll \\ud800\\ud800 Post"}',
        '{"text": "Paired surrogates are a real character: \\ud83d\\ude00."}',
    ]
    p = write("feed.jsonl", "\n".join(lines))
    got = read_all([p])
    assert_clean(got)
    one, two, three, four = items(got)
    assert one.data == "The mayor of Brisk \ufffd resigned on Friday." and one.hints["title"] == "Brisk \ufffd mayor"
    assert [str(w) for w in one.warnings] == [
        f"{p}:1: 1 lone surrogate (invalid Unicode escapes) in field 'text' replaced by U+FFFD",
        f"{p}:1: 1 lone surrogate (invalid Unicode escapes) in field 'title' replaced by U+FFFD",
    ]
    assert two.format == "html" and "\ufffd" in two.data and "field 'html'" in str(two.warnings[0])
    assert three.hints["source"] == "Oll \ufffd\ufffd Post"
    assert any("2 lone surrogates" in str(w) and ":3:" in str(w) for w in three.warnings)
    assert four.data.endswith("\U0001f600.") and not four.warnings


def test_lone_surrogate_in_sidecar_keeps_the_hints_with_a_warning(write):
    p = write("a.txt", ARTICLE)
    side = write("a.meta.json", '{"title": "Tessaly \\ud800 harbour", "published": "2031-05-06"}')
    [item] = read_all([p])
    assert item.hints == {"title": "Tessaly \ufffd harbour", "published": "2031-05-06"}
    assert [str(w) for w in item.warnings] == [
        f"{side}: 1 lone surrogate (invalid Unicode escapes) in field 'title' replaced by U+FFFD"]


# -- file names -------------------------------------------------------------------------------

def test_file_name_that_is_not_utf8_is_read_and_named_printably(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    raw = os.path.join(os.fsencode(folder), b"harbour-\xe9t\xff.txt")
    with open(raw, "wb") as fh:
        fh.write(ARTICLE.encode())
    got = read_all([folder])
    assert_clean(got)
    [item] = items(got)
    assert item.name == f"{folder}/harbour-\\xe9t\\xff.txt" and item.key == item.name
    assert item.data == ARTICLE


@pytest.mark.parametrize("fn,shown", [("two\nlines.txt", "two\\nlines.txt"), ("esc\x1b[31mred.txt", "esc\\x1b[31mred.txt"),
                                      ("tab\there.txt", "tab\\there.txt"), ("sep\u2028par.txt", "sep\\u2028par.txt")])
def test_control_characters_in_a_name_are_escaped(write, tmp_path, fn, shown):
    p = write(fn, "")  # empty: fails, so the message is what we look at
    got = read_all([tmp_path / "in"])
    assert messages(got) == [f"{tmp_path / 'in'}/{shown}: file is empty"]
    [m] = messages(read_all([p]))  # named explicitly: the same
    assert m == f"{tmp_path / 'in'}/{shown}: file is empty"
    write(fn, ARTICLE)
    [item] = items(read_all([tmp_path / "in"]))
    assert item.name.endswith(shown) and item.data == ARTICLE


def test_printable():
    assert printable("/plain/name.txt") == "/plain/name.txt"
    assert printable("caf\u00e9 \u2014 \u6771\u4eac.txt") == "caf\u00e9 \u2014 \u6771\u4eac.txt"  # printable non-ASCII stays
    assert printable(os.fsdecode(b"a\xffb")) == "a\\xffb"
    assert printable("a\nb\rc\x00d\x85e") == "a\\nb\\rc\\x00d\\x85e"
    assert printable("lone \ud800") == "lone \ufffd"


# -- JSON: depth, types, big numbers, lines -----------------------------------------------------

def test_deeply_nested_jsonl_line_fails_alone(write):
    lines = ["[" * 5000, json.dumps({"text": "A good line about Kell."}), '{"text": ' + "[" * 5000 + "1" + "]" * 5000 + "}",
             '{"text": "x", "title": ' + "{\"a\": " * 3000 + "1" + "}" * 3000 + "}"]
    p = write("deep.jsonl", "\n".join(lines))
    got = read_all([p])
    assert [i.line for i in items(got)] == [2]
    assert messages(got) == [f"{p}:1: JSON nested too deeply", f"{p}:3: JSON nested too deeply",
                             f"{p}:4: JSON nested too deeply"]


def test_a_deep_first_line_does_not_break_format_sniffing():
    assert sniff_format(b'{"a": ' + b"[" * 3000) == "text"


def test_integer_of_thousands_of_digits(write):
    p = write("num.jsonl", '{"text": "Kell bridge.", "n": ' + "9" * 5000 + "}\n")
    [m] = messages(read_all([p]))
    assert m.startswith(f"{p}:1: not valid JSON (Exceeds the limit")


@pytest.mark.parametrize("obj,reason", [
    ({"text": 12}, "field 'text' must be a string, not a number"),
    ({"text": ["a", "b"]}, "field 'text' must be a string, not a list"),
    ({"text": {"body": "x"}}, "field 'text' must be a string, not an object"),
    ({"text": True}, "field 'text' must be a string, not a boolean"),
    ({"html": 3.5}, "field 'html' must be a string, not a number"),
    ({"text": "   "}, "no 'text' or 'html' field"),
    ({"text": "Kell.", "published": ["2031-01-01"]}, "field 'published' must be a string, not a list"),
    ({"text": "Kell.", "published": 20310101}, "field 'published' must be a string, not a number"),
    ({"text": "Kell.", "published": "2031-02-30"}, "field 'published': not an ISO date: '2031-02-30'"),
    ({"text": "Kell.", "url": 7}, "field 'url' must be a string, not a number"),
    ({"text": "Kell.", "title": {"main": "x"}}, "field 'title' must be a string, not an object"),
    ({"text": "Kell.", "source": False}, "field 'source' must be a string, not a boolean"),
])
def test_jsonl_wrong_types_fail_the_line(write, obj, reason):
    p = write("types.jsonl", json.dumps({"text": "The good line."}) + "\n" + json.dumps(obj) + "\n")
    got = read_all([p])
    assert [i.line for i in items(got)] == [1]
    assert messages(got) == [f"{p}:2: {reason}"]


def test_a_line_that_is_not_an_object_names_its_type(write):
    p = write("list.jsonl", "[1, 2]\n\"just a string\"\nnull\n")
    assert messages(read_all([p])) == [f"{p}:1: a line must be a JSON object, not a list",
                                       f"{p}:2: a line must be a JSON object, not a string",
                                       f"{p}:3: a line must be a JSON object, not null"]


def test_jsonl_lines_end_at_newline_only(write):
    # JSON strings may hold U+2028, NEL or a form feed unescaped; str.splitlines() would cut there.
    body = "Kell\u2028bridge\x85reopened\x0con Monday."
    p = write("seps.jsonl", json.dumps({"text": body}, ensure_ascii=False) + "\r\n" + json.dumps({"text": "Second."}) + "\n")
    got = read_all([p])
    assert not messages(got)
    assert [(i.line, i.data) for i in items(got)] == [(1, body), (2, "Second.")]


# -- sidecars -------------------------------------------------------------------------------------

@pytest.mark.parametrize("content,reason", [
    (b"{title: 'Kell'}", "sidecar is not valid JSON (Expecting property name enclosed in double quotes); its hints were ignored"),
    (b'["Kell", "bridge"]', "sidecar must be a JSON object, not a list; its hints were ignored"),
    (b'"Kell"', "sidecar must be a JSON object, not a string; its hints were ignored"),
    (b'{"title": ["Kell"]}', "field 'title' must be a string, not a list; the sidecar's hints were ignored"),
    (b'{"published": "Tuesday"}', "field 'published': not an ISO date: 'Tuesday'; the sidecar's hints were ignored"),
    (b"[" * 5000, "sidecar JSON nested too deeply; its hints were ignored"),
    (bytes(range(256)) * 4, "sidecar is not UTF-8 text (not JSON); its hints were ignored"),
    (b'{"title": "x", "pad": "' + b"y" * 1_000_001 + b'"}', "sidecar is over 1 MB; its hints were ignored"),
])
def test_bad_sidecar_is_a_warning_and_the_article_stays(write, content, reason):
    p = write("k.txt", ARTICLE)
    side = write("k.meta.json", content)
    [item] = read_all([p], max_bytes=5_000_000)
    assert isinstance(item, RawItem) and item.hints == {} and item.data == ARTICLE
    assert [str(w) for w in item.warnings] == [f"{side}: {reason}"]


def test_sidecar_that_is_a_fifo_is_ignored(write, tmp_path):
    p = write("f.txt", ARTICLE)
    os.mkfifo(tmp_path / "in" / "f.meta.json")
    [item] = read_all([p])
    assert isinstance(item, RawItem) and item.hints == {} and not item.warnings


# -- WARC -----------------------------------------------------------------------------------------

def warc(records, gz=False, drop_uri=()):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    for i, (payload, headers) in enumerate(records):
        h = StatusAndHeaders("200 OK", headers or [("Content-Type", "text/html")], protocol="HTTP/1.1")
        rec = w.create_warc_record(f"https://orrin.example/{i}", "response", payload=io.BytesIO(payload), http_headers=h)
        if i in drop_uri:
            rec.rec_headers.remove_header("WARC-Target-URI")
        w.write_record(rec)
    return buf.getvalue()


def pages(n):
    return [(PAGE.replace(b"Monday", f"day {i}".encode()), None) for i in range(n)]


@pytest.mark.parametrize("gz", [False, True])
def test_warc_record_without_target_uri_is_read_as_file_n(write, gz):
    p = write("crawl.warc" + (".gz" if gz else ""), warc(pages(3), gz=gz, drop_uri={1}))
    got = read_all([p])
    assert not messages(got)
    assert [i.name for i in items(got)] == [f"{p}#https://orrin.example/0", f"{p}#2", f"{p}#https://orrin.example/2"]
    middle = items(got)[1]
    assert "url" not in middle.hints and middle.key.endswith("crawl.warc" + (".gz" if gz else "") + "#2")
    assert middle.data.startswith(b"<html>")  # the HTTP headers were parsed off, not left in the body


def test_every_record_of_a_per_record_gzipped_warc_is_read(write):
    # A .warc.gz holds one gzip member per record; reading only the first member lost the rest.
    p = write("many.warc.gz", warc(pages(5), gz=True))
    assert len(items(read_all([p]))) == 5


def test_multi_member_gzip_text(write):
    p = write("two.txt.gz", gzip.compress(ARTICLE[:40].encode()) + gzip.compress(ARTICLE[40:].encode()))
    [item] = items(read_all([p]))
    assert item.data == ARTICLE


def test_gzip_members_over_the_limit_together(write):
    p = write("members.txt.gz", gzip.compress(b"a" * 600) * 3)
    [m] = messages(read_all([p], max_bytes=1000))
    assert "decompresses to over" in m


def test_junk_between_gzip_members_of_a_warc_is_reported_and_skipped(write):
    data = warc(pages(1), gz=True) + b"this is no gzip member\n" * 3 + warc(pages(2), gz=True)
    p = write("junk.warc.gz", data)
    got = read_all([p])
    assert len(items(got)) == 3
    assert messages(got) == [f"{p}: 69 bytes between the gzip members are not gzip data; skipped"]


def test_corrupt_gzip_member_after_good_ones_is_skipped(write):
    data = gzip.compress(ARTICLE[:50].encode()) + b"\x1f\x8b\x08" + b"\xff" * 40 + gzip.compress(ARTICLE[50:].encode())
    [item] = items(read_all([write("bad-member.txt.gz", data)]))
    assert item.data == ARTICLE  # text is read as gzip reads it: the corrupt member is skipped


def test_many_tiny_gzip_members_read_in_linear_time(write):
    import time

    tiny = gzip.compress(b"Kell ")
    p = write("tiny.txt.gz", tiny * (900_000 // len(tiny)))
    t = time.perf_counter()
    [item] = items(read_all([p]))
    assert time.perf_counter() - t < 5 and item.data.startswith("Kell Kell")


def test_truncated_warc_keeps_the_complete_records(write):
    data = warc(pages(3))
    for cut in (len(data) - 10, len(data) * 2 // 3 - 40):  # inside the last body; inside a header
        p = write("cut.warc", data[:cut])
        got = read_all([p])
        assert_clean(got)
        assert len(items(got)) == (2 if cut == len(data) - 10 else 1)
        [m] = messages(got)
        assert m.startswith(str(p)) and ("record cut short" in m or "WARC data cut short" in m)


def test_truncated_warc_gz_keeps_the_complete_records(write):
    data = warc(pages(4), gz=True)
    p = write("cut.warc.gz", data[: len(data) - 200])
    got = read_all([p])
    assert len(items(got)) == 3
    assert messages(got) == [f"{p}: truncated gzip file (3 complete records before the cut read)"]


def test_unreadable_warc_record_fails_alone(write):
    data = warc(pages(1)) + b"NOT A RECORD\r\n\r\n" + warc(pages(2))
    p = write("junk.warc", data)
    got = read_all([p])
    assert len(items(got)) == 3
    [m] = messages(got)
    assert m.startswith(f"{p}#2: unreadable WARC record (Invalid WARC record, first line: NOT A RECORD")


def test_a_text_file_named_warc_is_one_failure(write):
    p = write("notes.warc", "Kell harbour notes, one per line.\n" * 20)
    assert messages(read_all([p])) == [f"{p}: not a WARC file: it does not start with a WARC/1.x record header"]


def test_warc_record_with_a_wrong_length_does_not_swallow_the_next(write, capsys):
    one, two, three = (warc([pg]) for pg in pages(3))
    two = two.replace(b"Content-Length: 1", b"Content-Length: 9", 1)  # longer than the record
    p = write("len.warc", one + two + three)
    got = read_all([p])
    assert len(items(got)) == 2
    [m] = messages(got)
    assert "record cut short" in m
    assert capsys.readouterr().err == ""  # warcio's multi-line stderr warning is silenced


def test_warc_content_encoding_bomb_is_bounded(write):
    bomb = gzip.compress(b"<p>" + b"k" * 3_000_000)
    recs = pages(1) + [(bomb, [("Content-Type", "text/html"), ("Content-Encoding", "gzip")])] + pages(1)
    p = write("bomb.warc", warc(recs))
    got = read_all([p])
    assert len(items(got)) == 2
    [m] = messages(got)
    assert m == f"{p}#https://orrin.example/1: record decompresses to over the 1 MB limit (REDLINE_MAX_BYTES)"


# -- the file system ------------------------------------------------------------------------------

def test_symlink_to_itself(write, tmp_path):
    good = write("good.txt", ARTICLE)
    loop = tmp_path / "in" / "self.txt"
    os.symlink("self.txt", loop)
    expected = f"{loop}: symlink loop (too many levels of symbolic links)"
    got = read_all([tmp_path / "in"])
    assert len(items(got)) == 1 and messages(got) == [expected]
    assert messages(read_all([loop, good])) == [expected]  # named explicitly: the same


def test_broken_symlink(write, tmp_path):
    link = tmp_path / "in" / "gone.txt"
    write("x.txt", ARTICLE)
    os.symlink(tmp_path / "nowhere.txt", link)
    assert messages(read_all([link])) == [f"{link}: no such file (removed before it was read, or a broken symlink)"]


def make_deep(top, depth, leaf):
    """``depth`` nested folders under ``top`` with a file at the bottom; returns its path."""
    os.makedirs(top, exist_ok=True)
    path = top
    for _ in range(depth):  # os.makedirs recurses too
        path = os.path.join(path, "d")
        os.mkdir(path)
    leaf_path = os.path.join(path, "deep.txt")
    with open(leaf_path, "w", encoding="utf-8") as fh:
        fh.write(leaf)
    return leaf_path


def test_folder_nested_deeper_than_the_recursion_limit(write, tmp_path):
    top = str(tmp_path / "in" / "deep")
    write("deep/top.txt", ARTICLE)
    try:
        leaf = make_deep(top, 1100, ARTICLE)  # os.walk recursed and raised RecursionError out of the run
        got = read_all([top])
        assert [i.name for i in items(got)] == [f"{top}/top.txt", leaf]
    finally:
        remove_deep(top)


def test_fifo_and_devices_in_a_folder_are_skipped_without_blocking(write, tmp_path):
    write("good.txt", ARTICLE)
    os.mkfifo(tmp_path / "in" / "pipe.txt")
    os.symlink("/dev/zero", tmp_path / "in" / "zero.txt")
    os.symlink("/dev/null", tmp_path / "in" / "null.html")
    got = read_all([tmp_path / "in"])
    assert len(items(got)) == 1
    assert sorted(messages(got)) == sorted([
        f"{tmp_path / 'in'}/null.html: not a regular file (a character device); skipped",
        f"{tmp_path / 'in'}/pipe.txt: not a regular file (a FIFO); skipped",
        f"{tmp_path / 'in'}/zero.txt: not a regular file (a character device); skipped",
    ])


def test_device_named_explicitly_is_read_up_to_the_limit(tmp_path):
    [m] = messages(read_all(["/dev/zero"], max_bytes=10_000))
    assert m == "/dev/zero: file is 0.0 MB, over the 0 MB limit (REDLINE_MAX_BYTES)"


def test_file_removed_between_listing_and_reading(write, tmp_path):
    write("a.txt", ARTICLE)
    b = write("b.txt", ARTICLE.replace("Tuesday", "Wednesday"))
    reader = Reader(max_bytes=1_000_000).read([str(tmp_path / "in")])
    first = next(reader)  # the folder is listed; a.txt read
    assert isinstance(first, RawItem)
    os.remove(b)
    assert [str(r.error) for r in reader] == [f"{b}: no such file (removed before it was read, or a broken symlink)"]


def test_an_unexpected_exception_costs_one_file(write, monkeypatch):
    good = write("good.txt", ARTICLE)
    bad = write("bad.txt", ARTICLE + "boom")
    import redline.read.sources as sources

    real = sources.decode_bytes

    def flaky(data, path):
        if data.endswith(b"boom"):
            raise RuntimeError("a library choked\non this")
        return real(data, path)

    monkeypatch.setattr(sources, "decode_bytes", flaky)
    got = read_all([bad, good])
    assert len(items(got)) == 1
    assert messages(got) == [f"{bad}: cannot read (RuntimeError: a library choked on this)"]


# -- odd content ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name,content,ok", [
    ("bom16.txt", ("\ufeff" + ARTICLE).encode("utf-16"), True),
    ("bom8.txt", b"\xef\xbb\xbf" + ARTICLE.encode(), True),
    ("oneline.txt", ("Kell " * 1_000_000).encode(), True),  # one 5 MB line
    ("nul-late.txt", ARTICLE.encode() * 100 + b"\x00" * 20, True),  # NULs past the binary sniff
    ("nul.html", PAGE.replace(b"council", b"coun\x00cil"), True),  # a stray NUL is no binary
    ("nuls.html", PAGE.replace(b" ", b"\x00"), False),  # NULs all through are
    ("mixed.txt", "Caf\u00e9 at Kell. ".encode() * 50 + "Caf\u00e9 at Kell. ".encode("latin-1") * 50, True),
    ("bin.txt", bytes(range(256)) * 100, False),
    ("ws.txt", b" \n\t\r\n" * 100, False),
])
def test_odd_content_is_read_or_refused_on_one_line(write, name, content, ok):
    p = write(name, content)
    got = read_all([p], max_bytes=6_000_000)
    assert_clean(got)
    assert len(items(got)) == (1 if ok else 0)
    assert len(got) == 1


def test_stray_nuls_are_dropped_from_text():
    from redline.read.decode import decode_bytes, is_binary

    assert decode_bytes(b"Kell\x00 harbour reopened on Monday.", "x") == "Kell harbour reopened on Monday."
    assert not is_binary(b"Kell harbour reopened. " * 100 + b"\x00")
    assert is_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(50))
    assert is_binary("Kell harbour".encode("utf-16-le"))  # UTF-16 without its mark
    assert is_binary(b"%PDF-1.4\n" + b"1 0 obj << /Length 5 >> stream\n" * 50)  # a format that announces itself
