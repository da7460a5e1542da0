"""The fast scans of extractors/context.py find exactly what the plain patterns find.

Each scan tries its pattern only where a match can start (a paragraph break's newline or
page break, a few characters before a plain string every match holds, a word whose first
letters fit, a branch per exact first letter, the first four letters of a province name, the
runs of letters around a key word found in the lowered text); these tests hold them to the
plain forms on the corpus texts and on random mixes of the pieces the patterns look for,
with odd blanks and the letters Python's case-insensitive matching pairs with "i", "k" and "s".
"""
from __future__ import annotations

import importlib.util
import random
import re
from pathlib import Path

from recount.extractors import context as cx
from recount.extractors.directives import case_variants

_spec = importlib.util.spec_from_file_location(
    "fast_path_texts", Path(__file__).with_name("fast_path_texts.py"))
fast_path_texts = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fast_path_texts)

ODD = ["ſ", "İ", "ı", "\u212a", "\u00a0", "\u2028", "\x85", "\t", "\n", "\x0c", " ", "  ", "x", "1"]


_corpus_texts = fast_path_texts.corpus_texts


def _random_texts(pieces: list[str], n: int, seed: int) -> list[str]:
    # a sentence end between pieces too: several context scans stop at one
    return fast_path_texts.random_texts(pieces, n, seed, glue=fast_path_texts.GLUE + (". ",))


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
              "nngày 1 tháng 2", "THÁNG 5", "tHáNg 12 năm 2024", "ttháng 1", "tháng\n3 NĂM 2023", "á", "Àà",
              "từ ngày 01/10/2023 đến ngày 30/6/2024", "TỪ 1/10/2022 - 30/9/2023", "tỪ  01/10/2023 – 31/7/2024",
              "ttừ 1/10/2022 đến 30/9/2023", "TỪ", "từ", "October 1, 2023 - September 30, 2024",
              "OCTOBER 1 2022 through June 30, 2023", "oCTOBER 1, 2023 to", "xoctober 1, 2023 – March 31, 2024",
              "October", "octobre", "2019", "20", "19", "/", ":", "2020-2025", "1999 –\n2001", "21/12/2019",
              "1.1.2020", "x2019", "120245", "2019 - 20", "1920"] + ODD
    scans = [(cx._MASK_RES[i], anchors, False) for i, anchors in cx._MASK_ANCHORS.items()]
    scans += [(rx, (words, 0, 0), True) for rx, words in cx._DATE_RANGE_FIRST_WORDS.items()]
    scans.append((cx._YEAR_RE, (cx._CENTURIES, 0, 0), False))
    for text in _corpus_texts() + _random_texts(pieces, 4000, seed=22):
        for rx, anchors, lowered in scans:
            fast = cx._finditer_near(rx, *anchors, text, lowered=lowered)
            assert _spans(fast) == _spans(rx.finditer(text)), (rx.pattern, text)


def test_anchored_scans_keep_to_their_bounds():
    # the district scan tries the Vietnamese and French forms between the clauses holding
    # "District": the anchored scan of a slice finds what finditer finds between its bounds
    pieces = ["huyện Bảo Lộc", "quận Ba Đình", "thị xã Sơn Tây", "thành phố Huế", "TP. Hà Nội", "TP Vinh",
              "district de Cau Giay", "district d'An Nhon", "huyện", "TP", "Xa", "a"] + ODD
    rng = random.Random(27)
    for text in _corpus_texts() + _random_texts(pieces, 4000, seed=27):
        pos = rng.randrange(len(text) + 1)
        endpos = rng.randrange(pos, len(text) + 1)
        fast = cx._finditer_near(cx._DISTRICT_RE, cx._DISTRICT_VI_FR_WORDS, 0, 0, text, pos, endpos)
        assert _spans(fast) == _spans(cx._DISTRICT_RE.finditer(text, pos, endpos)), (pos, endpos, text)


