"""Time and memory budgets for reading hostile files.

Two tools:

* :func:`check_pdf_streams` refuses a PDF whose compressed streams inflate past a budget
  before pdfium sees it. pdfium inflates a content stream whole: a 2 MB file whose stream is
  2 GiB of spaces (the ``bomb.pdf`` of ``tests/hostile/make_bad_inputs.py``) took 25 s and
  3.1 GB of memory to read. Inflating it here, in bounded chunks, stops after
  :data:`MAX_INFLATED_STREAM_BYTES` in about a second with a few megabytes.
* :func:`run_with_budget` runs a function in a forked child with a wall-clock limit and an
  address-space limit, so a pathological input costs one child, never the batch.
"""
from __future__ import annotations

import multiprocessing
import os
import re
import resource
import time
import traceback
import zlib
from dataclasses import dataclass
from typing import Any, Callable

from recount.pipeline.errors import InputError

#: One stream inflating past this is refused. A content stream of a 200-page report is a few
#: megabytes; a 600 dpi A4 page image inflates to about 100 MB.
MAX_INFLATED_STREAM_BYTES = 256 * 1024**2
#: All streams of one file together.
MAX_INFLATED_TOTAL_BYTES = 1024**3
#: Inflate in pieces this large, so memory stays flat whatever the stream holds.
_INFLATE_CHUNK = 1 << 22
_INPUT_SLICE = 1 << 16

# A stream's dictionary ends right before the "stream" keyword; look back this far for it.
_DICT_LOOKBACK = 4096
# The look-behind sits after the first letter: a pattern that starts with a literal lets the
# regex engine jump from one "s" to the next, where a leading look-behind is tried at every
# byte of the file (14 ms against 0.5 ms on a 200-page, 340 kB report).
_STREAM_START = re.compile(rb"s(?<![A-Za-z]s)tream\r?\n")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")
# Image XObjects are decoded only to render a page, never to read its text, and a scanned
# 600 dpi page legitimately inflates to about 100 MB: they are not counted.
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")


def _inflated_size(data: bytes, start: int, end: int, budget: int) -> int:
    """Bytes the zlib stream in ``data[start:end]`` inflates to, counting no further than
    ``budget + 1``; a stream that does not inflate (damaged, or not zlib) counts as 0.

    Input goes in small slices of a memoryview and output comes out in bounded chunks, so
    neither the file nor the inflated data is ever copied whole.
    """
    inflater = zlib.decompressobj()
    view = memoryview(data)[start:end]
    total = 0
    try:
        for offset in range(0, len(view), _INPUT_SLICE):
            pending = view[offset:offset + _INPUT_SLICE]
            while pending and total <= budget and not inflater.eof:
                total += len(inflater.decompress(pending, _INFLATE_CHUNK))
                pending = inflater.unconsumed_tail
            if total > budget or inflater.eof:
                break
    except zlib.error:
        return total
    return total


#: Deflate cannot inflate a stream to more than about 1,032 times its compressed length (a
#: 258-byte match costs at least two bits): 100 MB of zeros compress to 97,209 bytes at
#: best, a ratio of 1,029. The slack covers the zlib header and a last partial block.
MAX_DEFLATE_RATIO = 1032
_DEFLATE_SLACK = 1024


def _flate_streams(data: bytes):
    """``(start, end)`` of each Flate-compressed, non-image stream of the PDF ``data``.

    Streams are found by their ``stream`` keyword and a ``/FlateDecode`` filter in the
    dictionary just before it, not through the xref table, so a damaged file is checked too.
    Images are skipped (text extraction never decodes them).
    """
    for keyword in _STREAM_START.finditer(data):
        before = keyword.start()
        lookback = max(0, before - _DICT_LOOKBACK)
        dictionary_start = max(data.rfind(b"obj", lookback, before), lookback)
        if not _FLATE.search(data, dictionary_start, before) or _IMAGE.search(data, dictionary_start, before):
            continue
        end = data.find(b"endstream", keyword.end())
        yield keyword.end(), len(data) if end < 0 else end


