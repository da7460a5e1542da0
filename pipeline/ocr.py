"""OCR of PDF pages that have no text layer (scans), with tesseract through pytesseract.

Optional: it needs the ``recount[ocr]`` extra (pytesseract) and Debian's ``tesseract-ocr``
with the Vietnamese, English and French data (``tesseract-ocr-vie``, ``-eng``, ``-fra``).
When any of that is missing, :func:`ocr_unavailable` says what, and ingest keeps the old
behaviour: an all-scan PDF fails as ``no_text_layer`` with :data:`ENABLE_HINT` in its detail.

A page is rendered by pdfium (already recount's PDF reader) at :data:`OCR_DPI` and the image
goes to tesseract with the three languages at once, since a Vietnamese report quotes English
or French titles and the other way round. Two guards keep a hostile file from costing more
than a real scan: a page whose images declare more than :data:`MAX_PAGE_IMAGE_PIXELS` pixels
is not rendered (``limits.check_pdf_streams`` does not count image streams, so rendering is
the first time they would be decoded), and the render is scaled down to
:data:`MAX_RENDER_PIXELS` whatever the page size says.
"""
from __future__ import annotations

import contextlib
import functools
import math
import os
import shutil

#: Tesseract languages, joined with "+" for ``lang``.
OCR_LANGS = ("vie", "eng", "fra")
#: Render resolution. Page 1 of corpus/pdf/vi_003_lam_dong_2023.pdf rasterized as a 300 dpi
#: scan reads back identically at 300 dpi; rendered at 150 dpi, OCR lost six tone marks ("Ị"
#: read as "I", "á" as "a"), and at 100 dpi it read a thousands point as a decimal comma.
OCR_DPI = 300
#: Largest render, in pixels: an A2 page at 300 dpi (4961 x 7016 is 34.8 MP).
MAX_RENDER_PIXELS = 36_000_000
#: A page whose images together declare more pixels than this is not rendered. A 600 dpi A3
#: scan is 7016 x 9921 = 69.6 MP; the image bomb of tests/hostile/make_bad_inputs.py (one
#: 32 000 px square gray image, 1 MB on disk) took pdfium 15 s and 1.3 GB to render.
MAX_PAGE_IMAGE_PIXELS = 80_000_000
#: Seconds tesseract may spend on one page before it is killed (a dense A4 page of a corpus
#: report took 5-8 s on one busy core).
PAGE_TIMEOUT_S = 120
#: What to install, for the detail of a ``no_text_layer`` failure.
ENABLE_HINT = ("to OCR scanned pages, install recount[ocr] (pytesseract) and Debian's "
               "tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-fra")


@contextlib.contextmanager
def _one_tesseract_thread():
    """Run tesseract single-threaded unless the user set ``OMP_THREAD_LIMIT``.

    Debian's tesseract uses OpenMP, whose threads spin while they wait; recount already runs
    one file per core (``recount run --jobs``), and on a loaded 2-core machine three scanned
    A4 pages took 50.0 s with OpenMP's default threads and 23.5 s with one. pytesseract hands
    ``os.environ`` to the tesseract process, so the limit is set there for the call only.
    """
    if "OMP_THREAD_LIMIT" in os.environ:
        yield
        return
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        yield
    finally:
        os.environ.pop("OMP_THREAD_LIMIT", None)


@functools.lru_cache(maxsize=1)
def ocr_unavailable() -> str | None:
    """``None`` when OCR can run here, else what is missing (one line).

    Runs ``tesseract --list-langs`` once per process and keeps the answer.
    """
    try:
        import pytesseract
    except ImportError:
        return "pytesseract (the recount[ocr] extra) is not installed"
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        return "no tesseract binary on PATH"
    try:
        installed = set(pytesseract.get_languages(config=""))
    except Exception as exc:  # noqa: BLE001 - a broken tesseract install means no OCR, not a crash
        return f"tesseract --list-langs failed: {exc}"
    missing = [lang for lang in OCR_LANGS if lang not in installed]
    if missing:
        return f"tesseract has no {'+'.join(missing)} language data"
    return None


