"""The one change rule: when a holder's stance on a proposition is a change.

For each (holder, proposition) thread, the dated positions are walked in date
order, and a stance that differs from the holder's previous one on the same
scope (qualifier) is a change (``thread_changes``). A position's scope is its
qualifier ("limited to border areas near X", "in Y"); null is the proposition
at large. Allowing a limited scope and refusing the broader question are two
consistent stances, not a reversal, so stances are compared scope by scope. A
report that omits the scope of a stance another report gives for the same
period ("Germany would allow its missiles to be used ..." on the day that "in
May, Germany gave the green light for ... in Belgorod" describes) takes that
scope: reporters drop qualifiers, and an unqualified report must not widen a
limited decision into a general one. A past-only stance with no date of its
own ("previously opposed", the old side of "withdrew his endorsement") never
counts as the current one; it gives the stance a thread starts from when no
earlier one is known, so a reversal said in one sentence is a change.

A thread is a question, not a key string (``question_threads``): the
positions of the holder on every key that meets the thread's key
(``link.questions``: an opposite action, with its stance flipped; a phrase
object with words added; a wildcard slot, which covers a named one as the
question at large covers a qualifier). A key that names a slot another key
leaves open is a narrower scope, compared by the same scope rule: refusing
weapons at large and then allowing one system is a change; allowing one
system and then refusing the wider question is not. A change belongs to the
thread of its new stance's key, so each change is found once, and stored
under that key.

Every view uses this rule: the link stage stores its changes after each batch
(``update``), which ``Store.list_changes`` (the CLI, the API, the home page,
export, timelines) reads; the tracker and the plot ring the cells of the same
changes (``changed_positions``).
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from ..store.base import Store
from ..store.dates import sort_date
from .questions import WILD, KeyIndex, narrows, question, stance_on

NAME = "changes"  # the link state's name
VERSION = 3  # 2: a thread walks every key that asks its question (``link.questions``); 3: changes carry confidence
_CHUNK = 400  # ids or keys per query: under SQLite's limit on a statement's variables


def update(store: Store) -> int:
    """Derive again the changes of every thread the articles stored since the last run touched.

    A thread's changes depend on the holder's positions on every key that meets
    its own (``link.questions``), so a touched key derives again the threads of
    the keys that meet it, over the positions of the keys that meet those.
    Returns how many threads were looked at. A store that never ran it, or ran
    an earlier version of the rule, does all threads."""
    header, last = store.link_state(NAME)
    if header is not None and header.get("version") != VERSION:
        last = 0
    touched, newest = store.threads_since(last)
    if newest <= last and not touched:
        return 0
    with store.batch():
        index = KeyIndex(k for k, _label in store.proposition_labels())
        wanted: dict[int, set[str]] = {}
        for holder, key in touched:
            wanted.setdefault(holder, set()).update([key, *index.meeting(key)])
        needed = {h: {m for k in keys for m in index.meeting(k)} | keys for h, keys in wanted.items()}
        threads = question_threads(_rows(store, needed), wanted)
        changes = [c for (_h, key), t in threads.items() for c in thread_changes(in_order(t))
                   if c["proposition_key"] == key]
        done = sorted(set(touched) | set(threads))
        store.put_changes(done, changes)
        store.save_link_state(NAME, {"version": VERSION}, newest, {})
    return len(done)


def rederive(store: Store) -> int:
    """Derive every thread's changes again from the positions as the analysts corrected them.

    Corrections change positions (a merged holder, a split one, a stance, a
    proposition, a rejected one) without editing their rows, so the changes
    the incremental ``update`` derives from the rows would not agree with what
    every view shows. This reads the positions through ``corrections.Corrected``
    and replaces the change rows of every thread that has or had changes. A
    change of a split entity (a holder no row holds) is stored under the
    entity it was split from, and names its holder in ``to.holder_id``, which
    the corrected view reads back. Returns how many threads were written."""
    from ..corrections import Corrected

    raw = getattr(store, "raw", store)
    view = Corrected(raw)
    with raw.batch():
        rows = [_thread_row(p) for p in view.list_positions(limit=None) if p.get("sort_date") or p.get("is_past")]
        found = [c for (_h, key), t in question_threads(rows).items() for c in thread_changes(in_order(t))
                 if c["proposition_key"] == key]
        for c in found:
            if c["holder_id"] < 0:  # a split entity: kept under the entity it was split from
                split = view.plan.split_by_id(c["holder_id"])
                c["to"]["holder_id"] = c["holder_id"]
                c["holder_id"] = view.id_of(view.plan.final(split.origin)) if split else c["holder_id"]
        threads = {(c["holder_id"], c["proposition_key"]) for c in raw.list_changes()}
        threads |= {(c["holder_id"], c["proposition_key"]) for c in found}
        raw.put_changes(sorted(threads), found)
        _none, newest = raw.threads_since(_NEWEST)
        raw.save_link_state(NAME, {"version": VERSION}, newest, {})
    return len(threads)


_NEWEST = 2**62  # threads_since(after this) touches no thread and gives the last article id


def _rows(store: Store, needed: dict[int, set[str]]) -> list[dict[str, Any]]:
    """The dated and past-only positions of these holders on these keys, as thread rows."""
    out: list[dict[str, Any]] = []
    holders = sorted(needed)
    for i in range(0, len(holders), _CHUNK // 2):  # the holder ids count twice (holder or speaker)
        chunk = holders[i : i + _CHUNK // 2]
        keys = sorted(set().union(*(needed[h] for h in chunk)))
        for j in range(0, len(keys), _CHUNK):
            for p in store.list_positions(holder_ids=chunk, proposition_keys=keys[j : j + _CHUNK], limit=None):
                if p["proposition_key"] in needed.get(p["holder_id"], ()) and (p.get("sort_date") or p.get("is_past")):
                    out.append(_thread_row(p))
    return out


def _thread_row(p: dict[str, Any]) -> dict[str, Any]:
    """A ``Store.list_positions`` row as the change rule reads it."""
    ev = p.get("evidence") or {}
    return {"id": p["id"], "holder_id": p["holder_id"], "holder_name": p.get("holder_name"),
            "proposition_key": p["proposition_key"], "proposition": p["proposition"], "stance": p["stance"],
            "date": p["date"], "qualifier": p.get("qualifier"), "sort_date": p["sort_date"],
            "is_past": p.get("is_past"), "article_published": p.get("article_published"),
            "article_id": p["article_id"], "sentence": ev.get("sentence", ""), "start": ev.get("start", 0),
            "confidence": p.get("confidence")}


def changed_positions(positions: Iterable[dict[str, Any]], *, min_confidence: float | None = None) -> set[int]:
    """The ids of the positions that are a change, by ``thread_changes``, among any positions
    (``Store.list_positions`` rows): threads are (holder, proposition) over the keys among
    these positions that meet it (``question_threads``), dated positions only.
    ``min_confidence``: only changes whose confidence is at least it, or unknown (as
    ``Store.list_changes`` filters); the threads are always walked whole."""
    rows = [_thread_row(p) for p in positions if p.get("sort_date") or p.get("is_past")]
    out: set[int] = set()
    for (_h, key), thread in question_threads(rows).items():
        out.update(c["to"]["position_id"] for c in thread_changes(in_order(thread)) if c["proposition_key"] == key
                   and (min_confidence is None or c["confidence"] is None or c["confidence"] >= min_confidence))
    return out


def question_threads(rows: Iterable[dict[str, Any]], wanted: dict[int, set[str]] | None = None,
                     ) -> dict[tuple[int, str], list[dict[str, Any]]]:
    """The (holder, proposition key) threads of thread rows, each over the keys that meet its key.

    ``wanted``: holder -> the keys whose threads to make (default: every key the rows hold).
    Each thread holds copies of the rows of its holder on every key that meets its key
    (``questions.meets``), in the store's order: a stance on a key that asks the thread's
    question from the other side is flipped (and keeps ``stance_as_said``), and each row
    carries ``narrow``, how its key narrows the thread's widest key (``questions.narrows``).
    The changes of a thread are those whose new stance is on the thread's own key, so each
    change is one thread's."""
    by_holder: dict[int, dict[str, list[dict[str, Any]]]] = {}
    for r in rows:
        by_holder.setdefault(r["holder_id"], {}).setdefault(r["proposition_key"], []).append(r)
    out: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for holder, by_key in by_holder.items():
        index = KeyIndex(by_key)
        keys = sorted(by_key if wanted is None else wanted.get(holder, set()) & by_key.keys())
        for key in keys:
            members = index.meeting(key)
            narrow = narrows(key, members) if len(members) > 1 else {key: frozenset()}
            q = question(key)
            thread = []
            for k in members:
                of = question(k)
                for r in by_key[k]:
                    t = dict(r, narrow=narrow[k])
                    if of.polarity != q.polarity:
                        t["stance_as_said"], t["stance"] = r["stance"], stance_on(q, of, r["stance"])
                    thread.append(t)
            thread.sort(key=lambda r: (r["sort_date"] is None, r["sort_date"] or "", r["article_id"],
                                       r.get("start", 0)))
            out[(holder, key)] = thread
    return out


