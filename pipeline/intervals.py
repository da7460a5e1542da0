"""Printed numbers read as the intervals they could have come from, and arithmetic on them.

A report prints 16.99% for 43/253 = 16.996...: the writer truncated. Another prints 88.38%
for 289/327 = 88.379...: that one was rounded half up. recount cannot know which habit a
writer had, so a printed ``x`` whose last digit is worth ``u`` stands for the union of both
readings, ``[x - u/2, x + u)`` (checking.md, "Tolerance rule"). Hedged numbers are one-sided:
"hơn 410 nghìn" is at least 410,000.

All arithmetic runs on :class:`fractions.Fraction` built from the shortest decimal repr of the
floats the extractor produced, so "88.38" is exactly 8838/100 and a value sitting on a rounding
boundary is never misjudged by a float error. The ``point`` of an interval carries the value
computed from the numbers exactly as printed; it decides which reading (half up, truncation)
a verdict needed.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

#: How far a hedge reaches past the printed number, as a share of it. "hơn 410 nghìn" is read
#: as [410,000, 451,000]: a writer holding 460,000 would have written "hơn 450 nghìn".
HEDGE_REACH = Fraction(1, 10)

ROUNDINGS = ("exact", "half_up", "truncate", "slack")


def exact(number: float | int | str | Fraction) -> Fraction:
    """The decimal a float was printed from, as an exact fraction.

    ``exact(88.38) == Fraction(8838, 100)``; ``Fraction(88.38)`` would be the binary
    approximation 88.3799999...
    """
    if isinstance(number, Fraction):
        return number
    if isinstance(number, int):
        return Fraction(number)
    return Fraction(repr(number) if isinstance(number, float) else number)


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed interval ``[low, high]`` with the value ``point`` computed from printed numbers."""

    low: Fraction
    high: Fraction
    point: Fraction

    @classmethod
    def of(cls, value: float | Fraction | int) -> "Interval":
        v = exact(value)
        return cls(v, v, v)

    @property
    def is_exact(self) -> bool:
        return self.low == self.high

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.low + other.low, self.high + other.high, self.point + other.point)

    def __sub__(self, other: "Interval") -> "Interval":
        return Interval(self.low - other.high, self.high - other.low, self.point - other.point)

    def __mul__(self, other: "Interval") -> "Interval":
        products = [a * b for a in (self.low, self.high) for b in (other.low, other.high)]
        return Interval(min(products), max(products), self.point * other.point)

    def __truediv__(self, other: "Interval") -> "Interval":
        if other.low <= 0 <= other.high:
            raise ZeroDivisionError("divisor interval contains zero")
        quotients = [a / b for a in (self.low, self.high) for b in (other.low, other.high)]
        return Interval(min(quotients), max(quotients), self.point / other.point)

    def scaled(self, factor: int | Fraction) -> "Interval":
        return self * Interval.of(factor)

    def meets(self, low: Fraction, high: Fraction, high_open: bool = True) -> bool:
        """Whether this closed interval overlaps ``[low, high)`` (or ``[low, high]``)."""
        upper_ok = self.low < high if high_open else self.low <= high
        return upper_ok and self.high >= low

    def distance_to(self, low: Fraction, high: Fraction) -> Fraction:
        """Gap between this interval and ``[low, high]``; 0 when they meet."""
        if self.high < low:
            return low - self.high
        if self.low > high:
            return self.low - high
        return Fraction(0)


def significant_step(value: Fraction, step: Fraction) -> Fraction:
    """The unit of the last non-zero printed digit of a whole number.

    A hedge makes trailing zeros meaningless: "khoảng 14.000 việc" is about 14 thousand, so
    its unit is 1,000, not 1.
    """
    if step <= 0 or value == 0 or value.denominator != 1 or step.denominator != 1:
        return step
    unit = step
    while (value / (unit * 10)).denominator == 1 and unit * 10 <= abs(value):
        unit *= 10
    return unit


