"""A role model file naming any type outside recount's trusted list is refused on load.

skops loads no pickle, but it still instantiates the types a file names; a model file from
elsewhere could name a function (``os.system`` inside a ``FunctionTransformer``) or any
class. ``recount.models.classifier.load_model`` must refuse such a file before building
anything from it.
"""
from __future__ import annotations

import json
import os
import shutil

import pytest
import skops.io
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

from recount.models.classifier import (
    ARTIFACT_DIR,
    META_FILE,
    MODEL_FILE,
    UntrustedModelError,
    load_model,
    model_meta,
)


def _fitted(*steps) -> Pipeline:
    """A fitted role pipeline, with ``steps`` slipped in after fitting: the model file is
    written, never run, so the function in it is never called."""
    pipeline = Pipeline([("vectorize", DictVectorizer()),
                         ("classify", LogisticRegression(random_state=0))])
    rows = [{"cue=xong": 1.0}, {"cue=tỷ lệ": 1.0}, {"cue=xong": 1.0}, {"cue=tỷ lệ": 1.0}]
    pipeline.fit(rows, ["completed", "completion_rate", "completed", "completion_rate"])
    for step in steps:
        pipeline.steps.insert(1, step)
    return pipeline


def _write_model(directory, pipeline: Pipeline) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / MODEL_FILE).write_bytes(skops.io.dumps(pipeline))
    (directory / META_FILE).write_text(json.dumps(model_meta()), encoding="utf-8")


@pytest.mark.parametrize(
    "extra_step",
    [
        # Code that would run: a function named in the file.
        ("run", FunctionTransformer(func=os.system)),
        # A harmless class, but not one recount's models use: still refused.
        ("scale", StandardScaler(with_mean=False)),
    ],
    ids=["function", "unlisted_class"],
)
def test_model_trust_refuses_untrusted_types(tmp_path, extra_step):
    _write_model(tmp_path / "model", _fitted(extra_step))
    with pytest.raises(UntrustedModelError):
        load_model(tmp_path / "model")
    with pytest.raises(UntrustedModelError):
        load_model(tmp_path / "model" / MODEL_FILE)


def test_model_trust_refuses_a_tampered_shipped_model(tmp_path):
    if not (ARTIFACT_DIR / MODEL_FILE).is_file():
        pytest.skip("no shipped role model")
    target = tmp_path / "model"
    shutil.copytree(ARTIFACT_DIR, target)
    # Rewrite the archive so the classifier step names builtins.eval instead.
    import io
    import zipfile

    with zipfile.ZipFile(target / MODEL_FILE) as source:
        contents = {name: source.read(name) for name in source.namelist()}
    schema = contents["schema.json"].decode("utf-8")
    tampered = schema.replace('"sklearn.linear_model._logistic"', '"builtins"', 1).replace(
        '"LogisticRegression"', '"eval"', 1)
    assert tampered != schema
    contents["schema.json"] = tampered.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    (target / MODEL_FILE).write_bytes(out.getvalue())
    with pytest.raises(UntrustedModelError):
        load_model(target)


def test_model_trust_loads_a_model_of_trusted_types(tmp_path):
    _write_model(tmp_path / "model", _fitted())
    model = load_model(tmp_path / "model")
    assert model.pipeline.predict([{"cue=xong": 1.0}]).tolist() == ["completed"]
