"""The role classifier: a scikit-learn Pipeline over :mod:`recount.models.features`, saved with skops.

``label_roles(figures, text)`` is what the pipeline calls: it uses the model shipped in
``models/artifacts/`` (loaded once per process) and falls back to the rule labeller when no
artefact is installed. A model directory holds ``roles.skops`` (a ``DictVectorizer`` +
``LogisticRegression`` pipeline, loaded with skops: no pickle, only the types listed in
:data:`TRUSTED_TYPES`) and ``meta.json`` (scikit-learn version, features version, corpus hash,
labels, cross-validated scores).
"""
from __future__ import annotations

import json
import os
import warnings
from dataclasses import dataclass, replace
from pathlib import Path

from recount.models.features import FEATURES_VERSION, document_features, rule_guess
from recount.models.roles import ROLE_KINDS
from recount.models.rules import CUE_P, SURE_P, label_roles_by_rules
from recount.pipeline.errors import RecountError
from recount.pipeline.records import Figure

#: A role seen fewer times than this in training is left to the rules when their cue is clear:
#: the corpus has 1 "đình chỉ" (terminated), 2 "hoãn" (postponed) and about a dozen "chiếm x%"
#: (enforceable share) figures, too few for a linear model to learn next to the hundreds of
#: completion rates, and an exact cue word for each. 15 was the best of 5, 15 and 30 in
#: document-level CV.
MIN_EXAMPLES = 15
MODEL_FILE = "roles.skops"
META_FILE = "meta.json"
#: The model that ships in the package.
ARTIFACT_DIR = Path(__file__).resolve().parent / "artifacts"
#: Set to a model directory to use it instead of the shipped one ("rules" forces the rules).
MODEL_ENV = "RECOUNT_ROLE_MODEL"
#: Everything a role model file may contain beyond skops' own defaults. A file naming any
#: other type (a function, a custom class: code that would run on load) is refused.
TRUSTED_TYPES = [
    "sklearn.pipeline.Pipeline",
    "sklearn.feature_extraction._dict_vectorizer.DictVectorizer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "numpy.ndarray",
    "numpy.dtype",
    "numpy.float64",
    "numpy.int64",
    "numpy.str_",
]


class ModelError(RecountError):
    """A role model that cannot be used."""


class UntrustedModelError(ModelError):
    """The model file contains types recount does not trust to load."""


class ModelVersionError(ModelError):
    """The model was saved by another scikit-learn major version or with other features."""


#: Regularisation of the logistic regression when none is given (the card names the C that
#: nested cross-validation chose for the shipped model).
DEFAULT_C = 4.0


