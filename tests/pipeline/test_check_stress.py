"""A small run of benchmarks/check_stress.py: injected errors caught, untouched claims left alone."""
import importlib.util
import pathlib

import pytest

from recount.corpus.synth import generate_reports

_path = pathlib.Path(__file__).resolve().parents[2] / "benchmarks" / "check_stress.py"
_spec = importlib.util.spec_from_file_location("check_stress", _path)
check_stress = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_stress)


@pytest.mark.parametrize("mode", ["cues", "roles"])
def test_check_stress_recall_and_no_flags(mode):
    result = check_stress.score(generate_reports(150, seed=5, error_rate=0.6), mode)
    assert result["claims"] >= 1000 and result["injected"] >= 80
    assert result["recall"] >= 0.99, result["examples"]
    assert result["flags"] == 0, result["examples"]
    assert result["confirmed_share"] >= 0.99
