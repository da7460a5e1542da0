"""Table totals, column-number formulas and prose restating a table."""
import pathlib

import pytest

from recount.pipeline.check import check_document
from recount.pipeline.records import Document, Figure, Table, TableCell
from recount.pipeline.tables_check import grids, parse_cell

HEADER = ("STT", "Đơn vị", "Tổng số thụ lý", "Năm trước chuyển sang", "Thụ lý mới", "Có điều kiện thi hành",
          "Thi hành xong", "Tỷ lệ (%)")
NUMBERS = ("A", "B", "1=2+3", "2", "3", "4", "5", "6=5/4")


def _table(rows, page=1, index=0):
    cells = tuple(TableCell(r, c, text, (50.0 * c, 20.0 * r, 50.0 * c + 50, 20.0 * r + 20))
                  for r, row in enumerate(rows) for c, text in enumerate(row))
    return Table(page=page, index=index, rows=tuple(tuple(r) for r in rows), cells=cells)


BODY = [
    ("1", "Ba Đình", "2.767", "617", "2.150", "2.345", "1.922", "81,96"),
    ("2", "Hoàn Kiếm", "1.982", "428", "1.554", "1.611", "1.368", "84,92"),
]
TOTAL = ("", "Tổng cộng", "4.749", "1.045", "3.704", "3.956", "3.290", "83,16")


def _checks(*tables, text="Đơn vị tính: việc\n", figures=()):
    document = Document(doc="t", text=text, page_starts=(0,), source_type="pdf", tables=tables)
    checks, _ = check_document(document, list(figures))
    return checks


@pytest.mark.parametrize("text,style,value,step", [
    ("1.275", "vi", 1275, 1), ("85,72", "vi", "85.72", "0.01"), ("1,275", "en", 1275, 1), ("Ba Đình", "vi", None, None),
])
def test_parse_cell(text, style, value, step):
    from fractions import Fraction

    got = parse_cell(text, style)
    assert got == ((Fraction(value), Fraction(step)) if value is not None else (None, None))


def test_table_totals_and_formulas_hold():
    checks = _checks(_table([HEADER, NUMBERS, *BODY, TOTAL]))
    assert {(c.rule, c.verdict) for c in checks} == {("table_total", "consistent"), ("table_formula", "consistent")}
    assert sum(c.rule == "table_total" for c in checks) == 5  # five summable columns, the rate is not summed


def test_table_wrong_total_is_flagged_with_cell_evidence():
    wrong = TOTAL[:6] + ("3.300",) + TOTAL[7:]
    checks = _checks(_table([HEADER, NUMBERS, *BODY, wrong]))
    bad = [c for c in checks if c.verdict == "inconsistent"]
    # the column sum fails, and so does the total row's rate 83,16 recomputed as 3.300 / 3.956
    assert {(c.rule, c.text) for c in bad} == {("table_total", "3.300"), ("table_formula", "83,16")}
    assert all("page 1, cell" in c.reason for c in bad)


def test_table_row_breaking_its_formula_gets_its_own_check():
    broken = ("2", "Hoàn Kiếm", "1.992", "428", "1.554", "1.611", "1.368", "84,92")
    checks = _checks(_table([HEADER, NUMBERS, BODY[0], broken, TOTAL]))
    flagged = [(c.rule, c.identity, c.text) for c in checks if c.verdict == "inconsistent"]
    assert ("table_formula", "1=2+3", "1.992") in flagged


def test_table_total_row_on_top_is_found():
    checks = _checks(_table([HEADER, NUMBERS, TOTAL, *BODY]))
    assert sum(c.rule == "table_total" for c in checks) == 5 and all(c.verdict == "consistent" for c in checks)


def test_table_continued_on_next_page_is_stitched():
    first = _table([HEADER, NUMBERS, BODY[0]], page=1)
    second = _table([HEADER, NUMBERS, BODY[1], TOTAL], page=2)
    document = Document(doc="t", text="x", page_starts=(0,), source_type="pdf", tables=(first, second))
    assert [len(g.rows) for g in grids(document)] == [3]
    assert all(c.verdict == "consistent" for c in _checks(first, second))