def build_pipeline(c: float = DEFAULT_C):
    """A fresh, unfitted role pipeline with inverse regularisation strength ``c``."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    return Pipeline([
        ("features", DictVectorizer(sparse=True, sort=True)),
        ("model", LogisticRegression(C=c, class_weight="balanced", max_iter=3000, random_state=0)),
    ])


@dataclass
class RoleModel:
    """A fitted role pipeline with the metadata it was saved with."""

    pipeline: object
    meta: dict

    @property
    def labels(self) -> list[str]:
        return [str(c) for c in self.pipeline.classes_]

    @property
    def rule_roles(self) -> frozenset[str]:
        """Roles the model saw too rarely to learn (``meta["rule_roles"]``)."""
        return frozenset(self.meta.get("rule_roles", ()))

    def predict(self, features: list[dict]) -> list[tuple[str, float]]:
        """``(role, probability)`` for each feature dict; a clear rule for a role in
        :attr:`rule_roles` wins, with the rule's confidence, and so does a rule read from a
        phrase that settles the role (:data:`recount.models.rules.SURE_P`)."""
        if not features:
            return []
        probabilities = self.pipeline.predict_proba(features)
        labels = self.labels
        rare = self.rule_roles
        out = []
        for feats, row in zip(features, probabilities):
            rule_role, rule_p = rule_guess(feats)
            if rule_p is not None and (rule_p >= SURE_P or rule_role in rare and rule_p >= CUE_P):
                out.append((rule_role, rule_p))
                continue
            best = int(row.argmax())
            out.append((labels[best], round(float(row[best]), 4)))
        return out

    def label(self, figures: list[Figure], text: str) -> list[Figure]:
        """The figures with ``role``/``role_p`` set; directives are left as they are."""
        features = document_features(figures, text)
        rows = [f for f in features if f is not None]
        predictions = iter(self.predict(rows))
        out = []
        for figure, feats in zip(figures, features):
            if feats is None:
                out.append(figure)
                continue
            role, p = next(predictions)
            out.append(replace(figure, role=role, role_p=p))
        return out

    def save(self, directory: str | Path) -> Path:
        """Write ``roles.skops`` and ``meta.json`` into ``directory``; returns the model path."""
        import skops.io

        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / MODEL_FILE
        path.write_bytes(_reproducible(skops.io.dumps(self.pipeline)))
        (directory / META_FILE).write_text(json.dumps(self.meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return path


def _reproducible(archive: bytes) -> bytes:
    """The skops zip archive made byte-identical across runs: skops names array files after
    ``id()`` of the array ("140159773101584.npy"), records ``id()`` of every object
    (``"__id__"``) and stamps entries with the current time; here files and ids are numbered
    0, 1, 2… in the order ``schema.json`` names them and every entry is dated 1980-01-01."""
    import io
    import re
    import zipfile

    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        contents = {info.filename: source.read(info.filename) for info in source.infolist()}
    schema = contents.pop("schema.json").decode("utf-8")
    renames: dict[str, str] = {}
    for name in re.findall(r'"(\d+\.npy)"', schema):
        renames.setdefault(name, f"{len(renames)}.npy")
    schema = re.sub(r'"(\d+\.npy)"', lambda m: f'"{renames[m.group(1)]}"', schema)
    object_ids: dict[str, str] = {}
    for number in re.findall(r'"__id__": (\d+)', schema):
        object_ids.setdefault(number, str(len(object_ids)))
    schema = re.sub(r'"__id__": (\d+)', lambda m: f'"__id__": {object_ids[m.group(1)]}', schema)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        entries = [("schema.json", schema.encode("utf-8"))]
        entries += sorted(((renames.get(name, name), data) for name, data in contents.items()),
                          key=lambda e: (len(e[0]), e[0]))
        for name, data in entries:
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)
    return out.getvalue()


def model_meta(**extra) -> dict:
    """The versions a model depends on, plus ``extra`` (corpus hash, labels, scores)."""
    import sklearn

    return {"sklearn_version": sklearn.__version__, "features_version": FEATURES_VERSION, **extra}


#: Containers and scalars a skops file writes as plain JSON: they carry no code.
_PLAIN_TYPES = frozenset(f"builtins.{name}" for name in (
    "dict", "list", "tuple", "str", "int", "float", "bool", "NoneType", "bytes"))


def _types_named_in(model_path: Path) -> set[str]:
    """Every ``module.Class`` the skops archive's ``schema.json`` names, at any depth.

    Raises:
        UntrustedModelError: the file is not a readable skops archive.
    """
    import zipfile

    try:
        with zipfile.ZipFile(model_path) as archive:
            schema = json.loads(archive.read("schema.json"))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UntrustedModelError(f"{model_path} is not a readable skops file: {exc}") from exc
    named: set[str] = set()
    pending = [schema]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            if "__class__" in node:
                named.add(f"{node.get('__module__')}.{node['__class__']}")
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return named


def load_model(path: str | Path) -> RoleModel:
    """Load a role model saved by :meth:`RoleModel.save` (a directory or its ``roles.skops``).

    Raises:
        ModelError: no model there.
        UntrustedModelError: the file holds types outside :data:`TRUSTED_TYPES`.
        ModelVersionError: saved by another scikit-learn major version, or with other features.
    """
    import skops.io
    import sklearn

    path = Path(path)
    model_path = path / MODEL_FILE if path.is_dir() else path
    meta_path = model_path.parent / META_FILE
    if not model_path.is_file():
        raise ModelError(f"no role model at {model_path}")
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
    saved = str(meta.get("sklearn_version", "unknown"))
    if saved.split(".")[0] != sklearn.__version__.split(".")[0]:
        raise ModelVersionError(
            f"{model_path} was trained with scikit-learn {saved}; this is scikit-learn "
            f"{sklearn.__version__}. Retrain it with `recount train` (or `make model`).")
    if meta.get("features_version") != FEATURES_VERSION:
        raise ModelVersionError(
            f"{model_path} was trained on features version {meta.get('features_version')}; this recount "
            f"computes version {FEATURES_VERSION}. Retrain it with `recount train`.")
    if saved != sklearn.__version__:
        warnings.warn(f"role model trained with scikit-learn {saved}, running {sklearn.__version__}",
                      stacklevel=2)
    # skops trusts many scikit-learn classes by default; recount trusts only its own three,
    # so the types named anywhere in the file are listed and checked against TRUSTED_TYPES.
    named = set(skops.io.get_untrusted_types(file=model_path)) | _types_named_in(model_path)
    untrusted = sorted(t for t in named if t not in TRUSTED_TYPES and t not in _PLAIN_TYPES)
    if untrusted:
        raise UntrustedModelError(f"{model_path} contains types recount does not load: {', '.join(untrusted)}")
    pipeline = skops.io.load(model_path, trusted=TRUSTED_TYPES)
    return RoleModel(pipeline, meta)


_CACHE: dict[str, RoleModel | None] = {}


def shipped_model() -> RoleModel | None:
    """The model to label with (``$RECOUNT_ROLE_MODEL`` or the shipped artefact), loaded once
    per process; ``None`` when there is none, so the rules are used."""
    location = os.environ.get(MODEL_ENV) or str(ARTIFACT_DIR)
    if location not in _CACHE:
        if location == "rules" or not (Path(location) / MODEL_FILE).is_file() and not Path(location).is_file():
            _CACHE[location] = None
        else:
            _CACHE[location] = load_model(location)
    return _CACHE[location]


def label_roles(figures: list[Figure], document_text: str) -> list[Figure]:
    """Every count, amount and percentage with its ``role`` and ``role_p``.

    Args:
        figures: one document's figures, sorted by ``start`` (as ``extract_document`` returns them).
        document_text: the text their offsets point into.

    RETURNS (list[Figure]): new figures (``dataclasses.replace``), same order.
    """
    quantities_present = any(f.kind in ROLE_KINDS for f in figures)
    if not quantities_present:
        return list(figures)
    model = shipped_model()
    if model is None:
        return label_roles_by_rules(list(figures), document_text)
    return model.label(list(figures), document_text)
