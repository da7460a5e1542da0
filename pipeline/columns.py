"""Column names and Parquet schemas of the tables ``recount run`` writes, defined once.

Like statcheck's ``R/constants.R``, every output column is named here and nowhere else;
readers (the report, tests, notebooks) import these names instead of spelling strings.

A run writes five tables, each a folder of Parquet parts under the output directory:

- ``documents``: one row per input file (path, content hash, size, pages, language,
  status, failure reason, counts, timings, pipeline version);
- ``figures``: one row per extracted figure;
- ``checks``: one row per recomputed claim, with its operands as a list of structs;
- ``derived``: figures recount computed itself (e.g. a total recomputed from its parts);
- ``cells``: one row per number in a PDF's ruled tables, with its row and column
  (:func:`recount.pipeline.tables_check.table_cells`).

Every table carries ``doc`` (the input path) and ``sha256`` (of the input bytes), so the
tables join on either. The schemas are explicit pyarrow schemas: a part with no rows has
the same columns and types as a full one, so ``pandas.read_parquet(folder)``, DuckDB's
``read_parquet('folder/*.parquet')``, Spark and Dask read a folder as one table.

Only the ``documents`` table holds wall-clock timings; figure, check, derived and cell rows are a
pure function of the input bytes and the pipeline version, so two runs over the same
archive write identical rows.
"""
from __future__ import annotations

import json
from dataclasses import fields

import pandas as pd
import pyarrow as pa

from recount.pipeline.records import Check, DocumentResult, Figure, Operand
from recount.pipeline.tables_check import TABLE_CELL_COLUMNS, table_cells

#: Names of the five tables (one folder each under the output directory).
DOCUMENTS = "documents"
FIGURES = "figures"
CHECKS = "checks"
DERIVED = "derived"
CELLS = "cells"
TABLES = (DOCUMENTS, FIGURES, CHECKS, DERIVED, CELLS)

# -- keys shared by every table ---------------------------------------------------------
DOC = "doc"
SHA256 = "sha256"

# -- documents -------------------------------------------------------------------------
SIZE_BYTES = "size_bytes"
SOURCE_TYPE = "source_type"
ENCODING = "encoding"
PAGES = "pages"
LANGUAGE = "language"
STATUS = "status"
FAILURE_REASON = "failure_reason"
FAILURE_DETAIL = "failure_detail"
NOTES = "notes"
N_FIGURES = "n_figures"
N_CHECKS = "n_checks"
N_INCONSISTENT = "n_inconsistent"
N_DERIVED = "n_derived"
SECONDS = "seconds"
TIMINGS = "timings_json"
PIPELINE_VERSION = "pipeline_version"

#: ``status`` values.
STATUS_OK = "ok"
STATUS_FAILED = "failed"

#: Check verdict counted as an inconsistency in the run summary.
VERDICT_INCONSISTENT = "inconsistent"

DOCUMENTS_SCHEMA = pa.schema([
    (DOC, pa.string()),
    (SHA256, pa.string()),
    (SIZE_BYTES, pa.int64()),
    (SOURCE_TYPE, pa.string()),
    (ENCODING, pa.string()),
    (PAGES, pa.int32()),
    (LANGUAGE, pa.string()),
    (STATUS, pa.string()),
    (FAILURE_REASON, pa.string()),
    (FAILURE_DETAIL, pa.string()),
    (NOTES, pa.list_(pa.string())),
    (N_FIGURES, pa.int32()),
    (N_CHECKS, pa.int32()),
    (N_INCONSISTENT, pa.int32()),
    (N_DERIVED, pa.int32()),
    (SECONDS, pa.float64()),
    (TIMINGS, pa.string()),
    (PIPELINE_VERSION, pa.string()),
])

#: Columns of ``documents`` that depend on the clock, not on the input; leave them out
#: when comparing two runs.
TIMING_COLUMNS = (SECONDS, TIMINGS)