def test_prose_restating_table_total_is_checked():
    text = "Đơn vị tính: việc\nCác đơn vị đã thi hành xong 3.290 việc, đạt tỷ lệ 83,16%.\n"
    start = text.index("3.290 việc")
    completed = Figure(doc="t", kind="count", text="3.290 việc", start=start, end=start + 10, value=3290.0, unit="case",
                       step=1.0, decimals=0)
    p = text.index("83,16%")
    rate = Figure(doc="t", kind="percent", text="83,16%", start=p, end=p + 6, value=83.16, unit="percent", step=0.01,
                  decimals=2)
    checks = _checks(_table([HEADER, NUMBERS, *BODY, TOTAL]), text=text, figures=[completed, rate])
    restated = {c.text: c.verdict for c in checks if c.rule == "table_total" and c.start is not None}
    assert restated == {"3.290 việc": "consistent", "83,16%": "consistent"}


PDF_DIR = pathlib.Path(__file__).resolve().parents[2] / "corpus" / "pdf"


@pytest.mark.skipif(not (PDF_DIR / "vi_007_ha_noi_2022.pdf").exists(), reason="corpus PDFs not built")
def test_corpus_pdf_wrong_column_total_found():
    from recount.pipeline.extract import extract_document
    from recount.pipeline.ingest import read_document

    document = read_document(str(PDF_DIR / "vi_007_ha_noi_2022.pdf"))
    checks, _ = check_document(document, extract_document(document))
    bad = [c for c in checks if c.rule.startswith("table") and c.verdict == "inconsistent"]
    assert [(c.text, c.formula) for c in bad] == [("26.715", "sum of 31 rows")]


def test_table_checks_point_at_their_cells_in_the_text():
    from recount.pipeline.ingest import mark_cell_boundaries

    wrong = TOTAL[:6] + ("3.300",) + TOTAL[7:]
    table = _table([HEADER, NUMBERS, *BODY, wrong])
    page = "Đơn vị tính: việc\n" + "\n".join(" ".join(c for c in row if c) for row in table.rows) + "\n"
    text = mark_cell_boundaries(page, table)
    document = Document(doc="t", text=text, page_starts=(0,), source_type="pdf", tables=(table,))
    checks, _ = check_document(document, [])
    assert checks and all(c.start is not None for c in checks)
    for c in checks:
        assert text[c.start:c.end] == c.text
        assert all(text[o.start:o.end] == o.text for o in c.operands)
    (total,) = [c for c in checks if c.rule == "table_total" and c.verdict == "inconsistent"]
    # the flagged total is the cell in the "Tổng cộng" line, not an equal number elsewhere
    line_start = text.index("Tổng cộng")
    assert total.text == "3.300" and total.start > line_start


def test_corpus_pdf_table_checks_carry_offsets():
    from recount.pipeline.extract import extract_document
    from recount.pipeline.ingest import read_document

    document = read_document(str(PDF_DIR / "fr_009_national_2022.pdf"))
    checks, _ = check_document(document, extract_document(document))
    table_checks = [c for c in checks if c.rule.startswith("table")]
    assert table_checks and all(document.text[c.start:c.end] == c.text for c in table_checks)
    (slip,) = [c for c in table_checks if c.text == "12 982"]
    row = document.text[document.text.rfind("\n", 0, slip.start) + 1:document.text.find("\n", slip.end)]
    assert row.startswith("Nghệ An\t") or "\tNghệ An\t" in row


def test_table_cells_multiply_money_units_and_skip_row_numbers():
    from recount.pipeline.tables_check import table_cells

    header = ("STT", "Đơn vị", "Tổng số tiền thụ lý", "Có điều kiện thi hành", "Thi hành xong", "Tỷ lệ (%)")
    numbers = ("A", "B", "1", "2", "3", "4=3/2")
    body = [("1", "Ba Đình", "1.250.000", "800.000", "600.000", "75,00"),
            ("2", "Hoàn Kiếm", "950.000", "500.000", "450.000", "90,00")]
    total = ("", "Tổng cộng", "2.200.000", "1.300.000", "1.050.000", "80,77")
    table = _table([header, numbers, *body, total])
    document = Document(doc="t", text="Đơn vị tính: nghìn đồng\n", page_starts=(0,), source_type="pdf",
                        tables=(table,))
    rows = table_cells(document)
    assert len(rows) == 3 * 4  # the STT column and the labels hold no figure
    first = {r["column"]: r for r in rows if r["label"] == "Ba Đình"}
    assert first["Tổng số tiền thụ lý"]["value"] == 1_250_000_000 and first["Tổng số tiền thụ lý"]["unit"] == "VND"
    assert first["Thi hành xong"]["role"] == "completed"
    assert first["Tỷ lệ (%)"]["value"] == 75.0 and first["Tỷ lệ (%)"]["role"] == "completion_rate"
    assert {r["label"] for r in rows} == {"Ba Đình", "Hoàn Kiếm", "Tổng cộng"}
