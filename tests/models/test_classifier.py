"""The role classifier: seed 001 with the shipped model, safe loading, version checks, fallback."""
from __future__ import annotations

import json
import warnings

import pytest

from recount.models import classifier
from recount.models.classifier import (ModelVersionError, UntrustedModelError, label_roles, load_model,
                                       shipped_model)
from recount.models.data import label_document, read_corpus
from recount.models.train import examples, fit

from .test_rules import SEED_001_ROLES, seed_roles


@pytest.fixture(scope="module")
def small_model(corpus_dir):
    """A model fitted on eight corpus documents: enough to save, load and compare."""
    documents = [label_document(d) for d in read_corpus(corpus_dir)[:8]]
    return fit(documents), documents


def test_shipped_model_is_installed():
    model = shipped_model()
    assert model is not None, "models/artifacts/roles.skops is missing: run `make model`"
    assert set(model.labels) <= set(__import__("recount.models.roles", fromlist=["ROLES"]).ROLES)


@pytest.mark.parametrize("text,role", SEED_001_ROLES)
def test_model_labels_seed_001(seed_dir, text, role):
    assert seed_roles(seed_dir, label_roles)[text] == role


def test_label_roles_sets_probabilities(seed_dir):
    path = seed_dir / "001_246013305c138aa7.txt"
    from recount.pipeline.extract import extract

    figures = label_roles(extract(path), path.read_text(encoding="utf-8"))
    quantities = [f for f in figures if f.kind != "directive"]
    assert quantities and all(f.role and 0 < f.role_p <= 1 for f in quantities)


@pytest.mark.parametrize("subdir", ["model"])
def test_classifier_save_load_round_trip(small_model, tmp_path, subdir):
    model, documents = small_model
    model.meta.update(classifier.model_meta())
    model.save(tmp_path / subdir)
    loaded = load_model(tmp_path / subdir)
    features = examples(documents)[0]
    assert loaded.predict(features) == model.predict(features)
    assert loaded.labels == model.labels


def test_classifier_save_is_byte_identical(small_model, tmp_path):
    model, _ = small_model
    first = model.save(tmp_path / "a").read_bytes()
    second = model.save(tmp_path / "b").read_bytes()
    assert first == second


def test_classifier_refuses_untrusted_types(tmp_path):
    import os

    import skops.io
    from sklearn.preprocessing import FunctionTransformer

    # A file whose loading would call os.getcwd: code in a model file must never run.
    skops.io.dump(FunctionTransformer(os.getcwd), tmp_path / classifier.MODEL_FILE)
    (tmp_path / classifier.META_FILE).write_text(json.dumps(classifier.model_meta()), encoding="utf-8")
    with pytest.raises(UntrustedModelError, match="posix.getcwd|os.getcwd|nt.getcwd"):
        load_model(tmp_path)


@pytest.mark.parametrize("key,value,message", [
    ("sklearn_version", "0.24.2", "scikit-learn 0.24.2"),
    ("features_version", -1, "features version -1"),
])
def test_classifier_refuses_other_versions(small_model, tmp_path, key, value, message):
    model, _ = small_model
    model.meta.update(classifier.model_meta())
    model.save(tmp_path)
    meta = json.loads((tmp_path / classifier.META_FILE).read_text(encoding="utf-8"))
    meta[key] = value
    (tmp_path / classifier.META_FILE).write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelVersionError, match=message):
        load_model(tmp_path)


def test_classifier_warns_on_other_minor_version(small_model, tmp_path):
    import sklearn

    model, _ = small_model
    model.meta.update(classifier.model_meta())
    model.save(tmp_path)
    meta = json.loads((tmp_path / classifier.META_FILE).read_text(encoding="utf-8"))
    meta["sklearn_version"] = sklearn.__version__.split(".")[0] + ".0.0"
    (tmp_path / classifier.META_FILE).write_text(json.dumps(meta), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_model(tmp_path)
    assert any("scikit-learn" in str(w.message) for w in caught)


def test_label_roles_falls_back_to_rules(monkeypatch, seed_dir):
    monkeypatch.setenv(classifier.MODEL_ENV, "rules")
    monkeypatch.setattr(classifier, "_CACHE", {})
    roles = seed_roles(seed_dir, label_roles)
    assert roles["88.38%"] == "completion_rate"
    assert shipped_model() is None


def test_a_settled_rule_is_not_overruled(small_model):
    """A rule read from a phrase that settles the role (confidence SURE_P) wins over the model;
    a plain cue (CUE_P) for a role the model learned does not."""
    from recount.models.features import document_features
    from recount.models.rules import CUE_P, SURE_P
    from recount.pipeline.extract import extract

    model, _ = small_model
    text = "Năm 2026, ngành đặt mục tiêu thu hồi trên 40.000 tỷ đồng."
    features = [f for f in document_features(extract(text), text) if f is not None]
    assert f"rule_p={SURE_P}" in features[0] and "rule=target" in features[0]
    assert model.predict(features)[0] == ("target", SURE_P)
    plain = dict(features[0])
    del plain[f"rule_p={SURE_P}"]
    plain[f"rule_p={CUE_P}"] = 1.0
    role, p = model.predict([plain])[0]
    assert p != SURE_P