# -- figures and derived figures ---------------------------------------------------------
# The Figure dataclass fields, in declaration order; ``doc`` first, then ``sha256``.
_FIGURE_TYPES = {
    "doc": pa.string(), "kind": pa.string(), "text": pa.string(), "start": pa.int64(),
    "end": pa.int64(), "value": pa.float64(), "unit": pa.string(), "qualifier": pa.string(),
    "change": pa.string(), "page": pa.int32(), "lang": pa.string(), "period": pa.string(),
    "jurisdiction": pa.string(), "id": pa.string(), "type": pa.string(), "date": pa.string(),
    "year": pa.int32(), "issuer": pa.string(), "step": pa.float64(), "decimals": pa.int32(),
    "scale": pa.string(), "sent_start": pa.int64(), "sent_end": pa.int64(),
    "group": pa.int64(), "group_kind": pa.string(), "role": pa.string(),
    "role_p": pa.float64(), "source": pa.string(),
}
FIGURE_COLUMNS = tuple(f.name for f in fields(Figure))
assert set(FIGURE_COLUMNS) == set(_FIGURE_TYPES), "columns.py is out of step with Figure"

FIGURES_SCHEMA = pa.schema(
    [(DOC, pa.string()), (SHA256, pa.string())]
    + [(name, _FIGURE_TYPES[name]) for name in FIGURE_COLUMNS if name != DOC]
)
DERIVED_SCHEMA = FIGURES_SCHEMA

# -- checks -------------------------------------------------------------------------------
OPERANDS = "operands"
_OPERAND_TYPES = {
    "role": pa.string(), "text": pa.string(), "start": pa.int64(), "end": pa.int64(),
    "value": pa.float64(), "low": pa.float64(), "high": pa.float64(), "page": pa.int32(),
    "source": pa.string(),
}
OPERAND_COLUMNS = tuple(f.name for f in fields(Operand))
assert set(OPERAND_COLUMNS) == set(_OPERAND_TYPES), "columns.py is out of step with Operand"
OPERAND_TYPE = pa.struct([(name, _OPERAND_TYPES[name]) for name in OPERAND_COLUMNS])

_CHECK_TYPES = {
    "doc": pa.string(), "text": pa.string(), "start": pa.int64(), "end": pa.int64(),
    "page": pa.int32(), "stated": pa.float64(), "rule": pa.string(), "formula": pa.string(),
    OPERANDS: pa.list_(OPERAND_TYPE), "recomputed": pa.float64(), "low": pa.float64(),
    "high": pa.float64(), "rounding": pa.string(), "verdict": pa.string(),
    "severity": pa.string(), "reason": pa.string(), "identity": pa.string(),
    "sentence": pa.string(), "reading": pa.string(),
}
CHECK_COLUMNS = tuple(f.name for f in fields(Check))
assert set(CHECK_COLUMNS) == set(_CHECK_TYPES), "columns.py is out of step with Check"
#: A check's position among its document's checks: checks have no id of their own.
CHECK_INDEX = "check_index"
VERDICT = "verdict"

CHECKS_SCHEMA = pa.schema(
    [(DOC, pa.string()), (SHA256, pa.string()), (CHECK_INDEX, pa.int32())]
    + [(name, _CHECK_TYPES[name]) for name in CHECK_COLUMNS if name != DOC]
)

# -- cells of ruled tables -------------------------------------------------------------------
_CELL_TYPES = {
    "doc": pa.string(), "page": pa.int32(), "table": pa.int32(), "row": pa.int32(), "label": pa.string(),
    "column": pa.string(), "column_number": pa.string(), "text": pa.string(), "value": pa.float64(),
    "unit": pa.string(), "role": pa.string(), "start": pa.int64(), "end": pa.int64(),
    "bbox": pa.list_(pa.float64()),
}
assert set(TABLE_CELL_COLUMNS) == set(_CELL_TYPES), "columns.py is out of step with table_cells"
CELLS_SCHEMA = pa.schema(
    [(DOC, pa.string()), (SHA256, pa.string())]
    + [(name, _CELL_TYPES[name]) for name in TABLE_CELL_COLUMNS if name != DOC]
)