def in_order(thread: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A thread in the order its stances were held (stable: offsets as given).

    A dated position stands at its date. A past-only one ("had endorsed", the
    old side of "withdrew his endorsement") has no date of its own: it stands
    just before the position its own sentence dates (the new side of a
    reversal said in one sentence), or else at its article's date, since the
    article says it came first. It opens the thread only when nothing earlier
    is known (``thread_changes``)."""
    said: dict[tuple[int, str], str] = {}
    for r in thread:
        if r.get("sort_date"):
            said.setdefault((r["article_id"], r.get("sentence") or ""), r["sort_date"])

    def key(r: dict[str, Any]) -> tuple[str, int, int]:
        if r.get("sort_date"):
            return r["sort_date"], r["article_id"], 1
        at = said.get((r["article_id"], r.get("sentence") or "")) or sort_date(r.get("article_published"))
        return at or "", r["article_id"], 0

    return sorted(thread, key=key)


def _period(value: str) -> tuple[str, str]:
    """The first and last day an ISO date, month, year or week can mean, as sortable strings."""
    first = sort_date(value) or value
    v = value[:10]
    if "-W" in v:
        return first, (dt.date.fromisoformat(first) + dt.timedelta(days=6)).isoformat()
    if len(v) == 4:
        return first, f"{v}-12-31"
    if len(v) == 7:
        return first, f"{v}-31"
    return first, first


def thread_changes(thread: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The changes in one (holder, proposition) thread of dated positions, in date order.

    Each stance takes its scope: how it narrows the question at large (its
    qualifier, or one inherited: ``_inherited_scope``; and in a thread over
    several keys, ``question_threads``, the slots it names where another key
    leaves them open: ``weapon=halberd`` under ``weapon=*``). Then, scope by scope:

    - a stance on a scope the holder has spoken to before is compared with its
      latest stance on that same scope: a different stance is a change;
    - a stance on a scope new to the holder is compared with its latest stance
      on the nearest wider scope it has spoken to (the question at large, null
      scope, in a thread of one key): allowing part of what it refused at large
      (against → for "limited to X") or refusing part of what it allowed at
      large (for → against "in X") is a change;
    - a stance on a scope wider than any it has spoken to (at large, after scoped
      ones) is a change only when it allows what the holder refused in part
      (against "in X" → for at large). Refusing the broader question after
      allowing a limited scope (for "limited to X" → against at large) is the
      holder keeping its limit, not reversing;
    - stances on two different named scopes are never compared: they are
      different questions.
    """
    # Periods are worked out once per qualified position, and the inherited
    # scope once per (narrowing, stance, date): a thread may hold many restatements.
    qualified: dict[frozenset, list] = {}
    for o in thread:
        if o["qualifier"] and o["date"]:
            qualified.setdefault(o.get("narrow") or _NONE, []).append((o["stance"], _period(o["date"]), o["qualifier"]))
    inherited: dict[tuple[frozenset, str, str], str | None] = {}
    for r in thread:
        if r["qualifier"] or not r["date"]:
            r["scope"] = r["qualifier"]
            continue
        key = (r.get("narrow") or _NONE, r["stance"], r["date"])
        if key not in inherited:
            inherited[key] = _inherited_scope(r, qualified.get(key[0], []))
        r["scope"] = inherited[key]
    latest: dict[tuple[frozenset, str | None], dict[str, Any]] = {}
    out = []
    for r in thread:
        q = (r.get("narrow") or _NONE, r["scope"])
        if r.get("is_past"):
            # A past-only stance never counts as the current one; it opens a thread
            # whose earlier stances are unknown, and adds nothing to a known one.
            # Undated and on a proposition with an unknown slot ("=*": who strikes,
            # with what) it is too weak to open one: "lifted its ban on the use of
            # its missiles" names no user, and the same reversal is a change on
            # the proposition the article's other sentences make whole.
            if not latest and not _weak(r["proposition_key"]):
                latest[q] = r
            continue
        prev = latest.get(q)
        if prev is None:
            wider = [s for s in latest if _wider(s, q)]
            if wider:  # the nearest wider scopes; of those, the latest stance
                nearest = [s for s in wider if not any(_wider(s, t) for t in wider)]
                prev = max((latest[s] for s in nearest), key=lambda x: (x["sort_date"] or "", x["article_id"]))
            else:
                narrower = [latest[s] for s in latest if _wider(q, s)]
                last = max(narrower, key=lambda x: (x["sort_date"] or "", x["article_id"]), default=None)
                prev = last if last is not None and (last["stance"], r["stance"]) == ("against", "for") else None
        if prev is not None and prev["stance"] != r["stance"]:
            start = _end(prev)
            if prev["proposition_key"] != r["proposition_key"]:  # the same question, keyed otherwise
                start["proposition_key"], start["proposition"] = prev["proposition_key"], prev["proposition"]
            out.append({
                "holder_id": r["holder_id"], "holder_name": r["holder_name"],
                "proposition_key": r["proposition_key"], "proposition": r["proposition"],
                "from": start, "to": _end(r), "confidence": change_confidence(prev, r),
            })
        latest[q] = r
    return out


_NONE: frozenset = frozenset()


def change_confidence(old: dict[str, Any], new: dict[str, Any]) -> float | None:
    """A change is as sure as the less sure of its two stances: the lower of the ends' position
    confidences; the known one when only one is known; None when neither is."""
    known = [c for c in (old.get("confidence"), new.get("confidence"))
             if isinstance(c, (int, float)) and not isinstance(c, bool)]
    return min(known) if known else None


def _weak(key: str) -> bool:
    """A key too unspecified for a past-only stance to open a thread: an unknown slot ("=*") and
    no named object. "strike|agent=*|target=*|weapon=x" names no user; "buy|agent=*|object=coastal
    ledger|target=*" names what is bought, and its agent left open is the holder's own act."""
    q = question(key)
    return any(v == WILD for _s, v in q.slots) and q.obj in (None, WILD)


def _wider(a: tuple[frozenset, str | None], b: tuple[frozenset, str | None]) -> bool:
    """Whether scope ``a`` (narrowing, qualifier) is wider than scope ``b``: it narrows the
    question by less, and qualifies it alike or not at all."""
    return a != b and a[0] <= b[0] and (a[1] is None or a[1] == b[1])


def _inherited_scope(r: dict[str, Any], qualified: list[tuple[str, tuple[str, str], str]]) -> str | None:
    """The qualifier another position gives the same stance in the same period, or None.

    ``qualified``: (stance, (first day, last day), qualifier) of the thread's qualified positions, in order.
    """
    r0, r1 = _period(r["date"])
    return next((q for stance, (o0, o1), q in qualified if stance == r["stance"] and o0 <= r1 and r0 <= o1), None)


def _end(r: dict[str, Any]) -> dict[str, Any]:
    end = {"stance": r["stance"], "date": r["date"], "position_id": r["id"], "article_id": r["article_id"],
           "sentence": r["sentence"], "qualifier": r["scope"]}
    if r.get("stance_as_said"):  # keyed as the question's opposite: its stance as stored, flipped
        end["stance_as_said"] = r["stance_as_said"]
    if r.get("is_past"):  # no date of its own: held before the article that reports it
        end["before"] = r.get("article_published")
    end["when"] = r["date"] or (f"before {end['before']}" if end.get("before") else "undated")  # for display
    return end
