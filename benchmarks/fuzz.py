"""A longer hypothesis campaign over the number parser, the extractors and the checker.

    python benchmarks/fuzz.py                       # 5,000 inputs per target, seed 0
    python benchmarks/fuzz.py --examples 50000 --seed 3 --crashes out/fuzz_crashes.json

Runs the targets of ``tests/hostile/fuzz_targets.py`` (the same ones the property tests
run briefly) and keeps going after a crash, so one run counts every distinct crash instead
of stopping at the first. Prints the number of inputs tried and each distinct crash
(exception type and the line that raised it) with its shortest input; pin each one as an
``@example`` in ``tests/hostile/test_fuzz_properties.py``. Exit code 1 when anything crashed.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

_HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location(
    "fuzz_targets", _HERE.parent / "tests" / "hostile" / "fuzz_targets.py")
fuzz_targets = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fuzz_targets)


class Campaign:
    """Counts the inputs a target saw and the distinct ways it failed."""

    def __init__(self, name: str):
        self.name = name
        self.inputs = 0
        self.crashes: dict[str, dict] = {}

    def run(self, target, *args) -> None:
        self.inputs += 1
        try:
            target(*args)
        except Exception as exc:  # noqa: BLE001 - every failure is a finding
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            signature = f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}"
            known = self.crashes.get(signature)
            size = len(repr(args))
            if known is None or size < known["size"]:
                self.crashes[signature] = {
                    "signature": signature, "target": self.name, "input": repr(args),
                    "message": str(exc)[:300], "size": size,
                    "count": (known["count"] if known else 0) + 1,
                }
            else:
                known["count"] += 1


def run_campaign(examples: int, seed_value: int) -> list[Campaign]:
    campaign_settings = settings(max_examples=examples, deadline=None, database=None,
                                 suppress_health_check=list(HealthCheck))
    numbers = Campaign("parse_number")
    texts = Campaign("extract_and_check")
    legacy = Campaign("legacy")

    @seed(seed_value)
    @campaign_settings
    @given(st.one_of(st.text(max_size=60), fuzz_targets.printed_numbers()),
           st.sampled_from(fuzz_targets.LANGS))
    def fuzz_parse_number(text, lang):
        numbers.run(fuzz_targets.target_parse_number, text, lang)

    @seed(seed_value)
    @campaign_settings
    @given(fuzz_targets.long_text)
    def fuzz_extract_and_check(text):
        texts.run(fuzz_targets.target_extract_and_check, text)

    @seed(seed_value)
    @campaign_settings
    @given(st.one_of(fuzz_targets.vietnamese_words, fuzz_targets.long_text),
           st.sampled_from(("tcvn3", "vni")))
    def fuzz_legacy(text, encoding):
        legacy.run(fuzz_targets.target_legacy, text, encoding)

    fuzz_parse_number()
    fuzz_extract_and_check()
    fuzz_legacy()
    return [numbers, texts, legacy]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000, help="inputs per target")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--crashes", type=Path, default=None, help="write crashes as JSON here")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    campaigns = run_campaign(args.examples, args.seed)
    elapsed = time.perf_counter() - started
    crashes = [crash for c in campaigns for crash in c.crashes.values()]
    for c in campaigns:
        print(f"{c.name:20} inputs={c.inputs:>7,}  distinct crashes={len(c.crashes)}  "
              f"crashing inputs={sum(x['count'] for x in c.crashes.values()):,}")
    print(f"total inputs={sum(c.inputs for c in campaigns):,} in {elapsed:.1f} s, "
          f"seed {args.seed}")
    for crash in crashes:
        print(f"\n[{crash['target']}] {crash['signature']} (x{crash['count']}): {crash['message']}")
        print(f"  shortest input: {crash['input'][:500]}")
    if args.crashes:
        args.crashes.parent.mkdir(parents=True, exist_ok=True)
        args.crashes.write_text(json.dumps(crashes, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
