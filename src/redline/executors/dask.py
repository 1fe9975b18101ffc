"""The Dask executor: partitions of texts analysed on a Dask cluster.

The client (``Ingestor``) reads, cleans, stores and links, in input order;
only the analysis, which is nearly all of an ingest's time, runs on the
workers. Texts are cut into partitions of ``partition_size`` (by default the
batch size, so each worker's ``nlp.pipe`` sees the batches an in-process run
would), submitted as tasks, and their results handed back in input order. At
most ``in_flight`` partitions are out at once (two per worker: one running,
one queued), so the client holds a bounded number of articles however long
the run.

Each worker loads the model once (``worker.py``'s cache in the worker
process); the model is never pickled, only the texts and the records.

Faults. A worker that dies (killed, or over its memory limit: the nanny ends
it) loses nothing: the scheduler runs its partition again on another worker,
and a task that raised is retried (``retries``). A partition that still fails
(``KilledWorker`` after ``distributed.scheduler.allowed-failures`` deaths: an
article that kills every worker that takes it) is split into one task per
article, so only the guilty article fails, with a one-line analysis error,
and is stored all the same as any article whose analysis failed.
"""
from __future__ import annotations

import logging
import re
from collections import deque
from typing import Any, Iterable, Iterator

from ..config import Settings
from ..errors import AnalysisError, ConfigError, RedlineError, one_line
from ..records import Analysis
from . import worker

try:
    import dask
    import distributed
    from distributed.system import MEMORY_LIMIT
except ImportError as _err:  # the optional extra is not installed
    raise ConfigError(f"--executor dask needs Dask, which is not installed: pip install 'redline[dask]' "
                      f"({one_line(_err)})") from None

# Per worker: the analyzer holds 0.5-0.8 GB on a long text (see Analyzer.SECTION_CHARS),
# so 2 GiB leaves room; never more than the machine's share per worker.
WORKER_MEMORY = 2 * 1024**3
CONNECT_TIMEOUT = 15  # seconds to reach an existing scheduler
WORKERS_TIMEOUT = 60  # seconds to wait for --workers N workers on an existing cluster

# scheme://host:port, host:port or [v6]:port; the scheme is one Dask speaks.
_ADDRESS = re.compile(r"^(?:(?:tcp|tls|ws|wss|ucx|inproc)://)?(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9_.-]+):\d{1,5}$")

# Memory is bounded by the nanny ending a worker at 95% of its limit. Dask's
# other memory responses are off: there is no managed data to spill, and a
# worker paused at 80% would stay paused (spaCy's memory is the process's, not
# Dask's), hanging the run.
# The environment of the workers started here: one BLAS thread each (N workers
# for N cores), as Dask sets it, but not Dask's MALLOC_TRIM_THRESHOLD_=65536,
# which makes glibc hand memory back at every turn and costs spaCy's
# allocation-heavy parse a quarter more CPU (measured: 12.5 against 10.1 CPU
# seconds for the same 48 articles); memory stays bounded by the limit.
_WORKER_CONFIG = {"distributed.worker.memory.target": False, "distributed.worker.memory.spill": False,
                  "distributed.worker.memory.pause": False, "distributed.worker.memory.terminate": 0.95,
                  "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1,
                                                          "OPENBLAS_NUM_THREADS": 1}}


def check_address(address: str) -> str:
    address = address.strip()
    if not _ADDRESS.match(address):
        raise ConfigError(f"--scheduler: {address!r} is not a Dask scheduler address (e.g. tcp://10.0.0.5:8786)")
    return address


