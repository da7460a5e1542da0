"""The synthetic report generator: deterministic, spans right, labels consistent by construction."""
import collections

import pytest

from recount.corpus.synth import ERROR_TYPES, LANGS, check_report_labels, generate_report, generate_reports, print_number


def test_generate_reports_is_deterministic():
    first = generate_reports(9, seed=4, error_rate=0.5)
    second = generate_reports(9, seed=4, error_rate=0.5)
    assert [(r.text, r.claims, r.figures) for r in first] == [(r.text, r.claims, r.figures) for r in second]


def test_generate_reports_seed_changes_numbers():
    assert generate_reports(1, seed=1)[0].text != generate_reports(1, seed=2)[0].text


@pytest.mark.parametrize("lang", LANGS)
def test_generated_labels_hold(lang):
    reports = generate_reports(60, seed=7, langs=(lang,), error_rate=0.5)
    assert [p for r in reports for p in check_report_labels(r)] == []
    assert all(r.lang == lang for r in reports)


@pytest.mark.parametrize("error", ERROR_TYPES)
def test_injected_error_is_labelled_on_its_claim(error):
    report = generate_report(3, "vi", seed=11, error=error)
    assert [e["type"] for e in report.errors] == [error]
    labelled = [c for c in report.claims if c.error]
    assert [c.error for c in labelled] == [error] and labelled[0].verdict == "inconsistent"
    assert report.errors[0]["was"] != report.errors[0]["now"]


def test_consistent_report_has_only_consistent_claims():
    report = generate_report(0, "fr", seed=0)
    assert {c.verdict for c in report.claims} == {"consistent"} and not report.errors
    assert {c.rule for c in report.claims} == {"sum", "difference", "ratio", "change_pct", "change_pp", "target_gap", "restatement"}


def test_error_types_take_turns():
    reports = generate_reports(120, seed=0, error_rate=1.0)
    counts = collections.Counter(e["type"] for r in reports for e in r.errors)
    assert set(counts) == set(ERROR_TYPES) and max(counts.values()) - min(counts.values()) <= 2


def test_gold_figures_carry_roles_and_spans():
    report = generate_report(5, "en", seed=0)
    roles = {f.role for f in report.figures}
    assert {"received_total", "completed", "enforceable", "completion_rate", "target", "change_pp"} <= roles
    assert all(report.text[f.start:f.end] == f.text for f in report.figures)


@pytest.mark.parametrize("value,decimals,lang,expected", [
    (1275, 0, "vi", "1.275"), (1275, 0, "en", "1,275"), (1275, 0, "fr", "1\u00a0275"),
    (88.38, 2, "vi", "88,38"), (88.38, 2, "en", "88.38"),
])
def test_print_number_follows_language(value, decimals, lang, expected):
    from fractions import Fraction

    assert print_number(Fraction(str(value)), decimals, lang) == expected
