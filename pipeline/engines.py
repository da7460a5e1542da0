"""Engines that run the per-file pipeline over many inputs: a local process pool and Dask.

Both engines run the same module-level :func:`process_input` for every input file. It
calls the per-file function (``process_path``-compatible: ``path -> DocumentResult``,
never raising for bad input), writes the file's own Parquet part in each of the four
tables, and returns a small manifest row (the ``documents`` row). Bulk data never passes
back through the driver or the Dask scheduler.

Crash safety rests on three rules:

1. Every part is written to a hidden temporary name in its final folder, fsynced, then
   renamed over the final name (``os.replace`` is atomic on POSIX), so a reader sees the
   old part or the new one, never half of one. Readers skip names starting with ``.``.
2. An input's parts are named after its path (:func:`part_name`), so redoing an input
   replaces its parts instead of adding a second set.
3. The ``documents`` part is removed first and written last: it is the done-marker. A run
   killed between the two leaves an input without a ``documents`` row, which the next run
   redoes, overwriting whatever figure/check/derived parts the killed run left.

The spaCy pipeline is built once per worker (local: in the worker process before it asks
for work; Dask: in a ``WorkerPlugin``), never pickled and shipped.
"""
from __future__ import annotations

import hashlib
import importlib
import os
import resource
import signal
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass
from importlib import metadata
from typing import Callable, Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from recount.pipeline import columns as C
from recount.pipeline.errors import RecountError
from recount.pipeline.records import DocumentResult, Failure

#: ``path -> DocumentResult``; ``recount.pipeline.process.process_path`` by default.
ProcessFn = Callable[[str], DocumentResult]

class EngineError(RecountError):
    """The engine itself cannot go on (workers die while starting, no Dask scheduler)."""


#: Failure reasons set by the engines themselves (the rest come from the pipeline).
TIMEOUT = "timeout"
MEMORY = "memory"
WORKER_CRASH = "worker_crash"

#: Resident memory of a Dask worker with the pipeline loaded, before any file (measured
#: about 400 MB with spaCy, pyarrow and distributed), allowed on top of ``memory_mb``.
WORKER_BASE_MB = 512

#: Modules the forkserver imports once, so that each local worker forks with them loaded
#: (importing scikit-learn and skops alone took 4.5 s of a worker's 5.5 s start-up).
#: Only imports: every worker still builds its own spaCy pipeline and loads its model.
FORKSERVER_PRELOAD = ("recount.pipeline.process", "recount.models.classifier", "skops.io", "spacy")

#: Prefix of temporary part names; pyarrow, DuckDB, Spark and Dask all skip hidden files.
_TMP_PREFIX = ".tmp-"

# A short report sentence pushed through the pipeline once when a worker starts, so that
# spaCy, the tokenizer rules and the role classifier are loaded before the clock of the
# first real file starts (figures in the style of the 2023 national report).
_WARM_UP_TEXT = (
    "Tổng số việc phải thi hành là 1.275 việc, đã thi hành xong 1.000 việc, "
    "đạt tỷ lệ 78,43%.\n"
)


def default_process() -> ProcessFn:
    """The real per-file pipeline, imported when first needed."""
    from recount.pipeline.process import process_path

    return process_path


def pipeline_version() -> str:
    """What a finished input's rows depend on, besides the input bytes.

    ``recount.pipeline.process.PIPELINE_VERSION`` when the pipeline declares one (it should
    change with the rules and the shipped model), else the installed package version.
    """
    try:
        module = importlib.import_module("recount.pipeline.process")
        declared = getattr(module, "PIPELINE_VERSION", None)
    except ImportError:
        declared = None
    if declared:
        return str(declared)
    return f"recount-{metadata.version('recount')}"


# -- parts on disk -------------------------------------------------------------------------


