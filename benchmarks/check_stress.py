"""Stress the cross-checker with generated reports carrying injected errors.

    python benchmarks/check_stress.py [--reports 600] [--seed 0] [--error-rate 0.5] [--mode cues|roles|extract]

Modes: ``cues`` gives the checker the gold figures with their roles removed, so operands must be
found from cue words (the default); ``roles`` keeps the gold roles; ``extract`` runs the real
extractor on the generated text. Prints the recall of injected errors (goal ≥ 0.99), the number
of flags raised on untouched claims (goal 0) and the share of untouched claims confirmed consistent.
"""
from __future__ import annotations

import argparse
import collections
import dataclasses
import sys
import time

from recount.corpus.synth import SynthReport, generate_reports
from recount.pipeline.check import check_document
from recount.pipeline.records import Document


def checks_for(report: SynthReport, mode: str):
    document = Document(doc=report.name, text=report.text)
    if mode == "extract":
        from recount.pipeline.extract import extract_document

        figures = extract_document(document)
    elif mode == "roles":
        figures = list(report.figures)
    else:
        figures = [dataclasses.replace(f, role=None) for f in report.figures]
    checks, _ = check_document(document, figures)
    return checks


def _matches(check, claim) -> bool:
    if check.start != claim.start or check.rule != claim.rule:
        return False
    return claim.identity is None or check.identity == claim.identity


def score(reports: list[SynthReport], mode: str = "cues") -> dict:
    """Recall of injected errors, flags on untouched claims, per error type and per rule."""
    injected = detected = 0
    untouched = confirmed = flags = 0
    by_type: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    missed_rules: collections.Counter = collections.Counter()
    flagged: list[tuple[str, str, str, str]] = []
    for report in reports:
        checks = checks_for(report, mode)
        touched = report.affected_keys()
        for claim in report.claims:
            found = [c for c in checks if _matches(c, claim)]
            verdicts = {c.verdict for c in found}
            if claim.error:
                injected += 1
                by_type[claim.error][1] += 1
                if "inconsistent" in verdicts:
                    detected += 1
                    by_type[claim.error][0] += 1
                else:
                    flagged.append(("missed", report.name, claim.text, claim.error))
            elif claim.key not in touched and not (set(claim.operands) & touched):
                untouched += 1
                if verdicts & {"inconsistent", "ambiguous"}:
                    flags += 1
                    flagged.append(("flag", report.name, claim.text, claim.rule))
                elif verdicts == {"consistent"}:
                    confirmed += 1
                else:
                    missed_rules[claim.rule] += 1
    return {
        "reports": len(reports), "claims": sum(len(r.claims) for r in reports),
        "injected": injected, "detected": detected, "recall": detected / injected if injected else 1.0,
        "untouched": untouched, "flags": flags, "confirmed": confirmed,
        "confirmed_share": confirmed / untouched if untouched else 1.0,
        "by_type": {k: tuple(v) for k, v in sorted(by_type.items())}, "not_confirmed_by_rule": dict(missed_rules),
        "examples": flagged[:10],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=600)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--error-rate", type=float, default=0.5)
    parser.add_argument("--mode", choices=("cues", "roles", "extract"), default="cues")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    reports = generate_reports(args.reports, seed=args.seed, error_rate=args.error_rate)
    result = score(reports, args.mode)
    elapsed = time.perf_counter() - began
    print(f"mode={args.mode} reports={result['reports']} claims={result['claims']} seed={args.seed} "
          f"error_rate={args.error_rate} ({elapsed:.1f} s)")
    print(f"injected errors detected: {result['detected']}/{result['injected']} recall={result['recall']:.4f} (goal >= 0.99)")
    print(f"flags on untouched claims: {result['flags']} of {result['untouched']} (goal 0)")
    print(f"untouched claims confirmed consistent: {result['confirmed']}/{result['untouched']} "
          f"({result['confirmed_share']:.4f}); not confirmed by rule: {result['not_confirmed_by_rule']}")
    for kind, (hit, total) in result["by_type"].items():
        print(f"  {kind:<18} {hit}/{total}")
    for example in result["examples"]:
        print("  ", *example)
    return 0 if result["recall"] >= 0.99 and result["flags"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
