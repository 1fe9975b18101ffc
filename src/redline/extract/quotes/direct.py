"""Cues of direct quotes: the verb of saying after a quote, before it, or a clause with a colon.

- ``tail_cue``: ",” she said", ",” said Ivo Kern", ",” Kern snapped";
- ``head_cue``: "He said: “…", "She said that the war “…";
- ``colon_intro``: "Kern put it bluntly: “…";
- ``governor``: the subject's verb of a long quoted stretch inside narrative;
- ``mixed_clause``: the reported clause around a quoted fragment ("Kern said
  the plan “is dead”"), which is the writer's words around the speaker's.

A verb of believing or judging is no cue of a direct quote ("“…,” he
believes" glosses words said elsewhere): ``cues.direct_cue``.
"""
from __future__ import annotations

from .article import WORD_RE, Article
from .cues import cue_class, direct_cue
from .parse import QuoteSpan, is_boundary, is_cue, trim_span

_WINDOW = 30  # tokens searched for a cue on either side of a quote
_TAIL_CUE_MAX = 12  # "…,” Ivo Kern, the Borvian foreign minister, told reporters": cue within 12 tokens


def tail_cue(art: Article, span: QuoteSpan):
    """A cue verb right after the closing mark: "…,” she said" / "…,” said Ivo Kern".

    Any verb will do in the tight pattern "…,” NAME VERB" / "…,” VERB NAME"
    ("…,” Kern snapped"): manner-of-speaking verbs are too many to list. A
    listed cue may sit further off, after a long apposition, when its subject
    starts at the mark.
    """
    if span.close is None:
        return None
    doc = art.doc
    i = art.tok_at(span.close + 1)
    last = _last_char(art.text, span)
    if i < len(doc) and doc[i].text in (".", "!", "?") and last not in ",—–-":
        return None  # the sentence ended after the mark
    open_ended = last in ",?!—–-…"
    for j in range(i, min(len(doc), i + _WINDOW)):
        tok = doc[j]
        if is_boundary(tok) or tok.text == "(":
            return None  # a parenthesis opens an aside: “great heart.” (That said, she noted ...
        tight = open_ended and j - i <= 2  # "…,” he said, adding that ...": the cue at the mark is this quote's
        if tok.pos_ != "VERB" and not is_cue(tok) or not tight and _owns_other_content(tok, span):
            continue
        if not direct_cue(tok):
            if _in_relative(tok):
                continue  # "…,” Kern, who has not endorsed anyone, told reporters"
            return None  # "“…,” he believes": a gloss on words said elsewhere
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        subj_at_mark = subj is not None and subj.left_edge.i <= i + 1
        if is_cue(tok) and not open_ended and not (j == i or subj_at_mark):
            return None  # “… colleagues.” At the same time, the aide added: the sentence ended at the mark
        if is_cue(tok) and (j < i + _TAIL_CUE_MAX or subj_at_mark):
            return tok
        if art.words(span.start, span.end) < 4:
            continue  # “law and order candidate,” Kern has taken: a short phrase needs a listed verb
        if open_ended and (subj_at_mark and subj.i < tok.i or j == i and subj is not None):
            return tok
        if open_ended and tok.pos_ == "VERB" and _name_between(doc, i, j):
            return tok  # "…,” Kern barked": the parser may take the name for a compound, not the subject
    return None


def _in_relative(tok) -> bool:
    """Whether a verb sits in a relative clause or apposition hung on a noun (the speaker's)."""
    t = tok
    for _ in range(4):
        if t.dep_ in ("relcl", "acl", "appos"):
            return True
        if t.head is t:
            return False
        t = t.head
    return False


def _name_between(doc, i: int, j: int) -> bool:
    """Whether tokens ``i`` to ``j`` (exclusive) are one short proper name."""
    return 0 < j - i <= 4 and all(doc[k].pos_ == "PROPN" for k in range(i, j))


def _owns_other_content(cue, span: QuoteSpan) -> bool:
    """A cue with its own complement clause after it reports something else.

    A quoted title after a noun ("said on the podcast “Here's the Thing”") is
    often misparsed as the cue's complement; it is no reported clause.
    """
    doc = cue.doc

    def titled(c) -> bool:
        lo = c.left_edge.i
        return doc[lo].is_quote and lo > 0 and doc[lo - 1].pos_ in ("NOUN", "PROPN") and lo - 1 != cue.i

    def same_utterance(c) -> bool:
        # "“A,” Kern said, “B.”": the complement is the quote's second half, not other
        # content; nor is a quote in the next paragraph, where the parse ran on.
        return any(t.is_quote or "\n" in t.text for t in doc[cue.i:c.left_edge.i + 1])

    return any(c.dep_ == "ccomp" and c.idx > cue.idx and c.idx >= span.end and not titled(c) and not same_utterance(c)
               for c in cue.children)


