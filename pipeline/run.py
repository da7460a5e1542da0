"""``recount run``: the pipeline over a whole archive, in parallel, resumable, crash-safe.

The output is a Parquet dataset (see :mod:`recount.pipeline.columns`)::

    OUT/documents/part-*.parquet   one row per input
    OUT/figures/part-*.parquet     one row per figure
    OUT/checks/part-*.parquet      one row per check
    OUT/derived/part-*.parquet     one row per derived figure
    OUT/cells/part-*.parquet       one row per number in a PDF's ruled tables

Each input writes one part in each folder (see :mod:`recount.pipeline.engines` for why
that makes a kill at any moment harmless). A re-run skips inputs whose ``documents`` row
has the same content hash and pipeline version, and redoes the others, replacing their
parts. Inputs dropped from the SOURCE list keep their rows: the dataset grows with the
archive; delete the output folder to start afresh.

Example::

    >>> summary = run(["archive/"], "out/archive", jobs=2, quiet=True)  # doctest: +SKIP
    >>> print(summary)                                                   # doctest: +SKIP
    1,204 inputs: 1,190 processed, 0 skipped as already done, 14 failed ...
"""
from __future__ import annotations

import fcntl
import os
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Iterable

from recount.pipeline import columns as C
from recount.pipeline import engines
from recount.pipeline.errors import RecountError
from recount.pipeline.sources import expand_sources

ENGINES = ("local", "dask")


class RunError(RecountError):
    """A run that cannot start (bad arguments, output folder in use)."""


@dataclass
class RunSummary:
    """What a run did.

    ``processed`` counts inputs run through the pipeline this time (failed ones included);
    ``failed`` counts them by failure reason; ``inconsistencies`` counts checks with the
    verdict ``inconsistent`` in the inputs processed this time.
    """

    out_dir: str
    inputs: int = 0
    processed: int = 0
    skipped: int = 0
    failed: dict[str, int] = field(default_factory=dict)
    inconsistencies: int = 0
    checks: int = 0
    pages: int = 0
    seconds: float = 0.0
    worker_peak_rss_mb: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def n_failed(self) -> int:
        return sum(self.failed.values())

    def __str__(self) -> str:
        lines = [
            f"{self.inputs:,} inputs: {self.processed:,} processed, {self.skipped:,} skipped "
            f"as already done, {self.n_failed:,} failed, in {self.seconds:.1f} s",
        ]
        for reason, count in sorted(self.failed.items()):
            lines.append(f"  failed ({reason}): {count:,}")
        lines.append(
            f"{self.inconsistencies:,} inconsistencies found in {self.checks:,} checks"
        )
        for problem in self.problems:
            lines.append(f"warning: {problem}")
        lines.append(f"dataset: {self.out_dir}")
        return "\n".join(lines)


def run(
    sources: Iterable[str],
    out_dir: str,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    quiet: bool = False,
    time_budget: float | None = 60,
    memory_mb: int | None = 2048,
    process: engines.ProcessFn | None = None,
    pipeline_version: str | None = None,
) -> RunSummary:
    """Run the pipeline over every input named by ``sources`` into the dataset ``out_dir``.

    Args:
        sources (list[str]): files, folders, globs, ``@listing`` files or ``-`` (stdin);
            see :mod:`recount.pipeline.sources`.
        out_dir (str): the dataset folder; created if missing, resumed if not.
        jobs (int): worker processes (default: the CPUs this process may use).
        engine (str): ``local`` (a process pool) or ``dask`` (``dask.distributed``).
        scheduler (str): a Dask scheduler address; without one the Dask engine starts a
            ``LocalCluster``.
        quiet (bool): no progress bar (there is none anyway when stderr is not a TTY).
        time_budget (float): seconds one file may take; ``None`` or 0 for no limit.
        memory_mb (int): memory (MB of address space) one file may take on top of the
            loaded worker; ``None`` or 0 for no limit.
        process: the per-file function, ``path -> DocumentResult`` (default: the real
            ``recount.pipeline.process.process_path``); must be importable by workers.
        pipeline_version (str): overrides :func:`engines.pipeline_version`.
    RETURNS (RunSummary): counts of what was processed, skipped and failed.
    """
    if engine not in ENGINES:
        raise RunError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if scheduler and engine != "dask":
        raise RunError("--scheduler needs --engine dask")
    jobs = jobs or len(os.sched_getaffinity(0))
    if jobs < 1:
        raise RunError("--jobs must be at least 1")
    started = time.monotonic()
    out_dir = os.path.abspath(out_dir)
    version = pipeline_version or engines.pipeline_version()
    found = expand_sources(sources)
    summary = RunSummary(out_dir=out_dir, inputs=len(found.paths), problems=found.problems)

    os.makedirs(out_dir, exist_ok=True)
    with _exclusive(out_dir):
        engines.prepare_out_dir(out_dir)
        todo = inputs_to_do(found.paths, out_dir, version)
        summary.skipped = len(found.paths) - len(todo)
        if engine == "local":
            runner = engines.LocalEngine(jobs, out_dir, version, process, time_budget, memory_mb)
        else:
            runner = engines.DaskEngine(
                jobs, out_dir, version, process, time_budget, memory_mb, scheduler
            )
        _consume(runner.map(todo), len(todo), summary, quiet)
        summary.worker_peak_rss_mb = runner.worker_peak_rss_mb
    summary.seconds = time.monotonic() - started
    return summary


def inputs_to_do(paths: list[str], out_dir: str, version: str) -> list[str]:
    """The inputs not yet done for their current bytes and this pipeline version.

    Only inputs with a row of the same pipeline version need hashing; they are hashed on a
    few threads (hashlib releases the GIL while reading big files).
    """
    done = engines.load_done(out_dir)
    candidates = [p for p in paths if p in done and done[p][1] == version and done[p][0]]
    with ThreadPoolExecutor(max_workers=8) as pool:
        hashes = dict(zip(candidates, pool.map(engines.file_sha256, candidates)))
    return [p for p in paths if not (p in hashes and hashes[p] == done[p][0])]


def _consume(rows: Iterable[dict], total: int, summary: RunSummary, quiet: bool) -> None:
    from tqdm import tqdm

    failed: Counter = Counter()
    bar = tqdm(
        total=total, unit="file", dynamic_ncols=True,
        disable=quiet or total == 0 or not sys.stderr.isatty(),
    )
    bar_started = time.monotonic()
    with bar:
        for row in rows:
            summary.processed += 1
            summary.pages += row[C.PAGES] or 0
            summary.checks += row[C.N_CHECKS] or 0
            summary.inconsistencies += row[C.N_INCONSISTENT] or 0
            if row[C.STATUS] == C.STATUS_FAILED:
                failed[row[C.FAILURE_REASON]] += 1
            elapsed = time.monotonic() - bar_started
            bar.set_postfix_str(
                f"{summary.pages / elapsed if elapsed else 0:.1f} pages/s, "
                f"{sum(failed.values())} failed", refresh=False,
            )
            bar.update()
    summary.failed = dict(failed)


class _exclusive:
    """Hold a lock on ``out_dir`` so that two runs cannot write the same dataset."""

    def __init__(self, out_dir: str):
        self.path = os.path.join(out_dir, ".recount-run.lock")

    def __enter__(self):
        self.stream = open(self.path, "w")
        try:
            fcntl.flock(self.stream, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.stream.close()
            raise RunError(f"another recount run is writing {os.path.dirname(self.path)}")
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.stream, fcntl.LOCK_UN)
        self.stream.close()