def check_pdf_streams(data: bytes, *, stream_budget: int = MAX_INFLATED_STREAM_BYTES,
                      total_budget: int = MAX_INFLATED_TOTAL_BYTES) -> None:
    """Raise ``InputError("too_large")`` if a Flate stream of the PDF ``data`` inflates past
    ``stream_budget`` bytes, or all of them together past ``total_budget``.

    The streams of an encrypted file do not inflate before decryption and count as nothing.
    A file whose streams are all too short to break a budget even at deflate's largest ratio
    (:data:`MAX_DEFLATE_RATIO`) is passed without inflating any: a 200-page report's page
    streams of a few kilobytes each inflate to at most a few megabytes, and inflating them
    all cost about a tenth of pdfium's own time to read the text.
    """
    streams = list(_flate_streams(data))
    most = [MAX_DEFLATE_RATIO * (end - start) + _DEFLATE_SLACK for start, end in streams]
    if max(most, default=0) <= stream_budget and sum(most) <= total_budget:
        return
    total = 0
    for start, end in streams:
        size = _inflated_size(data, start, end, min(stream_budget, total_budget - total))
        if size > stream_budget:
            raise InputError(
                "too_large",
                f"a compressed stream at byte {start:,} inflates past "
                f"{stream_budget // 1024**2} MB (a decompression bomb?)")
        total += size
        if total > total_budget:
            raise InputError(
                "too_large",
                f"compressed streams inflate past {total_budget // 1024**2} MB in all")


@dataclass(frozen=True, slots=True)
class BudgetResult:
    """What :func:`run_with_budget` saw.

    ``failure`` is ``None`` when the function returned (``value`` holds what it returned),
    else one of ``timeout``, ``memory`` or ``worker_crash`` (with ``detail``).
    """

    value: Any = None
    failure: str | None = None
    detail: str = ""
    seconds: float = 0.0
    peak_rss_bytes: int = 0


def _address_space_bytes() -> int:
    try:
        with open(f"/proc/{os.getpid()}/statm") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _child(connection, function: Callable, args: tuple, memory_bytes: int | None) -> None:
    if memory_bytes:
        # The child starts with its parent's address space (spaCy, pandas, pdfium already
        # mapped); the budget is what it may add on top.
        limit = _address_space_bytes() + memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        value = function(*args)
        outcome = ("ok", value, "")
    except MemoryError:
        outcome = ("memory", None, "ran out of its memory budget")
    except BaseException as exc:  # noqa: BLE001 - reported to the parent with its traceback
        outcome = ("worker_crash", None, "".join(traceback.format_exception_only(exc)).strip())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    try:
        connection.send((*outcome, peak))
    except Exception as exc:  # noqa: BLE001 - e.g. an unpicklable return value
        connection.send(("worker_crash", None, f"cannot send the result back: {exc}", peak))
    connection.close()


def run_with_budget(function: Callable, *args, seconds: float,
                    memory_bytes: int | None = None) -> BudgetResult:
    """Run ``function(*args)`` in a forked child limited to ``seconds`` of wall-clock time and
    ``memory_bytes`` of address space beyond what it inherits; never raises for what the
    child does. ``peak_rss_bytes`` counts the inherited memory too: compare it with
    :func:`current_rss_bytes` taken before the call.

    The return value must be picklable. Linux and macOS only (needs ``fork``).
    """
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, function, args, memory_bytes),
                            daemon=True)
    started = time.perf_counter()
    child.start()
    sender.close()
    try:
        if receiver.poll(seconds):
            try:
                status, value, detail, peak = receiver.recv()
            except EOFError:
                status, value, detail, peak = ("worker_crash", None,
                                                "the child died without an answer", 0)
        else:
            status, value, detail, peak = ("timeout", None,
                                           f"still running after {seconds:g} s", 0)
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        receiver.close()
    elapsed = time.perf_counter() - started
    if status == "worker_crash" and value is None and child.exitcode:
        detail += (f" (killed by signal {-child.exitcode})" if child.exitcode < 0
                   else f" (exit code {child.exitcode})")
    if status == "ok":
        return BudgetResult(value=value, seconds=elapsed, peak_rss_bytes=peak)
    return BudgetResult(failure=status, detail=detail, seconds=elapsed, peak_rss_bytes=peak)


def current_rss_bytes() -> int:
    """Resident memory of this process now (Linux ``/proc``; 0 where unavailable)."""
    try:
        with open(f"/proc/{os.getpid()}/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0
