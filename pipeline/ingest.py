"""Read a report from disk into a :class:`~recount.pipeline.records.Document`.

Text files are decoded (UTF-8 with or without BOM, UTF-16, Windows-1258) and NFC-normalized
so that decomposed Vietnamese diacritics match composed ones. PDFs are read with pypdfium2
(about 55x faster than pdfplumber on text and keeps two-column order, see pdf.md); pages with
ruling lines go to pdfplumber for ``extract_tables``. Every failure is an
:class:`~recount.pipeline.errors.InputError` with a reason, never a bare traceback.
"""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path

from recount.extractors.legacy import page_font_names, repair_page_text
from recount.pipeline import ocr
from recount.pipeline.errors import InputError
from recount.pipeline.records import Document, Table, TableCell
from recount.pipeline.limits import check_pdf_streams

#: Inputs larger than this are refused as ``too_large`` (bytes).
MAX_FILE_BYTES = 256 * 1024 * 1024
#: Documents whose text is longer than this are refused as ``too_large`` (characters).
MAX_TEXT_CHARS = 60_000_000
#: PDFs with more pages than this are refused as ``too_large``.
MAX_PDF_PAGES = 5_000
#: A page with at least this many path objects probably holds a ruled table (pdf.md's
#: hybrid used 20; a 3x4 table drawn cell by cell has 12, a page rule or underline 1-2).
RULED_PAGE_MIN_PATHS = 6
#: Fewer non-blank characters than this on a page means no text layer (a scan).
MIN_CHARS_PER_TEXT_PAGE = 10

SUPPORTED_SUFFIXES = (".txt", ".pdf", ".text", ".md")


