"""Retraining reproduces the committed model card; evaluate reports every section."""
from __future__ import annotations

import json
import shutil

import pytest

from recount.models.classifier import load_model
from recount.models.data import corpus_hash, read_corpus
from recount.models.evaluate import evaluate
from recount.models.train import CARD_PATH, read_card, train

#: Scores may move this much between machines (BLAS rounding) before the card is stale.
TOLERANCE = 0.005


@pytest.fixture(scope="module")
def retrained(corpus_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("model")
    return train(corpus_dir, out, card_path=None), out


@pytest.mark.slow
def test_train_corpus_is_the_one_on_the_card(corpus_dir):
    card = read_card(CARD_PATH)
    assert corpus_hash(read_corpus(corpus_dir)) == card["corpus_hash"], \
        "the corpus changed since the shipped model was trained: run `make model` and commit the card"


@pytest.mark.slow
@pytest.mark.parametrize("labeller", ["model", "rules"])
def test_train_scores_match_card(retrained, labeller):
    meta, _ = retrained
    card = read_card(CARD_PATH)
    for lang, expected in card["scores"][labeller].items():
        got = meta["cv"][labeller][lang]
        assert got["n"] == expected["n"]
        assert got["accuracy"] == pytest.approx(expected["accuracy"], abs=TOLERANCE), lang
        assert got["macro_f1"] == pytest.approx(expected["macro_f1"], abs=TOLERANCE), lang


@pytest.mark.slow
def test_train_writes_loadable_model(retrained):
    meta, out = retrained
    model = load_model(out)
    assert model.labels == meta["labels"]
    assert json.loads((out / "meta.json").read_text(encoding="utf-8"))["cv"] == meta["cv"]


@pytest.fixture(scope="module")
def small_corpus(corpus_dir, tmp_path_factory):
    """Two documents per language, copied with their gold."""
    root = tmp_path_factory.mktemp("corpus")
    (root / "docs").mkdir()
    (root / "gold").mkdir()
    taken: dict[str, int] = {}
    for d in read_corpus(corpus_dir):
        if taken.get(d.lang, 0) < 2:
            taken[d.lang] = taken.get(d.lang, 0) + 1
            shutil.copy(corpus_dir / "docs" / d.name, root / "docs" / d.name)
            stem = d.name.removesuffix(".txt")
            shutil.copy(corpus_dir / "gold" / f"{stem}.gold.json", root / "gold" / f"{stem}.gold.json")
    return root


def test_evaluate_reports_every_section(small_corpus):
    result = evaluate(small_corpus, "json")
    assert set(result) == {"documents", "extraction", "roles", "claims"}
    assert result["roles"]["folds"] == 5
    assert set(result["roles"]["model"]) == {"all", *result["documents"]}
    assert result["extraction"]["all"]["percent"]["f1"] > 0.9
    table = evaluate(small_corpus, "table")
    assert "macro-F1" in table and "claim verdicts" in table


def test_cli_evaluate_json(small_corpus):
    from click.testing import CliRunner

    from recount.pipeline.cli import cli

    result = CliRunner().invoke(cli, ["evaluate", "--corpus", str(small_corpus), "--format", "json"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    assert set(json.loads(result.output)) == {"documents", "extraction", "roles", "claims"}


@pytest.mark.parametrize("command", ["train", "evaluate"])
def test_cli_reports_a_corpus_without_gold(tmp_path, command):
    from click.testing import CliRunner

    from recount.pipeline.cli import cli

    result = CliRunner().invoke(cli, [command, "--corpus", str(tmp_path)])
    assert result.exit_code == 1
    assert "no gold files" in result.output


def test_c_is_chosen_inside_each_fold(small_corpus):
    """Nested CV: every outer fold records the C its own training documents chose, from the grid."""
    from recount.models.data import label_document, synthetic_documents
    from recount.models.train import C_GRID, cross_validate

    documents = [label_document(d) for d in read_corpus(small_corpus)]
    # Six documents alone leave too few examples of any role in a fold; generated ones join training.
    scores = cross_validate(documents, synthetic_documents(6))
    assert len(scores["fold_c"]) == scores["folds"] == 5
    assert set(scores["fold_c"]) <= set(C_GRID)


def test_choose_c_prefers_the_stronger_penalty_on_ties():
    from recount.models.classifier import DEFAULT_C
    from recount.models.train import C_GRID, choose_c

    # Six documents of eight figures, each role with its own unmistakable word: every C labels
    # them all right, so the first (smallest) one is kept.
    features = [{"w=alpha": 1.0, "bias": 1.0}, {"w=beta": 1.0, "bias": 1.0}] * 24
    truth = ["new", "completed"] * 24
    groups = [f"d{i // 8}" for i in range(48)]
    assert choose_c(features, truth, groups) == min(C_GRID)
    # Too few figures to fit inside a fold: the default.
    assert choose_c(features[:8], truth[:8], groups[:8]) == DEFAULT_C
