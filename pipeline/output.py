"""Writing records for people and tools: JSON Lines, CSV, Parquet, to a file or stdout.

JSON is written with sorted-free, fixed key order (the column tuple) and ``ensure_ascii``
off, so the same input gives byte-identical output.
"""
from __future__ import annotations

import contextlib
import csv
import json
import math
import sys

from recount.pipeline.records import FIGURE_OUTPUT_FIELDS, Figure

#: Columns of ``recount extract`` (the output contract).
FIGURE_COLUMNS = FIGURE_OUTPUT_FIELDS


def figure_row(figure: Figure) -> dict:
    d = figure.to_dict()
    return {k: d[k] for k in FIGURE_COLUMNS}


def _jsonable(v):
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return None
    return v


@contextlib.contextmanager
def open_output(path: str | None, binary: bool = False):
    """``path`` opened for writing, or stdout when ``path`` is None or "-"."""
    if path in (None, "-"):
        yield sys.stdout.buffer if binary else sys.stdout
        return
    with open(path, "wb" if binary else "w", encoding=None if binary else "utf-8",
              newline=None if binary else "") as stream:
        yield stream


def write_jsonl(rows, columns, stream) -> None:
    for row in rows:
        stream.write(json.dumps({c: _jsonable(row.get(c)) for c in columns}, ensure_ascii=False) + "\n")


def write_csv(rows, columns, stream) -> None:
    writer = csv.DictWriter(stream, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: ("" if row.get(c) is None else (json.dumps(row[c], ensure_ascii=False)
                                                             if isinstance(row.get(c), (list, dict)) else row[c]))
                         for c in columns})


def write_rows(rows: list[dict], columns, fmt: str, out: str | None) -> None:
    """Write ``rows`` (dicts keyed by ``columns``) as ``fmt`` to ``out`` (stdout if None)."""
    if fmt == "parquet":
        import pandas as pd

        frame = pd.DataFrame(rows, columns=list(columns))
        frame.to_parquet(out, index=False)
        return
    with open_output(out) as stream:
        if fmt == "jsonl":
            write_jsonl(rows, columns, stream)
        elif fmt == "csv":
            write_csv(rows, columns, stream)
        else:
            raise ValueError(f"unknown format {fmt!r}")
