"""Dates as the store sorts them."""
from __future__ import annotations

import datetime as dt


def sort_date(value: str | None) -> str | None:
    """An ISO date, month, year or week as a sortable YYYY-MM-DD (a week is its Monday)."""
    if not value:
        return None
    v = value[:10]
    try:
        if "-W" in v:
            year, week = v.split("-W")
            return dt.date.fromisocalendar(int(year), int(week[:2]), 1).isoformat()
        parts = v.split("-")
        if len(parts) == 1 and v.isdigit():
            return f"{v}-01-01"
        if len(parts) == 2 and parts[1].isdigit():
            return f"{parts[0]}-{parts[1]}-01"
        return dt.date.fromisoformat(v).isoformat()
    except ValueError:
        return None
