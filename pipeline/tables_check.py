"""Recompute the totals and formula columns of ruled PDF tables, and the prose that restates them.

The official forms (Biểu 01 in cases, Biểu 02 in money) and the tables press releases copy from
them have a header (often two levels), sometimes a row of column numbers that spells the formulas
out ("1=2+3", "6=5/4"), one row per unit, and a "Tổng cộng" / "Total" row at the top or the
bottom; long tables continue on the next page with the header repeated. This module:

- stitches continued tables back together;
- checks every column total against the sum of its rows (rule ``table_total``);
- checks every row against the column-number formulas (rule ``table_formula``); a row that fits is
  counted in the total row's check, a row that does not gets its own check;
- checks prose figures that restate a total ("thi hành xong 30.102 việc" under a table whose
  "Thi hành xong" total is 30.102) against the table (rule ``table_total``, operand = the cell).

Cells are read as printed numbers, so a rate column printed at two decimals is judged with the same
rounding-or-truncation interval as prose (:mod:`recount.pipeline.intervals`). Evidence is the page
and the cell's bounding box.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from recount.pipeline import cues
from recount.pipeline.check import _SUBUNIT
from recount.pipeline.ingest import cell_spans
from recount.pipeline.intervals import Interval, compare, printed_interval, to_float
from recount.pipeline.records import Check, Document, Operand, Table, TableCell

TOTAL_LABEL = re.compile(r"^\s*(?:tổng cộng|tổng số|cộng|toàn (?:quốc|tỉnh|thành phố|ngành)|total|ensemble|toàn bộ)\b",
                         re.IGNORECASE)
FORMULA = re.compile(r"^\s*(\d+)\s*=\s*([\d\s+\-*/().]+)$")
COLUMN_NUMBER = re.compile(r"^\s*(?:[A-Z]|\d+|\d+\s*=\s*[\d\s+\-*/().]+)\s*$")
PERCENT_HEADER = re.compile(r"%|tỷ lệ|tỉ lệ|rate|taux", re.IGNORECASE)
UNIT_LINE = re.compile(r"(?:đơn vị tính|đơn vị|unit|unité)\s*:?\s*([^\n]{1,40})", re.IGNORECASE)
MONEY_UNITS = (
    (re.compile(r"nghìn tỷ|nghìn tỉ|trillion", re.IGNORECASE), 10**12),
    (re.compile(r"tỷ|tỉ|billion|milliards?", re.IGNORECASE), 10**9),
    (re.compile(r"triệu|million", re.IGNORECASE), 10**6),
    (re.compile(r"nghìn|ngàn|thousand|milliers?", re.IGNORECASE), 10**3),
    (re.compile(r"đồng|vnd|dong", re.IGNORECASE), 1),
)


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    value: Fraction | None
    step: Fraction | None
    page: int
    bbox: tuple[float, float, float, float] | None
    #: offsets of the cell's text in the document text, when its row was found there
    start: int | None = None
    end: int | None = None


@dataclass
class Grid:
    """A table stitched across pages: header rows, column numbers, body rows of cells."""

    page: int
    header: list[list[str]]
    numbers: list[str] | None
    rows: list[list[Cell]]

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


# ---------------------------------------------------------------- parsing cells
def number_style(tables: tuple[Table, ...]) -> str:
    """``vi`` when cells print 1.275 and 85,72 (also fr), ``en`` when they print 1,275 and 85.72."""
    vi = en = 0
    for table in tables:
        for row in table.rows:
            for text in row:
                t = text.strip()
                vi += bool(re.fullmatch(r"\d{1,3}(?:\.\d{3})+|\d+,\d{1,3}", t))
                en += bool(re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+\.\d{1,3}", t))
    return "vi" if vi >= en else "en"


def parse_cell(text: str, style: str) -> tuple[Fraction | None, Fraction | None]:
    """(value, unit of the last digit) of a numeric cell, ``(None, None)`` otherwise."""
    t = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if not t or not re.fullmatch(r"-?[\d.,]+", t) or not re.search(r"\d", t):
        return None, None
    if style == "vi":
        whole, _, frac = t.replace(".", "").partition(",")
    else:
        whole, _, frac = t.replace(",", "").partition(".")
    if not whole.lstrip("-").isdigit() or (frac and not frac.isdigit()):
        return None, None
    value = Fraction(f"{whole}.{frac}") if frac else Fraction(int(whole))
    return value, Fraction(1, 10 ** len(frac))


# ---------------------------------------------------------------- stitching tables
def _is_column_numbers(row: tuple[str, ...]) -> bool:
    filled = [c for c in row if c.strip()]
    return bool(filled) and all(COLUMN_NUMBER.match(c) for c in filled) and any("=" in c for c in filled) \
        or (len(filled) >= 3 and all(re.fullmatch(r"[A-Z]|\d{1,2}", c.strip()) for c in filled)
            and [c.strip() for c in filled if c.strip().isdigit()] == [str(i) for i in range(1, 1 + sum(c.strip().isdigit() for c in filled))])


def _is_body(row: tuple[str, ...], style: str) -> bool:
    numeric = sum(parse_cell(c, style)[0] is not None for c in row)
    return numeric >= max(2, len(row) // 2)


def grids(document: Document) -> list[Grid]:
    """The document's tables, continued tables joined, split into header, column numbers, body."""
    style = number_style(document.tables)
    out: list[Grid] = []
    previous: Table | None = None
    for table in sorted(document.tables, key=lambda t: (t.page, t.index)):
        if not table.rows:
            continue
        cell_at = {(c.row, c.col): c for c in table.cells}
        span_at = cell_spans(document, table)
        header, numbers, body = [], None, []
        for r, row in enumerate(table.rows):
            if not body and _is_column_numbers(row):
                numbers = list(row)
            elif not body and not _is_body(row, style):
                header.append(list(row))
            else:
                body.append([_cell(row[c] if c < len(row) else "", cell_at.get((r, c)), table.page, style,
                                   span_at.get((r, c)))
                             for c in range(len(row))])
        continues = (previous is not None and out and table.page == previous.page + 1
                     and len(table.rows[0]) == len(previous.rows[0])
                     and (not header or header == out[-1].header) and body)
        if continues and not TOTAL_LABEL.search(" ".join(out[-1].rows[-1][c].text for c in range(min(2, out[-1].width)))):
            out[-1].rows.extend(body)
            out[-1].numbers = out[-1].numbers or numbers
        else:
            out.append(Grid(table.page, header, numbers, body))
        previous = table
    return out


