"""Records to table rows: one schema per table, full or empty, and rows tied to the text."""
from __future__ import annotations

import pyarrow as pa
import pytest

from recount.pipeline import columns as C
from recount.pipeline.process import process_path

# Lâm Đồng, 2023: 289 of 327 enforceable cases completed, printed as 88.38% (rounded).
REPORT = ("Năm 2023, Cục Thi hành án dân sự tỉnh Lâm Đồng thi hành xong 289 việc trên 327 việc "
          "có điều kiện, đạt tỷ lệ 88,38%, theo Nghị định số 62/2015/NĐ-CP.\n")


@pytest.fixture(scope="module")
def lam_dong(tmp_path_factory):
    path = tmp_path_factory.mktemp("columns") / "lam_dong.txt"
    path.write_text(REPORT, encoding="utf-8")
    return process_path(str(path))


def test_columns_every_table_has_its_schema_full_or_empty(lam_dong, tmp_path):
    failed = process_path(str(tmp_path / "missing.pdf"))
    for result in (lam_dong, failed):
        tables = C.result_to_tables(result, pipeline_version="test")
        assert set(tables) == set(C.TABLES)
        for name, table in tables.items():
            assert table.schema == C.SCHEMAS[name]
    empty = C.result_to_tables(failed, pipeline_version="test")
    assert [empty[name].num_rows for name in C.TABLES] == [1, 0, 0, 0, 0]


def test_columns_document_row_ok_and_failed(lam_dong, tmp_path):
    row = C.result_to_frames(lam_dong, size_bytes=len(REPORT.encode()), pipeline_version="v")[C.DOCUMENTS].iloc[0]
    assert (row[C.STATUS], row[C.SOURCE_TYPE], row[C.LANGUAGE]) == (C.STATUS_OK, "txt", "vi")
    assert row[C.SHA256] == lam_dong.document.sha256 and row[C.SIZE_BYTES] == len(REPORT.encode())
    assert row[C.N_FIGURES] == len(lam_dong.figures) and row[C.PIPELINE_VERSION] == "v"
    failed = C.document_row(process_path(str(tmp_path / "missing.pdf")), sha256="", pipeline_version="v")
    assert (failed[C.STATUS], failed[C.FAILURE_REASON]) == (C.STATUS_FAILED, "not_found")
    assert failed[C.FAILURE_DETAIL]


def test_columns_figure_rows_keep_offsets_into_the_text(lam_dong):
    figures = C.result_to_frames(lam_dong)[C.FIGURES]
    assert list(figures.columns) == C.FIGURES_SCHEMA.names
    assert len(figures) == len(lam_dong.figures)
    for row in figures.itertuples(index=False):
        assert REPORT[row.start:row.end] == row.text
    assert {"289", "327", "88,38%"} <= {text.split()[0] for text in figures["text"]}


def test_columns_check_rows_carry_their_operands(lam_dong):
    checks = C.result_to_tables(lam_dong)[C.CHECKS].to_pylist()
    assert len(checks) == len(lam_dong.checks) and checks, "the rate 289/327 = 88.38% is checked"
    for index, (row, check) in enumerate(zip(checks, lam_dong.checks)):
        assert row[C.CHECK_INDEX] == index and row[C.VERDICT] == check.verdict
        assert [op["value"] for op in row[C.OPERANDS]] == [op.value for op in check.operands]


def test_columns_rows_are_deterministic(lam_dong):
    first = C.result_to_tables(lam_dong, pipeline_version="v")
    second = C.result_to_tables(lam_dong, pipeline_version="v")
    for name in (C.FIGURES, C.CHECKS, C.DERIVED):
        assert first[name].equals(second[name])
    assert not set(C.TIMING_COLUMNS) & set(C.FIGURES_SCHEMA.names + C.CHECKS_SCHEMA.names)


def test_columns_names_are_unique_per_table():
    for schema in C.SCHEMAS.values():
        assert len(schema.names) == len(set(schema.names))
        assert isinstance(schema, pa.Schema) and schema.names[:2] == [C.DOC, C.SHA256]
