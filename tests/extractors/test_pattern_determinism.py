"""The extractors compile the same pattern text in every process, whatever its string hashing."""
import os
import subprocess
import sys

_DUMP = """
import json, re
import recount.extractors.context as c, recount.extractors.directives as d, recount.extractors.quantities as q
patterns = {}
for module in (c, d, q):
    for name, value in vars(module).items():
        values = value.items() if isinstance(value, dict) else [("", value)]
        for key, item in values:
            if isinstance(item, re.Pattern):
                patterns[f"{module.__name__}.{name}.{key}"] = item.pattern
print(json.dumps(patterns, sort_keys=True))
"""


def _patterns(hash_seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    return subprocess.run([sys.executable, "-c", _DUMP], env=env, capture_output=True, text=True,
                          check=True).stdout


def test_patterns_do_not_depend_on_string_hashing():
    # phrases of one length used to follow a set's order: "national level|national total" in
    # one process, "national total|national level" in the next
    first = _patterns("1")
    assert len(first) > 1000
    assert _patterns("2") == first
