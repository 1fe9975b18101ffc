"""Reading sources: formats, detection, sidecars, and every kind of bad input."""
from __future__ import annotations

import gzip
import io
import json
import os

import pytest

from redline.read.sources import Reader, RawItem, ReadFailure, sniff_format

ARTICLE = "Quillon approves grain corridor\n\nBy Ana Ferro\n\nSALTMARSH, Quillon (QW) — Quillon's council on Monday approved a grain corridor through the Vessa strait.\n"
PAGE = ("<!DOCTYPE html><html><head><title>Corridor opens</title></head><body><article><h1>Corridor opens</h1>"
        "<p>The Vessa strait corridor opened on Monday after weeks of talks between Quillon and Dorne, officials said.</p>"
        "</article></body></html>")


def read_all(paths, **kw):
    kw.setdefault("max_bytes", 1_000_000)
    return list(Reader(**kw).read([str(p) for p in paths]))


def items(results):
    return [r for r in results if isinstance(r, RawItem)]


def failures(results):
    return [r for r in results if isinstance(r, ReadFailure)]


def test_text_file_with_sidecar_hints(write):
    p = write("a.txt", ARTICLE)
    write("a.meta.json", json.dumps({"published": "2031-02-03", "source": "Quillon Weekly", "url": "https://qw.example/a"}))
    [item] = items(read_all([p]))
    assert item.format == "text" and item.data == ARTICLE
    assert item.hints == {"published": "2031-02-03", "source": "Quillon Weekly", "url": "https://qw.example/a"}
    assert item.key == "https://qw.example/a"  # the URL is the identity when known
    assert item.raw == ARTICLE.encode()


def test_folder_is_recursive_and_skips_sidecars_and_unknown_files(write, tmp_path):
    write("x/one.txt", ARTICLE)
    write("x/deeper/two.html", PAGE)
    write("x/deeper/two.meta.json", "{}")
    write("x/picture.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    got = read_all([tmp_path / "in" / "x"])
    assert sorted(os.path.basename(i.name) for i in items(got)) == ["one.txt", "two.html"]
    assert not failures(got)


def test_html_and_gzipped_html(write):
    p1 = write("p.html", PAGE)
    p2 = write("p2.htm.gz", gzip.compress(PAGE.encode()))
    got = items(read_all([p1, p2]))
    assert [i.format for i in got] == ["html", "html"]
    assert got[1].raw == PAGE.encode()  # HTML stays bytes: trafilatura honours its <meta charset>


def test_txt_that_is_really_html_is_read_as_html(write):
    [item] = items(read_all([write("saved.txt", PAGE)]))
    assert item.format == "html"


def test_jsonl_lines_with_hints_and_bad_lines(write):
    lines = [
        json.dumps({"text": "Dorne closed its border on Friday.", "title": "Border", "published": "2031-01-09"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"title": "no body"}),
        "",
        json.dumps({"html": PAGE, "url": "https://x.example/p"}),
        json.dumps({"text": "Bad date here.", "published": "last Tuesday"}),
    ]
    got = read_all([write("feed.jsonl", "\n".join(lines))])
    ok = items(got)
    assert [(i.format, i.line) for i in ok] == [("text", 1), ("html", 6)]
    assert ok[0].hints == {"title": "Border", "published": "2031-01-09"}
    msgs = [str(f.error) for f in failures(got)]
    assert any(m.endswith("feed.jsonl:2: not valid JSON (Expecting property name enclosed in double quotes)") for m in msgs)
    assert any(":3: a line must be a JSON object" in m for m in msgs)
    assert any(":4: no 'text' or 'html' field" in m for m in msgs)
    assert any(":7: field 'published': not an ISO date" in m for m in msgs)


def test_warc_response_records(write):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record("https://news.example/a", "response", payload=io.BytesIO(PAGE.encode()),
                                        http_headers=headers))
    [item] = items(read_all([write("crawl.warc.gz", buf.getvalue())]))
    assert item.format == "html" and item.hints["url"] == "https://news.example/a" and item.raw_format == "warc"


