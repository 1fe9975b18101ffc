"""Quotes and their speakers: direct, mixed and indirect speech.

A quote is what someone said or wrote. ``extract_quotes(doc, entities)`` reads
an already-parsed spaCy ``Doc``:

1. Quote marks are paired over the raw text by ``parse.scan_quote_marks``,
   a small state machine, not sentence by sentence (a quote can span
   sentences). Unbalanced marks are tolerated; titles are no quotes.
2. Each quoted span that reads like an utterance looks for a cue verb just
   after its closing mark (",” she said") or just before its opening mark ("He
   said: “...") (``direct``). A quoted fragment in a reported clause ("The fleet
   “is the main reason,” said Y") is a direct quote of the words in the marks.
3. Every other cue with a message gives an indirect quote (``indirect``): "Y
   said the talks would go on", "according to Y, ...", "Y vowed to retaliate".
   ``cues.makes_quote`` leaves out what is no message: beliefs, knowledge,
   decisions, expectations, judgements of a thing ("criticized the levy"),
   noun phrases and topics ("confirmed the approval", "spoke about it").
4. Quotes without a cue that stand on their own (a paragraph that is only a
   quote, or the second half of "“A,” he said. “B.”") float: they take the
   previous quote's speaker in the passage, or, run on into the next
   paragraph, the speaker where they end.
5. Transcript labels ("KERN: ..."), headline colons ("Poll: ..."), a noun
   phrase before a colon ("From the audit: “…") and sign-offs ("…” — Ivo
   Kern") name the speaker of a quote without a cue (``names``).

Speakers are resolved in ``speakers`` and ``pronouns``; ``Quote.how`` tells
how. An outlet that carried the words is the quote's ``channel``
(``channels``), never its speaker. A quote the article gives no speaker for is
left out. ``Quote.confidence`` is the measured precision of quotes found the
same way (``confidence``). ``Quote.text`` is the content inside the marks for
a direct quote and the reported clause for indirect speech (its complementizer
"that" included, as attribution corpora mark it), never cut inside a word.
"""
from __future__ import annotations

from ...records import EntityTable, Quote
from .article import Article, Draft, inside, overlaps
from .channels import channel_of
from .confidence import confidence
from .cues import cue_class
from .direct import colon_intro, governor, head_cue, is_title, mixed_clause, stands_alone, tail_cue, utterance_like
from .indirect import indirect_drafts
from .names import colon_name, sign_off, speaker_label
from .parse import QuoteSpan, is_cue, is_speech_token, scan_quote_marks
from .speakers import SpeakerResolver, floating, true_passive

__all__ = ["extract_quotes", "is_cue", "is_speech_token", "scan_quote_marks"]

_EMBEDDED_MIN = 6  # words of a quoted stretch inside narrative that make it someone's words
# Passive cues whose subject heard the words ("Kern was told that ..."); "was accused of", "is
# said to be" make their subject the topic, and with no speaker that is no quote.
_HEARER_PASSIVES = frozenset({"tell", "inform", "assure", "warn", "advise", "remind", "brief", "promise"})


