"""The inspector report, read back with BeautifulSoup (datasette's tests/test_html.py habit):
one row per check with its verdict, escaped text, links that land, a run summary."""
from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from recount.pipeline import report
from recount.pipeline.cli import cli
from recount.pipeline.process import process_path

HOSTILE = (
    "Báo cáo <script>alert('owned')</script> năm 2023 <img src=x onerror=alert(2)>\n"
    "Đã thi hành xong 289 việc trên tổng số 327 việc có điều kiện, đạt tỷ lệ 88,38%.\n"
)


def render_file(path) -> BeautifulSoup:
    html, _ = report.render(report.load(path), "test")
    return BeautifulSoup(html, "html.parser")


@pytest.fixture(scope="module")
def ha_noi(corpus_dir):
    return corpus_dir / "docs" / "vi_007_ha_noi_2022.txt"


@pytest.mark.parametrize("name", ["vi_007_ha_noi_2022.txt", "vi_018_toan_quoc_2024.txt", "en_001_national_2023.txt"])
def test_report_one_row_per_check_with_its_verdict(corpus_dir, name):
    path = corpus_dir / "docs" / name
    result = process_path(path)
    soup = render_file(path)
    rows = soup.select("tr.check")
    assert len(rows) == len(result.checks) > 0
    assert sorted(r["data-verdict"] for r in rows) == sorted(c.verdict for c in result.checks)
    # each row names the figure it checks, and its verdict badge agrees with data-verdict
    stated = sorted((c.text, c.verdict) for c in result.checks)
    shown = sorted((r.select_one("td.stated").get_text(strip=True), r["data-verdict"]) for r in rows)
    assert shown == stated
    assert all(r.select_one(".badge").get_text() == r["data-verdict"] for r in rows)


def test_report_lists_inconsistencies_first(ha_noi):
    order = [r["data-verdict"] for r in render_file(ha_noi).select("tr.check")]
    assert order[0] == "inconsistent"
    ranks = [report.VERDICTS.index(v) for v in order]
    assert ranks == sorted(ranks)


def test_report_highlights_every_figure_with_kind_and_role(ha_noi):
    result = process_path(ha_noi)
    soup = render_file(ha_noi)
    for figure in result.figures:
        mark = soup.find(id=f"d1-s{figure.start}-{figure.end}")
        assert mark is not None and mark.name == "mark", figure.text
        assert f"kind-{figure.kind}" in mark["class"]
        assert mark.select_one(".fig-text").get_text() == figure.text
        if figure.role:
            assert mark.select_one(".role-label").get_text() == figure.role


def test_report_links_land_on_an_element(ha_noi):
    soup = render_file(ha_noi)
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    hrefs = [a["href"][1:] for a in soup.find_all("a", href=True) if a["href"].startswith("#")]
    assert hrefs and set(hrefs) <= ids
    operand_links = soup.select("a.operand")
    assert operand_links
    for link in operand_links:  # an operand link lands on the words it quotes
        target = soup.find(id=link["href"][1:])
        assert target.get_text().startswith(link.get_text()) or link.get_text() in target.get_text()


def test_report_escapes_document_text(tmp_path):
    source = tmp_path / "hostile.txt"
    source.write_text(HOSTILE, encoding="utf-8")
    html, _ = report.render(report.load(source), "test")
    soup = BeautifulSoup(html, "html.parser")
    scripts = soup.find_all("script")
    assert len(scripts) == 1 and "owned" not in scripts[0].get_text()
    assert soup.find("img") is None
    text = soup.select_one("div.text").get_text()
    assert "<script>alert('owned')</script>" in text and "<img src=x onerror=alert(2)>" in text
    assert "&lt;script&gt;" in html
    # the one script allowed by the page's CSP is the filter, by its hash
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert report.script_hash(scripts[0].string) in csp and "unsafe-inline" not in csp.split("script-src")[1]


def test_report_is_deterministic(ha_noi, tmp_path):
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    report.write_report(ha_noi, first)
    report.write_report(ha_noi, second)
    assert first.read_bytes() == second.read_bytes()


