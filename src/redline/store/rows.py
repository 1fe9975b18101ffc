"""The rows an article's events and positions become, the same in every store.

Each backend writes them with its own SQL (placeholders, RETURNING, batches);
what goes in each column is decided here once, so the two stores cannot drift
apart on what they keep.
"""
from __future__ import annotations

import json
from typing import Any

from .dates import sort_date

_POSITION_FIELDS = frozenset({"id", "holder_id", "speaker_id", "proposition", "proposition_key", "stance",
                              "qualifier", "date", "article_id", "evidence"})
_EVENT_FIELDS = frozenset({"id", "article_ids", "type", "mode", "context", "trigger", "actor_ids", "recipient_ids",
                           "location_ids", "negated", "modality", "date", "evidence"})


def as_json(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False)


def position_values(p: dict[str, Any], article_id: int, ids: dict[str, int]) -> tuple | None:
    """The ``positions`` columns (article_id, holder_id, speaker_id, proposition, proposition_key, stance,
    qualifier, date, sort_date, is_past, start, end, sentence, extra) of a position, or None when its
    holder is no stored entity; ``ids`` maps the analysis's entity ids to the store's."""
    holder = ids.get(p.get("holder_id") or "")
    if holder is None:
        return None
    speaker = ids.get(p.get("speaker_id") or "")
    ev = p.get("evidence") or {}
    extra = {k: v for k, v in p.items() if k not in _POSITION_FIELDS}
    if extra.get("acting_for"):
        extra["acting_for"] = ids.get(extra["acting_for"])
    return (article_id, holder, speaker, p["proposition"], p["proposition_key"], p["stance"], p.get("qualifier"),
            p.get("date"), sort_date(p.get("date")), p.get("when") == "before", ev.get("start", 0), ev.get("end", 0),
            ev.get("sentence", ""), as_json(extra))


def event_values(e: dict[str, Any], article_id: int, ids: dict[str, int]) -> tuple[tuple, dict[str, list[int]]]:
    """The ``events`` columns (key, type, mode, context, trigger, negated, modality, date_start, date_end,
    date_text, actor_ids, recipient_ids, location_ids, extra) of an event, and its participants by role."""
    roles = {role: [ids[i] for i in e.get(f"{role}_ids", []) if i in ids] for role in ("actor", "recipient", "location")}
    date = e.get("date") or {}
    extra = {k: v for k, v in e.items() if k not in _EVENT_FIELDS and not k.endswith("_ids")}
    values = (f"a{article_id}:{e['id']}", e["type"], e.get("mode"), e.get("context"), e.get("trigger"),
              bool(e.get("negated")), e.get("modality") or "asserted", date.get("start"), date.get("end"),
              date.get("text"), as_json(roles["actor"]), as_json(roles["recipient"]), as_json(roles["location"]),
              as_json(extra))
    return values, roles


def participant_rows(event_id: int, roles: dict[str, list[int]]) -> list[tuple[int, int, str]]:
    """The ``event_actors`` rows (event_id, entity_id, role) of an event's participants."""
    return [(event_id, x, role) for role, xs in roles.items() for x in xs]


def evidence_rows(event_id: int, article_id: int, e: dict[str, Any]) -> list[tuple]:
    """The ``event_evidence`` rows (event_id, article_id, start, end, sentence) of an event."""
    return [(event_id, article_id, ev.get("start", 0), ev.get("end", 0), ev.get("sentence", ""))
            for ev in e.get("evidence") or []]
