"""Speed and memory of ``recount extract`` beside bare PDF text extraction.

Builds PDFs (fpdf2, DejaVuSans from matplotlib) from two sets of text, then times, in one
run on the same files and one core:

* bare pypdfium2 text extraction (the parse floor),
* bare pdfplumber ``extract_text`` (with ``page.close()``),
* recount's whole extract (read + figures) on the PDFs, and its two halves: reading the PDF
  (pypdfium2 text, path-object count per page for the ruled-table test, legacy-font test,
  NFC, the stream-inflation check) and finding the figures in the text read,
* recount's extract on the plain texts, in sentences per second,

The two sets of text:

* the project's own corpus (``corpus/docs``), one document per page: written to be dense in
  figures (about 1,200 characters and 15 figures a page, one figure per 71 characters), the
  worst case for the figure finding;
* the real articles of ``../shared/seeds`` when that folder exists (they are not in the
  repository), cut into 2,500-character pages: one figure per 656 characters, what a report
  archive's prose looks like. ``--seeds DIR`` points elsewhere; ``--seeds ''`` skips them.

and the peak RSS of recount's extract on a 50- and a 200-page PDF, each in a fresh process,
beside that process's RSS once recount is imported and has read a one-page PDF: the part
above that baseline is what the document costs, and it should not grow with the pages.

What "recount extract" includes: everything ``recount extract`` does to a file (ingest and
figure extraction). It does not include role labelling, checking or reporting. The generated
PDFs draw no ruling lines, so pdfplumber's table reading (run only on ruled pages) is not
exercised here; the output says how many tables were found.

Times are best-of-``--repeat`` wall clock, with the process CPU time of the same runs beside
them: on a machine shared with other work the CPU figure is the steadier one. Each round
reads PDFs of its own (the same pages, starting one text further on), so no run is helped by
work recount kept from reading the same text before.

Usage: python benchmarks/extract_bench.py [--pages 200] [--repeat 3] [--seeds DIR]
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


#: Characters of a seed article per page: about what fits on an A4 page at 9 pt.
SEED_PAGE_CHARS = 2500


def seed_pages(folder: Path) -> list[str]:
    """The seed articles in ``folder`` cut into pages of :data:`SEED_PAGE_CHARS` characters."""
    pages = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        pages.extend(text[i:i + SEED_PAGE_CHARS] for i in range(0, len(text), SEED_PAGE_CHARS))
    return pages


def make_pdf(path: Path, texts: list[str], pages: int, first: int = 0) -> None:
    """A ``pages``-page PDF: one text per page, cycling through ``texts`` from ``first`` on."""
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
        pdf.multi_cell(0, 4.2, texts[(first + i) % len(texts)][:3000])
    pdf.output(str(path))


def make_rounds(folder: Path, name: str, texts: list[str], pages: int, rounds: int) -> list[Path]:
    """One ``pages``-page PDF of ``texts`` a round, each starting one text further on."""
    paths = []
    for r in range(rounds):
        path = folder / f"{name}_{pages}p_{r}.pdf"
        make_pdf(path, texts, pages, first=r)
        paths.append(path)
    return paths


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
    """Best wall-clock and best process-CPU seconds of ``repeat`` runs of each function, each
    called with the round's number.

    The functions take turns within each round, so a burst of other work on a shared machine
    slows all of them rather than only the one that happened to be running.
    """
    walls: dict[str, list[float]] = {k: [] for k in fns}
    cpus: dict[str, list[float]] = {k: [] for k in fns}
    for round_number in range(repeat):
        for key, fn in fns.items():
            t0, c0 = time.perf_counter(), time.process_time()
            fn(round_number)
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


def time_pdf(paths: list[Path], repeat: int) -> dict:
    """Seconds (wall, CPU) of each way of reading the PDFs ``paths``, one a round, and what
    recount finds in the first.

    Each round reads a PDF no earlier round has read (the same pages in another order): recount
    shares work between its passes over one text, and a benchmark that read one file again
    and again would time that sharing across documents, which a real archive never repeats.
    """
    from recount.pipeline.extract import extract_document
    from recount.pipeline.ingest import read_document

    documents = [read_document(p) for p in paths]
    times = best_of({
        "pdfium": lambda r: bare_pdfium(paths[r]),
        "recount": lambda r: recount_extract(paths[r]),
        "read": lambda r: read_document(paths[r]),
        "figures": lambda r: extract_document(documents[r]),
    }, repeat)
    times["pdfplumber"] = best_of({"pdfplumber": lambda r: bare_pdfplumber(paths[0])}, 1)["pdfplumber"]
    times["tables"] = len(documents[0].tables)
    times["chars"] = len(documents[0].text)
    times["n_figures"] = len(extract_document(documents[0]))
    return times


def time_texts(texts: list[str], repeat: int) -> dict:
    """Seconds (wall, CPU) of recount's extract over ``texts`` as plain-text documents."""
    from recount.extractors.segment import document_language, split_sentences
    from recount.pipeline.extract import extract_document
    from recount.pipeline.ingest import document_from_string

    docs = [document_from_string(t, f"doc{i}") for i, t in enumerate(texts)]
    times = best_of({"text": lambda r: [extract_document(d) for d in docs]}, repeat)
    times["docs"] = len(docs)
    times["sentences"] = sum(len(split_sentences(d.text, document_language(d.text))) for d in docs)
    times["chars"] = sum(len(d.text) for d in docs)
    return times


