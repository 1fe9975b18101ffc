"""Speakers named without a cue verb: transcript labels, headline colons, sign-offs.

- ``speaker_label``: "KERN: We will not ..." opening a paragraph, or in the
  headline any short lead-in before a colon ("Poll: Kern Leads").
- ``colon_name``: a verbless noun phrase before a colon and a quote
  ("From the audit: “...”").
- ``sign_off``: a name after a dash following a quote ("…” — Ivo Kern").

``art`` is ``quotes._Article``: the doc with its text, paragraph and token look-ups.
"""
from __future__ import annotations

import re

from ...records import EntityTable
from .parse import QuoteSpan, is_boundary

# A transcript speaker label opening a paragraph: "KERN: We will not ...", or a
# headline's "Kern: Talks Are Over". Mixed-case labels must be an entity mention
# ("Update:" and "Photo:" are not speakers).
_LABEL_RE = re.compile(r"[“\"]?([A-Z][\w.'’\-]*(?:[ \t][A-Z][\w.'’\-]*){0,4}):[ \t]+(?=\S)")
_HEADLINE_RE = re.compile(r"[“\"]?([A-Z][^:\n“”\"]{0,80}?[\w.)]):[ \t]+(?=\S)")
# A sign-off after a quote: "… end of story.” — Ivo Kern, Borvia"
_DASH_RE = re.compile(r"[^\S\n]*[—–―-]{1,2}[^\S\n]*([A-Z][\w.'’\-]*(?:[^\S\n]+[A-Z][\w.'’\-]*)*[\w'’])")


def speaker_label(art, entities: EntityTable, at: int):
    """A speaker label at ``at``: all capitals, or a named entity's mention.

    In the headline any short lead-in counts: "Kern: Talks Are Over", "Poll:
    Kern Leads", "Kern to Vellin: We Will Not Yield" (a headline colon
    attributes what follows).
    """
    if art.para(at) == 0:
        head = _HEADLINE_RE.match(art.text, at)
        if head and len(head.group(1).split()) <= 8 and not re.search(r"[.!?] ", head.group(1)):
            return head
    m = _LABEL_RE.match(art.text, at)
    if not m:
        return None
    name = m.group(1)
    if name.isupper() and len(name) > 1:
        return m
    s, e = m.span(1)
    if any(x.start <= s and e <= x.end for x in entities.mentions_in(s, e)
           if (ent := entities.get(x.entity_id)) is not None and ent.type in ("PERSON", "ORG", "NORP")):
        return m
    return None


def colon_name(art, span: QuoteSpan) -> tuple[int, int] | None:
    """A noun phrase with no verb introducing a quote: "Ivo Kern: “…" or "From the report: “…"."""
    gap = art.text[:span.open].rstrip()
    if not gap.endswith(":"):
        return None
    doc = art.doc
    end = art.tok_at(len(gap) - 1) - 1
    lo = end
    while lo >= 0 and end - lo < 10 and not is_boundary(doc[lo]) and doc[lo].text not in (",", ";", "-", "–", "—"):
        if doc[lo].pos_ in ("VERB", "AUX"):
            return None
        lo -= 1
    lo += 1
    while lo <= end and doc[lo].pos_ in ("ADP", "CCONJ", "PUNCT", "SPACE"):
        lo += 1  # "From the report:"
    if lo > end or doc[end].pos_ not in ("NOUN", "PROPN"):
        return None
    return doc[lo].idx, doc[end].idx + len(doc[end])


def sign_off(text: str, at: int) -> tuple[int, int] | None:
    """The name in a dash sign-off starting at ``at``, just after a closing mark."""
    m = _DASH_RE.match(text, at)
    return m.span(1) if m else None
