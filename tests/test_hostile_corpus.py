"""A hostile corpus: thousands of bad items beside good articles, one real ingest.

``build_corpus`` writes a folder of well over 2,000 items: binary, empty,
over-limit and huge-but-under-limit files, every bad encoding, malformed and
deeply nested HTML, gzip bombs and truncated gzip, JSONL lines of wrong types,
deep nesting and lone surrogates, WARC records without a target URI, empty,
bombed, garbled or cut short, bad sidecars, odd file names, symlink loops,
FIFOs and devices, mixed with good, short, invented plain-text articles (and a
few good items inside the containers). Every item is recorded with what must
become of it:

* good: stored, by name, with no error;
* warn: stored, and a warning names it (a bad sidecar, a lone surrogate);
* bad: an error names it (file, or file and line, or file#record);
* either: stored or named by an error, never lost in silence (legitimate but
  odd input: a latin-1 page, a tag soup that may or may not hold text).

``redline --json ingest`` runs once over it, as a subprocess with analysis on,
and the store is checked against that record. The suite prints one summary
line: items tried, tracebacks, good items lost, bad items not named, peak RSS.

The fast tests at the end feed the worst of these inputs to ``clean()`` directly.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import remove_deep  # tests/conftest.py
from redline.read.sources import printable

MAX_BYTES = 2_000_000  # REDLINE_MAX_BYTES for the run: bombs and over-limit files stay small
# Peak RSS of the ingest child, measured at 825 MB (2026-12). Nearly all of it
# is the analysis of the 1.2-million-character article (833 MB when ingested
# alone; the rest of the corpus without it peaks at 530 MB, a batch of long
# texts through spaCy). The bound leaves some 45% on top.
RSS_BOUND_MB = 1200
TIMEOUT_S = 600

PLACES = ["Vessa", "Kell", "Orrin", "Tessaly", "Brisk", "Oll", "Marrow", "Quillon", "Dorne", "Saltmarsh", "Ferrow",
          "Lunet", "Carrick", "Isk", "Pellam", "Rusk", "Amberline", "Tolle", "Wend", "Harrowcove", "Skellig", "Morvane"]
FIRST = ["Ilse", "Oren", "Juno", "Ria", "Ana", "Tomas", "Mira", "Kasimir", "Edda", "Lio", "Sabine", "Per", "Yara",
         "Bastian", "Noor", "Otto", "Greta", "Anselm", "Corin", "Dalia"]
LAST = ["Varn", "Tal", "Pell", "Moss", "Ferro", "Reddle", "Quell", "Brandt", "Holm", "Sarne", "Vey", "Lindqvist",
        "Okoro", "Maalouf", "Rask", "Delacroix", "Ambry", "Castell", "Orsk"]
THINGS = ["a new grain corridor", "the northern ferry line", "a bridge over the Sallow river", "a cod quota",
          "a tax on harbour fuel", "the rebuilding of the old mill", "a night train to the coast", "a water treaty",
          "a ban on salt mining", "two new schools", "a wind farm off the cape", "the sale of the port authority"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def person(i: int) -> str:
    return f"{FIRST[i % len(FIRST)]} {LAST[(i * 7 + 3) % len(LAST)]}"


def article(i: int, *, title: bool = True) -> str:
    """A short, invented news story; each ``i`` gives different words and figures."""
    place, other = PLACES[i % len(PLACES)], PLACES[(i * 5 + 3) % len(PLACES)]
    chair, rival = person(i), person(i + 11)
    thing, day = THINGS[i % len(THINGS)], DAYS[i % 7]
    head = f"{place} council backs {thing} in vote {i}\n\nBy {person(i + 5)}\n\n" if title else ""
    return (
        f"{head}{place.upper()} — The council of {place} voted on {day} to back {thing}, a plan that will cost "
        f"{12 + i * 3} million crowns over the next {i % 5 + 2} years, its chair {chair} said.\n\n"
        f"\"This is the first step, and we will not stop at it,\" {chair} told reporters after the vote, which "
        f"passed by {i % 9 + 10} votes to {i % 4 + 2}.\n\n"
        f"{rival}, who leads the opposition in {place}, said the money would be better spent on the harbour at "
        f"{other}, which has been closed since the storms of the spring of {1990 + i % 30}.\n"
    )


def page(i: int) -> bytes:
    """A good HTML article page."""
    paras = "".join(f"<p>{p}</p>" for p in article(i, title=False).split("\n\n"))
    return (f"<!DOCTYPE html><html><head><title>Vote {i} in {PLACES[i % len(PLACES)]}</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Vote {i}</h1>{paras}"
            f"</article><footer>Copyright The {PLACES[i % len(PLACES)]} Ledger</footer></body></html>").encode()


def long_text(chars: int) -> str:
    """Ordinary paragraphs, all different, about ``chars`` characters in all."""
    out, n, i = [], 0, 0
    while n < chars:
        p = (f"In the {i}th week of the inquiry, {person(i)} of {PLACES[i % len(PLACES)]} told the panel that the "
             f"harbour board had known of the cracks in pier {i % 40 + 1} since {1980 + i % 40}, and that "
             f"{i % 17 + 2} letters warning of them had gone unanswered. {person(i + 3)}, who chaired the board "
             f"at the time, said on {DAYS[i % 7]} that the letters had been passed on to the engineers in "
             f"{PLACES[(i + 4) % len(PLACES)]}.")
        out.append(p)
        n += len(p) + 2
        i += 1
    return "\n\n".join(out) + "\n"


@dataclass
class Corpus:
    root: str
    good: set[str] = field(default_factory=set)  # item names that must be stored without error
    warn: dict[tuple[str, int | None], str] = field(default_factory=dict)  # warning (path, line) -> stored item
    bad: set[tuple[str, int | None]] = field(default_factory=set)  # (path, line) an error must name
    either: dict[str, tuple[str, int | None]] = field(default_factory=dict)  # item name -> (path, line)
    ignored: int = 0  # items that are legitimately skipped without a word (non-HTML WARC records)
    counter: int = 0

    @property
    def items(self) -> int:
        return len(self.good) + len(self.warn) + len(self.bad) + len(self.either) + self.ignored

    def path(self, rel: str | bytes) -> str:
        """The real path (surrogate-escaped when the name is not UTF-8); parent folders are created."""
        rel = os.fsdecode(rel)
        full = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        return full

    def file(self, rel: str | bytes, content: str | bytes) -> str:
        full = self.path(rel)
        with open(os.fsencode(full), "wb") as fh:
            fh.write(content.encode("utf-8") if isinstance(content, str) else content)
        return printable(full)

    def next(self) -> int:
        self.counter += 1
        return self.counter


def build_corpus(root: str) -> Corpus:
    c = Corpus(root)
    rnd = random.Random(20310)

    # -- good plain-text articles ------------------------------------------------------------
    for i in range(40):
        c.good.add(c.file(f"good/story-{i:02d}.txt", article(c.next())))
    c.good.add(c.file("good/spaced-hyphens.txt", (
        "Talks on the Vessa strait to resume\n\nBy Corin Ambry\n\n"
        "U.N. Secretary - General Ilse Varn said on Monday the talks would resume.\n\n"
        "Vice - President Oren Tal told reporters in Kell that the delegations of Quillon and Dorne would meet "
        "again at the end of the month, and that the Secretary - General would attend the first of the sessions.\n")))
    big = long_text(1_200_000)
    assert 1_200_000 <= len(big) and len(big.encode()) < MAX_BYTES
    c.good.add(c.file("good/inquiry-transcript.txt", big))

    # -- binary, empty, over the limit, huge but under it ---------------------------------------
    for i in range(420):
        ext = (".txt", ".html", ".text", ".htm")[i % 4]
        blob = bytes(rnd.randrange(256) for _ in range(rnd.randrange(64, 3000)))
        c.bad.add((c.file(f"binary/blob-{i:03d}{ext}", b"\x00" + blob), None))
    c.bad.add((c.file("binary/png.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(2000)), None))
    c.bad.add((c.file("binary/pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 20), None))
    for i in range(60):
        c.bad.add((c.file(f"empty/nothing-{i:02d}.txt", b""), None))
    for i in range(40):
        c.bad.add((c.file(f"empty/blank-{i:02d}.html", " \n\t\r\n" * (i + 1) + "\u00a0" * (i % 3)), None))
    for i in range(3):
        c.bad.add((c.file(f"big/over-limit-{i}.txt", b"Kell " * (MAX_BYTES // 5 + 1000)), None))
    c.bad.add((c.file("big/huge-blank.txt", b" \n" * (MAX_BYTES // 2 - 100)), None))
    c.either[c.file("big/huge-binary.txt", b"The council met. " * 600 + bytes(range(256)) * 7000)] = None
    c.bad.add((c.file("big/huge-br.html", b"<html><body>" + b"<br>" * 400_000 + b"</body></html>"), None))
    c.bad.add((c.file("big/huge-nested.html", b"<html><body>" + b"<div>" * 150_000 + article(c.next()).encode()
                      + b"</div>" * 100_000 + b"</body></html>"), None))

    # -- encodings ---------------------------------------------------------------------------
    for i in range(40):
        # not UTF-8 and no NUL: charset detection may find an encoding (then cleaning decides) or none
        blob = bytes(rnd.randrange(128, 256) for _ in range(rnd.randrange(200, 2000)))
        c.either[c.file(f"enc/high-{i:02d}.txt", blob)] = None
    for i in range(20):
        c.bad.add((c.file(f"enc/utf16-no-bom-{i:02d}.txt", article(c.next()).encode("utf-16-le")), None))
    legit = [("latin-1", "latin_1"), ("cp1252", "cp1252"), ("koi8r", "koi8_r"), ("sjis", "shift_jis"),
             ("utf16", "utf-16"), ("utf32", "utf-32"), ("utf8sig", "utf-8-sig"), ("utf16be-bom", "utf-16-be")]
    for label, codec in legit:
        for j in range(2):
            text = article(c.next()) + ("Café au lait à Kell, déjà vu. " if codec != "koi8_r" else "Привет из Келла. ")
            if codec == "shift_jis":
                text = article(c.counter) + "ケルの評議会は月曜日に会合を開いた。"
            data = text.encode(codec, "replace") if codec != "utf-16-be" else b"\xfe\xff" + text.encode("utf-16-be")
            c.either[c.file(f"enc/{label}-{j}.txt", data)] = None
    for i in range(6):
        mixed = article(c.next()).encode() + "Müller in Zürich. ".encode("latin-1") * 5
        c.either[c.file(f"enc/mixed-{i}.txt", mixed)] = None
    for i in range(6):
        lone = b"\xff\xfe" + "Kell".encode("utf-16-le") + b"\x00\xd8" + article(c.next()).encode("utf-16-le")
        c.either[c.file(f"enc/utf16-lone-surrogate-{i}.txt", lone)] = None
    for i in range(6):  # NULs past the first 8 KB, where the binary sniff does not look
        c.either[c.file(f"enc/late-nul-{i}.txt", (article(c.next()) * 30).encode() + b"\x00" * 50 + b"end.")] = None

    # -- malformed and deeply nested HTML --------------------------------------------------------
    para = lambda: f"<p>{article(c.next(), title=False)}</p>".encode()  # noqa: E731
    for i in range(3):
        c.either[c.file(f"html/nested-{i}.html", b"<html><body>" + b"<div>" * 100_000 + para() + b"</div>" * 100_000
                        + b"</body></html>")] = None
    for i in range(3):
        c.either[c.file(f"html/nested-spans-{i}.html", b"<html><body>" + b"<span><b><i>" * 30_000 + para())] = None
    for i in range(10):
        c.either[c.file(f"html/unclosed-script-{i}.html", b"<html><body><script>var x = 1;" + para() * 3)] = None
        c.either[c.file(f"html/unclosed-comment-{i}.html", b"<html><body><!-- " + para() * 3)] = None
    tags = [b"<div>", b"</div>", b"<p>", b"</p>", b"<a href='x'>", b"</a>", b"<table>", b"<td>", b"</tr>", b"<br>",
            b"<!--", b"-->", b"<![CDATA[", b"]]>", b"<script>", b"</script>", b"<style>", b"&amp;", b"&#xD800;",
            b"&#0;", b"<", b">", b"\"", b"'", b"=", b"<html>", b"<body>", b"<?xml?>", b"<!DOCTYPE html>"]
    for i in range(50):
        soup = b"<html><body>" + b"".join(rnd.choice(tags) + rnd.choice(
            [b"", b"Kell ", b"Orrin council ", f"word{i} ".encode()]) for _ in range(rnd.randrange(50, 2000)))
        c.either[c.file(f"html/soup-{i:02d}.html", soup)] = None
    for i in range(20):  # a stray NUL or two: read (NULs dropped), not refused as binary
        c.either[c.file(f"html/nul-{i:02d}.html", b"<html>\x00<body>" + para() + b"\x00</body></html>")] = None
    for i in range(20):
        c.bad.add((c.file(f"html/nuls-{i:02d}.html", b"<html><body>" + para().replace(b" ", b"\x00") + b"</body></html>"),
                   None))
    for i in range(20):
        c.either[c.file(f"html/only-tags-{i:02d}.html", b"<html><body>" + b"<div></div><span></span>" * 500
                        + b"</body></html>")] = None
    c.either[c.file("html/entity-bomb.html", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
                    + b"".join(f'<!ENTITY a{k} "{("&a;" if k == 0 else f"&a{k - 1};") * 10}">'.encode()
                               for k in range(8)) + b"]><html><body><p>&a7;</p>" + para() + b"</body></html>")] = None
    c.either[c.file("html/bogus-charset.html", b'<html><head><meta charset="x-no-such-\xff"></head><body>'
                    + para() + b"</body></html>")] = None
    c.either[c.file("html/utf7-charset.html", b'<html><head><meta charset="utf-7"></head><body>' + para()
                    + b"+ADw-script+AD4-</body></html>")] = None

    # -- gzip: bombs, truncated, corrupt ---------------------------------------------------------
    bomb = gzip.compress(b"\x20" * (MAX_BYTES * 3))
    for i in range(15):
        c.bad.add((c.file(f"gz/bomb-{i:02d}.txt.gz", bomb), None))
    member = gzip.compress(b"Kell " * (MAX_BYTES // 10))
    for i in range(5):
        c.bad.add((c.file(f"gz/bomb-members-{i}.html.gz", member * 3), None))
    for i in range(30):
        blob = gzip.compress(article(c.next()).encode() * 5)
        c.bad.add((c.file(f"gz/truncated-{i:02d}.txt.gz", blob[: len(blob) * (i % 9 + 1) // 10]), None))
    for i in range(20):
        c.bad.add((c.file(f"gz/corrupt-{i:02d}.txt.gz", b"\x1f\x8b\x08\x00" + bytes(rnd.randrange(256) for _ in range(300))),
                   None))
    for i in range(5):
        c.bad.add((c.file(f"gz/empty-{i}.txt.gz", gzip.compress(b"")), None))
        c.bad.add((c.file(f"gz/binary-{i}.txt.gz", gzip.compress(bytes(range(256)) * 10)), None))
    for i in range(5):
        c.good.add(c.file(f"gz/good-{i}.txt.gz", gzip.compress(article(c.next()).encode())))

    # -- JSONL --------------------------------------------------------------------------------
    def jsonl(rel: str, lines: list[tuple[str, str]]) -> None:
        """lines: (kind, raw line); kind is good, bad, warn, either or blank."""
        full = c.file(rel, "\n".join(raw for _kind, raw in lines) + "\n")
        for n, (kind, _raw) in enumerate(lines, 1):
            if kind == "good":
                c.good.add(f"{full}:{n}")
            elif kind == "bad":
                c.bad.add((full, n))
            elif kind == "warn":
                c.warn[(full, n)] = f"{full}:{n}"
            elif kind == "either":
                c.either[f"{full}:{n}"] = (full, n)

    wrong = [{"text": 12}, {"text": ["Kell", "met"]}, {"text": {"body": "Kell"}}, {"text": True}, {"html": 3.5},
             {"text": None, "html": ["<p>"]}, {"text": ""}, {"text": "   "}, {}, {"title": "no body"},
             {"published": ["2031"]}, {"published": 20310101}, {"published": "2031-02-30"}, {"published": "soon"},
             {"url": 7}, {"url": ["https://kell.example"]}, {"title": {"main": "x"}, "text": "Kell."}, {"source": False},
             {"byline": 3}, {"language": ["en"]}]
    lines = []
    for i in range(400):
        spec = dict(wrong[i % len(wrong)])
        if spec and "text" not in spec and "html" not in spec and "title" not in spec:
            spec["text"] = article(i)  # a good body, spoilt by a hint of the wrong type
        lines.append(("bad", json.dumps(spec)))
        if i % 40 == 0:
            lines.append(("good", json.dumps({"text": article(c.next()), "published": "2031-03-04"})))
    jsonl("feeds/wrong-types.jsonl", lines)

    lines = []
    for i in range(120):
        depth = 2000 + i * 5
        lines.append(("bad", ["[" * depth, "{\"a\": " * depth, '{"text": ' + "[" * depth + "]" * depth + "}",
                              '{"text": "Kell.", "title": ' + "{\"t\": " * depth + "1" + "}" * depth + "}"][i % 4]))
    lines.insert(60, ("good", json.dumps({"text": article(c.next())})))
    jsonl("feeds/deep.jsonl", lines)

    lines = []
    for i in range(20):
        # "@S@" becomes the JSON escape of a lone surrogate, in the body or in a hint
        field_ = ["text", "title", "byline", "source"][i % 4]
        body = article(c.next())
        obj = {"text": body.replace("council", "council @S@", 1) if field_ == "text" else body}
        if field_ != "text":
            obj[field_] = f"Kell @S@ {i}"
        lines.append(("warn", json.dumps(obj).replace("@S@", "\\ud800" if i % 2 else "\\udc80")))
    jsonl("feeds/surrogates.jsonl", lines)

    junk = ["{not json", "[1, 2, 3]", '"a string"', "null", "42", "true", '{"text": "unterminated', "{'single': 1}",
            '{"text": "x"} trailing', '{"text": "Kell", "n": ' + "9" * 5000 + "}", "\x01\x02", "}{", ",",
            '{"text": NaN}', '{"text": "\\x41"}', '{"text": "\\u12"}']
    lines = [("bad", junk[i % len(junk)]) for i in range(600)]
    for i in range(0, 600, 100):
        lines.insert(i, ("blank", ""))
    lines.append(("good", json.dumps({"text": article(c.next()), "title": "The last line", "url": "https://kell.example/last"})))
    lines.append(("good", json.dumps({"text": article(c.next()) + "Sep\u2028arated\u0085by\x0cseparators.",
                                      "title": "Odd separators"}, ensure_ascii=False)))
    jsonl("feeds/junk.jsonl", lines)
    blob = gzip.compress("\n".join(json.dumps({"text": article(c.next())}) for _ in range(5)).encode())
    c.bad.add((c.file("feeds/truncated.jsonl.gz", blob[: len(blob) // 2]), None))
    c.bad.add((c.file("feeds/binary.jsonl", bytes(range(256)) * 30), None))
    c.bad.add((c.file("feeds/empty.ndjson", b""), None))

    # -- WARC -------------------------------------------------------------------------------------
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def record(url: str | None, payload: bytes, headers: list[tuple[str, str]] | None = None, gz: bool = False) -> bytes:
        buf = io.BytesIO()
        w = WARCWriter(buf, gzip=gz)
        h = StatusAndHeaders("200 OK", headers or [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        rec = w.create_warc_record(url or "https://placeholder.example/", "response", payload=io.BytesIO(payload),
                                   http_headers=h)
        if url is None:
            rec.rec_headers.remove_header("WARC-Target-URI")
        w.write_record(rec)
        return buf.getvalue()

    def warc(rel: str, gz: bool) -> None:
        full = c.path(rel)
        shown = printable(full)
        parts, n = [], 0
        bomb_payload = gzip.compress(b"<p>" + b"k" * (MAX_BYTES * 2))
        for i in range(24):
            kind = ["good", "nouri", "empty", "bomb", "garbage", "image", "good", "good"][i % 8]
            k = c.next()
            url = f"https://ledger.example/{rel}/{i}"
            if kind == "garbage":
                if gz:
                    parts.append(gzip.compress(b"NOT A WARC RECORD\r\nat all\r\n\r\n"))  # a member that is no record
                else:
                    parts.append(b"NOT A WARC RECORD\r\nat all\r\n\r\n")
                n += 1
                c.bad.add((f"{shown}#{n}", None))
                continue
            n += 1
            if kind == "good":
                parts.append(record(url, page(k), gz=gz))
                c.good.add(f"{shown}#{url}")
            elif kind == "nouri":
                parts.append(record(None, page(k), gz=gz))
                c.good.add(f"{shown}#{n}")
            elif kind == "empty":
                parts.append(record(url, b"", gz=gz))
                c.bad.add((f"{shown}#{url}", None))
            elif kind == "bomb":
                parts.append(record(url, bomb_payload, [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                                    gz=gz))
                c.bad.add((f"{shown}#{url}", None))
            else:
                parts.append(record(url, b"\x89PNG" + bytes(100), [("Content-Type", "image/png")], gz=gz))
                c.ignored += 1
        with open(full, "wb") as fh:
            fh.write(b"".join(parts))

    warc("warc/mixed.warc", gz=False)
    warc("warc/mixed.warc.gz", gz=True)

    # cut mid-record: the complete records before the cut are stored, the cut is named
    recs = [record(f"https://ledger.example/cut/{i}", page(c.next())) for i in range(6)]
    data = b"".join(recs)
    cut = c.file("warc/cut-body.warc", data[: len(data) - 60])
    c.good.update(f"{cut}#https://ledger.example/cut/{i}" for i in range(5))
    c.bad.add((f"{cut}#https://ledger.example/cut/5", None))
    recs = [record(f"https://ledger.example/cuthead/{i}", page(c.next())) for i in range(6)]
    cut = c.file("warc/cut-header.warc", b"".join(recs)[: len(b"".join(recs[:4])) + 40])
    c.good.update(f"{cut}#https://ledger.example/cuthead/{i}" for i in range(4))
    c.bad.add((f"{cut}#5", None))
    recs = [record(f"https://ledger.example/cutgz/{i}", page(c.next()), gz=True) for i in range(6)]
    data = b"".join(recs)
    cut = c.file("warc/cut.warc.gz", data[: len(data) - 100])
    c.good.update(f"{cut}#https://ledger.example/cutgz/{i}" for i in range(5))
    c.bad.add((cut, None))
    c.bad.add((c.file("warc/not-a-warc.warc", b"This is a plain text file, not a WARC.\n" * 20), None))
    c.bad.add((c.file("warc/only-images.warc", record("https://ledger.example/img", b"\x89PNG" + bytes(50),
                                                        [("Content-Type", "image/png")])), None))

    # -- sidecars ---------------------------------------------------------------------------------
    sidecars = [b"{title: 'Kell'}", b'["Kell"]', b'"Kell"', b"42", b'{"title": ["Kell"]}', b'{"published": 2031}',
                b'{"url": {"href": "x"}}', b'{"published": "2031-02-30"}', b'{"published": "next week"}',
                b"[" * 5000, b'{"a": ' * 5000, bytes(range(256)) * 4, b"", b"\xef\xbb\xbf",
                b'{"title": "x", "pad": "' + b"y" * 1_000_100 + b'"}', b'{"title": "x", "n": ' + b"9" * 5000 + b"}"]
    for i, side in enumerate(sidecars * 2):
        name = c.file(f"sidecars/s{i:02d}.txt", article(c.next()))
        c.warn[(c.file(f"sidecars/s{i:02d}.meta.json", side), None)] = name
        c.good.add(name)
    for i in range(4):
        name = c.file(f"sidecars/lone-{i}.txt", article(c.next()))
        c.warn[(c.file(f"sidecars/lone-{i}.meta.json", '{"title": "Kell \\ud800 harbour", "published": "2031-01-02"}'),
                None)] = name
        c.good.add(name)
    name = c.file("sidecars/fifo.txt", article(c.next()))
    os.mkfifo(c.path("sidecars/fifo.meta.json"))  # not a file: ignored, never opened
    c.good.add(name)

    # -- odd file names ---------------------------------------------------------------------------------
    odd = ["new\nline", "carriage\rreturn", "tab\tname", "esc\x1b[1mbold", "bell\x07", "del\x7f", "nel\x85",
           "line\u2028sep", "para\u2029sep", "bidi\u202eevil", "zero\u200bwidth", "spaces in name", "  leading",
           "trailing ", "-dash", "--option", "colon:12", "hash#1", "percent%20", "quote'\"", "back\\slash",
           "Zürich–Kell", "東京", "emoji😀", "x" * 240]
    odd_bytes = [b"latin\xe9", b"bad\xff\xfe", b"surrogate\xed\xa0\x80", b"cut\xc3", b"ctl\x1b\xff"]
    for stem in odd + odd_bytes:
        stem_b = stem if isinstance(stem, bytes) else stem.encode()
        c.good.add(c.file(b"odd/good/" + stem_b + b".txt", article(c.next())))
        c.bad.add((c.file(b"odd/empty/" + stem_b + b".txt", b""), None))

    # -- links, loops, FIFOs, devices -----------------------------------------------------------------
    for i in range(10):
        p = c.path(f"links/self-{i}.txt")
        os.symlink(os.path.basename(p), p)
        c.bad.add((printable(p), None))
    for i in range(5):
        a, b = c.path(f"links/ping-{i}.txt"), c.path(f"links/pong-{i}.txt")
        os.symlink(os.path.basename(b), a)
        os.symlink(os.path.basename(a), b)
        c.bad.update({(printable(a), None), (printable(b), None)})
    for i in range(10):
        p = c.path(f"links/broken-{i}.html")
        os.symlink(f"/nonexistent/redline/{i}.html", p)
        c.bad.add((printable(p), None))
    for i in range(2):
        d = c.path(f"loops/d{i}/x")
        c.good.add(c.file(f"loops/d{i}/story.txt", article(c.next())))
        os.symlink(os.path.dirname(d), os.path.join(os.path.dirname(d), "back"))
        c.bad.add((printable(os.path.join(os.path.dirname(d), "back")), None))
    for i in range(10):
        p = c.path(f"fifo/pipe-{i}.txt")
        os.mkfifo(p)
        c.bad.add((printable(p), None))
    for dev in ("zero", "null", "urandom"):
        p = c.path(f"fifo/dev-{dev}.txt")
        os.symlink(f"/dev/{dev}", p)
        c.bad.add((printable(p), None))
    deep = os.path.dirname(c.path("deep/x"))  # nested deeper than os.walk (or os.makedirs) can recurse
    for _ in range(1100):
        deep = os.path.join(deep, "d")
        os.mkdir(deep)
    c.good.add(c.file(os.path.join(deep, "bottom.txt"), article(c.next())))
    outside = os.path.join(os.path.dirname(c.root), "outside", "linked.txt")
    os.makedirs(os.path.dirname(outside))
    with open(outside, "w", encoding="utf-8") as fh:
        fh.write(article(c.next()))
    good_link = c.path("links/good-link.txt")  # a link to a file outside the folder: read, named by the link
    os.symlink(outside, good_link)
    c.good.add(printable(good_link))
    return c


def _redline(db: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "redline", "--db", db, "--json", *args], capture_output=True,
                          text=True, env=env, timeout=120)


def _run_measured(cmd: list[str], env: dict[str, str], out: Path, err: Path) -> tuple[int, float, float]:
    """Run ``cmd``; return (exit status, peak RSS of that child in MB, seconds).

    The peak is the child's own high-water mark (VmHWM in /proc/PID/status),
    read as it runs: ``ru_maxrss`` would not do, because Linux counts in it the
    memory the process had before exec, i.e. the whole test suite's at fork.
    """
    t0 = time.monotonic()
    peak_kb = 0
    with open(out, "wb") as fo, open(err, "wb") as fe:
        proc = subprocess.Popen(cmd, stdout=fo, stderr=fe, env=env)
        while proc.poll() is None:
            peak_kb = max(peak_kb, _hwm_kb(proc.pid))
            if time.monotonic() - t0 > TIMEOUT_S:
                proc.kill()
                proc.wait()
                break
            time.sleep(0.05)
    return proc.returncode, peak_kb / 1024, time.monotonic() - t0


def _hwm_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


@pytest.mark.slow
def test_hostile_corpus_ingest(tmp_path, capsys):
    root = str(tmp_path / "corpus")
    try:
        corpus = build_corpus(root)
        assert corpus.items >= 2000, corpus.items
        _check(tmp_path, root, corpus, capsys)
    finally:
        if os.path.isdir(os.path.join(root, "deep")):
            remove_deep(os.path.join(root, "deep"))  # pytest's recursive cleanup cannot


def _check(tmp_path, root, corpus, capsys):
    db = str(tmp_path / "hostile.db")
    env = {**os.environ, "REDLINE_MAX_BYTES": str(MAX_BYTES), "PYTHONUNBUFFERED": "1"}
    env.pop("REDLINE_DB", None)

    code, rss_mb, secs = _run_measured([sys.executable, "-m", "redline", "--db", db, "--json", "ingest", root], env,
                                       tmp_path / "out.json", tmp_path / "err.txt")
    stderr = (tmp_path / "err.txt").read_text(errors="replace")
    errors_run = _redline(db, "errors", "--limit", "1000000", env=env)
    tracebacks = stderr.count("Traceback") + errors_run.stderr.count("Traceback")

    from redline import open_store

    store = open_store(db)
    try:
        stored = {a["name"] for a in store.list_articles(limit=None)}
    finally:
        store.close()
    rows = json.loads(errors_run.stdout) if errors_run.returncode == 0 else []
    errors = {(r["path"], r["line"]) for r in rows if r["level"] == "error"}
    warnings = {(r["path"], r["line"]) for r in rows if r["level"] == "warning"}
    errored_names = {r["path"] if r["line"] is None else f"{r['path']}:{r['line']}" for r in rows if r["level"] == "error"}

    lost = sorted(n for n in corpus.good if n not in stored)
    good_with_errors = sorted(n for n in corpus.good if n in errored_names)
    unnamed = sorted(k for k in corpus.bad if k not in errors)
    warn_missing = sorted(k for k, item in corpus.warn.items() if k not in warnings or item not in stored)
    either_lost = sorted(n for n, where in corpus.either.items()
                         if n not in stored and (where or (n, None)) not in errors)
    either_stored = sum(n in stored for n in corpus.either)
    summary = (f"hostile corpus: {corpus.items} items tried ({len(corpus.good)} good, {len(corpus.bad)} bad, "
               f"{len(corpus.warn)} warned, {len(corpus.either)} either, {corpus.ignored} skipped by design), "
               f"{tracebacks} tracebacks, {len(lost)} good items lost, {len(good_with_errors)} good items with "
               f"errors, {len(unnamed)} bad items not named, {len(warn_missing)} warnings missing, "
               f"{len(either_lost)} odd items lost ({either_stored} of {len(corpus.either)} stored), "
               f"exit {code}, {secs:.0f} s, peak RSS {rss_mb:.0f} MB")
    with capsys.disabled():
        print("\n" + summary)

    assert code == 0, stderr[-3000:]
    assert tracebacks == 0, stderr[-3000:]
    assert errors_run.returncode == 0, errors_run.stderr
    assert not lost, lost[:10]
    assert not good_with_errors, [r for r in rows if r["level"] == "error" and (
        r["path"] if r["line"] is None else f"{r['path']}:{r['line']}") in good_with_errors][:5]
    assert not unnamed, unnamed[:10]
    assert not warn_missing, warn_missing[:10]
    assert not either_lost, either_lost[:10]
    for r in rows:  # every message is one line, every path printable
        assert "\n" not in r["message"] and (r["path"] is None or "\n" not in r["path"]), r
    assert rss_mb < RSS_BOUND_MB, summary


# -- the worst of it, straight to clean() -------------------------------------------------------------

def test_clean_a_line_of_at_signs_in_linear_time():
    from redline import clean

    t = time.perf_counter()
    clean("@" * 200_000, format="text")  # the e-mail pattern took minutes on this (quadratic)
    assert time.perf_counter() - t < 5


def test_clean_keeps_a_text_of_very_many_lines_whole_and_fast():
    from redline import clean
    from redline.clean.text import MAX_LINES

    text = "Kell\n" * (MAX_LINES + 10)
    t = time.perf_counter()
    result = clean(text, format="text")
    assert time.perf_counter() - t < 5 and result.text == text.strip()


def test_clean_refuses_html_of_too_many_tags():
    from redline import clean
    from redline.clean.html import MAX_TAGS
    from redline.errors import CleanError

    with pytest.raises(CleanError, match="tags, too many for a page"):
        clean(b"<html><body>" + b"<br>" * MAX_TAGS + b"</body></html>", format="html")


def test_clean_a_page_of_many_links_in_bounded_time():
    from redline import clean
    from redline.errors import CleanError

    links = "".join(f'<a href="/k{i}">Kell item {i} road</a> ' for i in range(30_000))
    t = time.perf_counter()
    with pytest.raises(CleanError, match="no main text"):
        clean(f"<html><body><article><p>{links}</p></article></body></html>".encode(), format="html")
    assert time.perf_counter() - t < 30  # 10 s of it was removing 30,000 link texts one by one


def test_clean_reads_a_lone_surrogate_as_replacement_character():
    from redline import clean

    page = ("<html><body><article><p>The council of Vessa voted on Monday to reopen the road \ud800 to Kell.</p>"
            "<p>It was the first such vote in a decade, officials in Vessa said on the day.</p></article></body></html>")
    text = clean(page, format="html").text
    assert "road \ufffd to Kell" in text and "first such vote" in text  # lxml cut the text short at the surrogate
    assert "\ufffd" in clean("The council of Vessa voted \udc80 on Monday to reopen the road to Kell.", format="text").text
