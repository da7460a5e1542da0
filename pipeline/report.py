"""``recount report``: one self-contained HTML page for an inspector.

The page shows each document's text with every figure highlighted by kind and role, and a
table of checks (inconsistencies first) whose stated figure and operands link to their
highlighted spans. Over a ``recount run`` dataset it opens with a summary (documents,
failures by reason, inconsistencies by document) linking to each document's section.

Everything is in one file: CSS and the small verdict filter script are inline, nothing is
fetched from the network, and every piece of document text goes through Jinja's
autoescaping, so a report built from a file containing ``<script>`` runs no script.

The same input gives byte-identical output: documents are ordered by path, checks by
verdict then position, and the page holds no clock time.

Example::

    >>> write_report("corpus/docs/vi_018_toan_quoc_2024.txt", "report.html")  # doctest: +SKIP
    >>> write_report("out/demo", "demo.html")  # a run directory  # doctest: +SKIP
"""
from __future__ import annotations

import base64
import hashlib
import math
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from recount.pipeline import columns as C
from recount.pipeline.errors import RecountError

TEMPLATES = Path(__file__).resolve().parent / "templates"

#: Verdicts in the order the report lists them: what needs a person's eyes first.
VERDICTS = ("inconsistent", "ambiguous", "unverifiable", "consistent")

#: Colour group of each role, so a reader tells levels from rates from changes at a glance.
ROLE_GROUPS = {
    **{role: "level" for role in (
        "received_total", "carried_over", "new", "entrusted", "withdrawn", "to_enforce",
        "enforceable", "not_enforceable", "completed", "terminated", "in_progress", "postponed",
        "carried_next", "recovered")},
    "completion_rate": "rate", "enforceable_share": "rate",
    "change_abs": "change", "change_pct": "change", "change_pp": "change",
    "target": "target", "target_gap": "target",
}


class ReportError(RecountError):
    """A report that cannot be built (nothing to report on, unreadable run directory)."""


# ---------------------------------------------------------------- loading
def is_run_dir(path: str | os.PathLike) -> bool:
    """A folder written by ``recount run``: it holds a ``documents`` table."""
    return (Path(path) / C.DOCUMENTS).is_dir()


@dataclass
class Tables:
    """The five tables of a run (or of documents processed on the spot) plus their texts.

    ``texts`` maps ``doc`` to the document text, or to ``None`` with a note in ``text_notes``
    when the source could not be re-read.
    """

    documents: pd.DataFrame
    figures: pd.DataFrame
    checks: pd.DataFrame
    derived: pd.DataFrame
    cells: pd.DataFrame
    texts: dict[str, str | None] = field(default_factory=dict)
    text_notes: dict[str, str] = field(default_factory=dict)
    is_run: bool = False


def reread_sources(documents: pd.DataFrame) -> tuple[dict[str, str | None], dict[str, str]]:
    """The text of every document a run read, read again from its source.

    The run stores figures and offsets but not the text; a text is returned only if the
    file's hash is still the one the run recorded (offsets into an edited file would point
    at the wrong words). Returns the texts and, for each document left out, why.
    """
    from recount.pipeline.errors import InputError
    from recount.pipeline.ingest import read_document

    texts, notes = {}, {}
    for doc, sha256, status in zip(documents[C.DOC], documents[C.SHA256], documents[C.STATUS]):
        if status != C.STATUS_OK:
            continue
        try:
            document = read_document(doc)
        except InputError as exc:
            texts[doc], notes[doc] = None, f"source text not shown: {exc}"
            continue
        if document.sha256 != sha256:
            texts[doc], notes[doc] = None, "source text not shown: the file changed since the run"
            continue
        texts[doc] = document.text
    return texts, notes


def read_run(run_dir: str | os.PathLike) -> Tables:
    """The tables of a run directory, with each document's text re-read from its source."""
    try:
        frames = {name: _read_table(Path(run_dir), name) for name in C.TABLES}
    except (OSError, ValueError) as exc:
        raise ReportError(f"{run_dir}: not a readable recount run directory ({exc})") from exc
    texts, notes = reread_sources(frames[C.DOCUMENTS])
    return Tables(**frames, texts=texts, text_notes=notes, is_run=True)


