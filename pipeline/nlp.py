"""The one place recount assembles a spaCy pipeline.

No pretrained Vietnamese or English pipeline is on the package registry and the French one
has no number labels, so recount uses a blank multi-language tokenizer (``xx`` splits
"(3,27%)." correctly where a blank ``vi`` splits on whitespace only), its own tokenizer
fixes, a sentencizer and the ``recount_figures`` component.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

import recount.extractors.components  # noqa: F401  (registers the factory)
from recount.extractors.tokenizer import customize_tokenizer

PIPE_NAMES = ("sentencizer", "recount_figures")


def build_nlp(lang: str = "xx", *, with_figures: bool = True) -> Language:
    """A blank pipeline for ``lang`` with recount's tokenizer, a sentencizer and, unless
    ``with_figures`` is false, the figure component."""
    nlp = spacy.blank(lang)
    customize_tokenizer(nlp)
    nlp.add_pipe("sentencizer")
    if with_figures:
        nlp.add_pipe("recount_figures")
    return nlp


@lru_cache(maxsize=4)
def shared_tokenizer_nlp(lang: str = "xx") -> Language:
    """A process-wide pipeline for tokenizing sentences (feature extraction); built once."""
    return build_nlp(lang, with_figures=False)
