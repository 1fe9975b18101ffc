"""The Dask executor: an ingest analysed on a Dask cluster stores what a local run
stores (the exports are identical, ids included), a bad article still gets its
one-line error, and a worker that dies loses no article.

Faults are injected on the workers themselves, through a WorkerPlugin that
patches a stage in each worker process (a patch in this process would not reach
them); a worker that starts again after a death gets the plugin again."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

distributed = pytest.importorskip("distributed", reason="the redline[dask] extra is not installed")

from export_compare import TIMESTAMP_FIELDS, diff, export_records, normalise, redline, write_corpus  # noqa: E402

from redline.cli import cli  # noqa: E402
from redline.ingest import run_ingest  # noqa: E402

MARK = "lighthouse"  # the article the injected faults pick out
BAD = """Lighthouse to reopen

SALTMARSH, Quillon (QW) — Keeper Ivo Marl said on Monday that the lighthouse would reopen next week.

"We have waited long enough," Keeper Ivo Marl told reporters at the harbour office.
"""


class _Patch(distributed.WorkerPlugin):
    """Replaces the quotes stage in a worker process with one that misbehaves on MARK."""

    name = "redline-test-fault"

    def __init__(self, mode: str, marker: str | None = None):
        self.mode, self.marker = mode, marker

    def setup(self, worker):
        from redline.extract.quotes import component

        real = getattr(component, "_redline_real", component.extract_quotes)
        component._redline_real = real
        mode, marker = self.mode, self.marker

        def stage(doc, *args):
            if MARK in doc.text:
                if mode == "raise":
                    raise KeyError("secretary - general")
                if mode == "die":  # every worker that takes it dies
                    os._exit(1)
                if not os.path.exists(marker):  # "die-once": the first worker that takes it dies
                    Path(marker).touch()
                    os._exit(1)
            return real(doc, *args)

        component.extract_quotes = stage


@pytest.fixture
def cluster(request):
    """A 2-worker local cluster (processes, 1 thread each); ``request.param``: scheduler config."""
    import dask

    with dask.config.set(getattr(request, "param", {})):
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                      silence_logs=50) as c, distributed.Client(c, set_as_default=False) as client:
            yield c, client


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    write_corpus(folder, n=8)
    (folder / "099-bad.txt").write_text(BAD, encoding="utf-8")
    (folder / "099-bad.meta.json").write_text(json.dumps({"source": "Quillon Weekly", "published": "2033-06-20"}))
    return folder


def _exact(db: str) -> list[dict]:
    """The export as it is, ids included; only the timestamps dropped (they differ between any two runs)."""
    return [{k: v for k, v in r.items() if k not in TIMESTAMP_FIELDS} for r in export_records(db)]


def test_the_dask_export_equals_the_local_one(tmp_path):
    """Through the CLI: a local cluster of 2 workers started for the run, over text, HTML and JSONL."""
    from conftest import EXAMPLES

    folder = tmp_path / "corpus"
    write_corpus(folder)  # 20 articles in four developing stories: two partitions of 16 with the examples
    local, dask_db = str(tmp_path / "local.db"), str(tmp_path / "dask.db")
    expected = json.loads(redline("--db", local, "--json", "ingest", str(folder), str(EXAMPLES)).stdout)
    res = redline("--db", dask_db, "--json", "ingest", "--executor", "dask", "--workers", "2", str(folder),
                  str(EXAMPLES))
    summary = json.loads(res.stdout)
    assert summary == expected and summary["ingested"] >= 20 and summary["analysis_failed"] == 0
    base, other = _exact(local), _exact(dask_db)
    assert {r["kind"] for r in base} >= {"article", "entity", "quote", "event", "position", "story"}
    assert other == base, "\n".join(diff(normalise(base), normalise(other)))


def test_a_bad_article_gets_its_one_line_error_and_the_others_are_stored(corpus, cluster, tmp_path):
    c, client = cluster
    client.register_plugin(_Patch("raise"))
    db = str(tmp_path / "bad.db")
    summary = run_ingest([str(corpus)], db=db, executor="dask", scheduler=c.scheduler_address, workers=2)
    assert summary.counts["ingested"] == 9 and summary.counts["failed"] == 0 and summary.analysis_failed == 1
    [bad] = [r for r in summary.results if r.analysis_error]
    assert bad.name.endswith("099-bad.txt") and "quotes step" in bad.analysis_error
    from redline.store import open_store

    store = open_store(db)
    try:
        assert store.failed_analyses() == [bad.article_id]
        assert MARK in store.get_article(bad.article_id)["text"]  # stored with its clean text
        [error] = [e for e in store.list_errors() if e["stage"] == "analyze"]
        assert error["path"].endswith("099-bad.txt") and "KeyError" in error["message"]
        assert "\n" not in error["message"]
        analysed = {q["article_id"] for q in store.list_quotes(limit=None)}
        assert len(analysed) >= 6 and bad.article_id not in analysed  # the good ones are analysed
    finally:
        store.close()


@pytest.mark.slow
def test_a_worker_that_dies_loses_no_article(corpus, cluster, tmp_path):
    """The worker analysing MARK's partition dies once; the partition runs again, and the
    store is what a local run makes of the same corpus."""
    c, client = cluster
    marker = tmp_path / "died"
    client.register_plugin(_Patch("die-once", str(marker)))
    db, local = str(tmp_path / "dask.db"), str(tmp_path / "local.db")
    summary = run_ingest([str(corpus)], db=db, executor="dask", scheduler=c.scheduler_address, workers=2)
    assert marker.exists(), "no worker died: the test injected nothing"
    assert summary.counts["ingested"] == 9 and summary.analysis_failed == 0
    run_ingest([str(corpus)], db=local)
    base, other = _exact(local), _exact(db)
    assert other == base, "\n".join(diff(normalise(base), normalise(other)))


@pytest.mark.slow
@pytest.mark.parametrize("cluster", [{"distributed.scheduler.allowed-failures": 0}], indirect=True)
def test_an_article_that_kills_every_worker_costs_only_itself(corpus, cluster, tmp_path):
    """Its partition fails (KilledWorker), is split into one task per article, and only the
    article that kills its worker fails, with a one-line error; it is stored all the same."""
    c, client = cluster
    client.register_plugin(_Patch("die"))
    summary = run_ingest([str(corpus)], db=str(tmp_path / "kill.db"), executor="dask",
                         scheduler=c.scheduler_address, workers=2)
    assert summary.counts["ingested"] == 9 and summary.analysis_failed == 1
    [bad] = [r for r in summary.results if r.analysis_error]
    assert bad.name.endswith("099-bad.txt")
    assert bad.analysis_error.startswith("analysis failed on a Dask worker (KilledWorker")
    assert "\n" not in bad.analysis_error


# -- arguments ---------------------------------------------------------------------------------------
def _one_line(res) -> str:
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("redline: ") and "Traceback" not in res.output, res.output
    return lines[0]


@pytest.mark.parametrize("args, says", [
    (["--executor", "spark"], "'spark' is not one of 'local', 'dask'"),
    (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --executor dask"),
    (["--executor", "dask", "--scheduler", "not an address"], "is not a Dask scheduler address"),
    (["--executor", "dask", "--workers", "0"], "'--workers': 0 is not in the range"),
])
def test_bad_arguments_are_one_line_and_exit_2(db_path, args, says):
    from conftest import EXAMPLES

    res = CliRunner().invoke(cli, ["--db", db_path, "ingest", *args, str(EXAMPLES)], catch_exceptions=False)
    assert res.exit_code == 2 and says in _one_line(res)


def test_an_unreachable_scheduler_is_one_line(db_path, monkeypatch):
    from conftest import EXAMPLES
    from redline.executors import dask as dask_executor

    monkeypatch.setattr(dask_executor, "CONNECT_TIMEOUT", 1)
    res = CliRunner().invoke(cli, ["--db", db_path, "ingest", "--executor", "dask", "--scheduler",
                                   "tcp://127.0.0.1:9", str(EXAMPLES)], catch_exceptions=False)
    assert res.exit_code == 2 and "cannot reach a Dask scheduler at tcp://127.0.0.1:9" in _one_line(res)


def test_without_dask_the_error_names_the_extra(db_path, monkeypatch):
    import sys

    from conftest import EXAMPLES

    # As if the extra were not installed: importing these fails.
    for name in ("dask", "distributed"):
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.delitem(sys.modules, "redline.executors.dask", raising=False)  # imported afresh
    res = CliRunner().invoke(cli, ["--db", db_path, "ingest", "--executor", "dask", str(EXAMPLES)],
                             catch_exceptions=False)
    assert res.exit_code == 2
    line = _one_line(res)
    assert "--executor dask needs Dask" in line and "pip install 'redline[dask]'" in line


def test_losing_the_cluster_stops_the_run_in_one_line(cluster):
    """Not one article's fault: no article is failed for it, and the run stops with one line."""
    from redline.errors import RedlineError
    from redline.executors.dask import DaskExecutor

    c, client = cluster
    ex = DaskExecutor(scheduler=c.scheduler_address, workers=2, partition_size=1)
    try:
        results = ex.analyse((f"Mayor Tomas Brell spoke on day {i}.", None, i) for i in range(40))
        first = next(results)
        assert first[2] == 0 and not isinstance(first[0], Exception)
        c.close()  # the scheduler and its workers go away mid-run
        with pytest.raises(RedlineError, match=r"^lost the Dask cluster \(.*\); run again to continue$"):
            for analysis, _, _ in results:
                assert not isinstance(analysis, Exception), analysis
    finally:
        ex.close()
