"""Texts the fast-path tests hold fast scans to their plain forms on: the corpus documents
and random mixes of the pieces a pattern looks for (loaded by the tests beside this file)."""
from __future__ import annotations

import glob
import random
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: What stands between two pieces of a random mix.
GLUE = ("", " ", "  ", ", ", "\n", "-", "/", "_", "x")


def corpus_texts() -> list[str]:
    paths = sorted(glob.glob(str(ROOT / "corpus" / "docs" / "*.txt")))
    if not paths:
        pytest.skip("no corpus texts under corpus/docs")
    return [Path(p).read_text(encoding="utf-8") for p in paths]


def random_texts(pieces: list[str], n: int, seed: int, glue=GLUE) -> list[str]:
    """``n`` texts of 1 to 15 of ``pieces``, each followed by one of ``glue``."""
    rng = random.Random(seed)
    glue = list(glue)
    return ["".join(rng.choice(pieces) + rng.choice(glue) for _ in range(rng.randrange(1, 16)))
            for _ in range(n)]
