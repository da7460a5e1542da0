"""Load the hand-written gold corpus: texts from ``docs/``, answers from ``gold/``.

>>> from recount.corpus.load import load_corpus
>>> docs = load_corpus()            # the corpus shipped in the package
>>> docs[0].name, docs[0].language, len(docs[0].figures)

Every text is checked against the ``text_sha256`` recorded in its gold file, and every gold span
against the text at its offsets, so an edited text can never be scored with stale offsets:
:class:`CorpusError` names the file instead.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from recount.pipeline.records import Document

CORPUS_DIR = Path(__file__).resolve().parent


class CorpusError(ValueError):
    """The corpus on disk is inconsistent (missing text, hash mismatch, drifted offsets)."""


@dataclass(frozen=True, slots=True)
class GoldFigure:
    """A gold quantity. ``value`` is in base units (cases, VND, percent as the number)."""

    kind: str
    text: str
    start: int
    end: int
    value: float
    unit: str
    qualifier: str
    role: str
    period: str | None
    jurisdiction: str | None
    change: str | None = None
    step: float | None = None
    label: str | None = None
    group: int | None = None
    group_kind: str | None = None


@dataclass(frozen=True, slots=True)
class GoldDirective:
    text: str
    type: str
    number: str
    date: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class GoldOperand:
    label: str
    role: str
    text: str
    start: int
    end: int
    value: float


@dataclass(frozen=True, slots=True)
class GoldClaim:
    """A stated derived figure with the rule that checks it and the expected verdict."""

    text: str
    start: int
    end: int
    stated: float
    role: str
    rule: str
    formula: str | None
    recomputed: float | None
    verdict: str
    note: str
    operands: tuple[GoldOperand, ...] = ()
    recomputed_range: tuple[float, float] | None = None


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One annotated document: its text and everything a reader should find in it."""

    name: str
    text: str
    language: str
    genre: str
    period: str
    jurisdiction: str
    sha256: str
    figures: tuple[GoldFigure, ...]
    directives: tuple[GoldDirective, ...]
    claims: tuple[GoldClaim, ...]
    other_numbers: tuple[str, ...]
    path: str = ""
    #: the gold JSON as stored, for keys the typed fields leave out
    gold: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def doc(self) -> str:
        """The name recount uses as document key (the text file's name)."""
        return f"{self.name}.txt"

    def document(self) -> Document:
        """The text as a :class:`~recount.pipeline.records.Document`, ready for the pipeline."""
        return Document(doc=self.path or self.doc, text=self.text, source_type="txt",
                        encoding="utf-8", sha256=self.sha256)


def _figure(record: dict) -> GoldFigure:
    return GoldFigure(
        kind=record["kind"], text=record["text"], start=record["start"], end=record["end"],
        value=record["value"], unit=record["unit"], qualifier=record["qualifier"],
        role=record["role"], period=record.get("period"), jurisdiction=record.get("jurisdiction"),
        change=record.get("change"), step=record.get("step"), label=record.get("label"),
        group=record.get("group"), group_kind=record.get("group_kind"),
    )


def _claim(record: dict) -> GoldClaim:
    span = record.get("recomputed_range")
    return GoldClaim(
        text=record["text"], start=record["start"], end=record["end"], stated=record["stated"],
        role=record.get("role", ""), rule=record["rule"], formula=record["formula"],
        recomputed=record["recomputed"], verdict=record["verdict"], note=record["note"],
        operands=tuple(GoldOperand(o["label"], o["role"], o["text"], o["start"], o["end"], o["value"])
                       for o in record.get("operands", ())),
        recomputed_range=tuple(span) if span else None,
    )


def load_document(text_path: Path, gold_path: Path) -> GoldDocument:
    """Read one text and its gold; raise :class:`CorpusError` if they disagree."""
    data = text_path.read_bytes()
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    digest = hashlib.sha256(data).hexdigest()
    if digest != gold["text_sha256"]:
        raise CorpusError(f"{text_path.name}: text changed since the gold was built "
                          f"(sha256 {digest[:12]} != {gold['text_sha256'][:12]}); "
                          "rebuild with python -m recount.corpus.build")
    text = data.decode("utf-8")
    doc = GoldDocument(
        name=text_path.name[: -len(".txt")], text=text, language=gold["language"],
        genre=gold.get("genre", ""), period=gold.get("period", ""),
        jurisdiction=gold.get("jurisdiction", ""), sha256=digest,
        figures=tuple(_figure(q) for q in gold["quantities"]),
        directives=tuple(GoldDirective(d["text"], d["type"], d["number"], d.get("date"), d["start"],
                                       d.get("end", d["start"] + len(d["text"])))
                         for d in gold["directives"]),
        claims=tuple(_claim(c) for c in gold["claims"]),
        other_numbers=tuple(gold.get("other_numbers", ())),
        path=str(text_path),
        gold=gold,
    )
    for span in (*doc.figures, *doc.directives, *doc.claims):
        if text[span.start:span.end] != span.text:
            raise CorpusError(f"{text_path.name}: gold span {span.text!r} is not at "
                              f"{span.start}:{span.end}")
    return doc


def load_corpus(dir: str | Path | None = None) -> list[GoldDocument]:
    """All gold documents of a corpus folder (holding ``docs/`` and ``gold/``), sorted by name.

    Args:
        dir: the corpus folder; by default the corpus shipped in the ``recount.corpus`` package.
            A folder that directly holds ``*.gold.json`` and ``*.txt`` files is accepted too.
    """
    root = Path(dir) if dir is not None else CORPUS_DIR
    gold_dir = root / "gold" if (root / "gold").is_dir() else root
    docs_dir = root / "docs" if (root / "docs").is_dir() else root
    gold_paths = sorted(gold_dir.glob("*.gold.json"))
    if not gold_paths:
        raise CorpusError(f"no *.gold.json files under {root}")
    documents = []
    for gold_path in gold_paths:
        name = gold_path.name[: -len(".gold.json")]
        text_path = docs_dir / f"{name}.txt"
        if not text_path.exists():
            raise CorpusError(f"{gold_path.name}: no text {text_path}")
        documents.append(load_document(text_path, gold_path))
    return documents
