"""Benchmark ``recount run``: throughput and memory per worker over a generated archive.

Builds an archive of synthetic reports (``recount.corpus.synth``): ``--n-text`` text files
in nested folders plus PDFs of ``--pdf-pages`` pages in all, one report per page, rendered
with fpdf2 and matplotlib's DejaVuSans (full Vietnamese diacritics). Then, in one run of
this script:

1. the whole archive with the local engine on 1 and 2 workers and with the Dask engine on
   2 workers (a ``LocalCluster``): files/s, pages/s and peak RSS per worker;
2. the PDFs alone through ``recount run`` on 1 worker, against bare pypdfium2 and bare
   pdfplumber text extraction of the same PDFs in this process (one core each);
3. peak RSS per worker for a smaller archive (``--small`` text files) next to the whole
   archive's (from step 1), to show memory does not grow with the archive.

Usage::

    python benchmarks/run_bench.py                      # 2,000 texts + 200 PDF pages
    python benchmarks/run_bench.py --n-text 300 --pdf-pages 40 --small 100   # quick look

Wall-clock figures include starting the workers (spaCy, the role model): about 5 s per
worker here, which dominates small archives.
"""
from __future__ import annotations

import argparse
import datetime
import os
import shutil
import tempfile
import time
from pathlib import Path

from recount.pipeline.run import run

PAGES_PER_PDF = 10


def build_archive(root: Path, n_text: int, pdf_pages: int, seed: int = 2026) -> tuple[list[Path], list[Path]]:
    """Write ``n_text`` text reports and PDFs holding ``pdf_pages`` pages under ``root``."""
    import matplotlib
    from fpdf import FPDF

    from recount.corpus.synth import generate_reports

    reports = generate_reports(n_text + pdf_pages, seed=seed, langs=("vi", "en", "fr"), error_rate=0.2)
    texts = []
    for index, report in enumerate(reports[:n_text]):
        folder = root / "text" / report.lang / f"{index // 250:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{report.name}.txt"
        path.write_text(report.text, encoding="utf-8")
        texts.append(path)
    font = f"{matplotlib.get_data_path()}/fonts/ttf/DejaVuSans.ttf"
    pdfs = []
    page_reports = reports[n_text:]
    (root / "pdf").mkdir(parents=True, exist_ok=True)
    for start in range(0, len(page_reports), PAGES_PER_PDF):
        pdf = FPDF()
        pdf.set_creation_date(datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc))
        pdf.add_font("dv", "", font)
        pdf.set_font("dv", size=10)
        for report in page_reports[start:start + PAGES_PER_PDF]:
            pdf.add_page()
            pdf.multi_cell(0, 5, report.text)
        path = root / "pdf" / f"reports_{start // PAGES_PER_PDF:03d}.pdf"
        pdf.output(str(path))
        pdfs.append(path)
    return texts, pdfs


def bare_pypdfium2(pdfs: list[Path]) -> tuple[int, float]:
    """Pages and seconds for pypdfium2 text extraction of every page."""
    import pypdfium2 as pdfium

    started, pages = time.perf_counter(), 0
    for path in pdfs:
        document = pdfium.PdfDocument(str(path))
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            text_page.get_text_range()
            text_page.close()
            page.close()
            pages += 1
        document.close()
    return pages, time.perf_counter() - started


def bare_pdfplumber(pdfs: list[Path]) -> tuple[int, float]:
    """Pages and seconds for pdfplumber ``extract_text()`` of every page (closing each page)."""
    import pdfplumber

    started, pages = time.perf_counter(), 0
    for path in pdfs:
        with pdfplumber.open(str(path)) as document:
            for page in document.pages:
                page.extract_text()
                page.close()
                pages += 1
    return pages, time.perf_counter() - started


