import datetime
import unicodedata

import pytest

from recount.pipeline.errors import InputError
from recount.pipeline.extract import extract
from recount.pipeline.ingest import read_document

SENTENCE = "Năm 2023, Cục Thi hành án dân sự tỉnh Thanh Hóa thi hành xong 1.059 việc, đạt 85,49%."


def _to_cp1258(text: str) -> bytes:
    """Windows-1258 has ă, â, ê, ô, ơ, ư, đ as letters but writes tones as combining marks:
    "ồ" is "ô" followed by a combining grave accent."""
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        for i, mark in enumerate(marks):
            composed = unicodedata.normalize("NFC", base + mark)
            if len(composed) == 1 and composed.encode("cp1258", errors="ignore"):
                base, marks = composed, marks[:i] + marks[i + 1:]
                break
        out.append(base.encode("cp1258") + marks.encode("cp1258"))
    return b"".join(out)


@pytest.mark.parametrize(
    "encoding,prefix",
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("utf-16-le", b""), ("cp1258", b"")],
)
def test_read_document_decodes_text_encodings(tmp_path, encoding, prefix):
    path = tmp_path / "report.txt"
    if encoding == "cp1258":
        data = _to_cp1258(SENTENCE)
    else:
        data = SENTENCE.encode(encoding)
    path.write_bytes(prefix + data)
    doc = read_document(path)
    assert doc.text == SENTENCE
    figs = [f for f in extract(path) if f.kind != "directive"]
    assert [(f.value, f.unit) for f in figs] == [(1059, "case"), (85.49, "percent")]


def test_decomposed_diacritics_match_composed(tmp_path):
    path = tmp_path / "nfd.txt"
    path.write_text(unicodedata.normalize("NFD", SENTENCE), encoding="utf-8")
    doc = read_document(path)
    assert doc.text == SENTENCE
    assert "Thanh Hóa" in doc.text


@pytest.mark.parametrize(
    "name,data,reason",
    [
        ("missing.txt", None, "not_found"),
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("binary.txt", bytes(range(256)) * 20, "binary"),
        ("report.docx", b"PK\x03\x04", "unsupported_type"),
        ("fake.pdf", b"this is not a pdf at all", "corrupt"),
        ("truncated.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "corrupt"),
    ],
)
def test_read_document_bad_input_has_a_reason(tmp_path, name, data, reason):
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_document(path)
    assert err.value.reason == reason
    assert err.value.detail


def _make_pdf(path, pages, table=None, password=None):
    import matplotlib
    from fpdf import FPDF

    font = f"{matplotlib.get_data_path()}/fonts/ttf/DejaVuSans.ttf"
    pdf = FPDF()
    pdf.set_creation_date(datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc))
    pdf.add_font("dv", "", font)
    pdf.add_font("dv", "B", font.replace("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"))
    pdf.set_font("dv", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
        if table:
            with pdf.table() as t:
                for row in table:
                    r = t.row()
                    for cell in row:
                        r.cell(cell)
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.output(str(path))


def test_pdf_text_keeps_pages_and_tables(tmp_path):
    path = tmp_path / "report.pdf"
    table = [["Đơn vị", "Có điều kiện", "Thi hành xong", "Tỷ lệ (%)"],
             ["Huyện A", "327", "289", "88,38"], ["Huyện B", "253", "43", "16,99"],
             ["Tổng cộng", "580", "332", "57,24"]]
    _make_pdf(path, ["Trang một: thi hành xong 289 việc.", "Trang hai: đạt tỷ lệ 88,38%."], table=table)
    doc = read_document(path)
    assert doc.n_pages == 2
    figs = [f for f in extract(path) if f.kind != "directive" and f.source == "text"]
    by_text = {f.text: f.page for f in figs}
    assert by_text["289 việc"] == 1
    assert by_text["88,38%"] == 2
    assert all(doc.text[f.start:f.end] == f.text for f in figs)
    assert doc.tables, "the ruled table on each page should be found"
    first = doc.tables[0]
    assert first.rows[0][0] == "Đơn vị" and first.rows[-1][0] == "Tổng cộng"
    assert all(c.bbox is not None for c in first.cells)


def test_encrypted_pdf_is_a_recorded_failure(tmp_path):
    path = tmp_path / "locked.pdf"
    _make_pdf(path, ["Thi hành xong 289 việc."], password="secret")
    with pytest.raises(InputError) as err:
        read_document(path)
    assert err.value.reason == "encrypted"


def test_pdf_without_text_layer_is_recorded(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(InputError) as err:
        read_document(path)
    assert err.value.reason == "no_text_layer"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("« Les résultats » atteignent 85,49 %, à 20 °C.", False),
        ("The rate reached 88.38% in 2022.", False),
        ("Tổng số việc đã thi hành xong.", False),
        ("Tæng sè viÖc th¸ng", True),  # TCVN3 read through WinAnsi
        ("Toång soá vieäc", True),  # VNI
        ("nh\ufffen¨m", True),  # pdfium's U+FFFE for TCVN3's "ư" at a line end
    ],
)
def test_may_be_legacy_gates_the_converter(text, expected):
    from recount.pipeline.ingest import may_be_legacy

    assert may_be_legacy(text) is expected


