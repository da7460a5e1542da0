"""Analyst series: periods, dates, intervals, facts counted once, derived values, conflicts.

Small runs are written with the real table writer (``columns.result_to_tables``) from
figures placed by hand in texts of our own, so each rule is tested on exactly the figures it
is about; the corpus test then runs the whole pipeline on the hand-written corpus.
"""
from __future__ import annotations

import datetime as dt
import shutil

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from recount.pipeline import columns as C
from recount.pipeline import series as S
from recount.pipeline.cli import cli
from recount.pipeline.ingest import read_document
from recount.pipeline.records import DocumentResult, Figure


@pytest.mark.parametrize("label, start, end", [
    ("2024", dt.date(2023, 10, 1), dt.date(2024, 9, 30)),
    ("2024/6m", dt.date(2023, 10, 1), dt.date(2024, 3, 31)),
    ("2024/3m", dt.date(2023, 10, 1), dt.date(2023, 12, 31)),
    ("2024/10m", dt.date(2023, 10, 1), dt.date(2024, 7, 31)),
])
def test_series_period_bounds(label, start, end):
    period = S.parse_period(label)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("label", ["previous", "2016-2020", "", None, "2024/13m"])
def test_series_period_rejects(label):
    assert S.parse_period(label) is None


@pytest.mark.parametrize("label, previous", [("2024", "2023"), ("2024/6m", "2023/6m")])
def test_series_previous_period(label, previous):
    assert S.previous_period(label) == previous


@pytest.mark.parametrize("text, expected", [
    ("Sáng 20/12/2024, Bộ Tư pháp tổ chức hội nghị", [dt.date(2024, 12, 20)]),
    ("số liệu sơ bộ được công bố đầu tháng 10/2024", [dt.date(2024, 10, 1)]),
    ("HANOI, December 20 - Vietnam's agencies", [dt.date(2024, 12, 20)]),
    ("figures the department released on October 7.", [dt.date(2024, 10, 7)]),
    ("publié le 20 décembre 2024", [dt.date(2024, 12, 20)]),
    ("Thông tư 05/2024/TT-BTP và Nghị định 62/2015/NĐ-CP", []),  # directive numbers
    ("đứng thứ 21/63 cả nước", []),  # a rank
])
def test_series_dates_in_openings(text, expected):
    assert S.dates_in(text, not_before=dt.date(2024, 9, 30)) == expected


def test_series_interval_reads_rounded_or_truncated():
    # "83,86%" could be 83.855 rounded up or 83.869 truncated; 83.88 cannot be either
    low, high = S.value_interval({"value": 83.86, "step": 0.01, "qualifier": "exact"})
    assert low == pytest.approx(83.855) and 83.869 < high < 83.87
    assert S.value_interval({"value": 22e12, "step": 1e12, "qualifier": "over"})[1] == float("inf")


# ---------------------------------------------------------------- hand-built runs
def figure(doc, text, words, kind, value, role, period, jurisdiction="national", unit=None, step=1.0,
           qualifier="exact", occurrence=0, source="text", role_p=0.99):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    unit = unit or {"count": "case", "money": "VND", "percent": "percent"}[kind]
    sentence_start = text.rfind("\n", 0, start) + 1
    return Figure(doc=doc, kind=kind, text=words, start=start, end=start + len(words), value=value,
                  unit=unit, qualifier=qualifier, period=period, jurisdiction=jurisdiction, step=step,
                  role=role, role_p=role_p, source=source, sent_start=sentence_start,
                  sent_end=text.find("\n", start))


def write_run(out, documents):
    """documents: (path, [figures], [derived]) -> a run directory with the real schemas."""
    for name in C.TABLES:
        (out / name).mkdir(parents=True, exist_ok=True)
    for i, (path, figures, derived) in enumerate(documents):
        document = read_document(path)
        result = DocumentResult(doc=str(path), document=document, figures=tuple(figures),
                                derived=tuple(derived))
        for name, table in C.result_to_tables(result).items():
            pq.write_table(table, out / name / f"part-{i:03d}.parquet")
    return out


