"""Train the role model on the hand-written corpus and measure it by document-level cross-validation.

``train(corpus_dir, out_dir)`` is the library call behind ``recount train`` and ``make model``:
it scores the model with :func:`cross_validate` (each fold holds out whole documents, so a
report's own wording never helps to label it; the regularisation C of each fold is chosen by an
inner cross-validation on that fold's training documents only, so the scores never saw the
documents they are measured on), fits the final model on every document with the C the same
inner search picks over the whole corpus, writes
``roles.skops`` + ``meta.json`` to ``out_dir`` and the scores to ``models/card.json``.
Synthetic reports, when the generator is installed, are added to the training side only.
"""
from __future__ import annotations

import json
from pathlib import Path

from collections import Counter

from recount.models.classifier import ARTIFACT_DIR, DEFAULT_C, MIN_EXAMPLES, RoleModel, build_pipeline, model_meta
from recount.models.roles import ROLES
from recount.models.data import LabelledDocument, corpus_hash, label_document, read_corpus, synthetic_documents
from recount.models.features import document_features
from recount.models.rules import rule_roles

CARD_PATH = Path(__file__).resolve().parent / "card.json"
#: Folds of the document-level cross-validation (fewer when the corpus has fewer documents).
N_FOLDS = 5
#: Synthetic reports added to every training set (0 when the generator is absent).
N_SYNTHETIC = 30
#: Features must occur in at least this many training figures.
MIN_FEATURE_COUNT = 2
#: Candidate regularisation strengths (inverse: larger C, weaker penalty), and the folds of the
#: inner document-level cross-validation that picks one of them.
C_GRID = (1.0, 4.0, 16.0)
INNER_FOLDS = 3


def examples(documents: list[LabelledDocument]) -> tuple[list[dict], list[str], list[str], list[str]]:
    """Feature dicts, roles, document names and languages of every labelled figure."""
    features, roles, groups, langs = [], [], [], []
    for d in documents:
        for feats, role in zip(document_features(list(d.figures), d.text), d.roles):
            if feats is None or role is None:
                continue
            features.append(feats)
            roles.append(role)
            groups.append(d.name)
            langs.append(d.lang)
    return features, roles, groups, langs


def role_scores(truth: list[str], predicted: list[str], langs: list[str]) -> dict:
    """Accuracy and macro-F1, overall and per language."""
    from sklearn.metrics import accuracy_score, f1_score

    def score(indices):
        t = [truth[i] for i in indices]
        p = [predicted[i] for i in indices]
        return {"n": len(t), "accuracy": round(float(accuracy_score(t, p)), 4),
                "macro_f1": round(float(f1_score(t, p, average="macro", zero_division=0)), 4)}

    out = {"all": score(range(len(truth)))}
    for lang in sorted(set(langs)):
        out[lang] = score([i for i, x in enumerate(langs) if x == lang])
    return out


def choose_c(features: list[dict], truth: list[str], groups: list[str], extra_features: list[dict] = (),
             extra_truth: list[str] = (), grid: tuple[float, ...] = C_GRID, n_folds: int = INNER_FOLDS) -> float:
    """The C of :data:`C_GRID` with the best macro-F1 under GroupKFold by document on these
    figures (synthetic ones join every training side, never a test side); ties go to the
    smaller C, the stronger penalty. :data:`DEFAULT_C` when the documents are too few to fit a
    model on part of them."""
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    folds = min(n_folds, len(set(groups)))
    if folds < 2:
        return DEFAULT_C
    splits = list(GroupKFold(n_splits=folds).split(features, truth, groups))
    for train_idx, _ in splits:
        counts = Counter([truth[i] for i in train_idx] + list(extra_truth))
        if sum(1 for n in counts.values() if n >= MIN_EXAMPLES) < 2:
            return DEFAULT_C  # too few documents to fit a model inside a fold: nothing to choose between
    best_c, best_f1 = DEFAULT_C, -1.0
    for c in grid:
        predicted = out_of_fold_roles(features, truth, splits, extra_features, extra_truth, lambda _: c)
        f1 = f1_score(truth, predicted, average="macro", zero_division=0)
        if f1 > best_f1 + 1e-9:
            best_c, best_f1 = c, f1
    return best_c


def out_of_fold_roles(features: list[dict], truth: list[str], splits, extra_features: list[dict],
                      extra_truth: list[str], c_for) -> list[str]:
    """Each figure's role as predicted by a model fitted on the other folds' figures plus the
    synthetic ones (``extra_*``), with the C that ``c_for(train_idx)`` gives for that fold."""
    predicted = [""] * len(truth)
    for train_idx, test_idx in splits:
        model = fit_examples([features[i] for i in train_idx] + list(extra_features),
                             [truth[i] for i in train_idx] + list(extra_truth), c_for(train_idx))
        for i, (role, _) in zip(test_idx, model.predict([features[i] for i in test_idx])):
            predicted[i] = role
    return predicted


