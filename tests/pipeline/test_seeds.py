"""Accuracy on the five seed articles, scored by the shared scorer (skips without ../shared)."""
import json
import re
import subprocess
import sys

from recount.pipeline.extract import extract


def _score(seed_dir, seeds_gold_dir, tmp_path, checks=()):
    facts = tmp_path / "facts.jsonl"
    with facts.open("w", encoding="utf-8") as out:
        for path in sorted(seed_dir.glob("*.txt")):
            for f in extract(path):
                out.write(json.dumps(f.to_dict(), ensure_ascii=False) + "\n")
    checks_path = tmp_path / "checks.jsonl"
    checks_path.write_text("".join(json.dumps(c) + "\n" for c in checks), encoding="utf-8")
    scorer = seeds_gold_dir.parent / "score.py"
    out = subprocess.run([sys.executable, str(scorer), "--facts", str(facts), "--checks", str(checks_path)],
                         capture_output=True, text=True, check=True).stdout
    return dict(re.findall(r"(\w+)=([\d.]+)", out.strip().splitlines()[-1]))


def test_seeds_quantity_and_directive_f1(seed_dir, seeds_gold_dir, tmp_path):
    scores = _score(seed_dir, seeds_gold_dir, tmp_path)
    assert float(scores["quantity_f1"]) >= 0.97
    assert float(scores["directive_f1"]) >= 0.97
    assert float(scores["unit_acc"]) >= 0.97
    assert float(scores["qualifier_acc"]) >= 0.97


def test_seed_offsets_are_exact(seed_dir):
    for path in sorted(seed_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for f in extract(path):
            assert text[f.start:f.end] == f.text
