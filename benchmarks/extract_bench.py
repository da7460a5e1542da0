"""Speed and memory of ``recount extract`` beside bare PDF text extraction.

Builds PDFs from the project's own corpus texts (fpdf2, DejaVuSans from matplotlib), then
times, in one run on the same files and one core:

* bare pypdfium2 text extraction (the parse floor),
* bare pdfplumber ``extract_text`` (with ``page.close()``),
* recount's whole extract (read + figures) on the PDFs, and its two halves: reading the PDF
  (pypdfium2 text, path-object count per page for the ruled-table test, legacy-font test,
  NFC, the stream-inflation check) and finding the figures in the text read,
* recount's extract on the plain texts, in sentences per second,

and the peak RSS of recount's extract on a 50- and a 200-page PDF, each in a fresh process,
beside that process's RSS once recount is imported and has read a one-page PDF: the part
above that baseline is what the document costs, and it should not grow with the pages.

What "recount extract" includes: everything ``recount extract`` does to a file (ingest and
figure extraction). It does not include role labelling, checking or reporting. The generated
PDFs draw no ruling lines, so pdfplumber's table reading (run only on ruled pages) is not
exercised here; the output says how many tables were found.

Times are best-of-``--repeat`` wall clock, with the process CPU time of the same runs beside
them: on a machine shared with other work the CPU figure is the steadier one.

Usage: python benchmarks/extract_bench.py [--pages 200] [--repeat 3]
"""
from __future__ import annotations

import argparse
import datetime
import glob
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def corpus_texts() -> list[str]:
    paths = sorted(glob.glob(str(REPO / "corpus" / "docs" / "*.txt")))
    if not paths:
        sys.exit("no corpus texts under corpus/docs: build the corpus first")
    return [Path(p).read_text(encoding="utf-8") for p in paths]


def make_pdf(path: Path, texts: list[str], pages: int) -> None:
    """A ``pages``-page PDF: one corpus text per page, cycling through the corpus."""
    import matplotlib
    from fpdf import FPDF

    font = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    pdf = FPDF()
    pdf.set_creation_date(datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc))
    pdf.add_font("dv", "", str(font))
    pdf.set_font("dv", size=9)
    pdf.set_auto_page_break(False)
    for i in range(pages):
        pdf.add_page()
        pdf.multi_cell(0, 4.2, texts[i % len(texts)][:3000])
    pdf.output(str(path))


