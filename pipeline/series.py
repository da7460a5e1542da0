"""``recount series``: a metric over time and across jurisdictions, from a ``recount run``.

Every figure with a role, a period and a jurisdiction is a *point*: (jurisdiction, period,
metric, basis, unit) -> value, with the document it came from. Points of one key are the same
fact if their printed values could be the same number (their intervals overlap: "620 nghìn
việc" is 619,500–621,000 and holds 620,657); such a fact becomes one row of the series,
valued by its most precise statement and counting every document that stated it. Values a
check implied (the previous year's level behind "tăng 684 việc so với năm 2023") are points
too, marked ``derived``.

``basis`` says whether a percentage is about cases or money: a report gives both rates side
by side ("83,88% về việc ... 51,84% về tiền"), with the same role and unit, so without it the
two series would be one, zig-zagging between 52 and 84.

Two facts of one key that cannot be the same number are a *conflict* when both are worth
believing: only figures a document states (not values the checker implied), whose role the
model is sure of (``role_p`` at least :data:`MIN_ROLE_P`), and, for a percentage, whose basis
is known take part; and some report must state each value without the other (a report giving
both, such as the enforceable 210,041 of its 358,855 cases carried over, is at odds with
itself, which the checker reports). The PDF and the text of one report are one report. Each
conflict says why in its ``reason``. Reports revise their
figures (the 2024 national case rate was 83.86% in the preliminary October release and 83.88%
in the December final report), so a conflict says which value is later instead of calling
either wrong. The rule, applied in order until one value comes out later:

1. *last stated*: the value some document still states at the latest "as of" date is the
   current one (a 2024 report restating 2023's 16,301 completed cases outlives an odd "58"
   in the 2023 report);
2. *first released*: when one document states both (the December report quotes the October
   83.86% next to its own 83.88%), the value first published later is the revision;
3. *period*, then *file order* of the documents.

A document's "as of" date is the latest date written in its opening (the dateline "Sáng
20/12/2024", "HANOI, December 20", "released on October 7"; a date without a year takes the
first year not before the end of the document's period, since reports come out after the
period they cover), and never earlier than the end of the document's period.

Example::

    >>> series = build_series("out/demo", metrics=["completion_rate"])  # doctest: +SKIP
    >>> conflicts = find_conflicts("out/demo")                           # doctest: +SKIP
"""
from __future__ import annotations

import calendar
import datetime as dt
import math
import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from recount.pipeline import columns as C
from recount.pipeline.errors import RecountError
from recount.pipeline.report import display_names, reread_sources

# -- output columns -----------------------------------------------------------------------------
JURISDICTION = "jurisdiction"
PERIOD = "period"
PERIOD_START = "period_start"
PERIOD_END = "period_end"
METRIC = "metric"
BASIS = "basis"
VALUE = "value"
UNIT = "unit"
QUALIFIER = "qualifier"
DERIVED = "derived"
N_SOURCES = "n_sources"
SOURCES = "sources"
CONFLICT = "conflict"
TEXT = "text"
ROLE_P = "role_p"
REPORT = "report"
SCOPE = "scope"

SERIES_COLUMNS = (JURISDICTION, PERIOD, PERIOD_START, PERIOD_END, METRIC, BASIS, VALUE, UNIT,
                  QUALIFIER, DERIVED, N_SOURCES, SOURCES, TEXT, CONFLICT)
KEY = (JURISDICTION, PERIOD, METRIC, BASIS, UNIT)

CONFLICT_COLUMNS = (
    JURISDICTION, PERIOD, METRIC, BASIS, UNIT,
    "earlier_value", "earlier_text", "earlier_sources", "earlier_as_of", "earlier_derived",
    "later_value", "later_text", "later_sources", "later_as_of", "later_derived",
    "difference", "later_by", "earlier_role_p", "later_role_p", "reason",
)

#: Basis of a percentage or amount: what it counts.
CASES = "cases"
MONEY = "money"

#: Checks whose operands are the rates a figure is measured from (a gap to a target, a change
#: in points): the figure has their basis.
GAP_RULES = ("target_gap", "change_pp")

#: Roles left out of a series unless asked for: a figure no indicator covers.
UNSERIED_ROLES = ("other",)
SERIES_KINDS = ("count", "money", "percent")

#: Characters of a document's opening searched for its dateline.
OPENING_CHARS = 600


class SeriesError(RecountError):
    """A series that cannot be built (not a run directory, unknown metric)."""


# ---------------------------------------------------------------- periods
_PERIOD = re.compile(r"^(\d{4})(?:/(\d{1,2})m)?$")