def _read_table(run_dir: Path, name: str) -> pd.DataFrame:
    if name == C.CELLS and not (run_dir / name).is_dir():
        return C.empty_table(name).to_pandas()  # a run written before the cells table existed
    return pd.read_parquet(run_dir / name)


def process_sources(paths: list[str]) -> Tables:
    """Process files (or folders of them) on the spot into the same tables a run writes."""
    from recount.pipeline.process import process_path
    from recount.pipeline.sources import expand_sources

    found = expand_sources(paths)
    if not found.paths:
        raise ReportError("no input files in " + ", ".join(paths)
                          + ("; " + "; ".join(found.problems) if found.problems else ""))
    parts = {name: [] for name in C.TABLES}
    texts = {}
    for path in found.paths:
        result = process_path(path)
        for name, frame in C.result_to_frames(result).items():
            parts[name].append(frame)
        if result.document is not None and result.failure is None:
            texts[result.doc] = result.document.text
    frames = {name: pd.concat(parts[name], ignore_index=True) for name in C.TABLES}
    return Tables(**frames, texts=texts)


def load(path: str | os.PathLike) -> Tables:
    """A run directory's tables, or a file or folder of reports processed now."""
    if is_run_dir(path):
        return read_run(path)
    if not os.path.exists(path):
        raise ReportError(f"{path}: no such file or directory")
    return process_sources([str(path)])


# ---------------------------------------------------------------- view model
def _clean(value):
    """``None`` for pandas/NumPy missing values, plain Python numbers otherwise."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
    return value


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts of plain values; list cells (a check's operands) are kept as they are."""
    return [{k: v if k == C.OPERANDS or k == C.NOTES else _clean(v) for k, v in row.items()}
            for row in frame.to_dict("records")]


def fmt_number(value) -> str:
    """A recomputed value for people: up to four decimals, no trailing zeros, thousands
    separated by a thin space (the documents use both "." and "," as separators, so neither
    would read unambiguously next to them)."""
    if value is None:
        return "—"
    if abs(value) >= 1000 and float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u2009")
    text = f"{value:,.4f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u2009")


@dataclass
class Span:
    """A stretch of text to highlight: a figure, or an operand/stated span with no figure."""

    start: int
    end: int
    anchor: str
    classes: str
    title: str
    label: str = ""


@dataclass
class Segment:
    """A piece of the document text between two span boundaries.

    ``span`` is the innermost span covering it (``None`` for plain text); ``anchors`` are the
    ids of spans that begin here but are not the innermost one (they get an empty anchor so a
    link to them still lands here); ``page`` is set on the one-character page-break segment.
    """

    text: str
    span: Span | None = None
    opens_span: bool = False
    anchors: list[str] = field(default_factory=list)
    page: int | None = None


def span_anchor(prefix: str, start: int, end: int) -> str:
    return f"{prefix}-s{start}-{end}"


def figure_title(figure: dict) -> str:
    parts = [figure.get("kind") or "", figure.get("role") or "no role"]
    value = figure.get("value")
    if value is not None:
        parts.append(f"= {fmt_number(value)} {figure.get('unit') or ''}".rstrip())
    if figure.get("qualifier") and figure["qualifier"] != "exact":
        parts.append(figure["qualifier"])
    for key in ("period", "jurisdiction", "id"):
        if figure.get(key):
            parts.append(str(figure[key]))
    return " · ".join(parts)


def text_segments(text: str, spans: list[Span]) -> list[Segment]:
    """Cut ``text`` at every span boundary and page break (``\\f``).

    Spans may overlap or nest (a range "3 à 8 millions" holds two figures inside the span a
    check quotes); each piece is drawn in its innermost span.
    """
    cuts = {0, len(text)}
    for span in spans:
        cuts.update((span.start, span.end))
    page_breaks = [i for i, ch in enumerate(text) if ch == "\f"]
    for i in page_breaks:
        cuts.update((i, i + 1))
    starts: dict[int, list[Span]] = {}
    for span in spans:
        starts.setdefault(span.start, []).append(span)
    ordered = sorted(cuts)
    segments, page = [], 1
    for a, b in zip(ordered, ordered[1:]):
        if b - a == 1 and text[a] == "\f":
            page += 1
            segments.append(Segment(text="", page=page, anchors=[s.anchor for s in starts.get(a, [])]))
            continue
        covering = [s for s in spans if s.start <= a and b <= s.end]
        inner = min(covering, key=lambda s: (s.end - s.start, s.anchor)) if covering else None
        opens = inner is not None and inner.start == a
        anchors = [s.anchor for s in sorted(starts.get(a, []), key=lambda s: s.anchor) if s is not inner]
        segments.append(Segment(text=text[a:b], span=inner, opens_span=opens, anchors=anchors))
    return segments