def normalize_text(text: str) -> str:
    """NFC, Unix newlines, no BOM, no NUL. Offsets everywhere refer to this form."""
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return unicodedata.normalize("NFC", text)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a text report; return ``(text, encoding)``.

    Order: BOMs; UTF-16 without BOM (every other byte NUL); strict UTF-8; TCVN3 or VNI (old
    Vietnamese font encodings, converted to Unicode); UTF-8 with a few stray bytes (replaced
    by U+FFFD); Windows-1258 when the bytes decode to Vietnamese; then charset-normalizer's
    best guess.

    Raises:
        InputError: ``binary`` for data that is not text in any of these encodings.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError("binary", f"UTF-16 byte order mark but undecodable: {exc}") from exc
    head = data[:4096]
    if len(head) >= 4 and head.count(b"\x00") >= len(head) // 3:
        even_nuls = head[0::2].count(0)
        odd_nuls = head[1::2].count(0)
        enc = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            raise InputError("binary", "NUL bytes: this is not a text file") from None
    if b"\x00" in head:
        raise InputError("binary", "NUL bytes: this is not a text file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from recount.extractors.legacy import decode_legacy_bytes, utf8_damage

    legacy = decode_legacy_bytes(data)
    if legacy is not None:
        return legacy
    # UTF-8 with a few stray bytes (a report cut and pasted from two sources; a byte lost in
    # transfer): keep the report, with U+FFFD where the bad bytes were. Legacy and Windows-1258
    # files almost never form valid multi-byte sequences, so they fail the ratio below.
    as_utf8, invalid, valid_non_ascii = utf8_damage(data)
    if invalid and valid_non_ascii >= 10 * invalid and _control_ratio(as_utf8) < 0.01:
        return as_utf8, f"utf-8 ({invalid} invalid byte sequence(s) replaced)"
    try:
        text = data.decode("cp1258")
        if _looks_vietnamese(unicodedata.normalize("NFC", text)):
            return text, "cp1258"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or _control_ratio(str(best)) > 0.05:
        raise InputError("binary", "not text in UTF-8, UTF-16, Windows-1258 or any known encoding")
    return data.decode(best.encoding, errors="replace"), best.encoding


def _looks_vietnamese(text: str) -> bool:
    vi = sum(1 for c in text if c in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
    return vi >= 3 and _control_ratio(text) < 0.01


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for c in text[:100_000] if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    return bad / min(len(text), 100_000)


def read_text_bytes(data: bytes, name: str) -> Document:
    text, encoding = decode_text(data)
    text = normalize_text(text)
    if not text.strip():
        raise InputError("empty", "the file holds no text")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError("too_large", f"{len(text):,} characters (limit {MAX_TEXT_CHARS:,})")
    if _control_ratio(text) > 0.05:
        raise InputError("binary", "mostly control characters: this is not a text file")
    return Document(doc=name, text=text, source_type="txt", encoding=encoding, sha256=sha256_bytes(data))


def read_document(path: str | os.PathLike) -> Document:
    """Read a ``.txt`` or ``.pdf`` report.

    Args:
        path: the file; ``Document.doc`` keeps it as given.

    RETURNS (Document): normalized text, page starts (PDF), tables (ruled PDF pages).

    Raises:
        InputError: with reason ``not_found``, ``unreadable``, ``unsupported_type``,
            ``empty``, ``binary``, ``too_large``, ``encrypted``, ``corrupt`` or
            ``no_text_layer``.
    """
    name = str(path)
    p = Path(path)
    if not p.exists():
        raise InputError("not_found", f"no such file: {name}")
    if p.is_dir():
        raise InputError("unsupported_type", f"{name} is a folder")
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError("unsupported_type", f"{suffix or 'no suffix'}: recount reads .txt and .pdf")
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError("too_large", f"{size:,} bytes (limit {MAX_FILE_BYTES:,})")
        data = p.read_bytes()
    except PermissionError as exc:
        raise InputError("unreadable", f"permission denied: {exc}") from exc
    except OSError as exc:
        raise InputError("unreadable", str(exc)) from exc
    if not data:
        raise InputError("empty", "zero-byte file")
    if suffix == ".pdf":
        return read_pdf_bytes(data, name)
    return read_text_bytes(data, name)


def read_pdf_bytes(data: bytes, name: str) -> Document:
    """Text per page from pypdfium2, tables from pdfplumber on ruled pages; pages with no
    text layer are read by OCR when :func:`recount.pipeline.ocr.ocr_unavailable` allows."""
    import pypdfium2 as pdfium

    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise InputError("corrupt", "not a PDF (no %PDF header)")
    # pdfium inflates a content stream whole: a 2 MB file can hold gigabytes once inflated.
    check_pdf_streams(data)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower() or "security" in msg.lower():
            raise InputError("encrypted", "the PDF is encrypted and needs a password") from exc
        raise InputError("corrupt", f"pdfium cannot open it: {msg}") from exc
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise InputError("empty", "the PDF has no pages")
        if n_pages > MAX_PDF_PAGES:
            raise InputError("too_large", f"{n_pages:,} pages (limit {MAX_PDF_PAGES:,})")
        texts: list[str] = []
        legacy_pages: list[int] = []
        ruled: list[int] = []
        blank_pages: list[int] = []
        for i in range(n_pages):
            try:
                page = pdf[i]
            except pdfium.PdfiumError as exc:
                raise InputError("corrupt", f"page {i + 1} cannot be read: {exc}") from exc
            try:
                textpage = page.get_textpage()
                try:
                    t = textpage.get_text_range()
                finally:
                    textpage.close()
                if may_be_legacy(t):
                    t, legacy = repair_page_text(t, page_font_names(page))
                    if legacy:
                        legacy_pages.append(i + 1)
                n_paths = count_path_objects(page)
            finally:
                page.close()
            t = normalize_text(t).replace("\ufffe", "\n").replace("\f", "\n")
            if not _TEXT_PAGE_RE.match(t):
                blank_pages.append(i + 1)
            if n_paths >= RULED_PAGE_MIN_PATHS:
                ruled.append(i)
            texts.append(t)
        # Scanned pages get their text by OCR when recount[ocr] and tesseract are installed.
        ocr_missing = ocr.ocr_unavailable() if blank_pages else None
        ocr_texts, ocr_notes = ({}, []) if ocr_missing or not blank_pages else ocr.read_blank_pages(
            pdf, blank_pages, min_chars=MIN_CHARS_PER_TEXT_PAGE)
        for number, t in ocr_texts.items():
            texts[number - 1] = normalize_text(t)
        blank_pages = [n for n in blank_pages if n not in ocr_texts]
    finally:
        pdf.close()
    if len(blank_pages) == n_pages:
        how = (f"OCR is off ({ocr_missing}); {ocr.ENABLE_HINT}" if ocr_missing
               else "; ".join(["OCR found no text on them either", *ocr_notes]))
        raise InputError("no_text_layer", f"none of the {n_pages} page(s) has a text layer (a scan?); {how}")
    tables = read_tables(data, ruled) if ruled else ()
    for table in tables:
        texts[table.page - 1] = mark_cell_boundaries(texts[table.page - 1], table)
    page_starts = []
    parts = []
    offset = 0
    for i, t in enumerate(texts):
        if i:
            parts.append("\f")
            offset += 1
        page_starts.append(offset)
        parts.append(t)
        offset += len(t)
    text = "".join(parts)
    notes = []
    if blank_pages:
        notes.append(f"no text layer on page(s) {', '.join(map(str, blank_pages))}")
    if legacy_pages:
        notes.append(f"legacy Vietnamese font text converted on page(s) {', '.join(map(str, legacy_pages))}")
    notes = tuple(notes + ocr_notes)
    return Document(doc=name, text=text, page_starts=tuple(page_starts), source_type="pdf",
                    tables=tables, sha256=sha256_bytes(data), notes=notes, ocr_pages=tuple(sorted(ocr_texts)))


#: A page with at least MIN_CHARS_PER_TEXT_PAGE non-blank characters; stops at the tenth
#: instead of copying the page without its blanks to count them (68 us -> 1 us a page).
_TEXT_PAGE_RE = re.compile(rf"(?:\s*\S){{{MIN_CHARS_PER_TEXT_PAGE}}}")


def count_path_objects(page) -> int:
    """Path objects at the top level of a pdfium page (form XObjects are not opened), as
    ``page.get_objects(filter=[PATH], max_depth=1)`` counts them, through the raw calls: the
    helper builds a Python object for every object, text included (126 us against 51 us a
    page on the extract benchmark's PDF)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    n_objects = pdfium_c.FPDFPage_CountObjects(page)
    if n_objects < 0:
        raise pdfium.PdfiumError("Failed to get number of pageobjects.")
    n_paths = 0
    for j in range(n_objects):
        obj = pdfium_c.FPDFPage_GetObject(page, j)
        if not obj:
            raise pdfium.PdfiumError("Failed to get pageobject.")
        if pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_PATH:
            n_paths += 1
    return n_paths


#: Characters pdfium returns for TCVN3 text and that no Unicode text uses: the soft hyphen as
#: U+FFFE or U+0002 at a line end, and Latin-1 symbols TCVN3 puts where tones go ("Tæng sè
#: viÖc" has æ, è, Ö; "th¸ng" has ¸).
_TCVN3_TRACES = re.compile("[\ufffe\x02\u00a1-\u00a8\u00aa\u00ac-\u00af\u00b1-\u00ba\u00bc-\u00bf]")
#: Letters VNI text shows ("Toång soá vieäc") that French never uses.
_VNI_TRACES = re.compile("[åáãõøæñìíòóúýÿðþÀÁÃÌÍÒÓÕÙÚÝÅÆØÑ]")
#: Vietnamese letters outside Latin-1 (ơ, ư, ạ...): a page that has them is Unicode.
_UNICODE_VI = re.compile("[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9]")


def may_be_legacy(page_text: str) -> bool:
    """A cheap test run on every page: could this be TCVN3 or VNI text? Only then are the
    page's font names read and the converter run (it costs about 3 ms a page; pdfium's
    own text extraction about 1 ms)."""
    if _TCVN3_TRACES.search(page_text):
        return True
    return bool(_VNI_TRACES.search(page_text)) and not _UNICODE_VI.search(page_text)


def read_tables(data: bytes, page_indexes: list[int]) -> tuple[Table, ...]:
    """Tables on the given 0-based pages, with cell coordinates, via pdfplumber."""
    import io

    import pdfplumber

    tables: list[Table] = []
    try:
        with pdfplumber.open(io.BytesIO(data), pages=[i + 1 for i in page_indexes]) as pdf:
            for page in pdf.pages:
                try:
                    for t_index, found in enumerate(page.find_tables()):
                        rows = found.extract()
                        cells = []
                        for r, row in enumerate(found.rows):
                            for c, bbox in enumerate(row.cells):
                                text = rows[r][c] if r < len(rows) and c < len(rows[r]) else None
                                if bbox is None or text is None:
                                    continue
                                cells.append(TableCell(r, c, _clean_cell(text), tuple(round(v, 2) for v in bbox)))
                        clean_rows = tuple(tuple(_clean_cell(x) for x in row) for row in rows)
                        tables.append(Table(page=page.page_number, index=t_index, rows=clean_rows,
                                            cells=tuple(cells), bbox=tuple(round(v, 2) for v in found.bbox)))
                finally:
                    page.close()
    except Exception:  # noqa: BLE001 - a table we cannot read must not lose the page's text
        return tuple(tables)
    return tuple(tables)


def mark_cell_boundaries(page_text: str, table: Table) -> str:
    """``page_text`` with the blank between two cells of a table row made a tab.

    pdfium writes a ruled row as one line of cells joined by spaces, and French groups
    thousands with a space: the row "Département provincial | 2 649 | 262 | 2 387" reads
    "Département provincial 2 649 262 2 387", where "2 649 262" is one number. pdfplumber
    knows the cells; a line equal to the row's non-empty cells joined by single spaces gets a
    tab at each joint, which no number pattern groups digits with. One character for one, so
    every offset stays put.

    A row whose label wraps comes out over several lines ("1" / "Bureau d'exécution du
    district" / "de Mường Lát (montagne)" / "2 649 262 2 387 85,33"). When those lines hold
    the row's cells in order and nothing else, the row is made one line: a tab at each joint
    and a space for each line break inside a cell. A row found neither way (doubled blanks,
    cells pdfium put out of order) is left as pdfium wrote it.
    """
    chars = None
    found = set()
    for r, cells in _row_cells_in_text(page_text, table, " "):
        found.add(r)
        if chars is None:
            chars = list(page_text)
        for _, _, end in cells[:-1]:
            chars[end] = "\t"
    for r, row in enumerate(table.rows):
        cells = [cell for cell in row if cell]
        if r in found or len(cells) < 2:
            continue
        wrapped = _wrapped_row(page_text, cells)
        if wrapped is None:
            continue
        if chars is None:
            chars = list(page_text)
        joints, breaks = wrapped
        for at in joints:
            chars[at] = "\t"
        for at in breaks:
            chars[at] = " "
    return page_text if chars is None else "".join(chars)


def _wrapped_row(page_text: str, cells: list[str]) -> tuple[list[int], list[int]] | None:
    """(joints between cells, line breaks inside cells) of the lines of ``page_text`` that
    hold exactly ``cells`` in order, each blank of a cell and each joint one space or one
    line break, starting at a line start and ending at a line end; None if no lines do."""
    first_word = cells[0].split(" ", 1)[0]
    at = page_text.find(first_word)
    while at >= 0:
        if at == 0 or page_text[at - 1] == "\n":
            walked = _walk_row(page_text, cells, at)
            if walked is not None:
                return walked
        at = page_text.find(first_word, at + 1)
    return None


def _walk_row(text: str, cells: list[str], i: int) -> tuple[list[int], list[int]] | None:
    joints, breaks = [], []
    for index, cell in enumerate(cells):
        if index:
            if i >= len(text) or text[i] not in " \n":
                return None
            joints.append(i)
            i += 1
        for ch in cell:
            if i >= len(text):
                return None
            if ch == " " and text[i] == "\n":
                breaks.append(i)
            elif text[i] != ch:
                return None
            i += 1
    if i < len(text) and text[i] != "\n":
        return None
    return joints, breaks


def cell_spans(document: Document, table: Table) -> dict[tuple[int, int], tuple[int, int]]:
    """(row, column) -> (start, end) in ``document.text`` of each cell of ``table`` whose row
    :func:`mark_cell_boundaries` found as a line of the page; other cells have no entry.

    The table checks point at the cell they judge with these offsets, so a report can light
    up "12 982" in the row of Nghệ An as it does a figure of the prose.
    """
    return {(r, c): span for r, cells in _rows_in_document(document, table) for c, *span in cells}


#: A cell of a grid of numbers: a bare number ("2 649", "40.973", "85,33", "12%") or a column
#: number of the official forms ("A", "1=2+3", "6=5/4").
#: Matched against the stripped cell: a pattern with blanks at both ends as well as inside
#: would backtrack quadratically over a long run of blanks.
_GRID_CELL_RE = re.compile(r"\d[\d.,\s]*%?|[A-Z]|\d+\s*=[\d\s+\-*/().]+")


def table_row_spans(document: Document) -> list[tuple[int, int]]:
    """(start, end) in ``document.text`` of each row of its ruled tables that is a row of a
    grid of numbers: one with two cells or more that hold a bare number or a column number.

    Their numbers are read from the table's cells, never as prose ("A B 1=2+3 2 3 4 5 6=5/4"
    numbers columns, it counts no cases, and "Ba Đình 2 911 646 2 265" says in no words what
    each number counts). A row of a label and a phrase ("Tổng số thụ lý | 43.201 việc") stays
    prose.
    """
    spans = set()
    for table in document.tables:
        for _, cells in _rows_in_document(document, table):
            grid_cells = sum(1 for _, start, end in cells
                             if _GRID_CELL_RE.fullmatch(document.text[start:end].strip()))
            if grid_cells >= 2:
                spans.add((cells[0][1], cells[-1][2]))
    return sorted(spans)


def _rows_in_document(document: Document, table: Table):
    """:func:`_row_cells_in_text` of ``table`` in its page of ``document`` as ingest marked it,
    with offsets into ``document.text``."""
    if not document.page_starts or not 0 < table.page <= len(document.page_starts):
        return
    page_start, page_end = document.page_span(table.page)
    for r, cells in _row_cells_in_text(document.text[page_start:page_end], table, "\t"):
        yield r, [(c, page_start + start, page_start + end) for c, start, end in cells]


def _row_cells_in_text(page_text: str, table: Table, joint: str):
    """(row, [(column, start, end), ...]) for each row of ``table`` with two filled cells or
    more whose cells, joined by ``joint``, make a whole line of ``page_text``. Rows are
    looked for after the last one found, as they come in reading order nearly always."""
    pos = 0
    for r, row in enumerate(table.rows):
        cells = [(c, cell) for c, cell in enumerate(row) if cell]
        if len(cells) < 2:
            continue
        line = joint.join(cell for _, cell in cells)
        at = _find_line(page_text, line, pos)
        if at < 0:
            at = _find_line(page_text, line, 0)
            if at < 0:
                continue
        pos = at + len(line)
        found = []
        for c, cell in cells:
            found.append((c, at, at + len(cell)))
            at += len(cell) + len(joint)
        yield r, found


def _find_line(text: str, line: str, pos: int) -> int:
    """Offset of ``line`` as a whole line of ``text`` from ``pos`` on, or -1."""
    at = text.find(line, pos)
    while at >= 0:
        end = at + len(line)
        if (at == 0 or text[at - 1] == "\n") and (end == len(text) or text[end] == "\n"):
            return at
        at = text.find(line, at + 1)
    return -1


def _clean_cell(text: str | None) -> str:
    """Wrapped header cells come back with newlines inside: collapse whitespace."""
    if text is None:
        return ""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def document_from_string(text: str, name: str = "<string>") -> Document:
    """A Document for text given in memory (the Python API)."""
    norm = normalize_text(text)
    return Document(doc=name, text=norm, source_type="string",
                    sha256=hashlib.sha256(norm.encode("utf-8")).hexdigest())
