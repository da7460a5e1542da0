"""``recount run`` over small generated archives: resume after kill -9, bad PDFs among good
files, engines agreeing, redo on a new pipeline version, the time and memory guards, a
killed worker.

Every test runs the real per-file pipeline (``recount.pipeline.process.process_path``).
"""
from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from recount.corpus.synth import generate_reports
from recount.pipeline import columns as C
from recount.pipeline.cli import cli
from recount.pipeline.engines import LocalEngine, prepare_out_dir
from recount.pipeline.run import RunError, run

# Sort keys that give each table one canonical row order for comparisons.
_ORDER = {
    C.DOCUMENTS: [C.DOC],
    C.FIGURES: [C.DOC, "start", "end", "kind", "source"],
    C.CHECKS: [C.DOC, C.CHECK_INDEX],
    C.DERIVED: [C.DOC, "start", "end", "kind", "role"],
    C.CELLS: [C.DOC, "table", "row", "column"],
}


def _render_pdf(path: Path, pages: list[str], password: str | None = None) -> None:
    """A born-digital report PDF with an embedded DejaVu font (full Vietnamese diacritics)."""
    import matplotlib
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc))
    pdf.add_font("dv", "", f"{matplotlib.get_data_path()}/fonts/ttf/DejaVuSans.ttf")
    pdf.set_font("dv", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.output(str(path))


def _build_archive(root: Path, n_text: int, n_pdf: int = 2) -> Path:
    """Synthetic reports as .txt in nested folders, plus a few multi-page PDFs."""
    reports = generate_reports(n_text + n_pdf, seed=7, langs=("vi", "en", "fr"), error_rate=0.3)
    for index, report in enumerate(reports[:n_text]):
        folder = root / report.lang / f"batch{index % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{report.name}.txt").write_text(report.text, encoding="utf-8")
    (root / "pdf").mkdir(parents=True, exist_ok=True)
    for report in reports[n_text:]:
        paragraphs = [p for p in report.text.split("\n") if p.strip()]
        half = max(1, len(paragraphs) // 2)
        _render_pdf(root / "pdf" / f"{report.name}.pdf",
                    ["\n".join(paragraphs[:half]), "\n".join(paragraphs[half:]) or "-"])
    return root


def _read_dataset(out_dir: Path) -> dict[str, pd.DataFrame]:
    """Each table in canonical order, without the clock-dependent columns."""
    frames = {}
    for name in C.TABLES:
        frame = pd.read_parquet(out_dir / name).drop(columns=list(C.TIMING_COLUMNS), errors="ignore")
        frames[name] = frame.sort_values(_ORDER[name], kind="stable").reset_index(drop=True)
    return frames


def _assert_same_dataset(left: Path, right: Path) -> None:
    a, b = _read_dataset(left), _read_dataset(right)
    for name in C.TABLES:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


def _part_names(out_dir: Path, table: str, hidden: bool = False) -> list[str]:
    """Part files of a table; ``hidden=True`` adds the temporary ones readers skip."""
    return sorted(n for n in os.listdir(out_dir / table) if hidden or not n.startswith("."))


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    return _build_archive(tmp_path_factory.mktemp("archive"), n_text=40, n_pdf=2)


@pytest.fixture(scope="module")
def reference_run(archive, tmp_path_factory) -> Path:
    """An uninterrupted local run over ``archive``."""
    out_dir = tmp_path_factory.mktemp("reference") / "out"
    summary = run([str(archive)], str(out_dir), jobs=2, quiet=True)
    assert summary.processed == 42 and summary.n_failed == 0
    return out_dir


def test_run_writes_one_row_per_input_and_readable_tables(archive, reference_run):
    documents = pd.read_parquet(reference_run / C.DOCUMENTS)
    assert len(documents) == 42 and documents[C.DOC].is_unique
    assert set(documents[C.STATUS]) == {C.STATUS_OK}
    assert documents.loc[documents[C.SOURCE_TYPE] == "pdf", C.PAGES].tolist() == [2, 2]
    for name in C.TABLES:
        # every part carries the declared schema, empty or not
        for part in (reference_run / name).iterdir():
            assert pq.read_schema(part).remove_metadata() == C.SCHEMAS[name]
    figures = pd.read_parquet(reference_run / C.FIGURES)
    per_doc = figures.groupby(C.DOC).size()
    assert (per_doc.reindex(documents[C.DOC]).fillna(0).to_numpy() == documents[C.N_FIGURES].to_numpy()).all()
    # the figure offsets point into the source text as recount read it
    first_txt = documents.loc[documents[C.SOURCE_TYPE] == "txt", C.DOC].iloc[0]
    text = Path(first_txt).read_text(encoding="utf-8")
    for row in figures[(figures[C.DOC] == first_txt) & (figures["source"] == "text")].itertuples():
        assert text[row.start:row.end] == row.text


def test_run_resumes_after_kill_9_with_exactly_one_set_of_rows(archive, reference_run, tmp_path):
    out_dir = tmp_path / "out"
    command = [sys.executable, "-c", "from recount.pipeline.cli import cli; cli()",
               "run", str(archive), "--out", str(out_dir), "--jobs", "2", "--quiet"]
    process = subprocess.Popen(command, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    documents = out_dir / C.DOCUMENTS
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if documents.is_dir() and len(_part_names(out_dir, C.DOCUMENTS)) >= 5:
                break
            time.sleep(0.01)
        done_at_kill = len(_part_names(out_dir, C.DOCUMENTS))
        os.killpg(process.pid, signal.SIGKILL)  # the driver and its workers, at once
    finally:
        process.wait()
    assert 5 <= done_at_kill < 42, "the run should be killed mid-way"

    summary = run([str(archive)], str(out_dir), jobs=2, quiet=True)
    assert summary.skipped >= done_at_kill
    assert summary.processed + summary.skipped == 42
    _assert_same_dataset(reference_run, out_dir)
    for name in C.TABLES:
        assert len(_part_names(out_dir, name, hidden=True)) == 42


def test_run_records_corrupt_encrypted_and_empty_pdfs_among_good_files(archive, tmp_path):
    sources = tmp_path / "mixed"
    sources.mkdir()
    good_pdf = sorted((archive / "pdf").iterdir())[0]
    (sources / "good.pdf").write_bytes(good_pdf.read_bytes())
    good_txt = sorted((archive / "vi").rglob("*.txt"))[0]
    (sources / "good.txt").write_text(good_txt.read_text(encoding="utf-8"), encoding="utf-8")
    (sources / "corrupt.pdf").write_bytes(good_pdf.read_bytes()[:300])
    _render_pdf(sources / "encrypted.pdf", ["Thi hành xong 289 việc trên 327 việc."], password="secret")
    (sources / "empty.pdf").write_bytes(b"")

    summary = run([str(sources)], str(tmp_path / "out"), jobs=2, quiet=True)

    assert summary.processed == 5
    assert summary.failed == {"corrupt": 1, "encrypted": 1, "empty": 1}
    documents = pd.read_parquet(tmp_path / "out" / C.DOCUMENTS).set_index(C.DOC)
    status = {Path(doc).name: row[C.STATUS] for doc, row in documents.iterrows()}
    assert status == {"good.pdf": "ok", "good.txt": "ok", "corrupt.pdf": "failed",
                      "encrypted.pdf": "failed", "empty.pdf": "failed"}
    assert documents[C.FAILURE_DETAIL].notna().sum() == 3
    figures = pd.read_parquet(tmp_path / "out" / C.FIGURES)
    assert {Path(doc).name for doc in figures[C.DOC]} == {"good.pdf", "good.txt"}


def test_engines_local_and_dask_write_identical_rows(tmp_path):
    archive = _build_archive(tmp_path / "archive", n_text=12, n_pdf=1)
    (archive / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    local = run([str(archive)], str(tmp_path / "local"), jobs=2, quiet=True)
    dask = run([str(archive)], str(tmp_path / "dask"), jobs=2, engine="dask", quiet=True)
    assert local.processed == dask.processed == 14
    assert local.failed == dask.failed == {"corrupt": 1}
    assert local.inconsistencies == dask.inconsistencies
    _assert_same_dataset(tmp_path / "local", tmp_path / "dask")
    for name in C.TABLES:
        assert _part_names(tmp_path / "local", name) == _part_names(tmp_path / "dask", name)


def test_run_redoes_inputs_when_pipeline_version_or_content_changes(tmp_path):
    archive = _build_archive(tmp_path / "archive", n_text=6, n_pdf=0)
    out_dir = tmp_path / "out"
    first = run([str(archive)], str(out_dir), jobs=1, quiet=True, pipeline_version="v1")
    again = run([str(archive)], str(out_dir), jobs=1, quiet=True, pipeline_version="v1")
    assert (first.processed, again.processed, again.skipped) == (6, 0, 6)

    edited = sorted(archive.rglob("*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nThi hành xong 12 việc.\n", encoding="utf-8")
    after_edit = run([str(archive)], str(out_dir), jobs=1, quiet=True, pipeline_version="v1")
    assert (after_edit.processed, after_edit.skipped) == (1, 5)

    upgraded = run([str(archive)], str(out_dir), jobs=1, quiet=True, pipeline_version="v2")
    assert (upgraded.processed, upgraded.skipped) == (6, 0)
    documents = pd.read_parquet(out_dir / C.DOCUMENTS)
    assert len(documents) == 6 and set(documents[C.PIPELINE_VERSION]) == {"v2"}
    for name in C.TABLES:
        assert len(_part_names(out_dir, name)) == 6


def test_run_records_files_over_their_time_budget_and_goes_on(tmp_path):
    archive = _build_archive(tmp_path / "archive", n_text=3, n_pdf=1)
    summary = run([str(archive)], str(tmp_path / "out"), jobs=1, quiet=True, time_budget=1e-6)
    assert summary.processed == 4
    assert summary.failed == {"timeout": 4}
    # failures are done inputs too: a re-run with a normal budget does not retry them
    again = run([str(archive)], str(tmp_path / "out"), jobs=1, quiet=True)
    assert again.skipped == 4


def test_run_records_files_over_their_memory_limit_and_goes_on(tmp_path):
    archive = _build_archive(tmp_path / "archive", n_text=2, n_pdf=0)
    # a 16 MB archive dump: reading it alone needs more than the 4 MB a file may take
    report = sorted(archive.rglob("*.txt"))[0].read_text(encoding="utf-8")
    (archive / "dump.txt").write_text(report * (16_000_000 // len(report.encode())), encoding="utf-8")
    summary = run([str(archive)], str(tmp_path / "out"), jobs=1, quiet=True, memory_mb=4)
    assert summary.processed == 3
    assert summary.failed == {"memory": 1}
    documents = pd.read_parquet(tmp_path / "out" / C.DOCUMENTS).set_index(C.DOC)
    assert documents.loc[str(archive / "dump.txt"), C.FAILURE_REASON] == "memory"
    assert (documents[C.STATUS] == C.STATUS_OK).sum() == 2


def test_run_cli_prints_summary_and_rejects_bad_usage(tmp_path):
    archive = _build_archive(tmp_path / "archive", n_text=2, n_pdf=0)
    listing = tmp_path / "inputs.lst"
    listing.write_text("\n".join(str(p) for p in sorted(archive.rglob("*.txt"))) + "\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["run", f"@{listing}", "--out", str(tmp_path / "out"), "--jobs", "1",
                                 "--quiet"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "2 inputs: 2 processed, 0 skipped as already done, 0 failed" in result.output
    assert runner.invoke(cli, ["run", str(archive), "--out", str(tmp_path / "o"), "--jobs", "0"]).exit_code == 2


def test_run_rejects_unknown_engine_and_scheduler_without_dask(tmp_path):
    with pytest.raises(RunError):
        run([str(tmp_path)], str(tmp_path / "out"), engine="spark")
    with pytest.raises(RunError):
        run([str(tmp_path)], str(tmp_path / "out"), scheduler="tcp://127.0.0.1:8786")


def test_local_engine_records_a_killed_worker_and_goes_on(tmp_path):
    archive = _build_archive(tmp_path / "archive", n_text=2, n_pdf=0)
    report = sorted(archive.rglob("*.txt"))[0].read_text(encoding="utf-8")
    dump = archive / "a_dump.txt"  # first in path order, and long enough to be caught busy
    dump.write_text(report * (4_000_000 // len(report.encode())), encoding="utf-8")
    paths = sorted(str(p) for p in archive.rglob("*.txt"))
    out_dir = tmp_path / "out"
    prepare_out_dir(str(out_dir))
    engine = LocalEngine(1, str(out_dir), "v1", time_budget=120)
    rows = []
    consumer = threading.Thread(target=lambda: rows.extend(engine.map(paths)))
    consumer.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and str(dump) not in engine.busy().values():
        time.sleep(0.01)
    (pid,) = [pid for pid, path in engine.busy().items() if path == str(dump)]
    os.kill(pid, signal.SIGKILL)  # as the kernel's OOM killer or a segfault would
    consumer.join(timeout=120)

    reasons = {Path(row[C.DOC]).name: row[C.FAILURE_REASON] for row in rows}
    assert reasons.pop("a_dump.txt") == "worker_crash"
    assert list(reasons.values()) == [None, None], "the run goes on with a new worker"
    assert len(_part_names(out_dir, C.DOCUMENTS)) == 3


def test_run_writes_the_numbers_of_pdf_tables_to_cells(tmp_path):
    from recount.pipeline.ingest import read_document
    from recount.pipeline.tables_check import table_cells

    pdf = Path(__file__).resolve().parents[2] / "corpus" / "pdf" / "vi_007_ha_noi_2022.pdf"
    text = Path(__file__).resolve().parents[2] / "corpus" / "docs" / "vi_007_ha_noi_2022.txt"
    out_dir = tmp_path / "out"
    summary = run([str(pdf), str(text)], str(out_dir), jobs=1, quiet=True)
    assert summary.processed == 2 and summary.n_failed == 0
    cells = pd.read_parquet(out_dir / C.CELLS)
    assert set(cells[C.DOC]) == {str(pdf)}  # a text file has no tables
    expected = table_cells(read_document(pdf))
    assert len(cells) == len(expected) > 0
    total = cells[(cells["label"] == "Tổng cộng") & (cells["role"] == "completed")]
    assert total["text"].tolist() == ["26.715"] and total["value"].tolist() == [26715.0]
    documents = pd.read_parquet(out_dir / C.DOCUMENTS)
    assert set(cells[C.SHA256]) == set(documents.loc[documents[C.DOC] == str(pdf), C.SHA256])
