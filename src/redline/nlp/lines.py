"""Line breaks are boundaries: no sentence and no entity runs across a paragraph break.

spaCy's small model reads "Coastal Ledger" (a headline's last words) and
"Northwind Holdings" (the body's first) as one organisation across the blank
line between them, and lets a sentence run from a headline into the body, so
that evidence sentences and quotes straddle paragraphs. Two components fix
that before anything reads the parse:

- ``paragraph_breaks`` (before the parser, which keeps sentence starts that
  are already set) starts a sentence after every blank line, and after a single
  line break unless the line is plainly hard-wrapped prose: the line before ends
  without closing punctuation and the next begins in lower case ("... the
  council\\nvoted on Tuesday").
- ``entity_line_cuts`` (after the named-entity recogniser) cuts an entity at
  a line break into its parts, each with the entity's label.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Span

_CLOSERS = frozenset({".", "!", "?", ":", ";", '"', "\u201d", "\u2019", "'", ")", "]"})


def _breaks(tok) -> bool:
    return tok.is_space and "\n" in tok.text


def _wrapped(doc, i: int) -> bool:
    """Whether the line break at token ``i`` sits inside a hard-wrapped sentence."""
    if "\n" in doc[i].text.replace("\r", "").replace("\n", "", 1):
        return False  # a blank line
    before = next((t for t in reversed(doc[:i]) if not t.is_space), None)
    after = next((t for t in doc[i + 1:] if not t.is_space), None)
    if before is None or after is None:
        return False
    return before.text not in _CLOSERS and after.text[:1].islower()


@Language.component("paragraph_breaks")
def line_breaks(doc):
    for i, tok in enumerate(doc):
        if i + 1 < len(doc) and _breaks(tok) and not _wrapped(doc, i):
            nxt = next((t for t in doc[i + 1:] if not t.is_space), None)
            if nxt is not None:
                nxt.is_sent_start = True
                tok.is_sent_start = False  # the break ends the line before
    return doc


@Language.component("entity_line_cuts")
def entity_lines(doc):
    if not any(_breaks(t) for e in doc.ents for t in e):
        return doc
    ents = []
    for e in doc.ents:
        start = e.start
        for t in e:
            if _breaks(t):
                if t.i > start:
                    ents.append(Span(doc, start, t.i, label=e.label_))
                start = t.i + 1
        if start < e.end:
            ents.append(Span(doc, start, e.end, label=e.label_))
    doc.ents = [s for s in ents if not all(t.is_space for t in s)]
    return doc


def add_line_boundaries(nlp) -> None:
    """Add both components to a loaded model (where it has a parser and a recogniser)."""
    names = nlp.pipe_names
    if "paragraph_breaks" not in names and "parser" in names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    if "entity_line_cuts" not in names and "ner" in names:
        nlp.add_pipe("entity_line_cuts", after="ner")
