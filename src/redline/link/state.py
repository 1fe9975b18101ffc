"""Index state that pages in from storage: a dict loaded on first use, saved when changed.

The linkers (``stories.StoryIndex``, ``dedup.EventIndex``) keep their state in
``Table`` objects. On its own a Table is a plain in-memory dict. Given a
``loader``, it is a window on a larger table kept elsewhere (the store's
``link_items``): a key that is not in memory is fetched when first asked for,
and ``dirty()`` lists what changed, so that saving writes only those rows.
A linker run then reads and writes what the new articles touch, never the
whole index, and its cost per article does not grow with the store.

Values are mutable (a posting list, a story profile): code that changes one in
place calls ``touch(key)`` so that it is saved.
"""
from __future__ import annotations

from typing import Any, Callable, Hashable, Iterable, Iterator

Loader = Callable[[list], dict]

_ABSENT = object()


class Table:
    """A dict, optionally backed by a ``loader(keys) -> {key: value}`` for keys not yet in memory."""

    __slots__ = ("_data", "_absent", "_dirty", "_loader")

    def __init__(self, data: dict | None = None, loader: Loader | None = None):
        self._data: dict = dict(data or {})
        self._absent: set = set()  # keys the loader was asked for and does not have
        self._dirty: set = set()
        self._loader = loader

    @property
    def paged(self) -> bool:
        """True when entries live in storage and only the used ones are in memory."""
        return self._loader is not None

    def prefetch(self, keys: Iterable[Hashable]) -> None:
        """Load, in one call to the loader, every key not yet known."""
        if self._loader is None:
            return
        wanted = [k for k in dict.fromkeys(keys) if k not in self._data and k not in self._absent]
        if not wanted:
            return
        found = self._loader(wanted)
        self._data.update(found)
        self._absent.update(k for k in wanted if k not in found)

    def get(self, key: Hashable, default: Any = None) -> Any:
        value = self._data.get(key, _ABSENT)
        if value is _ABSENT:
            if self._loader is None or key in self._absent:
                return default
            self.prefetch((key,))
            value = self._data.get(key, _ABSENT)
        return default if value is _ABSENT else value

    def __getitem__(self, key: Hashable) -> Any:
        value = self.get(key, _ABSENT)
        if value is _ABSENT:
            raise KeyError(key)
        return value

    def __contains__(self, key: Hashable) -> bool:
        return self.get(key, _ABSENT) is not _ABSENT

    def __setitem__(self, key: Hashable, value: Any) -> None:
        self._data[key] = value
        self._absent.discard(key)
        self._dirty.add(key)

    def touch(self, key: Hashable) -> None:
        """Mark an entry changed in place, so that it is saved."""
        if key in self._data:
            self._dirty.add(key)

    def add(self, key: Hashable, n: int = 1) -> None:
        """Counter-style increment."""
        self[key] = self.get(key, 0) + n

    def dirty(self) -> list[tuple[Any, Any]]:
        """(key, value) of every entry changed since the last ``clean()``."""
        return [(k, self._data[k]) for k in self._dirty]

    def clean(self) -> None:
        self._dirty.clear()

    # Whole-table views exist only for a table held entirely in memory.
    def _whole(self) -> dict:
        if self._loader is not None:
            raise RuntimeError("a paged index table cannot be listed whole; read it from the store")
        return self._data

    def items(self) -> Iterator[tuple[Any, Any]]:
        return iter(self._whole().items())

    def values(self) -> Iterator[Any]:
        return iter(self._whole().values())

    def __len__(self) -> int:
        return len(self._whole())



class PagedState:
    """What the linkers' persistence shares: their tables by stored name, and paging those in.

    A linker lists ``_TABLES`` (stored table name -> attribute holding a Table)
    and gives ``encode``/``decode`` between its values and JSON.
    """

    _TABLES: dict[str, str] = {}

    def tables(self) -> dict[str, Table]:
        return {name: getattr(self, attr) for name, attr in self._TABLES.items()}

    def _page_tables(self, loader: Callable[[str, list[str]], dict[str, Any]]) -> None:
        """Replace every table by one that reads ``loader(table, text_keys) -> {text key: JSON value}``."""
        for name, attr in self._TABLES.items():
            setattr(self, attr, Table(loader=self._table_loader(name, loader)))

    def _table_loader(self, table: str, loader: Callable[[str, list[str]], dict[str, Any]]) -> Loader:
        def load(keys: list) -> dict:
            found = loader(table, [str(k) for k in keys])
            return dict(self.decode(table, k, v) for k, v in found.items())
        return load

    def decode(self, table: str, key: str, value: Any) -> tuple[Any, Any]:
        raise NotImplementedError
