"""The ``recount`` command line: thin commands over the library.

Each command parses its options, calls one library function and turns recount's errors into
clear messages. Exit codes: 0 success, 1 inconsistencies found (``check``), 2 usage or input
errors (a file that could not be read).
"""
from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, version

import click

from recount.pipeline import output
from recount.pipeline.errors import InputError, RecountError


def _version() -> str:
    try:
        return version("recount")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(_version(), "--version", prog_name="recount")
def cli():
    """recount: extract and cross-check figures in civil judgment enforcement reports.

    Reads .txt and .pdf reports in Vietnamese, English and French.
    """


def _expand(paths):
    """Files as given stay as given (``doc`` is the path as the user wrote it); folders,
    globs and listings are expanded by :func:`recount.pipeline.sources.expand_sources`."""
    import os

    from recount.pipeline.sources import expand_sources

    out = []
    for p in paths:
        if os.path.isfile(p) or (not os.path.exists(p) and not set("*?[@") & set(p[:1] + p)):
            out.append(p)
            continue
        inputs = expand_sources([p])
        for problem in inputs.problems:
            click.echo(f"recount: {problem}", err=True)
        out.extend(inputs.paths)
    return out


def _records_command(default_format: str):
    """The PATHS argument and the --format and -o options of the commands that write one
    record per item (``extract``, ``tables``)."""
    def wrap(command):
        command = click.option("-o", "--output", "out", type=click.Path(dir_okay=False), default=None,
                               help="Write here instead of stdout (required for parquet).")(command)
        command = click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]),
                               default=default_format, show_default=True, help="Output format.")(command)
        return click.argument("paths", nargs=-1, required=True)(command)
    return wrap


def _need_file_for_parquet(fmt: str, out: str | None) -> None:
    if fmt == "parquet" and not out:
        raise click.UsageError("--format parquet needs -o FILE")


def _tell_failure(path: str, reason: str, detail: str) -> None:
    click.echo(f"recount: {path}: {reason}: {detail}", err=True)


# ---- extract ---------------------------------------------------------------------------------
@cli.command()
@_records_command("jsonl")
def extract(paths, fmt, out):
    """Extract every count, money amount, percentage and directive from PATHS.

    PATHS are .txt/.pdf files or folders (searched recursively). One record per figure:
    doc, kind, value, unit, qualifier, change, text, start, end, page, lang, period,
    jurisdiction, id, type, date, role, role_p.
    """
    from recount.pipeline.process import process_path

    _need_file_for_parquet(fmt, out)
    rows, failed = [], 0
    for path in _expand(paths):
        result = process_path(path, check=False)
        if result.failure:
            failed += 1
            _tell_failure(path, result.failure.reason, result.failure.detail)
            continue
        rows.extend(output.figure_row(f) for f in result.figures)
    output.write_rows(rows, output.FIGURE_COLUMNS, fmt, out)
    sys.exit(2 if failed else 0)


# ---- tables ----------------------------------------------------------------------------------
@cli.command()
@_records_command("csv")
def tables(paths, fmt, out):
    """Every number in the ruled tables of the PDFs in PATHS, one tidy row each.

    Columns: doc, page, table, row, label (the row's unit: "Ba Đình", "Total"), column (its
    header), column_number (the form's "1=2+3"), text, value (in base units: a table in
    "nghìn đồng" is multiplied out), unit (case|VND|percent), role (what the header names),
    start, end (offsets in the document text), bbox. Text files have no tables.
    """
    from recount.pipeline.ingest import read_document
    from recount.pipeline.tables_check import TABLE_CELL_COLUMNS, table_cells

    _need_file_for_parquet(fmt, out)
    rows, failed = [], 0
    for path in _expand(paths):
        try:
            rows.extend(table_cells(read_document(path)))
        except InputError as exc:
            failed += 1
            _tell_failure(path, exc.reason, exc.detail)
        except Exception as exc:  # noqa: BLE001 - as in process_path: one file's bug stops no batch
            failed += 1
            _tell_failure(path, "error", f"{type(exc).__name__}: {exc}")
    output.write_rows(rows, TABLE_CELL_COLUMNS, fmt, out)
    sys.exit(2 if failed else 0)


# ---- check -----------------------------------------------------------------------------------
@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table",
              show_default=True, help="table: one line per claim for a person; jsonl/csv for tools.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), default=None,
              help="Write here instead of stdout.")
def check(paths, fmt, out):
    """Recompute every stated rate, change and total in PATHS and give a verdict.

    Exit code 0 when nothing is inconsistent, 1 when something is, 2 for input errors.
    """
    from recount.pipeline.check import write_checks
    from recount.pipeline.process import process_path

    checks, failed = [], 0
    for path in _expand(paths):
        result = process_path(path)
        if result.failure:
            failed += 1
            _tell_failure(path, result.failure.reason, result.failure.detail)
            continue
        checks.extend(result.checks)
    with output.open_output(out) as stream:
        write_checks(checks, fmt, stream)
    if failed:
        sys.exit(2)
    sys.exit(1 if any(c.verdict == "inconsistent" for c in checks) else 0)


# ---- report and series (views for inspectors and analysts) ----------------------------------
@cli.command()
@click.argument("path", type=click.Path(exists=True))
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), default="report.html",
              show_default=True, help="The HTML file to write (self-contained: open it offline).")
