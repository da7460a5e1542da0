"""Parse printed numbers the way each language writes them.

The separator rules follow the language of the sentence, because the same string means
different numbers: in a Vietnamese report "1.059 tỷ" is one thousand and fifty-nine billion
(dot = thousands), while an English "VND 1.059 billion" is just over one billion, and a
French "85,49 %" is 85.49 (comma = decimal).

Every parse also returns the *step*: the value of one unit in the last printed digit. The
checker reads a printed number as the interval it could have been rounded or truncated from
("88.38" has step 0.01; "1,059" billion has step 1 billion).
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

#: Characters used to group thousands besides "." and ",": no-break space, narrow
#: no-break space and thin space (French typography), and a plain space (fr only).
SPACE_GROUPERS = "\u00a0\u202f\u2009"

#: A printed number: digit groups joined by separators, optionally a decimal tail.
#: Grouped forms come first so "6,683,476,000" is one match, not four.
NUMBER_PATTERN = (
    r"(?<![\w.,])"
    r"(?:\d{1,3}(?:[.,][0-9]{3})+(?:[.,][0-9]+)?"  # 6,683,476,000  512.604.117.000  1,482.615
    r"|\d{1,3}(?:[ \u00a0\u202f\u2009][0-9]{3})+(?:,[0-9]+)?"  # 2 609   1 482,6 (fr)
    r"|\d+(?:[.,][0-9]+)?)"  # 289   88.38   85,49
    r"(?![0-9])"
)
NUMBER_RE = re.compile(NUMBER_PATTERN)
_DIGITS_AND_SEPARATORS_RE = re.compile(r"[0-9.,]+")


class ParsedNumber(NamedTuple):
    """A number as printed: its value, how many decimals were printed and the step.

    A named tuple rather than a frozen dataclass: every printed number of a report is parsed,
    and a tuple is built in a third of the time.
    """

    value: Decimal
    decimals: int
    step: Decimal


#: The step of a number printed with k decimals, for the k a report prints (0.01 for "88.38").
_STEPS = tuple(Decimal(1).scaleb(-k) for k in range(16))
#: The blanks French typography groups thousands with, and the plain space (fr only), removed.
_DROP_SPACE_GROUPERS = str.maketrans("", "", SPACE_GROUPERS + " ")


def _as_decimal(digits: str) -> Decimal:
    try:
        return Decimal(digits)
    except InvalidOperation as exc:  # pragma: no cover - guarded by the regexes
        raise ValueError(f"not a number: {digits!r}") from exc


def parse_number(text: str, lang: str = "en") -> ParsedNumber:
    """Parse one printed number written in ``lang`` ("vi", "en" or "fr").

    Args:
        text (str): the number as printed, e.g. "1,785,268,000", "85,49", "2 609", "1.059".
        lang (str): the language of the sentence; it settles the three-digit ambiguity.

    RETURNS (ParsedNumber): value, printed decimals and step.

    Raises:
        ValueError: ``text`` is not a number.

    Examples (all from real reports):
        >>> parse_number("1,785,268,000", "en").value
        Decimal('1785268000')
        >>> parse_number("85,49", "fr").value
        Decimal('85.49')
        >>> parse_number("1.059", "vi").value   # "1.059 tỷ": dot groups thousands in Vietnamese
        Decimal('1059')
        >>> parse_number("1,482.615", "en").value
        Decimal('1482.615')
    """
    if text.isascii() and text.isdigit():
        # "289", "2024": about half the numbers in a report; the general path below gives
        # the same value, no decimals and a step of 1
        return ParsedNumber(Decimal(text), 0, _STEPS[0])
    raw = text.strip()
    if not raw or not raw[0].isdigit() or not raw[-1].isdigit():
        raise ValueError(f"not a number: {text!r}")
    s = raw if raw.isascii() and " " not in raw else raw.translate(_DROP_SPACE_GROUPERS)
    if not _DIGITS_AND_SEPARATORS_RE.fullmatch(s):
        raise ValueError(f"not a number: {text!r}")
    spaced = s != raw
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        # Both separators: the one that comes last is the decimal mark ("1,482.615" in
        # English, "2.305,5" in Vietnamese or French).
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        grp = "," if dec == "." else "."
        if s.count(dec) > 1:
            raise ValueError(f"not a number: {text!r}")
        int_part, frac = s.split(dec)
        digits = int_part.replace(grp, "")
    elif dots + commas == 0:
        digits, frac = s, ""
    else:
        sep = "." if dots else ","
        parts = s.split(sep)
        if len(parts) > 2 or spaced:
            # "6,683,476,000" / "512.604.117.000": repeated separators group thousands; after
            # space groups ("1 482,6") the remaining comma is the decimal mark.
            if spaced and len(parts) == 2:
                digits, frac = parts[0], parts[1]
            else:
                if any(len(p) != 3 for p in parts[1:]):
                    raise ValueError(f"not a number: {text!r}")
                digits, frac = "".join(parts), ""
        elif len(parts[1]) != 3:
            digits, frac = parts  # "88.38", "85,49", "8,35"
        elif _groups_thousands(sep, lang):
            digits, frac = "".join(parts), ""
        else:
            digits, frac = parts
    value = _as_decimal(f"{digits}.{frac}" if frac else digits)
    decimals = len(frac)
    return ParsedNumber(value, decimals, _STEPS[decimals] if decimals < len(_STEPS) else Decimal(1).scaleb(-decimals))


def _groups_thousands(sep: str, lang: str) -> bool:
    """Whether a single ``sep`` followed by exactly three digits groups thousands.

    English groups with commas ("VND 1,059 billion" is 1,059 billion); Vietnamese and French
    group with dots and use the comma as decimal mark ("1.059 tỷ" is 1,059 billion, "2,305
    tỷ" is 2.305 billion).
    """
    if lang == "en":
        return sep == ","
    return sep == "."


def iter_numbers(text: str):
    """Yield ``(start, end, surface)`` for every printed number in ``text``."""
    for m in NUMBER_RE.finditer(text):
        yield m.start(), m.end(), m.group()