def part_name(path: str) -> str:
    """File name of an input's part in every table: a digest of its path."""
    digest = hashlib.sha1(path.encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return f"part-{digest}.parquet"


def file_sha256(path: str) -> str:
    """Hex digest of a file's bytes, or ``""`` when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def prepare_out_dir(out_dir: str) -> None:
    """Create the table folders and remove temporary parts a killed run left behind."""
    for table in C.TABLES:
        folder = os.path.join(out_dir, table)
        os.makedirs(folder, exist_ok=True)
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith(_TMP_PREFIX):
                    os.unlink(entry.path)


def write_part(folder: str, name: str, table: pa.Table) -> None:
    """Write ``table`` as ``folder/name`` so that readers never see a partial file."""
    fd, tmp_path = tempfile.mkstemp(prefix=_TMP_PREFIX, suffix=".parquet", dir=folder)
    try:
        with os.fdopen(fd, "wb") as stream:
            pq.write_table(table, stream, compression="zstd")
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp_path, os.path.join(folder, name))
    except BaseException:
        if os.path.exists(tmp_path):
            os.unlink(tmp_path)
        raise


def _fsync_dir(folder: str) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_result(out_dir: str, tables: dict[str, pa.Table], name: str) -> None:
    """Replace an input's parts: drop its done-marker, write the rest, write it back last."""
    documents_part = os.path.join(out_dir, C.DOCUMENTS, name)
    if os.path.exists(documents_part):
        os.unlink(documents_part)
    for table in (C.FIGURES, C.CHECKS, C.DERIVED, C.CELLS):
        write_part(os.path.join(out_dir, table), name, tables[table])
    write_part(os.path.join(out_dir, C.DOCUMENTS), name, tables[C.DOCUMENTS])
    _fsync_dir(os.path.join(out_dir, C.DOCUMENTS))


def read_done_row(out_dir: str, path: str) -> dict | None:
    """The ``documents`` row already written for ``path``, if any."""
    part = os.path.join(out_dir, C.DOCUMENTS, part_name(path))
    try:
        rows = pq.read_table(part, schema=C.DOCUMENTS_SCHEMA).to_pylist()
    except (OSError, pa.ArrowInvalid):
        return None
    return rows[0] if rows else None


def load_done(out_dir: str) -> dict[str, tuple[str, str]]:
    """``path -> (sha256, pipeline_version)`` for every input with a ``documents`` row."""
    folder = os.path.join(out_dir, C.DOCUMENTS)
    if not os.path.isdir(folder) or not any(
        name.endswith(".parquet") and not name.startswith(".") for name in os.listdir(folder)
    ):
        return {}
    table = pq.read_table(
        folder, schema=C.DOCUMENTS_SCHEMA, columns=[C.DOC, C.SHA256, C.PIPELINE_VERSION]
    )
    return {
        doc: (sha, version)
        for doc, sha, version in zip(
            table[C.DOC].to_pylist(), table[C.SHA256].to_pylist(),
            table[C.PIPELINE_VERSION].to_pylist(),
        )
    }


# -- one input -----------------------------------------------------------------------------


class TimeBudgetExceeded(BaseException):
    """Raised in a worker when a file overruns its time budget.

    A ``BaseException`` so that a pipeline stage catching ``Exception`` to record a parse
    failure cannot swallow it.
    """


def _raise_time_budget_exceeded(signum, frame):
    raise TimeBudgetExceeded()


def failure_result(path: str, reason: str, detail: str) -> DocumentResult:
    return DocumentResult(doc=path, document=None, failure=Failure(path, reason, detail))


def record_failure(
    out_dir: str, path: str, reason: str, detail: str, version: str, seconds: float | None
) -> dict:
    """Write a failed input's parts (used when the worker could not write them itself)."""
    tables = C.result_to_tables(
        failure_result(path, reason, detail),
        sha256=file_sha256(path),
        size_bytes=_size(path),
        seconds=seconds,
        pipeline_version=version,
    )
    write_result(out_dir, tables, part_name(path))
    return tables[C.DOCUMENTS].to_pylist()[0]


def _size(path: str) -> int | None:
    try:
        return os.stat(path).st_size
    except OSError:
        return None


def process_input(
    path: str,
    out_dir: str,
    version: str,
    process: ProcessFn,
    time_budget: float | None = None,
    memory_mb: int | None = None,
) -> dict:
    """Run the pipeline on one file, write its parts, return its ``documents`` row.

    Guards, for a call on a process's main thread (the local engine's workers):

    - ``time_budget`` (seconds): a timer signal interrupts the file when the budget runs
      out and it is recorded as ``timeout``;
    - ``memory_mb``: while the pipeline runs, the address space is capped at what the
      worker holds now plus ``memory_mb``; an allocation past it fails and the file is
      recorded as ``memory``. The cap is lifted before the parts are written, so the
      failure can still be recorded.
    """
    sha256 = file_sha256(path)
    started = time.perf_counter()
    on_main_thread = threading.current_thread() is threading.main_thread()
    use_alarm = bool(time_budget) and on_main_thread
    saved_limit = None
    if use_alarm:
        previous = signal.signal(signal.SIGALRM, _raise_time_budget_exceeded)
    try:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, time_budget)
        if memory_mb and on_main_thread:
            saved_limit = _cap_address_space(memory_mb)
        result = process(path)
    except TimeBudgetExceeded:
        result = failure_result(path, TIMEOUT, f"over the time budget of {time_budget:g} s")
    except MemoryError:
        result = failure_result(path, MEMORY, f"over the memory limit of {memory_mb} MB")
    except Exception as error:  # the pipeline should not raise; record it if it does
        result = failure_result(path, "error", f"{type(error).__name__}: {error}")
    finally:
        if saved_limit is not None:
            resource.setrlimit(resource.RLIMIT_AS, saved_limit)
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    seconds = time.perf_counter() - started
    tables = C.result_to_tables(
        result, sha256=sha256, size_bytes=_size(path), seconds=seconds,
        pipeline_version=version,
    )
    write_result(out_dir, tables, part_name(path))
    return tables[C.DOCUMENTS].to_pylist()[0]