def _cell(text: str, cell: TableCell | None, page: int, style: str, span: tuple[int, int] | None = None) -> Cell:
    value, step = parse_cell(text, style)
    start, end = span if span else (None, None)
    return Cell(text, value, step, page, cell.bbox if cell else None, start, end)


# ---------------------------------------------------------------- checks
def _label(row: list[Cell]) -> str:
    return " ".join(c.text for c in row[:2] if c.text and parse_cell(c.text, "vi")[0] is None).strip() or \
        (row[1].text if len(row) > 1 else row[0].text)


def _column_name(grid: Grid, col: int) -> str:
    names = [h[col] for h in grid.header if col < len(h) and h[col].strip()]
    return " / ".join(dict.fromkeys(names)) or f"column {col + 1}"


def _interval(cell: Cell) -> Interval:
    if cell.step is not None and cell.step == 1:
        return Interval.of(cell.value)  # whole counts, and amounts printed to the unit
    return printed_interval(cell.value, cell.step)


def _where(cell: Cell) -> str:
    box = ", ".join(f"{v:.0f}" for v in cell.bbox) if cell.bbox else "?"
    return f"page {cell.page}, cell ({box})"


def _operand(cell: Cell, role: str) -> Operand:
    iv = _interval(cell)
    return Operand(role=role, text=cell.text, start=cell.start, end=cell.end, value=float(cell.value),
                   low=float(iv.low), high=float(iv.high), page=cell.page, source="table")


def _check(document: Document, cell: Cell, rule: str, identity: str | None, formula: str, operands, recomputed,
           verdict: str, rounding: str | None, reason: str, sentence: str, severity: str | None = None) -> Check:
    return Check(doc=document.doc, text=cell.text, start=cell.start, end=cell.end, page=cell.page, stated=float(cell.value),
                 rule=rule, formula=formula, operands=tuple(operands), recomputed=to_float(recomputed.point),
                 low=to_float(recomputed.low), high=to_float(recomputed.high), rounding=rounding, verdict=verdict,
                 severity=severity, reason=reason, identity=identity, sentence=sentence, reading="table")


def _judge(document, cell: Cell, recomputed: Interval, rule, identity, formula, operands, sentence, extra="") -> Check:
    result = compare(recomputed, cell.value, None if cell.step == 1 else cell.step)
    if result.consistent:
        reason = f"{formula} = {_fmt(recomputed.point)} ({result.rounding}){extra}; {_where(cell)}"
        return _check(document, cell, rule, identity, formula, operands, recomputed, "consistent", result.rounding,
                      reason, sentence)
    reason = f"{formula} = {_fmt(recomputed.point)}, printed {cell.text}: off by {_fmt(result.units_off)} unit(s) " \
             f"of the last printed digit{extra}; {_where(cell)}"
    return _check(document, cell, rule, identity, formula, operands, recomputed, "inconsistent", None, reason,
                  sentence, severity="minor")


