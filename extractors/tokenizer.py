"""Tokenizer fixes for THADS text on spaCy's blank pipelines.

* "VND22,000 billion" stays one token in a blank tokenizer; a prefix rule splits the currency
  off the number.
* "Decree No. 18/2002/ND-CP": the sentencizer would end a sentence after "No."; a special
  case keeps "No." one token with its dot.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.symbols import ORTH
from spacy.util import compile_prefix_regex

#: Currency codes glued before a number ("VND22,000", "USD5").
CURRENCY_PREFIXES = [r"VND(?=\d)", r"VNĐ(?=\d)", r"USD(?=\d)"]
#: Abbreviations that end in a dot but do not end a sentence.
ABBREVIATIONS = ["No.", "Nos.", "no.", "Mr.", "Mrs.", "Dr.", "M.", "Mme.", "TP.", "Art.", "n°"]


def customize_tokenizer(nlp: Language) -> Language:
    """Add recount's prefix rules and special cases to ``nlp``'s tokenizer, in place."""
    prefixes = list(nlp.Defaults.prefixes or []) + CURRENCY_PREFIXES
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    for abbr in ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbr, [{ORTH: abbr}])
    return nlp
