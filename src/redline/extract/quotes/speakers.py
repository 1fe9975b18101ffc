"""Who said it: resolve the speaker of a quote from its cue word.

The speaker is found, in order of preference, through

- ``named``: the subject of the cue is (or contains) an entity mention;
- ``apposition``: the subject is a role noun whose apposition names the
  person ("the Borvian spokesman, Ivo Kern"), or the name carries an
  apposition ("Ivo Kern, the Borvian spokesman, told reporters");
- ``pronoun``: "he said" / "she said" goes to the nearest earlier person
  outside quoted content whose gender does not conflict (Entity.gender, or the
  pronouns that followed the person's earlier mentions in the same sentence);
- ``role``: a role-only subject ("the foreign minister") goes to the person
  the article gives that role title, when it names one;
- ``nominal``: a common-noun subject ("officials", "a source") is reported as
  written, with no entity.

Floating quotes (no cue) are handled by the caller, which copies the
previous quote's speaker.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from ...nlp.text import doc_text
from ...records import EntityTable
from ..lexicon.speech import cue_lexicon

SPEAKER_TYPES = ("PERSON", "ORG", "GPE", "NORP", "FAC")
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
# Clause links through which a cue without its own subject inherits its head's:
# "he said, adding that ..." (advcl), "she said and warned ..." (conj).
_INHERIT_DEPS = ("conj", "advcl", "xcomp", "ccomp", "pcomp", "prep")
_REL_PRONOUNS = {"who", "which", "that"}
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
        spans = sorted(content_spans)
        self._content_starts = [s for s, _ in spans]
        self._contents = spans
        # Candidate antecedents for pronouns: (end offset, entity id), sorted.
        self._antecedents: list[tuple[int, str]] = []
        for m in entities.mentions:
            e = entities.get(m.entity_id)
            if e is not None and e.type == "PERSON" and not self._in_content(m.start, m.end):
                self._antecedents.append((m.end, e.id))
        self._antecedents.sort()
        self._gender_votes: dict[str, dict[str, int]] = {}
        self._vote_genders()

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
            ante = subj.head.head
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
        if head.pos_ == "PRON" or head.lower_ in _PRONOUN_GENDER:
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

    def person_before(self, offset: int, floor: int) -> Speaker | None:
        """The last person named (outside quotes) between ``floor`` and ``offset``."""
        i = bisect.bisect_right(self._antecedents, (offset, "\uffff")) - 1
        if i < 0 or self._antecedents[i][0] < floor:
            return None
        end, eid = self._antecedents[i]
        m = next((m for m in self.entities.mentions_in(end - 1, end) if m.entity_id == eid and m.end == end), None)
        if m is None:
            return None  # a remembered pronoun or role; too weak to carry a floating quote
        start = self._with_title(m.start, m.end)
        return Speaker(self.text[start:m.end], start, m.end, eid, "floating")

    def _with_title(self, start: int, end: int) -> int:
        """Start of a name's phrase with the title words before it ("Mr.", "Gov.", "the party's chairman")."""
        doc = self.doc
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return start
        root = span.root
        lo = span.start
        while lo > root.left_edge.i and self._title_word(doc[lo - 1]):
            lo -= 1
        return doc[lo].idx

    @staticmethod
    def _title_word(tok) -> bool:
        """A word modifying the name after it: "Mr.", "Gov.", "the party's", "senior"."""
        return (tok.head.i > tok.i and tok.dep_ in ("compound", "amod", "det", "poss", "case")
                and not tok.is_punct and "\n" not in tok.text)

    def remember(self, speaker: Speaker) -> None:
        """Let a resolved pronoun or role speaker serve as an antecedent later."""
        if speaker.entity_id and (e := self.entities.get(speaker.entity_id)) is not None and e.type == "PERSON":
            bisect.insort(self._antecedents, (speaker.end, speaker.entity_id))

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
            poss = next((c for c in cue.children if c.dep_ == "poss"), None)
            if poss is not None:
                return poss
            if cue.dep_ not in ("dobj", "pobj"):
                return None
            cue = cue.head if cue.dep_ == "dobj" else cue.head.head
        tok = cue
        for _ in range(4):
            # With two subjects (a misparsed dateline, "VELLIN (Wire) – Kern said"), the nearer one speaks.
            subjs = [c for c in tok.children if c.dep_ in _SUBJ_DEPS]
            subj = max((c for c in subjs if c.i < tok.i), key=lambda c: c.i, default=subjs[0] if subjs else None)
            if subj is not None and subj.dep_ == "nsubjpass":
                # "Ivo was told that ...": the passive subject heard it; the speaker is the agent.
                agent = next((c for c in tok.children if c.dep_ == "agent"), None)
                return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if subj is not None:
                return subj
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
        return not any(c.dep_ == "nsubjpass" for c in cue.children)

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
        gender = _PRONOUN_GENDER.get(tok.lower_)
        start, end = tok.idx, tok.idx + len(tok)
        entity_id = None
        if gender is not None:
            entity_id = self._nearest_person(start, gender)
            if entity_id is not None:
                self._vote(entity_id, gender)
        return Speaker(tok.text, start, end, entity_id, "pronoun")

    def _nearest_person(self, offset: int, gender: str) -> str | None:
        i = bisect.bisect_right(self._antecedents, (offset, "\uffff"))
        for j in range(i - 1, -1, -1):
            eid = self._antecedents[j][1]
            g = self.gender_of(eid)
            if g is None or g == gender:
                return eid
        return None

    def gender_of(self, entity_id: str) -> str | None:
        e = self.entities.get(entity_id)
        if e is not None and e.gender:
            return e.gender
        votes = self._gender_votes.get(entity_id)
        if not votes:
            return None
        m, f = votes.get("m", 0), votes.get("f", 0)
        return "m" if m > f else "f" if f > m else None

    def _vote(self, entity_id: str, gender: str) -> None:
        votes = self._gender_votes.setdefault(entity_id, {})
        votes[gender] = votes.get(gender, 0) + 1

    def _vote_genders(self) -> None:
        """Pronoun history: a he/his/she/her after a person in one sentence votes its gender."""
        ants = self._antecedents
        for tok in self.doc:
            g = _PRONOUN_GENDER.get(tok.lower_)
            if g is None or self._in_content(tok.idx, tok.idx + len(tok)):
                continue
            sent_start = tok.sent.start_char
            i = bisect.bisect_right(ants, (tok.idx, "\uffff")) - 1
            if i >= 0 and ants[i][0] >= sent_start:
                self._vote(ants[i][1], g)

    def _in_content(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._content_starts, start) - 1
        return i >= 0 and self._contents[i][1] >= end

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


def floating(speaker: Speaker) -> Speaker:
    """The previous quote's speaker, carried to a quote with no cue of its own."""
    return replace(speaker, how="floating")
