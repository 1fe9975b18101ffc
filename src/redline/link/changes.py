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

NAME = "changes"  # the link state's name


def update(store: Store) -> int:
    """Derive again the changes of every thread the articles stored since the last run touched.

    Returns how many threads were looked at. A store that never ran it (or
    migrated from a version that derived changes when asked) does all threads."""
    _header, last = store.link_state(NAME)
    threads, newest = store.threads_since(last)
    if newest <= last and not threads:
        return 0
    with store.batch():
        changes = [c for t in store.position_threads(threads) if t for c in thread_changes(in_order(t))]
        store.put_changes(threads, changes)
        store.save_link_state(NAME, {"version": 1}, newest, {})
    return len(threads)


def changed_positions(positions: Iterable[dict[str, Any]]) -> set[int]:
    """The ids of the positions that are a change, by ``thread_changes``, among any positions
    (``Store.list_positions`` rows): threads are (holder, proposition), dated positions only."""
    threads: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for p in positions:
        if p.get("sort_date") or p.get("is_past"):
            threads.setdefault((p["holder_id"], p["proposition_key"]), []).append({
                "id": p["id"], "holder_id": p["holder_id"], "holder_name": p.get("holder_name"),
                "proposition_key": p["proposition_key"], "proposition": p["proposition"], "stance": p["stance"],
                "date": p["date"], "qualifier": p.get("qualifier"), "sort_date": p["sort_date"],
                "is_past": p.get("is_past"), "article_published": p.get("article_published"),
                "article_id": p["article_id"], "sentence": (p.get("evidence") or {}).get("sentence", "")})
    out: set[int] = set()
    for thread in threads.values():
        out.update(c["to"]["position_id"] for c in thread_changes(in_order(thread)))
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

    Each stance takes its scope (its qualifier, or one inherited: ``_inherited_scope``); then, scope by scope:

    - a stance on a scope the holder has spoken to before is compared with its
      latest stance on that same scope: a different stance is a change;
    - a stance on a scope new to the holder is compared with its latest stance
      at large (null scope): allowing part of what it refused at large
      (against → for "limited to X") or refusing part of what it allowed at
      large (for → against "in X") is a change;
    - a stance at large new after scoped ones is a change only when it allows
      what the holder refused in part (against "in X" → for at large). Refusing
      the broader question after allowing a limited scope (for "limited to X" →
      against at large) is the holder keeping its limit, not reversing;
    - stances on two different named scopes are never compared: they are
      different questions.
    """
    # Periods are worked out once per qualified position, and the inherited
    # scope once per (stance, date): a thread may hold many restatements.
    qualified = [(o["stance"], _period(o["date"]), o["qualifier"]) for o in thread if o["qualifier"] and o["date"]]
    inherited: dict[tuple[str, str], str | None] = {}
    for r in thread:
        if r["qualifier"] or not r["date"]:
            r["scope"] = r["qualifier"]
            continue
        key = (r["stance"], r["date"])
        if key not in inherited:
            inherited[key] = _inherited_scope(r, qualified)
        r["scope"] = inherited[key]
    latest: dict[str | None, dict[str, Any]] = {}
    out = []
    for r in thread:
        q = r["scope"]
        if r.get("is_past"):
            # A past-only stance never counts as the current one; it opens a thread
            # whose earlier stances are unknown, and adds nothing to a known one.
            # Undated and on a proposition with an unknown slot ("=*": who strikes,
            # with what) it is too weak to open one: "lifted its ban on the use of
            # its missiles" names no user, and the same reversal is a change on
            # the proposition the article's other sentences make whole.
            if not latest and "=*" not in r["proposition_key"]:
                latest[q] = r
            continue
        prev = latest.get(q)
        if prev is None and q is not None:
            prev = latest.get(None)
        elif prev is None and latest:
            last = max(latest.values(), key=lambda x: (x["sort_date"] or "", x["article_id"]))
            prev = last if (last["stance"], r["stance"]) == ("against", "for") else None
        if prev is not None and prev["stance"] != r["stance"]:
            out.append({
                "holder_id": r["holder_id"], "holder_name": r["holder_name"],
                "proposition_key": r["proposition_key"], "proposition": r["proposition"],
                "from": _end(prev), "to": _end(r),
            })
        latest[q] = r
    return out


def _inherited_scope(r: dict[str, Any], qualified: list[tuple[str, tuple[str, str], str]]) -> str | None:
    """The qualifier another position gives the same stance in the same period, or None.

    ``qualified``: (stance, (first day, last day), qualifier) of the thread's qualified positions, in order.
    """
    r0, r1 = _period(r["date"])
    return next((q for stance, (o0, o1), q in qualified if stance == r["stance"] and o0 <= r1 and r0 <= o1), None)


def _end(r: dict[str, Any]) -> dict[str, Any]:
    end = {"stance": r["stance"], "date": r["date"], "position_id": r["id"], "article_id": r["article_id"],
           "sentence": r["sentence"], "qualifier": r["scope"]}
    if r.get("is_past"):  # no date of its own: held before the article that reports it
        end["before"] = r.get("article_published")
    end["when"] = r["date"] or (f"before {end['before']}" if end.get("before") else "undated")  # for display
    return end