PRELIMINARY = ("Theo số liệu sơ bộ công bố đầu tháng 10/2024, năm 2024 cả nước thi hành xong 620 nghìn việc, "
               "đạt tỷ lệ 83,86%; về tiền đạt 51,46%.\n")
FINAL = ("Sáng 20/12/2024, Bộ Tư pháp tổng kết năm 2024: thi hành xong 620.657 việc trên 739.974 việc có "
         "điều kiện, đạt tỷ lệ 83,88%, tăng 0,3 điểm so với năm 2023; về tiền đạt 51,84%.\n")
YEAR_2023 = "Năm 2023, cả nước thi hành xong 586.000 việc, đạt 83,58%; về tiền đạt 46,44%.\n"


@pytest.fixture()
def revision_run(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    paths = {}
    for name, text in (("a_2024_preliminary.txt", PRELIMINARY), ("b_2024_final.txt", FINAL),
                       ("c_2023.txt", YEAR_2023)):
        paths[name] = docs / name
        paths[name].write_text(text, encoding="utf-8")
    pre, fin, old = (str(paths[n]) for n in sorted(paths))
    documents = [
        (pre, [figure(pre, PRELIMINARY, "620 nghìn việc", "count", 620000, "completed", "2024", step=1000),
               figure(pre, PRELIMINARY, "83,86%", "percent", 83.86, "completion_rate", "2024", step=0.01),
               figure(pre, PRELIMINARY, "51,46%", "percent", 51.46, "completion_rate", "2024", step=0.01)], []),
        (fin, [figure(fin, FINAL, "620.657 việc", "count", 620657, "completed", "2024"),
               figure(fin, FINAL, "739.974 việc", "count", 739974, "enforceable", "2024"),
               figure(fin, FINAL, "83,88%", "percent", 83.88, "completion_rate", "2024", step=0.01),
               figure(fin, FINAL, "0,3 điểm", "percent", 0.3, "change_pp", "2024", unit="percentage_point",
                      step=0.1, qualifier="about"),
               figure(fin, FINAL, "51,84%", "percent", 51.84, "completion_rate", "2024", step=0.01)],
         # the checker's reading of "tăng 0,3 điểm": last year's rate was about 83.58
         [figure(fin, FINAL, "0,3 điểm", "percent", 83.58, "completion_rate", "previous", jurisdiction=None,
                 step=0.1, qualifier="about", source="derived")]),
        (old, [figure(old, YEAR_2023, "586.000 việc", "count", 586000, "completed", "2023"),
               figure(old, YEAR_2023, "83,58%", "percent", 83.58, "completion_rate", "2023", step=0.01),
               figure(old, YEAR_2023, "46,44%", "percent", 46.44, "completion_rate", "2023", step=0.01)], []),
    ]
    return write_run(tmp_path / "run", documents), pre, fin, old


def test_series_same_fact_from_two_documents_is_one_row(revision_run):
    run_dir, pre, fin, _ = revision_run
    series = S.build_series(run_dir, metrics=["completed"])
    row = series[series[S.PERIOD] == "2024"].iloc[0]
    # "620 nghìn việc" (619,500-621,000) and "620.657 việc" are one fact; the precise one wins
    assert (row[S.VALUE], row[S.N_SOURCES], row[S.CONFLICT]) == (620657, 2, False)
    assert row[S.SOURCES] == "a_2024_preliminary.txt; b_2024_final.txt"


def test_series_rates_split_by_cases_and_money(revision_run):
    run_dir, *_ = revision_run
    series = S.build_series(run_dir, metrics=["completion_rate"])
    stated = series[~series[S.DERIVED]].set_index([S.PERIOD, S.BASIS])[S.VALUE].to_dict()
    assert stated == {("2023", "cases"): 83.58, ("2023", "money"): 46.44,
                      ("2024", "cases"): 83.88, ("2024", "money"): 51.84}


def test_series_derived_value_agreeing_with_a_report_counts_once(revision_run):
    run_dir, *_ = revision_run
    points, _ = S.load_points(run_dir)
    derived = points[points[S.DERIVED]]
    assert derived[[S.PERIOD, S.JURISDICTION, S.BASIS]].values.tolist() == [["2023", "national", "cases"]]
    series = S.build_series(run_dir, metrics=["completion_rate"])
    row = series[(series[S.PERIOD] == "2023") & (series[S.BASIS] == "cases")].iloc[0]
    assert (row[S.VALUE], row[S.DERIVED], row[S.N_SOURCES]) == (83.58, False, 2)


def test_series_derived_value_alone_is_marked(revision_run, tmp_path):
    run_dir, pre, fin, old = revision_run
    pruned = tmp_path / "pruned"
    shutil.copytree(run_dir, pruned)
    for part in (pruned / C.FIGURES).glob("*.parquet"):
        table = pq.read_table(part)
        if table.num_rows and table.column(C.DOC)[0].as_py() == old:
            part.unlink()
    for part in (pruned / C.DOCUMENTS).glob("*.parquet"):
        if pq.read_table(part).column(C.DOC)[0].as_py() == old:
            part.unlink()
    series = S.build_series(pruned, metrics=["completion_rate"])
    row = series[series[S.PERIOD] == "2023"].iloc[0]
    assert (row[S.VALUE], row[S.DERIVED], row[S.TEXT]) == (83.58, True, "0,3 điểm")


def test_series_conflict_names_the_later_release(revision_run):
    run_dir, *_ = revision_run
    conflicts = S.find_conflicts(run_dir, metrics=["completion_rate"])
    by_basis = conflicts.set_index(S.BASIS)
    cases = by_basis.loc["cases"]
    assert (cases["earlier_value"], cases["later_value"]) == (83.86, 83.88)
    assert (cases["earlier_sources"], cases["later_sources"]) == ("a_2024_preliminary.txt", "b_2024_final.txt")
    assert (cases["earlier_as_of"], cases["later_as_of"]) == (dt.date(2024, 10, 1), dt.date(2024, 12, 20))
    assert cases["later_by"] == "last stated" and cases["difference"] == 0.02
    assert by_basis.loc["money", "later_value"] == 51.84
    series = S.build_series(run_dir, metrics=["completion_rate"])
    latest = series[(series[S.PERIOD] == "2024") & (series[S.BASIS] == "cases")].iloc[0]
    assert (latest[S.VALUE], latest[S.CONFLICT]) == (83.88, True)


REPORT_2023 = "Năm 2023, toàn tỉnh thi hành xong 16.301 việc; riêng tháng 9 thi hành xong 58 việc.\n"
REPORT_2024 = "Năm 2024, toàn tỉnh thi hành xong 17.020 việc, tăng so với 16.301 việc năm 2023.\n"


def test_series_value_a_later_report_restates_outlives_an_odd_one(tmp_path):
    """A 2023 report whose "58 việc" was labelled as the year's completions, and a 2024 report
    restating 2023's 16.301: the restated value is the 2023 figure; no conflict, since the only
    report giving 58 gives 16.301 too (a misread figure in one report is the checker's)."""
    old, new = tmp_path / "thanh_hoa_2023.txt", tmp_path / "thanh_hoa_2024.txt"
    old.write_text(REPORT_2023, encoding="utf-8")
    new.write_text(REPORT_2024, encoding="utf-8")
    place = "province:Thanh Hóa"
    run_dir = write_run(tmp_path / "run", [
        (str(old), [figure(str(old), REPORT_2023, "16.301 việc", "count", 16301, "completed", "2023", place),
                    figure(str(old), REPORT_2023, "58 việc", "count", 58, "completed", "2023", place)], []),
        (str(new), [figure(str(new), REPORT_2024, "17.020 việc", "count", 17020, "completed", "2024", place),
                    figure(str(new), REPORT_2024, "16.301 việc", "count", 16301, "completed", "2023", place)], []),
    ])
    series = S.build_series(run_dir).set_index(S.PERIOD)
    assert series.loc["2023", S.VALUE] == 16301 and series.loc["2023", S.N_SOURCES] == 2
    assert S.find_conflicts(run_dir).empty and not series.loc["2023", S.CONFLICT]


def test_series_unknown_metric_is_an_error(revision_run):
    with pytest.raises(S.SeriesError, match="unknown metric"):
        S.build_series(revision_run[0], metrics=["completion_ratio"])


def test_series_not_a_run_directory(tmp_path):
    with pytest.raises(S.SeriesError, match="not a recount run directory"):
        S.build_series(tmp_path)


def test_cli_series_writes_table_conflicts_and_plot(revision_run, tmp_path):
    run_dir, *_ = revision_run
    out, conflicts, plot = tmp_path / "s.parquet", tmp_path / "c.csv", tmp_path / "s.png"
    args = ["series", str(run_dir), "--metric", "completion_rate", "-o", str(out),
            "--conflicts", str(conflicts), "--plot", str(plot)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    table = pd.read_parquet(out)
    assert list(table.columns) == list(S.SERIES_COLUMNS) and len(table) == 4
    assert len(pd.read_csv(conflicts)) == 2
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_series_csv_on_stdout_is_deterministic(revision_run):
    run_dir, *_ = revision_run
    outputs = [CliRunner().invoke(cli, ["series", str(run_dir)], catch_exceptions=False).stdout for _ in range(2)]
    assert outputs[0] == outputs[1] and outputs[0].startswith(",".join(S.SERIES_COLUMNS))


# ---------------------------------------------------------------- the corpus, end to end
#: National reports 2021-2024 (2024 twice: the October preliminary and the December final),
#: and three years of reports from Hà Nội and Đà Nẵng; a subset keeps the run short.
CORPUS_SUBSET = (
    "vi_017_toan_quoc_2021.txt", "vi_023_toan_quoc_2022.txt", "vi_001_toan_quoc_2023.txt",
    "vi_002_toan_quoc_2024_so_bo.txt", "vi_018_toan_quoc_2024.txt", "vi_005_lam_dong_2024.txt",
    "vi_008_ha_noi_2023.txt", "vi_009_ha_noi_2024_6thang.txt", "vi_010_ha_noi_2024.txt",
    "vi_014_da_nang_2023.txt", "vi_015_da_nang_2024_6thang.txt", "vi_016_da_nang_2024.txt",
)


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory, corpus_dir):
    from recount.pipeline.run import run

    listing = tmp_path_factory.mktemp("listing") / "inputs.txt"
    listing.write_text("\n".join(str(corpus_dir / "docs" / name) for name in CORPUS_SUBSET), encoding="utf-8")
    out = tmp_path_factory.mktemp("corpus-run")
    run([f"@{listing}"], str(out), jobs=2, quiet=True, time_budget=None)
    return out


def test_series_corpus_national_and_provincial_over_three_periods(corpus_run):
    series = S.build_series(corpus_run, metrics=["completed"])
    cases = series[series[S.UNIT] == "case"]
    periods = cases.groupby(S.JURISDICTION)[S.PERIOD].nunique()
    assert periods.get("national", 0) >= 3
    assert periods.get("province:Hà Nội", 0) >= 3 and periods.get("province:Đà Nẵng", 0) >= 3


def test_series_corpus_finds_the_preliminary_and_final_2024_rates(corpus_run):
    conflicts = S.find_conflicts(corpus_run, metrics=["completion_rate"])
    national = conflicts[(conflicts[S.JURISDICTION] == "national") & (conflicts[S.PERIOD] == "2024")
                         & (conflicts[S.BASIS] == S.CASES)]
    assert [(r.earlier_value, r.later_value) for r in national.itertuples()] == [(83.86, 83.88)]
    # the final report quotes the preliminary rate too, so "first released" may decide
    assert national.iloc[0]["later_by"] in ("last stated", "first released")
    assert national.iloc[0]["earlier_as_of"] == dt.date(2024, 10, 1)
    # vi_018 quotes the preliminary rate too, so it may be among the earlier sources
    assert "vi_002_toan_quoc_2024_so_bo.txt" in national.iloc[0]["earlier_sources"]
    assert "vi_018_toan_quoc_2024.txt" in national.iloc[0]["later_sources"]


# ---------------------------------------------------------------- which disagreements are conflicts
RELEASE_A = "Năm 2024, toàn tỉnh thi hành xong 9.705 việc, đạt 84,17%; còn 3.100 việc chuyển sang năm sau.\n"
RELEASE_B = "Năm 2024, toàn tỉnh thi hành xong 9.750 việc, đạt 84,71%.\n"
NINE_MONTHS = "9 tháng năm 2024, toàn tỉnh thi hành xong 6.275 việc, đạt 65,09%.\n"


def _two_releases(tmp_path, a_figures, b_figures, names=("a_release.txt", "b_release.txt"), texts=None):
    texts = texts or (RELEASE_A, RELEASE_B)
    paths = []
    for name, text in zip(names, texts):
        folder = tmp_path / ("pdf" if name.endswith(".pdf.txt") else "docs")
        folder.mkdir(exist_ok=True)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    a, b = paths
    return write_run(tmp_path / "run", [(a, a_figures(a), []), (b, b_figures(b), [])])


def _completed(text, words, value, period="2024", **kw):
    return lambda doc: [figure(doc, text, words, "count", value, "completed", period, "province:Lâm Đồng", **kw)]


def test_series_conflict_between_two_sure_releases_says_why(tmp_path):
    run_dir = _two_releases(tmp_path, _completed(RELEASE_A, "9.705 việc", 9705),
                            _completed(RELEASE_B, "9.750 việc", 9750))
    conflict = S.find_conflicts(run_dir).iloc[0]
    assert (conflict["earlier_value"], conflict["later_value"]) == (9705, 9750)
    assert "no number fits both" in conflict["reason"] and "a_release" in conflict["reason"]
    assert conflict["earlier_role_p"] == conflict["later_role_p"] == 0.99


@pytest.mark.parametrize("why, a_kw, b_kw", [
    ("the role model is unsure of one figure", {}, {"role_p": 0.6}),
    ("a role with no probability (set by rules) does not vouch for a conflict", {}, {"role_p": None}),
])
def test_series_no_conflict_without_sure_roles(tmp_path, why, a_kw, b_kw):
    run_dir = _two_releases(tmp_path, _completed(RELEASE_A, "9.705 việc", 9705, **a_kw),
                            _completed(RELEASE_B, "9.750 việc", 9750, **b_kw))
    assert S.find_conflicts(run_dir).empty, why
    assert not S.build_series(run_dir)[S.CONFLICT].any()


def test_series_rates_of_unknown_basis_never_conflict(tmp_path):
    def rate(text, words, value):
        return lambda doc: [figure(doc, text, words, "percent", value, "completion_rate", "2024",
                                   "province:Lâm Đồng", step=0.01)]
    # no amount or cue says whether 84,17% counts cases or money, so it has no rival
    a_text, b_text = "Tỷ lệ năm 2024 đạt 84,17%.\n", "Tỷ lệ năm 2024 đạt 84,71%.\n"
    run_dir = _two_releases(tmp_path, rate(a_text, "84,17%", 84.17), rate(b_text, "84,71%", 84.71),
                            texts=(a_text, b_text))
    points, _ = S.load_points(run_dir)
    assert set(points[S.BASIS]) == {""}
    assert S.find_conflicts(run_dir).empty


def test_series_a_part_year_never_rivals_the_year(tmp_path):
    run_dir = _two_releases(tmp_path, _completed(NINE_MONTHS, "6.275 việc", 6275, period="2024/9m"),
                            _completed(RELEASE_B, "9.750 việc", 9750), texts=(NINE_MONTHS, RELEASE_B))
    assert S.find_conflicts(run_dir).empty


def test_series_a_report_stating_both_values_is_no_conflict(tmp_path):
    # release A gives the year's completions and, mislabelled, the cases carried forward; B
    # restates 9.705: nobody disagrees with 9.705, A is at odds with itself (the checker's job)
    def a_figures(doc):
        return _completed(RELEASE_A, "9.705 việc", 9705)(doc) + _completed(RELEASE_A, "3.100 việc", 3100)(doc)
    b_text = "Năm 2024, toàn tỉnh thi hành xong 9.705 việc.\n"
    run_dir = _two_releases(tmp_path, a_figures, _completed(b_text, "9.705 việc", 9705), texts=(RELEASE_A, b_text))
    assert S.find_conflicts(run_dir).empty


@pytest.mark.parametrize("path, report", [
    ("corpus/pdf/vi_001_toan_quoc_2023.pdf", "vi_001_toan_quoc_2023"),
    ("corpus/docs/vi_001_toan_quoc_2023.txt", "vi_001_toan_quoc_2023"),
])
def test_series_report_is_the_file_name_without_extension(path, report):
    assert S.report_of(path) == report


def test_series_one_report_in_two_forms_is_no_conflict(tmp_path):
    # the same report filed twice (as a PDF and as text, here two copies) and read differently:
    # an extraction difference, not a second source
    run_dir = _two_releases(tmp_path, _completed(RELEASE_A, "9.705 việc", 9705),
                            _completed(RELEASE_B, "9.750 việc", 9750),
                            names=("lam_dong_2024.txt", "lam_dong_2024.pdf.txt"))
    points, _ = S.load_points(run_dir)
    points[S.REPORT] = points[S.REPORT].str.replace(".pdf", "", regex=False)
    assert S.find_conflicts(run_dir, points=points).empty
    assert len(S.find_conflicts(run_dir)) == 1  # as two reports they would conflict


def test_series_value_prefers_a_sure_role_over_a_later_doubtful_one(tmp_path):
    # B comes later in file order, but its 9.750 has a role the model doubts
    run_dir = _two_releases(tmp_path, _completed(RELEASE_A, "9.705 việc", 9705),
                            _completed(RELEASE_B, "9.750 việc", 9750, role_p=0.6))
    row = S.build_series(run_dir).iloc[0]
    assert (row[S.VALUE], row[S.CONFLICT]) == (9705, False)


@pytest.mark.parametrize("value, step, widened", [
    (22e12, 1e9, 1e12),  # "22.000 tỷ đồng": a round number, good to the thousand billion
    (620657, 1, 1),  # "620.657 việc": every digit counts
    (400e9, 1e9, 1e9),  # "400 milliards": two zeros are not enough to call it rounded
    (83.25, 0.01, 0.01),
])
def test_series_round_numbers_are_good_to_their_last_nonzero_digit(value, step, widened):
    assert S.round_step(value, step) == pytest.approx(widened)
    low, high = S.value_interval({"value": value, "step": step, "qualifier": "exact"})
    assert low == pytest.approx(value - widened / 2)


def test_series_corpus_conflicts_are_true_per_the_gold(corpus_run):
    """Every conflict on the corpus subset is one the gold figures hold too (benchmarks/
    conflict_precision.py builds them from corpus/gold), and says why."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "conflict_precision.py"
    spec = importlib.util.spec_from_file_location("conflict_precision", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    points, _ = S.load_points(corpus_run)
    conflicts = S.find_conflicts(corpus_run, points=points)
    verdicts = bench.judge(conflicts, bench.gold_conflicts(bench.gold_points(points)))
    assert len(conflicts) >= 1 and sum(verdicts) / len(verdicts) >= 0.8, conflicts[~pd.Series(verdicts)]
    assert (conflicts[["earlier_role_p", "later_role_p"]] >= S.MIN_ROLE_P).all().all()
    assert conflicts["reason"].str.contains("no number fits both").all()


@pytest.mark.parametrize("text, scope", [
    ("Năm 2024, các cơ quan thi hành án đã thu hồi được 22.000 tỷ đồng trong các vụ án tham nhũng.\n", "subset"),
    ("Năm 2024, toàn quốc thi hành xong 620.657 việc.\n", ""),
    ("Affaires de corruption : le recouvrement progresse\nEn 2024, 47 dossiers sont suivis.\n", "subset"),
])
def test_series_scope_of_a_figure(text, scope):
    start = text.index("2024")
    assert S.figure_scope(text, {"sent_start": start, "sent_end": len(text)}) == scope


def test_series_a_part_of_the_caseload_never_rivals_the_whole(tmp_path):
    # the recovery rate of the corruption cases is not a second release of the money rate
    a_text = "Năm 2024, tỷ lệ thu hồi trong các vụ án tham nhũng đạt 4,32% về tiền.\n"
    b_text = "Năm 2024, về tiền đạt 51,84% về tiền.\n"

    def rate(text, words, value):
        return lambda doc: [figure(doc, text, words, "percent", value, "completion_rate", "2024", step=0.01)]
    run_dir = _two_releases(tmp_path, rate(a_text, "4,32%", 4.32), rate(b_text, "51,84%", 51.84),
                            texts=(a_text, b_text))
    points, _ = S.load_points(run_dir)
    assert sorted(points[S.SCOPE]) == ["", "subset"] and set(points[S.BASIS]) == {S.MONEY}
    assert S.find_conflicts(run_dir, points=points).empty


def test_series_gap_takes_the_basis_of_the_rate_it_runs_from(tmp_path):
    # "1,45 điểm" names neither cases nor money; the checker measured it from 81,8%, whose
    # operands are case counts, so the gap is one of cases
    from recount.pipeline.records import Check, Operand

    text = "Năm 2024 thi hành xong 7.128 việc trên 8.714 việc, đạt 81,8%.\nTỷ lệ còn thấp hơn chỉ tiêu 1,45 điểm.\n"
    path = tmp_path / "da_nang_2024.txt"
    path.write_text(text, encoding="utf-8")
    doc = str(path)
    place = "province:Đà Nẵng"
    figs = [figure(doc, text, "7.128 việc", "count", 7128, "completed", "2024", place),
            figure(doc, text, "8.714 việc", "count", 8714, "enforceable", "2024", place),
            figure(doc, text, "81,8%", "percent", 81.8, "completion_rate", "2024", place, step=0.1),
            figure(doc, text, "1,45 điểm", "percent", 1.45, "target_gap", "2024", place,
                   unit="percentage_point", step=0.01)]

    def operand(f):
        return Operand(role=f.role, text=f.text, start=f.start, end=f.end, value=f.value, low=f.value, high=f.value)

    def check(f, rule, ops):
        return Check(doc=doc, text=f.text, start=f.start, end=f.end, page=None, stated=f.value, rule=rule,
                     formula="", operands=tuple(operand(o) for o in ops), recomputed=None, low=None, high=None,
                     rounding=None, verdict="consistent")
    out = tmp_path / "run"
    for name in C.TABLES:
        (out / name).mkdir(parents=True, exist_ok=True)
    result = DocumentResult(doc=doc, document=read_document(path), figures=tuple(figs),
                            checks=(check(figs[2], "ratio", figs[:2]), check(figs[3], "target_gap", figs[2:3])))
    for name, table in C.result_to_tables(result).items():
        pq.write_table(table, out / name / "part-000.parquet")
    points, _ = S.load_points(out)
    assert points.set_index(S.METRIC).loc["target_gap", S.BASIS] == S.CASES
