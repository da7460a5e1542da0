"""How the time to process one report grows with its length: extraction, roles and checks.

A THADS annual report with its annexes runs to hundreds of pages, and ``recount run`` gives
each file a time budget (60 s by default). Work that grows with the square of the length
passes on a 20-page report and times out on a 400-page one, so this script times one report
of growing length, in one process:

* the report is the project's corpus texts (``corpus/docs``) one after another, one text a
  page (1,200 characters and 15 figures a page, the densest text recount meets), repeated
  until it has the pages asked for;
* each length is processed once by :func:`recount.pipeline.process.process_document`
  (extraction, role labelling and checks, as ``recount run`` does), after a warm-up on one
  page, and the three stages are timed apart;
* the last column is the time per page: flat when the work grows with the length.

The report repeats the corpus texts, so what recount keeps by text (the role cues of each
distinct clause) is reused more than a real report of that length would allow: read the
growth down the column, not the level.

Usage: python benchmarks/check_scaling.py [--pages 100 200 400 800]
"""
from __future__ import annotations

import argparse
import glob
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def report_of(pages: int, texts: list[str]) -> str:
    """A report of ``pages`` corpus texts, one a page, separated by blank lines."""
    return "\n\n".join(texts[i % len(texts)] for i in range(pages))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[100, 200, 400, 800],
                        help="report lengths to time, in pages")
    args = parser.parse_args()

    from recount.pipeline.ingest import document_from_string
    from recount.pipeline.process import process_document

    paths = sorted(glob.glob(str(REPO / "corpus" / "docs" / "*.txt")))
    if not paths:
        sys.exit("no corpus texts under corpus/docs")
    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    process_document(document_from_string(texts[0], "warm-up"))  # loads spaCy and the role model

    print(f"one report of corpus texts, one a page; {len(texts)} texts repeated as needed")
    print(f"{'pages':>6} {'figures':>8} {'checks':>7} {'extract s':>10} {'roles s':>8} {'checks s':>9}"
          f" {'total s':>8} {'ms/page':>8}")
    for pages in args.pages:
        document = document_from_string(report_of(pages, texts), f"report_{pages}p")
        started = time.perf_counter()
        result = process_document(document)
        total = time.perf_counter() - started
        t = result.timings
        print(f"{pages:>6} {len(result.figures):>8,} {len(result.checks):>7,} {t['extract_s']:>10.2f}"
              f" {t['roles_s']:>8.2f} {t['check_s']:>9.2f} {total:>8.2f} {1000 * total / pages:>8.1f}",
              flush=True)


if __name__ == "__main__":
    main()
