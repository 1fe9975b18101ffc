"""The active corrections of a store, compiled into look-ups the reading proxy applies.

Corrections are applied in id order, so a later one on the same record wins
(two stance corrections: the second). An entity merged into another (``merge
A B``: B into A) resolves to A, through any chain of merges; a merge that
would close a loop is ignored from the correction that closes it. A split
makes an entity that no row holds: a virtual entity whose id is the negated
id of the split's correction, and whose key is ``split:`` plus the
fingerprint of its mentions, the same in every store the correction is
imported into.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from . import keys as K


@dataclass
class Split:
    correction_id: int
    key: str  # the virtual entity's key
    origin: str  # the key of the entity it was split from
    name: str
    type: str
    mentions: set[str] = field(default_factory=set)  # span fingerprints
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # content hash -> offsets

    @property
    def id(self) -> int:
        return -self.correction_id

    def holds(self, content_hash: str | None, start: int, end: int) -> bool:
        """Whether an evidence span [start, end) of this article contains one of the split mentions."""
        return any(start <= s and e <= end for s, e in self.spans.get(content_hash or "", ()))


def split_key(origin: str, mentions: list[str]) -> str:
    digest = hashlib.sha256("\n".join([origin, *sorted(mentions)]).encode()).hexdigest()[:16]
    return f"split:{digest}"


class Plan:
    def __init__(self, corrections: list[dict[str, Any]]):
        self.corrections = corrections
        self.merges: dict[str, tuple[str, int]] = {}  # entity key -> (into key, correction id)
        self.splits: list[Split] = []
        self.split_of_mention: dict[str, Split] = {}
        self.speaker: dict[str, tuple[str | None, int]] = {}  # quote fp -> (entity key, correction id)
        self.rejects: dict[str, dict[str, dict[str, Any]]] = {k: {} for k in K.REJECTABLE}
        self.stance: dict[str, tuple[str, int]] = {}
        self.proposition: dict[str, tuple[str, str, int]] = {}  # position fp -> (text, key, correction id)
        self.notes: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for c in corrections:
            self._take(c)

    def _take(self, c: dict[str, Any]) -> None:
        action, kind, fp, value, cid = c["action"], c["target_kind"], c["target_key"], c.get("value"), c["id"]
        if action == "merge" and kind == "entity":
            src = (K.parse(fp) or [None])[0]
            into = (value or {}).get("into")
            if src and into and src != into and self.final(into) != src:
                self.merges[src] = (into, cid)
        elif action == "split" and kind == "entity":
            origin = (K.parse(fp) or [None])[0]
            mentions = list((value or {}).get("mentions") or [])
            if origin and mentions:
                sp = Split(cid, (value or {}).get("key") or split_key(origin, mentions), origin,
                           (value or {}).get("name") or "?", (value or {}).get("type") or "PERSON", set(mentions))
                for m in mentions:
                    h, s, e = (K.parse(m) + [None, 0, 0])[:3]
                    sp.spans.setdefault(h or "", []).append((int(s), int(e)))
                    self.split_of_mention[m] = sp
                self.splits.append(sp)
        elif action == "speaker" and kind == "quote":
            self.speaker[fp] = ((value or {}).get("entity"), cid)
        elif action == "reject" and kind in self.rejects:
            self.rejects[kind][fp] = c
        elif action == "stance" and kind == "position" and value in ("for", "against"):
            self.stance[fp] = (value, cid)
        elif action == "proposition" and kind == "position" and isinstance(value, dict):
            self.proposition[fp] = (value.get("proposition"), value.get("proposition_key"), cid)
        elif action == "note":
            text = value.get("text") if isinstance(value, dict) else value
            self.notes.setdefault((kind, fp), []).append(
                {"id": cid, "text": text, "by": c.get("by"), "at": c.get("at")})

    # -- entities -----------------------------------------------------------------
    @property
    def touches_entities(self) -> bool:
        return bool(self.merges or self.splits or self.speaker)

    def final(self, key: str | None) -> str | None:
        """Where an entity key ends up through the merges (itself when merged nowhere)."""
        seen = set()
        while key in self.merges and key not in seen:
            seen.add(key)
            key = self.merges[key][0]
        return key

    def members(self, final: str) -> list[str]:
        """Every key that resolves to ``final`` (itself first)."""
        return [final] + sorted(k for k in self.merges if self.final(k) == final and k != final)

    def split_by_key(self, key: str | None) -> Split | None:
        return next((s for s in self.splits if s.key == key), None)

    def split_by_id(self, entity_id: int) -> Split | None:
        return next((s for s in self.splits if s.id == entity_id), None)

    def mention_entity(self, raw_key: str | None, fp: str) -> str | None:
        """The final key of a mention: its split entity when one took it, else its entity's."""
        sp = self.split_of_mention.get(fp)
        if sp is not None and self.final(raw_key) in (self.final(sp.origin), self.final(sp.key)):
            return self.final(sp.key)
        return self.final(raw_key)

    def holder_entity(self, raw_key: str | None, content_hash: str | None, start: int, end: int) -> str | None:
        """A position's holder: a split entity when the holder was split and its evidence holds a split mention."""
        for sp in self.splits:
            if self.final(raw_key) == self.final(sp.origin) and sp.holds(content_hash, start, end):
                return self.final(sp.key)
        return self.final(raw_key)

    # -- per record ----------------------------------------------------------------
    def notes_of(self, kind: str, fp: str) -> list[dict[str, Any]]:
        return self.notes.get((kind, fp), [])

    @property
    def touches(self) -> set[str]:
        """The kinds of record some correction changes (notes included)."""
        out = {k for k, v in self.rejects.items() if v}
        out |= {kind for kind, _fp in self.notes}
        if self.stance or self.proposition:
            out.add("position")
        if self.speaker:
            out.add("quote")
        if self.merges or self.splits:
            out |= {"entity", "mention", "quote", "position", "event", "change"}
        return out