def test_stdin_is_sniffed():
    r = Reader(max_bytes=1_000_000, stdin=io.BytesIO(PAGE.encode()))
    [item] = list(r.read(["-"]))
    assert item.name == "<stdin>" and item.format == "html"


def test_forced_format_wins(write):
    [item] = items(read_all([write("page.html", PAGE)], format="text"))
    assert item.format == "text"


@pytest.mark.parametrize("data,fmt", [(b"WARC/1.1\r\n", "warc"), (b'{"text": "x"}\n', "jsonl"),
                                      (b"<html><body>x</body></html>", "html"), (b"Plain words.", "text")])
def test_sniff_format(data, fmt):
    assert sniff_format(data) == fmt


# -- bad input: one line naming the file, and the good items still come through ------------

def one_failure(results):
    [f] = failures(results)
    msg = str(f.error)
    assert "\n" not in msg
    return msg


def test_empty_and_binary_files(write):
    good = write("good.txt", ARTICLE)
    empty = write("empty.txt", "")
    binary = write("blob.txt", bytes(range(256)) * 4)
    got = read_all([empty, good, binary])
    assert len(items(got)) == 1
    msgs = [str(f.error) for f in failures(got)]
    assert f"{empty}: file is empty" in msgs
    assert f"{binary}: file is binary, not text" in msgs


def test_non_utf8_is_detected_and_decoded(write):
    text = "Le ministre a déclaré que la frontière resterait fermée jusqu'à l'été, selon l'agence de presse."
    [item] = items(read_all([write("latin.txt", text.encode("cp1252"))]))
    assert item.data == text


def test_file_over_size_limit(write):
    p = write("big.txt", "word " * 500)
    msg = one_failure(read_all([p], max_bytes=1000))
    assert msg.startswith(str(p)) and "over the" in msg and "REDLINE_MAX_BYTES" in msg


def test_truncated_gzip(write):
    blob = gzip.compress((PAGE * 20).encode())
    p = write("cut.html.gz", blob[: len(blob) // 2])
    assert one_failure(read_all([p])) == f"{p}: truncated gzip file"


def test_gzip_bomb_is_bounded(write):
    p = write("bomb.txt.gz", gzip.compress(b"a" * 5_000_000))
    assert "decompresses to over" in one_failure(read_all([p], max_bytes=100_000))


def test_sidecar_that_is_not_json_keeps_the_article(write):
    p = write("b.txt", ARTICLE)
    side = write("b.meta.json", "{published: yesterday")
    [item] = read_all([p])
    assert isinstance(item, RawItem) and item.hints == {}
    [warning] = item.warnings
    assert str(warning).startswith(f"{side}: sidecar is not valid JSON")


def test_directory_loop_is_reported_once(write, tmp_path):
    write("loop/a.txt", ARTICLE)
    os.symlink(tmp_path / "in" / "loop", tmp_path / "in" / "loop" / "again")
    got = read_all([tmp_path / "in" / "loop"])
    assert len(items(got)) == 1
    assert "directory loop" in one_failure(got)


def test_unreadable_file(write, monkeypatch):
    good = write("ok.txt", ARTICLE)
    bad = write("locked.txt", ARTICLE)
    real_open = open

    def guarded(path, *a, **kw):
        if str(path) == str(bad):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *a, **kw)

    # As root, chmod cannot make a file unreadable, so the OS refusal is simulated.
    monkeypatch.setattr("redline.read.sources.open", guarded, raising=False)
    got = read_all([bad, good])
    assert len(items(got)) == 1
    assert one_failure(got) == f"{bad}: permission denied"


def test_missing_path(tmp_path):
    assert one_failure(read_all([tmp_path / "nope"])).endswith("nope: no such file or folder")
