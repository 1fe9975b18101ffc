"""A small invented store whose records carry confidences: the Tarrow ferry dispute.

Built as the analysis and link stages hand records over (one canonical entity
per name), then linked (``link.stage.run`` derives the changes):

- positions on "closing the Tarrow ferry": Ilse Marren against (0.9) then for (0.3):
  a change of confidence 0.3 (hidden at 0.5); the Tarrow Council against (0.8) then
  for (0.7): a change of 0.7 (shown); Oskar Pell for (0.2) then against (no confidence);
- quotes: Marren "speaking to the Harbour Wire" (0.95), Pell (0.1, hidden), and one
  with no confidence (an older stage: shown);
- events: Marren REJECT (0.8), Pell PROTEST (0.2, hidden), the Council AGREE (none);
- Marren's roles: mayor of Tarrow, and former harbour master.
"""
from __future__ import annotations

import hashlib

from redline.link.stage import run as link
from redline.records import Analysis, Entity, EntityTable, Mention, Quote
from redline.store import open_store
from redline.store.base import CanonicalLinks, EntityRow, NewArticle

FERRY = ("closing the Tarrow ferry", "close|object=tarrow_ferry")
CHANNEL = "Harbour Wire"
PEOPLE = {
    "marren": EntityRow("person:ilse-marren", "Ilse Marren", "PERSON", aliases=["Ilse Marren", "Marren"],
                        roles=[{"title": "mayor", "org": "Tarrow", "country": None, "first_seen": "2031-03-02",
                                "last_seen": "2031-04-10", "former": False},
                               {"title": "harbour master", "org": None, "country": None,
                                "first_seen": "2031-03-02", "last_seen": "2031-03-02", "former": True}]),
    "pell": EntityRow("person:oskar-pell", "Oskar Pell", "PERSON", aliases=["Oskar Pell", "Pell"]),
    "council": EntityRow("org:tarrow-council", "Tarrow Council", "ORG", aliases=["Tarrow Council"]),
}

# (published, positions [(who, stance, date, confidence, sentence)], quotes [(who, words, confidence, channel)],
#  events [(who, type, trigger, confidence)])
ARTICLES = [
    ("2031-03-02",
     [("marren", "against", "2031-03-02", 0.9, "Ilse Marren said she opposed closing the Tarrow ferry."),
      ("council", "against", "2031-03-02", 0.8, "The Tarrow Council rejected closing the Tarrow ferry."),
      ("pell", "for", "2031-03-02", 0.2, "Oskar Pell perhaps backed closing the Tarrow ferry.")],
     [("marren", "The ferry stays.", 0.95, CHANNEL), ("pell", "Maybe it goes.", 0.1, None)],
     [("marren", "REJECT", "opposed", 0.8), ("pell", "PROTEST", "backed", 0.2)]),
    ("2031-04-10",
     [("marren", "for", "2031-04-10", 0.3, "Ilse Marren now seems to back closing the Tarrow ferry."),
      ("council", "for", "2031-04-10", 0.7, "The Tarrow Council voted for closing the Tarrow ferry."),
      ("pell", "against", "2031-04-10", None, "Oskar Pell opposed closing the Tarrow ferry.")],
     [("council", "We agreed.", None, None)],
     [("council", "AGREE", "voted", None)]),
]


def _article(n: int, published: str, positions: list, quotes: list, events: list) -> NewArticle:
    parts: list[str] = []
    for *_rest, sentence in positions:
        parts.append(sentence)
    for who, words, _c, channel in quotes:
        name = PEOPLE[who].name
        parts.append(f'{name}, speaking to the {channel}, said: "{words}"' if channel else f'{name} said: "{words}"')
    text = " ".join(parts)
    local = {who: f"e{who}" for who in PEOPLE}
    ents = [Entity(local[w], r.name, r.type, aliases=list(r.aliases)) for w, r in PEOPLE.items()]
    mentions = []
    for w, r in PEOPLE.items():
        at = text.find(r.name)
        while at >= 0:
            mentions.append(Mention(local[w], at, at + len(r.name), r.name))
            at = text.find(r.name, at + 1)
    records, holders, evs, qs = [], [], [], []
    for i, (who, stance, date, conf, sentence) in enumerate(positions):
        start = text.index(sentence)
        p = {"id": f"p{i}", "holder_id": local[who], "speaker_id": None, "proposition": FERRY[0],
             "proposition_key": FERRY[1], "stance": stance, "qualifier": None, "date": date,
             "evidence": {"start": start, "end": start + len(sentence), "sentence": sentence}}
        if conf is not None:
            p["confidence"] = conf
        records.append(p)
        holders.append((PEOPLE[who].key, None))
    for i, (who, words, conf, channel) in enumerate(quotes):
        start = text.index(words)
        name = PEOPLE[who].name
        q = Quote(f"q{i}", words, start, start + len(words), direct=True, cue="said", speaker_text=name,
                  speaker_start=text.index(name), speaker_end=text.index(name) + len(name), speaker_id=local[who])
        if conf is not None:
            q.confidence = conf  # set as attributes: works whether or not Quote declares them yet
        if channel:
            q.channel = channel
            q.channel_start = text.index(channel)
            q.channel_end = q.channel_start + len(channel)
        qs.append(q)
    for i, (who, kind, trigger, conf) in enumerate(events):
        sentence = next(s for *_r, s in positions if PEOPLE[who].name in s)
        start = text.index(sentence)
        e = {"id": f"v{i}", "type": kind, "trigger": trigger, "actor_ids": [local[who]], "modality": "asserted",
             "date": {"start": published, "end": published, "text": None}, "date_source": "article",
             "evidence": [{"start": start, "end": start + len(sentence), "sentence": sentence}]}
        if conf is not None:
            e["confidence"] = conf
        evs.append(e)
    h = hashlib.sha256(text.encode()).hexdigest()
    return NewArticle(key=f"tarrow-{n}", name=f"tarrow-{n}.txt", raw=text.encode(), raw_format="text",
                      raw_hash="r" + h, text=text, content_hash=h, title=f"Tarrow ferry report {n}",
                      source="Tarrow Tidings", published=published, published_source="sidecar",
                      published_confidence=1.0, categories=[],
                      analysis=Analysis(text, published, EntityTable(ents, mentions), quotes=qs, events=evs,
                                        positions=records),
                      links=CanonicalLinks(list(PEOPLE.values()), {local[w]: r.key for w, r in PEOPLE.items()},
                                           holders))


def scored_store(path: str):
    """An open store at ``path`` holding the Tarrow articles, linked."""
    store = open_store(path)
    for n, (published, positions, quotes, events) in enumerate(ARTICLES, 1):
        store.put_article(_article(n, published, positions, quotes, events))
    link(store)
    return store


def scored_db(path: str) -> str:
    """The Tarrow store at ``path``, closed: for the CLI, the API and the pages."""
    scored_store(path).close()
    return path
