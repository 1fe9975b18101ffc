"""Paged index state: a linker reopened from storage before every article decides as one kept in memory."""
from __future__ import annotations

import json

import pytest

from redline.link.dedup import EventIndex
from redline.link.state import Table
from redline.link.stories import StoryIndex, StorySettings

from .fixtures import ARTICLES
from .test_dedup import event, keys_of


class Storage:
    """What the store's link_items and link_state hold, as dicts; counts the keys read."""

    def __init__(self, cls):
        self.cls, self.rows, self.header, self.reads = cls, {}, cls().header(), 0

    def load(self, table: str, keys: list[str]) -> dict:
        self.reads += len(keys)
        return {k: json.loads(self.rows[table, k]) for k in keys if (table, k) in self.rows}

    def open(self):
        return self.cls.paged(self.header, self.load)

    def save(self, index) -> None:
        for name, table in index.tables().items():
            for k, v in table.dirty():
                key, value = index.encode(name, k, v)
                self.rows[name, key] = json.dumps(value)
            table.clean()
        self.header = json.loads(json.dumps(index.header()))


def test_table_loads_once_and_tracks_changes():
    calls = []

    def loader(keys):
        calls.append(list(keys))
        return {k: k.upper() for k in keys if k not in ("gone", "n")}

    t = Table(loader=loader)
    t.prefetch(["a", "b", "gone"])
    assert t["a"] == "A" and t.get("gone") is None and "gone" not in t
    assert calls == [["a", "b", "gone"]]  # known and known-absent keys are not asked for again
    assert t.get("c") == "C" and calls[-1] == ["c"]
    assert t.dirty() == []
    t["gone"] = "back"
    t.add("n", 2)
    t.touch("a")
    t.touch("never-loaded")  # nothing to save for an entry that is not in memory
    assert sorted(t.dirty()) == [("a", "A"), ("gone", "back"), ("n", 2)]
    t.clean()
    assert t.dirty() == []
    with pytest.raises(RuntimeError, match="paged"):
        len(t)


def test_memory_table_is_a_dict():
    t = Table({"x": 1})
    t.add("x")
    t.add("y")
    assert dict(t.items()) == {"x": 2, "y": 1} and len(t) == 2 and t["x"] == 2
    with pytest.raises(KeyError):
        t["z"]


def test_paged_story_index_matches_memory_article_by_article():
    live, storage, paged = StoryIndex(), Storage(StoryIndex), []
    for i, a in enumerate(ARTICLES):
        index = storage.open()  # a fresh run for every article: only storage carries state over
        paged.append(index.add(i, a["text"], a["published"], a["keys"], a["title"]))
        summary = index.summary(paged[-1])
        storage.save(index)
        assert paged[-1] == live.add(i, a["text"], a["published"], a["keys"], a["title"])
        want = live.story(paged[-1])
        assert (summary["title"], summary["first_date"], summary["last_date"], summary["size"]) == \
            (want["title"], want["first_date"], want["last_date"], len(want["article_ids"]))
    index = storage.open()
    assert index.add(0, "text", None, []) == paged[0]  # an article already placed stays where it is
    with pytest.raises(RuntimeError):
        index.stories()  # a paged index cannot list itself whole


def test_a_run_reads_only_what_one_article_touches():
    # Hundreds of one-article stories on one dock: a new article's reads are
    # bounded by the settings, not by how many stories there are.
    settings = StorySettings(threshold=2.0, posting_cap=16, max_candidates=8)
    storage = Storage(StoryIndex)
    storage.header = StoryIndex(settings).header()
    index = storage.open()
    for i in range(300):
        index.add(i, f"Harbour cranes idle at Port Amsel dock number {i} as dockers strike", "2031-05-01",
                  ["place:port-amsel"])
    storage.save(index)
    storage.reads = 0
    text = "Dockers strike again at the Port Amsel harbour cranes"
    storage.open().add(1000, text, "2031-05-02", ["place:port-amsel"])
    terms = len(set(text.lower().split()))
    bound = 1 + 2 * (terms + 1) + (settings.query_terms + settings.query_entities) + \
        2 * settings.max_candidates + settings.max_candidates + settings.index_terms + 1
    assert 0 < storage.reads <= bound


def test_paged_event_index_matches_memory():
    reports = [(event(), 1), (event(actors=("e9",), recipients=("e7",), trigger="shelling"), 2),
               (event(type_="CONSULT", trigger="met"), 1), (event(start="2031-04-30"), 3), (event(), 3)]
    live, storage, keys = EventIndex(), Storage(EventIndex), []
    for report, article in reports:
        index = storage.open()
        keys.append(index.add(report, article, "2031-04-11", keys_of(article)))
        storage.save(index)
        assert keys[-1] == live.add(report, article, "2031-04-11", keys_of(article))
    assert keys[0] == keys[1] and len(set(keys)) == 4  # the shelling told twice is one event
    index = storage.open()
    for key in set(keys):
        assert index.get(key) == live.get(key)
    assert index.get(keys[0])["article_ids"] == [1, 2]
