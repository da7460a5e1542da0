"""The committed corpus: built from the annotations, offsets exact, arithmetic as recorded."""
import ast
import json
import operator
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from recount.corpus.build import build
from recount.corpus.load import load_corpus

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SHARED_SCORER = CORPUS.parent.parent / "shared" / "domain" / "score.py"
DOCS = load_corpus(CORPUS)
IDS = [d.name for d in DOCS]


@pytest.fixture(scope="module")
def built():
    return build(CORPUS)


def test_build_reproduces_committed_docs_and_gold(built):
    assert sorted(built) == sorted(p.stem for p in (CORPUS / "docs").glob("*.txt"))
    for name, (text, gold) in built.items():
        assert (CORPUS / "docs" / f"{name}.txt").read_text(encoding="utf-8") == text, name
        assert (CORPUS / "gold" / f"{name}.gold.json").read_text(encoding="utf-8") == gold, name


def test_corpus_size_and_language_mix():
    languages = Counter(d.language for d in DOCS)
    assert len(DOCS) >= 60
    assert languages["vi"] >= 25 and languages["en"] >= 20 and languages["fr"] >= 15
    assert "en_001_national_2023" in IDS


@pytest.mark.parametrize("doc", DOCS, ids=IDS)
def test_gold_spans_sit_at_their_offsets(doc):
    assert unicodedata.is_normalized("NFC", doc.text)
    assert doc.name.startswith(doc.language + "_")
    for span in (*doc.figures, *doc.directives, *doc.claims):
        assert doc.text[span.start:span.end] == span.text
    starts = [f.start for f in doc.figures]
    assert starts == sorted(starts)


@pytest.mark.parametrize("doc", DOCS, ids=IDS)
def test_every_digit_is_accounted_for(doc):
    covered = set()
    for span in (*doc.figures, *doc.directives):
        covered.update(range(span.start, span.end))
    gold = json.loads((CORPUS / "gold" / f"{doc.name}.gold.json").read_text(encoding="utf-8"))
    others = iter(gold["other_numbers"])
    position = 0
    for text in others:  # other numbers are listed in text order
        found = doc.text.find(text, position)
        assert found >= 0, text
        while any(i in covered for i in range(found, found + len(text))):
            found = doc.text.find(text, found + 1)
            assert found >= 0, text
        covered.update(range(found, found + len(text)))
        position = found + len(text)
    list_markers = {i for m in re.finditer(r"(?m)^\d{1,2}[.)] ", doc.text) for i in range(m.start(), m.end())}
    loose = [i for i, ch in enumerate(doc.text) if ch.isdigit() and i not in covered | list_markers]
    assert loose == []


_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def _evaluate(node):
    if isinstance(node, ast.Expression):
        return _evaluate(node.body)
    if isinstance(node, ast.Constant):
        return float(node.value)
    if isinstance(node, ast.BinOp):
        return _OPS[type(node.op)](_evaluate(node.left), _evaluate(node.right))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_evaluate(node.operand)
    raise ValueError(ast.dump(node))


@pytest.mark.parametrize("doc", DOCS, ids=IDS)
def test_claim_arithmetic_agrees_with_verdict(doc):
    """Recompute each gold formula independently of the builder and apply checking.md's rule:
    consistent iff the stated number's interval [x - u/2, x + u) (a point for an exact integer)
    meets the recomputed interval."""
    steps = {(f.start, f.end): (f.step, f.qualifier, f.kind) for f in doc.figures}
    for claim in doc.claims:
        if claim.verdict == "unverifiable":
            assert claim.formula is None and claim.recomputed is None
            continue
        value = _evaluate(ast.parse(claim.formula, mode="eval"))
        assert value == pytest.approx(claim.recomputed, abs=6e-5)
        low, high = claim.recomputed_range
        assert low - 1e-4 <= claim.recomputed <= high + 1e-4
        step, qualifier, kind = steps[(claim.start, claim.end)]
        if kind != "percent" and step == 1 and qualifier == "exact":
            holds = low <= claim.stated <= high
        else:
            s_low, s_high = {"over": (claim.stated, claim.stated + step),
                             "under": (claim.stated - step, claim.stated),
                             "about": (claim.stated - step, claim.stated + step)}.get(
                qualifier, (claim.stated - step / 2, claim.stated + step))
            holds = low <= s_high + 1e-4 and high >= s_low - 1e-4
        assert ("consistent" if holds else "inconsistent") == claim.verdict, (claim.text, claim.note)


