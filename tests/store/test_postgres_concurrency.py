"""Several processes writing one PostgreSQL store at once lose nothing.

Each worker process runs two threads (two stores sharing the process's pool,
as the API's requests do), and each thread stores articles that all name one
person, with an alias and a role of their own and a role they share. Every
writer hands over the entity as its own index knows it (what it wrote itself),
as an ingest process does whose index was loaded before the others wrote; a
store that overwrote entity rows would keep only the last writer's aliases.
Every writer also revises one shared document and links (``redline.link``)
between its articles, so link runs and article writes interleave.
"""
from __future__ import annotations

import multiprocessing
import threading

import pytest

WORKERS, THREADS, ARTICLES = 3, 2, 8
KEY = "person:edvin-harrow"


def _article(writer: str, i: int, aliases: list[str], roles: list[dict]):
    from redline.records import Analysis, Entity, EntityTable, Mention
    from redline.store.base import CanonicalLinks, EntityRow
    from redline.testing.store_contract import art

    text = f"Edvin Harrow, envoy {writer}-{i}, spoke in Saltmarsh on day {i}."
    day = f"2031-05-{i + 1:02d}"
    analysis = Analysis(text, day, EntityTable([Entity("e1", "Edvin Harrow", "PERSON")],
                                               [Mention("e1", 0, 12, "Edvin Harrow")]))
    row = EntityRow(KEY, "Edvin Harrow", "PERSON", aliases=list(aliases), roles=[dict(r) for r in roles])
    return art(key=f"{writer}-{i}", text=text, published=day, line_keys={"subscribe now", f"from {writer}"},
               analysis=analysis, links=CanonicalLinks([row], {"e1": KEY}, []))


def _write(url: str, writer: str, start, errors: list) -> None:
    from redline.link.stage import run as link_run
    from redline.store import open_store
    from redline.testing.store_contract import art

    try:
        store = open_store(url)
        aliases, roles = ["Edvin Harrow"], []
        start.wait(60)
        for i in range(ARTICLES):
            aliases.append(f"Harrow {writer}-{i}")
            roles.append({"title": f"envoy {writer}-{i}", "org": None, "country": None,
                          "first_seen": None, "last_seen": None, "former": False})
            shared = {"title": "minister", "org": "Harbour Board", "country": None,
                      "first_seen": f"2031-05-{i + 1:02d}", "last_seen": f"2031-05-{i + 1:02d}", "former": False}
            res = store.put_article(_article(writer, i, aliases, [*roles, shared]))
            assert res.outcome == "ingested", res
            revised = store.put_article(art(key="shared-doc", text=f"The shared notice, as {writer} wrote it at {i}."))
            assert revised.outcome in ("ingested", "revised"), revised
            if i % 3 == 2:
                summary = link_run(store)
                assert not summary.failed, summary.failed
        store.close()
    except BaseException as err:  # reported to the parent: a thread's exception is otherwise lost
        errors.append(f"{writer}: {type(err).__name__}: {err}")


