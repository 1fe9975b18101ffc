"""One change rule (``link.changes``): the tracker's rings, the plot's data, ``redline changes``
and ``/api/changes`` agree, on the seeds' store and on the examples' store."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from conftest import EXAMPLES, SEEDS
from redline.cli import cli
from redline.config import DEFAULT_MIN_CONFIDENCE
from redline.ingest import run_ingest
from redline.query import plot
from redline.query.tracker import build_tracker
from redline.server import create_app
from redline.store import open_store


@pytest.fixture(scope="module", params=["seeds", "examples"])
def db(request, tmp_path_factory) -> str:
    folder = SEEDS if request.param == "seeds" else EXAMPLES
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    path = str(tmp_path_factory.mktemp(request.param) / "store.db")
    assert run_ingest([str(folder)], db=path).stored
    return path


def _moves(changes) -> list[tuple]:
    return [(c["holder_id"], c["proposition_key"], c["from"]["position_id"], c["to"]["position_id"])
            for c in changes]


def _rings(tracker) -> set[tuple]:
    return {(row.holder_id, row.proposition_key, i) for row in tracker.rows for i, c in enumerate(row.cells)
            if c and c.change}


def _expected_rings(tracker, changes) -> set[tuple]:
    to = {c["to"]["position_id"] for c in changes}
    return {(row.holder_id, row.proposition_key, i) for row in tracker.rows for i, c in enumerate(row.cells)
            if c and any(p["id"] in to for p in c.positions)}


def test_every_view_finds_the_same_changes(db, monkeypatch, tmp_path):
    st = open_store(db)
    try:
        changes = st.list_changes()
        assert changes  # both corpora tell a reversal
        questions = sorted({label for _key, label in st.proposition_labels()})
        drawn = []
        monkeypatch.setattr(plot, "draw_tracker", lambda tracker, output: drawn.append(tracker) or output)
        for about in questions:
            tracker = build_tracker(st, about)
            assert _rings(tracker) == _expected_rings(tracker, changes), about
            plot.plot_positions(st, about, tmp_path / "p.svg")
            assert _rings(drawn[-1]) == _rings(tracker), about
        # every change is rung by the tracker of its own proposition
        for c in changes:
            tracker = build_tracker(st, c["proposition"])
            assert any((c["holder_id"], c["proposition_key"]) == (r.holder_id, r.proposition_key) and r.changed
                       for r in tracker.rows), c["proposition"]
    finally:
        st.close()

    st = open_store(db)
    try:
        confident = st.list_changes(min_confidence=DEFAULT_MIN_CONFIDENCE)
        # at the views' threshold, the tracker rings the changes the store keeps at that threshold
        for about in questions:
            tracker = build_tracker(st, about, min_confidence=DEFAULT_MIN_CONFIDENCE)
            assert _rings(tracker) == _expected_rings(tracker, confident), about
    finally:
        st.close()
    for args, want in (([], confident), (["--all"], changes)):
        out = CliRunner().invoke(cli, ["--db", db, "--json", "changes", *args], catch_exceptions=False)
        assert out.exit_code == 0, out.output
        assert _moves(json.loads(out.output)) == _moves(want), args

    with TestClient(create_app(db, min_confidence=DEFAULT_MIN_CONFIDENCE)) as client:
        for query, want in (("", confident), ("&all=1", changes)):
            r = client.get(f"/api/changes?limit=500{query}")
            assert r.status_code == 200, r.text
            api = r.json()["items"]
            assert [(c["from"]["position_id"], c["to"]["position_id"]) for c in api] == \
                [(c["from"]["position_id"], c["to"]["position_id"]) for c in want], query
