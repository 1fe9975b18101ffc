"""Whom "he said" and "she said" name: the antecedents of a pronoun speaker in one article.

The candidates are the people named outside quoted content (a name inside a
quote is rarely the one who speaks), the speakers already resolved, and
people the article does not name ("a spokesman for the mayor", or a name the
entity stage missed). In order of preference a pronoun takes

1. the nearest compatible person before it in its paragraph who is the
   subject of a clause or a speaker ("His spokesman, Jon Tall, defended the
   plan. “…,” he said": Tall, though the mayor is named more often);
2. the subject of the paragraph before when it comes after the last quote's
   speaker (a paragraph with a person for subject takes over); else the speaker
   of the last quote within the two paragraphs before (a paragraph that only
   mentions someone as an object does not take over: "... forcing Kern to
   reverse himself. “…,” he said" is still the speaker);
3. in a clause fronted before its sentence's subject, that subject ("Citing
   what he called a buffer zone, Kern ordered ...");
4. the nearest compatible person before it in its paragraph; then the nearest
   subject of the paragraph before ("Kern drew sharp contrasts with Brenner.\n
   He said ..." is Kern); then the nearest person before.

A person the article does not name resolves to no entity: "he" stays
unresolved rather than going to the wrong person. Gender comes from the
entity, the words that name an unnamed person ("spokeswoman"), or the
pronouns that followed a person's earlier mentions in the same sentence.
"""
from __future__ import annotations

import bisect
import re

from ...nlp.text import doc_text
from ...records import EntityTable
from .cues import person_gender

PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_SUBJECTS = ("nsubj", "nsubjpass")
_LAST_SPEAKER_PARAS = 2