class DaskExecutor:
    name = "dask"

    def __init__(self, model: str | None = None, *, workers: int = 1, scheduler: str | None = None,
                 batch_size: int = 16, chunk_chars: int | None = None, partition_size: int | None = None,
                 in_flight: int | None = None, memory_limit: int | str | None = None, retries: int = 1):
        settings = Settings()
        self.model_name = model or settings.model  # resolved here: the workers' environment may differ
        self.chunk_chars = chunk_chars or settings.chunk_chars
        self.batch_size = batch_size
        self.partition_size = partition_size or batch_size
        self.retries = retries
        self.cluster = None
        if scheduler:
            self.client = _connect(check_address(scheduler), workers)
        else:
            self.cluster = _local_cluster(workers, memory_limit or min(WORKER_MEMORY, MEMORY_LIMIT // workers))
            self.client = distributed.Client(self.cluster, set_as_default=False)
        self.workers = len(self.client.nthreads()) or workers
        self.in_flight = in_flight or 2 * self.workers
        try:
            self.model = self._load()
        except BaseException:
            self.close()
            raise

    def _load(self) -> str:
        """Load the model on every worker now, in parallel: a missing model is one error, before any article."""
        try:
            labels = self.client.run(worker.load, self.model_name, self.chunk_chars)
        except RedlineError:
            raise  # the model is missing on the workers: its own one-line message
        except Exception as err:
            raise ConfigError(f"the Dask workers cannot load the model ({one_line(err)})") from None
        return sorted(set(labels.values()))[0] if labels else self.model_name

    # -- analysis -----------------------------------------------------------------
    def analyse(self, items: Iterable[tuple[str, str | None, Any]]
                ) -> Iterator[tuple[Analysis | AnalysisError, str, Any]]:
        pending: deque[tuple[Any, list, list]] = deque()  # (future, [(text, published)], [context]) in order
        pairs: list[tuple[str, str | None]] = []
        ctxs: list[Any] = []
        try:
            for text, published, ctx in items:
                pairs.append((text, published))
                ctxs.append(ctx)
                if len(pairs) < self.partition_size:
                    continue
                while len(pending) >= self.in_flight:
                    yield from self._results(*pending.popleft())
                pending.append((self._submit(pairs), pairs, ctxs))
                pairs, ctxs = [], []
            if pairs:
                pending.append((self._submit(pairs), pairs, ctxs))
            while pending:
                yield from self._results(*pending.popleft())
        finally:  # interrupted, or the consumer stopped early: nothing left running for this run
            for future, _, _ in pending:
                future.cancel()

    def _submit(self, pairs: list[tuple[str, str | None]]):
        try:
            return self.client.submit(worker.analyse_partition, pairs, self.model_name, self.chunk_chars,
                                      self.batch_size, retries=self.retries, pure=False)
        except Exception as err:
            raise self._lost(err) from None

    def _lost(self, err: BaseException) -> RedlineError:
        # Not one article's fault: the run stops as an interrupted one does. What is
        # stored stays stored, and the next run skips it and goes on.
        return RedlineError(f"lost the Dask cluster ({one_line(err)}); run again to continue")

    def _results(self, future, pairs: list, ctxs: list) -> Iterator[tuple[Analysis | AnalysisError, str, Any]]:
        try:
            model, outcomes = future.result()
        except Exception as err:
            if self.client.status != "running":
                raise self._lost(err) from None
            if len(pairs) == 1:
                yield AnalysisError(f"analysis failed on a Dask worker ({one_line(err)})", step="worker"), \
                    self.model, ctxs[0]
                return
            # One article may be the cause (it kills or breaks every worker that takes it):
            # each article alone, so the others are analysed and only it fails.
            singles = [(self._submit([p]), [p], [c]) for p, c in zip(pairs, ctxs)]
            for one in singles:
                yield from self._results(*one)
            return
        finally:
            future.release()
        for value, ctx in zip(outcomes, ctxs):
            yield worker.outcome(value), model, ctx

    def close(self) -> None:
        for thing in (self.client, self.cluster):
            if thing is not None:
                try:
                    thing.close()
                except Exception:  # a cluster already gone: nothing left to let go of
                    pass
        self.cluster = None


def _local_cluster(workers: int, memory_limit: int | str):
    """Worker processes on this machine, one thread each, listening on loopback only."""
    try:
        with dask.config.set(_WORKER_CONFIG):
            # No dashboard, and the scheduler's HTTP routes on any free loopback port:
            # its default, 8787, may be taken by another cluster (a warning on every run).
            # Dask's own logs are silenced: a worker's death or failure is reported per
            # article by this executor, and the races of a cluster shutting down are noise.
            return distributed.LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                memory_limit=memory_limit, dashboard_address=None, silence_logs=logging.CRITICAL,
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
    except Exception as err:
        # The usual cause from Python: worker processes are spawned, and they import the
        # caller's __main__, so a script that starts a cluster needs the __main__ guard.
        raise ConfigError(f"cannot start a local Dask cluster ({one_line(err)}); a script that ingests with "
                          "executor='dask' needs an `if __name__ == \"__main__\":` guard") from None


def _connect(address: str, workers: int):
    try:
        client = distributed.Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except Exception as err:
        raise ConfigError(f"--scheduler: cannot reach a Dask scheduler at {address} ({one_line(err)})") from None
    try:
        client.wait_for_workers(workers, timeout=WORKERS_TIMEOUT)
    except Exception:
        have = len(client.nthreads())
        client.close()
        raise ConfigError(f"--workers {workers}: the Dask cluster at {address} has {have} workers "
                          f"after {WORKERS_TIMEOUT}s") from None
    return client

