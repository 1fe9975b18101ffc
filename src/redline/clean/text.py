"""Plain-text chrome removal: keep a scraped page's article body verbatim.

A page saved as text keeps its site chrome: notices, the outlet's header,
menus, share and follow prompts, newsletter promos, "Loading...". Each
non-blank line is a block. Every block gets features from its own text and
its neighbours, is classified in the manner of jusText (good / near-good /
short / bad, then revised by context), and the body is the densest run of
prose on the page (a maximum-sum window, as in Finn et al.'s Body Text
Extraction) plus any other run heavy enough beside it. The body is a
selection of the original lines: characters and paragraph breaks are never
rewritten. The web vocabulary the features look for is in ``clean.textlex``.

Metadata (headline, dateline, byline, outlet, categories, date) is read from
the classified lines by ``clean.textmeta``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Mapping

from . import CleanResult
from . import textlex as lex
from . import textmeta as meta

_DIGITS = re.compile(r"\d")
_SPACE = re.compile(r"\s+")

# Classes, as in jusText.
GOOD, NEAR, SHORT, BAD = "good", "near", "short", "bad"
# Besides the densest run of prose, other runs are kept when they weigh this
# share of it. Above the main run any run of prose is kept: it is the story's
# lead or standfirst, set apart by a picture, a byline or share buttons.
# Below it, runs are more often comments and teasers than the story resuming
# after a gallery or an ad block, so they must weigh more.
# Tuned on the trafilatura evaluation set (bench/bench_clean_text.py).
SECONDARY_BEFORE = 0.0
SECONDARY_AFTER = 0.6
# Weights of the body window: a prose block is worth one point plus one per
# CHARS_PER_POINT characters; a chrome block costs one point, or more when a
# hard feature (a prompt, a menu, a credit) marked it.
CHARS_PER_POINT = 150
HARD_BAD_COST = -1.5
SOFT_BAD_COST = -1.0
# Longer lines than this that name a picture credit are prose quoting one.
CREDIT_MAX_WORDS = 40
# An author box: its heading, then a name and links, at most this many lines.
AUTHOR_BOX_LINES = 3
# A scraped page has hundreds of lines, a long one a few thousand. Every line
# costs a Block and its features (some 700 bytes), so a text of millions of
# short lines (20 MB of "a\n" is ten million) took gigabytes and minutes. Past
# this many lines a text is no web page with chrome to remove: it is kept whole.
MAX_LINES = 100_000


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
    ui_strong: int = 0  # calls to act / legal notices (lex.UI_STRONG)
    ui_lead: bool = False  # the call to act opens the line ("Sign up for ...")
    ui_weak: int = 0  # navigation words (lex.UI_WEAK)
    capitalised: float = 0.0  # share of capitalised words: menus and headlines are Title Case
    segments: int = 1  # items between separators ("Home | News | Sport")
    handle_or_url: bool = False  # "@handle", a bare URL or e-mail address
    stamp: bool = False  # holds a date or a clock time
    credit: bool = False  # a picture credit or caption source
    prose: bool = False
    cls: str = SHORT
    reason: str | None = None


def features(line: str, index: int, stops: frozenset[str], key: str) -> Block:
    words = lex.WORD.findall(line)
    n = len(words)
    lower = [w.lower() for w in words]
    low = line.lower()
    strong = list(lex.UI_STRONG.finditer(low))
    b = Block(index=index, text=line, key=key, chars=len(line.strip()), words=n)
    if n:
        b.stop_ratio = sum(w in stops for w in lower) / n
        alpha = [w for w in words if w[0].isalpha()]
        b.capitalised = sum(w[0].isupper() for w in alpha) / len(alpha) if alpha else 0.0
    b.sentence_end = bool(lex.SENTENCE_END.search(line))
    b.ui_strong = len(strong)
    b.ui_lead = bool(strong) and strong[0].start() < 40 + (len(line) - len(line.lstrip()))
    b.ui_weak = sum(w in lex.UI_WEAK for w in lower)
    b.segments = 1 + len(lex.SEPARATORS.findall(line))
    b.handle_or_url = bool(lex.HANDLE_OR_URL.match(line))
    b.stamp = bool(lex.STAMP.search(low))
    b.credit = bool(lex.CREDIT.search(low))
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
    if page_counts[b.key] > 1 and not b.prose and "0" not in b.key:
        # Menus and footers printed twice. Lines with figures are spared:
        # prices, scores and table cells legitimately recur in a story,
        # while menu items are words.
        return "repeated on page"
    if b.ui_weak and b.words <= 3 and not b.sentence_end:
        return "navigation"
    if b.credit and b.words <= CREDIT_MAX_WORDS:
        return "picture credit"  # a caption or its source: the picture is gone from a text page
    if b.stamp and b.words <= 12 and not b.sentence_end:
        return "date stamp"  # "Posted 3 May 2021, 14:02" above a story or a comment: metadata, not prose
    return None


def _mark_author_boxes(blocks: list[Block]) -> None:
    """Mark author-box headings and the box below them, up to its biography.

    The box holds a few short lines (name, links) and ends with the first
    paragraph-length line, the biography; what follows is the page again.
    """
    for i, b in enumerate(blocks):
        if not lex.AUTHOR_HEAD.match(b.text):
            continue
        b.reason = b.reason or "author box"
        for c in blocks[i + 1:i + 1 + AUTHOR_BOX_LINES]:
            c.reason = c.reason or "author box"
            if c.words >= 12:
                break


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
    if b.words >= 4 and b.stop_ratio >= 0.3 and b.text.rstrip().endswith(":") and not b.ui_weak:
        # A short sentence ending in a colon ("You can use this code:") leads
        # into what follows (a list, a quote, a snippet): the story's own
        # voice, unlike a label, which has few function words.
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
        return 1.0 + min(b.chars, 1200) / CHARS_PER_POINT
    return HARD_BAD_COST if b.reason else SOFT_BAD_COST


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
    cut = next((i for i in range(start + 1, len(blocks)) if lex.COMMENTS_HEAD.match(blocks[i].text)), None)
    if cut is None:
        return windows
    return [(a, min(z, cut - 1)) for a, z in windows if a < cut]


def _is_bio(blocks: list[Block], i: int, inward: int) -> bool:
    """A person's introduction set apart from the story by a non-prose line.

    The box has its own heading, picture credit or links; a blurb running
    straight on from the paragraphs beside it is the story talking about
    someone (or an "about" page introducing its owner).
    """
    j = i + inward
    return bool(lex.BIO.search(blocks[i].text)) and not (0 <= j < len(blocks) and blocks[j].cls == GOOD)


def _trim_bios(blocks: list[Block], windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop a paragraph introducing a person from either end of each run.

    An author box or an "about me" blurb ("Jane Roe is a senior writer at
    ...", "Hi, I'm Sam") is prose and often sits right above or below the
    story, so the run of prose swallows it. Inside the story such a sentence
    is reporting; only at the run's edge is it the box. The main run keeps a
    blurb that is all it has (an "about" page).
    """
    out = []
    for n, (a, z) in enumerate(windows):
        good = [i for i in range(a, z + 1) if blocks[i].cls == GOOD]
        if good and _is_bio(blocks, good[-1], -1) and (n or len(good) > 1):
            blocks[good[-1]].cls, blocks[good[-1]].reason = BAD, "author bio"
            z = good.pop() - 1
        if good and _is_bio(blocks, good[0], 1) and (n or len(good) > 1):
            blocks[good[0]].cls, blocks[good[0]].reason = BAD, "author bio"
            a = good.pop(0) + 1
        if good:
            out.append((a, z))
    return out


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
    if text.count("\n") >= MAX_LINES:
        return CleanResult(text=text.strip(), format="text")
    spans = _line_spans(text)
    stops = meta.stoplist_for(text)
    blocks = [features(text[s:e], i, stops, line_key(text[s:e])) for i, (s, e) in enumerate(spans) if text[s:e].strip()]
    if not blocks:
        return CleanResult(text="", format="text")
    page_counts = Counter(b.key for b in blocks)
    shared = _shared_with_outlet(blocks, repeated, siblings)
    for b in blocks:
        b.reason = _hard_bad(b, page_counts, shared)
    _mark_author_boxes(blocks)
    for b in blocks:
        b.cls = _initial_class(b)
    _revise(blocks)
    windows = _trim_bios(blocks, _cut_at_comments(blocks, _windows(blocks)))
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
