"""Entities and their mentions (baseline: spaCy NER, surnames merged; being extended)."""
from __future__ import annotations

from ..records import Entity, EntityTable, Mention

_KEEP = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}


def extract_entities(doc, published: str | None = None) -> EntityTable:
    entities: list[Entity] = []
    mentions: list[Mention] = []
    by_key: dict[tuple[str, str], Entity] = {}
    for ent in doc.ents:
        if ent.label_ not in _KEEP:
            continue
        name = ent.text.strip()
        key = (ent.label_, name.lower())
        e = by_key.get(key)
        if e is None and ent.label_ == "PERSON" and " " not in name:
            # A bare surname refers to the nearest earlier full name ending with it.
            e = next((x for x in reversed(entities) if x.type == "PERSON" and x.name.split()[-1] == name), None)
        if e is None:
            e = Entity(id=f"e{len(entities) + 1}", name=name, type=ent.label_)
            entities.append(e)
        if name not in e.aliases:
            e.aliases.append(name)
        by_key[key] = e
        mentions.append(Mention(entity_id=e.id, start=ent.start_char, end=ent.end_char, text=ent.text))
    return EntityTable(entities, mentions)
