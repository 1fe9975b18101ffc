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


# -- PostgreSQL ----------------------------------------------------------------------------------
# The PostgreSQL store's tests run against the server CI has (127.0.0.1:5432, trust authentication),
# or the one REDLINE_TEST_PG names (a URL of a database to connect to for creating others). Each test
# gets databases of its own, created for it and dropped after it, so runs never see each other's rows.
PG_ADMIN = os.environ.get("REDLINE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
_pg_state: dict[str, str | None] = {}


def pg_unavailable() -> str | None:
    """Why the PostgreSQL tests cannot run here (one line), or None when they can. Asked once per run."""
    if "reason" not in _pg_state:
        try:
            import psycopg
            import psycopg_pool  # noqa: F401
        except ImportError as err:
            _pg_state["reason"] = f"the PostgreSQL driver is not installed ({err.name}): pip install redline[postgres]"
        else:
            try:
                psycopg.connect(PG_ADMIN, connect_timeout=3).close()
                _pg_state["reason"] = None
            except psycopg.Error as err:
                first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
                _pg_state["reason"] = f"no PostgreSQL server answers at {PG_ADMIN}: {first}"
    return _pg_state["reason"]


@pytest.fixture
def pg_databases():
    """new() -> the URL of a fresh, empty PostgreSQL database, dropped when the test ends."""
    reason = pg_unavailable()
    if reason:
        pytest.skip(reason)
    import secrets
    from urllib.parse import quote

    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    made: list[str] = []

    def new() -> str:
        name = f"redline_test_{os.getpid()}_{len(made)}_{secrets.token_hex(4)}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        # The same server and user as PG_ADMIN, as a URL: open_store picks its backend by the URL's scheme.
        p = conninfo_to_dict(PG_ADMIN)
        login = quote(p.get("user", "postgres")) + (f":{quote(p['password'])}" if p.get("password") else "")
        return f"postgresql://{login}@{p.get('host', '127.0.0.1')}:{p.get('port', '5432')}/{name}"

    yield new
    with psycopg.connect(PG_ADMIN, autocommit=True) as con:
        for name in made:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_url(pg_databases) -> str:
    """The URL of one fresh PostgreSQL database for this test."""
    return pg_databases()
