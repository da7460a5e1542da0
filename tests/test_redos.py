"""No regex in recount can be driven into catastrophic backtracking.

Every compiled pattern in the modules of ``recount.extractors``, ``recount.pipeline`` and
``recount.models`` is found by walking module globals (and the lists, tuples, dicts and
classes held there), so a pattern added later is covered without touching this file. Each pattern is matched at the start of
long adversarial strings and, unless recount only ever uses it with ``.match`` at a
position, also scanned with ``finditer``. The strings are runs of digits and separators
("1.1.1.1…", "1,1,1…"), spaces, letters, Vietnamese words, and near-misses that make a
greedy pattern retry at every offset.

Python's ``re`` cannot be interrupted while it backtracks, so the sweep runs in a child
process that reports each (pattern, input) as it starts and ends; the parent kills it when
one runs past its bound and names the culprit.
"""
from __future__ import annotations

import importlib
import inspect
import multiprocessing
import pkgutil
import re
import time

import pytest

PACKAGES = ("recount.extractors", "recount.pipeline", "recount.models")
#: Length of each adversarial string. An O(n²) pattern takes seconds here, a linear one
#: about a millisecond.
LENGTH = 20_000
#: Bound on one pattern over one adversarial string.
SECONDS_PER_INPUT = 1.0
GIVE_UP_AFTER = 10.0


def _repeat(unit: str, tail: str = "") -> str:
    return (unit * (LENGTH // len(unit) + 1))[:LENGTH] + tail


ADVERSARIAL_INPUTS = {
    "digits": _repeat("1"),
    "digits_then_letter": _repeat("1", "x"),
    "dot_groups": _repeat("1."),
    "comma_groups": _repeat("1,"),
    "space_groups": _repeat("1 "),
    "nbsp_groups": _repeat("1\u00a0"),
    "thin_space_groups": _repeat("1\u202f"),
    "three_digit_dots": _repeat("123."),
    "three_digit_commas": _repeat("123,", ","),
    "mixed_separators": _repeat("1.1,1 1"),
    "decimal_then_percent_miss": _repeat("1,5", " %x"),
    "slashes": _repeat("1/"),
    "directive_fragments": _repeat("16/2002/ND-"),
    "hyphens": _repeat("-"),
    "dash_letters": _repeat("A-"),
    "spaces": _repeat(" "),
    "newlines": _repeat("\n"),
    "letters": _repeat("a"),
    "letters_and_spaces": _repeat("a "),
    "capitals": _repeat("N"),
    "vietnamese_words": _repeat("việc thi hành "),
    "vietnamese_money": _repeat("1 tỷ đồng "),
    "vietnamese_no_space": _repeat("tỷđồng"),
    "percent_signs": _repeat("%"),
    "parentheses": _repeat("("),
    "dots": _repeat("."),
    "digits_and_letters": _repeat("1a"),
    "legacy_tcvn3": _repeat("nh- vËy "),
    "legacy_vni": _repeat("oaøoâ"),
    "over_under_words": _repeat("over over under "),
}


def _patterns_in(value, seen: set[int], depth: int = 0):
    if isinstance(value, re.Pattern):
        yield value
    elif depth < 2 and isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _patterns_in(item, seen, depth + 1)
    elif depth < 2 and isinstance(value, dict):
        for item in value.values():
            yield from _patterns_in(item, seen, depth + 1)
    elif depth == 0 and isinstance(value, type) and id(value) not in seen:
        seen.add(id(value))
        for item in vars(value).values():
            yield from _patterns_in(item, seen, depth + 1)


def _module_sources() -> dict[str, str]:
    sources = {}
    for package_name in PACKAGES:
        package = importlib.import_module(package_name)
        for module_info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package_name}.{module_info.name}")
            sources[module.__name__] = inspect.getsource(module)
    return sources


def _used_only_anchored(name: str, sources: dict[str, str]) -> bool:
    """True when every use of the global ``name`` in recount is ``.match``/``.fullmatch``.

    Such a pattern runs once at a given position (the words after a number), so only its
    anchored cost matters; anything else (``finditer``, a loop over a list of patterns,
    passing it on) counts as scanning.
    """
    uses = calls = 0
    for source in sources.values():
        for use in re.finditer(rf"(?<![\w.]){re.escape(name)}\b(?!\s*=[^=])", source):
            uses += 1
            after = source[use.end():use.end() + 40]
            call = re.match(r"(?:\[[^\]\n]*\])?\.(\w+)\(", after)
            if call and call.group(1) in ("match", "fullmatch"):
                calls += 1
    return uses > 0 and uses == calls


def discover_patterns() -> dict[str, tuple[re.Pattern, bool]]:
    """Every compiled regex held by a module of recount's packages, keyed by a readable name,
    with whether it is only ever used anchored (see :func:`_used_only_anchored`)."""
    sources = _module_sources()
    found: dict[str, tuple[re.Pattern, bool]] = {}
    keys: set[tuple[str, int]] = set()
    for package_name in PACKAGES:
        package = importlib.import_module(package_name)
        for module_info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
            module = importlib.import_module(f"{package_name}.{module_info.name}")
            seen: set[int] = set()
            for name, value in sorted(vars(module).items()):
                if isinstance(value, type) and value.__module__ != module.__name__:
                    continue
                for pattern in _patterns_in(value, seen):
                    key = (pattern.pattern, pattern.flags)
                    if key in keys:
                        continue
                    keys.add(key)
                    anchored = _used_only_anchored(name, sources)
                    found[f"{module.__name__}.{name}#{len(found)}"] = (pattern, anchored)
    return found


def _sweep(items: list[tuple[str, str]], connection) -> None:
    """Child process: time each (pattern, input) and report it over ``connection``.

    ``Connection.send`` writes before it returns, unlike ``Queue.put``, whose feeder thread
    would wait for the GIL a backtracking regex never releases.
    """
    patterns = discover_patterns()
    for name, family in items:
        (pattern, anchored), text = patterns[name], ADVERSARIAL_INPUTS[family]
        if isinstance(pattern.pattern, bytes):  # limits.py scans PDF bytes
            text = text.encode("utf-8")
        connection.send(("start", name, family, 0.0))
        # CPU time, not wall-clock: on a loaded machine (CI beside other jobs) a linear
        # pattern can wait seconds for a core without doing more work.
        started = time.process_time()
        pattern.match(text)
        pattern.fullmatch(text)
        if not anchored:
            for _ in pattern.finditer(text):
                pass
        connection.send(("done", name, family, time.process_time() - started))
    connection.send(("end", "", "", 0.0))


def time_patterns(items: list[tuple[str, str]], give_up_after: float) -> dict:
    """Seconds per (pattern, input); ``None`` where it ran past ``give_up_after`` seconds.

    A stuck child is killed and a new one carries on after the culprit, so one run lists
    every slow pattern.
    """
    context = multiprocessing.get_context("fork")
    timings: dict[tuple[str, str], float | None] = {}
    todo = list(items)
    while todo:
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_sweep, args=(todo, sender), daemon=True)
        child.start()
        sender.close()
        current = None
        try:
            while True:
                if not receiver.poll(give_up_after + 60 if current is None else give_up_after):
                    if current is None:
                        raise RuntimeError("the ReDoS sweep did not start")
                    timings[current] = None
                    break
                try:
                    kind, name, family, seconds = receiver.recv()
                except EOFError:  # the child died: blame what it was running
                    if current is None:
                        raise
                    timings[current] = None
                    break
                if kind == "end":
                    break
                if kind == "start":
                    current = (name, family)
                else:
                    timings[(name, family)] = seconds
                    current = None
        finally:
            if child.is_alive():
                child.kill()
            child.join(5)
            receiver.close()
        todo = [item for item in todo if item not in timings]
    return timings