def bare_pdfium(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    n = 0
    for i in range(len(pdf)):
        page = pdf[i]
        tp = page.get_textpage()
        tp.get_text_range()
        tp.close()
        page.close()
        n += 1
    pdf.close()
    return n


def bare_pdfplumber(path: Path) -> int:
    import pdfplumber

    n = 0
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
            n += 1
    return n


def recount_extract(path: Path) -> int:
    from recount.pipeline.extract import extract

    extract(path)
    return 1


def best_of(fns: dict, repeat: int) -> dict[str, tuple[float, float]]:
    """Best wall-clock and best process-CPU seconds of ``repeat`` runs of each function.

    The functions take turns within each round, so a burst of other work on a shared machine
    slows all of them rather than only the one that happened to be running.
    """
    walls: dict[str, list[float]] = {k: [] for k in fns}
    cpus: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(repeat):
        for key, fn in fns.items():
            t0, c0 = time.perf_counter(), time.process_time()
            fn()
            walls[key].append(time.perf_counter() - t0)
            cpus[key].append(time.process_time() - c0)
    return {k: (min(walls[k]), min(cpus[k])) for k in fns}


#: Run in a fresh process. Linux's high-water mark (VmHWM) is reset once recount is imported
#: and warm, so the peak is what the document costs on top of that; ``ru_maxrss`` is not used
#: because a child started from the benchmark inherits the parent's high-water mark.
_RSS_PROBE = """
import sys
from recount.pipeline.extract import extract


def status():
    with open("/proc/self/status") as fh:
        rows = dict(line.split(":", 1) for line in fh)
    return {k: int(rows[k].split()[0]) / 1024 for k in ("VmRSS", "VmHWM")}


extract(sys.argv[1])
try:
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")  # reset VmHWM to the current RSS
except OSError:
    pass
base = status()["VmRSS"]
extract(sys.argv[2])
print(base, status()["VmHWM"])
"""


def peak_rss_mb(pdf: Path, warm: Path) -> tuple[float, float]:
    """``(baseline, peak)`` RSS in MB of a fresh process: baseline once recount is imported
    and has extracted the one-page ``warm`` PDF, peak while extracting ``pdf`` (Linux)."""
    out = subprocess.run([sys.executable, "-c", _RSS_PROBE, str(warm), str(pdf)],
                         capture_output=True, text=True, check=True)
    base, peak = out.stdout.split()
    return float(base), float(peak)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=200, help="pages of the large PDF (default 200)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement, best kept (default 3)")
    args = ap.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    texts = corpus_texts()
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / f"report_{args.pages}p.pdf"
        small = Path(tmp) / "report_50p.pdf"
        one = Path(tmp) / "report_1p.pdf"
        make_pdf(big, texts, args.pages)
        make_pdf(small, texts, 50)
        make_pdf(one, texts, 1)
        recount_extract(small)  # warm imports and compiled patterns

        from recount.pipeline.extract import extract_document
        from recount.pipeline.ingest import read_document

        big_doc = read_document(big)
        n_tables = len(big_doc.tables)
        t = best_of({
            "pdfium": lambda: bare_pdfium(big),
            "recount": lambda: recount_extract(big),
            "read": lambda: read_document(big),
            "figures": lambda: extract_document(big_doc),
        }, args.repeat)
        t_pdfium, t_recount, t_read, t_figures = t["pdfium"], t["recount"], t["read"], t["figures"]
        t_plumber = best_of({"pdfplumber": lambda: bare_pdfplumber(big)}, 1)["pdfplumber"]

        from recount.extractors.segment import document_language, split_sentences
        from recount.pipeline.ingest import document_from_string

        docs = [document_from_string(t, f"doc{i}") for i, t in enumerate(texts * 20)]
        n_sent = sum(len(split_sentences(d.text, document_language(d.text))) for d in docs)
        t_text = best_of({"text": lambda: [extract_document(d) for d in docs]}, args.repeat)["text"]
        chars = sum(len(d.text) for d in docs)

        rss_small = peak_rss_mb(small, one)
        rss_big = peak_rss_mb(big, one)

    pages = args.pages

    def rate(n: float, t: tuple[float, float]) -> str:
        return f"{n / t[0]:8.0f} {n / t[1]:8.0f}"

    print(f"PDF, {pages} pages (one corpus text per page), best of {args.repeat}, one process;"
          f" {n_tables} table(s) found:")
    print("  (recount extract = reading the file + finding the figures; no role labelling, checks or report)")
    print(f"  {'pages/s':<36} {'wall':>8} {'CPU':>8}")
    print(f"  bare pypdfium2 text                 {rate(pages, t_pdfium)}")
    print(f"  bare pdfplumber extract_text        {rate(pages, t_plumber)}  (one run)")
    print(f"  recount extract (read + figures)    {rate(pages, t_recount)}")
    print(f"    of which: read the PDF (ingest)   {rate(pages, t_read)}")
    print(f"    of which: figures in its text     {rate(pages, t_figures)}")
    for label, t in (("wall", 0), ("CPU", 1)):
        print(f"  recount / pypdfium2 ({label:4})        {t_pdfium[t] / t_recount[t]:8.2f}  (aim >= 0.50)")
    for label, t in (("wall", 0), ("CPU", 1)):
        print(f"  recount / pdfplumber ({label:4})       {t_plumber[t] / t_recount[t]:8.1f}x (aim >= 10)")
    print(f"Text, {len(docs)} documents, {n_sent} sentences, {chars / 1e6:.1f} M characters:")
    print(f"  {'':<36} {'wall':>8} {'CPU':>8}")
    print(f"  recount extract, sentences/s        {rate(n_sent, t_text)}  (aim >= 5,000)")
    print(f"  recount extract, kB/s               {rate(chars / 1e3, t_text)}")
    print("Peak RSS of a fresh process running extract (baseline: recount imported, one page read):")
    for n, (base, peak) in ((50, rss_small), (pages, rss_big)):
        print(f"  {n:3d} pages  peak {peak:7.1f} MB  baseline {base:7.1f} MB  document {peak - base:6.1f} MB"
              f"  ({(peak - base) * 1024 / n:5.1f} kB/page)")
    grow = (rss_big[1] - rss_big[0]) - (rss_small[1] - rss_small[0])
    print(f"  growth from 50 to {pages} pages: {grow:+.1f} MB (aim: flat; the text and the figures"
          f" returned are kept, pages are closed as they are read)")


if __name__ == "__main__":
    main()
