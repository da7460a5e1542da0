"""Property tests: the number parser, the extractors and the checker never crash and keep
their invariants. ``benchmarks/fuzz.py`` runs the same targets for longer; every crash it
finds is pinned here as an ``@example``.

Runs are derandomized so CI sees the same inputs every time.
"""
from __future__ import annotations

import importlib.util
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from recount.extractors.numbers import parse_number

_spec = importlib.util.spec_from_file_location(
    "fuzz_targets", Path(__file__).with_name("fuzz_targets.py"))
fuzz_targets = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fuzz_targets)

FAST = settings(derandomize=True, deadline=None, max_examples=150, database=None,
                suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.integers(min_value=0, max_value=10**18))
def test_parse_number_reads_english_grouping(n):
    parsed = parse_number(f"{n:,}", "en")
    assert parsed.value == n and parsed.decimals == 0


@FAST
@given(st.integers(min_value=0, max_value=10**18), st.sampled_from(["vi", "fr"]))
def test_parse_number_reads_dot_grouping(n, lang):
    parsed = parse_number(f"{n:,}".replace(",", "."), lang)
    assert parsed.value == n and parsed.decimals == 0


@FAST
@given(st.integers(min_value=1000, max_value=10**15), st.sampled_from(["\u00a0", "\u202f"]))
def test_parse_number_reads_french_space_grouping(n, space):
    assert parse_number(f"{n:,}".replace(",", space), "fr").value == n


@FAST
@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False,
                   allow_infinity=False),
       st.integers(min_value=1, max_value=2))
def test_parse_number_reports_printed_decimals(x, decimals):
    english = f"{x:,.{decimals}f}"
    parsed = parse_number(english, "en")
    assert parsed.decimals == decimals
    assert parsed.step == Decimal(1).scaleb(-decimals)
    assert parsed.value == Decimal(english.replace(",", ""))
    vietnamese = english.replace(",", "_").replace(".", ",").replace("_", ".")
    assert parse_number(vietnamese, "vi").value == parsed.value


@FAST
@given(st.one_of(st.text(max_size=40), fuzz_targets.printed_numbers()),
       st.sampled_from(fuzz_targets.LANGS))
@example("1.2.3,4,5", "vi")
@example("0,000", "en")
@example("9" * 400, "en")
@example("1\u00a0234\u00a0567,5", "fr")
@example("١٢٣", "en")  # Arabic-Indic digits pass str.isdigit
@example("²", "en")  # so does a superscript two
def test_parse_number_never_crashes(text, lang):
    fuzz_targets.target_parse_number(text, lang)


@FAST
@given(fuzz_targets.any_text)
@example("")
@example("\f\f\n")
@example("Tổng số 1.234 việc, đạt 56,78%; tăng 2,1 điểm phần trăm so với năm 2022.")
@example("In 2023, 443,051 of 579,188 cases (76.49%) were completed, up 3.27%.")
@example("Soit 76,49 % des 579 188 affaires, contre 1,2 milliard de VND.")
@example("Theo Chỉ thị số 16-CT/TU ngày 9-2021 và Nghị định 62/2015/NĐ-CP")
@example("Tô\u0309ng sô\u0301 1.234 viê\u0323c")  # decomposed diacritics
@example("1" * 5000)
def test_extract_and_check_keep_their_invariants(text):
    fuzz_targets.target_extract_and_check(text)


@FAST
@given(st.one_of(fuzz_targets.vietnamese_words, st.text(max_size=80)),
       st.sampled_from(["tcvn3", "vni"]))
@example("tổng nhưng 1.234", "tcvn3")
@example("ty\u0309", "tcvn3")  # decomposed input (found by benchmarks/fuzz.py)
@example("ý", "tcvn3")  # a toned letter opening the text (found by benchmarks/fuzz.py)
@example("tổng 12. ủy", "tcvn3")
@example("\ufffe-\xad\u2212", "tcvn3")
def test_legacy_conversion_keeps_its_invariants(text, encoding):
    fuzz_targets.target_legacy(text, encoding)