def test_phrase_scans_match_finditer():
    pieces = list(cx._NATIONAL) + [p.upper() for p in cx._NATIONAL] + [
        "a year earlier", "A  YEAR ago", "the\tprevious year", "The prior\nyear", "the year before",
        "last year", "cùng kỳ năm trước", "Năm   trước", "năm 2024", "l'année précédente", "L’ANNÉE dernière",
        "un an plus tôt", "Un\tan plus tôt", "cả  nước", "toàn\tquốc", "xtoàn quốc", "the", "năm", "un"] + ODD
    pieces += ["last year2", "a year_", "NATıONWIDE", "natİonal total", "dans tout le paſ", "Our country's",
               "international", "payment", "toàn ngành thành phố", "year", "pay", "1,", "'", "’"]
    scans = [(cx._NATIONAL_RE, cx._NATIONAL_START_RE, cx._NATIONAL_SPELLINGS),
             (cx._RELATIVE_RE, cx._RELATIVE_START_RE, cx._RELATIVE_SPELLINGS)]
    for text in _corpus_texts() + _random_texts(pieces, 4000, seed=23):
        for rx, starts, spellings in scans:
            plain = _spans(rx.finditer(text))
            assert _spans(cx._finditer_at(rx, starts, text)) == plain, (rx.pattern, text)
            assert _spans(cx._finditer_in_runs(rx, starts, spellings, text)) == plain, (rx.pattern, text)


def test_province_scan_matches_finditer():
    # every name, cut short names ("Hà N", "THAN"), names inside words and the look-alikes
    # the start pattern must rule out or let through
    names = list(cx._PROVINCE_NAMES)
    pieces = names + [n[:4] for n in names] + [n[:3] for n in names] + [
        "THADS", "Thanh", "ThanhHóa", "xHà Nội", "Hà Nộii", "Nghệ", "An", "An Giang1", "Huế_", "Hué", "HUẾ",
        "TP.HCM"] + ODD
    for text in _corpus_texts() + _random_texts(pieces, 4000, seed=28):
        fast = cx._finditer_at(cx._PROVINCE_RE, cx._PROVINCE_START_RE, text)
        assert _spans(fast) == _spans(cx._PROVINCE_RE.finditer(text)), text


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
    letters = set("".join(cx._NATIONAL) + "từgàyá october" + "a year earlier before ago the previous prior last cùng kỳ "
                  "năm trước l'année l’année précédente dernière un an plus tôt")
    # and the first letters of the window patterns written by _first_letter_re
    letters |= {w[0] for rx in PLAIN_WINDOW_RES.values() for w in re.findall(r"[^\W\d_]+", rx.pattern)}
    letters |= {m[0] for m in _MONTHS.split("|")} | {c[0] for c in cx._CMP} | {"t"}  # "t" of "tháng"
    every = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)
    near = set(re.findall("(?i)[" + re.escape("".join(letters)) + "]", every))
    for ch in letters:
        expected = {x for x in near if re.fullmatch("(?i)" + re.escape(ch), x)}
        assert expected <= case_variants(ch), (ch, expected - case_variants(ch))


_MONTHS = cx._MONTHS
#: The window patterns of find_periods as first written, with "(?<![\w])" before the words.
PLAIN_WINDOW_RES = {
    "_LEGAL_BEFORE_RE": re.compile(
        r"(?:(?<![\w])(?:No\.?|n°|số)[ \t]*\S+[ \t]+(?:of|de|du|năm|dated)?[ \t]*"
        r"|(?<![\w])(?:Law|Luật|loi|Code|Bộ luật|Constitution|Hiến pháp)(?![\w])[^.;:\d\n]{0,40}?)$", re.I),
    "_SINCE_BEFORE_RE": re.compile(
        r"(?<![\w])(?:since|depuis|kể từ|before|avant|trước năm|until|jusqu['’]en)(?![\w])[^.;\n]{0,60}$", re.I),
    "_BOUND_CUE_RE": re.compile(
        r"(?<![\w])(?:from|compared\s+(?:to|with)|so\s+với|par\s+rapport\s+(?:à|aux?)|contre|against|versus|than)\s+",
        re.I),
    "_CARRY_BEFORE_RE": re.compile(
        r"(?<![\w])(?:(?:carried|moved?|brought|passed)\s+(?:over\s+|forward\s+|on\s+)?(?:to|into)\s+(?:the\s+)?"
        r"|chuyển\s+(?:sang|tiếp\s+sang|từ)\s+(?:năm\s+)?"
        r"|report(?:é|ée|és|ées)\s+(?:sur|à|en|de|vers)\s+(?:l['’]année\s+|l['’]exercice\s+)?)$", re.I),
    "_SUBORDINATE_RE": re.compile(
        r"(?<![\w])(?:as|because|when|while|after|since|vì|do|khi|sau khi|car|parce\s+que|lorsque|alors\s+que)"
        r"(?![\w])", re.I),
    "_TARGET_BEFORE_RE": re.compile(
        r"(?<![\w])(?:targets?|goals?|objectifs?|chỉ\s+tiêu|nhiệm\s+vụ|phương\s+hướng|kế\s+hoạch|plans?|prévue?s?"
        r"|directions?|orientations?|for|pour)(?![\w])[^\d.;\n]{0,30}$", re.I),
}
PLAIN_DATE_BEFORE_RE = re.compile(
    rf"(?:\d[/.,-]|(?<![\w])(?:{_MONTHS})\.?[ \t]*(?:\d{{1,2}}(?:er|st|nd|rd|th)?[ \t]*,?[ \t]*)?"
    rf"|(?<![\w])tháng[ \t]+\d{{1,2}}[ \t]*,?[ \t]*(?:năm[ \t]+)?)$", re.I)