@dataclass
class CheckView:
    anchor: str
    verdict: str
    severity: str | None
    rule: str
    identity: str | None
    stated_text: str
    stated_href: str | None
    recomputed: str
    interval: str
    rounding: str | None
    formula: str
    operands: list[dict]
    sentence: str
    page: int | None
    reason: str


@dataclass
class DocumentView:
    anchor: str
    doc: str
    name: str
    status: str
    failure_reason: str | None
    failure_detail: str | None
    language: str | None
    pages: int | None
    n_figures: int
    n_derived: int
    checks: list[CheckView]
    verdict_counts: dict[str, int]
    segments: list[Segment] | None
    text_note: str
    figures: list[dict]

    @property
    def n_inconsistent(self) -> int:
        return self.verdict_counts.get("inconsistent", 0)


def _check_sort_key(check: dict):
    verdict = check.get("verdict")
    return (VERDICTS.index(verdict) if verdict in VERDICTS else len(VERDICTS),
            check.get("severity") != "major",
            check.get("start") if check.get("start") is not None else -1,
            check.get("rule") or "", check.get("formula") or "")


def _operands(check: dict) -> list[dict]:
    raw = check.get(C.OPERANDS)
    if raw is None:
        return []
    return [{k: _clean(v) for k, v in dict(op).items()} for op in raw]


def document_view(index: int, doc_row: dict, name: str, tables: Tables) -> DocumentView:
    doc = doc_row[C.DOC]
    prefix = f"d{index}"
    figures = _records(tables.figures[tables.figures[C.DOC] == doc].sort_values(["start", "end"], kind="stable"))
    checks = _records(tables.checks[tables.checks[C.DOC] == doc])
    derived = tables.derived[tables.derived[C.DOC] == doc]
    checks.sort(key=_check_sort_key)
    text = tables.texts.get(doc)

    flagged = {(c["start"], c["end"]): c["verdict"] for c in checks
               if c.get("start") is not None and c["verdict"] in ("inconsistent", "ambiguous")}
    spans: dict[tuple[int, int], Span] = {}
    for figure in figures:
        key = (figure["start"], figure["end"])
        role = figure.get("role")
        classes = [f"fig kind-{figure['kind']}", f"group-{ROLE_GROUPS.get(role, 'other')}"]
        if key in flagged:
            classes.append(f"flag-{flagged[key]}")
        spans[key] = Span(key[0], key[1], span_anchor(prefix, *key), " ".join(classes),
                          figure_title(figure), label=role or figure["kind"])
    # an operand or a stated figure always gets a target, even one not among the figures
    # (a cell read from a table, a number only the checker parsed)
    for check in checks:
        refs = [(check.get("start"), check.get("end"))]
        refs += [(op.get("start"), op.get("end")) for op in _operands(check)]
        for start, end in refs:
            if start is None or end is None or (start, end) in spans:
                continue
            spans[(start, end)] = Span(start, end, span_anchor(prefix, start, end), "ref", "used by a check")

    def href(start, end):
        if text is None or start is None or end is None:
            return None
        return "#" + span_anchor(prefix, start, end)

    check_views = []
    for i, check in enumerate(checks):
        low, high = check.get("low"), check.get("high")
        operands = [{"role": op.get("role") or "", "text": op.get("text") or "",
                     "value": fmt_number(op.get("value")), "source": op.get("source") or "text",
                     "href": href(op.get("start"), op.get("end"))} for op in _operands(check)]
        check_views.append(CheckView(
            anchor=f"{prefix}-c{i + 1}", verdict=check["verdict"], severity=check.get("severity"),
            rule=check.get("rule") or "", identity=check.get("identity"),
            stated_text=check.get("text") or "", stated_href=href(check.get("start"), check.get("end")),
            recomputed=fmt_number(check.get("recomputed")),
            interval="" if low is None or high is None or fmt_number(low) == fmt_number(high)
            else f"{fmt_number(low)} – {fmt_number(high)}",
            rounding=check.get("rounding"), formula=check.get("formula") or "", operands=operands,
            sentence=check.get("sentence") or "", page=check.get("page"), reason=check.get("reason") or "",
        ))
    counts = Counter(c.verdict for c in check_views)
    return DocumentView(
        anchor=f"doc-{index}", doc=doc, name=name, status=doc_row.get(C.STATUS) or "",
        failure_reason=doc_row.get(C.FAILURE_REASON), failure_detail=doc_row.get(C.FAILURE_DETAIL),
        language=doc_row.get(C.LANGUAGE), pages=doc_row.get(C.PAGES), n_figures=len(figures),
        n_derived=len(derived), checks=check_views,
        verdict_counts={v: counts[v] for v in VERDICTS if counts[v]},
        segments=text_segments(text, sorted(spans.values(), key=lambda s: (s.start, -s.end)))
        if text is not None else None,
        text_note=tables.text_notes.get(doc, ""),
        figures=figures if text is None else [],
    )