class Antecedents:
    """The people a pronoun in one doc may repeat, kept sorted by where they end."""

    def __init__(self, doc, entities: EntityTable, content_spans: list[tuple[int, int]]):
        self.doc = doc
        self.text = doc_text(doc)
        self.entities = entities
        spans = sorted(content_spans)
        self._content_starts = [s for s, _ in spans]
        self._contents = spans
        self._items: list[tuple[int, str]] = []  # (end offset, entity id or "~end" for an unnamed person)
        self._subject: set[tuple[int, str]] = set()
        for m in entities.mentions:
            e = entities.get(m.entity_id)
            if e is not None and e.type == "PERSON" and not self.in_content(m.start, m.end):
                self._items.append((m.end, e.id))
                if self._is_subject(m.start, m.end):
                    self._subject.add((m.end, e.id))
        self._items.sort()
        self._para_starts = [0] + [m.end() for m in re.finditer(r"\n\s*", self.text)]
        self._unnamed: dict[str, str | None] = {}  # "~end" -> gender the words say
        self._speakers: list[tuple[int, str]] = []  # (end, id) of resolved speakers, in text order
        self._votes: dict[str, dict[str, int]] = {}
        self._vote_genders()

    # -- what joins the candidates ------------------------------------------------
    def add_speaker(self, end: int, key: str) -> None:
        """A quote's speaker (an entity id, or a key from ``add_unnamed``) becomes a candidate."""
        item = (end, key)
        if item not in self._subject:
            bisect.insort(self._items, item)
            self._subject.add(item)
        self._speakers.append(item)

    def add_unnamed(self, head, end: int) -> str | None:
        """An unnamed person as a speaker ("a spokesman", or "D'Souza" the entity stage missed):
        the key that stands for them, or None when the phrase names no person."""
        if head.pos_ == "NOUN":
            person, gender = person_gender(head)
            if not person:
                return None
        elif head.pos_ == "PROPN" and head.ent_type_ in ("", "PERSON"):
            gender = None
        else:
            return None
        key = f"~{end}"
        self._unnamed[key] = gender
        self.add_speaker(end, key)
        return key

    # -- resolving ------------------------------------------------------------------
    def resolve(self, tok) -> str | None:
        """The entity id a he/she token names, or None (unnamed, unknown or another pronoun)."""
        gender = PRONOUN_GENDER.get(tok.lower_)
        if gender is None:
            return None
        start = tok.idx
        para = self._para_starts[bisect.bisect_right(self._para_starts, start) - 1]
        key = (self._nearest(start, gender, para, subjects_only=True) or self._subject_since_speaker(para, gender)
               or self._last_speaker(start, gender, para)
               or self._cataphora(tok, gender) or self._nearest(start, gender, para)
               or self._nearest(para, gender, self._para_before(para), subjects_only=True) or self._nearest(start, gender))
        if key is None or key in self._unnamed:
            return None  # an unnamed person: "he" is the spokesman, whom no entity names
        self._vote(key, gender)
        return key

    def _nearest(self, offset: int, gender: str, floor: int = 0, subjects_only: bool = False) -> str | None:
        i = bisect.bisect_right(self._items, (offset, "\uffff"))
        for j in range(i - 1, -1, -1):
            item = self._items[j]
            if item[0] <= floor:
                return None
            if subjects_only and item not in self._subject:
                continue
            if self.gender_of(item[1]) in (None, gender):
                return item[1]
        return None

    def _para_before(self, para: int) -> int:
        p = bisect.bisect_right(self._para_starts, para) - 1
        return self._para_starts[max(0, p - 1)] if p > 0 else para

    def _subject_since_speaker(self, para: int, gender: str) -> str | None:
        """The subject of the paragraph before, when it comes after the last quote's speaker: a
        paragraph with a person for subject takes over from an earlier speaker, as one that names
        someone only as an object does not (rule 2)."""
        floor = self._para_before(para)
        if floor == para:
            return None
        i = bisect.bisect_right(self._items, (para, "\uffff"))
        last_end = max((s[0] for s in self._speakers if s[0] <= para), default=-1)
        for j in range(i - 1, -1, -1):
            end, key = self._items[j]
            if end <= floor or end <= last_end:
                return None
            if self._items[j] in self._subject and self.gender_of(key) in (None, gender):
                return key
        return None

    def _last_speaker(self, offset: int, gender: str, para: int) -> str | None:
        earlier = [s for s in self._speakers if s[0] <= offset]
        if not earlier:
            return None
        end, key = earlier[-1]
        p = bisect.bisect_right(self._para_starts, para) - 1
        floor = self._para_starts[max(0, p - _LAST_SPEAKER_PARAS)]
        return key if end >= floor and self.gender_of(key) in (None, gender) else None

    def _cataphora(self, tok, gender: str) -> str | None:
        root = tok.sent.root
        subj = next((c for c in root.children if c.dep_ == "nsubj" and c.i > tok.i), None)
        if subj is None or not any(c.dep_ in ("advcl", "prep", "npadvmod") and c.left_edge.i <= tok.i <= c.right_edge.i
                                   and c.i < subj.i for c in root.children):
            return None
        lo, hi = subj.left_edge, subj.right_edge
        e = self.entities.entity_at(lo.idx, hi.idx + len(hi), ("PERSON",))
        if e is None or self.gender_of(e.id) not in (None, gender):
            return None
        return e.id

    def _is_subject(self, start: int, end: int) -> bool:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return False
        t = span.root
        while t.dep_ in ("compound", "flat", "appos") and t.head is not t:
            t = t.head
        return t.dep_ in _SUBJECTS

    # -- gender -----------------------------------------------------------------------
    def gender_of(self, key: str) -> str | None:
        if key in self._unnamed:
            return self._unnamed[key]
        e = self.entities.get(key)
        if e is not None and e.gender:
            return e.gender
        votes = self._votes.get(key)
        if not votes:
            return None
        m, f = votes.get("m", 0), votes.get("f", 0)
        return "m" if m > f else "f" if f > m else None

    def _vote(self, key: str, gender: str) -> None:
        votes = self._votes.setdefault(key, {})
        votes[gender] = votes.get(gender, 0) + 1

    def _vote_genders(self) -> None:
        """Pronoun history: a he/his/she/her after a person in one sentence votes its gender."""
        items = self._items
        for tok in self.doc:
            g = PRONOUN_GENDER.get(tok.lower_)
            if g is None or self.in_content(tok.idx, tok.idx + len(tok)):
                continue
            i = bisect.bisect_right(items, (tok.idx, "\uffff")) - 1
            if i >= 0 and items[i][0] >= tok.sent.start_char:
                self._vote(items[i][1], g)

    def in_content(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._content_starts, start) - 1
        return i >= 0 and self._contents[i][1] >= end