@pytest.fixture(scope="module")
def small_run(tmp_path_factory, corpus_dir):
    from recount.pipeline.run import run

    sources = tmp_path_factory.mktemp("sources")
    for name in ("vi_007_ha_noi_2022.txt", "vi_002_toan_quoc_2024_so_bo.txt", "vi_018_toan_quoc_2024.txt"):
        shutil.copy(corpus_dir / "docs" / name, sources / name)
    (sources / "empty.txt").write_bytes(b"")
    out = tmp_path_factory.mktemp("run")
    run([str(sources)], str(out), jobs=1, quiet=True)
    return sources, out


def test_report_run_summary_links_each_document(small_run):
    sources, run_dir = small_run
    soup = render_file(run_dir)
    summary = soup.select_one("#summary")
    assert summary is not None
    documents = summary.select("table.documents tbody tr")
    assert len(documents) == 4 == len(soup.select("section.document"))
    for row in documents:
        assert soup.find(id=row.select_one("a")["href"][1:]).name == "section"
    failures = {r.select("td")[0].get_text(): r.select("td")[1].get_text() for r in summary.select("table.failures tbody tr")}
    assert failures == {"empty": "1"}
    failed = summary.select_one("table.failures tbody tr td:nth-of-type(3) a")
    assert failed.get_text() == "empty.txt" and "empty" in soup.find(id=failed["href"][1:]).select_one(".failure").get_text()
    by_document = {r.select_one("a").get_text(): int(r.select("td")[1].get_text())
                   for r in summary.select("table.by-document tbody tr")}
    expected = {}
    for path in sorted(sources.iterdir()):
        n = sum(c.verdict == "inconsistent" for c in process_path(path).checks)
        if n:
            expected[path.name] = n
    assert by_document == expected and "vi_007_ha_noi_2022.txt" in expected
    for name, n in by_document.items():
        section = next(s for s in soup.select("section.document") if s["data-doc"].endswith(name))
        assert len(section.select('tr.check[data-verdict="inconsistent"]')) == n


def test_report_run_with_an_edited_source_shows_figures_without_text(small_run, tmp_path):
    sources, run_dir = small_run
    moved = tmp_path / "run"
    shutil.copytree(run_dir, moved)
    edited = sources / "vi_002_toan_quoc_2024_so_bo.txt"
    original = edited.read_bytes()
    try:
        edited.write_bytes(b"Another text " + original)
        soup = render_file(moved)
    finally:
        edited.write_bytes(original)
    section = next(s for s in soup.select("section.document") if s["data-doc"].endswith("so_bo.txt"))
    assert section.select_one("div.text") is None
    assert "changed since the run" in section.select_one(".note").get_text()
    assert section.select("table.figures tbody tr")


def test_report_reads_a_run_written_before_the_cells_table(small_run, tmp_path):
    _, run_dir = small_run
    older = tmp_path / "older"
    shutil.copytree(run_dir, older)
    shutil.rmtree(older / "cells")
    tables = report.read_run(older)
    assert tables.cells.empty and list(tables.cells.columns) == list(report.C.CELLS_SCHEMA.names)
    assert len(render_file(older).select("section.document")) == 4


def test_cli_report_writes_html(ha_noi, tmp_path):
    out = tmp_path / "r.html"
    result = CliRunner().invoke(cli, ["report", str(ha_noi), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "1 document(s)" in result.output and "inconsistent" in result.output
    assert BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser").select("tr.check")


def test_cli_report_folder_without_inputs_is_an_error(tmp_path):
    result = CliRunner().invoke(cli, ["report", str(tmp_path), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 1 and "no input files" in result.output


def test_report_pdf_text_shows_its_pages(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for line in ("In 2023 the agencies completed 289 cases out of 327 enforceable cases, a rate of 88.38%.",
                 "Money completed reached VND 1,059 billion, a rate of 41.17%."):
        pdf.add_page()
        pdf.multi_cell(0, 8, line)
    path = tmp_path / "two_pages.pdf"
    pdf.output(str(path))
    result = process_path(path)
    soup = BeautifulSoup(report.render(report.process_sources([str(path)]), "test")[0], "html.parser")
    pages = [span.get_text() for span in soup.select("div.text .page-break")]
    assert result.document.n_pages == 2 and pages == ["page 1", "page 2"]
    page_of_row = {r.select_one("td.stated").get_text(strip=True): r.select_one("td.page").get_text()
                   for r in soup.select("tr.check")}
    assert page_of_row == {c.text: str(c.page) for c in result.checks} and "2" in page_of_row.values()