def extract_quotes(doc, entities: EntityTable) -> list[Quote]:
    """Direct, mixed and indirect quotes of a parsed doc, with resolved speakers."""
    art = Article(doc)
    spans = [s for s in scan_quote_marks(art.text) if utterance_like(art, s)]
    drafts: list[Draft] = []
    claimed: dict[int, Draft] = {}
    loose: list[QuoteSpan] = []
    for span in spans:
        cue = tail_cue(art, span) or head_cue(art, span) or colon_intro(art, span)
        if cue is None:
            loose.append(span)
            continue
        # A quoted fragment in a reported clause ("Kern said the plan “is dead”")
        # is a direct quote of the quoted words only: the rest is the writer's.
        d = Draft(span.start, span.end, True, cue, clause=mixed_clause(art, cue, span))
        drafts.append(d)
        claimed.setdefault(cue.i, d)
    direct_spans = [(d.start, d.end) for d in drafts]
    indirect = indirect_drafts(art, claimed, direct_spans, [(s.start, s.end) for s in spans])
    drafts += indirect
    covered = sorted((d.start, d.end) for d in indirect)
    for span in loose:
        if inside(covered, span.start, span.end) or any(
                not art.words(span.start, s) and not art.words(e, span.end) for s, e in covered if s < span.end and span.start < e):
            continue  # part of a mixed indirect quote (all its words inside the reported clause)
        if stands_alone(art, span) or colon_name(art, span) is not None:
            drafts.append(_loose_draft(art, entities, span))
        elif art.words(span.start, span.end) >= _EMBEDDED_MIN and not is_title(art, span):
            # A long quoted stretch inside a narrative sentence ("Kern vowed
            # to “...”"): someone's words, spoken by the sentence's subject.
            drafts.append(Draft(span.start, span.end, True, governor(art, span), evidence="embedded"))
    drafts += _transcript_drafts(art, entities, [(d.start, d.end) for d in drafts])
    drafts.sort(key=lambda d: d.start)
    _resolve(art, entities, drafts)
    kept = [d for d in drafts if _attributed(d)]
    return [_to_quote(n, art, d) for n, d in enumerate(kept, 1)]


def _attributed(d: Draft) -> bool:
    """A quote is a record of who said what: one whose speaker the article never gives is left
    out, but for a passive cue ("Kern was told that ..."), which says someone unnamed spoke."""
    if d.speaker is not None:
        return True
    return d.cue is not None and not d.direct and true_passive(d.cue) and d.cue.lemma_.lower() in _HEARER_PASSIVES


def _loose_draft(art: Article, entities: EntityTable, span: QuoteSpan) -> Draft:
    """A quote with no cue: named by a transcript label or a sign-off, or floating."""
    label = speaker_label(art, entities, span.start)
    if label:
        return Draft(label.end(), span.end, True, None, name=label.span(1), evidence="label")
    named = colon_name(art, span)
    if named is not None:
        return Draft(span.start, span.end, True, None, name=named, evidence="label")
    if span.close is not None:
        dash = sign_off(art.text, span.close + 1)
        if dash:
            return Draft(span.start, span.end, True, None, name=dash, evidence="label")
    return Draft(span.start, span.end, True, None, floating=True, runs_on=span.close is None)


def _transcript_drafts(art: Article, entities: EntityTable, taken: list[tuple[int, int]]) -> list[Draft]:
    """Unquoted transcript paragraphs, "KERN: We will not ...", as direct quotes of the label."""
    out = []
    taken = sorted(taken)
    for p in art.para_starts:
        label = speaker_label(art, entities, p)
        if not label or art.text[p] in "“\"":
            continue
        end = art.text.find("\n", p)
        end = len(art.text) if end < 0 else end
        while end > label.end() and art.text[end - 1].isspace():
            end -= 1
        if end > label.end() and not overlaps(taken, label.end(), end):
            # A transcript line is the speaker's own words, set off by the label
            # as quotation marks would; a headline's lead-in ("Poll: Kern Leads")
            # heads a summary, which is no direct quote.
            direct = art.para(p) > 0 or label.group(1).isupper()
            out.append(Draft(label.end(), end, direct, None, name=label.span(1), evidence="label"))
    return out


def _pieces(d: Draft) -> list[tuple[int, int]]:
    """The content of a draft without the attribution set inside it ("The talks, Kern said, will go on")."""
    cue = d.cue
    if d.direct:
        return [d.clause or (d.start, d.end)]  # a quoted fragment's whole reported clause is content
    if cue is None or not d.start <= cue.idx < d.end:
        return [(d.start, d.end)]
    lo, hi = cue.left_edge, cue.right_edge
    return [(d.start, lo.idx), (hi.idx + len(hi), d.end)]


