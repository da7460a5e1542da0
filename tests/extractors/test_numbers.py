from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from recount.extractors.numbers import parse_number


@pytest.mark.parametrize(
    "text,lang,value,decimals",
    [
        ("1,785,268,000", "en", "1785268000", 0),
        ("88.38", "en", "88.38", 2),
        ("1,059", "en", "1059", 0),  # "VND 1,059 billion"
        ("1.059", "en", "1.059", 3),  # English dot is a decimal mark
        ("1,482.615", "en", "1482.615", 3),
        ("1.059", "vi", "1059", 0),  # "1.059 tỷ": dot groups thousands in Vietnamese
        ("8,35", "vi", "8.35", 2),
        ("2,305", "vi", "2.305", 3),
        ("512.604.117.000", "vi", "512604117000", 0),
        ("2.305,5", "vi", "2305.5", 1),
        ("85,49", "fr", "85.49", 2),
        ("2 609", "fr", "2609", 0),
        ("2\u202f609", "fr", "2609", 0),
        ("1\u00a0482,6", "fr", "1482.6", 1),
        ("289", "en", "289", 0),
    ],
)
def test_parse_number_by_language(text, lang, value, decimals):
    parsed = parse_number(text, lang)
    assert parsed.value == Decimal(value)
    assert parsed.decimals == decimals
    assert parsed.step == Decimal(1).scaleb(-decimals)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "12..5", ".5", "5."])
def test_parse_number_refuses_non_numbers(text):
    with pytest.raises(ValueError):
        parse_number(text, "en")


@given(st.integers(min_value=0, max_value=10**15))
def test_parse_number_round_trips_english_grouping(n):
    assert parse_number(f"{n:,}", "en").value == n


@given(st.integers(min_value=0, max_value=10**15))
def test_parse_number_round_trips_vietnamese_grouping(n):
    assert parse_number(f"{n:,}".replace(",", "."), "vi").value == n


@given(st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False),
       st.integers(min_value=1, max_value=3))
def test_parse_number_reports_printed_decimals(x, d):
    printed = f"{x:,.{d}f}"
    parsed = parse_number(printed, "en")
    assert parsed.decimals == d
    assert parsed.value == Decimal(printed.replace(",", ""))


@given(st.text(max_size=40))
@example("0/B")
@example("1,,1")
def test_parse_number_never_crashes_on_text(s):
    try:
        parse_number(s, "vi")
    except ValueError:
        pass