def _fmt(value) -> str:
    v = float(value)
    return f"{v:,.0f}" if v == int(v) else f"{v:,.4f}".rstrip("0").rstrip(".")


def _formulas(grid: Grid) -> list[tuple[int, str, list[tuple[str, int]], str]]:
    """Column formulas from the column-number row: (target column, op, [(sign, column)], text)."""
    if not grid.numbers:
        return []
    index = {}
    for col, text in enumerate(grid.numbers):
        m = re.match(r"\s*(\d+)", text)
        if m:
            index[m.group(1)] = col
    found = []
    for col, text in enumerate(grid.numbers):
        m = FORMULA.match(text)
        if not m:
            continue
        expr = m.group(2).replace(" ", "")
        if "/" in expr:
            a, _, b = expr.partition("/")
            if a in index and b in index:
                found.append((col, "/", [("+", index[a]), ("/", index[b])], text.strip()))
        else:
            terms = re.findall(r"([+\-]?)(\d+)", expr)
            if terms and all(t in index for _, t in terms):
                found.append((col, "+", [(sign or "+", index[t]) for sign, t in terms], text.strip()))
    return found


def _evaluate(row: list[Cell], op: str, terms: list[tuple[str, int]], percent: bool) -> tuple[Interval, list[Cell]] | None:
    used = [row[c] for _, c in terms if c < len(row)]
    if len(used) != len(terms) or any(c.value is None for c in used):
        return None
    if op == "/":
        numerator, denominator = _interval(used[0]), _interval(used[1])
        if denominator.low <= 0:
            return None
        result = numerator / denominator
        return (result.scaled(100) if percent else result), used
    total = None
    for (sign, _), cell in zip(terms, used):
        iv = _interval(cell)
        total = iv if total is None else (total + iv if sign == "+" else total - iv)
    return total, used


def check_grid(document: Document, grid: Grid) -> list[Check]:
    checks: list[Check] = []
    totals = [r for r in grid.rows if TOTAL_LABEL.search(_label(r))]
    body = [r for r in grid.rows if r not in totals]
    formulas = _formulas(grid)
    percent_cols = {c for c in range(grid.width) if PERCENT_HEADER.search(_column_name(grid, c))}
    percent_cols |= {col for col, op, _, _ in formulas if op == "/"}
    # rows against the column-number formulas
    fits: dict[str, int] = {}
    for col, op, terms, text in formulas:
        fits[text] = 0
        for row in body:
            if col >= len(row) or row[col].value is None:
                continue
            got = _evaluate(row, op, terms, col in percent_cols)
            if got is None:
                continue
            recomputed, used = got
            formula = (" / ".join(c.text for c in used) + (" × 100" if col in percent_cols else "")) if op == "/" else \
                " ".join(f"{'' if i == 0 else sign + ' '}{c.text}" for i, ((sign, _), c) in enumerate(zip(terms, used)))
            check = _judge(document, row[col], recomputed, "table_formula", text, formula,
                           [_operand(c, _column_name(grid, ci)) for c, (_, ci) in zip(used, terms)],
                           f"table p{grid.page}, row '{_label(row)}', column '{_column_name(grid, col)}'")
            if check.verdict == "consistent":
                fits[text] += 1
            else:
                checks.append(check)
    # the total row: column sums and its own formulas
    for total in totals:
        for col in range(2, grid.width):
            if col >= len(total) or total[col].value is None or col in percent_cols:
                continue
            cells = [r[col] for r in body if col < len(r) and r[col].value is not None]
            if len(cells) < 2:
                continue
            recomputed = sum((_interval(c) for c in cells[1:]), _interval(cells[0]))
            formula = f"sum of {len(cells)} rows"
            checks.append(_judge(document, total[col], recomputed, "table_total", f"Σ {_column_name(grid, col)}", formula,
                                 [_operand(c, _label(r)) for c, r in zip(cells, body)],
                                 f"table p{grid.page}, row '{_label(total)}', column '{_column_name(grid, col)}'"))
        for col, op, terms, text in formulas:
            if col >= len(total) or total[col].value is None:
                continue
            got = _evaluate(total, op, terms, col in percent_cols)
            if got is None:
                continue
            recomputed, used = got
            rows_note = f"; rows fitting {text}: {fits.get(text, 0)}/{len(body)}"
            formula = (" / ".join(c.text for c in used) + (" × 100" if col in percent_cols else "")) if op == "/" else \
                " + ".join(c.text for c in used)
            checks.append(_judge(document, total[col], recomputed, "table_formula", text, formula,
                                 [_operand(c, _column_name(grid, ci)) for c, (_, ci) in zip(used, terms)],
                                 f"table p{grid.page}, row '{_label(total)}', column '{_column_name(grid, col)}'",
                                 rows_note))
    return checks


