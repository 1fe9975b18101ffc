"""``Corrected(store)``: the store as the analysts corrected it, for every view.

It forwards every attribute to the store and overrides the reading methods:
entities through merges and splits (a merged entity B reads as A, A's aliases
gain B's names, its counts are A's and B's mentions; B's id resolves to A),
quotes with their corrected speakers, events and positions with their
participants and holders through the merges, positions with their corrected
stances and propositions, and the rejected quotes, events, positions and
changes left out. A view that asks for everything (``keep_rejected``) keeps
them, marked ``rejected: true``. Notes appear as ``notes: [...]`` on their
record; ``corrected_by`` lists the corrections that changed a record.

Nothing is written: the rows stay as extracted, and the corrections are found
again by their fingerprints (``keys``) each time they are read. A filter by
entity (``holder_ids=[A]``) also finds the rows of the entities merged into A.
The extract and ingest path keeps the raw store (``Corrected.raw``).
"""
from __future__ import annotations

from typing import Any

from . import keys as K
from .entities import EntitiesView
from .plan import Plan


def _sorted_rows(rows: list[dict[str, Any]], date: str) -> list[dict[str, Any]]:
    """Rows of several raw queries, deduplicated, in the store's order (nulls first, as SQL sorts them)."""
    seen: dict[Any, dict[str, Any]] = {}
    for r in rows:
        seen.setdefault(r["id"], r)
    return sorted(seen.values(), key=lambda r: (r.get(date) is not None, r.get(date) or "", r["article_id"],
                                                r.get("start", 0)))


def _cut(rows: list, offset: int, limit: int | None) -> list:
    return rows[offset:] if limit is None else rows[offset:offset + limit]