def _worker(url: str, n: int, start, results) -> None:
    errors: list[str] = []
    threads = [threading.Thread(target=_write, args=(url, f"w{n}t{t}", start, errors)) for t in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    results.put((n, errors))


def test_concurrent_writers_lose_no_article_alias_or_role(pg_url):
    from redline.link.stage import run as link_run
    from redline.store import open_store

    open_store(pg_url).close()  # migrated once, before the writers (they would take turns anyway)
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(pg_url, n, start, results)) for n in range(WORKERS)]
    for p in procs:
        p.start()
    start.set()
    outcomes = dict(results.get(timeout=300) for _ in procs)
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    assert all(not errs for errs in outcomes.values()), outcomes

    writers = [f"w{n}t{t}" for n in range(WORKERS) for t in range(THREADS)]
    store = open_store(pg_url)
    try:
        link_run(store)  # whatever the last writers stored after their own last link
        total = len(writers) * ARTICLES
        assert store.count_articles() == total + 1  # the shared document: one current revision
        assert store.count_articles(all_revisions=True) == total + len(writers) * ARTICLES
        assert store.integrity_problems() == []
        keys = {a["doc_key"] for a in store.iter_articles()}
        assert keys == {f"{w}-{i}" for w in writers for i in range(ARTICLES)} | {"shared-doc"}

        person = store.entity_by_key(KEY)
        want_aliases = {f"Harrow {w}-{i}" for w in writers for i in range(ARTICLES)} | {"Edvin Harrow"}
        assert set(person["aliases"]) == want_aliases and len(person["aliases"]) == len(want_aliases)
        titles = [r["title"] for r in person["roles"]]
        assert sorted(titles) == sorted({f"envoy {w}-{i}" for w in writers for i in range(ARTICLES)} | {"minister"})
        [minister] = [r for r in person["roles"] if r["title"] == "minister"]
        assert (minister["first_seen"], minister["last_seen"]) == ("2031-05-01", f"2031-05-{ARTICLES:02d}")
        assert len(store.list_mentions()) == total and person["id"] == store.list_entities()[0]["id"]

        # Every new document counted once in its outlet's line statistics, none lost to a race.
        counts, n = store.line_stats("Quillon Weekly", ["subscribe now", "from w0t0"])
        assert n == total and counts == {"subscribe now": total, "from w0t0": ARTICLES}
        # Linking interleaved with the writes skipped no article: every current one is in a story.
        assert all(a["story_id"] is not None for a in store.iter_articles())
        assert store.articles_to_link(store.link_state("stories")[1]) == []
    finally:
        store.close()


def test_a_stale_writer_merges_into_the_stored_entity(pg_url):
    """Sequentially, the same thing: a writer whose row predates another's adds to it, takes nothing away."""
    from redline.store import open_store

    store = open_store(pg_url)
    try:
        first = _article("a", 0, ["Edvin Harrow", "Harrow"], [
            {"title": "envoy", "org": None, "country": None, "first_seen": "2031-05-01", "last_seen": "2031-05-01",
             "former": False}])
        store.put_article(first)
        stale = _article("b", 1, ["Edvin Harrow", "E. Harrow"], [
            {"title": "envoy", "org": None, "country": "VLD", "first_seen": "2031-06-01", "last_seen": "2031-06-01",
             "former": True}])
        stale.links.entities[0].name = "Harrow"  # an older name of the row, from a writer behind the times
        store.put_article(stale)
        person = store.entity_by_key(KEY)
        assert person["name"] == "Edvin Harrow"
        assert person["aliases"] == ["Edvin Harrow", "Harrow", "E. Harrow"]
        assert person["roles"] == [{"title": "envoy", "org": None, "country": "VLD", "first_seen": "2031-05-01",
                                    "last_seen": "2031-06-01", "former": True}]  # the later sighting decides
        version = store.entities_version()
        store.put_article(_article("c", 2, ["Edvin Harrow", "Envoy Harrow"], []))
        assert store.entities_version() != version  # an updated row counts as a change, not only a new one
    finally:
        store.close()


@pytest.mark.parametrize("stored, aliases, given, kept", [
    ("Harrow", ["Harrow", "Edvin Harrow"], "Edvin Harrow", "Edvin Harrow"),  # a fuller name, known as an alias
    ("Edvin Harrow", ["Edvin Harrow"], "Edvin Tarn Harrow", "Edvin Tarn Harrow"),  # a new name
    ("Edvin Harrow", ["Harrow", "Edvin Harrow"], "Harrow", "Edvin Harrow"),  # an older name: a stale writer
])
def test_which_name_an_entity_keeps(pg_url, stored, aliases, given, kept):
    from redline.store import open_store

    store = open_store(pg_url)
    try:
        first = _article("a", 0, aliases, [])
        first.links.entities[0].name = stored
        store.put_article(first)
        later = _article("b", 1, [*aliases, given], [])
        later.links.entities[0].name = given
        store.put_article(later)
        assert store.entity_by_key(KEY)["name"] == kept
    finally:
        store.close()