def _cap_address_space(memory_mb: int) -> tuple[int, int]:
    """Cap this process's address space at its current size plus ``memory_mb``.

    Measured from the current size, not from zero, because a loaded worker already maps
    several hundred MB (spaCy's tables, pyarrow's allocator) that no file is to blame for.
    Returns the limits to restore.
    """
    saved = resource.getrlimit(resource.RLIMIT_AS)
    soft, hard = saved
    limit = _address_space_bytes() + memory_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    return saved


# -- worker set-up ------------------------------------------------------------------------


def prepare_worker(process: ProcessFn) -> None:
    """Build the pipeline once in this worker by running it on a one-sentence report."""
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    with tempfile.TemporaryDirectory(prefix="recount-warm-up-") as folder:
        sample = os.path.join(folder, "warm_up.txt")
        with open(sample, "w", encoding="utf-8") as stream:
            stream.write(_WARM_UP_TEXT)
        process(sample)


def _address_space_bytes() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def peak_rss_mb() -> float:
    """Peak resident set size of this process, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- local engine --------------------------------------------------------------------------


def _local_worker_main(
    connection, driver_pid, process, memory_mb, out_dir, version, time_budget
):
    """Body of a local worker process: set up, say ready, then process paths until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the driver handles Ctrl-C
    _exit_with_driver(driver_pid)
    process = process or default_process()
    prepare_worker(process)
    connection.send(("ready", os.getpid()))
    while True:
        path = connection.recv()
        if path is None:
            connection.send(("peak_rss_mb", peak_rss_mb()))
            return
        row = process_input(path, out_dir, version, process, time_budget, memory_mb)
        connection.send(("done", row))


def _exit_with_driver(driver_pid: int) -> None:
    """End this worker soon after the driver dies (``kill -9`` included).

    A forkserver worker is the forkserver's child, not the driver's, so it would otherwise
    finish its file and linger; a re-run would then race it for the same parts.
    """

    def watch():
        while True:
            time.sleep(0.5)
            try:
                os.kill(driver_pid, 0)
            except ProcessLookupError:
                os._exit(0)

    threading.Thread(target=watch, daemon=True, name="recount-driver-watch").start()


@dataclass
class _Worker:
    process: object
    connection: object
    ready: bool = False
    path: str | None = None
    started: float = 0.0


class _Engine:
    """What both engines are given: the files' worker settings and where rows go."""

    def __init__(self, jobs: int, out_dir: str, version: str, process: ProcessFn | None,
                 time_budget: float | None, memory_mb: int | None):
        self.jobs = jobs
        self.out_dir = out_dir
        self.version = version
        self.process = process
        self.time_budget = time_budget
        self.memory_mb = memory_mb
        self.worker_peak_rss_mb: list[float] = []


