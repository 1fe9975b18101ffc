"""Shared fixtures. Tests that need ../shared skip cleanly when it is absent."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("REDLINE_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "seeds"
EXAMPLES = REPO / "examples"

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    return SEEDS


@pytest.fixture
def report(capsys):
    """report(line): print a robustness or benchmark figure in the suite's own output (not captured)."""

    def _report(line: str) -> None:
        with capsys.disabled():
            print("\n" + line)

    return _report


@pytest.fixture(scope="session")
def examples_store(tmp_path_factory):
    """A store holding the examples, ingested once for the tests that only read it."""
    from redline.ingest import run_ingest
    from redline.store import open_store

    db = str(tmp_path_factory.mktemp("examples") / "examples.db")
    run_ingest([str(EXAMPLES)], db=db)
    s = open_store(db)
    yield s
    s.close()


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    return str(tmp_path / "test.db")


@pytest.fixture
def store(db_path):
    from redline.store import open_store

    s = open_store(db_path)
    yield s
    s.close()


@pytest.fixture
def write(tmp_path: Path):
    """write("name.txt", "content" | b"bytes") -> Path, creating folders as needed."""

    def _write(name: str, content: str | bytes) -> Path:
        p = tmp_path / "in" / name
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
        return p

    return _write


def remove_deep(top: str) -> None:
    """Remove a folder nested too deep for the recursive shutil.rmtree (which pytest's cleanup uses)."""
    chain = [top]
    while True:
        subs = [e.path for e in os.scandir(chain[-1]) if e.is_dir(follow_symlinks=False)]
        if not subs:
            break
        chain.append(subs[0])
    for folder in reversed(chain):
        for e in os.scandir(folder):
            if not e.is_dir(follow_symlinks=False):
                os.remove(e.path)
        os.rmdir(folder)
