"""Who said it: resolve the speaker of a quote from its cue word.

The speaker is found, in order of preference, through

- ``named``: the subject of the cue is (or contains) an entity mention;
- ``apposition``: the subject is a role noun whose apposition names the
  person ("the Borvian spokesman, Ivo Kern"), or the name carries an
  apposition ("Ivo Kern, the Borvian spokesman, told reporters");
- ``pronoun``: "he said" / "she said" goes to the person it repeats, by
  ``pronouns.Antecedents`` (a subject or speaker in its paragraph first, never
  a name inside a quote);
- ``role``: a role-only subject ("the foreign minister") goes to the person
  the article gives that role title, when it names one;
- ``nominal``: a common-noun subject ("officials", "a source") is reported as
  written, with no entity.

Floating quotes (no cue) are handled by the caller, which copies the
previous quote's speaker.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ...nlp.text import doc_text
from ...records import EntityTable
from ..lexicon.speech import cue_lexicon
from .pronouns import PRONOUN_GENDER, Antecedents

SPEAKER_TYPES = ("PERSON", "ORG", "GPE", "NORP", "FAC")
_SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
# Clause links through which a cue without its own subject inherits its head's:
# "he said, adding that ..." (advcl), "she said and warned ..." (conj).
_INHERIT_DEPS = ("conj", "advcl", "xcomp", "ccomp", "pcomp", "prep")
_REL_PRONOUNS = {"who", "which", "that"}
_OBJECT_PRONOUNS = {"me", "us", "him", "them", "whom"}
_DASHES = {"-", "–", "—", "--"}


@dataclass(frozen=True)
class Speaker:
    text: str
    start: int
    end: int
    entity_id: str | None
    how: str


class SpeakerResolver:
    """Resolves speakers for the quotes of one document, in text order.

    ``content_spans`` are the character spans of all quoted content; mentions
    inside them are not candidates for pronouns (a name inside a quote is
    rarely the one who speaks).
    """

    def __init__(self, doc, entities: EntityTable, content_spans: list[tuple[int, int]]):
        self.doc = doc
        self.text = doc_text(doc)
        self.entities = entities
        self.antecedents = Antecedents(doc, entities, content_spans)

    # -- public ---------------------------------------------------------------
    def from_cue(self, cue, exclude: tuple[int, int] | None = None) -> Speaker | None:
        """The speaker of the utterance introduced by the cue token ``cue``."""
        subj = self.subject_of(cue)
        if exclude is not None and self._misparsed(cue, subj, exclude):
            # The parser took the quote itself for the subject, or found none:
            # take the name written between the quote and the cue, or after the cue.
            subj = self._positional_subject(cue, exclude)
        if subj is None:
            return None
        owner = next((c for c in subj.children if c.dep_ == "poss"), None)
        if owner is not None and subj.pos_ == "NOUN" and subj.lemma_.lower() in cue_lexicon().channels:
            subj = owner  # "Kern's statement said ...": the owner speaks, as attribution corpora mark it
        if subj.lower_ in _REL_PRONOUNS and subj.head.dep_ == "relcl" and subj.head.head.pos_ in ("PROPN", "NOUN"):
            # "Ivo Kern, who said ...": the words naming the speaker are "who";
            # the entity is the noun the clause hangs on.
            ante = _predicated(subj.head.head)
            found = self.resolve_phrase(ante, self._phrase(ante, exclude))
            return Speaker(subj.text, subj.idx, subj.idx + len(subj), found.entity_id, found.how)
        head, span = self._last_line(subj, self._phrase(subj, exclude))
        if not any(t.is_alpha for t in self.doc[span[0]:span[1]]):
            return None  # a stray mark or symbol parsed as the subject names nobody
        return self.resolve_phrase(head, span)

    def _last_line(self, head, span: tuple[int, int]):
        """Keep the line of the phrase nearest the cue: a dateline or headline above is not the speaker.

        A dateline on the same line ("VELLIN (Wire) – Ivo Kern said") is cut at its dash.
        """
        lo, hi = span
        breaks = [t.i for t in self.doc[lo:hi] if "\n" in t.text or self._dateline_dash(t, lo)]
        if not breaks:
            return head, span
        lo = breaks[-1] + 1
        while lo < hi and (self.doc[lo].is_space or self.doc[lo].is_punct):
            lo += 1
        if lo >= hi:
            return head, span
        if not lo <= head.i < hi:
            head = next((t for t in self.doc[lo:hi] if not lo <= t.head.i < hi or t.head is t), self.doc[lo])
        return head, (lo, hi)

    def _dateline_dash(self, tok, lo: int) -> bool:
        """The dash closing a dateline, "VELLIN (Wire) – ...": what precedes it is no speaker."""
        return tok.text in _DASHES and tok.i > lo and self.doc[tok.i - 1].text == ")"

    def resolve_phrase(self, head, span: tuple[int, int]) -> Speaker:
        """Resolve the noun phrase ``span`` (token indices) whose head is ``head``."""
        doc = self.doc
        start, end = doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1])
        text = self.text[start:end]
        if head.pos_ == "PRON" or head.lower_ in PRONOUN_GENDER:
            return self._pronoun(head)
        # The name itself, then a name in apposition, then any name in the phrase.
        hs, he = head.idx, head.idx + len(head)
        e = self.entities.entity_at(hs, he, SPEAKER_TYPES)
        if e is not None:
            how = "apposition" if any(c.dep_ == "appos" for c in head.children) else "named"
            return Speaker(text, start, end, e.id, how)
        for child in head.children:
            if child.dep_ == "appos":
                a = child.left_edge.idx, child.right_edge.idx + len(child.right_edge)
                e = self.entities.entity_at(*a, ("PERSON",)) or self.entities.entity_at(*a, SPEAKER_TYPES)
                if e is not None:
                    return Speaker(text, start, end, e.id, "apposition")
        holder = self._role_holder(head, start, end)
        if holder is not None:
            return Speaker(text, start, end, holder, "role")
        if head.pos_ == "PROPN":
            # A proper-noun head the NER cut short ("Sen. Kern"): a name in the
            # phrase. A common-noun head ("her attacks on Kern") is not named
            # by the names inside its modifiers.
            e = self.entities.entity_at(start, end, ("PERSON",)) or self.entities.entity_at(start, end, SPEAKER_TYPES)
            if e is not None:
                return Speaker(text, start, end, e.id, "named")
            eid = self._by_surname(head)
            if eid is not None:
                return Speaker(text, start, end, eid, "named")
        return Speaker(text, start, end, None, "nominal")

    def _by_surname(self, head) -> str | None:
        """A bare name the NER missed ("Kern said") names the person already called "Ivo Kern"."""
        return self._by_surname_text(head.text)

    def _by_surname_text(self, word: str) -> str | None:
        low = word.lower()  # case-blind: transcripts print "KERN:"
        for e in self.entities.entities:
            if e.type == "PERSON" and e.name.split() and (e.name.split()[-1].lower() == low
                                                          or any(a.lower() == low for a in e.aliases)):
                return e.id
        return None

    def resolve_name(self, start: int, end: int) -> Speaker:
        """A speaker given only by a name in the text (a transcript label, a sign-off)."""
        text = self.text[start:end]
        e = self.entities.entity_at(start, end, ("PERSON",)) or self.entities.entity_at(start, end, SPEAKER_TYPES)
        eid = e.id if e is not None else self._by_surname_text(text.split()[-1])
        return Speaker(text, start, end, eid, "named" if eid else "nominal")

    def remember(self, speaker: Speaker) -> None:
        """A quote's speaker becomes a candidate antecedent of later pronouns: a person entity, or
        a person the article does not name ("a spokesman", a name the entity stage missed)."""
        if speaker.entity_id:
            e = self.entities.get(speaker.entity_id)
            if e is not None and e.type == "PERSON":
                self.antecedents.add_speaker(speaker.end, speaker.entity_id)
        elif speaker.how == "nominal":
            span = self.doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
            if span is not None and len(span):
                self.antecedents.add_unnamed(span.root, speaker.end)

    # -- subjects -------------------------------------------------------------
    @staticmethod
    def subject_of(cue):
        """The subject token of a cue verb, following clause links when it has none."""
        if cue.lower_ == "according":
            to = next((c for c in cue.children if c.lower_ == "to"), None)
            obj = next((c for c in (to.children if to is not None else ()) if c.dep_ == "pobj"), None)
            return obj
        if cue.pos_ == "NOUN":
            # "Kern's claim that ...", or "Kern repeated the claim that ...".
            poss = next((c for c in cue.doc[cue.left_edge.i:cue.i] if c.dep_ == "poss"
                         and (c.head is cue or c.head.dep_ == "compound" and c.head.head is cue)), None)
            if poss is not None:
                return poss  # "Flowers' bombshell allegations that ...": her allegations
            if cue.dep_ not in ("dobj", "pobj"):
                return None
            cue = cue.head if cue.dep_ == "dobj" else cue.head.head
        tok = cue
        for _ in range(4):
            # With two subjects (a misparsed dateline, "VELLIN (Wire) – Kern said"), the nearer one speaks.
            subjs = [c for c in tok.children if c.dep_ in _SUBJ_DEPS]
            subj = max((c for c in subjs if c.i < tok.i), key=lambda c: c.i, default=subjs[0] if subjs else None)
            if subj is not None and subj.dep_ == "nsubjpass" and not _has_said(tok):
                # "Ivo was told that ...": the passive subject heard it; the speaker is the agent.
                agent = next((c for c in tok.children if c.dep_ == "agent"), None)
                return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if subj is not None and (tok is cue or subj.lower_ not in ("it", "this", "that")):
                return subj
            if subj is not None:
                # "Gore insisted it was premature, while adding ...": the clause the cue hangs
                # on has a dummy subject; the speaker is further up.
                if tok.dep_ not in _INHERIT_DEPS or tok.head is tok:
                    return None
                tok = tok.head
                continue
            if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("PROPN", "NOUN"):
                return tok.head  # "sources saying ...", "officials who said ..."
            if tok.dep_ not in _INHERIT_DEPS or tok.head is tok:
                return None
            tok = tok.head
        return None

    @staticmethod
    def _misparsed(cue, subj, exclude: tuple[int, int]) -> bool:
        if subj is not None:
            return exclude[0] <= subj.idx < exclude[1]
        # "Kern was told that ...": a passive cue names no speaker; that is not a misparse.
        return not true_passive(cue)

    def _positional_subject(self, cue, exclude: tuple[int, int]):
        doc = self.doc
        if cue.idx >= exclude[1]:
            lo, hi = cue.i, cue.i
            while lo > 0 and doc[lo - 1].idx >= exclude[1]:
                lo -= 1
            if hi - lo > 45:  # "…,” Kern, (a long apposition), said"
                return None
            rng = list(range(lo, hi)) + list(range(cue.i + 1, min(len(doc), cue.i + 4)))
        else:
            rng = list(range(cue.i - 1, max(-1, cue.i - 6), -1))
        for j in rng:
            t = doc[j]
            if t.lower_ in _OBJECT_PRONOUNS:
                continue  # "tell us to go": the hearer, never the one who speaks
            if t.pos_ in ("PROPN", "PRON") and not exclude[0] <= t.idx < exclude[1]:
                while t.dep_ in ("compound", "flat") and t.head.i > t.i and t.head.pos_ == "PROPN":
                    t = t.head
                return t
        return None

    def _phrase(self, head, exclude: tuple[int, int] | None) -> tuple[int, int]:
        """Token span of the speaker phrase: the subject's subtree, commas trimmed.

        Gold attribution corpora mark the whole noun phrase, appositions
        included; when the subtree runs into the quote (a misparse), fall back to
        the head and its left modifiers.
        """
        if head.pos_ == "PRON":
            return head.i, head.i + 1
        lo, hi = head.left_edge.i, head.right_edge.i + 1
        # Clauses hung on the name ("Kern, speaking to reporters,") are not
        # part of it. (Relative clauses are: PolNeAR's annotators mostly keep
        # "Kern, who leads the party," whole.)
        for child in head.children:
            if child.i > head.i and child.dep_ in ("acl", "advcl") and child.left_edge.i < hi:
                hi = child.left_edge.i
        # A dateline or a previous line can sit in the subtree across a line
        # break, or before a dash: "VELLIN (Wire) – Ivo Kern said".
        for t in self.doc[lo:head.i]:
            if "\n" in t.text or self._dateline_dash(t, lo):
                lo = t.i + 1
        if exclude is not None:
            cs, ce = exclude
            if self.doc[lo].idx < ce and self.doc[hi - 1].idx >= cs or hi - lo > 25:
                lo, hi = head.left_edge.i, head.i + 1
                while hi < len(self.doc) and self.doc[hi].dep_ in ("compound", "flat") and self.doc[hi].head is head:
                    hi += 1
        while hi - 1 > lo and (self.doc[hi - 1].is_punct or self.doc[hi - 1].is_space):
            hi -= 1
        while lo < hi - 1 and (self.doc[lo].is_punct or self.doc[lo].is_space):
            lo += 1
        return lo, hi

    # -- pronouns -------------------------------------------------------------
    def _pronoun(self, tok) -> Speaker:
        """ "he said": resolved by ``pronouns.Antecedents`` (the person it repeats, or none)."""
        return Speaker(tok.text, tok.idx, tok.idx + len(tok), self.antecedents.resolve(tok), "pronoun")

    # -- roles ----------------------------------------------------------------
    def _role_holder(self, head, start: int, end: int) -> str | None:
        """The person whose role title matches a role-only subject, when the article names one."""
        if head.pos_ not in ("NOUN",):
            return None
        words = {t.lower_ for t in self.doc[head.left_edge.i: head.i + 1]}
        best: tuple[int, str] | None = None
        for e in self.entities.entities:
            if e.type != "PERSON":
                continue
            for role in e.roles:
                title = role.title.lower().split()
                if not title or title[-1] not in (head.lower_, head.lemma_.lower()):
                    continue
                extra = [w for w in title[:-1] + (role.org or "").lower().split() if w in words]
                score = 1 + len(extra)
                if best is None or score > best[0]:
                    best = (score, e.id)
        return best[1] if best else None


def _predicated(noun):
    """ "Kern is a serial liar and bully who has pledged ...": the relative clause hangs on a
    predicate noun; the one it describes is the copula's subject."""
    t = noun
    while t.dep_ == "conj" and t.head is not t:
        t = t.head
    if t.dep_ == "attr" and t.head.lemma_ == "be":
        subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.pos_ == "PROPN":
            return subj
    return noun


def _has_said(verb) -> bool:
    """ "he's said": the parser reads the 's of "has" as a passive "is"; the subject spoke."""
    aux = [c for c in verb.children if c.dep_ == "auxpass"]
    return bool(aux) and all(a.lower_ in ("'s", "’s") for a in aux) and verb.tag_ == "VBN"


def true_passive(verb) -> bool:
    """"Kern was told that ...": a passive cue, whose subject heard what someone unnamed said."""
    return any(c.dep_ == "nsubjpass" for c in verb.children) and not _has_said(verb)


def floating(speaker: Speaker) -> Speaker:
    """The previous quote's speaker, carried to a quote with no cue of its own."""
    return replace(speaker, how="floating")
