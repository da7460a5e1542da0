"""The fast scans of extractors/context.py find exactly what the plain patterns find.

Each scan tries its pattern only where a match can start (a paragraph break's newline or
page break, a few characters before a plain string every match holds, a word whose first
letters fit); these tests hold them to ``finditer`` on the corpus texts and on random mixes
of the pieces the patterns look for, with odd blanks and the letters Python's
case-insensitive matching pairs with "i", "k" and "s".
"""
from __future__ import annotations

import glob
import random
import re
from pathlib import Path

import pytest

from recount.extractors import context as cx
from recount.extractors.directives import case_variants

ROOT = Path(__file__).resolve().parents[2]
ODD = ["ſ", "İ", "ı", "\u212a", "\u00a0", "\u2028", "\x85", "\t", "\n", "\x0c", " ", "  ", "x", "1"]


def _corpus_texts() -> list[str]:
    paths = sorted(glob.glob(str(ROOT / "corpus" / "docs" / "*.txt")))
    if not paths:
        pytest.skip("no corpus texts under corpus/docs")
    return [Path(p).read_text(encoding="utf-8") for p in paths]


def _random_texts(pieces: list[str], n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    glue = ["", " ", "  ", ", ", "\n", "-", "/", "_", "x", ". "]
    return ["".join(rng.choice(pieces) + rng.choice(glue) for _ in range(rng.randrange(1, 16)))
            for _ in range(n)]


def _spans(matches) -> list[tuple[int, int, tuple]]:
    return [(m.start(), m.end(), m.groups()) for m in matches]


def test_paragraph_breaks_are_the_blank_line_or_page_break_matches():
    plain = re.compile(r"\n[ \t]*\n\s*|(?<!\s)\s*\x0c\s*")
    rng = random.Random(21)
    alphabet = ["a", "b.", " ", "\t", "\n", "\x0c", "\r", "\xa0", "\u2028", "\x85", "\x1c", "\v"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 14))) for _ in range(20000)]
    for text in _corpus_texts() + texts:
        assert list(cx._paragraph_breaks(text)) == [m.span() for m in plain.finditer(text)], text


def test_anchored_scans_match_finditer():
    pieces = ["21/7/2019", "9-2021", "12.11.2024", "1/20", "-19", ".2020", "11:43", "1:2:33", "Covid-19",
              "covid 19", "ovid", "COVID-19", "ngày 12 tháng 11 năm 2024", "NGÀY 3 tháng 4", "ngÀy 1 tháng 2",
              "nngày 1 tháng 2", "từ ngày 01/10/2023 đến ngày 30/6/2024", "TỪ 1/10/2022 - 30/9/2023",
              "tỪ  01/10/2023 – 31/7/2024", "ttừ 1/10/2022 đến 30/9/2023", "2019", "20", "19", "/", ":"] + ODD
    scans = [(cx._MASK_RES[i], anchors) for i, anchors in cx._MASK_ANCHORS.items()]
    scans.append((cx._DATE_RANGE_VI_RE, (cx._TU_SPELLINGS, 0, 0)))
    for text in _corpus_texts() + _random_texts(pieces, 4000, seed=22):
        for rx, anchors in scans:
            assert _spans(cx._finditer_near(rx, *anchors, text)) == _spans(rx.finditer(text)), (rx.pattern, text)


def test_phrase_scans_match_finditer():
    pieces = list(cx._NATIONAL) + [p.upper() for p in cx._NATIONAL] + [
        "a year earlier", "A  YEAR ago", "the\tprevious year", "The prior\nyear", "the year before",
        "last year", "cùng kỳ năm trước", "Năm   trước", "năm 2024", "l'année précédente", "L’ANNÉE dernière",
        "un an plus tôt", "Un\tan plus tôt", "cả  nước", "toàn\tquốc", "xtoàn quốc", "the", "năm", "un"] + ODD
    scans = [(cx._NATIONAL_RE, cx._NATIONAL_START_RE), (cx._RELATIVE_RE, cx._RELATIVE_START_RE)]
    for text in _corpus_texts() + _random_texts(pieces, 4000, seed=23):
        for rx, starts in scans:
            assert _spans(cx._finditer_at(rx, starts, text)) == _spans(rx.finditer(text)), (rx.pattern, text)


def test_french_date_range_starts_at_its_du():
    plain = re.compile(r"(?:du\s+)?" + cx._DATE_RANGE_FR_RE.pattern, re.I)
    pieces = ["du 1er octobre 2023 au 31 mars 2024", "DU\n\n1 octobre 2022 - 30 septembre 2023", "du",
              "Ondu 1er octobre 2020 au 30 septembre 2021", "11 octobre 2020 au 3 mai 2021", "dU", "u",
              "1er octobre 2024", "2023"] + ODD
    for text in _corpus_texts() + _random_texts(pieces, 4000, seed=24):
        fast = [(cx._with_du_before(text, m.start()), m.end(), m.groups())
                for m in cx._DATE_RANGE_FR_RE.finditer(text)]
        assert fast == _spans(plain.finditer(text)), text


def test_case_variants_cover_the_letters_of_the_fast_scans():
    # the start classes and spellings rest on case_variants holding every letter that
    # re.IGNORECASE pairs with these
    letters = set("".join(cx._NATIONAL) + "từgày" + "a year earlier before ago the previous prior last cùng kỳ "
                  "năm trước l'année l’année précédente dernière un an plus tôt")
    every = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)
    near = set(re.findall("(?i)[" + re.escape("".join(letters)) + "]", every))
    for ch in letters:
        expected = {x for x in near if re.fullmatch("(?i)" + re.escape(ch), x)}
        assert expected <= case_variants(ch), (ch, expected - case_variants(ch))