def render_scale(width_pt: float, height_pt: float, *, dpi: int = OCR_DPI,
                 max_pixels: int = MAX_RENDER_PIXELS) -> float:
    """pdfium scale (pixels per PDF point) for a page of the given size: ``dpi / 72``, or less
    when that would exceed ``max_pixels`` (an A4 page, 595 x 842 pt, gets 300/72 = 4.17; a
    14 400 pt square page, the largest PDF allows, gets 0.42)."""
    scale = dpi / 72
    area = max(width_pt, 1.0) * max(height_pt, 1.0)
    if area * scale * scale > max_pixels:
        scale = math.sqrt(max_pixels / area)
    return scale


def page_image_pixels(page) -> int:
    """Pixels the images on a pdfium ``page`` (inside form XObjects too) declare, before
    anything is decoded."""
    import pypdfium2.raw as pdfium_c

    total = 0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
        try:
            width, height = obj.get_px_size()
        except Exception:  # noqa: BLE001 - an image pdfium cannot size is left to render
            continue
        total += int(width) * int(height)
    return total


def ocr_page(page, *, dpi: int = OCR_DPI) -> str:
    """Text of one pdfium page by OCR; raises ``RuntimeError`` when the page is refused or
    tesseract fails or times out (and pdfium's own error when it cannot render the page)."""
    import pytesseract

    # Nothing drawn, nothing to read: a PDF of 5,000 empty pages (a few kilobytes) would
    # otherwise cost 5,000 renders and tesseract runs.
    if next(iter(page.get_objects(max_depth=1)), None) is None:
        return ""
    pixels = page_image_pixels(page)
    if pixels > MAX_PAGE_IMAGE_PIXELS:
        raise RuntimeError(f"its images declare {pixels:,} pixels (limit {MAX_PAGE_IMAGE_PIXELS:,})")
    width, height = page.get_size()
    bitmap = page.render(scale=render_scale(width, height, dpi=dpi), grayscale=True)
    try:
        image = bitmap.to_pil()
        # The PIL image may share the bitmap's buffer; tesseract reads it before we close.
        try:
            with _one_tesseract_thread():
                text = pytesseract.image_to_string(image, lang="+".join(OCR_LANGS), timeout=PAGE_TIMEOUT_S)
        except pytesseract.TesseractError as exc:
            raise RuntimeError(f"tesseract failed: {exc}") from exc
    finally:
        bitmap.close()
    # Tesseract ends each page with a form feed; recount's text uses "\f" only between pages.
    return text.replace("\f", "\n").strip()


def ocr_pdf_pages(pdf, page_numbers: list[int]) -> tuple[dict[int, str], dict[int, str]]:
    """OCR the given 1-based pages of an open ``pypdfium2.PdfDocument``.

    RETURNS (tuple[dict, dict]): ``(texts, errors)``, both keyed by page number; a page is in
    one or the other.
    """
    texts: dict[int, str] = {}
    errors: dict[int, str] = {}
    for number in page_numbers:
        page = pdf[number - 1]
        try:
            texts[number] = ocr_page(page)
        except MemoryError:
            raise
        except Exception as exc:  # noqa: BLE001 - one unreadable scan must not lose the other pages
            errors[number] = str(exc) or type(exc).__name__
        finally:
            page.close()
    return texts, errors


def read_blank_pages(pdf, blank_pages: list[int], *, min_chars: int) -> tuple[dict[int, str], list[str]]:
    """OCR the pages ingest found blank, keeping those where OCR found text.

    Args:
        pdf: an open ``pypdfium2.PdfDocument``.
        blank_pages: 1-based page numbers with no text layer.
        min_chars: a page needs this many non-blank characters from OCR to count as text
            (ingest's own threshold, so a seal or a stray mark on a cover page stays blank).

    RETURNS (tuple[dict, list]): the OCR text of each page that has some, and notes for the
        document (which pages were read by OCR, which failed and why).
    """
    found, errors = ocr_pdf_pages(pdf, blank_pages)
    texts = {n: t for n, t in found.items() if len("".join(t.split())) >= min_chars}
    notes = []
    if texts:
        notes.append(f"text read by OCR (tesseract {'+'.join(OCR_LANGS)}, {OCR_DPI} dpi) on page(s) "
                     f"{', '.join(map(str, sorted(texts)))}")
    notes.extend(f"OCR skipped page {n}: {why}" for n, why in sorted(errors.items()))
    return texts, notes