def print_pdf(label: str, pages: int, repeat: int, t: dict) -> None:
    def rate(key: str) -> str:
        return f"{pages / t[key][0]:8.0f} {pages / t[key][1]:8.0f}"

    print(f"PDF, {pages} pages of {label}, {t['chars'] / pages:,.0f} characters and"
          f" {t['n_figures'] / pages:.1f} figures a page; best of {repeat}, one process;"
          f" {t['tables']} table(s) found:")
    print(f"  {'pages/s':<36} {'wall':>8} {'CPU':>8}")
    print(f"  bare pypdfium2 text                 {rate('pdfium')}")
    print(f"  bare pdfplumber extract_text        {rate('pdfplumber')}  (one run)")
    print(f"  recount extract (read + figures)    {rate('recount')}")
    print(f"    of which: read the PDF (ingest)   {rate('read')}")
    print(f"    of which: figures in its text     {rate('figures')}")
    for name, k in (("wall", 0), ("CPU", 1)):
        print(f"  recount / pypdfium2 ({name:4})        {t['pdfium'][k] / t['recount'][k]:8.2f}  (aim >= 0.50)")
    for name, k in (("wall", 0), ("CPU", 1)):
        print(f"  recount / pdfplumber ({name:4})       {t['pdfplumber'][k] / t['recount'][k]:8.1f}x (aim >= 10)")


def print_text(label: str, t: dict) -> None:
    def rate(n: float) -> str:
        return f"{n / t['text'][0]:8.0f} {n / t['text'][1]:8.0f}"

    print(f"Text, {label}: {t['docs']} documents, {t['sentences']} sentences,"
          f" {t['chars'] / 1e6:.1f} M characters:")
    print(f"  {'':<36} {'wall':>8} {'CPU':>8}")
    print(f"  recount extract, sentences/s        {rate(t['sentences'])}  (aim >= 5,000)")
    print(f"  recount extract, kB/s               {rate(t['chars'] / 1e3)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=200, help="pages of the large PDF (default 200)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement, best kept (default 3)")
    ap.add_argument("--seeds", default=str(REPO.parent / "shared" / "seeds"),
                    help="folder of real articles for the second page set ('' to skip;"
                         " default ../shared/seeds, skipped when absent)")
    args = ap.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    texts = corpus_texts()
    seeds = seed_pages(Path(args.seeds)) if args.seeds and Path(args.seeds).is_dir() else []
    with tempfile.TemporaryDirectory() as tmp:
        corpus_pdfs = make_rounds(Path(tmp), "report", texts, args.pages, args.repeat)
        big = corpus_pdfs[0]
        small = Path(tmp) / "report_50p.pdf"
        one = Path(tmp) / "report_1p.pdf"
        make_pdf(small, texts, 50)
        make_pdf(one, texts, 1)
        recount_extract(small)  # warm imports and compiled patterns
        corpus_pdf = time_pdf(corpus_pdfs, args.repeat)
        corpus_text = time_texts(texts * 20, args.repeat)
        if seeds:
            seed_pdf = time_pdf(make_rounds(Path(tmp), "seeds", seeds, args.pages, args.repeat), args.repeat)
            seed_text = time_texts(seeds * 20, args.repeat)
        rss_small = peak_rss_mb(small, one)
        rss_big = peak_rss_mb(big, one)

    pages = args.pages
    print("(recount extract = reading the file + finding the figures; no role labelling, checks or report)")
    print_pdf("corpus reports (dense in figures)", pages, args.repeat, corpus_pdf)
    if seeds:
        print_pdf(f"real articles from {args.seeds}", pages, args.repeat, seed_pdf)
    print_text("the corpus reports x 20", corpus_text)
    if seeds:
        print_text(f"real articles from {args.seeds}, pages x 20", seed_text)
    print("Peak RSS of a fresh process running extract (baseline: recount imported, one page read):")
    for n, (base, peak) in ((50, rss_small), (pages, rss_big)):
        print(f"  {n:3d} pages  peak {peak:7.1f} MB  baseline {base:7.1f} MB  document {peak - base:6.1f} MB"
              f"  ({(peak - base) * 1024 / n:5.1f} kB/page)")
    grow = (rss_big[1] - rss_big[0]) - (rss_small[1] - rss_small[0])
    print(f"  growth from 50 to {pages} pages: {grow:+.1f} MB (aim: flat; the text and the figures"
          f" returned are kept, pages are closed as they are read)")


if __name__ == "__main__":
    main()
