"""Entities through the merges and splits, for ``apply.Corrected``.

Merging B into A makes B read as A everywhere: B's id resolves to A's record,
A's aliases gain B's names, A's counts are the mentions of both, and a filter
by A also finds B's rows (``expand``). A split entity is virtual: no row holds
it; it has the negated id of its split correction and the mentions the
analyst named, taken from the entity it was split from.
"""
from __future__ import annotations

from typing import Any

from . import keys as K


def _mention_order(m: dict[str, Any]) -> tuple:
    return (m.get("published") is not None, m.get("published") or "", m["article_id"], m["start"])


class EntitiesView:
    raw: Any
    plan: Any
    _key: dict[int, str | None]
    _rows: dict[str, dict[str, Any] | None]

    def hashes(self, article_ids) -> dict[int, str]:  # pragma: no cover - defined by Corrected
        raise NotImplementedError

    # -- ids and keys ------------------------------------------------------------------
    def key_of(self, entity_id: int | None) -> str | None:
        """The key of an entity id: a stored one's canonical key, a split entity's ``split:`` key."""
        if entity_id is None:
            return None
        if entity_id < 0:
            sp = self.plan.split_by_id(entity_id)
            return sp.key if sp else None
        if entity_id not in self._key:
            self._key.update(self.raw.entity_keys([entity_id]))
            self._key.setdefault(entity_id, None)
        return self._key[entity_id]

    def prefetch(self, ids) -> None:
        """Load the keys of these entity ids in one query (a list of rows names many)."""
        missing = sorted({i for i in ids if i is not None and i >= 0} - self._key.keys())
        if missing:
            found = self.raw.entity_keys(missing)
            self._key.update({i: found.get(i) for i in missing})

    def _row(self, key: str) -> dict[str, Any] | None:
        """The stored entity with this key (cached: a list names the same few entities again and again)."""
        if key not in self._rows:
            self._rows[key] = self.raw.entity_by_key(key)
        return self._rows[key]

    def id_of(self, key: str | None) -> int | None:
        if key is None:
            return None
        sp = self.plan.split_by_key(key)
        if sp is not None:
            return sp.id
        row = self._row(key)
        return row["id"] if row else None

    def final_id(self, entity_id: int) -> int:
        key = self.key_of(entity_id)
        final = self.id_of(self.plan.final(key)) if key else None
        return entity_id if final is None else final

    def final_keys(self, ids: list[int] | None) -> set[str] | None:
        if ids is None:
            return None
        return {k for k in (self.plan.final(self.key_of(i)) for i in ids) if k}

    def expand(self, ids: list[int] | None) -> list[int] | None:
        """Stored entity ids whose rows may belong to these entities: those merged into them, and
        the entity a split one was split from (its rows are then sorted out one by one)."""
        if ids is None or not (self.plan.merges or self.plan.splits):
            return ids
        plan, out = self.plan, set()
        for final in self.final_keys(ids) or ():
            for k in plan.members(final):
                sp = plan.split_by_key(k)
                for key in ([sp.origin] if sp else [k]):
                    i = self.id_of(key)
                    if i is not None and i >= 0:
                        out.add(i)
        return sorted(out | {i for i in ids if i >= 0})

    def merge_ids(self, raw_key: str | None, final: str | None) -> list[int]:
        """The merge corrections that lead from ``raw_key`` to ``final``."""
        out, key, seen = [], raw_key, set()
        while key in self.plan.merges and key != final and key not in seen:
            seen.add(key)
            key, cid = self.plan.merges[key]
            out.append(cid)
        return out

    def entity_info(self, final: str | None) -> dict[str, Any] | None:
        """id, name, type and country of an entity key as corrected (a merged key: its target's)."""
        if final is None:
            return None
        sp = self.plan.split_by_key(final)
        if sp is not None:
            origin = self._row(sp.origin) or {}
            return {"id": sp.id, "name": sp.name, "type": sp.type, "country": origin.get("country")}
        row = self._row(final)
        return {k: row.get(k) for k in ("id", "name", "type", "country")} if row else None

    # -- records ------------------------------------------------------------------------
    def _record(self, final: str) -> dict[str, Any] | None:
        plan = self.plan
        sp = plan.split_by_key(final)
        if sp is not None:
            origin = self.raw.entity_by_key(sp.origin) or {}
            rec = {"id": sp.id, "key": sp.key, "name": sp.name, "type": sp.type, "country": origin.get("country"),
                   "gender": None, "aliases": [sp.name], "roles": [], "split_from": origin.get("id"),
                   "corrected_by": [sp.correction_id]}
        else:
            row = self.raw.entity_by_key(final)
            if row is None:
                return None
            rec = dict(row, aliases=list(row.get("aliases") or []))
        merged, used = [], []
        for k in plan.members(final)[1:]:
            other = self._record(k) if plan.split_by_key(k) else self.raw.entity_by_key(k)
            if other is None:
                continue
            merged.append(other["id"])
            used.append(plan.merges[k][1])
            for n in [other["name"], *(other.get("aliases") or [])]:
                if n not in rec["aliases"]:
                    rec["aliases"].append(n)
        if merged:
            rec["merged"] = merged
            rec["corrected_by"] = sorted(set(rec.get("corrected_by", []) + used))
        notes = [n for k in plan.members(final) for n in plan.notes_of("entity", K.entity_key(k))]
        if notes:
            rec["notes"] = notes
        return rec

    def get_entity(self, entity_id: int) -> dict[str, Any] | None:
        if not self.plan.touches & {"entity", "mention"}:
            return self.raw.get_entity(entity_id)
        key = self.key_of(entity_id)
        return self._record(self.plan.final(key)) if key else None

    def entity_by_key(self, key: str) -> dict[str, Any] | None:
        if not self.plan.touches & {"entity", "mention"}:
            return self.raw.entity_by_key(key)
        return self._record(self.plan.final(key))

    def find_entities(self, name: str) -> list[dict[str, Any]]:
        rows = self.raw.find_entities(name)
        if not self.plan.touches & {"entity", "mention"}:
            return rows
        out: dict[int, dict[str, Any]] = {}
        for r in rows:
            rec = self.get_entity(r["id"])
            if rec is not None:
                out.setdefault(rec["id"], rec)
        for sp in self.plan.splits:
            if name.lower() in sp.name.lower() and self.plan.final(sp.key) == sp.key:
                out.setdefault(sp.id, self._record(sp.key))
        return list(out.values())

    def list_entities(self, *, type: str | None = None, limit: int | None = 100,
                      offset: int = 0) -> list[dict[str, Any]]:
        plan = self.plan
        if not (plan.merges or plan.splits or any(k == "entity" for k, _ in plan.notes)):
            return self.raw.list_entities(type=type, limit=limit, offset=offset)
        touched = {plan.final(k) for pair in plan.merges.items() for k in (pair[0], pair[1][0])}
        touched |= {plan.final(k) for sp in plan.splits for k in (sp.key, sp.origin)}
        rows: dict[str, dict[str, Any]] = {}
        for r in self.raw.list_entities(limit=None):
            final = plan.final(r["key"])
            if final not in touched:
                rows[final] = self._record(final) | {"mentions": r["mentions"], "articles": r["articles"]} \
                    if (("entity", K.entity_key(final)) in plan.notes) else r
        for final in touched:
            rec = self._record(final)
            if rec is None:
                continue
            mentions = self.entity_mentions(rec["id"], limit=None)
            rows[final] = rec | {"mentions": len(mentions), "articles": len({m["article_id"] for m in mentions})}
        out = [r for r in rows.values() if not type or r["type"] == type.upper()]
        out.sort(key=lambda r: (-r["mentions"], r["name"]))
        return out[offset:] if limit is None else out[offset:offset + limit]

    # -- mentions ------------------------------------------------------------------------
    def entity_mentions(self, entity_id: int, *, limit: int | None = 50) -> list[dict[str, Any]]:
        plan = self.plan
        if not (plan.merges or plan.splits):
            return [dict(m, id=f"{m['article_id']}:{m['start']}")
                    for m in self.raw.entity_mentions(entity_id, limit=limit)]
        final = plan.final(self.key_of(entity_id))
        target = self.id_of(final)
        out = []
        for raw_id in self.expand([entity_id]) or []:
            raw_key = self.key_of(raw_id)
            rows = self.raw.entity_mentions(raw_id, limit=None)
            hashes = self.hashes(m["article_id"] for m in rows)
            for m in rows:
                fp = K.span_key(hashes.get(m["article_id"]), m["start"], m["end"])
                if plan.mention_entity(raw_key, fp) == final:
                    out.append(dict(m, entity_id=target, id=f"{m['article_id']}:{m['start']}"))
        out.sort(key=_mention_order)
        return out if limit is None else out[:limit]

    def list_mentions(self, *, article_id: int | None = None) -> list[dict[str, Any]]:
        rows = self.raw.list_mentions(article_id=article_id)
        plan = self.plan
        if not (plan.merges or plan.splits):
            return [dict(m, id=f"{m['article_id']}:{m['start']}") for m in rows]
        hashes = self.hashes(m["article_id"] for m in rows)
        out = []
        for m in rows:
            fp = K.span_key(hashes.get(m["article_id"]), m["start"], m["end"])
            final = plan.mention_entity(self.key_of(m["entity_id"]), fp)
            out.append(dict(m, entity_id=self.id_of(final) or m["entity_id"], id=f"{m['article_id']}:{m['start']}"))
        return out
