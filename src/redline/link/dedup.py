"""Event deduplication across articles: one event, several reports.

Two reports are the same event when they have the same PLOVER type and
polarity, compatible modality (what happened vs what was planned vs what
might happen), overlapping canonical actors, compatible recipients (overlap,
or one side unnamed), dates within ``day_tolerance`` days (a wire story
dated the day after the strike says "on Monday"), and a similar trigger (the
same crude lemma, or close spelling). A different trigger is still accepted
when the recipients overlap and the day is the same: "struck" and "hit" on one
target on one day are one attack.

Look-up is blocked: each merged event is filed under (type, polarity, actor
key, day) for each of its actors (recipients when it has no actor), and a new
report reads only the blocks of its own actors for the days within the
tolerance. Blocks are capped, so the cost per event is flat in the store size.
The index's state is in ``link.state.Table``s, held in memory or paged in from
the store (``EventIndex.paged``): a new report reads only its blocks and the
events filed in them.
Reports without any canonical participant, or without any date (neither
stated nor the article's), are kept as separate events: with nobody or no
time to compare, a merge would be a guess.
"""
from __future__ import annotations

import copy
import re
from collections import OrderedDict
from dataclasses import asdict, dataclass
from typing import Any, Callable

from rapidfuzz import fuzz

from .state import PagedState, Table

from .tokens import STOP, day_number, is_day_precise

STATE_VERSION = 1
# Modalities that may describe the same occurrence: a reported attack is the
# attack another outlet asserts, but a planned strike is not the strike.
_MODALITY_GROUP = {"asserted": "fact", "reported": "fact", "planned": "plan",
                   "conditional": "irrealis", "hypothetical": "irrealis"}
# When reports merge, the firmer modality wins.
_MODALITY_RANK = {"asserted": 0, "reported": 1, "planned": 2, "conditional": 3, "hypothetical": 4}
_SUFFIX = re.compile(r"(?:ing|ed|es|s|e)$")


@dataclass(frozen=True)
class EventSettings:
    day_tolerance: int = 2
    block_cap: int = 64  # events kept per block, most recent first
    trigger_ratio: float = 80.0  # rapidfuzz ratio for "similar trigger" when no lemma is shared


def trigger_lemmas(trigger: str | None) -> frozenset[str]:
    """Crude lemmas of a trigger's content words: approve/approved/approves -> "approv"."""
    words = re.findall(r"[a-z]+", (trigger or "").lower())
    return frozenset(_SUFFIX.sub("", w) or w for w in words if w not in STOP and len(w) > 2)


# Types whose two sides are interchangeable in the telling: who "met" whom, who "cooperated" with whom.
SYMMETRIC = frozenset({"CONSULT", "COOPERATE"})


