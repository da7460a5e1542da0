"""Interval reading of printed numbers (checking.md, "Tolerance rule")."""
import decimal
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recount.pipeline.intervals import Interval, compare, exact, printed_interval, significant_step


@pytest.mark.parametrize("printed,step,qualifier,low,high", [
    ("88.38", "0.01", "exact", "88.375", "88.39"),
    ("8.35e9", "1e7", "exact", "8.345e9", "8.36e9"),
    ("289", "1", "exact", "288.5", "290"),
    ("410000", "1000", "over", "410000", "451000"),
    ("622000", "1000", "under", "559800", "622000"),
    ("14000", "1", "about", "13000", "15000"),
])
def test_printed_interval_bounds(printed, step, qualifier, low, high):
    interval = printed_interval(Fraction(printed), Fraction(step), qualifier)
    assert (interval.low, interval.high) == (Fraction(low), Fraction(high))


@pytest.mark.parametrize("value,step,expected", [(14000, 1, 1000), (410000, 1000, 10000), (289, 1, 1), (7, 1, 1)])
def test_significant_step_skips_trailing_zeros(value, step, expected):
    assert significant_step(Fraction(value), Fraction(step)) == expected


def test_whole_counts_are_exact():
    assert printed_interval(289.0, 1.0, whole=True).is_exact


def test_exact_reads_the_printed_decimal():
    assert exact(88.38) == Fraction(8838, 100)


def test_division_spans_low_over_high_to_high_over_low():
    ratio = printed_interval(52.3, 0.1) / printed_interval(118.6, 0.1)
    assert ratio.low == Fraction("52.25") / Fraction("118.7")
    assert ratio.high == Fraction("52.4") / Fraction("118.55")


@pytest.mark.parametrize("numerator,denominator,stated,decimals,consistent,rounding", [
    (289, 327, "88.38", 2, True, "half_up"),          # seed 001, rounded
    (43, 253, "16.99", 2, True, "truncate"),          # seed 001, truncated (16.996)
    (3157965000, 1740243000, "181.46", 2, True, "truncate"),  # seed 001 (181.467)
    (43, 253, "17.00", 2, True, "half_up"),
    (43, 253, "16.98", 2, False, None),
    (43, 253, "17.01", 2, False, None),
    (26515, 54681, "48.49", 2, True, "half_up"),      # checking.md I5
])
def test_compare_exact_operand_rates(numerator, denominator, stated, decimals, consistent, rounding):
    rate = Interval.of(numerator) / Interval.of(denominator)
    result = compare(rate.scaled(100), Fraction(stated), Fraction(1, 10 ** decimals))
    assert (result.consistent, result.rounding) == (consistent, rounding)


@pytest.mark.parametrize("stated,consistent,rounding", [
    ("44.10", True, "half_up"), ("44.09", True, "truncate"), ("44.15", True, "slack"),
    ("44.02", True, "slack"), ("44.25", False, None),
])
def test_compare_rounded_operands_checking_md_example(stated, consistent, rounding):
    # checking.md: 52,3 tỷ of 118,6 tỷ is 44.098%; anything meeting 44.02-44.20 is consistent.
    rate = (printed_interval(52.3, 0.1) / printed_interval(118.6, 0.1)).scaled(100)
    result = compare(rate, Fraction(stated), Fraction(1, 100))
    assert (result.consistent, result.rounding) == (consistent, rounding)


def test_compare_hedged_ratio_hanoimoi():
    # "hơn 410 nghìn / hơn 620 nghìn → hơn 66%" is consistent as intervals.
    rate = (printed_interval(410000, 1000, "over") / printed_interval(620000, 1000, "over")).scaled(100)
    assert compare(rate, 66, 1, "over").consistent


def test_compare_gap_units_off():
    result = compare(Interval.of(Fraction("1.94")), Fraction("1.85"), Fraction("0.01"))
    assert not result.consistent and result.units_off == 8  # 1.94 is 0.08 above [1.845, 1.86)


def _printed(value: Fraction, decimals: int, mode: str) -> Fraction:
    quantum = Decimal(1).scaleb(-decimals)
    as_decimal = Decimal(value.numerator) / Decimal(value.denominator)
    return Fraction(as_decimal.quantize(quantum, rounding=mode))


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 10**7), st.integers(0, 10**7), st.integers(1, 3), st.sampled_from(["half_up", "truncate"]))
def test_rate_rounded_or_truncated_is_consistent_and_one_unit_beyond_is_not(a, extra, decimals, mode):
    b = a + extra
    rate = (Interval.of(a) / Interval.of(b)).scaled(100)
    true = Fraction(a * 100, b)
    unit = Fraction(1, 10 ** decimals)
    with decimal.localcontext() as ctx:
        ctx.prec = 40
        rounded = _printed(true, decimals, ROUND_HALF_UP)
        truncated = _printed(true, decimals, ROUND_DOWN)
    printed = rounded if mode == "half_up" else truncated
    assert compare(rate, printed, unit).consistent
    assert not compare(rate, rounded + unit, unit).consistent
    assert not compare(rate, truncated - unit, unit).consistent