def timed_run(label: str, sources: list[str], out_dir: Path, **options) -> dict:
    shutil.rmtree(out_dir, ignore_errors=True)
    started = time.perf_counter()
    summary = run(sources, str(out_dir), quiet=True, **options)
    seconds = time.perf_counter() - started
    row = {
        "label": label,
        "files": summary.processed,
        "pages": summary.pages,
        "failed": summary.n_failed,
        "seconds": seconds,
        "files_s": summary.processed / seconds,
        "pages_s": summary.pages / seconds,
        "rss": summary.worker_peak_rss_mb,
    }
    print(f"{label:<34} {row['files']:>6,} files {row['pages']:>5,} pages {seconds:7.1f} s "
          f"{row['files_s']:7.1f} files/s {row['pages_s']:6.1f} pages/s  "
          f"peak RSS/worker {', '.join(f'{mb:.0f}' for mb in row['rss'])} MB"
          + (f"  ({row['failed']} failed)" if row["failed"] else ""), flush=True)
    return row


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n-text", type=int, default=2000, help="text reports in the archive")
    parser.add_argument("--pdf-pages", type=int, default=200, help="PDF pages in the archive")
    parser.add_argument("--small", type=int, default=500, help="text reports in the small archive")
    parser.add_argument("--workdir", default=None, help="where to build (default: a temp folder)")
    parser.add_argument("--skip-dask", action="store_true")
    args = parser.parse_args(argv)

    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="recount-run-bench-"))
    archive = workdir / "archive"
    shutil.rmtree(archive, ignore_errors=True)
    started = time.perf_counter()
    texts, pdfs = build_archive(archive, args.n_text, args.pdf_pages)
    print(f"archive: {len(texts):,} text reports + {len(pdfs)} PDFs ({args.pdf_pages} pages) "
          f"in {time.perf_counter() - started:.1f} s at {archive}")
    print(f"CPUs available: {len(os.sched_getaffinity(0))}; load average {os.getloadavg()[0]:.1f}\n")

    print("== whole archive ==")
    whole = [str(archive)]
    timed_run("local, 1 worker", whole, workdir / "out-local-1", jobs=1)
    local_2 = timed_run("local, 2 workers", whole, workdir / "out-local-2", jobs=2)
    if not args.skip_dask:
        timed_run("dask LocalCluster, 2 workers", whole, workdir / "out-dask-2", jobs=2, engine="dask")

    print("\n== PDFs only: recount vs bare text extraction (1 core) ==")
    recount_pdf = timed_run("recount run, 1 worker", [str(archive / "pdf")], workdir / "out-pdf", jobs=1)
    # The pipeline's own time per file, without worker start-up, from the documents table.
    import pandas as pd

    in_worker = pd.read_parquet(workdir / "out-pdf" / "documents")["seconds"].sum()
    pages, pdfium_s = bare_pypdfium2(pdfs)
    _, plumber_s = bare_pdfplumber(pdfs)
    recount_rate = pages / in_worker
    print(f"{'recount, in-worker time':<34} {pages:>5,} pages {in_worker:7.1f} s {recount_rate:7.1f} pages/s")
    print(f"{'bare pypdfium2 get_text_range':<34} {pages:>5,} pages {pdfium_s:7.1f} s {pages / pdfium_s:7.1f} pages/s"
          f"  recount/pypdfium2 = {recount_rate / (pages / pdfium_s):.3f} (wall: {recount_pdf['pages_s'] / (pages / pdfium_s):.3f})")
    print(f"{'bare pdfplumber extract_text':<34} {pages:>5,} pages {plumber_s:7.1f} s {pages / plumber_s:7.1f} pages/s"
          f"  recount/pdfplumber = {recount_rate / (pages / plumber_s):.3f} (wall: {recount_pdf['pages_s'] / (pages / plumber_s):.3f})")

    print("\n== memory per worker as the archive grows (local, 2 workers) ==")
    small_list = workdir / "small.lst"
    small_list.write_text("\n".join(str(p) for p in texts[: args.small]) + "\n", encoding="utf-8")
    small = timed_run(f"{args.small:,} text reports", [f"@{small_list}"], workdir / "out-small", jobs=2)
    print(f"peak RSS per worker: {max(small['rss']):.0f} MB at {small['files']:,} files, "
          f"{max(local_2['rss']):.0f} MB at {local_2['files']:,} files (the whole archive above)")


if __name__ == "__main__":
    main()