PLAIN_CMP_DIRECT_RE = re.compile(
    r"(?<![\w])(?:compared\s+(?:to|with)|in\s+comparison\s+with|so\s+với|par\s+rapport\s+(?:à|au)|than|qu['’]|que"
    r"|from|on|over|versus|vs\.?|against|contre|cùng\s+kỳ|year[- ]on[- ]year)\s+" + cx._FILLER + r"$"
    r"|(?<=qu['’])en\s+$", re.I)


def _windows() -> list[str]:
    """The 80 characters before each number of the corpus, and random runs of the words the
    window patterns look for."""
    windows = []
    for text in _corpus_texts():
        windows += [text[max(0, m.start() - 80):m.start()] for m in re.finditer(r"\d+", text)]
    words = [w for rx in list(PLAIN_WINDOW_RES.values()) + [PLAIN_DATE_BEFORE_RE, PLAIN_CMP_DIRECT_RE]
             for w in re.findall(r"[^\W\d_]+(?:['’ ][^\W\d_]+)?", rx.pattern)]
    words += ["No.", "N°", "qu'en", "QU’EN", "5/", "1,", "12th", "1er", "(", ".", ";", "12,5%"] + ODD
    rng = random.Random(25)
    for _ in range(20000):
        pieces = [rng.choice(words) for _ in range(rng.randrange(1, 8))]
        windows.append(" ".join(p.upper() if rng.random() < 0.1 else p for p in pieces)
                       + rng.choice(["", " ", "  ", "\t"]))
    return windows


def test_first_letter_window_patterns_match_their_plain_forms():
    windows = _windows()
    for name, plain in PLAIN_WINDOW_RES.items():
        fast = getattr(cx, name)
        for window in windows:
            assert _spans(fast.finditer(window)) == _spans(plain.finditer(window)), (name, window)
    for window in windows:
        date = cx._NUMBER_DATE_BEFORE_RE.search(window) or cx._WORD_DATE_BEFORE_RE.search(window)
        assert bool(date) == bool(PLAIN_DATE_BEFORE_RE.search(window)), window
        compare = cx._CMP_DIRECT_RE.search(window) or cx._QU_EN_BEFORE_RE.search(window)
        assert bool(compare) == bool(PLAIN_CMP_DIRECT_RE.search(window)), window


def test_every_span_holds_a_span_word():
    pieces = ["9 tháng", "sáu tháng đầu năm", "first nine months", "nine-month", "neuf premiers mois", "6 mois",
              "first half", "premier semestre", "H1", "h1", "THÁNG", "MONTHS", "Mois", "11 months", "mười một tháng"]
    for window in _windows() + _random_texts(pieces + ODD, 4000, seed=26):
        if cx._SPAN_RE.search(window):
            assert cx._SPAN_WORD_RE.search(window), window


def test_per_text_work_is_shared_by_one_text_object_only():
    # every pass over one document gets the same paragraphs; an equal text read again (another
    # document with the same words, the next round of a benchmark) is worked out afresh
    text = "Năm 2024, Cục thi hành xong 289 việc.\n\nNăm 2023, 250 việc."
    first = cx._paragraphs(text)
    assert cx._paragraphs(text) is first
    same_words = "".join(list(text))
    assert same_words == text and same_words is not text
    again = cx._paragraphs(same_words)
    assert again == first and again is not first
