"""recount's extractor as a spaCy component.

``nlp.add_pipe("recount_figures")`` writes every figure recount finds into
``doc.spans["recount"]`` (label = kind: count, money, percent, directive); the normalized
records (value, unit, qualifier, ...) are in ``doc.spans["recount"].attrs["figures"]`` in the
same order. The component follows spaCy's split: ``predict`` reads the Doc,
``set_annotations`` writes it.

The factory is registered by the decorator below and exposed through the
``spacy_factories`` entry point, so an installed recount is found by name.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from recount.pipeline.records import Figure

SPANS_KEY = "recount"


class FigureComponent:
    """Find counts, money, percentages and directives and store them as spans."""

    def __init__(self, nlp: Language, name: str = "recount_figures", spans_key: str = SPANS_KEY):
        self.name = name
        self.spans_key = spans_key

    def predict(self, doc: Doc) -> list[Figure]:
        from recount.pipeline.extract import extract_document
        from recount.pipeline.ingest import document_from_string

        document = document_from_string(doc.text, name=doc.user_data.get("recount_doc", "<doc>"))
        if document.text != doc.text:
            # spaCy keeps the text as given; recount's offsets are into its NFC form. Only
            # figures whose surface sits at the same place in both are kept.
            return [f for f in extract_document(document) if doc.text[f.start:f.end] == f.text]
        return extract_document(document)

    def set_annotations(self, doc: Doc, figures: list[Figure]) -> None:
        spans, kept = [], []
        for f in figures:
            span = doc.char_span(f.start, f.end, label=f.kind, alignment_mode="expand")
            if span is None:
                continue
            spans.append(span)
            kept.append(f.to_dict())
        group = doc.spans[self.spans_key] = spans
        doc.spans[self.spans_key].attrs["figures"] = kept
        del group

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.predict(doc))
        return doc


@Language.factory(
    "recount_figures",
    assigns=[f"doc.spans"],
    default_config={"spans_key": SPANS_KEY},
)
def make_figure_component(nlp: Language, name: str, spans_key: str) -> FigureComponent:
    """spaCy factory for :class:`FigureComponent`."""
    return FigureComponent(nlp, name, spans_key)
