"""Reports typed in TCVN3 or VNI come out of ingest as Unicode, with their figures.

The conversion itself is tested in ``tests/extractors/test_legacy.py``; these tests hold
``recount.pipeline.ingest`` to calling it: on each PDF page (``repair_page_text`` with the
page's font names, before pdfium's U+FFFE is touched) and on text files that are neither
UTF-8 nor Windows-1258 (``decode_legacy_bytes``).
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from recount.extractors.legacy import encode_legacy
from recount.pipeline.extract import extract_document
from recount.pipeline.ingest import read_document

_spec = importlib.util.spec_from_file_location(
    "test_legacy", Path(__file__).resolve().parents[1] / "extractors" / "test_legacy.py")
_test_legacy = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_test_legacy)

# Short lines, so that some end in a toneless "ư" (pdfium's U+FFFE trap).
LINES = [
    "Bộ Tư",
    "pháp báo cáo: năm 2021 đã thi hành xong 443.051 việc, như",
    "năm trước đạt 76,49% trên tổng số 579.188 việc có điều kiện.",
]
VALUES = {443051.0, 76.49, 579188.0}


@pytest.mark.parametrize("encoding, font_name", [("tcvn3", ".VnTime"), ("vni", "VNI-Times")])
def test_legacy_ingest_reads_a_legacy_font_pdf(tmp_path, encoding, font_name):
    path = tmp_path / "report.pdf"
    path.write_bytes(_test_legacy._pdf_with_legacy_font(
        [encode_legacy(line, encoding) for line in LINES], font_name))
    document = read_document(path)
    assert document.text.split() == "\n".join(LINES).split()
    assert {f.value for f in extract_document(document)} >= VALUES


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_ingest_reads_a_legacy_text_file(tmp_path, encoding):
    path = tmp_path / "report.txt"
    path.write_bytes(encode_legacy(" ".join(LINES), encoding).encode("latin-1"))
    document = read_document(path)
    assert document.text.strip() == " ".join(LINES)
    assert {f.value for f in extract_document(document)} >= VALUES
