"""Labelled figures for the role model, from the hand-written gold corpus (and synthetic reports).

The model labels the figures the extractor finds, so it is trained on those: each gold
quantity is matched to the extracted figure of the same kind whose span overlaps it and whose
value is within 0.5% ("16.99%" in the text, 16.99 in the gold), and takes its role. A gold
quantity the extractor missed is still an example: a figure is built from the gold record so
the role model learns from every annotated number. Extracted figures with no gold match stay
in the document (they are context for their neighbours) but carry no label.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from recount.models.roles import ROLE_KINDS
from recount.pipeline.errors import RecountError
from recount.pipeline.extract import extract_document
from recount.pipeline.ingest import document_from_string
from recount.pipeline.records import Figure

#: How far an extracted value may be from the gold value and still be the same figure.
VALUE_TOLERANCE = 0.005


class CorpusError(RecountError, ValueError):
    """The corpus folder is missing, empty, or a text no longer matches its gold."""


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One annotated document: its text and its gold record (``gold/<name>.gold.json``)."""

    name: str
    lang: str
    text: str
    gold: dict


@dataclass(frozen=True, slots=True)
class LabelledDocument:
    """A document's figures (extracted, plus gold ones the extractor missed) and their roles.

    ``roles[i]`` is the gold role of ``figures[i]``, or ``None`` when no gold quantity
    matches it (a spurious figure, or a directive).
    """

    name: str
    lang: str
    text: str
    figures: tuple[Figure, ...]
    roles: tuple[str | None, ...]


def default_corpus_dir() -> Path:
    """The corpus that ships with recount (``corpus/`` in a source tree)."""
    import recount.corpus

    return Path(next(iter(recount.corpus.__path__)))


def read_corpus(corpus_dir: str | Path | None = None) -> list[GoldDocument]:
    """Every ``docs/<name>.txt`` with its ``gold/<name>.gold.json``, sorted by name.

    Raises:
        CorpusError: no gold files, a missing text, or a text whose sha256 is not the one
            its gold was annotated on (the offsets would be wrong).
    """
    root = Path(corpus_dir) if corpus_dir else default_corpus_dir()
    gold_paths = sorted((root / "gold").glob("*.gold.json"))
    if not gold_paths:
        raise CorpusError(f"no gold files in {root / 'gold'}")
    documents = []
    for gold_path in gold_paths:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text_path = root / "docs" / gold["doc"]
        if not text_path.is_file():
            raise CorpusError(f"{gold_path.name}: text {text_path} is missing")
        text = text_path.read_text(encoding="utf-8")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if gold.get("text_sha256") and gold["text_sha256"] != digest:
            raise CorpusError(f"{text_path.name} changed since it was annotated (sha256 {digest[:12]}…)")
        documents.append(GoldDocument(gold["doc"], gold.get("language") or "en", text, gold))
    return documents


def corpus_hash(documents: list[GoldDocument]) -> str:
    """sha256 over the texts and the gold roles: a model's ``meta.json`` names the data it saw."""
    h = hashlib.sha256()
    for d in documents:
        h.update(d.name.encode())
        h.update(hashlib.sha256(d.text.encode("utf-8")).digest())
        for q in d.gold.get("quantities", ()):
            h.update(f"{q['start']}:{q['end']}:{q['kind']}:{q.get('role')}".encode())
    return h.hexdigest()


def same_figure(figure: Figure, quantity: dict) -> bool:
    """An extracted figure and a gold quantity are one figure: same kind, overlapping
    offsets, value within :data:`VALUE_TOLERANCE`."""
    if figure.kind != quantity["kind"] or figure.start >= quantity["end"] or quantity["start"] >= figure.end:
        return False
    gold_value = quantity.get("value")
    if gold_value is None or figure.value is None:
        return True
    return abs(figure.value - gold_value) <= VALUE_TOLERANCE * max(abs(gold_value), 1e-9)


def figure_from_gold(name: str, lang: str, quantity: dict) -> Figure:
    """A :class:`Figure` standing for a gold quantity the extractor did not find."""
    change = quantity.get("change")
    return Figure(
        doc=name, kind=quantity["kind"], text=quantity["text"], start=quantity["start"],
        end=quantity["end"], value=quantity.get("value"), unit=quantity.get("unit"),
        qualifier=quantity.get("qualifier") or "exact",
        change={"+": "increase", "-": "decrease"}.get(change, change), lang=lang,
        period=quantity.get("period"), jurisdiction=quantity.get("jurisdiction"),
        step=quantity.get("step"), source="gold",
    )


def label_document(document: GoldDocument, figures: list[Figure] | None = None) -> LabelledDocument:
    """Match the gold quantities of ``document`` to its extracted ``figures`` (extracted
    here when not given)."""
    if figures is None:
        figures = extract_document(document_from_string(document.text, document.name))
    figures = [f for f in figures if f.kind in ROLE_KINDS]
    roles: list[str | None] = [None] * len(figures)
    missed = []
    for quantity in document.gold.get("quantities", ()):
        match = next((i for i, f in enumerate(figures) if roles[i] is None and same_figure(f, quantity)), None)
        if match is None:
            missed.append((figure_from_gold(document.name, document.lang, quantity), quantity["role"]))
        else:
            roles[match] = quantity["role"]
    pairs = sorted([*zip(figures, roles), *missed], key=lambda p: (p[0].start, p[0].end))
    return LabelledDocument(document.name, document.lang, document.text,
                            tuple(f for f, _ in pairs), tuple(r for _, r in pairs))


def labelled_corpus(corpus_dir: str | Path | None = None) -> list[LabelledDocument]:
    """:func:`label_document` over the whole hand-written corpus."""
    return [label_document(d) for d in read_corpus(corpus_dir)]


def synthetic_documents(n: int, seed: int = 0) -> list[LabelledDocument]:
    """Generated reports (``recount.corpus.synth``) with their gold roles, for training only,
    never for evaluation. Empty when the generator is not installed."""
    try:
        from recount.corpus.synth import generate_reports
    except ImportError:
        return []
    out = []
    for report in generate_reports(n, seed=seed, langs=("vi", "en", "fr")):
        quantities = [{"kind": f.kind, "text": f.text, "start": f.start, "end": f.end, "value": f.value,
                       "unit": f.unit, "qualifier": f.qualifier, "change": f.change, "step": f.step,
                       "role": f.role} for f in report.figures if f.kind in ROLE_KINDS and f.role]
        gold = {"doc": report.name, "language": report.lang, "quantities": quantities}
        out.append(label_document(GoldDocument(report.name, report.lang, report.text, gold)))
    return out