class Corrected(EntitiesView):
    """A read-side proxy over a store: every view reads through it (see the module's docstring)."""

    def __init__(self, store: Any, *, keep_rejected: bool = False):
        if isinstance(store, Corrected):
            store = store.raw
        self.raw = store
        self.keep_rejected = keep_rejected
        self._plan: Plan | None = None
        self._hash: dict[int, str] = {}
        self._key: dict[int, str | None] = {}
        self._rows: dict[str, dict[str, Any] | None] = {}

    def __getattr__(self, name: str) -> Any:
        # Only for what this class does not define: writes, search, the link stage's methods.
        return getattr(self.__dict__["raw"], name)

    # -- the corrections themselves ---------------------------------------------------
    @property
    def plan(self) -> Plan:
        if self._plan is None:
            self._plan = Plan(self.raw.list_corrections())
        return self._plan

    def add_correction(self, record: dict[str, Any]) -> dict[str, Any]:
        self._plan = None
        return self.raw.add_correction(record)

    def undo_correction(self, correction_id: int, by: str | None, why: str | None, **kw: Any) -> dict[str, Any]:
        self._plan = None
        return self.raw.undo_correction(correction_id, by, why, **kw)

    def refresh(self) -> None:
        """Read the corrections again (after another store object wrote one)."""
        self._plan = None

    # -- look-ups ------------------------------------------------------------------------
    def hashes(self, article_ids) -> dict[int, str]:
        missing = {int(i) for i in article_ids if i is not None} - self._hash.keys()
        if missing:
            self._hash.update(K.hashes_of(self.raw, missing))
        return self._hash

    def _mark(self, kind: str, row: dict[str, Any], fps: list[str], used: list[int]) -> dict[str, Any] | None:
        """Rejects and notes of a record found by any of its fingerprints; None when it is left out."""
        plan = self.plan
        rejected = next((plan.rejects[kind][f] for f in fps if f in plan.rejects.get(kind, {})), None)
        if rejected is not None:
            if not self.keep_rejected:
                return None
            row["rejected"] = True
            row["rejected_why"] = rejected.get("why")
            used.append(rejected["id"])
        notes = [n for f in fps for n in plan.notes_of(kind, f)]
        if notes:
            row["notes"] = notes
        if used:
            row["corrected_by"] = sorted(set(used))
        return row

    def _slack(self, kind: str) -> int:
        return 0 if self.keep_rejected else len(self.plan.rejects.get(kind, {}))

    # -- quotes -----------------------------------------------------------------------------
    def list_quotes(self, *, speaker_ids: list[int] | None = None, article_id: int | None = None,
                    story_id: int | None = None, limit: int | None = 100, offset: int = 0,
                    min_confidence: float | None = None) -> list[dict[str, Any]]:
        plan = self.plan
        if "quote" not in plan.touches:
            return self.raw.list_quotes(speaker_ids=speaker_ids, article_id=article_id, story_id=story_id,
                                        limit=limit, offset=offset, min_confidence=min_confidence)
        want = self.final_keys(speaker_ids)
        moved = want is not None and (plan.splits or plan.speaker)
        fetch = None if limit is None or moved else offset + limit + self._slack("quote")
        args = dict(story_id=story_id, min_confidence=min_confidence)
        rows = self.raw.list_quotes(speaker_ids=self.expand(speaker_ids), article_id=article_id, limit=fetch,
                                    **args)
        if want is not None and plan.speaker:
            # Quotes whose speaker an analyst set to one of these: the store cannot filter by them.
            hashes = {K.parse(fp)[0] for fp, (key, _c) in plan.speaker.items() if plan.final(key) in want}
            for aid, _h in self.raw.article_hashes(hashes=sorted(h for h in hashes if h)):
                if article_id is None or aid == article_id:
                    rows += self.raw.list_quotes(article_id=aid, limit=None, **args)
            rows = _sorted_rows(rows, "published")
        self.prefetch(q.get("speaker_id") for q in rows)
        self.hashes(q["article_id"] for q in rows)
        out = []
        for q in rows:
            q = self._quote(dict(q))
            if q is not None and (want is None or q.pop("_speaker", None) in want):
                q.pop("_speaker", None)
                out.append(q)
        return _cut(out, offset, limit)

    def _quote(self, q: dict[str, Any]) -> dict[str, Any] | None:
        plan = self.plan
        h = self.hashes([q["article_id"]]).get(q["article_id"])
        fp = K.span_key(h, q["start"], q["end"])
        used: list[int] = []
        raw_key = self.key_of(q.get("speaker_id"))
        if fp in plan.speaker:
            key, cid = plan.speaker[fp]
            final = plan.final(key)
            used.append(cid)
        elif q.get("speaker_start") is not None:
            final = plan.mention_entity(raw_key, K.span_key(h, q["speaker_start"], q["speaker_end"]))
        else:
            final = plan.final(raw_key)
        if final != raw_key:
            info = self.entity_info(final)
            q["speaker_id"], q["speaker_name"] = (info["id"], info["name"]) if info else (None, None)
            if not used:
                used += self.merge_ids(raw_key, final)
        q["_speaker"] = final
        return self._mark("quote", q, [fp], used)

    # -- events ------------------------------------------------------------------------------
    def list_events(self, *, actor_ids: list[int] | None = None, type: str | None = None, since: str | None = None,
                    article_id: int | None = None, story_id: int | None = None,
                    limit: int | None = 200, min_confidence: float | None = None) -> list[dict[str, Any]]:
        if "event" not in self.plan.touches:
            return self.raw.list_events(actor_ids=actor_ids, type=type, since=since, article_id=article_id,
                                        story_id=story_id, limit=limit, min_confidence=min_confidence)
        fetch = None if limit is None else limit + self._slack("event")
        rows = self.raw.list_events(actor_ids=self.expand(actor_ids), type=type, since=since, article_id=article_id,
                                    story_id=story_id, limit=fetch, min_confidence=min_confidence)
        self.prefetch(i for e in rows for k in ("actor_ids", "recipient_ids", "location_ids") for i in e.get(k) or [])
        out = [e for e in (self._event(dict(r)) for r in rows) if e is not None]
        return _cut(out, 0, limit)

    def _event(self, e: dict[str, Any]) -> dict[str, Any] | None:
        hashes = self.hashes(x["article_id"] for x in e.get("evidence") or [])
        used: list[int] = []
        if self.plan.merges or self.plan.splits:
            for k in ("actor_ids", "recipient_ids", "location_ids"):
                ids = []
                for i in e.get(k) or []:
                    j = self.final_id(i)
                    if j != i:
                        used += self.merge_ids(self.key_of(i), self.key_of(j))
                    if j not in ids:
                        ids.append(j)
                e[k] = ids
            for k in ("actor_ids", "recipient_ids"):
                e[k.replace("_ids", "_names")] = [(self.entity_info(self.key_of(i)) or {}).get("name") for i in e[k]]
        return self._mark("event", e, K.event_keys(e, hashes), used)

    # -- positions ---------------------------------------------------------------------------
    def list_positions(self, *, holder_ids: list[int] | None = None, story_id: int | None = None,
                       proposition_keys: list[str] | None = None, limit: int | None = 200,
                       min_confidence: float | None = None) -> list[dict[str, Any]]:
        plan = self.plan
        if "position" not in plan.touches:
            return self.raw.list_positions(holder_ids=holder_ids, story_id=story_id,
                                           proposition_keys=proposition_keys, limit=limit,
                                           min_confidence=min_confidence)
        want = self.final_keys(holder_ids)
        keys, raw_keys = None, None
        if proposition_keys is not None:
            keys = set(proposition_keys)
            # A position an analyst moved to one of these propositions is stored under its old key.
            raw_keys = sorted(keys | {K.parse(fp)[4] for fp, (_t, key, _c) in plan.proposition.items()
                                      if key in keys})
        moved = (want is not None and plan.splits) or (keys is not None and plan.proposition)
        fetch = None if limit is None or moved else limit + self._slack("position")
        rows = self.raw.list_positions(holder_ids=self.expand(holder_ids), story_id=story_id,
                                       proposition_keys=raw_keys, limit=fetch, min_confidence=min_confidence)
        self.prefetch(i for p in rows for i in (p["holder_id"], p.get("speaker_id")))
        self.hashes(p["article_id"] for p in rows)
        out = []
        for r in rows:
            p = self._position(dict(r))
            if p is None:
                continue
            holder, speaker = p.pop("_holder"), p.pop("_speaker")
            if want is not None and holder not in want and speaker not in want:
                continue
            if keys is not None and p["proposition_key"] not in keys:
                continue
            out.append(p)
        return _cut(out, 0, limit)

    def position_key(self, p: dict[str, Any]) -> str:
        """A stored position's fingerprint (its raw holder's key: the one the extractor gave)."""
        h = self.hashes([p["article_id"]]).get(p["article_id"])
        return K.position_key(h, p, self.key_of(p["holder_id"]))

    def _position(self, p: dict[str, Any]) -> dict[str, Any] | None:
        plan = self.plan
        h = self.hashes([p["article_id"]]).get(p["article_id"])
        raw_holder = self.key_of(p["holder_id"])
        fp = K.position_key(h, p, raw_holder)
        ev = p.get("evidence") or {}
        used: list[int] = []
        holder = plan.holder_entity(raw_holder, h, ev.get("start", 0), ev.get("end", 0))
        if holder != raw_holder:
            info = self.entity_info(holder) or {}
            p["holder_id"], p["holder_name"] = info.get("id"), info.get("name")
            p["holder_type"] = info.get("type", p.get("holder_type"))
            if "holder_country" in p:
                p["holder_country"] = info.get("country")
            used += self.merge_ids(raw_holder, holder) or [s.correction_id for s in plan.splits
                                                            if plan.final(s.key) == holder]
        raw_speaker = self.key_of(p.get("speaker_id"))
        speaker = plan.final(raw_speaker)
        if speaker != raw_speaker:
            info = self.entity_info(speaker) or {}
            p["speaker_id"], p["speaker_name"] = info.get("id"), info.get("name")
        if isinstance(p.get("acting_for"), int):
            p["acting_for"] = self.final_id(p["acting_for"])
        if fp in plan.stance:
            stance, cid = plan.stance[fp]
            if stance != p["stance"]:
                p["stance_as_extracted"], p["stance"] = p["stance"], stance
            used.append(cid)
        if fp in plan.proposition:
            text, key, cid = plan.proposition[fp]
            p["proposition_as_extracted"] = {"proposition": p["proposition"], "proposition_key": p["proposition_key"]}
            p["proposition"], p["proposition_key"] = text or p["proposition"], key or p["proposition_key"]
            used.append(cid)
        p["_holder"], p["_speaker"] = holder, speaker
        return self._mark("position", p, [fp], used)

    def proposition_labels(self) -> list[tuple[str, str]]:
        labels = dict(self.raw.proposition_labels())
        for text, key, _c in self.plan.proposition.values():
            if key and key not in labels:
                labels[key] = text or key
        return sorted(labels.items())

    # -- changes ------------------------------------------------------------------------------
    def list_changes(self, *, since: str | None = None, holder_ids: list[int] | None = None,
                     proposition_keys: list[str] | None = None, story_id: int | None = None,
                     min_confidence: float | None = None) -> list[dict[str, Any]]:
        plan = self.plan
        rows = self.raw.list_changes(since=since, holder_ids=self.expand(holder_ids),
                                     proposition_keys=proposition_keys, story_id=story_id,
                                     min_confidence=min_confidence)
        if "change" not in plan.touches:
            return rows
        want = self.final_keys(holder_ids)
        marked = plan.rejects["change"] or any(kind == "change" for kind, _fp in plan.notes)
        fps = self._to_keys(rows) if marked else {}
        out = []
        for c in rows:
            c = dict(c, to=dict(c["to"]))
            # A change of a split entity is stored under the entity it was split from (link.changes.rederive).
            marker = c["to"].pop("holder_id", None)
            raw_holder = self.key_of(c["holder_id"])
            holder = plan.final(self.key_of(marker) if marker is not None else raw_holder)
            if want is not None and holder not in want:
                continue
            if holder != raw_holder:
                info = self.entity_info(holder) or {}
                c["holder_id"], c["holder_name"] = info.get("id"), info.get("name")
            fp = fps.get(c["to"].get("position_id"))
            c = self._mark("change", c, [K.change_key(c["proposition_key"], fp)] if fp else [], [])
            if c is not None:
                out.append(c)
        return out

    def _to_keys(self, changes: list[dict[str, Any]]) -> dict[int, str]:
        """The fingerprints of the positions the changes go to (by position id)."""
        holders = sorted({c["holder_id"] for c in changes} | {c["to"].get("holder_id") for c in changes
                                                               if c["to"].get("holder_id") is not None})
        wanted = {c["to"].get("position_id") for c in changes}
        out = {}
        for p in self.raw.list_positions(holder_ids=self.expand(holders), limit=None):
            if p["id"] in wanted:
                out[p["id"]] = self.position_key(p)
        return out

    # -- articles and stories: their notes --------------------------------------------------------
    def get_article(self, article_id: int) -> dict[str, Any] | None:
        a = self.raw.get_article(article_id)
        if a is not None and "article" in self.plan.touches:
            notes = self.plan.notes_of("article", K.article_key(a.get("content_hash")))
            if notes:
                a["notes"] = notes
        return a

    def get_story(self, story_id: int) -> dict[str, Any] | None:
        return self._story(self.raw.get_story(story_id))

    def list_stories(self, *, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
        return [self._story(s) for s in self.raw.list_stories(limit=limit, offset=offset)]

    def _story(self, s: dict[str, Any] | None) -> dict[str, Any] | None:
        if s is not None and "story" in self.plan.touches:
            notes = self.plan.notes_of("story", K.story_key(s["id"]))
            if notes:
                s["notes"] = notes
        return s


def corrected(store: Any, *, keep_rejected: bool = False) -> Corrected:
    """The store through its corrections (a Corrected store as it is, unless ``keep_rejected`` differs)."""
    if isinstance(store, Corrected) and store.keep_rejected == keep_rejected:
        return store
    return Corrected(store, keep_rejected=keep_rejected)
