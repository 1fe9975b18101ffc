"""Export records of the data contract (../shared/DESIGN.md) as JSONL or CSV.

JSONL carries every kind, one object per line with ``kind``. CSV is one table
per kind (``--kind``); list and object fields are JSON-encoded in their cell.
"""
from __future__ import annotations

import csv
import json
from typing import IO, Any, Iterable, Iterator

from .store import Store

ARTICLE_FIELDS = ["id", "source", "url", "title", "byline", "dateline", "categories", "published",
                  "published_source", "published_confidence", "story_id", "text"]

KIND_FIELDS: dict[str, list[str]] = {"article": ARTICLE_FIELDS}
KINDS = tuple(KIND_FIELDS)


def article_record(a: dict[str, Any]) -> dict[str, Any]:
    rec = {"kind": "article", **{k: a.get(k) for k in ARTICLE_FIELDS}}
    # Extra fields are welcome in the contract; these help a reader trace a record back.
    rec.update(revision=a.get("revision"), name=a.get("name"), summary=a.get("summary"))
    return rec


def iter_records(store: Store, kinds: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
    kinds = set(kinds or KINDS)
    if "article" in kinds:
        for a in store.iter_articles():
            yield article_record(a)


def write_jsonl(records: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    n = 0
    for r in records:
        fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(records: Iterable[dict[str, Any]], fh: IO[str], kind: str) -> int:
    fields = ["kind", *KIND_FIELDS[kind]]
    w = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore")
    w.writeheader()
    n = 0
    for r in records:
        if r.get("kind") != kind:
            continue
        w.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                    for k, v in r.items()})
        n += 1
    return n