def cross_validate(documents: list[LabelledDocument], synthetic: list[LabelledDocument] = (),
                   n_folds: int = N_FOLDS) -> dict:
    """Out-of-fold role predictions under GroupKFold by document, scored per language.

    Each outer fold's C is chosen by :func:`choose_c` on its training documents alone.

    RETURNS (dict): ``model`` and ``rules`` (the rule labeller on the same figures) scores,
    each ``{"all"|lang: {"n", "accuracy", "macro_f1"}}``, plus ``folds``, ``documents`` and
    ``fold_c`` (the C each fold used).
    """
    from sklearn.model_selection import GroupKFold

    features, truth, groups, langs = examples(documents)
    extra_features, extra_truth, _, _ = examples(list(synthetic))
    folds = min(n_folds, len(set(groups)))
    fold_c = []

    def c_chosen_inside(train_idx) -> float:
        c = choose_c([features[i] for i in train_idx], [truth[i] for i in train_idx],
                     [groups[i] for i in train_idx], extra_features, extra_truth)
        fold_c.append(c)
        return c

    splits = GroupKFold(n_splits=folds).split(features, truth, groups)
    predicted = out_of_fold_roles(features, truth, splits, extra_features, extra_truth, c_chosen_inside)
    rules = []
    for d in documents:
        for (role, _), gold in zip(rule_roles(list(d.figures), d.text), d.roles):
            if gold is not None and role is not None:
                rules.append(role)
    return {"folds": folds, "documents": len(set(groups)), "fold_c": fold_c,
            "model": role_scores(truth, predicted, langs), "rules": role_scores(truth, rules, langs)}


def fit_examples(features: list[dict], truth: list[str], c: float = DEFAULT_C) -> RoleModel:
    """A role model fitted on feature dicts and roles; roles with fewer than
    :data:`MIN_EXAMPLES` examples are left to the rules.

    Features seen in fewer than :data:`MIN_FEATURE_COUNT` training figures are dropped: a word
    that occurs once cannot be learned from, and dropping them keeps the shipped file small.
    """
    counts = Counter(truth)
    rare = sorted(r for r in ROLES if counts[r] < MIN_EXAMPLES)
    # Rare roles are the rules' job; kept in, class balancing would weight their one or two
    # examples so heavily that the model starts predicting them for unrelated figures.
    kept = [i for i, role in enumerate(truth) if role not in rare]
    seen = Counter(key for i in kept for key in features[i])
    features = [{k: v for k, v in features[i].items() if seen[k] >= MIN_FEATURE_COUNT} for i in kept]
    truth = [truth[i] for i in kept]
    from threadpoolctl import threadpool_limits

    # One BLAS thread: with several, sums are split differently from run to run and the
    # coefficients (and the shipped file) differ in the last bits.
    with threadpool_limits(limits=1):
        pipeline = build_pipeline(c).fit(features, truth)
    return RoleModel(pipeline, {"rule_roles": rare})


def fit(documents: list[LabelledDocument], synthetic: list[LabelledDocument] = (),
        c: float | None = None) -> RoleModel:
    """A role model fitted on every labelled figure of ``documents`` (+ ``synthetic``), with
    regularisation ``c`` (chosen by :func:`choose_c` over ``documents`` when not given)."""
    features, truth, groups, _ = examples(list(documents))
    extra_features, extra_truth, _, _ = examples(list(synthetic))
    if c is None:
        c = choose_c(features, truth, groups, extra_features, extra_truth)
    model = fit_examples(features + extra_features, truth + extra_truth, c)
    model.meta["C"] = c
    return model


def train(corpus_dir: str | Path | None = None, out_dir: str | Path | None = None, *,
          card_path: str | Path | None = CARD_PATH, n_synthetic: int = N_SYNTHETIC) -> dict:
    """Cross-validate, fit and save the role model.

    Args:
        corpus_dir: a corpus folder with ``docs/`` and ``gold/`` (default: the shipped corpus).
        out_dir: where to write ``roles.skops`` and ``meta.json`` (default: ``models/artifacts``).
        card_path: the model card to update with the scores (``None``: leave it alone).
        n_synthetic: synthetic reports added to training (none when the generator is absent).

    RETURNS (dict): the metadata written to ``meta.json``, including the CV scores.
    """
    gold_documents = read_corpus(corpus_dir)
    documents = [label_document(d) for d in gold_documents]
    synthetic = synthetic_documents(n_synthetic) if n_synthetic else []
    scores = cross_validate(documents, synthetic)
    fitted = fit(documents, synthetic)
    meta = model_meta(
        corpus_hash=corpus_hash(gold_documents), documents=len(documents),
        figures=scores["model"]["all"]["n"], synthetic_documents=len(synthetic),
        labels=fitted.labels, rule_roles=fitted.meta["rule_roles"], C=fitted.meta["C"], cv=scores,
    )
    model = RoleModel(fitted.pipeline, meta)
    model.save(Path(out_dir) if out_dir else ARTIFACT_DIR)
    if card_path:
        write_card(Path(card_path), meta)
    return meta


def write_card(path: Path, meta: dict) -> None:
    """The model card: what the shipped model is, what it was trained on, how well it does."""
    card = {
        "model": f"DictVectorizer + LogisticRegression(C={meta['C']:g}, class_weight=balanced, random_state=0) over "
                 "recount.models.features, C picked from " + ", ".join(f"{c:g}" for c in C_GRID)
                 + f" by {INNER_FOLDS}-fold GroupKFold by document (nested inside each evaluation fold); "
                 "roles in rule_roles (fewer than 15 training figures) are left to the rule labeller when "
                 "its cue is clear, and so is a rule read from a phrase that settles the role (confidence 0.95)",
        "rule_roles": meta["rule_roles"],
        "task": "label each count, money amount and percentage with its role (docs/CONTRACTS.md)",
        "training_data": "hand-written gold corpus (corpus/gold), plus synthetic reports when available",
        "evaluation": "GroupKFold by document on the hand-written corpus only",
        "sklearn_version": meta["sklearn_version"],
        "features_version": meta["features_version"],
        "corpus_hash": meta["corpus_hash"],
        "documents": meta["documents"],
        "figures": meta["figures"],
        "synthetic_documents": meta["synthetic_documents"],
        "labels": meta["labels"],
        "scores": meta["cv"],
        "command": "recount train --corpus corpus -o models/artifacts",
    }
    path.write_text(json.dumps(card, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def read_card(path: str | Path = CARD_PATH) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))