# ---------------------------------------------------------------- prose restating a table
def table_unit(document: Document, grid: Grid) -> tuple[str, int]:
    """(kind, base units per printed unit) from the "Đơn vị tính: ..." line of the table's page."""
    if document.page_starts and grid.page - 1 < len(document.page_starts):
        start = document.page_starts[grid.page - 1]
        end = document.page_starts[grid.page] if grid.page < len(document.page_starts) else len(document.text)
        page_text = document.text[start:end]
    else:
        page_text = document.text
    for line in UNIT_LINE.finditer(page_text):
        unit = line.group(1)
        for pattern, factor in MONEY_UNITS:
            if pattern.search(unit):
                return "money", factor
        if re.search(r"việc|cases?|affaires|dossiers", unit, re.IGNORECASE):
            return "count", 1
    return "count", 1


class ProseFigures:
    """A report's prose figures that may restate a table total, sorted out once per report:
    each total cell of each table is held against them, and a long report has both many tables
    and many figures."""

    def __init__(self, items) -> None:
        prose = [it for it in items if it.figure.source != "table"]
        #: the percentages read as rates
        self.rates = [it for it in prose if it.kind == "percent" and it.klass == "rate"]
        #: counts and amounts by (kind, role), in order
        self.by_kind_role: dict[tuple[str, str], list] = {}
        for it in prose:
            if it.role is not None:
                self.by_kind_role.setdefault((it.kind, it.role), []).append(it)


def check_prose_against_tables(document: Document, grid: Grid, prose: ProseFigures) -> list[Check]:
    """Prose figures that restate a total of the table, with the same role, must agree with it.

    ``prose`` is the report's :class:`ProseFigures`, made once for all its tables."""
    kind, factor = table_unit(document, grid)
    totals = [r for r in grid.rows if TOTAL_LABEL.search(_label(r))]
    checks = []
    for total in totals:
        for col in range(2, min(grid.width, len(total))):
            cell = total[col]
            if cell.value is None:
                continue
            name = _column_name(grid, col)
            is_rate = bool(PERCENT_HEADER.search(name))
            role = None if is_rate else cues.amount_role(name, "")
            candidates = prose.rates if is_rate else prose.by_kind_role.get((kind, role), []) if role else []
            for it in candidates:
                if is_rate:
                    # many rates of one report sit near the total (each office's, last year's, the
                    # target): only one within half a point, in a sentence about the whole area and
                    # this period, is taken to restate it
                    if _SUBUNIT.search(it.context) \
                            or cues.EARLIER_PERIOD.search(it.left + " " + it.right) \
                            or abs(Fraction(repr(it.figure.value)) - cell.value) > Fraction(1, 2):
                        continue
                    base = Fraction(1)
                else:
                    base = Fraction(factor)
                stated = Fraction(repr(it.figure.value))
                table_value = cell.value * base
                if table_value <= 0 or abs(stated / table_value - 1) > Fraction(5, 100):
                    continue  # another period or unit: not a restatement of this total
                table_iv = _interval(cell).scaled(base)
                result = compare(table_iv, stated, it.figure.step if it.figure.step and not
                                 (it.kind == "count" and it.figure.step <= 1) else None, it.figure.qualifier or "exact")
                verdict = "consistent" if result.consistent else "inconsistent"
                reason = (f"restates the table's {name} total {cell.text} ({_where(cell)}): "
                          + ("agrees" + (f" ({result.rounding})" if result.rounding else "") if result.consistent else
                             f"off by {_fmt(result.units_off)} unit(s) of the last printed digit"))
                s, e = it.sentence
                checks.append(Check(
                    doc=document.doc, text=it.figure.text, start=it.figure.start, end=it.figure.end,
                    page=it.figure.page if it.figure.page is not None else document.page_of(it.figure.start),
                    stated=float(it.figure.value), rule="table_total", formula=f"table {name} total {cell.text}",
                    operands=(_operand(cell, name),), recomputed=to_float(table_iv.point), low=to_float(table_iv.low),
                    high=to_float(table_iv.high), rounding=result.rounding, verdict=verdict,
                    severity=None if result.consistent else "minor", reason=reason, identity=None,
                    sentence=" ".join(document.text[s:e].split()), reading="restated from table"))
    return checks


