"""The positions tracker: holders × time for one proposition, each cell a stance.

``build_tracker`` turns ``link.about.positions_about`` into a grid that
both the web page and ``redline plot positions`` draw. Rows are (holder,
proposition) threads, so a holder's stance on a narrow proposition (one weapon)
is not blended with its stance on the broad one. Columns are the dates the
positions carry; when there are too many to read, they are bucketed by month,
then by year. A cell keeps every position in it as evidence; its stance is the
latest one, and it is marked as a change when it holds a position that the
one change rule (``link.changes``, which ``Store.list_changes`` also reads)
finds to be a change.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..link.about import positions_about
from ..link.changes import changed_positions
from ..store import Store
from .confidence import split

MAX_DAYS = 12  # more distinct dates than this: one column per month
MAX_MONTHS = 24  # more months than this: one column per year


@dataclass
class Cell:
    positions: list[dict[str, Any]]
    stance: str  # the latest stance in the cell: "for" or "against"
    mixed: bool = False  # both stances inside the cell
    change: bool = False  # differs from the row's previous cell


@dataclass
class Row:
    holder_id: int
    holder: str
    proposition_key: str
    proposition: str
    score: float
    cells: list[Cell | None] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(c and c.change for c in self.cells)


@dataclass
class Tracker:
    about: str
    columns: list[str]
    rows: list[Row]
    undated: int = 0  # positions with no date of their own (not drawn)
    hidden: int = 0  # positions under the threshold (not drawn)
    # Column headings: the dates as written ("2024-05", not its sort date "2024-05-01").
    labels: list[str] = field(default_factory=list)


def _bucketer(dates: list[str]):
    days = sorted(set(dates))
    if len(days) <= MAX_DAYS:
        return lambda d: d
    months = {d[:7] for d in days}
    if len(months) <= MAX_MONTHS:
        return lambda d: d[:7]
    return lambda d: d[:4]


def build_tracker(store: Store, about: str, *, max_rows: int = 40, min_relative_score: float = 0.3,
                  limit: int = 2000, min_confidence: float | None = None) -> Tracker:
    """The grid for the propositions that are about ``about`` (``link.about.positions_about``).

    Propositions scoring under ``min_relative_score`` of the best one are left
    out: a loose lexical match ("strikes" alone) would otherwise fill the grid.
    What can be tracked, before a question is asked, is ``query.propositions.list_propositions``.
    ``min_confidence``: only the positions at least that confident (or of unknown confidence)
    are drawn, and only the changes at least that confident are rung; the changes are found
    over every position all the same (the one change rule never reads a filtered thread).
    """
    every = positions_about(store, about, limit=limit, min_relative=min_relative_score)
    kept, hidden = split(every, min_confidence)
    dated = [p for p in kept if p.get("sort_date")]
    bucket = _bucketer([p["sort_date"] for p in dated])
    columns = sorted({bucket(p["sort_date"]) for p in dated})
    col_of = {c: i for i, c in enumerate(columns)}
    rows: dict[tuple[int, str], Row] = {}
    for p in dated:
        key = (p["holder_id"], p["proposition_key"])
        row = rows.get(key)
        if row is None:
            row = rows[key] = Row(p["holder_id"], p["holder_name"], p["proposition_key"], p["proposition"],
                                  p.get("score") or 0, [None] * len(columns))
        i = col_of[bucket(p["sort_date"])]
        cell = row.cells[i]
        if cell is None:
            row.cells[i] = Cell([p], p["stance"])
        else:
            cell.positions.append(p)
    # past-only stances are not drawn, but may start a change
    changed = changed_positions(every, min_confidence=min_confidence)
    for row in rows.values():
        _settle(row, changed)
    ordered = sorted(rows.values(), key=lambda r: (-round(r.score, 6), r.proposition_key, r.holder))
    written: dict[str, set[str]] = {}
    for p in dated:
        written.setdefault(bucket(p["sort_date"]), set()).add(p.get("date") or p["sort_date"])
    labels = [next(iter(written[c])) if len(written[c]) == 1 else c for c in columns]
    return Tracker(about, columns, ordered[:max_rows], undated=len(kept) - len(dated), hidden=hidden, labels=labels)


def _settle(row: Row, changed: set[int]) -> None:
    """Each cell's stance is its latest position's; a cell is a change when one of its
    positions is (``changed``: ids by ``link.changes.changed_positions``)."""
    for cell in row.cells:
        if cell is None:
            continue
        cell.positions.sort(key=lambda p: (p["sort_date"], p["article_id"], p["evidence"]["start"]))
        stances = [p["stance"] for p in cell.positions]
        cell.stance = stances[-1]
        cell.mixed = len(set(stances)) > 1
        cell.change = any(p["id"] in changed for p in cell.positions)
