import json

import pytest
from click.testing import CliRunner

from recount.pipeline.cli import cli

REPORT = ("Năm 2023, Cục Thi hành án dân sự tỉnh Lâm Đồng thi hành xong 289 việc trên 327 việc "
          "có điều kiện, đạt tỷ lệ 88,38%, theo Nghị định số 62/2015/NĐ-CP.\n")


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "lam_dong.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_cli_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("recount, version ")


def test_cli_every_command_has_help():
    runner = CliRunner()
    for name, command in cli.commands.items():
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert command.help and command.help.strip(), f"{name} has no help text"
        assert "Usage:" in result.output


def test_cli_extract_jsonl_to_stdout(report):
    result = CliRunner().invoke(cli, ["extract", str(report)], catch_exceptions=False)
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["kind"], r["value"]) for r in rows] == [
        ("count", 289), ("count", 327), ("percent", 88.38), ("directive", None)]
    text = report.read_text(encoding="utf-8")
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)
    assert rows[0]["doc"] == str(report)
    assert rows[0]["jurisdiction"] == "province:Lâm Đồng" and rows[0]["period"] == "2023"
    assert rows[-1]["id"] == "62/2015/ND-CP" and rows[-1]["type"] == "decree"


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_cli_extract_formats_to_file(report, tmp_path, fmt):
    import pandas as pd

    out = tmp_path / f"figures.{fmt}"
    result = CliRunner().invoke(cli, ["extract", str(report), "--format", fmt, "-o", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0
    frame = {"csv": pd.read_csv, "parquet": pd.read_parquet,
             "jsonl": lambda p: pd.read_json(p, lines=True)}[fmt](out)
    assert list(frame["kind"]) == ["count", "count", "percent", "directive"]


def test_cli_extract_is_deterministic(report):
    runner = CliRunner()
    first = runner.invoke(cli, ["extract", str(report)]).output
    assert runner.invoke(cli, ["extract", str(report)]).output == first


def test_cli_extract_bad_file_is_reported_and_others_go_on(report, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    result = CliRunner().invoke(cli, ["extract", str(bad), str(report)], catch_exceptions=False)
    assert result.exit_code == 2
    assert "bad.pdf: corrupt" in result.stderr
    assert len(result.stdout.splitlines()) == 4


def test_cli_extract_walks_folders(report, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "other.txt").write_text("Thi hành xong 41 việc.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path)], catch_exceptions=False)
    docs = {json.loads(line)["doc"] for line in result.stdout.splitlines()}
    assert len(docs) == 2


def test_cli_parquet_needs_output(report):
    result = CliRunner().invoke(cli, ["extract", str(report), "--format", "parquet"])
    assert result.exit_code == 2


def test_cli_tables_lists_every_table_number_with_its_row_and_column(tmp_path):
    import pathlib

    pdf = pathlib.Path(__file__).resolve().parents[1] / "corpus" / "pdf" / "fr_004_ha_noi_2024.pdf"
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    result = CliRunner().invoke(cli, ["tables", str(bad), str(pdf), "--format", "jsonl"], catch_exceptions=False)
    assert result.exit_code == 2  # the broken file is reported, the good one still listed
    assert f"recount: {bad}: corrupt: pdfium cannot open it" in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    # 31 units and the total, six number columns each: no row numbers, no column numbers
    assert len(rows) == 32 * 6
    ba_dinh = {r["column"]: r for r in rows if r["label"] == "Ba Đình"}
    assert ba_dinh["Total reçu"]["value"] == 2911 and ba_dinh["Total reçu"]["role"] == "received_total"
    # "Nouveau" is named by no cue; the form's "1=2+3" under received and carried over makes it new
    assert ba_dinh["Nouveau"]["role"] == "new" and ba_dinh["Nouveau"]["text"] == "2 265"
    assert ba_dinh["Taux (%)"]["role"] == "completion_rate" and ba_dinh["Taux (%)"]["unit"] == "percent"
    from recount.pipeline.ingest import read_document

    text = read_document(pdf).text
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)


def test_cli_tables_records_a_reader_bug_as_that_file_s_failure(tmp_path, monkeypatch):
    import pathlib

    from recount.pipeline import tables_check

    pdf = pathlib.Path(__file__).resolve().parents[1] / "corpus" / "pdf" / "fr_004_ha_noi_2024.pdf"
    other = tmp_path / "other.pdf"
    other.write_bytes(pdf.read_bytes())
    real = tables_check.table_cells

    def fails_on_other(document):
        if document.doc == str(other):
            raise KeyError("a column the reader did not expect")
        return real(document)

    monkeypatch.setattr(tables_check, "table_cells", fails_on_other)
    result = CliRunner().invoke(cli, ["tables", str(other), str(pdf), "--format", "jsonl"], catch_exceptions=False)
    assert result.exit_code == 2
    assert f"recount: {other}: error: KeyError: 'a column the reader did not expect'" in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 32 * 6 and {r["doc"] for r in rows} == {str(pdf)}
