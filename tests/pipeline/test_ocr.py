"""Scanned PDF pages: OCR'd when tesseract is installed, a ``no_text_layer`` failure with the
way to enable OCR when it is not.

The scans are built here: sentences drawn with Pillow in DejaVu Sans (matplotlib ships it, and
it has every Vietnamese letter), saved as image-only PDF pages at 300 dpi, as a flatbed scanner
would. The tests marked ``ocr`` run tesseract and skip where it or its vie/eng/fra data is
missing (``make test-ocr`` installs them).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from recount.pipeline import ocr
from recount.pipeline.process import process_path

SCAN_DPI = 300
#: One page each; the values are what the extractor must recover from the OCR text.
VI_LINES = ["Năm 2023, Chi cục thi hành xong 1.215 việc trên tổng số",
            "1.432 việc có điều kiện, đạt 84,85%, thu 12,6 tỷ đồng."]
VI_VALUES = {1215.0, 1432.0, 84.85, 12.6e9}
EN_LINES = ["In 2023 the offices completed 3,917 of 4,620 enforceable",
            "cases (84.78%) and recovered VND 9,054 million."]
EN_VALUES = {3917.0, 4620.0, 84.78, 9054e6}
#: Drawn into the text layer of the mixed document's first page.
TEXT_LAYER_SENTENCE = "In 2022 the offices completed 2,786 cases."

needs_tesseract = pytest.mark.skipif(ocr.ocr_unavailable() is not None,
                                     reason=f"no OCR here: {ocr.ocr_unavailable()}")


def _font(size: int):
    import matplotlib
    from PIL import ImageFont

    return ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"), size)


def _scanned_page(lines: list[str]):
    """An A4 page at 300 dpi holding ``lines`` in 10 pt type (42 px), left margin 2 cm."""
    from PIL import Image, ImageDraw

    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    font = _font(42)
    for i, line in enumerate(lines):
        draw.text((236, 300 + 80 * i), line, font=font, fill=0)
    return page


def _image_only_pdf(path: Path, pages: list[list[str]]) -> Path:
    first, *rest = [_scanned_page(lines) for lines in pages]
    first.save(path, "PDF", save_all=True, append_images=rest, resolution=SCAN_DPI)
    return path


def _mixed_pdf(path: Path, scanned_lines: list[str]) -> Path:
    """Page 1 has a text layer; page 2 is a scanned image with no text at all."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(text=TEXT_LAYER_SENTENCE)
    pdf.add_page()
    pdf.image(_scanned_page(scanned_lines), x=0, y=0, w=210, h=297)
    pdf.output(str(path))
    return path


def _values_by_page(result) -> dict[int, set[float]]:
    out: dict[int, set[float]] = {}
    for f in result.figures:
        out.setdefault(f.page, set()).add(f.value)
    return out


def test_ocr_render_scale_is_300_dpi_and_capped():
    assert ocr.render_scale(595, 842) == pytest.approx(300 / 72)
    # A 200 x 200 inch page (the largest PDF allows) would be 3.6 gigapixels at 300 dpi.
    scale = ocr.render_scale(14_400, 14_400)
    assert (14_400 * scale) ** 2 == pytest.approx(ocr.MAX_RENDER_PIXELS)


def test_ocr_scan_without_ocr_fails_with_the_enabling_hint(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "ocr_unavailable", lambda: "no tesseract binary on PATH")
    result = process_path(_image_only_pdf(tmp_path / "scan.pdf", [VI_LINES, EN_LINES]))
    assert result.failure is not None
    assert result.failure.reason == "no_text_layer"
    assert "none of the 2 page(s)" in result.failure.detail
    assert "no tesseract binary on PATH" in result.failure.detail
    assert "recount[ocr]" in result.failure.detail and "tesseract-ocr-vie" in result.failure.detail


def test_ocr_mixed_pdf_without_ocr_keeps_the_text_page(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "ocr_unavailable", lambda: "pytesseract (the recount[ocr] extra) is not installed")
    result = process_path(_mixed_pdf(tmp_path / "mixed.pdf", VI_LINES))
    assert result.failure is None
    assert result.document.notes == ("no text layer on page(s) 2",)
    assert result.document.ocr_pages == ()
    assert [(f.value, f.page, f.source) for f in result.figures if f.kind == "count"] == [(2786.0, 1, "text")]


@pytest.mark.ocr
@needs_tesseract
def test_ocr_image_only_pdf_gives_its_figures_from_ocr(tmp_path):
    result = process_path(_image_only_pdf(tmp_path / "scan.pdf", [VI_LINES, EN_LINES]))
    assert result.failure is None, result.failure
    assert result.document.ocr_pages == (1, 2)
    assert any(note.startswith("text read by OCR") and note.endswith("page(s) 1, 2")
               for note in result.document.notes)
    assert _values_by_page(result) == {1: VI_VALUES, 2: EN_VALUES}
    assert {f.source for f in result.figures} == {"ocr"}
    # The Vietnamese letters survive OCR (the tone marks are what a low resolution loses).
    assert "thi hành xong" in result.document.text and "có điều kiện" in result.document.text


@pytest.mark.ocr
@needs_tesseract
def test_ocr_mixed_pdf_marks_only_the_scanned_page(tmp_path):
    result = process_path(_mixed_pdf(tmp_path / "mixed.pdf", VI_LINES))
    assert result.failure is None, result.failure
    assert result.document.ocr_pages == (2,)
    assert _values_by_page(result) == {1: {2786.0}, 2: VI_VALUES}
    assert {(f.page, f.source) for f in result.figures} == {(1, "text"), (2, "ocr")}