@dataclass(frozen=True)
class Period:
    """A statistical period: the year YYYY runs from 1 October YYYY-1 to 30 September YYYY;
    "YYYY/Nm" is its first N months (the 6-month report of 2024 covers 1/10/2023–31/3/2024)."""

    label: str
    year: int
    months: int
    start: dt.date
    end: dt.date

    @property
    def is_full_year(self) -> bool:
        return self.months == 12


@lru_cache(maxsize=None)
def parse_period(label: str | None) -> Period | None:
    """``Period`` for "2024" or "2024/6m"; ``None`` for anything else ("previous", a range)."""
    if not isinstance(label, str):
        return None
    m = _PERIOD.match(label)
    if not m:
        return None
    year, months = int(m.group(1)), int(m.group(2) or 12)
    if not 1 <= months <= 12:
        return None
    start = dt.date(year - 1, 10, 1)
    end_month = (9 + months - 1) % 12 + 1  # October is month 1 of the statistical year
    end_year = year - 1 if 9 + months <= 12 else year
    end = dt.date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
    return Period(label, year, months, start, end)


def previous_period(label: str) -> str | None:
    """The same stretch one year earlier: "2024" -> "2023", "2024/6m" -> "2023/6m"."""
    period = parse_period(label)
    if period is None:
        return None
    return str(period.year - 1) if period.is_full_year else f"{period.year - 1}/{period.months}m"