def test_french_table_row_is_split_at_its_cells_not_read_as_one_number(tmp_path):
    # pdfium joins a row's cells with spaces, and French groups thousands with one: the row
    # "Ba Đình | 2 911 | 646 | 2 265" would read "2 911 646 2 265", one number of millions
    path = tmp_path / "tableau.pdf"
    table = [["Unité", "Total reçu", "Reporté", "Nouveau", "Taux (%)"],
             ["A", "1=2+3", "2", "3", "4"],
             ["Ba Đình", "2 911", "646", "2 265", "81,29"],
             ["Total", "43 201", "11 695", "31 506", "85,72"]]
    _make_pdf(path, ["Les organes ont reçu 43 201 affaires en 2024."], table=table)
    doc = read_document(path)
    rows = [line for line in doc.text.split("\n") if "\t" in line]
    assert "Ba Đình\t2 911\t646\t2 265\t81,29" in rows
    assert "A\t1=2+3\t2\t3\t4" in rows
    # a tab for a space, one character for one: pdfium's text and its offsets are otherwise kept
    assert doc.text.replace("\t", " ").count("2 911 646 2 265") == 1
    figures = [f for f in extract(path) if f.kind != "directive"]
    assert [f.text for f in figures] == ["43 201 affaires"]
    assert all(doc.text[f.start:f.end] == f.text for f in figures)


def test_table_row_spans_lists_grid_rows_and_keeps_labelled_phrases_as_prose():
    from recount.pipeline.extract import extract_document
    from recount.pipeline.ingest import mark_cell_boundaries, table_row_spans
    from recount.pipeline.records import Document, Table

    page = ("Kết quả năm 2024\n"
            "Chỉ tiêu Số liệu\n"
            "Tổng số thụ lý 43.201 việc\n"
            "Hà Đông 2.543 1.033 1.510\n"
            "Ghi chú: số liệu sơ bộ\n")
    table = Table(page=1, index=0, rows=(("Chỉ tiêu", "Số liệu"),
                                         ("Tổng số thụ lý", "43.201 việc"),
                                         ("Hà Đông", "2.543", "1.033", "1.510"),
                                         ("Dòng không có", "trong văn bản")))
    marked = mark_cell_boundaries(page, table)
    assert len(marked) == len(page)
    assert "Tổng số thụ lý\t43.201 việc\n" in marked and "Hà Đông\t2.543\t1.033\t1.510\n" in marked
    assert "Kết quả năm 2024\n" in marked and "Ghi chú: số liệu sơ bộ\n" in marked
    doc = Document(doc="t.pdf", text=marked, page_starts=(0,), source_type="pdf", tables=(table,))
    row = marked.index("Hà Đông")
    assert table_row_spans(doc) == [(row, row + len("Hà Đông\t2.543\t1.033\t1.510"))]
    # the labelled phrase is prose; the grid row's bare numbers are the table's
    assert [f.text for f in extract_document(doc) if f.kind != "directive"] == ["43.201 việc"]


def test_corpus_pdf_tables_give_no_prose_figures():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "corpus" / "pdf"
    doc = read_document(root / "fr_004_ha_noi_2024.pdf")
    figures = [f for f in extract(root / "fr_004_ha_noi_2024.pdf") if f.kind != "directive"]
    from recount.pipeline.ingest import table_row_spans

    assert doc.tables and table_row_spans(doc)
    # before the cells were marked: "2 649 262" (two cells as one number) and the column
    # numbers "1=2+3 2 3 4 5" as eight counts of cases
    assert not any("\t" in f.text or f.page == 2 for f in figures)
    assert "2 649 262" not in {f.text for f in figures}


def test_table_row_with_a_wrapped_label_is_made_one_line(tmp_path):
    # pdfium writes the row "1 | Bureau … (montagne) | 2 649 | 262 | 2 387 | 85,33" over four
    # lines when its label wraps, the numbers on a line of their own: "2 649 262 2 387 85,33"
    path = tmp_path / "wrapped.pdf"
    label = "Bureau d'exécution du district de Mường Lát (montagne)"
    table = [["N°", "Unité", "Total reçu", "Reporté", "Nouveau", "Taux (%)"],
             ["1", label, "2 649", "262", "2 387", "85,33"],
             ["2", "Ba Đình", "2 911", "646", "2 265", "81,29"]]
    _make_pdf(path, ["Tableau 2 - Résultats par bureau, unité : affaires."], table=table)
    doc = read_document(path)
    lines = doc.text.split("\n")
    assert f"1\t{label}\t2 649\t262\t2 387\t85,33" in lines
    assert "2\tBa Đình\t2 911\t646\t2 265\t81,29" in lines
    assert [f.text for f in extract(path) if f.kind != "directive"] == []
    from recount.pipeline.ingest import cell_spans

    spans = cell_spans(doc, doc.tables[0])
    assert doc.text[slice(*spans[(1, 2)])] == "2 649" and doc.text[slice(*spans[(1, 1)])] == label