def printed_interval(value: float | Fraction, step: float | Fraction | None,
                     qualifier: str = "exact", *, whole: bool = False) -> Interval:
    """The values a printed number stands for.

    Args:
        value: the number as printed, in base units (8,35 tỉ -> 8.35e9).
        step: value of one unit of the last printed digit (8,35 tỉ -> 1e7); ``None`` means
            the figure is exact.
        qualifier: exact | over | under | about (the hedge word in front of it).
        whole: the quantity is a count of whole things given to the unit ("289" cases), so
            no rounding can hide behind it.

    Returns:
        exact: ``[x - u/2, x + u)`` as a closed interval (the upper end is open in the
        stated-value test, see :func:`stated_readings`); over: ``[x, x + reach]``;
        under: ``[x - reach, x]``; about: one unit of the last significant digit either side.
    """
    x = exact(value)
    u = exact(step) if step else Fraction(0)
    if qualifier == "over":
        return Interval(x, x + max(abs(x) * HEDGE_REACH, u), x)
    if qualifier == "under":
        return Interval(x - max(abs(x) * HEDGE_REACH, u), x, x)
    if qualifier == "about":
        unit = significant_step(x, u) if u else abs(x) * Fraction(1, 100)
        return Interval(x - unit, x + unit, x)
    if whole and u <= 1:
        return Interval(x, x, x)
    if u == 0:
        return Interval(x, x, x)
    low, high = union_reading(x, u)
    return Interval(low, high, x)


def half_up_reading(x: Fraction, u: Fraction) -> tuple[Fraction, Fraction]:
    """``[x - u/2, x + u/2)``: the values that round half up to ``x``."""
    return x - u / 2, x + u / 2


def truncation_reading(x: Fraction, u: Fraction) -> tuple[Fraction, Fraction]:
    """``[x, x + u)``: the values that truncate to ``x`` (for x ≥ 0; mirrored below zero)."""
    if x < 0:
        return x - u, x
    return x, x + u


def union_reading(x: Fraction, u: Fraction) -> tuple[Fraction, Fraction]:
    """``[x - u/2, x + u)``: rounded or truncated (mirrored for negative x)."""
    if x < 0:
        return x - u, x + u / 2
    return x - u / 2, x + u


@dataclass(frozen=True, slots=True)
class Comparison:
    """How a recomputed interval compares with a stated printed number."""

    consistent: bool
    rounding: str | None
    #: distance from the recomputed interval to the stated interval, in units of the stated
    #: number's last digit (0 when consistent)
    units_off: Fraction


def compare(recomputed: Interval, stated: float | Fraction, step: float | Fraction | None,
            qualifier: str = "exact") -> Comparison:
    """Judge a stated number against the interval recomputed from its operands.

    ``rounding`` says which reading the match needed:
    ``exact`` when the printed operands give the stated number exactly (or satisfy its hedge);
    ``half_up`` / ``truncate`` when the printed operands give a value that rounds / truncates to
    it; ``slack`` when only the operands' own rounding intervals reach it (52,3 tỷ / 118,6 tỷ =
    44.098%: a stated 44,15% is reachable from [52.25, 52.4) / [118.55, 118.7) but from no
    printed value), which the report must say out loud.
    """
    x = exact(stated)
    u = exact(step) if step else Fraction(0)
    p = recomputed.point
    if qualifier in ("over", "under", "about"):
        bound = printed_interval(x, u, qualifier)
        if bound.low <= p <= bound.high:
            return Comparison(True, "exact", Fraction(0))
        if recomputed.meets(bound.low, bound.high, high_open=False):
            return Comparison(True, "slack", Fraction(0))
        return Comparison(False, None, _in_units(recomputed.distance_to(bound.low, bound.high), u))
    if u == 0:
        if p == x:
            return Comparison(True, "exact", Fraction(0))
        if recomputed.low <= x <= recomputed.high:
            return Comparison(True, "slack", Fraction(0))
        return Comparison(False, None, _in_units(recomputed.distance_to(x, x), Fraction(1)))
    if p == x:
        return Comparison(True, "exact", Fraction(0))
    lo, hi = half_up_reading(x, u)
    if lo <= p < hi:
        return Comparison(True, "half_up", Fraction(0))
    lo, hi = truncation_reading(x, u)
    if lo <= p < hi:
        return Comparison(True, "truncate", Fraction(0))
    lo, hi = union_reading(x, u)
    if recomputed.meets(lo, hi):
        return Comparison(True, "slack", Fraction(0))
    return Comparison(False, None, _in_units(recomputed.distance_to(lo, hi), u))


def _in_units(gap: Fraction, unit: Fraction) -> Fraction:
    return gap / unit if unit else gap


def step_from_decimals(decimals: int | None) -> Fraction | None:
    if decimals is None:
        return None
    return Fraction(1, 10 ** decimals)


def to_float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)