def check_tables(document: Document, items) -> list[Check]:
    """Every check recount can make on the document's tables (see the module docstring)."""
    checks: list[Check] = []
    prose = ProseFigures(items)
    for grid in grids(document):
        checks += check_grid(document, grid)
        checks += check_prose_against_tables(document, grid, prose)
    return checks


# ---------------------------------------------------------------- cells as tidy rows
#: Columns of ``recount tables``: one row per number in the body of a ruled table.
TABLE_CELL_COLUMNS = (
    "doc", "page", "table", "row", "label", "column", "column_number", "text", "value", "unit", "role",
    "start", "end", "bbox",
)
#: The two parts a total of the forms adds up (checking.md I1).
_SUM_PARTS = {"received_total": ("carried_over", "new")}
#: A rate column's role from the roles of the two columns its form formula divides
#: ("6=5/4": completed / enforceable is the completion rate).
_RATE_ROLES = {("completed", "enforceable"): "completion_rate", ("enforceable", "to_enforce"): "enforceable_share",
               ("enforceable", "received_total"): "enforceable_share"}


def table_cells(document: Document) -> list[dict]:
    """Every number in the body of the document's ruled tables, as a tidy row.

    A row says where the number stands (page, table, its row's label, its column's header and
    form number, offsets and box) and what it is: the value in base units (a money table in
    "Đơn vị tính: nghìn đồng" is multiplied out), its unit, and the role its column's header
    names ("Thi hành xong" is ``completed``; a rate column takes its role from the columns its
    form formula divides). Row-number and label columns hold no numbers of interest and are
    left out. Tables continued over pages are one table; ``table`` numbers them from 1.
    """
    rows = []
    for t_index, grid in enumerate(grids(document), start=1):
        kind, factor = table_unit(document, grid)
        names = [_column_name(grid, col) for col in range(grid.width)]
        percent = [bool(PERCENT_HEADER.search(name)) for name in names]
        roles = _column_roles(grid, names, percent)
        numbers = grid.numbers or []
        skip = {col for col in range(grid.width) if _is_row_number_column(grid, col)
                or (col < len(numbers) and re.fullmatch(r"\s*[A-Z]\s*", numbers[col]))}
        for r, row in enumerate(grid.rows, start=1):
            label = _label(row)
            for col, cell in enumerate(row):
                if col in skip or cell.value is None:
                    continue
                rows.append({
                    "doc": document.doc, "page": cell.page, "table": t_index, "row": r, "label": label,
                    "column": names[col], "column_number": numbers[col].strip() if col < len(numbers) else None,
                    "text": cell.text, "value": float(cell.value if percent[col] else cell.value * factor),
                    "unit": "percent" if percent[col] else ("VND" if kind == "money" else "case"),
                    "role": roles[col],
                    "start": cell.start, "end": cell.end, "bbox": list(cell.bbox) if cell.bbox else None,
                })
    return rows


def _column_roles(grid: Grid, names: list[str], percent: list[bool]) -> list[str | None]:
    """What each column measures: an amount column what its header names ("Thi hành xong" is
    ``completed``), a rate column what its form formula divides ("6=5/4": completed /
    enforceable is the completion rate). A part of a sum whose header names nothing known
    is the other part: "1=2+3" under "Total reçu | Reporté | Nouveau" makes "Nouveau" the
    new cases (I1: received = carried over + new)."""
    roles = [None if is_percent else cues.amount_role(name, "") for name, is_percent in zip(names, percent)]
    amount_roles = list(roles)
    for col, op, terms, _ in _formulas(grid):
        if op == "/" and percent[col]:
            roles[col] = _RATE_ROLES.get((amount_roles[terms[0][1]], amount_roles[terms[1][1]]))
        elif op == "+" and amount_roles[col] in _SUM_PARTS and len(terms) == 2:
            parts = _SUM_PARTS[amount_roles[col]]
            (_, a), (_, b) = terms
            for known, unknown in ((a, b), (b, a)):
                if amount_roles[known] in parts and amount_roles[unknown] is None:
                    amount_roles[unknown] = next(p for p in parts if p != amount_roles[known])
                    if not percent[unknown]:
                        roles[unknown] = amount_roles[unknown]
    return roles


def _is_row_number_column(grid: Grid, col: int) -> bool:
    """A column counting the rows 1, 2, 3... ("STT", "N°"), blanks allowed (a total row)."""
    seen = [row[col].value for row in grid.rows if col < len(row) and row[col].text.strip()]
    return bool(seen) and seen == list(range(1, len(seen) + 1))
