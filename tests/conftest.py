"""Shared fixtures: the seed articles (when ../shared exists), a spaCy pipeline, paths."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
SEEDS_GOLD = SHARED / "domain" / "seeds-gold"
CORPUS = REPO / "corpus"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden files from the current output")


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    """The five seed articles; tests using them skip where ../shared is absent."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return SEEDS


@pytest.fixture(scope="session")
def seeds_gold_dir() -> Path:
    if not SEEDS_GOLD.is_dir():
        pytest.skip("../shared/domain/seeds-gold is not present")
    return SEEDS_GOLD


@pytest.fixture(scope="session")
def nlp():
    from recount.pipeline.nlp import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS
