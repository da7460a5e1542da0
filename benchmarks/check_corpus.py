"""Score the checker's verdicts on the hand-written gold corpus, per language, and list what it got wrong.

    python benchmarks/check_corpus.py [--corpus corpus] [--pdf] [--all]

Runs ``process_path`` over ``corpus/docs/*.txt`` (or ``corpus/pdf/*.pdf`` with ``--pdf``, scored
against the same gold claims, matched by stated value where the offsets differ), scores the checks
with ``recount.corpus.score.score_claims`` and prints, per language: verdict accuracy, recall and
precision of ``inconsistent``, and false alarms (gold consistent, system inconsistent). Then every
false alarm, every missed inconsistency and every ``inconsistent`` check that matches no gold
claim, each with its sentence; ``--all`` lists the other wrong verdicts too.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

from recount.corpus.load import load_corpus
from recount.corpus.score import _pick_check, doc_key, score_claims
from recount.pipeline.process import process_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="corpus", help="folder holding docs/, gold/ (and pdf/)")
    parser.add_argument("--pdf", action="store_true", help="check the PDF renderings instead of the texts")
    parser.add_argument("--all", action="store_true", help="list every wrong verdict, not only the inconsistency errors")
    args = parser.parse_args(argv)
    root = Path(args.corpus)
    golds = load_corpus(root)
    paths = sorted((root / "pdf").glob("*.pdf")) if args.pdf else sorted((root / "docs").glob("*.txt"))
    if args.pdf:
        names = {p.stem for p in paths}
        golds = [g for g in golds if g.name in names]
    started = time.perf_counter()
    checks = [c for p in paths for c in process_path(p).checks]
    elapsed = time.perf_counter() - started
    for lang in ("vi", "en", "fr", None):
        s = score_claims([g for g in golds if lang is None or g.language == lang], checks)
        print(f"{lang or 'all':>3}: verdict accuracy {s.accuracy:.3f} ({s.correct}/{s.matched} matched of {s.gold}), "
              f"inconsistency recall {s.inconsistency_recall:.3f} ({s.inconsistent_found}/{s.inconsistent_gold}), "
              f"precision {s.inconsistency_precision:.3f} ({s.system_inconsistent} flagged), false alarms {s.false_alarms}")
    print(f"{len(paths)} documents processed in {elapsed:.1f} s")
    by_doc = defaultdict(list)
    for c in checks:
        by_doc[doc_key(c.doc)].append(c)
    for gold in golds:
        cands = by_doc.get(gold.name, [])
        used = [False] * len(cands)
        for claim in gold.claims:
            best = _pick_check(claim, cands, used)
            verdict = None
            if best is not None:
                used[best] = True
                verdict = cands[best].verdict
            if verdict == claim.verdict:
                continue
            if claim.verdict == "consistent" and verdict == "inconsistent":
                label = "FALSE ALARM"
            elif claim.verdict == "inconsistent":
                label = "MISSED"
            elif args.all:
                label = "WRONG"
            else:
                continue
            print(f"\n[{label}] {gold.name} {claim.text!r}: gold {claim.verdict} [{claim.rule}] {claim.formula}; "
                  f"system {verdict or 'no check'}")
            if best is not None:
                print(f"    {cands[best].formula or '-'} | {cands[best].reason}")
            print(f"    {' '.join(gold.text[max(0, claim.start - 160):claim.end + 80].split())}")
        for i, c in enumerate(cands):
            if not used[i] and c.verdict == "inconsistent":
                print(f"\n[FLAG ON NO CLAIM] {gold.name} {c.text!r} {c.rule}: {c.formula} | {c.reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
