"""A small invented store for the proposition tests: the Harbour Levy Act dispute in Selby.

Each article is stored as the analysis and link stages would hand it over (one
canonical entity per holder), then ``link.stage.run`` derives the changes:

- "repealing the Harbour Levy Act": Mara Quill against (March) then for (April),
  Northwind Holdings for, Tamsin Reed for: 3 holders, 4 positions, 1 change;
- "raising the harbour levy": the Selby Port Council against, twice: 1 holder, 2 positions;
- "Northwind Holdings buying the Selby port": Osric Vane for: 1 holder, 1 position;
- "the ferry accord": the Selby Port Council for, undated: 1 holder, 1 position.
"""
from __future__ import annotations

import hashlib

import pytest

from redline.link.stage import run as link
from redline.records import Analysis, Entity, EntityTable, Mention
from redline.store import open_store
from redline.store.base import CanonicalLinks, EntityRow, NewArticle

HOLDERS = {"mara": ("person:mara-quill", "Mara Quill", "PERSON"),
           "northwind": ("org:northwind-holdings", "Northwind Holdings", "ORG"),
           "tamsin": ("person:tamsin-reed", "Tamsin Reed", "PERSON"),
           "council": ("org:selby-port-council", "Selby Port Council", "ORG"),
           "osric": ("person:osric-vane", "Osric Vane", "PERSON")}

REPEAL = ("repealing the Harbour Levy Act", "repeal|object=harbour_levy_act")
RAISE = ("raising the harbour levy", "raise|object=harbour_levy")
BUY = ("Northwind Holdings buying the Selby port", "buy|agent=northwind|object=selby_port")
FERRY = ("the ferry accord", "accord|ferry")

# (published, [(holder, stance, proposition, date, sentence)])
ARTICLES = [
    ("2031-03-02", [("mara", "against", REPEAL, "2031-03-02",
                     "Mara Quill said she opposed repealing the Harbour Levy Act."),
                    ("northwind", "for", REPEAL, "2031-03-02",
                     "Northwind Holdings said it supported repealing the Harbour Levy Act.")]),
    ("2031-03-20", [("council", "against", RAISE, "2031-03-20",
                     "The Selby Port Council rejected raising the harbour levy."),
                    ("council", "for", FERRY, None, "The Selby Port Council has long backed the ferry accord.")]),
    ("2031-04-10", [("mara", "for", REPEAL, "2031-04-10",
                     "Mara Quill now backs repealing the Harbour Levy Act."),
                    ("council", "against", RAISE, "2031-04-10",
                     "The Selby Port Council again refused to raise the harbour levy.")]),
    ("2031-05-05", [("osric", "for", BUY, "2031-05-05",
                     "Osric Vane welcomed Northwind Holdings buying the Selby port."),
                    ("tamsin", "for", REPEAL, "2031-05-05",
                     "Tamsin Reed called for repealing the Harbour Levy Act.")]),
]


def _article(n: int, published: str, said: list[tuple]) -> NewArticle:
    text = " ".join(s[-1] for s in said)
    ents, mentions, positions, holders, rows, keys = [], [], [], [], {}, {}
    at = 0
    for i, (who, stance, (prop, key), date, sentence) in enumerate(said):
        canon, name, type_ = HOLDERS[who]
        local = f"e{who}"
        if local not in keys:
            ents.append(Entity(local, name, type_, aliases=[name]))
            keys[local] = canon
            rows[canon] = EntityRow(canon, name, type_, None, aliases=[name])
        start = text.index(sentence, at)
        at = start + len(sentence)
        mentions.append(Mention(local, start, start + len(name), name))
        positions.append({"id": f"p{i}", "holder_id": local, "speaker_id": None, "proposition": prop,
                          "proposition_key": key, "stance": stance, "qualifier": None, "date": date,
                          "evidence": {"start": start, "end": at, "sentence": sentence}})
        holders.append((canon, None))
    h = hashlib.sha256(text.encode()).hexdigest()
    return NewArticle(key=f"selby-{n}", name=f"selby-{n}.txt", raw=text.encode(), raw_format="text",
                      raw_hash="r" + h, text=text, content_hash=h, title=f"Selby harbour report {n}",
                      source="Selby Tidings", published=published, published_source="sidecar",
                      published_confidence=1.0, categories=[],
                      analysis=Analysis(text, published, EntityTable(ents, mentions), positions=positions),
                      links=CanonicalLinks(list(rows.values()), keys, holders))


def harbour_store(path: str):
    """An open store at ``path`` holding the Selby articles, linked (changes derived)."""
    store = open_store(path)
    for n, (published, said) in enumerate(ARTICLES, 1):
        store.put_article(_article(n, published, said))
    link(store)
    return store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """The Selby store, one per test module that imports this fixture."""
    s = harbour_store(str(tmp_path_factory.mktemp("harbour") / "harbour.db"))
    yield s
    s.close()
