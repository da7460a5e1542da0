"""The budget helpers of recount.pipeline.limits."""
from __future__ import annotations

import faulthandler
import importlib.util
import os
import time
import zlib
from pathlib import Path

import pytest

from recount.pipeline.errors import InputError
from recount.pipeline.limits import MAX_DEFLATE_RATIO, check_pdf_streams, run_with_budget

_spec = importlib.util.spec_from_file_location(
    "make_bad_inputs", Path(__file__).with_name("make_bad_inputs.py"))
make_bad_inputs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_bad_inputs)

MB = 1024**2


def _pdf_with_stream(stream: bytes, dictionary: bytes) -> bytes:
    return make_bad_inputs.minimal_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
        b"<< /Length %d " % len(stream) + dictionary + b" >>\nstream\n" + stream + b"\nendstream",
    ])


def _pdf_with_bombs(stream: bytes, count: int) -> bytes:
    """A PDF holding ``count`` copies of the Flate ``stream``."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    objects += [b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
                + b"\nendstream"] * count
    return make_bad_inputs.minimal_pdf(objects)


def test_check_pdf_streams_refuses_a_bomb_quickly():
    started = time.perf_counter()
    with pytest.raises(InputError) as refused:
        check_pdf_streams(make_bad_inputs.bomb_pdf(64 * MB), stream_budget=16 * MB)
    assert refused.value.reason == "too_large"
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    "pdf",
    [
        make_bad_inputs.text_pdf(),
        make_bad_inputs.many_pages_pdf(50),
        make_bad_inputs.encrypted_pdf(""),
        # An image inflating past the budget is fine: reading text never decodes it.
        _pdf_with_stream(zlib.compress(bytes(8 * MB)),
                         b"/Type /XObject /Subtype /Image /Filter /FlateDecode"),
        # A damaged stream is pdfium's business, not a bomb.
        _pdf_with_stream(b"\x78\x9c not deflate at all", b"/Filter /FlateDecode"),
    ],
    ids=["text", "pages", "encrypted", "image", "damaged"],
)
def test_check_pdf_streams_accepts_ordinary_pdfs(pdf):
    check_pdf_streams(pdf, stream_budget=4 * MB)


def test_check_pdf_streams_bounds_all_streams_together():
    pdf = _pdf_with_bombs(make_bad_inputs.deflate_bomb(3 * MB), 4)
    check_pdf_streams(pdf, stream_budget=4 * MB, total_budget=16 * MB)
    with pytest.raises(InputError, match="in all"):
        check_pdf_streams(pdf, stream_budget=4 * MB, total_budget=10 * MB)


def test_no_deflate_stream_inflates_past_the_ratio_the_fast_path_trusts():
    # the densest input there is (one byte repeated) at the strongest level: check_pdf_streams
    # passes a file without inflating when every stream is too short to break a budget even
    # at MAX_DEFLATE_RATIO, so no real stream may beat it
    for size in (1, 1000, 3 * MB):
        for level in (1, 6, 9):
            compressed = zlib.compress(bytes(size), level)
            assert size <= MAX_DEFLATE_RATIO * len(compressed) + 1024


def test_check_pdf_streams_inflates_when_short_streams_could_add_up_past_the_total():
    # each stream alone is far under the per-stream budget at any ratio, but 64 of them could
    # together pass the total budget, so they are inflated and counted: 64 x 64 kB = 4 MB
    pdf = _pdf_with_bombs(make_bad_inputs.deflate_bomb(64 * 1024), 64)
    check_pdf_streams(pdf, stream_budget=1 * MB, total_budget=5 * MB)
    with pytest.raises(InputError, match="in all"):
        check_pdf_streams(pdf, stream_budget=1 * MB, total_budget=3 * MB)


def test_deflate_bomb_inflates_to_its_stated_size():
    inflated = zlib.decompress(make_bad_inputs.deflate_bomb(5 * MB + 123))
    assert len(inflated) == 5 * MB + 123 and set(inflated) == {ord(" ")}


def _sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "woke"


def _allocate(n_bytes: int) -> int:
    return len(bytearray(n_bytes))


def _abort() -> None:
    faulthandler.disable()  # pytest's crash dump would only be noise here
    os.abort()


def _raise() -> None:
    raise KeyError("no such column")


@pytest.mark.parametrize(
    "function, args, failure, value",
    [
        (_sleep, (0.0,), None, "woke"),
        (_sleep, (30.0,), "timeout", None),
        (_allocate, (2048 * MB,), "memory", None),
        (_allocate, (1 * MB,), None, 1 * MB),
        (_abort, (), "worker_crash", None),
        (_raise, (), "worker_crash", None),
    ],
    ids=["returns", "timeout", "memory", "small_allocation", "abort", "exception"],
)
def test_run_with_budget_reports_what_the_child_did(function, args, failure, value):
    started = time.perf_counter()
    result = run_with_budget(function, *args, seconds=2, memory_bytes=512 * MB)
    assert time.perf_counter() - started < 10
    assert result.failure == failure, result
    assert result.value == value
    if failure:
        assert result.detail
