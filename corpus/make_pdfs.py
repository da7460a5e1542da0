"""Render some corpus documents as PDFs with a ruled statistical table: ``corpus/pdf/``.

Run ``python -m recount.corpus.make_pdfs``. Each PDF holds the document's prose (the exact text of
``docs/<name>.txt``) and, from a new page, a table in the shape of the THADS "Biểu 01" form: a
title, the unit ("Đơn vị tính: việc"), a header row, a row of column numbers with the formulas
("1=2+3", "6=5/4"), one row per district office or province and a "Tổng cộng" row. Long tables
run over two pages with the header repeated, as real national annexes do.

The totals row carries the document's own figures; the unit rows are a deterministic split of
those totals (weights from a hash of the unit's name), with the figures of our other documents
where we have them (Hà Nội's 2023 row of the national table is the Hà Nội 2023 report). Two
tables carry a slip, as real annexes sometimes do: a unit row whose column does not add up to the
printed total, and a row whose total is not the sum of its parts. ``pdf/<name>.table.json`` records
every cell and which identities hold, so a table reader can be scored.

Output is deterministic: fixed creation date, fixed file id, fonts embedded from matplotlib's
DejaVu Sans.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent
CREATION_DATE = datetime(2025, 1, 15, 8, 0, 0, tzinfo=timezone.utc)

HEADERS = {
    "vi": ("STT", "Đơn vị", "Tổng số thụ lý", "Năm trước chuyển sang", "Thụ lý mới",
           "Có điều kiện thi hành", "Thi hành xong", "Tỷ lệ (%)"),
    "en": ("No.", "Unit", "Total received", "Brought forward", "Newly received", "Enforceable",
           "Completed", "Rate (%)"),
    "fr": ("N°", "Unité", "Total reçu", "Reporté", "Nouveau", "Exécutable", "Achevé", "Taux (%)"),
}
COLUMN_NUMBERS = ("A", "B", "1=2+3", "2", "3", "4", "5", "6=5/4")
TITLES = {
    "vi": ("Biểu số 01/THADS", "KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG VIỆC", "Đơn vị tính: việc"),
    "en": ("Table 1", "CIVIL JUDGMENT ENFORCEMENT RESULTS IN CASES", "Unit: cases"),
    "fr": ("Tableau 1", "RÉSULTATS DE L'EXÉCUTION DES JUGEMENTS CIVILS EN AFFAIRES",
           "Unité : affaires"),
}
TOTAL_LABEL = {"vi": "Tổng cộng", "en": "Total", "fr": "Total"}

PROVINCES = (
    "Hà Nội", "TP. Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Hà Giang", "Cao Bằng",
    "Bắc Kạn", "Tuyên Quang", "Lào Cai", "Điện Biên", "Lai Châu", "Sơn La", "Yên Bái",
    "Hòa Bình", "Thái Nguyên", "Lạng Sơn", "Quảng Ninh", "Bắc Giang", "Phú Thọ", "Vĩnh Phúc",
    "Bắc Ninh", "Hải Dương", "Hưng Yên", "Thái Bình", "Hà Nam", "Nam Định", "Ninh Bình",
    "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế", "Quảng Nam",
    "Quảng Ngãi", "Bình Định", "Phú Yên", "Khánh Hòa", "Ninh Thuận", "Bình Thuận", "Kon Tum",
    "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng", "Bình Phước", "Tây Ninh", "Bình Dương",
    "Đồng Nai", "Bà Rịa - Vũng Tàu", "Long An", "Tiền Giang", "Bến Tre", "Trà Vinh", "Vĩnh Long",
    "Đồng Tháp", "An Giang", "Kiên Giang", "Hậu Giang", "Sóc Trăng", "Bạc Liêu", "Cà Mau",
)
DISTRICTS = {
    "Hà Nội": ("Ba Đình", "Hoàn Kiếm", "Tây Hồ", "Long Biên", "Cầu Giấy", "Đống Đa",
               "Hai Bà Trưng", "Hoàng Mai", "Thanh Xuân", "Nam Từ Liêm", "Bắc Từ Liêm", "Hà Đông",
               "Sơn Tây", "Ba Vì", "Phúc Thọ", "Đan Phượng", "Hoài Đức", "Quốc Oai", "Thạch Thất",
               "Chương Mỹ", "Thanh Oai", "Thường Tín", "Phú Xuyên", "Ứng Hòa", "Mỹ Đức",
               "Sóc Sơn", "Đông Anh", "Gia Lâm", "Thanh Trì", "Mê Linh"),
    "Lâm Đồng": ("Đà Lạt", "Bảo Lộc", "Lạc Dương", "Đơn Dương", "Đức Trọng", "Lâm Hà",
                 "Di Linh", "Bảo Lâm", "Đạ Huoai", "Đạ Tẻh", "Cát Tiên", "Đam Rông"),
    "Thanh Hóa": ("TP. Thanh Hóa", "Sầm Sơn", "Bỉm Sơn", "Nghi Sơn", "Hà Trung", "Nga Sơn",
                  "Hậu Lộc", "Hoằng Hóa", "Quảng Xương", "Đông Sơn", "Thiệu Hóa", "Yên Định",
                  "Vĩnh Lộc", "Thạch Thành", "Cẩm Thủy", "Ngọc Lặc", "Lang Chánh", "Bá Thước",
                  "Quan Hóa", "Quan Sơn", "Mường Lát", "Thường Xuân", "Như Xuân", "Như Thanh",
                  "Nông Cống", "Triệu Sơn", "Thọ Xuân"),
    "Đà Nẵng": ("Hải Châu", "Thanh Khê", "Sơn Trà", "Ngũ Hành Sơn", "Liên Chiểu", "Cẩm Lệ",
                "Hòa Vang"),
    "Đồng Nai": ("Biên Hòa", "Long Khánh", "Nhơn Trạch", "Long Thành", "Trảng Bom",
                 "Thống Nhất", "Vĩnh Cửu", "Định Quán", "Tân Phú", "Xuân Lộc", "Cẩm Mỹ"),
}
DEPARTMENT_ROW = {"vi": "Cục THADS (cấp tỉnh)", "en": "Provincial department",
                  "fr": "Département provincial"}


@dataclass(frozen=True)
class TableSpec:
    """Which document becomes a PDF and what its table holds.

    ``totals`` are (carried over, new, enforceable, completed) for the whole jurisdiction, as the
    document states them; ``fixed`` pins rows to figures from other documents; ``slip`` names a
    (row label, index in [total, carried, new, enforceable, completed], delta) to plant a
    real-looking error.
    """

    name: str
    totals: tuple[int, int, int, int]
    units: tuple[str, ...]
    fixed: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)
    slip: tuple[str, int, int] | None = None
    slip_kind: str | None = None  # "column" (a column no longer sums) or "row" (1 != 2+3)


HN_2022 = (12406, 27318, 31905, 26715)
HN_2023 = (11869, 29104, 33012, 28036)
LD_2022 = (4530, 9204, 10377, 8512)
LD_2023 = (5028, 9424, 10902, 9021)
TH_2022 = (7845, 15921, 19118, 16420)
TH_2023 = (6923, 16480, 18870, 16301)
DN_2023 = (3412, 7106, 7930, 6318)
DN_2022 = (6210, 12196, 15112, 12480)  # Đồng Nai 2022 (en_021)

SPECS = (
    TableSpec("vi_001_toan_quoc_2023", (299096, 636950, 703412, 585521), PROVINCES,
              {"Hà Nội": HN_2023, "Lâm Đồng": LD_2023, "Thanh Hóa": TH_2023, "Đà Nẵng": DN_2023}),
    TableSpec("en_001_national_2023", (299096, 636950, 703412, 585521), PROVINCES,
              {"Hà Nội": HN_2023, "Lâm Đồng": LD_2023, "Thanh Hóa": TH_2023, "Đà Nẵng": DN_2023}),
    TableSpec("vi_023_toan_quoc_2022", (358855, 518203, 685120, 567700), PROVINCES,
              {"Hà Nội": HN_2022, "Lâm Đồng": LD_2022, "Thanh Hóa": TH_2022, "Đồng Nai": DN_2022}),
    TableSpec("fr_009_national_2022", (358855, 518203, 685120, 567700), PROVINCES,
              {"Hà Nội": HN_2022, "Lâm Đồng": LD_2022, "Thanh Hóa": TH_2022, "Đồng Nai": DN_2022},
              slip=("Nghệ An", 0, 100), slip_kind="row"),
    TableSpec("vi_017_toan_quoc_2021", (290524, 446223, 579413, 369372), PROVINCES),
    TableSpec("fr_001_national_2021", (290524, 446223, 579413, 369372), PROVINCES),
    TableSpec("vi_007_ha_noi_2022", HN_2022, DISTRICTS["Hà Nội"],
              slip=("Đống Đa", 4, -10), slip_kind="column"),
    TableSpec("vi_010_ha_noi_2024", (11695, 31506, 35118, 30102), DISTRICTS["Hà Nội"]),
    TableSpec("en_006_hanoi_2024", (11695, 31506, 35118, 30102), DISTRICTS["Hà Nội"]),
    TableSpec("fr_004_ha_noi_2024", (11695, 31506, 35118, 30102), DISTRICTS["Hà Nội"]),
    TableSpec("vi_003_lam_dong_2023", LD_2023, DISTRICTS["Lâm Đồng"]),
    TableSpec("vi_011_thanh_hoa_2022", TH_2022, DISTRICTS["Thanh Hóa"]),
    TableSpec("en_009_thanh_hoa_2024", (6697, 17204, 19306, 16957), DISTRICTS["Thanh Hóa"]),
    TableSpec("vi_014_da_nang_2023", DN_2023, DISTRICTS["Đà Nẵng"]),
    TableSpec("en_021_dong_nai_2022", DN_2022, DISTRICTS["Đồng Nai"]),
)


# --------------------------------------------------------------------------- numbers


def _weight(*parts: str) -> float:
    """A stable pseudo-random weight in [0.2, 1.2) from a name (no global random state)."""
    digest = hashlib.sha256("|".join(parts).encode("utf-8")).digest()
    return 0.2 + int.from_bytes(digest[:8], "big") / 2**64


def split(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` that sum exactly (largest remainder)."""
    scale = sum(weights)
    raw = [total * w / scale for w in weights]
    parts = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: (parts[i] - raw[i], i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def unit_rows(spec: TableSpec, lang: str) -> list[tuple[str, list[int]]]:
    """Rows ``(label, [total, carried, new, enforceable, completed])`` summing to ``spec.totals``."""
    # A province's table lists its department (which enforces the large cases itself) first.
    labels = list(PROVINCES) if spec.units is PROVINCES else [DEPARTMENT_ROW[lang], *spec.units]
    free = [label for label in labels if label not in spec.fixed]
    left = [t - sum(f[i] for f in spec.fixed.values()) for i, t in enumerate(spec.totals)]
    size = [_weight(spec.name, label) ** 2 for label in free]
    carried = split(left[0], [s * _weight("old", label) for s, label in zip(size, free)])
    new = split(left[1], [s * _weight("new", label) for s, label in zip(size, free)])
    # Each office's enforceable share and completion rate stay within +/-10% of the whole's,
    # as in real annexes (no office reports 100% by construction).
    enforceable = split(left[2], [(c + n) * (0.9 + 0.2 * (_weight("enf", label) - 0.2))
                                  for c, n, label in zip(carried, new, free)])
    enforceable = _cap(enforceable, [c + n for c, n in zip(carried, new)])
    completed = split(left[3], [e * (0.9 + 0.2 * (_weight("done", label) - 0.2))
                                for e, label in zip(enforceable, free)])
    completed = _cap(completed, enforceable)
    computed = {label: (c, n, e, d) for label, c, n, e, d in zip(free, carried, new, enforceable, completed)}
    computed.update(spec.fixed)
    rows = []
    for label in labels:
        c, n, e, d = computed[label]
        rows.append((label, [c + n, c, n, e, d]))
    return rows


def _cap(parts: list[int], limits: list[int]) -> list[int]:
    """Move any excess over a row's limit to rows with room (completed can't exceed enforceable)."""
    parts = list(parts)
    excess = 0
    for i, (p, cap) in enumerate(zip(parts, limits)):
        if p > cap:
            excess += p - cap
            parts[i] = cap
    for i, cap in enumerate(limits):
        if excess == 0:
            break
        room = min(cap - parts[i], excess)
        parts[i] += room
        excess -= room
    if excess:
        raise ValueError("totals do not fit under the row limits")
    return parts


def fmt_int(n: int, lang: str) -> str:
    """``1234567`` -> vi ``1.234.567``, en ``1,234,567``, fr ``1 234 567``."""
    s = f"{n:,}"
    return {"vi": s.replace(",", "."), "en": s, "fr": s.replace(",", " ")}[lang]


def fmt_rate(done: int, enforceable: int, lang: str) -> str:
    """Rates rounded half-up at two decimals (``83,73`` in vi/fr, ``83.73`` in en)."""
    if enforceable == 0:
        return "-"
    value = int(done * 10000 / enforceable + 0.5) / 100
    text = f"{value:.2f}"
    return text if lang == "en" else text.replace(".", ",")


# --------------------------------------------------------------------------- table + gold


def build_table(spec: TableSpec, lang: str) -> dict:
    """The table's cells and the identities that hold, as written to ``<name>.table.json``."""
    rows = unit_rows(spec, lang)
    if spec.slip:
        # "column": one office's completed count was revised after the total was printed, so
        # the column no longer adds up; "row": a typo in one row's total, so 1 != 2+3 there
        # (and column 1 no longer adds up either).
        label, index, delta = spec.slip
        for row_label, values in rows:
            if row_label == label:
                values[index] += delta
    total_values = [spec.totals[0] + spec.totals[1], *spec.totals]
    body = []
    for i, (label, values) in enumerate(rows, 1):
        cells = [str(i), label, *(fmt_int(v, lang) for v in values),
                 fmt_rate(values[4], values[3], lang)]
        body.append({"label": label, "cells": cells, "values": values})
    total_cells = ["", TOTAL_LABEL[lang], *(fmt_int(v, lang) for v in total_values),
                   fmt_rate(total_values[4], total_values[3], lang)]
    column_checks = []
    for c, header in enumerate(HEADERS[lang][2:7]):
        column_sum = sum(r["values"][c] for r in body)
        column_checks.append({"column": header, "column_number": COLUMN_NUMBERS[c + 2],
                              "sum_of_rows": column_sum, "printed_total": total_values[c],
                              "holds": column_sum == total_values[c]})
    row_failures = [r["label"] for r in body if r["values"][0] != r["values"][1] + r["values"][2]]
    return {
        "doc": f"{spec.name}.txt",
        "pdf": f"{spec.name}.pdf",
        "language": lang,
        "title": list(TITLES[lang]),
        "header": list(HEADERS[lang]),
        "column_numbers": list(COLUMN_NUMBERS),
        "rows": [r["cells"] for r in body],
        "total_row": total_cells,
        "n_rows": len(body),
        "totals": column_checks,
        "row_identities": [
            {"identity": "1=2+3", "holds": not row_failures, "failing_rows": row_failures},
            {"identity": "6=5/4 (half-up, 2 decimals)", "holds": True, "failing_rows": []},
        ],
        "total_row_identities": {
            "1=2+3": total_values[0] == total_values[1] + total_values[2],
            "6=5/4": True,
        },
    }


def _font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def render(spec: TableSpec, text: str, table: dict, lang: str) -> bytes:
    """The PDF bytes: the prose, then the table from a new page."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_creation_date(CREATION_DATE)
    pdf.set_producer("recount corpus make_pdfs")
    pdf.set_title(spec.name)
    fonts = _font_dir()
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    lines = text.rstrip("\n").split("\n")
    pdf.set_font("DejaVu", "B", 12)
    pdf.multi_cell(0, 6, lines[0], new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("DejaVu", "", 10)
    for line in lines[1:]:
        if not line.strip():
            pdf.ln(2)
            continue
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    form, title, unit = TITLES[lang]
    pdf.set_font("DejaVu", "B", 9)
    pdf.cell(0, 5, form, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "B", 11)
    pdf.cell(0, 6, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    pdf.cell(0, 5, unit, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    pdf.set_font("DejaVu", "", 8)
    heading = FontFace(emphasis="BOLD")
    with pdf.table(col_widths=(9, 38, 22, 22, 20, 22, 20, 17), line_height=4.6,
                   text_align=("CENTER", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
                   num_heading_rows=2, headings_style=heading, repeat_headings=1,
                   first_row_as_headings=True) as grid:
        for cells in (table["header"], table["column_numbers"], *table["rows"]):
            row = grid.row()
            for cell in cells:
                row.cell(cell)
        row = grid.row()
        for cell in table["total_row"]:
            row.cell(cell, style=heading)
    return bytes(pdf.output())


def make_all(corpus_dir: Path = CORPUS_DIR) -> list[Path]:
    """Render every PDF in :data:`SPECS` and its table gold into ``corpus_dir / "pdf"``."""
    out_dir = corpus_dir / "pdf"
    out_dir.mkdir(exist_ok=True)
    written = []
    for spec in SPECS:
        gold = json.loads((corpus_dir / "gold" / f"{spec.name}.gold.json").read_text(encoding="utf-8"))
        text = (corpus_dir / "docs" / f"{spec.name}.txt").read_text(encoding="utf-8")
        lang = gold["language"]
        table = build_table(spec, lang)
        pdf_bytes = render(spec, text, table, lang)
        table["table_first_page"] = _first_table_page(pdf_bytes)
        (out_dir / f"{spec.name}.pdf").write_bytes(pdf_bytes)
        (out_dir / f"{spec.name}.table.json").write_text(
            json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written.append(out_dir / f"{spec.name}.pdf")
    return written


def _first_table_page(pdf_bytes: bytes) -> int:
    """1-based page where the table starts: the first page whose text holds the form title."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(pdf_bytes)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            text = page.get_textpage().get_text_range()
            if "1=2+3" in text:
                return index + 1
    finally:
        pdf.close()
    raise ValueError("table not found in the rendered PDF")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    args = parser.parse_args(argv)
    written = make_all(args.corpus)
    print(f"{len(written)} PDFs written to {args.corpus / 'pdf'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