SCHEMAS = {
    DOCUMENTS: DOCUMENTS_SCHEMA,
    FIGURES: FIGURES_SCHEMA,
    CHECKS: CHECKS_SCHEMA,
    DERIVED: DERIVED_SCHEMA,
    CELLS: CELLS_SCHEMA,
}


def document_row(
    result: DocumentResult,
    *,
    sha256: str = "",
    size_bytes: int | None = None,
    seconds: float | None = None,
    pipeline_version: str = "",
) -> dict:
    """The ``documents`` row for one input.

    ``sha256`` and ``size_bytes`` describe the input bytes as the run read them; they are
    passed in because a failed read has no :class:`Document` to take them from.
    """
    document = result.document
    failure = result.failure
    return {
        DOC: result.doc,
        SHA256: sha256 or (document.sha256 if document else ""),
        SIZE_BYTES: size_bytes,
        SOURCE_TYPE: document.source_type if document else None,
        ENCODING: document.encoding if document else None,
        PAGES: document.n_pages if document else None,
        LANGUAGE: result.lang,
        STATUS: STATUS_FAILED if failure else STATUS_OK,
        FAILURE_REASON: failure.reason if failure else None,
        FAILURE_DETAIL: failure.detail if failure else None,
        NOTES: list(document.notes) if document else [],
        N_FIGURES: len(result.figures),
        N_CHECKS: len(result.checks),
        N_INCONSISTENT: sum(c.verdict == VERDICT_INCONSISTENT for c in result.checks),
        N_DERIVED: len(result.derived),
        SECONDS: seconds,
        TIMINGS: json.dumps(result.timings, sort_keys=True, default=str),
        PIPELINE_VERSION: pipeline_version,
    }


def _figure_rows(figures, sha256: str) -> list[dict]:
    rows = []
    for figure in figures:
        row = {DOC: figure.doc, SHA256: sha256}
        row.update({name: getattr(figure, name) for name in FIGURE_COLUMNS if name != DOC})
        rows.append(row)
    return rows


def _check_rows(checks, sha256: str) -> list[dict]:
    rows = []
    for index, check in enumerate(checks):
        row = {DOC: check.doc, SHA256: sha256, CHECK_INDEX: index}
        for name in CHECK_COLUMNS:
            if name == OPERANDS:
                row[name] = [
                    {column: getattr(operand, column) for column in OPERAND_COLUMNS}
                    for operand in check.operands
                ]
            elif name != DOC:
                row[name] = getattr(check, name)
        rows.append(row)
    return rows


def _cell_rows(result: DocumentResult, sha256: str) -> list[dict]:
    document = result.document
    if document is None or result.failure is not None or not document.tables:
        return []
    return [{SHA256: sha256, **row} for row in table_cells(document)]


def result_to_tables(result: DocumentResult, **document_fields) -> dict[str, pa.Table]:
    """Turn one :class:`DocumentResult` into a pyarrow table per output table.

    ``document_fields`` go to :func:`document_row` (``sha256``, ``size_bytes``, ``seconds``,
    ``pipeline_version``). Tables with no rows still carry the full schema.
    """
    documents = document_row(result, **document_fields)
    sha256 = documents[SHA256]
    rows = {
        DOCUMENTS: [documents],
        FIGURES: _figure_rows(result.figures, sha256),
        CHECKS: _check_rows(result.checks, sha256),
        DERIVED: _figure_rows(result.derived, sha256),
        CELLS: _cell_rows(result, sha256),
    }
    return {
        name: pa.Table.from_pylist(rows[name], schema=SCHEMAS[name]) for name in TABLES
    }


def result_to_frames(result: DocumentResult, **document_fields) -> dict[str, pd.DataFrame]:
    """Like :func:`result_to_tables`, as pandas DataFrames (columns in schema order)."""
    return {
        name: table.to_pandas()
        for name, table in result_to_tables(result, **document_fields).items()
    }


def empty_table(name: str) -> pa.Table:
    """A table with no rows and the schema of table ``name``."""
    return SCHEMAS[name].empty_table()