def test_claims_include_inconsistencies_and_unverifiable_ones():
    verdicts = Counter(c.verdict for d in DOCS for c in d.claims)
    total = sum(verdicts.values())
    assert 0.08 <= verdicts["inconsistent"] / total <= 0.2  # "about one claim in eight"
    assert verdicts["unverifiable"] >= 40
    assert {c.rule for d in DOCS for c in d.claims} >= {"I1", "I2", "I3", "I4", "I5", "I6", "I8", "I9", "I10"}


def test_same_figure_restated_with_different_values():
    """Preliminary vs final: cross-document conflict detection has something to find."""
    values = defaultdict(set)
    for doc in DOCS:
        for f in doc.figures:
            if f.role == "completion_rate":
                values[(f.jurisdiction, f.period)].add(f.value)
    assert {83.86, 83.88} <= values[("national", "2024")]
    assert {83.24, 83.25} <= values[("national", "2023")]


def test_time_series_cover_national_and_provinces():
    periods = defaultdict(set)
    for doc in DOCS:
        periods[doc.jurisdiction].add(doc.period)
    assert len(periods["national"]) >= 3
    assert sum(len(p) >= 3 for j, p in periods.items() if j != "national") >= 2


@pytest.mark.skipif(not SHARED_SCORER.exists(), reason="shared scorer not present")
def test_shared_scorer_reads_the_gold(tmp_path):
    facts = tmp_path / "facts.jsonl"
    checks = tmp_path / "checks.jsonl"
    with facts.open("w", encoding="utf-8") as f, checks.open("w", encoding="utf-8") as c:
        for doc in DOCS:
            for q in doc.figures:
                f.write(json.dumps({"doc": doc.doc, "kind": q.kind, "value": q.value, "text": q.text}) + "\n")
            for d in doc.directives:
                f.write(json.dumps({"doc": doc.doc, "kind": "directive", "id": d.number, "text": d.text}) + "\n")
            for claim in doc.claims:
                c.write(json.dumps({"doc": doc.doc, "stated": claim.stated, "verdict": claim.verdict}) + "\n")
    out = subprocess.run([sys.executable, str(SHARED_SCORER), "--gold", str(CORPUS / "gold"),
                          "--facts", str(facts), "--checks", str(checks)],
                         capture_output=True, text=True, check=True).stdout
    assert "quantity_f1=1.00 directive_f1=1.00 verdict_acc=1.00" in out


def test_build_check_flags_stale_files(tmp_path, capsys):
    from recount.corpus.build import main

    for sub in ("annotated", "docs", "gold"):
        shutil.copytree(CORPUS / sub, tmp_path / sub)
    assert main(["--corpus", str(tmp_path), "--check"]) == 0
    ann = tmp_path / "annotated" / "en_001_national_2023.ann"
    ann.write_text(ann.read_text(encoding="utf-8").replace("HANOI - ", "HANOI: "), encoding="utf-8")
    assert main(["--corpus", str(tmp_path), "--check"]) == 1
    assert "en_001_national_2023" in capsys.readouterr().err
    assert main(["--corpus", str(tmp_path)]) == 0
    assert main(["--corpus", str(tmp_path), "--check"]) == 0


def test_build_refuses_a_wrong_verdict(tmp_path, capsys):
    from recount.corpus.build import main

    shutil.copytree(CORPUS / "annotated", tmp_path / "annotated")
    ann = tmp_path / "annotated" / "vi_017_toan_quoc_2021.ann"
    ann.write_text(ann.read_text(encoding="utf-8").replace("[[63,75%|", "[[63,57%|"), encoding="utf-8")
    assert main(["--corpus", str(tmp_path)]) == 1
    assert "annotation says consistent" in capsys.readouterr().err
