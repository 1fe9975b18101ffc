"""Plain-text chrome removal: keep a scraped page's article body verbatim.

A page saved as text keeps its site chrome: notices, the outlet's header,
menus, share and follow prompts, newsletter promos, "Loading...". Each
non-blank line is a block. Every block gets features from its own text and
its neighbours, is classified in the manner of jusText (good / near-good /
short / bad, then revised by context), and the body is the densest run of
prose on the page (a maximum-sum window, as in Finn et al.'s Body Text
Extraction) plus any other run heavy enough beside it. The body is a selection of the original lines: characters and
paragraph breaks are never rewritten.

Metadata (headline, dateline, byline, outlet, categories, date) is read from
the classified lines by ``clean.textmeta``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Mapping

from . import CleanResult
from . import textmeta as meta

_DIGITS = re.compile(r"\d")
_SPACE = re.compile(r"\s+")

# Classes, as in jusText.
GOOD, NEAR, SHORT, BAD = "good", "near", "short", "bad"
# Besides the densest run of prose, other runs are kept when they weigh this
# share of it: an article interrupted by a gallery or an ad block resumes
# below it, so runs above the main one (the story's start) are cheap to keep;
# runs below it are more often comments and teasers, so they must weigh more.
# Tuned on the trafilatura evaluation set (bench/bench_clean_text.py).
SECONDARY_BEFORE = 0.05
SECONDARY_AFTER = 0.4

# The site speaking to its reader: calls to act and legal notices. This is a
# general lexicon of web-interface language (a few major languages, since
# scraped pages come from everywhere), not any one outlet's phrases. News
# prose almost never uses these phrases except when reporting on a website.
UI_STRONG = re.compile(
    r"\b(?:(?:un)?subscri(?:be|ption)s?\b|sign(?:ing)?[ -]?(?:up|in)\b|log[ -]?(?:in|out)\b|newsletters?\b"
    r"|cookies?\b|terms (?:of (?:use|service)|and conditions)\b|privacy (?:policy|notice|settings)\b"
    r"|all rights reserved\b|follow (?:us|@)|like us on\b|share (?:this|on|via)\b"
    r"|click here\b|read more\b|continue reading\b|loading\b|advertisement\b|sponsored\b"
    r"|skip to\b|back to top\b|download (?:the|our) app\b|create an account\b|contact us\b"
    r"|see all\b|view all\b|most (?:read|popular|viewed)\b|powered by\b"
    r"|impressum\b|datenschutz(?:erklärung|hinweise?|einstellungen)?\b|anmelden\b|abonnieren\b|weiterlesen\b"
    r"|s'abonner\b|abonnez-vous\b|se connecter\b|mentions légales\b|lire (?:la suite|aussi)\b"
    r"|suscr[ií]b\w+|iniciar sesi[oó]n\b|leer m[aá]s\b|aviso legal\b|iscriviti\b|leggi anche\b"
    # comment forms under a post
    r"|leave a (?:comment|reply)\b|post a comment\b|cancel reply\b|your e-?mail address\b"
    r"|required fields\b|comment data\b|akismet\b|kommentar (?:schreiben|verfassen|abgeben)\b"
    r"|einen kommentar\b|antwort(?:en)? abbrechen\b|laisser un commentaire\b|deja un comentario\b"
    # pointers to other content: related lists, post navigation, author archives
    r"|related (?:posts|articles|stories|content)\b|you (?:may|might) also like\b|recommended for you\b"
    r"|more (?:from|stories|articles)\b|(?:previous|next) (?:post|article|story)\b|posts by\b"
    r"|ähnliche (?:beiträge|artikel)\b|verwandte (?:beiträge|artikel)\b|auch interessieren\b"
    r"|auch interessant\b|mehr zum thema\b|weitere (?:artikel|beiträge|meldungen)\b"
    r"|lesen sie auch\b|beitragsnavigation\b|alle beiträge\b|articles similaires\b|à lire aussi\b"
    r"|te puede interesar\b|(?:noticias|artículos) relacionad[oa]s\b)"
    r"|^\W*follow\b"
)  # matched against the lower-cased line: case-insensitive matching is several times slower
# Single navigation words: harmless in prose, telling on a 1-3 word line.
UI_WEAK = frozenset(
    """home menu search share print email e-mail comments comment reply next previous prev more tags tag
    archive archives contact about top rss facebook twitter instagram linkedin youtube whatsapp pinterest
    telegram tiktok flipboard reddit mail copy link links related login register startseite suche teilen
    drucken kontakt mehr kommentare kommentieren antworten abbrechen zurück weiter sharen liken tweet pdf
    download werbung anzeige accueil recherche partager inicio buscar compartir""".split()
)
_WORD = re.compile(r"\w+(?:['’-]\w+)*", re.U)
_SENTENCE_END = re.compile(r"[.!?…]['\"”’»)\]]*\s*$")
_SEPARATORS = re.compile(r"\s[|•·»›/]\s|\s?[|•·]\s?")
_STAMP = re.compile(
    r"\b\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\.?|uhr|h)?\b(?![.,]\d)|\b\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\b|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b\d{1,2}\.? (?:jan|feb|mär|mar|apr|ma[iy]|jun|jul|aug|sep|okt|oct|nov|de[cz])\w*\.? \d{4}\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.? \d{1,2},? \d{4}\b"
)  # matched against the lower-cased line
_COMMENTS_HEAD = re.compile(
    r"^\W*(?:\d+\s+)?(?:comments?|kommentare?|commentaires?|comentarios?|commenti|responses|replies|reactions)\W*$"
    r"|^\W*(?:\d+\s+)?(?:comments?|kommentare?|responses|replies) (?:to|on|zu)\b"
    r"|^\W*(?:leave|post|write) a (?:comment|reply)|^\W*(?:schreibe|hinterlasse) einen kommentar"
    r"|^\W*(?:laisser|ajouter) un commentaire|^\W*deja un comentario",
    re.I,
)
_HANDLE_OR_URL = re.compile(r"^\W*(?:follow\s+)?@\w+\W*$|^\s*(?:https?://|www\.)\S+\s*$|^\s*\S+@\S+\.\w+\s*$", re.I)


@dataclass(eq=False)
class Block:
    """One non-blank line with its features."""

    index: int  # 0-based line number in the page
    text: str
    key: str
    chars: int = 0
    words: int = 0
    stop_ratio: float = 0.0  # share of function words: prose has many, menus few
    sentence_end: bool = False  # paragraphs end like sentences, labels and menus do not
    ui_strong: int = 0  # calls to act / legal notices (UI_STRONG)
    ui_lead: bool = False  # the call to act opens the line ("Sign up for ...")
    ui_weak: int = 0  # navigation words (UI_WEAK)
    capitalised: float = 0.0  # share of capitalised words: menus and headlines are Title Case
    segments: int = 1  # items between separators ("Home | News | Sport")
    handle_or_url: bool = False  # "@handle", a bare URL or e-mail address
    stamp: bool = False  # holds a date or a clock time
    prose: bool = False
    cls: str = SHORT
    reason: str | None = None


def features(line: str, index: int, stops: frozenset[str], key: str) -> Block:
    words = _WORD.findall(line)
    n = len(words)
    lower = [w.lower() for w in words]
    low = line.lower()
    strong = list(UI_STRONG.finditer(low))
    b = Block(index=index, text=line, key=key, chars=len(line.strip()), words=n)
    if n:
        b.stop_ratio = sum(w in stops for w in lower) / n
        alpha = [w for w in words if w[0].isalpha()]
        b.capitalised = sum(w[0].isupper() for w in alpha) / len(alpha) if alpha else 0.0
    b.sentence_end = bool(_SENTENCE_END.search(line))
    b.ui_strong = len(strong)
    b.ui_lead = bool(strong) and strong[0].start() < 40 + (len(line) - len(line.lstrip()))
    b.ui_weak = sum(w in UI_WEAK for w in lower)
    b.segments = 1 + len(_SEPARATORS.findall(line))
    b.handle_or_url = bool(_HANDLE_OR_URL.match(line))
    b.stamp = bool(_STAMP.search(low))
    b.prose = n >= 12 and b.stop_ratio >= 0.28 and b.sentence_end
    return b


def line_key(line: str) -> str:
    """Normalised key of a line, for counting repetition across articles.

    Case and spacing vary with templates and digits with the day ("Friday,
    March 8, 2024 | Archive"), so both are flattened: the same chrome line on
    two days of one outlet gets one key.
    """
    return _DIGITS.sub("0", _SPACE.sub(" ", line.lower()).strip())


def _line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's content, without its newline."""
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _hard_bad(b: Block, page_counts: Counter, shared: set[str]) -> str | None:
    """Why a block is chrome whatever its neighbours say, or None."""
    if meta.find_signoff(b.text):
        return None  # a reporter's sign-off closes the story: it is article text
    if meta.doubled_name(b.text):
        return "outlet name"
    if meta.find_categories(b.text):
        return "categories"
    if meta.find_byline(b.text):
        return "byline"
    if b.ui_strong and (b.words < 25 or b.ui_strong >= 2 or (b.ui_lead and b.words < 40)):
        # Calls to act (subscribe, sign up, follow us, accept cookies) are the
        # site talking to the reader; a long paragraph that merely mentions
        # one word of the lexicon once is left to the other features.
        return "site prompt"
    if b.handle_or_url:
        return "link"
    if b.segments >= 3 and b.words / b.segments < 4:
        return "navigation"  # "Home | News | Sport": short items between separators
    if b.key in shared:
        return "repeated across outlet"
    if page_counts[b.key] > 1 and not b.prose:
        return "repeated on page"  # menus and footers printed twice
    if b.ui_weak and b.words <= 3 and not b.sentence_end:
        return "navigation"
    if b.stamp and b.words <= 12 and not b.sentence_end:
        return "date stamp"  # "Posted 3 May 2021, 14:02" above a story or a comment: metadata, not prose
    return None


def _shared_with_outlet(blocks: list[Block], repeated: Mapping[str, int], siblings: int) -> set[str]:
    """Keys of lines printed in at least half of the outlet's other articles.

    Template lines (header, footer, promos) recur in every article of an
    outlet; story text does not. When most of the page's prose recurs too,
    the page is another copy of a stored story (an update, a syndicated
    reprint), so only its non-prose lines are judged by repetition.
    """
    if siblings <= 0 or not repeated:
        return set()
    shared = {b.key for b in blocks if repeated.get(b.key, 0) / siblings >= 0.5}
    prose = [b for b in blocks if b.prose]
    copied = sum(b.chars for b in prose if b.key in shared)
    if prose and copied * 2 > sum(b.chars for b in prose):
        shared -= {b.key for b in prose}
    return shared


def _initial_class(b: Block) -> str:
    """jusText-style class from length and stopword density.

    Prose has many function words; menus, teasers and labels have few. Long
    blocks of function-word-rich text are the article; short ones decide by
    context.
    """
    if b.reason:
        return BAD
    if b.words >= 12 and b.stop_ratio >= 0.28 and (b.sentence_end or b.words >= 30):
        return GOOD
    if b.capitalised >= 0.8 and b.words >= 2 and not b.sentence_end:
        return SHORT  # Title Case without a full stop: a menu item, label or headline
    if b.words >= 6 and b.stop_ratio >= 0.18 and (b.sentence_end or b.words >= 15):
        return NEAR
    if b.words >= 30:
        return NEAR  # long but function-word-poor: a list, a table row, a caption run
    return SHORT


def _nearest(classes: list[str], skip: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """For each block, the class of the nearest block before/after it not in ``skip``.

    The page edges count as chrome. One pass each way keeps revision linear
    even on pages of thousands of short lines.
    """
    before, after = [BAD] * len(classes), [BAD] * len(classes)
    last = BAD
    for i, c in enumerate(classes):
        before[i] = last
        last = last if c in skip else c
    last = BAD
    for i in range(len(classes) - 1, -1, -1):
        after[i] = last
        last = last if classes[i] in skip else classes[i]
    return before, after


def _revise(blocks: list[Block]) -> None:
    """Context revision: short and near-good blocks take their neighbours' class.

    A subheading or a one-line quote ("That is all," she said.) inside the body
    is short, and a "Loading..." after a promo is short too: what surrounds them
    tells which is which.
    """
    classes = [b.cls for b in blocks]
    prev, nxt = _nearest(classes, (SHORT, NEAR))
    prev2, nxt2 = _nearest(classes, (SHORT,))
    for i, b in enumerate(blocks):
        if b.cls != SHORT:
            continue
        if prev[i] == GOOD and nxt[i] == GOOD:
            b.cls = GOOD
        elif prev[i] == BAD and nxt[i] == BAD:
            b.cls = BAD
        else:
            # Between chrome and prose: keep it only when good or near-good
            # text lies on both sides of it, as inside a story.
            b.cls = GOOD if prev2[i] in (GOOD, NEAR) and nxt2[i] in (GOOD, NEAR) else BAD
    prev, nxt = _nearest([b.cls for b in blocks], (NEAR,))
    for i, b in enumerate(blocks):
        if b.cls == NEAR:
            b.cls = BAD if prev[i] == BAD and nxt[i] == BAD else GOOD


def _value(b: Block) -> float:
    """Weight of a block in the body window: prose counts by its length."""
    if b.cls == GOOD:
        return 1.0 + min(b.chars, 1200) / 150
    return -1.5 if b.reason else -1.0


def _windows(blocks: list[Block]) -> list[tuple[int, int]]:
    """The densest run of prose, plus the runs on either side heavy enough to keep."""
    (a, z), score = _best_window(blocks, 0, len(blocks) - 1)
    if z < a or score <= 0:
        return []  # no run of prose at all
    found = [(a, z)]
    todo = [(0, a - 1, score * SECONDARY_BEFORE), (z + 1, len(blocks) - 1, score * SECONDARY_AFTER)]
    while todo:
        lo, hi, floor = todo.pop()
        if hi < lo:
            continue
        (a, z), score = _best_window(blocks, lo, hi)
        if z >= a and score >= floor:
            found.append((a, z))
            todo += [(lo, a - 1, floor), (z + 1, hi, floor)]
    return found


def _cut_at_comments(blocks: list[Block], windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop what follows the heading of a comment section below the story.

    Readers' comments are prose, often long, and sit right under the story;
    the heading ("12 Comments", "Leave a reply") is the one clear border.
    """
    if not windows:
        return windows
    start = windows[0][0]
    cut = next((i for i in range(start + 1, len(blocks)) if _COMMENTS_HEAD.match(blocks[i].text)), None)
    if cut is None:
        return windows
    return [(a, min(z, cut - 1)) for a, z in windows if a < cut]


def _best_window(blocks: list[Block], lo: int, hi: int) -> tuple[tuple[int, int], float]:
    best, best_span = float("-inf"), (0, -1)
    run, start = 0.0, lo
    for i in range(lo, hi + 1):
        if run <= 0:
            run, start = 0.0, i
        run += _value(blocks[i])
        if run > best:
            best, best_span = run, (start, i)
    return best_span, best


def clean_plain_text(text: str, *, repeated: Mapping[str, int] | None = None, siblings: int = 0) -> CleanResult:
    """Remove a scraped page's chrome; keep its body verbatim and read its metadata.

    ``repeated`` maps ``line_key(line)`` to the number of other stored articles
    of the same outlet containing that line, out of ``siblings`` such articles.
    """
    repeated = repeated or {}
    spans = _line_spans(text)
    stops = meta.stoplist_for(text)
    blocks = [features(text[s:e], i, stops, line_key(text[s:e])) for i, (s, e) in enumerate(spans) if text[s:e].strip()]
    if not blocks:
        return CleanResult(text="", format="text")
    page_counts = Counter(b.key for b in blocks)
    shared = _shared_with_outlet(blocks, repeated, siblings)
    for b in blocks:
        b.reason = _hard_bad(b, page_counts, shared)
        b.cls = _initial_class(b)
    _revise(blocks)
    windows = _cut_at_comments(blocks, _windows(blocks))
    if not windows:  # no prose anywhere: keep everything that is not plainly chrome
        windows = [(0, len(blocks) - 1)]
        for b in blocks:
            b.cls = BAD if b.reason else GOOD
    inside = [False] * len(blocks)
    for a, z in windows:
        inside[a:z + 1] = [True] * (z + 1 - a)
    for i, b in enumerate(blocks):
        if b.cls == GOOD and not inside[i]:
            b.cls, b.reason = BAD, "outside main text"
        elif b.cls == BAD and not b.reason:
            b.reason = "boilerplate" if inside[i] else "outside main text"
    body = [b for b in blocks if b.cls == GOOD]
    info = meta.read_metadata(blocks, body)
    body = [b for b in body if not b.reason]
    return CleanResult(
        text=_assemble(text, spans, body),
        title=info.title,
        byline=info.byline,
        dateline=info.dateline,
        source=info.source,
        categories=info.categories,
        published=info.published,
        published_source="text" if info.published else None,
        published_confidence=info.published_confidence,
        summary=info.summary,
        format="text",
        removed=[(b.index + 1, b.reason or "chrome") for b in blocks if b.cls != GOOD or b.reason],
    )


def _assemble(text: str, spans: list[tuple[int, int]], body: list[Block]) -> str:
    """Join the kept lines with the page's own separators.

    Between two kept lines the original text is copied (so blank lines stay
    as they were); where dropped lines intervene, the separator that followed
    the first kept line is used instead, which keeps one paragraph break.
    """
    if not body:
        return ""
    out = [text[spans[body[0].index][0]:spans[body[0].index][1]]]
    for prev, cur in zip(body, body[1:]):
        gap_start = spans[prev.index][1]
        between = text[gap_start:spans[cur.index][0]]
        if between.strip():
            between = re.match(r"\s*", between).group(0)
        out.append(between)
        out.append(text[spans[cur.index][0]:spans[cur.index][1]])
    return "".join(out).strip()


__all__ = ["line_key", "clean_plain_text"]
