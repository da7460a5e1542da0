"""How many of ``recount series``'s cross-document conflicts are true, per the gold corpus.

The true conflicts come from the gold figures themselves (corpus/gold: role, period,
jurisdiction, value, step and hedge of every figure, written by hand): they are put in series
keys (jurisdiction, period, metric = role, basis, unit) exactly as :mod:`recount.pipeline.series`
does, split into facts by interval overlap, and a key is in conflict when two facts cannot be
the same number and each is stated by a document that does not state the other (the October
release's 83.86% against the December report's 83.88%; a PDF and its text are one document).

A conflict recount reports is *true* when the gold has a conflict on the same key (spellings
normalised as in ``context_accuracy.py``; percent and percentage point are one unit, since the
gold writes "0.61%" gaps in percent) whose facts hold the earlier and the later value apart.

The basis (cases or money) of a gold percentage is its label's ("mrate", "mtgt", "mgap" are
money; see ``is_money_label``); a gold percentage without a label takes the basis recount gave the same span.

Usage: python benchmarks/conflict_precision.py RUN_DIR [--conflicts c.csv] [--list]
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from context_accuracy import norm_period, norm_place  # noqa: E402

#: The gold labels a money percentage with an "m": "mrate", "mtgt", "mpre", "m24"; "ml" is
#: Mường Lát's case rate.
def is_money_label(label: str | None) -> bool:
    return bool(label) and label.startswith("m") and label != "ml"


def doc_stem(name: str) -> str:
    """"docs/en_002_national_2024.txt", "/x/pdf/en_002_national_2024.pdf" -> "en_002_national_2024"."""
    return Path(str(name)).name.rsplit(".", 1)[0]


def norm_unit(unit: str) -> str:
    return "pct" if unit in ("percent", "percentage_point") else str(unit)


def gold_points(our_points: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per gold figure that a series could hold (a role other than ``other``)."""
    from recount.pipeline.series import parse_period, value_interval

    ours_basis = {}
    if our_points is not None:
        for row in our_points.itertuples():
            ours_basis[(doc_stem(row.doc), row.start)] = row.basis
    rows = []
    for path in sorted((REPO / "corpus" / "gold").glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        stem = doc_stem(gold["doc"])
        for q in gold["quantities"]:
            if q["role"] in (None, "other"):
                continue
            if q["kind"] == "count":
                basis = "cases"
            elif q["kind"] == "money":
                basis = "money"
            elif is_money_label(q.get("label")):
                basis = "money"
            elif q.get("label"):
                basis = "cases"
            else:
                basis = ours_basis.get((stem, q["start"]), "") or ""
            low, high = value_interval({"value": q["value"], "step": q.get("step") or 0,
                                        "qualifier": q.get("qualifier") or "exact"})
            period = q["period"].replace("-", "/") if "m" in str(q["period"]) else q["period"]
            rows.append({
                "key": (norm_place(q["jurisdiction"]), norm_period(q["period"]), q["role"], basis,
                        norm_unit(q["unit"])),
                "series_period": parse_period(period) is not None,
                "value": float(q["value"]), "low": low, "high": high, "doc": stem, "text": q["text"],
            })
    return pd.DataFrame(rows)


def _facts(points: list[dict]) -> list[list[dict]]:
    facts, current, low, high = [], [], -math.inf, math.inf
    for p in sorted(points, key=lambda p: (p["low"], p["high"])):
        if current and (p["low"] > high or p["high"] < low):
            facts.append(current)
            current, low, high = [], -math.inf, math.inf
        current.append(p)
        low, high = max(low, p["low"]), min(high, p["high"])
    if current:
        facts.append(current)
    return facts


def cross_document(a: list[dict], b: list[dict]) -> bool:
    """Some document states ``a`` without ``b`` and some states ``b`` without ``a``."""
    docs_a, docs_b = {p["doc"] for p in a}, {p["doc"] for p in b}
    return bool(docs_a - docs_b) and bool(docs_b - docs_a)


def gold_conflicts(points: pd.DataFrame) -> dict:
    """key -> facts, for every key whose facts conflict across documents."""
    by_key = defaultdict(list)
    for p in points[points["series_period"]].to_dict("records"):
        by_key[p["key"]].append(p)
    out = {}
    for key, group in by_key.items():
        facts = _facts(group)
        if any(cross_document(a, b) for i, a in enumerate(facts) for b in facts[i + 1:]):
            out[key] = facts
    return out


def _fact_of(facts: list[list[dict]], value: float) -> int | None:
    for i, fact in enumerate(facts):
        low = max(p["low"] for p in fact)
        high = min(p["high"] for p in fact)
        tol = 1e-9 * max(1.0, abs(value))
        if low - tol <= value <= high + tol or any(abs(p["value"] - value) <= tol for p in fact):
            return i
    return None


def judge(conflicts: pd.DataFrame, truth: dict) -> list[bool]:
    """For each reported conflict: is it a true one?"""
    verdicts = []
    for row in conflicts.to_dict("records"):
        key = (norm_place(row["jurisdiction"]), norm_period(row["period"]), row["metric"],
               row["basis"] if isinstance(row["basis"], str) else "", norm_unit(row["unit"]))
        facts = truth.get(key)
        if not facts:
            verdicts.append(False)
            continue
        a, b = _fact_of(facts, row["earlier_value"]), _fact_of(facts, row["later_value"])
        verdicts.append(a is not None and b is not None and a != b)
    return verdicts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run_dir", help="a folder written by `recount run` on the corpus")
    parser.add_argument("--conflicts", help="a conflicts CSV (default: computed from RUN_DIR)")
    parser.add_argument("--list", action="store_true", help="list every conflict with its verdict")
    args = parser.parse_args(argv)
    from recount.pipeline.series import find_conflicts, load_points

    points, _ = load_points(args.run_dir)
    conflicts = pd.read_csv(args.conflicts) if args.conflicts else find_conflicts(args.run_dir, points=points)
    truth = gold_conflicts(gold_points(points))
    verdicts = judge(conflicts, truth)
    n_true = sum(verdicts)
    found = {(norm_place(r["jurisdiction"]), norm_period(r["period"]), r["metric"])
             for r, v in zip(conflicts.to_dict("records"), verdicts) if v}
    print(f"reported conflicts: {len(conflicts)}, true per the gold: {n_true}"
          f" (precision {n_true / len(conflicts):.2f})" if len(conflicts) else "reported conflicts: 0")
    print(f"gold conflict keys: {len(truth)}, found: {len({k[:3] for k in truth} & found)}")
    for key, facts in sorted(truth.items()):
        values = " vs ".join(f"{f[0]['value']:g} ({', '.join(sorted({p['doc'] for p in f}))})" for f in facts)
        print(f"  gold: {key}: {values}")
    if args.list:
        for row, ok in zip(conflicts.to_dict("records"), verdicts):
            print(f"  {'TRUE ' if ok else 'false'} {row['jurisdiction']} {row['period']} {row['metric']} "
                  f"{row['basis']} {row['earlier_value']:g} -> {row['later_value']:g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
