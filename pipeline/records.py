"""The records that flow through recount.

Every stage takes and returns these frozen dataclasses; none of them knows about spaCy,
pdfplumber or pandas, so they can cross process boundaries (pickled by a process pool or
Dask) and be turned into table rows by :mod:`recount.pipeline.columns`.

Offsets are code-point offsets into ``Document.text`` (the text as recount normalized it:
NFC, one ``\\n`` between lines, pages joined by ``\\f``), and ``text == doc_text[start:end]``
always holds for every figure.
"""
from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field

#: Kinds of figure recount extracts.
KINDS = ("count", "money", "percent", "directive")
#: Units a figure can carry.
UNITS = ("case", "VND", "USD", "percent", "percentage_point")
#: Qualifiers: how a hedge word bounds the printed number.
QUALIFIERS = ("exact", "over", "under", "about")


@dataclass(frozen=True, slots=True)
class TableCell:
    """One cell of a table found on a PDF page.

    ``bbox`` is ``(x0, top, x1, bottom)`` in PDF points, as pdfplumber reports it.
    """

    row: int
    col: int
    text: str
    bbox: tuple[float, float, float, float] | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """A ruled table: ``rows`` of cell texts plus the cells with their coordinates."""

    page: int
    index: int
    rows: tuple[tuple[str, ...], ...]
    cells: tuple[TableCell, ...] = ()
    bbox: tuple[float, float, float, float] | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A report as recount read it.

    Args:
        doc: the path (or name) as the caller gave it; used as the document key in outputs.
        text: normalized text of the whole document.
        page_starts: offset in ``text`` where each page begins; empty for plain text files.
        source_type: ``txt``, ``pdf`` or ``string``.
        encoding: the encoding detected for text files (``utf-8``, ``utf-16``, ``cp1258``...).
        tables: tables found on ruled PDF pages.
        sha256: hex digest of the input bytes (or of the text for strings).
        notes: anything worth telling the user that did not stop the read (e.g. a page with no
            text layer in an otherwise readable PDF).
        ocr_pages: 1-based pages whose text came from OCR (:mod:`recount.pipeline.ocr`).
    """

    doc: str
    text: str
    page_starts: tuple[int, ...] = ()
    source_type: str = "string"
    encoding: str | None = None
    tables: tuple[Table, ...] = ()
    sha256: str = ""
    notes: tuple[str, ...] = ()
    ocr_pages: tuple[int, ...] = ()

    @property
    def n_pages(self) -> int | None:
        return len(self.page_starts) or None

    def page_of(self, offset: int) -> int | None:
        """1-based page number holding ``offset``; ``None`` for text files."""
        if not self.page_starts:
            return None
        return bisect.bisect_right(self.page_starts, offset)

    def page_span(self, page: int) -> tuple[int, int]:
        """(start, end) of 1-based ``page`` in ``text``, without the form feed that joins it to
        the next page; the whole text for a text file."""
        if not self.page_starts:
            return 0, len(self.text)
        end = self.page_starts[page] - 1 if page < len(self.page_starts) else len(self.text)
        return self.page_starts[page - 1], end


@dataclass(frozen=True, slots=True)
class Figure:
    """One extracted figure: a count, a money amount, a percentage or a directive reference.

    ``value`` is in base units: cases as a number, money in its currency's base unit
    ("8,35 tỉ đồng" -> 8.35e9), percentages as the number (48.49). ``step`` is the value of
    one unit in the last printed digit, in the same base units ("8,35 tỉ" -> 1e7, "48,49%" ->
    0.01, "289" -> 1); the checker reads every printed number as the interval it could have
    been rounded or truncated from, and needs ``step`` for that.

    For a range ("3 à 8 millions de VND") or a slash pair ("41 việc/8,35 tỉ"), each member is
    its own figure; ``group`` links the members with a shared id and ``group_kind`` says
    ``range`` or ``pair``.
    """

    doc: str
    kind: str
    text: str
    start: int
    end: int
    value: float | None = None
    unit: str | None = None
    qualifier: str = "exact"
    change: str | None = None
    page: int | None = None
    lang: str | None = None
    period: str | None = None
    jurisdiction: str | None = None
    # directives
    id: str | None = None
    type: str | None = None
    date: str | None = None
    year: int | None = None
    issuer: str | None = None
    # for checking and modelling
    step: float | None = None
    decimals: int | None = None
    scale: str | None = None
    sent_start: int | None = None
    sent_end: int | None = None
    group: int | None = None
    group_kind: str | None = None
    role: str | None = None
    role_p: float | None = None
    source: str = "text"  # text | table | ocr | derived

    def to_dict(self) -> dict:
        return asdict(self)


_FIGURE_SETTERS = tuple(Figure.__dict__[f].__set__ for f in Figure.__dataclass_fields__)
_new_object = object.__new__


def figure_from_values(values: tuple) -> Figure:
    """``Figure(*values)``: every field's value in field order, about three times faster.

    The generated ``__init__`` of a frozen dataclass matches keywords and sets each of the 28
    fields through ``object.__setattr__``; a number-dense page builds a few dozen figures, and
    this sets the slots directly. ``values`` must hold every field (``ValueError`` otherwise),
    so a field added to :class:`Figure` cannot be silently left unset.
    """
    fig = _new_object(Figure)
    for set_field, value in zip(_FIGURE_SETTERS, values, strict=True):
        set_field(fig, value)
    return fig


#: Fields of :class:`Figure` written by ``recount extract`` (the output contract), in order.
FIGURE_OUTPUT_FIELDS = (
    "doc", "kind", "value", "unit", "qualifier", "change", "text", "start", "end", "page",
    "lang", "period", "jurisdiction", "id", "type", "date", "role", "role_p",
)


@dataclass(frozen=True, slots=True)
class Failure:
    """A file recount could not read, with a machine-readable ``reason`` and a human ``detail``.

    ``reason`` is one of :data:`FAILURE_REASONS`.
    """

    doc: str
    reason: str
    detail: str = ""


#: Reasons a file can fail to be read.
FAILURE_REASONS = (
    "not_found", "unreadable", "encrypted", "corrupt", "no_text_layer", "unsupported_type",
    "empty", "binary", "too_large", "timeout", "memory", "worker_crash", "error",
)


@dataclass(frozen=True, slots=True)
class Operand:
    """A figure used as an input to a check."""

    role: str
    text: str
    start: int | None
    end: int | None
    value: float
    low: float
    high: float
    page: int | None = None
    source: str = "text"


@dataclass(frozen=True, slots=True)
class Check:
    """A stated figure recomputed from other figures, with a verdict.

    ``low``/``high`` bound the recomputed value after pushing the operands' intervals
    through the formula; ``rounding`` says which reading of the stated number the verdict
    needed (``half_up``, ``truncate``, ``slack`` or ``exact``).
    """

    doc: str
    text: str
    start: int | None
    end: int | None
    page: int | None
    stated: float
    rule: str
    formula: str
    operands: tuple[Operand, ...]
    recomputed: float | None
    low: float | None
    high: float | None
    rounding: str | None
    verdict: str
    severity: str | None = None
    reason: str = ""
    identity: str | None = None
    sentence: str = ""
    reading: str | None = None

    def to_dict(self) -> dict:
        d = asdict(self)
        d["operands"] = [asdict(o) for o in self.operands]
        return d


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """Everything recount found in one input: the figures, the checks, derived figures."""

    doc: str
    document: Document | None
    figures: tuple[Figure, ...] = ()
    checks: tuple[Check, ...] = ()
    derived: tuple[Figure, ...] = ()
    failure: Failure | None = None
    lang: str | None = None
    timings: dict = field(default_factory=dict)