def _resolve(art: Article, entities: EntityTable, drafts: list[Draft]) -> None:
    resolver = SpeakerResolver(art.doc, entities, [p for d in drafts for p in _pieces(d)])
    previous: Draft | None = None
    for d in drafts:
        if d.name is not None:
            d.speaker = resolver.resolve_name(*d.name)
        elif d.said_by is not None:
            d.speaker = resolver.from_cue(d.said_by)
            if d.speaker is None or d.speaker.entity_id is None:
                d.speaker, d.channel = resolver.from_cue(d.cue), None  # no person there: the outlet says it
            elif d.start <= d.speaker.start < d.end:
                # The speaker opens the clause: the quote is what follows ("expects the economy to shrink").
                d.start = d.speaker.end
                while d.start < d.end and not art.text[d.start].isalnum():
                    d.start += 1
        elif d.cue is not None:
            # A parenthetical cue's subject sits inside the content's hull: no misparse to guard against.
            inside = len(_pieces(d)) > 1
            d.speaker = resolver.from_cue(d.cue, None if inside else (d.start, d.end))
            if d.speaker is not None:
                resolver.remember(d.speaker)
        elif previous is not None and previous.speaker is not None and art.para(previous.end) >= art.para(d.start) - 1:
            d.speaker = floating(previous.speaker)
            if art.para(previous.end) == art.para(d.start):
                d.cue = previous.cue  # the second half of a quote split around its cue
        if d.direct:
            previous = d
        elif d.speaker is not None:
            previous = d
    _run_on_speakers(art, drafts)


def _run_on_speakers(art: Article, drafts: list[Draft]) -> None:
    """A quote that runs on into the next paragraph (no closing mark; the next one opens with a
    fresh mark) is attributed where it ends: "“We will not cut the quota.\n“Nor will we raise
    it,” Kern said." A floating quote with no speaker before it takes the next one's."""
    for k in range(len(drafts) - 2, -1, -1):
        d, nxt = drafts[k], drafts[k + 1]
        if d.speaker is None and d.floating and d.runs_on and nxt.direct and nxt.speaker is not None \
                and art.para(nxt.start) == art.para(d.end) + 1:
            d.speaker = floating(nxt.speaker)


def _to_quote(n: int, art: Article, d: Draft) -> Quote:
    cue, sp = d.cue, d.speaker
    cue_text = cue_start = cue_end = None
    if cue is not None:
        cue_start, cue_end = cue.idx, cue.idx + len(cue)
        prt = [c for c in cue.children if c.dep_ == "prt" or (cue.lower_ == "according" and c.lower_ == "to")]
        if prt:
            cue_end = max(cue_end, max(c.idx + len(c) for c in prt))
        cue_text = art.text[cue_start:cue_end]
    start, end = (d.start, d.end) if d.direct else _whole_words(art.text, d.start, d.end)
    channel = d.channel
    if channel is None and cue is not None:
        head = art.doc.char_span(sp.start, sp.end, alignment_mode="expand") if sp else None
        channel = channel_of(cue, (start, end), head.root if head is not None and len(head) else None)
    if channel is not None and sp is not None and channel[0] < sp.end and sp.start < channel[1]:
        channel = None  # the outlet is the speaker here ("the Dispatch reported that ...")
    how = ("floating" if d.floating else sp.how) if sp else None
    cls = d.evidence or (cue_class(cue) if cue is not None else "none")
    return Quote(
        id=f"q{n}", text=art.text[start:end], start=start, end=end, direct=d.direct,
        cue=cue_text, cue_start=cue_start, cue_end=cue_end,
        speaker_text=sp.text if sp else None, speaker_start=sp.start if sp else None,
        speaker_end=sp.end if sp else None, speaker_id=sp.entity_id if sp else None, how=how,
        channel=art.text[channel[0]:channel[1]] if channel else None,
        channel_start=channel[0] if channel else None, channel_end=channel[1] if channel else None,
        cue_class=cls, confidence=confidence(how, d.direct, cls),
    )


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` so that it cuts no word: the parser splits "U-turn" into three
    tokens, and a span ending on "U" would print "his U"."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text):
        if text[end].isalnum() and text[end - 1].isalnum():
            end += 1
        elif text[end] in "-'’" and text[end - 1].isalnum() and end + 1 < len(text) and text[end + 1].isalnum():
            end += 2
        else:
            break
    return start, end
