"""The corpus PDFs: they open, hold the prose and the ruled table, and match their table gold."""
import json
import re
from pathlib import Path

import pdfplumber
import pypdfium2
import pytest

from recount.corpus.make_pdfs import SPECS, build_table, render, split

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
PDFS = sorted((CORPUS / "pdf").glob("*.pdf"))


def _collapse(cell):
    return re.sub(r"\s+", " ", cell or "").strip()


def _number(cell: str, lang: str) -> int:
    return int(re.sub(r"[.,\s]", "", cell))


def test_about_fifteen_pdfs_some_multipage():
    assert len(PDFS) == len(SPECS) >= 15
    pages = [len(pypdfium2.PdfDocument(p)) for p in PDFS]
    assert sum(n >= 3 for n in pages) >= 2


@pytest.mark.parametrize("path", PDFS, ids=[p.stem for p in PDFS])
def test_pdf_holds_prose_and_table(path):
    gold = json.loads(path.with_suffix(".table.json").read_text(encoding="utf-8"))
    text = (CORPUS / "docs" / f"{path.stem}.txt").read_text(encoding="utf-8")
    lang = gold["language"]
    with pdfplumber.open(path) as pdf:
        first_page = pdf.pages[0].extract_text()
        assert _collapse(text.split("\n")[0])[:40] in _collapse(first_page)
        rows = []
        for page in pdf.pages[gold["table_first_page"] - 1:]:
            for table in page.extract_tables():
                rows += [[_collapse(c) for c in row] for row in table]
            page.close()
    header = [_collapse(h) for h in gold["header"]]
    body = [r for r in rows if r != header and r != gold["column_numbers"]]
    assert rows[0] == header and rows[1] == gold["column_numbers"]
    assert body == [*gold["rows"], gold["total_row"]]
    # the totals row is the document's own figures, and the gold says which column sums hold
    for check, column in zip(gold["totals"], range(2, 7)):
        column_sum = sum(_number(r[column], lang) for r in gold["rows"])
        assert (column_sum == _number(gold["total_row"][column], lang)) == check["holds"]


def test_planted_slips_are_recorded():
    by_name = {p.stem: json.loads(p.with_suffix(".table.json").read_text(encoding="utf-8")) for p in PDFS}
    assert [c["holds"] for c in by_name["vi_007_ha_noi_2022"]["totals"]] == [True, True, True, True, False]
    assert by_name["fr_009_national_2022"]["row_identities"][0]["failing_rows"] == ["Nghệ An"]
    assert all(all(c["holds"] for c in t["totals"]) for name, t in by_name.items()
               if name not in ("vi_007_ha_noi_2022", "fr_009_national_2022"))


def test_rendering_is_deterministic_and_matches_the_committed_pdf():
    spec = next(s for s in SPECS if s.name == "vi_014_da_nang_2023")
    text = (CORPUS / "docs" / f"{spec.name}.txt").read_text(encoding="utf-8")
    table = build_table(spec, "vi")
    first, second = render(spec, text, table, "vi"), render(spec, text, table, "vi")
    assert first == second == (CORPUS / "pdf" / f"{spec.name}.pdf").read_bytes()


@pytest.mark.parametrize("total, weights", [(10, [1, 1, 1]), (736747, [0.3, 2.5, 1.1, 0.7]), (0, [1, 2])])
def test_split_sums_exactly(total, weights):
    parts = split(total, weights)
    assert sum(parts) == total and len(parts) == len(weights) and min(parts) >= 0