def head_cue(art: Article, span: QuoteSpan):
    """A cue verb before the opening mark: "He said: “…" or "She said that the war “…"."""
    doc = art.doc
    i = art.tok_at(span.open) - 1
    gap = art.text[:span.open].rstrip()
    lead = gap[-1:] if gap else ""
    if lead == ":":
        # "Stated Kern:\n\n“…": a colon carries the cue across the paragraph break.
        while i >= 0 and (doc[i].is_space or doc[i].text == ":"):
            i -= 1
    stop = max(-1, i - _WINDOW)
    for j in range(i, stop, -1):
        tok = doc[j]
        if is_boundary(tok):
            return None
        if not is_cue(tok):
            continue
        if not direct_cue(tok):
            return None
        near = (span.open - (tok.idx + len(tok))) <= 2  # "said “…"
        governs = any(c.dep_ == "ccomp" and c.left_edge.idx <= span.open <= c.right_edge.idx + len(c.right_edge)
                      for c in tok.children)
        if lead in (":", ",") or near or governs:
            return tok
        return None
    return None


def colon_intro(art: Article, span: QuoteSpan):
    """The verb of a clause that introduces a quote with a colon: "Kern put it bluntly: “…"."""
    gap = art.text[:span.open].rstrip()
    if not gap.endswith(":"):
        return None
    doc = art.doc
    i = art.tok_at(len(gap) - 1) - 1
    for j in range(i, max(-1, i - _WINDOW), -1):
        tok = doc[j]
        if is_boundary(tok) or tok.text in ("-", "–", "—", "--", ";"):
            return None  # "… were there all along - More from the pollsters:": another clause's verb
        if tok.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            return tok
    return None


def mixed_clause(art: Article, cue, span: QuoteSpan) -> tuple[int, int] | None:
    """The reported clause around a quoted fragment: "Kern said the plan “is dead”".

    The quote is the fragment (the words in the marks); the clause is kept to
    tell the speaker's words from names the writer put around them: a name in
    it is no antecedent of a later "he".
    """
    if cue.pos_ == "NOUN" or cue.lower_ == "according":
        return None
    close = span.close if span.close is not None else span.end
    for comp in cue.children:
        if comp.dep_ != "ccomp":
            continue
        bounds = trim_span(art.doc, comp.left_edge.i, comp.right_edge.i + 1, 1)
        if bounds is None:
            continue
        lo, hi = art.doc[bounds[0]].idx, art.doc[bounds[1] - 1].idx + len(art.doc[bounds[1] - 1])
        if not (lo <= span.open and close <= hi + 1) or art.para(lo) != art.para(hi - 1):
            continue
        if art.words(lo, span.open) + art.words(close, hi) >= 1:
            return lo, max(hi, span.end)
    return None


def governor(art: Article, span: QuoteSpan):
    """The nearest verb with a subject, outside a quoted stretch, that governs it, when it is one
    that reports words ("vowed to “…”", "called it “…”"): a copula, "have" or a verb of
    believing governs a phrase the writer quotes, not someone's words."""
    doc = art.doc
    tok = doc[art.tok_at(span.start)]
    close = span.close if span.close is not None else span.end
    for _ in range(8):
        if not span.open <= tok.idx <= close and tok.pos_ in ("VERB", "AUX") \
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            lemma = tok.lemma_.lower()
            if lemma in ("be", "have") or cue_class(tok) == "cognition":
                return None
            subj = next(c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass"))
            # A listed cue, a named subject ("Kern shared ... “…”", "as Kern puts it, “…”"), or a sign.
            return tok if is_cue(tok) or subj.pos_ == "PROPN" or _holds_a_message(tok) else None
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _holds_a_message(verb) -> bool:
    """"waved a banner reading “…”": the object is a sign, a letter or a post with the words."""
    return any(c.dep_ == "dobj" and any(g.dep_ == "acl" and is_cue(g) or g.lemma_.lower() in ("read", "say")
                                        for g in c.children) for c in verb.children)


def utterance_like(art: Article, span: QuoteSpan) -> bool:
    """Scare quotes and titles (“red line”) are not quotes; a few words with final punctuation may be."""
    n = art.words(span.start, span.end)
    if n >= 2 and is_title(art, span):
        return False  # “The Apprentice,” “Bathroom Bill,”: a title, not someone's words
    return n >= 4 or (n >= 1 and _last_char(art.text, span) in ",.!?…")


def _last_char(text: str, span: QuoteSpan) -> str:
    """The quote's last character before any inner closing marks ("… ‘the comeback,'” the article read")."""
    e = span.end
    while e > span.start + 1 and text[e - 1] in "'’\"”»":
        e -= 1
    return text[e - 1]


def is_title(art: Article, span: QuoteSpan) -> bool:
    """A quoted book, film or report title ("a co-author of “Those Guys Have All the Fun”"):
    most of its words capitalized, which no sentence of speech has."""
    words = WORD_RE.findall(art.text, span.start, span.end)
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def stands_alone(art: Article, span: QuoteSpan) -> bool:
    """A quote that is most of its sentence, not a phrase inside a narrative sentence."""
    text = art.text
    before = text[max(art.para_starts[art.para(span.open)], span.open - 300):span.open]
    cut = max(before.rfind(". "), before.rfind("? "), before.rfind("! "), before.rfind("” "), before.rfind('" '),
              before.rfind("'' ") + 1)
    lead = before[cut + 1:] if cut >= 0 else before
    return len(lead.strip()) <= 3