# ---------------------------------------------------------------- "as of" dates
_MONTHS = {
    **{name: i for i, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december"), 1)},
    **{name: i for i, name in enumerate(
        ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
         "octobre", "novembre", "décembre"), 1)},
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
# lookarounds keep directive numbers out: "Thông tư 05/2024/TT-BTP" is no date
_NOT_BEFORE, _NOT_AFTER = r"(?<![\w/.-])", r"(?![\w/-]|\.\d)"
_DATE_PATTERNS = (
    # 20/12/2024, ngày 15/10/2024
    (re.compile(_NOT_BEFORE + r"(\d{1,2})/(\d{1,2})/(\d{4})" + _NOT_AFTER), ("d", "m", "y")),
    # ngày 20 tháng 12 năm 2024
    (re.compile(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})", re.I), ("d", "m", "y")),
    # tháng 10/2024, tháng 10 năm 2024
    (re.compile(r"tháng (\d{1,2})(?:/| năm )(\d{4})" + _NOT_AFTER, re.I), ("m", "y")),
    # Sáng 20/12, ngày 7/10 (no year)
    (re.compile(r"(?:ngày|sáng|chiều|tối) (\d{1,2})/(\d{1,2})" + _NOT_AFTER, re.I), ("d", "m")),
    # December 20, 2024; December 20
    (re.compile(rf"\b({_MONTH_NAMES}) (\d{{1,2}})(?:, (\d{{4}}))?\b", re.I), ("M", "d", "y")),
    # 20 December 2024; 7 octobre; le 20 décembre 2024
    (re.compile(rf"\b(\d{{1,2}}) ({_MONTH_NAMES})(?: (\d{{4}}))?\b", re.I), ("d", "M", "y")),
)


def dates_in(text: str, not_before: dt.date | None = None) -> list[dt.date]:
    """Dates written in ``text``; one with no year takes the first year putting it on or after
    ``not_before`` (a report dated "December 20" about 2024 was written in December 2024)."""
    found = []
    for pattern, fields in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            parts = dict(zip(fields, m.groups()))
            try:
                month = _MONTHS[parts["M"].lower()] if "M" in parts else int(parts["m"])
                day = int(parts.get("d") or 1)
                if parts.get("y"):
                    found.append(dt.date(int(parts["y"]), month, day))
                elif not_before is not None:
                    year = not_before.year
                    date = dt.date(year, month, day)
                    found.append(date if date >= not_before else dt.date(year + 1, month, day))
            except (ValueError, KeyError):
                continue  # "21/63" is a rank, not a date
    return found


def main_period(periods: pd.Series, roles: pd.Series) -> Period | None:
    """The period a document reports on: the commonest period of its figures, targets aside
    (a 2024 report states the 2025 targets too); ties go to the later period."""
    counts = Counter(p for p, r in zip(periods, roles) if parse_period(p) and r != "target")
    if not counts:
        counts = Counter(p for p in periods if parse_period(p))
    if not counts:
        return None
    label = max(counts, key=lambda p: (counts[p], parse_period(p).end, p))
    return parse_period(label)


def as_of(text: str | None, period: Period | None) -> dt.date | None:
    """The date a document speaks as of: the latest date in its opening, and never before
    the end of its period."""
    floor = period.end if period else None
    dates = dates_in(text[:OPENING_CHARS], floor) if text else []
    if floor is not None:
        dates.append(floor)
    return max(dates) if dates else None


# ---------------------------------------------------------------- loading a run
def _read_table(run_dir: Path, name: str) -> pd.DataFrame:
    try:
        return pd.read_parquet(run_dir / name)
    except (OSError, ValueError) as exc:
        raise SeriesError(f"{run_dir}: cannot read the {name} table ({exc})") from exc


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def percent_basis(figure: dict, text: str | None, amounts: list[dict], operand_kinds: list[str]) -> str | None:
    """Whether a percentage is about cases or money.

    In order: the kinds of the operands its check used ("9.705 / 11.530" are cases); a cue
    right after it ("83,86% về việc"); whichever is nearer on its left in its sentence, a cue
    ("Về tiền, ... đạt 51,84%") or an amount ("thi hành xong 620.657 việc ..., đạt 83,88%").
    """
    from recount.pipeline import cues

    kinds = set(operand_kinds)
    if len(kinds) == 1:
        return CASES if kinds == {"count"} else MONEY
    start, end = figure["start"], figure["end"]
    sent_start = figure.get("sent_start")
    sent_start = start if _missing(sent_start) else int(sent_start)
    if text:
        right = cues.right_context(text, _FigureSpan(start, end), None, len(text))
        said = cues.money_or_cases(right[:24])
        if said:
            return CASES if said == "count" else MONEY
    left_cue, left_said = -1, None
    if text:
        segment = text[sent_start:start]
        money_at = cues.last_match_end(cues.MONEY, segment)
        cases_at = cues.last_match_end(cues.CASES, segment)
        if max(money_at, cases_at) >= 0:
            left_cue = sent_start + max(money_at, cases_at)
            left_said = MONEY if money_at > cases_at else CASES
    before = [a for a in amounts if sent_start <= a["start"] and a["end"] <= start]
    nearest = max(before, key=lambda a: a["end"], default=None)
    if nearest is not None and nearest["end"] >= left_cue:
        return CASES if nearest["kind"] == "count" else MONEY
    return left_said


@dataclass(frozen=True)
class _FigureSpan:
    """Just enough of a Figure for :func:`cues.right_context`."""

    start: int
    end: int


def load_points(run_dir: str | os.PathLike) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every figure of the run that can be placed in a series, stated or derived.

    Returns:
        (points, documents): one row per figure with its key, interval, source and the
        source document's "as of" date; one row per document with its period and date.
    """
    run_dir = Path(run_dir)
    if not (run_dir / C.DOCUMENTS).is_dir():
        raise SeriesError(f"{run_dir}: not a recount run directory (no {C.DOCUMENTS}/ folder)")
    documents = _read_table(run_dir, C.DOCUMENTS)
    figures = _read_table(run_dir, C.FIGURES)
    derived = _read_table(run_dir, C.DERIVED)
    checks = _read_table(run_dir, C.CHECKS)
    texts = {doc: text for doc, text in reread_sources(documents)[0].items() if text is not None}

    doc_order = {doc: i for i, doc in enumerate(sorted(documents[C.DOC]))}
    doc_info = {}
    for doc, group in figures.groupby(C.DOC, sort=True):
        period = main_period(group["period"], group["role"])
        doc_info[doc] = {"period": period, "as_of": as_of(texts.get(doc), period)}

    by_span = {}
    for row in figures.to_dict("records"):
        by_span[(row[C.DOC], row["start"], row["end"])] = row
    operand_kinds: dict[tuple, list[str]] = {}
    # the rates a gap or a change in points was measured from: "1.45 points short of the 83.25%
    # target" is of cases when the 81.8% it runs from is a rate of cases
    rate_operands: dict[tuple, list[dict]] = {}
    for row in checks.to_dict("records"):
        if row["rule"] in GAP_RULES and not _missing(row["start"]):
            rate_operands[(row[C.DOC], row["start"], row["end"])] = [
                source for op in (row[C.OPERANDS] if row[C.OPERANDS] is not None else [])
                if (source := by_span.get((row[C.DOC], op["start"], op["end"]))) is not None
                and source["kind"] == "percent"]
        if row["rule"] != "ratio" or _missing(row["start"]):
            continue
        kinds = []
        for op in row[C.OPERANDS] if row[C.OPERANDS] is not None else []:
            source = by_span.get((row[C.DOC], op["start"], op["end"]))
            if source is not None and source["kind"] in ("count", "money"):
                kinds.append(source["kind"])
        operand_kinds[(row[C.DOC], row["start"], row["end"])] = kinds
    amounts_by_doc: dict[str, list[dict]] = {}
    for row in figures.to_dict("records"):
        if row["kind"] in ("count", "money"):
            amounts_by_doc.setdefault(row[C.DOC], []).append(row)

    def basis_of(row: dict, source_row: dict, depth: int = 0) -> str | None:
        if row["kind"] == "count":
            return CASES
        if row["kind"] == "money":
            return MONEY
        key = (source_row[C.DOC], source_row["start"], source_row["end"])
        said = percent_basis(source_row, texts.get(source_row[C.DOC]), amounts_by_doc.get(source_row[C.DOC], []),
                             operand_kinds.get(key, []))
        if said is None and depth == 0:
            bases = {basis_of(op, op, 1) for op in rate_operands.get(key, [])} - {None}
            if len(bases) == 1:
                said = bases.pop()
        return said

    points = []
    for row, is_derived in [(r, False) for r in figures.to_dict("records")] + \
                           [(r, True) for r in derived.to_dict("records")]:
        if row["kind"] not in SERIES_KINDS or _missing(row["role"]) or _missing(row["value"]):
            continue
        source_row = row
        period, jurisdiction = row["period"], row["jurisdiction"]
        if is_derived:
            # a derived figure sits on the words it was implied from; its period is relative
            source_row = by_span.get((row[C.DOC], row["start"], row["end"]))
            if source_row is None:
                continue
            jurisdiction = source_row["jurisdiction"]
            period = previous_period(source_row["period"]) if row["period"] == "previous" else (
                source_row["period"] if row["period"] == "same" else row["period"])
        parsed = parse_period(None if _missing(period) else period)
        if parsed is None or _missing(jurisdiction):
            continue
        low, high = value_interval(row)
        info = doc_info.get(row[C.DOC], {})
        points.append({
            JURISDICTION: jurisdiction, PERIOD: parsed.label, PERIOD_START: parsed.start,
            PERIOD_END: parsed.end, METRIC: row["role"], BASIS: basis_of(row, source_row) or "",
            UNIT: row["unit"] or "", VALUE: float(row["value"]), "low": low, "high": high,
            QUALIFIER: row["qualifier"] or "exact", "step": 0.0 if _missing(row["step"]) else float(row["step"]),
            DERIVED: is_derived, C.DOC: row[C.DOC], TEXT: row["text"], "start": int(row["start"]),
            "as_of": info.get("as_of"), "doc_period_end": info["period"].end if info.get("period") else None,
            "doc_order": doc_order.get(row[C.DOC], len(doc_order)),
            ROLE_P: _role_p(source_row), REPORT: report_of(row[C.DOC]),
            SCOPE: figure_scope(texts.get(row[C.DOC]), source_row),
        })
    columns = [JURISDICTION, PERIOD, PERIOD_START, PERIOD_END, METRIC, BASIS, UNIT, VALUE, "low", "high",
               QUALIFIER, "step", DERIVED, C.DOC, TEXT, "start", "as_of", "doc_period_end", "doc_order",
               ROLE_P, REPORT, SCOPE]
    frame = pd.DataFrame(points, columns=columns)
    return frame.sort_values([C.DOC, "start", DERIVED], kind="stable").reset_index(drop=True), documents


def _role_p(row: dict) -> float:
    """The role model's probability for a figure; a derived value has the one of the figure it
    was implied from. No probability (a role set by hand or by the rule labeller) is 0: such a
    role may feed a series but never makes a conflict on its own word."""
    p = row.get("role_p")
    return 0.0 if _missing(p) else float(p)


#: Words that put a figure on a part of the caseload: the corruption and economic-crime cases
#: or one named case ("Assets recovered in criminal cases involving corruption ... topped
#: VND22,000 billion"; "dans l'affaire Viet A, ... environ 400 milliards de VND").
_SUBSET_RE = re.compile(
    r"corruption|tham nhũng|economic crimes?|criminalité économique|Vạn Thịnh Phát"
    r"|l['’]affaire [A-ZĐ]|\bthe [A-Z]\w+(?: [A-Z]\w+)? case\b|vụ (?:án )?[A-ZĐ]\w+|\bIn one\b",
)
#: How far into a headline the subset word must come for the whole document to be about it:
#: "Asset recovery in corruption cases: ..." is; "Năm 2024: ... vượt cả hai chỉ tiêu, thu hồi
#: hơn 22 nghìn tỷ trong các vụ án tham nhũng" reports on everything and mentions it last.
SUBSET_HEADLINE_CHARS = 40


def figure_scope(text: str | None, row: dict) -> str:
    """``subset`` for a figure about a part of the caseload (its sentence names the part, or
    the headline opens on it), else ``""``. A rate of one case (48.24% of a bank fraud
    repaid) or of corruption recoveries (4.32%) is no rival to the national rate."""
    if not text:
        return ""
    headline = text[:text.find("\n")] if "\n" in text else text[:200]
    if _SUBSET_RE.search(headline[:SUBSET_HEADLINE_CHARS]):
        return "subset"
    start, end = row.get("sent_start"), row.get("sent_end")
    if _missing(start) or _missing(end):
        return ""
    return "subset" if _SUBSET_RE.search(text, int(start), int(end)) else ""


def report_of(doc: str) -> str:
    """Which report a document is: its file name without folder or extension. The PDF and the
    text of one report ("pdf/vi_001_toan_quoc_2023.pdf", "docs/vi_001_toan_quoc_2023.txt") are
    one report, so their differences are extraction differences, not a second source."""
    name = os.path.basename(str(doc))
    return name.rsplit(".", 1)[0] if "." in name else name


def round_step(value: float, step: float) -> float:
    """``step`` widened to the last nonzero digit when ``value`` ends in three or more zeros at
    that step (22,000 at step 1 billion -> 1,000 billion; 620,657 at step 1 stays 1)."""
    if step <= 0 or value == 0:
        return step
    units = round(abs(value) / step)
    if abs(units * step - abs(value)) > step * 1e-6:
        return step
    zeros = 0
    while units and units % 10 == 0:
        units //= 10
        zeros += 1
    return step * 10 ** zeros if zeros >= 3 else step


def value_interval(row: dict) -> tuple[float, float]:
    """The numbers a printed figure could stand for.

    Reports round half up or truncate ("16.996" prints as "16,99"), so "83,86%" is anything in
    [83.855, 83.87); a hedge bounds one side ("hơn 22 nghìn tỷ" is at least 22,000 billion),
    "khoảng" allows 5% either way; a derived value carries its own spread in ``step``. A figure
    ending in three zeros at its printed precision is a round number, good to its last nonzero
    digit: "thu hồi được 22.000 tỷ đồng" is 22 thousand billion give or take 500 billion, and
    does not contradict another report's exact 22.158 tỷ.
    """
    value = float(row["value"])
    step = 0.0 if _missing(row.get("step")) else float(row["step"])
    qualifier = row.get("qualifier") or "exact"
    if row.get("source") == "derived":
        return value - step / 2, value + step / 2
    if qualifier == "over":
        return value, math.inf
    if qualifier == "under":
        return -math.inf, value
    step = round_step(value, step)
    low, high = value - step / 2, value + step
    if qualifier == "about":
        low, high = min(low, value * 0.95), max(high, value * 1.05)
    # the upper end is open for truncation; a hair inside keeps 83.86 and 83.87 apart
    return low, high - step * 1e-9


# ---------------------------------------------------------------- facts and conflicts
def _facts(group: pd.DataFrame) -> list[pd.DataFrame]:
    """Split the points of one key into facts: points whose intervals share a number."""
    facts, current, low, high = [], [], -math.inf, math.inf
    for index, row in group.sort_values(["low", "high", C.DOC, "start"], kind="stable").iterrows():
        if current and (row["low"] > high or row["high"] < low):
            facts.append(group.loc[current])
            current, low, high = [], -math.inf, math.inf
        current.append(index)
        low, high = max(low, row["low"]), min(high, row["high"])
    if current:
        facts.append(group.loc[current])
    return facts


def _best(fact: pd.DataFrame) -> pd.Series:
    """The statement that says most: stated before derived, exact before hedged, finest step."""
    ranked = fact.assign(_hedged=fact[QUALIFIER] != "exact").sort_values(
        [DERIVED, "_hedged", "step", "doc_order", "start"], kind="stable")
    return ranked.iloc[0]


#: What :func:`_release` compares, in order, named as ``later_by`` reports it.
RELEASE_RULES = ("last stated", "first released", "period", "file order")


def _release(fact: pd.DataFrame) -> tuple:
    """The sort key putting a fact's revisions after it; see the module docstring's rule."""
    as_of = [d for d in fact["as_of"] if not _missing(d)]
    ends = [d for d in fact["doc_period_end"] if not _missing(d)]
    return (max(as_of, default=dt.date.min), min(as_of, default=dt.date.min),
            max(ends, default=dt.date.min), int(fact["doc_order"].max()))


def _display(doc: str, names: dict[str, str]) -> str:
    return names.get(doc, doc)


def _names(docs) -> dict[str, str]:
    return display_names(sorted(set(docs)))


def _resolve(points: pd.DataFrame):
    """Yield (key, facts ordered by release) for every key."""
    for key, group in points.groupby(list(KEY), sort=True, dropna=False):
        facts = _facts(group)
        facts.sort(key=_release)
        yield key, facts


def _select(points: pd.DataFrame, metrics) -> pd.DataFrame:
    if metrics:
        unknown = sorted(set(metrics) - _known_roles())
        if unknown:
            raise SeriesError(f"unknown metric(s) {', '.join(unknown)}; metrics are roles: "
                              + ", ".join(sorted(_known_roles())))
        return points[points[METRIC].isin(list(metrics))]
    return points[~points[METRIC].isin(UNSERIED_ROLES)]


def _known_roles() -> set[str]:
    from recount.models.roles import ROLES

    return set(ROLES)


def build_series(run_dir: str | os.PathLike, metrics=None, points: pd.DataFrame | None = None) -> pd.DataFrame:
    """The tidy series of a run: one row per (jurisdiction, period, metric, basis, unit).

    Args:
        run_dir: a folder written by ``recount run``.
        metrics: roles to keep (default: every role but ``other``).
        points: the output of :func:`load_points`, to avoid reading the run twice.
    RETURNS (DataFrame): columns :data:`SERIES_COLUMNS`; when documents disagree
        (``conflict`` is then true; see :func:`find_conflicts`) ``value`` is the latest stated
        release among figures of a sure role (:func:`conflict_points`), else the latest stated,
        a derived value only when no document states one.
    """
    if points is None:
        points, _ = load_points(run_dir)
    points = _select(points, metrics)
    names = _names(points[C.DOC])
    trusted_points = conflict_points(points)
    in_conflict = {key for key, *_ in _conflicts(trusted_points)}
    sure = trusted_points.index
    rows = []
    for key, facts in _resolve(points):
        # a value a document states outranks one the checker implied, however late the implier,
        # and one whose role the model is sure of outranks a doubtful one (a PDF table's
        # "2 649 262", two columns read as one number, was labelled completions at p 0.65
        # before table rows were left to the table reader; a bare count in a list still can be)
        stated = [fact for fact in facts if not fact[DERIVED].all()]
        trusted = [fact for fact in stated if fact.index.isin(sure).any()]
        latest = (trusted or stated or facts)[-1]
        best = _best(latest)
        docs = sorted(set(latest[C.DOC]), key=lambda d: _display(d, names))
        rows.append({
            **dict(zip(KEY, key)), PERIOD_START: best[PERIOD_START], PERIOD_END: best[PERIOD_END],
            VALUE: best[VALUE], QUALIFIER: best[QUALIFIER], DERIVED: bool(latest[DERIVED].all()),
            N_SOURCES: len(docs), SOURCES: "; ".join(_display(d, names) for d in docs),
            TEXT: best[TEXT], CONFLICT: key in in_conflict,
        })
    frame = pd.DataFrame(rows, columns=list(SERIES_COLUMNS))
    return frame.sort_values([METRIC, BASIS, UNIT, JURISDICTION, PERIOD_END, PERIOD], kind="stable") \
        .reset_index(drop=True)


#: How sure the role model must be of both figures before their disagreement is called a
#: conflict. Below it sit the figures that made most false conflicts on the corpus: a district's
#: count read as the province's completions (p 0.35-0.69), a case amount read as the city's
#: money (0.84); the true ones it keeps are 0.90 and above.
MIN_ROLE_P = 0.85


def conflict_points(points: pd.DataFrame) -> pd.DataFrame:
    """The points that may make a conflict: stated by a document (a value the checker implied
    is an inference, not a release), with a role the model is sure of (:data:`MIN_ROLE_P`),
    and, for a percentage, a known basis (a rate of cases is no rival to a rate of money)."""
    pct = points[UNIT].isin(["percent", "percentage_point"])
    return points[~points[DERIVED] & (points[ROLE_P] >= MIN_ROLE_P) & ~(pct & (points[BASIS] == ""))]


def _interval_text(fact: pd.DataFrame) -> str:
    low, high = float(fact["low"].max()), float(fact["high"].min())
    if math.isinf(high):
        return f"at least {low:,.6g}"
    if math.isinf(low):
        return f"at most {high:,.6g}"
    return f"{low:,.6g} to {high:,.6g}"


def _conflicts(trusted: pd.DataFrame):
    """Yield (key, earlier fact, later fact, reason) for every conflict among ``trusted``, the
    output of :func:`conflict_points`.

    Two facts of one key and scope (:func:`figure_scope`: the whole caseload, or a part of it
    such as the corruption cases) conflict when no number fits both (intervals apart), and some report
    states each without the other: a report that states both (the enforceable 210,041 of a
    carried-over 358,855, or a misread "58 việc" beside the year's 16.301) is at odds with
    itself, which is the checker's business, not a disagreement between releases. Only
    :func:`conflict_points` take part; facts are ordered by :func:`_release`.
    """
    for key_scope, group in trusted.groupby(list(KEY) + [SCOPE], sort=True, dropna=False):
        key = key_scope[:-1]
        facts = sorted(_facts(group), key=_release)
        if len(facts) < 2:
            continue
        later = facts[-1]
        for earlier in facts[:-1]:
            only_earlier = sorted(set(earlier[REPORT]) - set(later[REPORT]))
            only_later = sorted(set(later[REPORT]) - set(earlier[REPORT]))
            if not only_earlier or not only_later:
                continue
            e, l = _best(earlier), _best(later)
            reason = (f"{e[TEXT]} ({', '.join(only_earlier)}) is {_interval_text(earlier)}, {l[TEXT]} "
                      f"({', '.join(only_later)}) is {_interval_text(later)}: no number fits both; same "
                      f"metric, basis, unit, period, place and scope; roles sure (p >= "
                      f"{earlier[ROLE_P].min():.2f} and {later[ROLE_P].min():.2f})")
            yield key, earlier, later, reason


def find_conflicts(run_dir: str | os.PathLike, metrics=None, points: pd.DataFrame | None = None) -> pd.DataFrame:
    """Pairs of reports giving different values for one (jurisdiction, period, metric, basis, unit).

    Each record holds the earlier and the later value (see the module docstring for the
    rule) with their sources and the date each was first stated (``*_as_of``); ``later_by``
    names the step of the rule that decided (one of :data:`RELEASE_RULES`); ``reason`` says
    why the two are a conflict (see :func:`_conflicts`: like with like, sure roles, no common
    value, each stated by a report without the other).
    """
    if points is None:
        points, _ = load_points(run_dir)
    points = _select(points, metrics)
    names = _names(points[C.DOC])
    rows = []
    for key, earlier, later, reason in _conflicts(conflict_points(points)):
        later_best, later_release = _best(later), _release(later)
        later_first = later_release[1] if later_release[1] != dt.date.min else None
        best, release = _best(earlier), _release(earlier)
        decided = next(rule for rule, a, b in zip(RELEASE_RULES, release, later_release) if a != b) \
            if release != later_release else RELEASE_RULES[-1]
        rows.append({
            **dict(zip(KEY, key)),
            "earlier_value": best[VALUE], "earlier_text": best[TEXT],
            "earlier_sources": "; ".join(sorted({_display(d, names) for d in earlier[C.DOC]})),
            "earlier_as_of": release[1] if release[1] != dt.date.min else None,
            "earlier_derived": bool(earlier[DERIVED].all()),
            "later_value": later_best[VALUE], "later_text": later_best[TEXT],
            "later_sources": "; ".join(sorted({_display(d, names) for d in later[C.DOC]})),
            "later_as_of": later_first,
            "later_derived": bool(later[DERIVED].all()),
            # rounded: 83.88 - 83.86 is 0.0199999... in binary floating point
            "difference": round(later_best[VALUE] - best[VALUE], 9), "later_by": decided,
            "earlier_role_p": round(float(earlier[ROLE_P].min()), 4),
            "later_role_p": round(float(later[ROLE_P].min()), 4), "reason": reason,
        })
    frame = pd.DataFrame(rows, columns=list(CONFLICT_COLUMNS))
    return frame.sort_values([METRIC, BASIS, UNIT, JURISDICTION, PERIOD], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------- writing
def write_table(frame: pd.DataFrame, out: str | os.PathLike) -> None:
    """CSV or Parquet by the file's suffix."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".parquet":
        frame.to_parquet(out, index=False)
    elif out.suffix.lower() == ".csv":
        frame.to_csv(out, index=False, lineterminator="\n")
    else:
        raise SeriesError(f"{out}: write .csv or .parquet")


_UNIT_SCALE = {"VND": (1e9, "billion VND"), "case": (1, "cases"), "percent": (1, "%"),
               "percentage_point": (1, "points"), "USD": (1e6, "million USD")}


def period_position(label: str) -> float:
    """Where a period sits on a chart's year axis: a full statistical year at its number, a
    part-year at the fraction of that year elapsed ("2024/6m" -> 2023.5, between 2023 and 2024)."""
    period = parse_period(label)
    return period.year - 1 + period.months / 12


def plot_series(series: pd.DataFrame, out: str | os.PathLike, by: str = "jurisdiction",
                min_periods: int = 2) -> int:
    """A line chart per metric (``by="jurisdiction"``: one line per jurisdiction) or per
    jurisdiction (``by="metric"``: one line per metric), written as one PNG. Returns the
    number of charts.

    Full statistical years are joined by lines; part-year periods ("2024/6m") are unjoined
    triangles, since six months of cases do not continue a line of full years; derived values
    are hollow. Only lines with ``min_periods`` periods are drawn (one-off figures stay in the
    table) and charts with no such line are left out.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panel_key = [METRIC, BASIS, UNIT] if by == "jurisdiction" else [JURISDICTION, BASIS, UNIT]
    line_key = JURISDICTION if by == "jurisdiction" else METRIC
    panels = []
    # a rate whose basis is unknown could be of cases or of money: plotting it would join the two
    series = series[~(series[UNIT].isin(["percent", "percentage_point"]) & (series[BASIS] == ""))]
    for key, group in series.groupby(panel_key, sort=True):
        periods = group.groupby(line_key)[PERIOD].nunique()
        kept = group[group[line_key].isin(periods[periods >= min_periods].index)]
        if len(kept):
            panels.append((key, kept))
    if not panels:
        raise SeriesError(f"nothing to plot: no line has {min_periods} periods (try other --metric values)")
    cols = 2 if len(panels) > 1 else 1
    rows = math.ceil(len(panels) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(8.5 * cols, 3.8 * rows), squeeze=False)
    for ax, (key, group) in zip(axes.flat, panels):
        palette = plt.get_cmap("tab10" if group[line_key].nunique() <= 10 else "tab20").colors
        scale, unit_label = _UNIT_SCALE.get(key[2], (1, key[2]))
        for i, (line, points) in enumerate(group.groupby(line_key, sort=True)):
            color = palette[i % len(palette)]
            points = points.assign(x=points[PERIOD].map(period_position)).sort_values("x")
            full = points[points[PERIOD].str.fullmatch(r"\d{4}")]
            part = points[~points[PERIOD].str.fullmatch(r"\d{4}")]
            label = str(line).replace("province:", "").replace("district:", "district ")
            ax.plot(full["x"], full[VALUE] / scale, "-", color=color, label=label)
            for is_derived, face in ((False, color), (True, "white")):
                chosen = full[full[DERIVED] == is_derived]
                ax.plot(chosen["x"], chosen[VALUE] / scale, "o", color=color, markerfacecolor=face,
                        linestyle="none")
            ax.plot(part["x"], part[VALUE] / scale, "^", color=color, markerfacecolor="white",
                    linestyle="none")
        years = range(math.floor(min(group[PERIOD].map(period_position))),
                      math.ceil(max(group[PERIOD].map(period_position))) + 1)
        ax.set_xticks(list(years))
        ax.set_xticklabels([str(y) for y in years], fontsize=8)
        values = group[VALUE][group[VALUE] > 0]
        if key[2] in ("case", "VND", "USD") and len(values) and values.max() > 20 * values.min():
            # national totals are 20-50 times a province's: on a linear axis provinces lie flat
            ax.set_yscale("log")
        title = " · ".join(str(k).replace("province:", "") for k in key[:2] if k)
        ax.set_title(f"{title} ({unit_label})", fontsize=10)
        ax.set_ylabel(unit_label)
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1), borderaxespad=0)
    for ax in list(axes.flat)[len(panels):]:
        ax.set_visible(False)
    fig.suptitle("recount series by statistical year (ends 30 September); ● stated, ○ derived, "
                 "△ part-year period", fontsize=10, y=1 - 0.15 / fig.get_figheight(), va="top")
    # keep a third of an inch above the panels for the title, however many rows there are
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.35 / fig.get_figheight()))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110, metadata={"Software": None})
    plt.close(fig)
    return len(panels)


def write_series(run_dir: str | os.PathLike, out=None, metrics=None, plot=None, by: str = "jurisdiction",
                 conflicts_out=None) -> dict:
    """``recount series`` in one call: the series (CSV/Parquet, or CSV text when ``out`` is
    None), optionally its chart and its conflicts. Returns counts and, without ``out``, the CSV."""
    points, _ = load_points(run_dir)
    series = build_series(run_dir, metrics, points=points)
    conflicts = find_conflicts(run_dir, metrics, points=points)
    result = {"rows": len(series), "conflicts": len(conflicts), "charts": 0, "csv": None,
              "jurisdictions": series[JURISDICTION].nunique(), "metrics": series[METRIC].nunique()}
    if out:
        write_table(series, out)
    else:
        result["csv"] = series.to_csv(index=False, lineterminator="\n")
    if conflicts_out:
        write_table(conflicts, conflicts_out)
    if plot:
        result["charts"] = plot_series(series, plot, by=by)
    return result
