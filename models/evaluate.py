"""How well recount does on the hand-written gold corpus: extraction, roles, claim verdicts.

``evaluate(corpus_dir, fmt)`` is the library call behind ``recount evaluate``:

- extraction: precision, recall and F1 per kind and language. An extracted figure matches a
  gold one when the kind is the same, the spans overlap and the value is within 0.5%
  (directives: same kind, overlapping spans); each gold figure matches at most once;
- roles: accuracy and macro-F1 under document-level cross-validation
  (:func:`recount.models.train.cross_validate`), for the model and for the rule labeller;
- claims: the share of gold claims whose verdict the checker reproduces, matched by the span
  of the stated figure (and the identity, when a figure carries several claims). A gold claim
  the checker never makes counts as wrong.

Generated (synthetic) reports are never evaluated on; they only join the training folds.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from recount.models.data import GoldDocument, label_document, read_corpus, same_figure, synthetic_documents
from recount.models.train import N_SYNTHETIC, cross_validate
from recount.pipeline.extract import extract_document
from recount.pipeline.ingest import document_from_string

KIND_ORDER = ("count", "money", "percent", "directive")


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def extraction_counts(document: GoldDocument, figures) -> dict[str, list[int]]:
    """``{kind: [tp, fp, fn]}`` for one document."""
    gold = [dict(q) for q in document.gold.get("quantities", ())]
    gold += [{"kind": "directive", "start": d["start"], "end": d["end"], "value": None}
             for d in document.gold.get("directives", ())]
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    used = [False] * len(gold)
    for figure in figures:
        match = next((i for i, q in enumerate(gold) if not used[i] and same_figure(figure, q)), None)
        if match is None:
            counts[figure.kind][1] += 1
        else:
            used[match] = True
            counts[figure.kind][0] += 1
    for q, was_used in zip(gold, used):
        if not was_used:
            counts[q["kind"]][2] += 1
    return counts


def claim_results(document: GoldDocument, checks) -> list[bool]:
    """For each gold claim, whether a check on its stated figure has the gold verdict."""
    out = []
    for claim in document.gold.get("claims", ()):
        on_span = [c for c in checks if c.start is not None and c.start < claim["end"] and claim["start"] < c.end]
        same_rule = [c for c in on_span if c.identity == claim.get("rule")]
        chosen = (same_rule or on_span or [None])[0]
        out.append(chosen is not None and chosen.verdict == claim["verdict"])
    return out


def _checker():
    try:
        from recount.pipeline.check import check_document
    except ImportError:
        return None
    return check_document


def evaluate(corpus_dir: str | Path | None = None, fmt: str = "json") -> dict | str:
    """Score recount on the hand-written corpus.

    Args:
        corpus_dir: a corpus folder with ``docs/`` and ``gold/`` (default: the shipped corpus).
        fmt: ``json`` for the dict, ``table`` for a text table.

    RETURNS (dict | str): ``{"documents", "extraction": {lang: {kind: prf}}, "roles": cv scores,
    "claims": {lang: {"n", "correct", "accuracy"}}}``, or the table.
    """
    from recount.models.classifier import label_roles

    documents = read_corpus(corpus_dir)
    check_document = _checker()
    extraction: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    claims: dict[str, list[bool]] = defaultdict(list)
    labelled = []
    for d in documents:
        document = document_from_string(d.text, d.name)
        figures = extract_document(document)
        for lang in (d.lang, "all"):
            for kind, (tp, fp, fn) in extraction_counts(d, figures).items():
                row = extraction[lang][kind]
                row[0] += tp
                row[1] += fp
                row[2] += fn
        labelled.append(label_document(d, figures))
        if check_document is not None:
            checks, _ = check_document(document, label_roles(figures, d.text))
            results = claim_results(d, checks)
            claims[d.lang] += results
            claims["all"] += results
    result = {
        "documents": {lang: sum(1 for d in documents if d.lang == lang) for lang in sorted({d.lang for d in documents})},
        "extraction": {lang: {kind: _prf(*extraction[lang][kind]) for kind in KIND_ORDER if kind in extraction[lang]}
                       for lang in sorted(extraction)},
        "roles": cross_validate(labelled, synthetic_documents(N_SYNTHETIC)),
        "claims": {lang: {"n": len(r), "correct": sum(r), "accuracy": round(sum(r) / len(r), 4) if r else None}
                   for lang, r in sorted(claims.items())},
    }
    if fmt == "json":
        return result
    if fmt == "table":
        return format_table(result)
    raise ValueError(f"unknown format {fmt!r}: use json or table")


def format_table(result: dict) -> str:
    """The evaluation as aligned text tables."""
    lines = ["documents: " + ", ".join(f"{lang} {n}" for lang, n in result["documents"].items()), "",
             "extraction          lang  kind        P       R       F1      tp    fp    fn"]
    for lang, kinds in result["extraction"].items():
        for kind, s in kinds.items():
            lines.append(f"{'':20}{lang:6}{kind:10}{s['precision']:8.4f}{s['recall']:8.4f}{s['f1']:8.4f}"
                         f"{s['tp']:6d}{s['fp']:6d}{s['fn']:6d}")
    roles = result["roles"]
    lines += ["", f"roles ({roles['folds']}-fold CV by document)  lang  n      accuracy  macro-F1"]
    for labeller in ("model", "rules"):
        for lang, s in roles[labeller].items():
            lines.append(f"{labeller:36}{lang:6}{s['n']:<7d}{s['accuracy']:<10.4f}{s['macro_f1']:.4f}")
    lines += ["", "claim verdicts                      lang  n      correct  accuracy"]
    if not result["claims"]:
        lines.append("  (no checker installed)")
    for lang, s in result["claims"].items():
        accuracy = f"{s['accuracy']:.4f}" if s["accuracy"] is not None else "-"
        lines.append(f"{'':36}{lang:6}{s['n']:<7d}{s['correct']:<9d}{accuracy}")
    return "\n".join(lines) + "\n"


def to_json(result: dict) -> str:
    return json.dumps(result, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
