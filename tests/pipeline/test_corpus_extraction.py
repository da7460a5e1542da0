"""Extraction against the project's hand-written gold corpus (corpus/gold, every language).

Invariants (pdfplumber-style): every figure's text sits at its offsets in every document;
and accuracy floors per language, strict matching (same kind, same start, equal value), so a
regression in any language shows here.
"""
import json
from collections import defaultdict
from pathlib import Path

import pytest

from recount.pipeline.extract import extract

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
GOLD = sorted((CORPUS / "gold").glob("*.gold.json"))


def _gold(path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def extracted():
    if not GOLD:
        pytest.skip("corpus/gold is empty")
    return {p.name: (_gold(p), extract(CORPUS / "docs" / _gold(p)["doc"])) for p in GOLD}


def test_corpus_offsets_invariant(extracted):
    for gold, figures in extracted.values():
        text = (CORPUS / "docs" / gold["doc"]).read_text(encoding="utf-8")
        for f in figures:
            assert text[f.start:f.end] == f.text, (gold["doc"], f)


def _strict_scores(extracted):
    counts = defaultdict(lambda: [0, 0, 0])  # lang -> tp, fp, fn
    for gold, figures in extracted.values():
        lang = gold["language"]
        want = {(q["start"], q["kind"]): q["value"] for q in gold["quantities"]}
        ignore = {q["start"] for q in gold.get("other_spans", [])}
        got = {(f.start, f.kind): f.value for f in figures if f.kind != "directive"}
        tp = sum(1 for k, v in got.items() if k in want and abs(v - want[k]) <= 1e-6 * max(1, abs(v)))
        counts[lang][0] += tp
        counts[lang][1] += sum(1 for k in got if k not in want and k[0] not in ignore)
        counts[lang][2] += len(want) - tp
    return counts


def test_corpus_strict_f1_per_language(extracted):
    scores = _strict_scores(extracted)
    assert set(scores) == {"vi", "en", "fr"}
    for lang, (tp, fp, fn) in scores.items():
        p = tp / (tp + fp) if tp + fp else 0
        r = tp / (tp + fn) if tp + fn else 0
        f1 = 2 * p * r / (p + r) if p + r else 0
        assert f1 >= 0.93, (lang, p, r, f1)


def test_corpus_directives(extracted):
    tp = fn = 0
    for gold, figures in extracted.values():
        got = {f.id.upper().replace(" ", "") for f in figures if f.kind == "directive"}
        for d in gold["directives"]:
            if d["number"].upper().replace(" ", "") in got:
                tp += 1
            else:
                fn += 1
    assert tp / (tp + fn) >= 0.95