def test_redos_discovers_the_project_patterns():
    patterns = discover_patterns()
    # The number grammar and the legacy converters must be covered whatever else exists.
    assert any(name.startswith("recount.extractors.numbers.") for name in patterns)
    assert any(name.startswith("recount.extractors.legacy.") for name in patterns)
    assert len(patterns) >= 10
    # The legacy hyphen rule is applied with .sub over whole texts: it must be scanned.
    hyphen = [anchored for name, (_, anchored) in patterns.items() if "_HYPHEN_AS_U_HORN" in name]
    assert hyphen == [False]


def test_redos_no_pattern_backtracks_catastrophically():
    items = [(name, family) for name in sorted(discover_patterns()) for family in ADVERSARIAL_INPUTS]
    # A pattern is slow past SECONDS_PER_INPUT of CPU time; one still running after
    # GIVE_UP_AFTER seconds of wall-clock time is stopped (catastrophic ones run for hours).
    timings = time_patterns(items, give_up_after=GIVE_UP_AFTER)
    slow = [
        f"{name} on {family}: " + (f"{seconds:.2f} s of CPU" if seconds is not None else
                                   f"stopped after {GIVE_UP_AFTER:.0f} s")
        for (name, family), seconds in sorted(timings.items())
        if seconds is None or seconds > SECONDS_PER_INPUT
    ]
    assert not slow, "patterns slower than linear on adversarial input:\n" + "\n".join(slow)