def display_names(docs: list[str]) -> dict[str, str]:
    """Paths without the folder they all share: ``corpus/docs/vi_001.txt`` -> ``vi_001.txt``."""
    if len(docs) < 2 or len({os.path.isabs(d) for d in docs}) > 1:
        return {d: (os.path.basename(d) or d) if len(docs) < 2 else d for d in docs}
    common = os.path.commonpath([os.path.dirname(d) or "." for d in docs])
    return {d: os.path.relpath(d, common) if common not in ("", ".") else d for d in docs}


def build_views(tables: Tables) -> list[DocumentView]:
    rows = _records(tables.documents.sort_values(C.DOC, kind="stable"))
    names = display_names([r[C.DOC] for r in rows])
    return [document_view(i + 1, row, names[row[C.DOC]], tables) for i, row in enumerate(rows)]


def summary(views: list[DocumentView]) -> dict:
    """Totals for the summary page: failures by reason, inconsistencies by document."""
    failures = Counter(v.failure_reason or "error" for v in views if v.status != C.STATUS_OK)
    verdicts = Counter()
    for view in views:
        verdicts.update(view.verdict_counts)
    return {
        "documents": len(views),
        "ok": sum(v.status == C.STATUS_OK for v in views),
        "failures": sorted(failures.items(), key=lambda kv: (-kv[1], kv[0])),
        "verdicts": [(v, verdicts[v]) for v in VERDICTS],
        "checks": sum(verdicts.values()),
        "inconsistent_docs": sorted((v for v in views if v.n_inconsistent),
                                    key=lambda v: (-v.n_inconsistent, v.name)),
    }


# ---------------------------------------------------------------- rendering
def environment() -> Environment:
    # autoescape everything: the templates are HTML and the data is untrusted document text
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=True)


def render(tables: Tables, title: str) -> tuple[str, dict]:
    """The report page for ``tables`` as an HTML string, and its summary totals."""
    views = build_views(tables)
    if not views:
        raise ReportError("nothing to report: the input holds no documents")
    totals = summary(views)
    env = environment()
    script = env.get_template("_filter_script.html").render()
    html = env.get_template("report.html").render(
        title=title, views=views, summary=totals, show_summary=tables.is_run or len(views) > 1,
        verdicts=VERDICTS, script=Markup(script), script_hash=script_hash(script))
    return html, totals


def script_hash(script: str) -> str:
    """The CSP source allowing exactly this inline script and no other (defence in depth:
    were some text ever left unescaped, the browser would still refuse to run it)."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def write_report(path: str | os.PathLike, out: str | os.PathLike) -> dict:
    """Build the report for a file, a folder of reports or a run directory into ``out``.

    Returns:
        the summary totals (documents, checks, verdict counts, failures).
    """
    tables = load(path)
    title = f"recount report: {os.path.basename(os.path.normpath(str(path)))}"
    html, totals = render(tables, title)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(html, encoding="utf-8")
    return {"documents": totals["documents"], "checks": totals["checks"],
            "verdicts": dict(totals["verdicts"]), "failures": dict(totals["failures"])}