class LocalEngine(_Engine):
    """A pool of worker processes, one file at a time each, that survives crashed workers.

    ``concurrent.futures.ProcessPoolExecutor`` marks the whole pool broken when one worker
    dies and cannot stop one overlong task, so each worker here has its own pipe: the
    driver knows which file every worker holds, records ``worker_crash`` when one dies,
    kills one that overruns its budget by ``grace`` seconds (``timeout``), and starts a
    fresh worker in its place.
    """

    def __init__(
        self,
        jobs: int,
        out_dir: str,
        version: str,
        process: ProcessFn | None = None,
        time_budget: float | None = 60,
        memory_mb: int | None = 2048,
        start_method: str = "forkserver",
    ):
        import multiprocessing

        self.context = multiprocessing.get_context(start_method)
        if start_method == "forkserver":
            self.context.set_forkserver_preload(list(FORKSERVER_PRELOAD))
        super().__init__(jobs, out_dir, version, process, time_budget, memory_mb)
        # The soft budget (timer signal in the worker) fires first; the hard kill is for
        # code that never returns to Python, e.g. a parser stuck inside pdfium.
        self.hard_deadline = (time_budget * 1.5 + 5) if time_budget else None
        self._workers: list[_Worker] = []
        self._failed_starts = 0

    def busy(self) -> dict[int, str]:
        """``pid -> path`` of the workers processing a file right now."""
        return {w.process.pid: w.path for w in self._workers if w.path is not None}

    def _start_worker(self) -> _Worker:
        parent, child = self.context.Pipe()
        worker = self.context.Process(
            target=_local_worker_main,
            args=(child, os.getpid(), self.process, self.memory_mb, self.out_dir,
                  self.version, self.time_budget),
            daemon=True,
        )
        worker.start()
        child.close()
        return _Worker(worker, parent)

    def _replace(self, workers: list[_Worker], worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.connection.close()
        workers[workers.index(worker)] = self._start_worker()

    def map(self, paths: Iterable[str]) -> Iterable[dict]:
        """Process ``paths``; yield each ``documents`` row as its file finishes."""
        from multiprocessing.connection import wait

        pending = deque(paths)
        workers = self._workers = [self._start_worker() for _ in range(min(self.jobs, len(pending)))]
        try:
            while pending or any(w.path for w in workers):
                for worker in workers:
                    if worker.ready and worker.path is None and pending:
                        worker.path = pending.popleft()
                        worker.started = time.monotonic()
                        worker.connection.send(worker.path)
                waitables = [w.connection for w in workers] + [w.process.sentinel for w in workers]
                ready = set(wait(waitables, timeout=0.5))
                for worker in list(workers):
                    row = self._poll(worker, ready)
                    if row is not None:
                        yield row
                        if row[C.FAILURE_REASON] in (TIMEOUT, MEMORY):
                            # A file interrupted half-way may leave the worker's state
                            # (open documents, caches) damaged; start a clean worker.
                            self._replace(workers, worker)
                    elif worker.process.sentinel in ready and not worker.process.is_alive():
                        yield from self._on_death(workers, worker)
                    elif self._overran(worker):
                        path, seconds = worker.path, time.monotonic() - worker.started
                        self._replace(workers, worker)
                        yield record_failure(
                            self.out_dir, path, TIMEOUT,
                            f"killed after {seconds:.0f} s (budget {self.time_budget:g} s)",
                            self.version, seconds,
                        )
        finally:
            self._stop(workers)

    def _poll(self, worker: _Worker, ready: set) -> dict | None:
        if worker.connection not in ready:
            return None
        try:
            kind, payload = worker.connection.recv()
        except (EOFError, OSError):
            return None  # the worker died; its sentinel says so
        if kind == "ready":
            worker.ready = True
            return None
        worker.path = None
        return payload

    def _overran(self, worker: _Worker) -> bool:
        return bool(
            worker.path and self.hard_deadline
            and time.monotonic() - worker.started > self.hard_deadline
        )

    def _on_death(self, workers: list[_Worker], worker: _Worker) -> Iterable[dict]:
        path, code = worker.path, worker.process.exitcode
        if not worker.ready:
            self._failed_starts += 1
            if self._failed_starts > 3 * self.jobs:
                raise EngineError(
                    f"recount workers keep dying while starting (exit code {code}); "
                    "run one file with `recount check` to see why"
                )
        self._replace(workers, worker)
        if path is not None:
            seconds = time.monotonic() - worker.started
            yield record_failure(
                self.out_dir, path, WORKER_CRASH,
                f"worker process ended with exit code {code}", self.version, seconds,
            )

    def _stop(self, workers: list[_Worker]) -> None:
        for worker in workers:
            try:
                if worker.ready and worker.path is None:
                    worker.connection.send(None)
                    if worker.connection.poll(5):
                        kind, payload = worker.connection.recv()
                        if kind == "peak_rss_mb":
                            self.worker_peak_rss_mb.append(payload)
            except (EOFError, OSError):
                pass
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.connection.close()


# -- Dask engine ---------------------------------------------------------------------------

# Set in each Dask worker process by RecountPlugin.setup.
_DASK_STATE: dict = {}


def _dask_plugin_class():
    from distributed.diagnostics.plugin import WorkerPlugin

    class RecountPlugin(WorkerPlugin):
        """Builds the pipeline once per Dask worker and watches each file's time budget.

        Tasks run on a worker thread, where no timer signal can interrupt them, so a
        watchdog thread records an overrunning file as ``timeout`` and then ends the
        worker process; the nanny starts a new one.
        """

        name = "recount"

        def __init__(self, process, time_budget):
            self.process = process
            self.time_budget = time_budget

        def setup(self, worker):
            # Through the imported module: this class travels to the workers by value
            # (it is defined in a function), and its globals would be a copy.
            from recount.pipeline import engines

            engines.setup_dask_worker(self.process, self.time_budget)

    return RecountPlugin


def setup_dask_worker(process: ProcessFn | None, time_budget: float | None) -> None:
    """Build the pipeline in this Dask worker and start the time-budget watchdog.

    No address-space cap here: a Dask worker's own threads and pyarrow's allocator keep
    reserving address space after start-up (a cap of 300 MB over the loaded worker failed
    a 128-byte malloc in pyarrow), so the nanny's ``memory_limit`` guards memory instead.
    """
    process = process or default_process()
    prepare_worker(process)
    _DASK_STATE.clear()
    _DASK_STATE.update(process=process, current=None, lock=threading.Lock())
    if time_budget:
        threading.Thread(
            target=_dask_watchdog, args=(time_budget,), daemon=True, name="recount-watchdog"
        ).start()


def _dask_watchdog(time_budget: float) -> None:
    while True:
        time.sleep(min(1.0, time_budget / 4))
        with _DASK_STATE["lock"]:
            current = _DASK_STATE["current"]
        if current is None:
            continue
        path, out_dir, version, started = current
        seconds = time.monotonic() - started
        if seconds > time_budget:
            record_failure(
                out_dir, path, TIMEOUT, f"over the time budget of {time_budget:g} s",
                version, seconds,
            )
            os._exit(70)  # the task cannot be stopped on its thread; end the worker


def dask_process_input(path: str, out_dir: str, version: str) -> dict:
    """The Dask task: like :func:`process_input`, using the worker's pipeline.

    Returns the row already on disk when the input is done for this content and pipeline
    version, so a task the scheduler re-runs after a lost worker does not redo the file.
    """
    if os.path.exists(os.path.join(out_dir, C.DOCUMENTS, part_name(path))):
        done = read_done_row(out_dir, path)
        if done and done[C.PIPELINE_VERSION] == version and done[C.SHA256] == file_sha256(path):
            return done
    if not _DASK_STATE:  # no plugin (e.g. a bare Client in a notebook)
        _DASK_STATE.update(process=default_process(), current=None, lock=threading.Lock())
    with _DASK_STATE["lock"]:
        _DASK_STATE["current"] = (path, out_dir, version, time.monotonic())
    try:
        return process_input(path, out_dir, version, _DASK_STATE["process"])
    finally:
        with _DASK_STATE["lock"]:
            _DASK_STATE["current"] = None


def dask_peak_rss_mb() -> float:
    return peak_rss_mb()


class DaskEngine(_Engine):
    """Runs :func:`dask_process_input` with ``client.map`` on a Dask cluster.

    Without a scheduler address, starts a ``LocalCluster`` with ``jobs`` single-threaded
    worker processes.

    When a worker dies, the scheduler counts a failure against every task the worker held,
    the one running and the one queued behind it alike, and gives up on a task after
    ``1 + allowed_failures`` deaths (``KilledWorker``). A file that gets there without a
    row on disk is submitted once more on its own; only if that try kills a worker too is
    it recorded as ``worker_crash``, so a report queued behind a crashing one is not
    blamed. (Handing each worker one task at a time, ``worker-saturation = 1.0``, would
    avoid the question but halved throughput here: 500 reports in 26.9 s against 13.1 s.)
    """

    def __init__(
        self,
        jobs: int,
        out_dir: str,
        version: str,
        process: ProcessFn | None = None,
        time_budget: float | None = 60,
        memory_mb: int | None = 2048,
        scheduler: str | None = None,
        allowed_failures: int = 1,
    ):
        super().__init__(jobs, out_dir, version, process, time_budget, memory_mb)
        self.allowed_failures = allowed_failures
        self.scheduler = scheduler

    def map(self, paths: Iterable[str]) -> Iterable[dict]:
        import dask
        from distributed import Client, LocalCluster, as_completed
        from distributed.client import FutureCancelledError
        from distributed.scheduler import KilledWorker

        paths = list(paths)
        if not paths:
            return
        settings = {"distributed.scheduler.allowed-failures": self.allowed_failures}
        with dask.config.set(settings):
            if self.scheduler:
                cluster = None
                try:
                    client = Client(self.scheduler, timeout=30)
                except (OSError, TimeoutError) as error:
                    raise EngineError(
                        f"cannot reach the Dask scheduler at {self.scheduler}: {error}"
                    ) from error
            else:
                cluster = LocalCluster(
                    n_workers=self.jobs, threads_per_worker=1, processes=True,
                    dashboard_address=None, memory_limit=self._memory_limit(),
                )
                client = Client(cluster)
            try:
                plugin = _dask_plugin_class()(self.process, self.time_budget)
                client.register_plugin(plugin)
                futures = client.map(
                    dask_process_input, paths, out_dir=self.out_dir, version=self.version,
                    pure=False,
                )
                index = {future.key: path for future, path in zip(futures, paths)}
                second_tries: set[str] = set()
                completed = as_completed(futures)
                for future in completed:
                    path = index.pop(future.key)
                    try:
                        row = future.result()
                    except (KilledWorker, FutureCancelledError) as error:
                        row = self._row_on_disk(path)
                        if row is None and path not in second_tries:
                            second_tries.add(path)
                            retry = client.submit(
                                dask_process_input, path, out_dir=self.out_dir,
                                version=self.version, pure=False,
                            )
                            index[retry.key] = path
                            completed.add(retry)
                        elif row is None:
                            row = record_failure(
                                self.out_dir, path, WORKER_CRASH,
                                f"{type(error).__name__}: {error}", self.version, None,
                            )
                    except Exception as error:  # e.g. the output folder became unwritable
                        row = record_failure(
                            self.out_dir, path, "error", f"{type(error).__name__}: {error}",
                            self.version, None,
                        )
                    future.release()
                    if row is not None:
                        yield row
                self.worker_peak_rss_mb = sorted(
                    client.run(dask_peak_rss_mb).values(), reverse=True
                )
            finally:
                client.close()
                if cluster is not None:
                    cluster.close()

    def _memory_limit(self) -> str | int:
        """The nanny's memory limit: ``memory_mb`` for the file on top of the loaded worker."""
        if not self.memory_mb:
            return 0  # no limit
        return (self.memory_mb + WORKER_BASE_MB) * 1024 * 1024

    def _row_on_disk(self, path: str) -> dict | None:
        """The row of a file whose worker died, if it was written (e.g. the watchdog's
        ``timeout``, written just before it ended the worker)."""
        done = read_done_row(self.out_dir, path)
        if done and done[C.PIPELINE_VERSION] == self.version and done[C.SHA256] == file_sha256(path):
            return done
        return None