class EventIndex(PagedState):
    """Merges reports of the same event; see the module docstring."""

    def __init__(self, settings: EventSettings | None = None):
        self.settings = settings or EventSettings()
        self._events = Table()  # key -> merged event record
        self._meta = Table()  # key -> {day, explicit, lemmas}
        self._blocks = Table()  # block key -> OrderedDict of event keys, most recent first
        self._next = 1

    def __len__(self) -> int:
        return self._next - 1

    def add(self, event: dict[str, Any], article_id: int, published: str | None,
            entity_keys_of: Callable[[str], str | None]) -> str:
        """Merge one article's event; return the canonical event key it joined or started."""
        report = self._report(event, article_id, published, entity_keys_of)
        comparable = (report["actors"] or report["recipients"]) and (report["day"] is not None or report["coarse"])
        key = self._match(report) if comparable else None
        if key is None:
            key = f"ev{self._next}"
            self._next += 1
            self._start(key, event, report)
        else:
            self._merge(key, report)
        self._file(key)
        return key

    def get(self, key: str) -> dict[str, Any] | None:
        return self._events.get(key)

    def events(self) -> list[dict[str, Any]]:
        """Merged events in the data contract's shape; actor/recipient/location ids are canonical entity keys.

        Only for an index held in memory; a paged one's events are in the store.
        """
        return list(self._events.values())

    # -- reports ------------------------------------------------------------
    @staticmethod
    def _keys(ids, entity_keys_of) -> list[str]:
        out = []
        for i in ids or ():
            k = entity_keys_of(i)
            if k is not None and k not in out:
                out.append(k)
        return out

    def _report(self, event, article_id, published, entity_keys_of) -> dict[str, Any]:
        report = self._report_sides(event, article_id, published, entity_keys_of)
        if report["type"] in SYMMETRIC:
            # "A met B" and "B met A" are one meeting: compare the participants, not the sides.
            report["actors"] = report["actors"] + [k for k in report["recipients"] if k not in report["actors"]]
            report["recipients"] = []
        return report

    def _report_sides(self, event, article_id, published, entity_keys_of) -> dict[str, Any]:
        date = event.get("date") or {}
        start = date.get("start")
        explicit = start is not None
        value = start if explicit else published
        evidence = [dict(e, article_id=e.get("article_id", article_id)) for e in event.get("evidence") or ()]
        return {
            "type": event["type"], "negated": bool(event.get("negated")),
            "modality": event.get("modality") or "asserted",
            "actors": self._keys(event.get("actor_ids"), entity_keys_of),
            "recipients": self._keys(event.get("recipient_ids"), entity_keys_of),
            "locations": self._keys(event.get("location_ids"), entity_keys_of),
            "day": day_number(value) if is_day_precise(value) else None,
            "coarse": None if is_day_precise(value) else value,
            "explicit": explicit, "date": date if explicit else None, "published": published,
            "lemmas": trigger_lemmas(event.get("trigger")), "trigger": event.get("trigger"),
            "article_id": article_id, "evidence": evidence,
            "mode": event.get("mode"), "context": event.get("context"),
        }

    # -- matching -----------------------------------------------------------
    def _block_keys(self, type_, negated, actors, recipients, day, coarse) -> list[str]:
        who = [("a", k) for k in actors] or [("r", k) for k in recipients]
        when = str(day) if day is not None else f"c{coarse}"
        return [f"{type_}|{int(negated)}|{side}:{k}|{when}" for side, k in who]

    def _match(self, r: dict[str, Any]) -> str | None:
        tol = self.settings.day_tolerance
        days = [r["day"] + d for d in range(-tol, tol + 1)] if r["day"] is not None else [None]
        bkeys = [b for day in days
                 for b in self._block_keys(r["type"], r["negated"], r["actors"], r["recipients"], day, r["coarse"])]
        self._blocks.prefetch(bkeys)
        keys = list(dict.fromkeys(k for b in bkeys for k in self._blocks.get(b, ())))
        self._events.prefetch(keys)
        self._meta.prefetch(keys)
        best, best_score = None, -1.0
        for key in keys:
            score = self._same(key, r)
            if score is not None and score > best_score:
                best, best_score = key, score
        return best

    def _same(self, key: str, r: dict[str, Any]) -> float | None:
        """A similarity score when ``r`` reports the event ``key``, else None."""
        ev, meta = self._events[key], self._meta[key]
        if _MODALITY_GROUP.get(ev["modality"], ev["modality"]) != _MODALITY_GROUP.get(r["modality"], r["modality"]):
            return None
        actors, recipients = set(ev["actor_ids"]), set(ev["recipient_ids"])
        if r["actors"] and actors and not actors & set(r["actors"]):
            return None
        if r["recipients"] and recipients and not recipients & set(r["recipients"]):
            return None
        gap = abs(meta["day"] - r["day"]) if meta["day"] is not None and r["day"] is not None else 0
        same_target = bool(recipients & set(r["recipients"]))
        similar = bool(meta["lemmas"] & r["lemmas"]) or (
            fuzz.ratio(ev["trigger"] or "", r["trigger"] or "") >= self.settings.trigger_ratio)
        if not similar and not (same_target and gap == 0):
            return None
        return (_jaccard(actors, r["actors"]) + _jaccard(recipients, r["recipients"])
                + (1.0 if similar else 0.0) - 0.2 * gap)

    # -- update -------------------------------------------------------------
    def _start(self, key: str, event: dict[str, Any], r: dict[str, Any]) -> None:
        rec = {k: copy.deepcopy(v) for k, v in event.items() if k not in ("id", "article_ids", "evidence")}
        rec.update({"id": key, "article_ids": [r["article_id"]], "type": r["type"], "negated": r["negated"],
                    "modality": r["modality"], "actor_ids": list(r["actors"]),
                    "recipient_ids": list(r["recipients"]), "location_ids": list(r["locations"]),
                    "date": copy.deepcopy(r["date"]) if r["explicit"] else _article_date(r["published"]),
                    "trigger": r["trigger"], "evidence": list(r["evidence"])})
        self._events[key] = rec
        self._meta[key] = {"day": r["day"], "explicit": r["explicit"], "lemmas": set(r["lemmas"])}

    def _merge(self, key: str, r: dict[str, Any]) -> None:
        ev, meta = self._events[key], self._meta[key]
        if r["article_id"] not in ev["article_ids"]:
            ev["article_ids"].append(r["article_id"])
        for field, new in (("actor_ids", r["actors"]), ("recipient_ids", r["recipients"]),
                           ("location_ids", r["locations"])):
            ev[field].extend(k for k in new if k not in ev[field])
        spans = {(e.get("article_id"), e.get("start"), e.get("end")) for e in ev["evidence"]}
        ev["evidence"].extend(e for e in r["evidence"] if (e.get("article_id"), e.get("start"), e.get("end")) not in spans)
        if _MODALITY_RANK.get(r["modality"], 9) < _MODALITY_RANK.get(ev["modality"], 9):
            ev["modality"] = r["modality"]
        if r["explicit"] and not meta["explicit"]:
            # A date the text states beats the article date used as a stand-in.
            ev["date"], meta["day"], meta["explicit"] = copy.deepcopy(r["date"]), r["day"], True
        for field in ("mode", "context"):
            if not ev.get(field) and r.get(field):
                ev[field] = r[field]
        meta["lemmas"] |= r["lemmas"]
        self._events.touch(key)
        self._meta.touch(key)

    def _file(self, key: str) -> None:
        ev, meta = self._events[key], self._meta[key]
        coarse = None if meta["day"] is not None else ((ev.get("date") or {}).get("start") or "")
        bkeys = self._block_keys(ev["type"], ev["negated"], ev["actor_ids"], ev["recipient_ids"], meta["day"], coarse)
        self._blocks.prefetch(bkeys)
        for bkey in bkeys:
            block = self._blocks.get(bkey) or OrderedDict()
            block[key] = None
            block.move_to_end(key, last=False)
            if len(block) > self.settings.block_cap:
                block.popitem(last=True)
            self._blocks[bkey] = block

    # -- persistence --------------------------------------------------------
    _TABLES = {"events": "_events", "meta": "_meta", "blocks": "_blocks"}

    def header(self) -> dict[str, Any]:
        """The scalars of the state: what a paged index keeps outside its tables."""
        return {"version": STATE_VERSION, "settings": asdict(self.settings), "next": self._next}

    @staticmethod
    def encode(table: str, key: str, value: Any) -> tuple[str, Any]:
        """A table entry as (text key, JSON value) for storage."""
        if table == "meta":
            value = {**value, "lemmas": sorted(value["lemmas"])}
        elif table == "blocks":
            value = list(value)
        return key, value

    @staticmethod
    def decode(table: str, key: str, value: Any) -> tuple[str, Any]:
        if table == "meta":
            value = {**value, "lemmas": set(value["lemmas"])}
        elif table == "blocks":
            value = OrderedDict.fromkeys(value)
        return key, value

    @classmethod
    def paged(cls, header: dict[str, Any], loader: Callable[[str, list[str]], dict[str, Any]]) -> EventIndex:
        """An index whose tables are read from storage on demand; see ``StoryIndex.paged``."""
        if header.get("version") != STATE_VERSION:
            raise ValueError(f"event index state version {header.get('version')!r}; rebuild it from the events")
        idx = cls(EventSettings(**header["settings"]))
        idx._next = header["next"]
        idx._page_tables(loader)
        return idx

    def state(self) -> dict[str, Any]:
        """A JSON-serializable snapshot of an index held in memory; ``from_state`` restores it exactly."""
        return {**self.header(), "events": dict(self._events.items()),
                "meta": {k: self.encode("meta", k, m)[1] for k, m in self._meta.items()},
                "blocks": dict(self.encode("blocks", k, v) for k, v in self._blocks.items())}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> EventIndex:
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"event index state version {state.get('version')!r}; rebuild it from the events")
        idx = cls(EventSettings(**state["settings"]))
        idx._next = state["next"]
        idx._events = Table(copy.deepcopy(state["events"]))
        idx._meta = Table({k: cls.decode("meta", k, m)[1] for k, m in state["meta"].items()})
        idx._blocks = Table(dict(cls.decode("blocks", k, v) for k, v in state["blocks"].items()))
        return idx


def _jaccard(a: set[str], b: list[str]) -> float:
    u = a | set(b)
    return len(a & set(b)) / len(u) if u else 0.0


def _article_date(published: str | None) -> dict[str, Any] | None:
    return {"start": published, "end": published, "text": None} if published else None
