"""Speed and memory of ``recount extract`` beside bare PDF text extraction.

Builds PDFs from the project's own corpus texts (fpdf2, DejaVuSans from matplotlib), then
times, in one run on the same files and one core:

* bare pypdfium2 text extraction (the parse floor),
* bare pdfplumber ``extract_text`` (with ``page.close()``),
* recount's whole extract (read + figures) on the PDFs,
* recount's extract on the plain texts, in sentences per second,

and the peak RSS of recount's extract on a 50- and a 200-page PDF (each in a fresh process).

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


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def peak_rss_mb(pdf: Path) -> float:
    code = (
        "import resource,sys\n"
        "from recount.pipeline.extract import extract\n"
        f"extract({str(pdf)!r})\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    texts = corpus_texts()
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / f"report_{args.pages}p.pdf"
        small = Path(tmp) / "report_50p.pdf"
        make_pdf(big, texts, args.pages)
        make_pdf(small, texts, 50)
        recount_extract(small)  # warm imports and compiled patterns

        t_pdfium = best_of(lambda: bare_pdfium(big), args.repeat)
        t_plumber = best_of(lambda: bare_pdfplumber(big), 1)
        t_recount = best_of(lambda: recount_extract(big), args.repeat)

        from recount.extractors.segment import document_language, split_sentences
        from recount.pipeline.extract import extract_document
        from recount.pipeline.ingest import document_from_string

        docs = [document_from_string(t, f"doc{i}") for i, t in enumerate(texts * 20)]
        n_sent = sum(len(split_sentences(d.text, document_language(d.text))) for d in docs)
        t_text = best_of(lambda: [extract_document(d) for d in docs], args.repeat)
        chars = sum(len(d.text) for d in docs)

        rss_small = peak_rss_mb(small)
        rss_big = peak_rss_mb(big)

    pages = args.pages
    print(f"PDF, {pages} pages (one corpus text per page), best of {args.repeat}, one process:")
    print(f"  bare pypdfium2 text        {pages / t_pdfium:8.0f} pages/s")
    print(f"  bare pdfplumber extract    {pages / t_plumber:8.0f} pages/s")
    print(f"  recount extract (whole)    {pages / t_recount:8.0f} pages/s")
    print(f"  recount / pypdfium2        {t_pdfium / t_recount:8.2f}  (aim >= 0.50)")
    print(f"  recount / pdfplumber       {t_plumber / t_recount:8.1f}x (aim >= 10)")
    print(f"Text, {len(docs)} documents, {n_sent} sentences, {chars / 1e6:.1f} M characters:")
    print(f"  recount extract            {n_sent / t_text:8.0f} sentences/s  (aim >= 5,000)")
    print(f"  recount extract            {chars / t_text / 1e6:8.2f} MB/s")
    print("Peak RSS of a fresh process running extract:")
    print(f"  50 pages  {rss_small:7.1f} MB")
    print(f"  {pages} pages {rss_big:7.1f} MB")


if __name__ == "__main__":
    main()