def report(path, out):
    """Write an HTML report of PATH: a .txt/.pdf file, a folder of them, or a `recount run` folder.

    Each document's text with its figures highlighted, and its checks (inconsistencies first)
    linked to the figures they used; a run folder also gets a summary.
    """
    from recount.pipeline.report import write_report

    try:
        totals = write_report(path, out)
    except RecountError as exc:
        raise click.ClickException(str(exc)) from exc
    verdicts = ", ".join(f"{n} {v}" for v, n in totals["verdicts"].items() if n)
    click.echo(f"{out}: {totals['documents']} document(s), {totals['checks']} checks ({verdicts or 'none'})")


# ---- run (batch runs over whole archives; owned by the `recount run` work, issue 5) ---------
@cli.command("run")
@click.argument("sources", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Dataset folder (Parquet: documents/ figures/ checks/ derived/ cells/); resumed if it exists.")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Worker processes [default: CPUs].")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", default=None, help="Dask scheduler address (tcp://host:8786); implies --engine dask.")
@click.option("--quiet", is_flag=True, help="No progress bar (none either when stderr is not a terminal).")
@click.option("--time-budget", type=click.FloatRange(min=0), default=60, show_default=True,
              help="Seconds one file may take (0: no limit); over it the file fails as `timeout`.")
@click.option("--memory-mb", type=click.IntRange(min=0), default=2048, show_default=True,
              help="MB one file may take on top of a loaded worker (0: no limit).")
def run_command(sources, out_dir, jobs, engine, scheduler, quiet, time_budget, memory_mb):
    """Run the pipeline over SOURCES into a resumable Parquet dataset.

    A SOURCE is a file, a folder (walked for .pdf/.txt), a glob, @LISTING (one path per line)
    or - (the listing on stdin). Re-running skips files already done with the same content and
    pipeline version. Files that fail are recorded with a reason; the exit code stays 0.
    """
    from recount.pipeline import run as run_module

    try:
        summary = run_module.run(sources, out_dir, jobs=jobs, engine="dask" if scheduler else engine,
                                 scheduler=scheduler, quiet=quiet, time_budget=time_budget or None,
                                 memory_mb=memory_mb or None)
    except run_module.RunError as exc:
        raise click.UsageError(str(exc)) from exc
    except RecountError as exc:  # the engine could not go on (e.g. no Dask scheduler)
        raise click.ClickException(str(exc)) from exc
    click.echo(str(summary))


@cli.command()
@click.argument("run_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--metric", "metrics", multiple=True, help="A role to keep (repeatable); default: all but other.")
@click.option("--by", type=click.Choice(["jurisdiction", "metric"]), default="jurisdiction", show_default=True,
              help="Chart lines: one per jurisdiction in a chart per metric, or the other way round.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), default=None,
              help="series.csv or series.parquet (default: CSV on stdout).")
@click.option("--plot", type=click.Path(dir_okay=False), default=None, help="Write a PNG line chart here.")
@click.option("--conflicts", "conflicts_out", type=click.Path(dir_okay=False), default=None,
              help="Write cross-document conflicts (.csv or .parquet) here.")
def series(run_dir, metrics, by, out, plot, conflicts_out):
    """Tidy time series of the metrics of a `recount run` folder, by jurisdiction and period.

    The same fact from several documents is one row; values implied by stated changes are
    marked derived; documents that disagree are listed by --conflicts, later release last.
    """
    from recount.pipeline.series import write_series

    try:
        result = write_series(run_dir, out, metrics or None, plot, by, conflicts_out)
    except RecountError as exc:
        raise click.ClickException(str(exc)) from exc
    if result["csv"] is not None:
        click.echo(result["csv"], nl=False)
    click.echo(f"recount: {result['rows']} rows ({result['metrics']} metrics, {result['jurisdictions']} "
               f"jurisdictions), {result['conflicts']} conflicts, {result['charts']} charts", err=True)


# ---- train and evaluate (the role model and the gold corpus; models/, issue 4) --------------
@cli.command()
@click.option("--corpus", "corpus_dir", type=click.Path(exists=True, file_okay=False), default=None,
              help="Corpus folder with docs/ and gold/ [default: the shipped corpus].")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Where to write roles.skops and meta.json [default: the shipped models/artifacts].")
def train(corpus_dir, out_dir):
    """Train the role model on the hand-written corpus and update models/card.json."""
    from recount.models.train import train as train_model

    try:
        meta = train_model(corpus_dir, out_dir)
    except RecountError as exc:
        raise click.ClickException(str(exc)) from exc
    scores = meta["cv"]["model"]
    click.echo(f"recount: trained on {meta['documents']} documents ({meta['figures']} figures); role macro-F1 "
               "under document-level CV: " + ", ".join(f"{k} {v['macro_f1']:.4f}" for k, v in scores.items()))


@cli.command()
@click.option("--corpus", "corpus_dir", type=click.Path(exists=True, file_okay=False), default=None,
              help="Corpus folder with docs/ and gold/ [default: the shipped corpus].")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def evaluate(corpus_dir, fmt):
    """Extraction P/R/F1, role accuracy and macro-F1 (document-level CV) and claim verdict
    accuracy on the hand-written corpus, per language."""
    from recount.models.evaluate import evaluate as evaluate_corpus, to_json

    try:
        result = evaluate_corpus(corpus_dir, fmt)
    except RecountError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(to_json(result) if fmt == "json" else result, nl=False)


def main(argv=None):  # pragma: no cover - console entry for python -m
    try:
        cli.main(args=argv, prog_name="recount")
    except (InputError, RecountError) as exc:
        raise click.ClickException(str(exc)) from exc


if __name__ == "__main__":  # pragma: no cover
    main()
