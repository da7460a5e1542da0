"""How often recount attaches the gold period and jurisdiction to a figure, per language.

Every gold quantity of corpus/gold whose exact offsets (start, end) recount also extracts is
compared on its period and its jurisdiction, after putting both sides in one spelling:

* periods: recount writes "2024/9m", the gold "2024-9m"; a multi-year span is "2016-2020" on
  both sides; a figure with no period compares as "";
* jurisdictions: recount writes "national", "province:Hà Nội", "district:Như Xuân"; the gold
  writes "national", "Hà Nội", "Như Xuân, Thanh Hóa" (a district with its province),
  "TP. Hồ Chí Minh". Both are reduced to the most specific place name, without the "TP."
  prefix or a trailing "(3 chi cục)", compared case- and accent-insensitively (an English
  report spells the district "Nhu Xuan").

Figures come from :func:`recount.pipeline.process.process_path` on corpus/docs/*.txt (roles
and checks off: they do not change periods or places).

Usage: python benchmarks/context_accuracy.py [--errors 15] [--json]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"


def norm_period(value) -> str:
    """"2024/9m" and "2024-9m" -> "2024-9m"; None -> ""."""
    if not value:
        return ""
    return str(value).replace("/", "-")


def norm_place(value) -> str:
    """The most specific place named, folded: "district:Như Xuân" and "Như Xuân, Thanh Hóa"
    -> "nhu xuan"; "province:Hồ Chí Minh" and "TP. Hồ Chí Minh" -> "ho chi minh"."""
    from recount.extractors.directives import ascii_fold

    if not value:
        return ""
    text = str(value)
    text = re.sub(r"^(?:province|district):", "", text)
    text = text.split(",")[0]
    text = re.sub(r"\s*\(.*\)$", "", text)
    text = re.sub(r"^(?:TP\.?|Thành phố)\s*", "", text)
    return ascii_fold(text).lower().strip()


def gold_files() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((CORPUS / "gold").glob("*.gold.json"))]


def measure(golds: list[dict] | None = None, extract=None) -> dict:
    """Per language: matched figures, period and jurisdiction hits, and the error pairs.

    Args:
        golds: parsed gold files (default: all of corpus/gold).
        extract: ``path -> figures`` (default: ``process_path`` without roles or checks).
    RETURNS (dict): ``{lang: {"n", "period", "jurisdiction", "period_errors", "place_errors"}}``
        where the error lists hold (gold, ours, doc) triples.
    """
    if golds is None:
        golds = gold_files()
    if extract is None:
        from recount.pipeline.process import process_path

        def extract(path):
            return process_path(path, check=False, roles=False).figures
    out: dict = defaultdict(lambda: {"n": 0, "period": 0, "jurisdiction": 0,
                                     "period_errors": [], "place_errors": []})
    for gold in golds:
        figures = {(f.start, f.end): f for f in extract(CORPUS / "docs" / gold["doc"]) if f.kind != "directive"}
        stats = out[gold["language"]]
        for q in gold["quantities"]:
            f = figures.get((q["start"], q["end"]))
            if f is None:
                continue
            stats["n"] += 1
            want, got = norm_period(q["period"]), norm_period(f.period)
            if want == got:
                stats["period"] += 1
            else:
                stats["period_errors"].append((want, got, gold["doc"], q["text"]))
            if norm_place(q["jurisdiction"]) == norm_place(f.jurisdiction):
                stats["jurisdiction"] += 1
            else:
                stats["place_errors"].append((q["jurisdiction"], f.jurisdiction or "", gold["doc"], q["text"]))
    return dict(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", type=int, default=15, help="how many frequent errors to list")
    parser.add_argument("--json", action="store_true", help="print the accuracies as JSON")
    parser.add_argument("--doc", help="only gold files whose document name contains this")
    args = parser.parse_args(argv)
    golds = [g for g in gold_files() if not args.doc or args.doc in g["doc"]]
    result = measure(golds)
    summary = {lang: {"n": s["n"], "period": round(s["period"] / s["n"], 3),
                      "jurisdiction": round(s["jurisdiction"] / s["n"], 3)}
               for lang, s in sorted(result.items()) if s["n"]}
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
        return 0
    for lang, s in summary.items():
        print(f"{lang}: {s['n']} figures, period {s['period']:.3f}, jurisdiction {s['jurisdiction']:.3f}")
    for what in ("period_errors", "place_errors"):
        errors = Counter()
        docs = defaultdict(Counter)
        for s in result.values():
            for want, got, doc, _ in s[what]:
                errors[(want, got)] += 1
                docs[(want, got)][doc] += 1
        print(f"\n{what} (gold -> ours: count, documents)")
        for (want, got), n in errors.most_common(args.errors):
            where = ", ".join(f"{d.removesuffix('.txt')}×{k}" for d, k in docs[(want, got)].most_common(3))
            print(f"  {want!r} -> {got!r}: {n}  ({where})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
