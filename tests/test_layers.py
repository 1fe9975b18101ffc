"""The layers of ../shared/DESIGN.md, read from the code's own imports.

Each room imports only the rooms it builds on, never one later in the flow
(read → clean → analyze → store → link → query → serve); records, errors and
config are used everywhere. api/ and web/ sit over one server core and never
import each other. Every import counts, including those inside functions.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "redline"
MAX_LINES = 500

EVERYWHERE = {"records", "errors", "config", "text"}
# room -> the rooms it may import (besides itself and EVERYWHERE)
ALLOWED: dict[str, set[str]] = {
    "records": set(), "errors": set(), "config": set(), "text": set(),
    "read": set(),
    "clean": {"read"},
    "nlp": set(),
    "extract": {"nlp"},
    "data": set(),
    "analyzer": {"nlp", "extract", "read"},
    "store": set(),
    "testing": {"store"},
    "corrections": {"store"},
    "link": {"store", "extract", "corrections"},
    "executors": {"analyzer"},
    "ingest": {"read", "clean", "nlp", "analyzer", "extract", "store", "link", "executors"},
    "query": {"store", "link", "extract", "read", "corrections"},
    "server": {"store", "link", "query", "ingest", "read", "extract", "api", "web", "corrections"},
    "api": {"server", "store", "link", "query", "ingest", "read", "extract", "corrections"},
    "web": {"server", "store", "link", "query", "read", "extract"},
    "cli": {"read", "clean", "nlp", "analyzer", "extract", "store", "link", "ingest", "query", "server",
            "corrections"},
    "__init__": {"read", "clean", "analyzer", "store", "link", "ingest", "query", "testing"},
    "__main__": {"cli"},
}


def _room(path: Path) -> str:
    rel = path.relative_to(SRC)
    return rel.parts[0].removesuffix(".py")


def _imported_rooms(path: Path) -> set[str]:
    """The top-level rooms of redline that a module imports (relative or absolute)."""
    rel = path.relative_to(SRC)
    package = list(rel.parts[:-1])  # the module's package, relative to redline/
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                parts = base + (node.module.split(".") if node.module else [])
                if not parts:  # "from .. import x" at the top: x is a room, or a name of redline/__init__
                    out.update(a.name for a in node.names if a.name != "__version__")
                    continue
                out.add(parts[0])
            elif node.module and node.module.split(".")[0] == "redline":
                names = node.module.split(".")
                out.add(names[1] if len(names) > 1 else "__init__")
        elif isinstance(node, ast.Import):
            for a in node.names:
                names = a.name.split(".")
                if names[0] == "redline" and len(names) > 1:
                    out.add(names[1])
    return out


MODULES = sorted(p for p in SRC.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_module_imports_only_the_rooms_it_builds_on(path):
    room = _room(path)
    assert room in ALLOWED, f"{room}: a room the layer rules do not know; add it to ALLOWED"
    wrong = _imported_rooms(path) - ALLOWED[room] - EVERYWHERE - {room}
    assert not wrong, f"{path.relative_to(SRC)} ({room}) imports {sorted(wrong)}"


def test_api_and_web_do_not_import_each_other():
    for room, other in (("api", "web"), ("web", "api")):
        for path in (SRC / room).rglob("*.py"):
            assert other not in _imported_rooms(path), f"{path.relative_to(SRC)} imports {other}/"


def test_store_imports_no_analysis_linking_or_serving():
    for path in (SRC / "store").rglob("*.py"):
        assert not _imported_rooms(path) & {"extract", "link", "analyzer", "ingest", "query", "server", "api",
                                            "web", "cli", "nlp"}, path


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_source_module_is_over_500_lines(path):
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert n <= MAX_LINES, f"{path.relative_to(SRC)} has {n} lines"
