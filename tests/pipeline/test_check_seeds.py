"""The checker end to end on the seed articles, against their hand-checked gold claims."""
import io
import json
import pathlib

import pytest

from recount.pipeline.check import check_document, write_checks

SEEDS = pathlib.Path(__file__).resolve().parents[3] / "shared" / "seeds"
GOLD = pathlib.Path(__file__).resolve().parents[3] / "shared" / "domain" / "seeds-gold"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not present")


def _checks_of(name):
    from recount.pipeline.extract import extract_document
    from recount.pipeline.ingest import read_document

    document = read_document(str(SEEDS / name))
    return check_document(document, extract_document(document))


def _gold_claims():
    for path in sorted(GOLD.glob("*.gold.json")) if GOLD.is_dir() else []:
        gold = json.loads(path.read_text(encoding="utf-8"))
        for claim in gold["claims"]:
            yield path.name.replace(".gold.json", ".txt"), claim["text"], claim["stated"], claim["verdict"]


@pytest.mark.parametrize("name,text,stated,verdict", list(_gold_claims()))
def test_check_seed_claim_verdict(name, text, stated, verdict):
    checks, _ = _checks_of(name)
    found = [c for c in checks if abs(c.stated - stated) <= 0.005 and c.text == text]
    assert found, f"no check for {text}"
    assert verdict in {c.verdict for c in found}


@pytest.mark.parametrize("text,rounding,formula", [
    ("88.38%", "half_up", "289 / 327 × 100"),
    ("16.99%", "truncate", "43 / (296 − 43) × 100"),
    ("181.46%", "truncate", "3,157,965,000 / (4,898,208,000 − 3,157,965,000) × 100"),
    ("6,683,476,000 VND", "exact", "1,785,268,000 + 4,898,208,000"),
    ("351", "exact", "55 + 296"),
])
def test_check_seed_001_roundings_are_reported(text, rounding, formula):
    checks, _ = _checks_of("001_246013305c138aa7.txt")
    check = next(c for c in checks if c.text == text)
    assert (check.verdict, check.rounding, check.formula) == ("consistent", rounding, formula)


def test_check_seed_001_implied_previous_values():
    _, derived = _checks_of("001_246013305c138aa7.txt")
    assert {d.value for d in derived if d.kind == "count"} >= {253.0, 275.0, 110.0}
    assert all(d.source == "derived" for d in derived)


def test_check_seed_004_gap_inconsistent_minor():
    checks, _ = _checks_of("004_2e0dda099056eb0b.txt")
    gap = next(c for c in checks if c.text == "1,85 %")
    assert (gap.verdict, gap.severity, gap.formula, round(gap.recomputed, 2)) == ("inconsistent", "minor", "85,49 − 83,55", 1.94)


@pytest.mark.parametrize("fmt", ["table", "jsonl", "csv"])
def test_write_checks_formats_put_inconsistencies_first_in_table(fmt):
    checks, _ = _checks_of("004_2e0dda099056eb0b.txt")
    out = io.StringIO()
    write_checks(checks, fmt, out)
    text = out.getvalue()
    if fmt == "table":
        assert text.splitlines()[0].startswith("inconsistent (minor)")
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in text.splitlines()]
        assert {r["verdict"] for r in rows} == {"inconsistent", "consistent", "unverifiable"}
        assert rows[0]["operands"] == [] or "text" in rows[0]["operands"][0]
    else:
        assert text.splitlines()[0].startswith("doc,text,start,end,page,stated,rule")
        assert len(text.splitlines()) == len(checks) + 1


def test_write_checks_is_deterministic():
    first, second = io.StringIO(), io.StringIO()
    write_checks(_checks_of("001_246013305c138aa7.txt")[0], "jsonl", first)
    write_checks(_checks_of("001_246013305c138aa7.txt")[0], "jsonl", second)
    assert first.getvalue() == second.getvalue()
