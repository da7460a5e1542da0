"""Turning ``recount run`` SOURCE arguments into input files."""
from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from recount.pipeline.sources import expand_sources


@pytest.fixture
def tree(tmp_path) -> Path:
    """archive/{2019,2020/q1}/… with reports, a stray image, hidden files and a symlink loop."""
    root = tmp_path / "archive"
    for relative in ["2019/hanoi.txt", "2019/HCM.PDF", "2020/q1/lamdong.pdf", "2020/q1/notes.docx",
                     "2020/scan.png", ".git/config.txt", "2020/.~lock.txt"]:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    os.symlink(root, root / "2020" / "q1" / "back_to_top")  # a loop through the whole tree
    return root


def _names(paths, root):
    return [os.path.relpath(p, root) for p in paths]


def test_sources_folder_is_walked_for_reports_once_despite_a_symlink_loop(tree):
    found = expand_sources([str(tree)])
    assert _names(found.paths, tree) == ["2019/HCM.PDF", "2019/hanoi.txt", "2020/q1/lamdong.pdf"]
    assert found.problems == []
    # walking a folder follows its symlinks: here the link leads back to files seen once
    inner = expand_sources([str(tree / "2020" / "q1")])
    assert _names(inner.paths, tree) == ["2020/q1/back_to_top/2019/HCM.PDF",
                                         "2020/q1/back_to_top/2019/hanoi.txt", "2020/q1/lamdong.pdf"]


def test_sources_files_globs_and_duplicates(tree, monkeypatch):
    monkeypatch.chdir(tree)
    found = expand_sources(["2019/hanoi.txt", "2020/**/*.pdf", str(tree / "2019"), "2020/q1/notes.docx",
                            "2020/q1/back_to_top/2019/hanoi.txt"])
    # a file named explicitly is kept whatever its suffix; the pipeline records it as unsupported
    assert _names(found.paths, tree) == ["2019/HCM.PDF", "2019/hanoi.txt", "2020/q1/lamdong.pdf",
                                         "2020/q1/notes.docx"]


@pytest.mark.parametrize("source,problem", [("nothing/*.pdf", "no file matches")])
def test_sources_report_globs_matching_nothing(tmp_path, source, problem):
    found = expand_sources([str(tmp_path / source)])
    assert found.paths == [] and problem in found.problems[0]


def test_sources_missing_file_is_kept_for_the_pipeline_to_record(tmp_path):
    missing = tmp_path / "gone.pdf"
    assert expand_sources([str(missing)]).paths == [str(missing)]


def test_sources_listing_file_and_stdin(tree, tmp_path):
    listing = tree / "inputs.lst"
    listing.write_text("# reports for 2020\n2020/q1/lamdong.pdf\n\n" + str(tree / "2019") + "\n",
                       encoding="utf-8")
    from_file = expand_sources([f"@{listing}"])
    assert _names(from_file.paths, tree) == ["2019/HCM.PDF", "2019/hanoi.txt", "2020/q1/lamdong.pdf"]
    from_stdin = expand_sources(["-"], stdin=io.StringIO(f"{tree / '2019' / 'HCM.PDF'}\n"))
    assert _names(from_stdin.paths, tree) == ["2019/HCM.PDF"]


def test_sources_deep_nesting_beyond_the_recursion_limit(tmp_path):
    depth = sys.getrecursionlimit() + 200  # "d/" * 1200 keeps the path under PATH_MAX
    folders = [str(tmp_path / "d")]
    for _ in range(depth - 1):
        folders.append(os.path.join(folders[-1], "d"))
    try:
        for folder in folders:  # one level at a time: os.makedirs recurses
            os.mkdir(folder)
        with open(os.path.join(folders[-1], "deep.txt"), "wb") as stream:
            stream.write(b"x")
        found = expand_sources([str(tmp_path)])
        assert len(found.paths) == 1 and found.paths[0].endswith("deep.txt")
    finally:
        # bottom-up, since shutil.rmtree (and pytest's tmp cleanup) recurse too deep here
        if os.path.exists(os.path.join(folders[-1], "deep.txt")):
            os.unlink(os.path.join(folders[-1], "deep.txt"))
        for folder in reversed(folders):
            if os.path.isdir(folder):
                os.rmdir(folder)


def test_sources_unreadable_folder_is_a_problem_not_a_crash(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads every folder")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        found = expand_sources([str(tmp_path)])
    finally:
        locked.chmod(0o755)
    assert found.paths == [] and "locked" in found.problems[0]
