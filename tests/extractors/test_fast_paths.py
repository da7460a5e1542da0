"""The faster forms of the extractors' patterns find exactly what the plain forms find.

Extraction speed work rewrote a few patterns (a word boundary tested after the first
character so the regex engine can skip ahead) and scans (province and district names tried
only where one can start, each line's language told once, its words split off by blanking
the non-letters). These tests hold the fast forms to the plain ones on the corpus texts and
on random mixes of the pieces the patterns look for.
"""
from __future__ import annotations

import importlib.util
import random
import re
from collections import Counter
from pathlib import Path

import pytest

from recount.extractors import context as cx
from recount.extractors import segment as sg

_spec = importlib.util.spec_from_file_location(
    "fast_path_texts", Path(__file__).with_name("fast_path_texts.py"))
fast_path_texts = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fast_path_texts)

#: The masks as first written, with "\b" before the first character.
PLAIN_MASKS = {
    2: re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}\b"),
    3: re.compile(r"\b\d{1,2}[/-](?:19|20)\d{2}\b"),
    4: re.compile(r"\bngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?", re.I),
    5: re.compile(r"\btháng\s+\d{1,2}(?:\s+năm\s+\d{4})?", re.I),
    6: re.compile(r"\b\d{1,2}:\d{2}\b"),
    7: re.compile(r"\b(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}\b"),
    8: re.compile(r"\b[Cc]ovid[- ]?19\b"),
}


_corpus_texts = fast_path_texts.corpus_texts
_random_texts = fast_path_texts.random_texts


def _spans(rx: re.Pattern, text: str) -> list[tuple[int, int, tuple]]:
    return [(m.start(), m.end(), m.groups()) for m in rx.finditer(text)]


def test_masks_match_their_plain_forms():
    pieces = ["21/7/2019", "9-2021", "12.11.2024", "11:43", "2020-2025", "2020 – 2025", "Covid-19",
              "covid 19", "ngày 12 tháng 11 năm 2024", "NGÀY 3 THÁNG 4", "tháng 10", "Tháng 9 năm 2017",
              "a1", "x2020", "_3/2021", "119/2020", "năm", "1", "19", "20", "ſ", "İ", "é"]
    texts = _corpus_texts() + _random_texts(pieces, 3000, seed=11)
    for index, plain in PLAIN_MASKS.items():
        for text in texts:
            assert _spans(cx._MASK_RES[index], text) == _spans(plain, text), (index, text)


def test_province_and_district_scans_match_finditer():
    pieces = list(cx._PROVINCE_NAMES) + [
        "huyện Bảo Lộc", "quận Ba Đình", "thị xã Sơn Tây", "thành phố Huế", "TP. Hà Nội", "TP Vinh",
        "district de Cau Giay", "district d'An Nhon", "tại", "Xa", "a", "1", "Đ", "hanoi", "HÀ NỘI",
    ]
    for text in _corpus_texts() + _random_texts(pieces, 3000, seed=12):
        fast = list(cx._finditer_at(cx._PROVINCE_RE, cx._PROVINCE_START_RE, text))
        assert [(m.start(), m.end(), m.groups()) for m in fast] == _spans(cx._PROVINCE_RE, text)
        fast = list(cx._district_matches(text))
        assert [(m.start(), m.end(), m.groups()) for m in fast] == _spans(cx._DISTRICT_RE, text)


def test_district_scan_by_lines_matches_finditer():
    # English districts ("Nhu Xuan District") only on the lines holding the keyword, the
    # Vietnamese and French forms everywhere, lines of every length between them
    pieces = [
        "huyện Bảo Lộc", "quận Ba Đình", "thị xã Sơn Tây", "thành phố Huế", "TP. Hà Nội", "TP Vinh",
        "district de Cau Giay", "district d'An Nhon", "Nhu Xuan District", "Cam Lam Town", "District",
        "Town", "the", "Xa", "a", "1", "Đ", "\n", "\n\n", "\f", "Districts", "Townhall",
    ]
    for text in _corpus_texts() + _random_texts(pieces, 4000, seed=18):
        fast = [(m.start(), m.end(), m.groups()) for m in cx._district_matches(text)]
        assert fast == _spans(cx._DISTRICT_RE, text), text


def test_one_language_pass_gives_both_answers():
    for text in _corpus_texts():
        lang, sentences = sg.language_and_sentences(text)
        assert lang == sg.document_language(text)
        assert sentences == sg.split_sentences(text, lang)


def test_lines_split_at_breaks_match_the_line_pattern():
    # the other characters Python counts as line ends do not end a line here
    pieces = ["\n", "\f", "\n\n", "\f\n", "\r", "\r\n", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029",
              " ", "x", "Đạt 85,49%", ""]
    for text in _corpus_texts() + _random_texts(pieces, 4000, seed=27):
        plain = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\n\f]+", text)]
        assert sg._lines(text) == plain, text


def test_unwrap_in_two_passes_matches_one_pass_over_every_candidate():
    plain_wrap = re.compile(r"\n(?<!\n\n)(?=[^\W\d_]|\()")
    pieces = ["\n", "\n\n", "\f", " ", "a", "z", "A", "Z", "é", "É", "đ", "Đ", "ß", "ª", "ⅰ", "ǅ", "ſ", "\u0345", "9", "_",
              "(", ")", ".", ":", ";", "!", "?", ",", "Số phải", "thi hành", "năm 2023", "(84,92%)", "x"]
    for raw in _corpus_texts() + _random_texts(pieces, 4000, seed=28):
        plain = plain_wrap.sub(lambda m: " " if sg._continues(raw, m.end()) else "\n", raw)
        assert sg.unwrap_lines(raw) == plain, raw


#: The sentence-end pattern as first written, one class for the four marks.
PLAIN_SENT_END = re.compile(r"[.!?…][\"'”»)]*[ \t]+(?=[\"'“«(]?[A-ZÀ-ỸĐ0-9])")


def test_sentence_ends_found_once_match_each_paragraph_searched_alone():
    pieces = [".", "!", "?", "…", '"', "'", "”", "»", ")", "“", "«", "(", " ", "\t", "  ", "\n", "\n\n", "\f", "A",
              "Đ", "Ỹ", "9", "x", "đ", "No.", "Mr. ", "85,49%. Về", "cases.” The", "?! (", "a\nb", "\nA"]
    for text in _corpus_texts() + _random_texts(pieces, 4000, seed=26):
        plain = [m.span() for m in PLAIN_SENT_END.finditer(text)]
        assert sg._sentence_ends(text) == plain, text
        # _split hands the ends out in order to the paragraphs holding more than blanks: that
        # is what searching each of them alone finds
        joined = sg._join_wrapped_lines(text, sg._paragraphs(text))
        by_paragraph = [m.span() for start, end, _ in joined if not text[start:end].isspace()
                        for m in PLAIN_SENT_END.finditer(text, start, end)]
        assert by_paragraph == plain, text


@pytest.mark.parametrize("line, lang", [
    ("Thi hành xong 289 việc, đạt 85,49%", "vi"),
    # a French sentence with Vietnamese place names stays French
    ("Les affaires à Sơn Trà et Ngũ Hành Sơn ont été réglées", "fr"),
    ("The rate was 85.49% for the year", "en"),
    ("2024", ""),
])
def test_detect_language_examples(line, lang):
    assert sg.detect_language(line, "") == lang


def test_blanking_non_letters_splits_into_the_word_pattern_s_words():
    # every ASCII character, letters and non-letters outside ASCII, and apostrophes joining
    # words or not, on the corpus's lines and random mixes
    pieces = [chr(c) for c in range(128)] * 2 + [
        "The", "OF", "de", "Et", "rate", "x9y", "a_b", "it's", "L'a", "qu'il", "d'exécution", "a'b'c", "''", "'x",
        "y'", "9'a", "_'_", "é", "ạ", "Đ", "Ơ", "œ", "²", "½", "°", "’", "«", "\u00a0", "\u2028", "İ", "ſ", "\u212a",
        "٣", "ǅ", "e\u0301", "Σ", "ß", "ﬁ"] * 3
    lines = [line for text in _corpus_texts() for line in text.splitlines()] + _random_texts(pieces, 12000, seed=25)
    fast = Counter()
    for line in lines:
        lowered = line.lower()
        found = sg._blank_non_letters(lowered)
        if found is None:
            continue
        blanked, letters, non_ascii = found
        outside_ascii = "none" if not non_ascii else "letters" if non_ascii.isalpha() else "others too"
        fast["'" in line, outside_ascii] += 1
        assert sorted(blanked.split()) == sorted(sg._WORD_RE.findall(lowered)), line
        assert letters == len(sg._NON_LETTER_RE.sub("", lowered)), line
        assert non_ascii == "".join(ch for ch in lowered if not ch.isascii()), line
    # taken with and without apostrophes, with no character outside ASCII, only letters there, others too
    assert len(fast) == 6 and min(fast.values()) > 200, fast


def _plain_language_and_letters(text: str, default: str) -> tuple[str, int]:
    """The language guess as first written: every word by the word pattern, every count over
    all of them."""
    words = sg._WORD_RE.findall(text.lower())
    letters = len(sg._NON_LETTER_RE.sub("", text))
    vi_ratio = len(sg._VI_LETTER_RE.findall(text)) / letters if letters else 0.0
    if vi_ratio > 0.10:
        return "vi", letters
    fr = sum(w in sg._FR_WORDS for w in words) + sum(w.startswith(sg._FR_ELISIONS) for w in words)
    en = sum(w in sg._EN_WORDS for w in words)
    if vi_ratio > 0.03 and fr + en < 3:
        return "vi", letters
    if fr >= en and any(ch in text for ch in "éèêàçù"):
        fr += 1
    return ("fr" if fr > en else "en" if en > fr else default), letters


def test_language_guess_matches_its_plain_form():
    pieces = ["the", "of", "The", "cases", "de", "les", "à", "été", "l'affaire", "d'exécution", "qu'il", "it's",
              "students'", "'x'", "a'b'c", "Sơn Trà", "việc", "Đạt", "É", "é", "ç", "²", "°", "’", "İ", "\u212a", "ſ",
              "85,49%", "x", " "]
    texts = [line for text in _corpus_texts() for line in text.splitlines()] + _random_texts(pieces, 6000, seed=29)
    for text in texts:
        assert sg._language_and_letters(text, "") == _plain_language_and_letters(text, ""), text


def test_lower_case_keeps_letters_and_vietnamese_letters():
    # the language guess counts both in lower case, on lines as long as in lower case
    every = (chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)
    for ch in every:
        low = ch.lower()
        if low == ch:
            continue
        assert len(sg._VI_LETTER_RE.findall(low)) == (ch in sg._VI_LETTERS), ch
        if len(low) == 1:
            assert bool(sg._NON_LETTER_RE.match(low)) == bool(sg._NON_LETTER_RE.match(ch)), ch
    assert all(not ch.isascii() for ch in sg._VI_LETTERS)


def test_letter_count_by_removal_equals_findall():
    letter_re = re.compile(r"[^\W\d_]")
    for text in _corpus_texts()[:20] + ["²½ⅷ_x9 ạ", ""]:
        assert len(sg._NON_LETTER_RE.sub("", text)) == len(letter_re.findall(text))


def test_end_anchored_searches_start_late_but_find_the_same():
    from recount.extractors import quantities as q

    pieces = ["điều", "Article", "art.", "no.", "n°", "lần  thứ", "xếp\u00a0thứ", "tháng", "juillet",
              "Sept.", "September", "more than", "plus de", "au-delà de", "approximativement", "de",
              "khoảng", "x", "1", ":", " ", "\t", "\u202f", "(", "ſept", "İ"]
    rng = random.Random(13)
    lefts = []
    for text in _corpus_texts():
        lefts += [text[max(0, m.start() - 40):m.start()] for m in re.finditer(r"\d+", text)]
    for _ in range(5000):
        lefts.append(" ".join(rng.choice(pieces) for _ in range(rng.randrange(1, 8)))
                     + rng.choice(["", " ", "  ", " : ", ". "]))
    # the break shortcut rests on this: no label or month holds a digit or one of ",;()%/",
    # no hedge one of ",;.()%:/" either
    from recount.extractors import lexicon as lx

    assert not [w for w in lx.LABEL_BEFORE + lx.MONTHS["en"] + lx.MONTHS["fr"] if re.search(r"[0-9,;()%/]", w)]
    assert not [w for w in sum(lx.QUALIFIERS.values(), []) if re.search(r"[0-9,;.()%:/]", w)]
    lefts += [left + tail for left in lefts[-2000:] for tail in ("", "(", "12, ")]
    for left in lefts:
        for rx, longest, breaks in ((q.LABEL_BEFORE_RE, q._LABEL_LONGEST, q._LABEL_BREAK_RE),
                                    (q.MONTH_RE, q._MONTH_LONGEST, q._LABEL_BREAK_RE),
                                    (q.QUALIFIER_RE, q._QUALIFIER_LONGEST, q._PHRASE_BREAK_RE)):
            plain = rx.search(left)
            for fast in (q._search_at_end(rx, left, longest), q._search_at_end(rx, left, longest, breaks)):
                assert (fast and (fast.span(), fast.lastgroup)) == (plain and (plain.span(), plain.lastgroup)), left


def test_plain_digits_parse_like_the_general_path():
    from decimal import Decimal

    from recount.extractors.numbers import parse_number

    for surface in ("289", "0", "007", "2024", "1234567890123"):
        parsed = parse_number(surface, "vi")
        assert (parsed.value, parsed.decimals, parsed.step) == (Decimal(surface), 0, Decimal(1))
        # the general path, reached through a trailing blank that strip() removes
        general = parse_number(surface + " ", "vi")
        assert (general.value, general.decimals, str(general.step)) == (parsed.value, 0, str(parsed.step))


def test_url_and_slug_masks_searched_by_line_match_finditer():
    pieces = ["http://a.b/c", "https://x", "www.y.vn", "a.html", "b.htm", "c.aspx", "d.php", "e.chn",
              "x.HTML", "thi-hanh-an-2025", "a-b-c", "a-b", "-x-", "A-b-c", " ", "\n", "\f", "\t",
              "\u00a0", "word", "1", ".", "/", ":", "\u2028", "\x85", "\r"]
    for text in _corpus_texts() + _random_texts(pieces, 4000, seed=14):
        for index, trigger in cx._MASK_TRIGGERS.items():
            rx = cx._MASK_RES[index]
            fast = [m.span() for m in cx._finditer_in_lines(rx, trigger, text)]
            assert fast == [m.span() for m in rx.finditer(text)], (index, text)


def test_bare_ids_inside_typed_references_are_not_repeated():
    from recount.extractors.directives import find_directives

    text = ("Nghị định số 62/2015/NĐ-CP và 05/2024/TT-BTP; Thông tư 01/2016/TT-BTP, "
            "rồi 12/2020/NĐ-CP. ") * 50
    refs = find_directives(text)
    starts = [r.start for r in refs]
    assert len(starts) == len(set(starts)) == 200
    assert sum(r.id == "62/2015/ND-CP" for r in refs) == 50


def test_case_variants_cover_every_code_point_ignorecase_matches():
    from recount.extractors.directives import _TYPE_OF, case_variants

    used = sorted({ch for w in _TYPE_OF for ch in w[:3] if ch != " "})
    every = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)
    near = set(re.findall("(?i)[" + re.escape("".join(used)) + "]", every))
    for ch in used:
        expected = {x for x in near if re.fullmatch("(?i)" + re.escape(ch), x)}
        assert expected <= case_variants(ch), (ch, expected - case_variants(ch))


def test_typed_references_found_where_a_type_word_can_start():
    from recount.extractors import directives as dr

    pieces = [w for w in dr._TYPE_OF] + [w.upper() for w in dr._TYPE_OF] + [w.title() for w in dr._TYPE_OF] + [
        "số", "No.", "n°", "62/2015/NĐ-CP", "05", "04 CT/TW", "2759/CTHADS-KTr", "18", "BỘ  LUẬT", "KẾ\tHOẠCH",
        "ſ", "İ", "\u212a", "x", "(", "-", " ", "\n"]
    for text in _corpus_texts() + _random_texts(pieces, 4000, seed=15):
        fast = [(m.span(), m.groups()) for m in dr._typed_matches(text)]
        assert fast == [(m.span(), m.groups()) for m in dr.DIRECTIVE_RE.finditer(text)], text


def test_typed_references_found_in_windows_before_numbers():
    from recount.extractors import directives as dr

    # numbers far apart in prose (the windowed search's case), with runs of blanks and line
    # breaks between a type word, "No." and the number that stretch the window
    pieces = [w for w in dr._TYPE_OF] + [w.upper() for w in dr._TYPE_OF] + [
        "số", "No.", "n°", "62/2015/NĐ-CP", "05", "04 CT/TW", "18", "Bộ  luật", "ſ", "İ",
        "x", "(", "-", " ", "  \n\t ", " " * 40, "việc cases affaires " * 8]
    for text in _corpus_texts() + _random_texts(pieces, 3000, seed=17):
        numbers = list(dr._ID_START_RE.finditer(text))
        fast = [(m.span(), m.groups()) for m in dr._typed_matches_near_numbers(text, numbers)]
        assert fast == [(m.span(), m.groups()) for m in dr.DIRECTIVE_RE.finditer(text)], text


def test_change_and_gap_searches_start_after_the_last_break():
    from recount.extractors import lexicon as lx
    from recount.extractors import quantities as q

    # the shortcut rests on this: no change or gap phrase holds a digit or a break mark
    phrases = sum(lx.CHANGE_WORDS.values(), []) + lx.GAP_WORDS
    assert not [p for p in phrases if re.search(r"[0-9,;.()%:/]", p)]
    patterns = list(q.CHANGE_RES.values()) + [q.GAP_BEFORE_RE]
    pieces = phrases + ["of", "by", "là", "more than", "plus de", "VND", "USD", "17.190", "việc",
                        "(", ")", ",", ";", ":", "%", "/", ".", "made", "up", "x", "\u00a0", "\n"]
    lefts = []
    for text in _corpus_texts():
        lefts += [text[max(0, m.start() - 80):m.start()] for m in re.finditer(r"\d+", text)]
    rng = random.Random(16)
    for _ in range(5000):
        lefts.append(" ".join(rng.choice(pieces) for _ in range(rng.randrange(1, 8))) + rng.choice(["", " "]))
    for left in lefts:
        for rx in patterns:
            fast, plain = q._search_after_break(rx, left), rx.search(left)
            assert (fast and (fast.span(), fast.span(1))) == (plain and (plain.span(), plain.span(1))), left


def _lefts_for_mirrors(seed: int) -> list[str]:
    """The 40 to 80 characters before every number of the corpus, and random runs of the
    phrases the end-anchored patterns look for, in lower, upper or title case, with the
    blanks, colons, dots and currency codes that may follow them."""
    from recount.extractors import lexicon as lx

    phrases = (lx.LABEL_BEFORE + lx.MONTHS["en"] + lx.MONTHS["fr"] + sum(lx.QUALIFIERS.values(), [])
               + sum(lx.CHANGE_WORDS.values(), []) + lx.GAP_WORDS)
    phrases += ["target", "chỉ tiêu", "objectif", "kế hoạch", "national", "Quốc hội giao", "được giao",
                "fixé à", "set at", "đề ra", "aims to exceed", "plans to reach", "phấn đấu đạt", "vise",
                "vượt", "thấp hơn", "exceeding the", "beat", "dépassant", "tới", "đến", "là", "extra"]
    pieces = phrases + ["de", "by", "of", "more than", "plus de", "khoảng", "VND", "USD", ":", ".", "(", "trên",
                        " ", "\t", "\u00a0", "\u202f", "(", "12,", "x", "ſept", "İ", "\n"]
    lefts = []
    for text in _corpus_texts():
        for m in re.finditer(r"\d+", text):
            lefts += [text[max(0, m.start() - 30):m.start()], text[max(0, m.start() - 80):m.start()]]
    rng = random.Random(seed)
    for _ in range(6000):
        # the mirrors branch on a phrase's last character in each of its cases: "THÁNG", "Tăng"
        cased = (rng.choice((str, str.upper, str.title))(rng.choice(pieces)) for _ in range(rng.randrange(1, 7)))
        lefts.append(rng.choice(["", "x", "à "]) + " ".join(cased)
                     + rng.choice(["", " ", "  ", " : ", ". ", " de ", " VND ", "\n"]))
    return lefts


def test_mirrored_patterns_match_wherever_their_pattern_does():
    """A mirror is matched on the reversed text to skip a search: it must match whenever the
    pattern it mirrors finds anything, or a figure would lose its label, hedge or change."""
    from recount.extractors import quantities as q

    pairs = [(q.LABEL_OR_MONTH_RE, q.LABEL_OR_MONTH_MIRROR_RE), (q.QUALIFIER_RE, q.QUALIFIER_MIRROR_RE)]
    pairs += [(rx, q.CHANGE_MIRROR_RE) for rx in q.CHANGE_RES.values()]
    pairs += [(q.GAP_BEFORE_RE, q.GAP_BEFORE_MIRROR_RE), (q.GAP_VERB_BEFORE_TARGET_RE, q.GAP_VERB_BEFORE_TARGET_MIRROR_RE),
              (q.TARGET_BEFORE_RE, q.TARGET_BEFORE_MIRROR_RE), (q.GAP_IN_CLAUSE_RE, q.GAP_IN_CLAUSE_MIRROR_RE)]
    seen = {id(rx): 0 for rx, _ in pairs}
    hits = 0
    for left in _lefts_for_mirrors(21):
        for rx, mirror in pairs:
            if rx.search(left):
                hits += 1
                seen[id(rx)] += 1
                assert mirror.match(left[::-1]), (rx.pattern[:40], left)
    assert hits > 1000  # the inputs exercise every pattern, not only misses
    assert min(seen.values()) > 20, seen


def test_label_or_month_is_a_label_or_a_month():
    from recount.extractors import quantities as q

    for left in _lefts_for_mirrors(22)[::3]:
        either = q._search_at_end(q.LABEL_OR_MONTH_RE, left, q._LABEL_OR_MONTH_LONGEST, q._LABEL_BREAK_RE)
        label = q._search_at_end(q.LABEL_BEFORE_RE, left, q._LABEL_LONGEST, q._LABEL_BREAK_RE)
        month = q._search_at_end(q.MONTH_RE, left, q._MONTH_LONGEST, q._LABEL_BREAK_RE)
        assert bool(either) == bool(label or month), left


def test_first_character_branches_match_their_plain_forms():
    """The quantity patterns whose word lists branch on a word's first character
    (_first_char_alternation) must match what the plain alternation of the words matches, with
    the same groups, at every place of the texts and in every case."""
    from recount.extractors import lexicon as lx
    from recount.extractors import quantities as q

    ws, alt = q._WS, lx.phrase_alternation
    months = lx.MONTHS["en"] + lx.MONTHS["fr"]
    pairs = [(q.MONTH_AFTER_RE, re.compile(rf"^{ws}*({alt(months)})(?![\w])", re.I)),
             (q.NON_CASE_AFTER_RE, re.compile(
                 rf"(?:{ws}+(?!{q._DETERMINER}(?![\w]))[a-zà-ỹđ'’-]+){{0,2}}?{ws}+({alt(lx.NON_CASE_NOUNS)})(?![\w])",
                 re.I)),
             (q.RATE_IN_TEXT_RE, re.compile(rf"(?<![\w])({alt(lx.RATE_WORDS)})(?![\w])", re.I)),
             (q._COUNTS_OTHER_THINGS_RE, re.compile(
                 rf"(?<![\d.,])(?!(?:19|20)\d\d(?![\d.,]))\d[\d.,]*(?:{ws}+[a-zà-ỹđ'’-]+){{0,2}}?{ws}+"
                 rf"({alt([n for n in lx.NON_CASE_NOUNS if n not in q._TIME_NOUNS])})(?![\w])", re.I))]
    for lang, scales in lx.SCALES.items():
        pairs.append((q.SCALE_RES[lang], re.compile(rf"{ws}*({alt(scales)})(?![\w])", re.I)))
    for lang, nouns in lx.CASE_NOUNS.items():
        pairs.append((q.CASE_RES[lang], re.compile(rf"{ws}+({alt(nouns)})(?![\w])", re.I)))
        pairs.append((q.CASE_IN_TEXT_RES[lang], re.compile(rf"(?<![\w])({alt(nouns)})(?![\w])", re.I)))
    words = (months + lx.NON_CASE_NOUNS + lx.RATE_WORDS + [w for scales in lx.SCALES.values() for w in scales]
             + sum(lx.CASE_NOUNS.values(), []))
    pieces = words + [w.upper() for w in words] + [w.title() for w in words] + [
        "ſept", "İ", "1", " ", "\u00a0", ".", "x", "é", "Ma", "ju", "déc", "vi", "tri", "ca", "12", "2024", "3,5"]
    texts = _corpus_texts()[:30] + _random_texts(pieces, 2000, seed=23)
    hits = Counter()
    for fast, plain in pairs:
        for text in texts:
            for at in range(len(text)):
                window = text[at:at + 50]
                f, p = fast.match(window), plain.match(window)
                assert (f and (f.span(), f.groups())) == (p and (p.span(), p.groups())), (plain.pattern[:30], window)
                hits[fast.pattern] += p is not None
    assert min(hits.values()) > 50, hits


#: The number patterns as first written, with the look-behind before the first digit.
PLAIN_NUMBERS = {
    key: re.compile(r"(?:(?<![\w.,])|(?<=VND)|(?<=VNĐ)|(?<=USD))(?:\d{1,3}(?:[.,][0-9]{3})+(?:[.,][0-9]+)?|"
                    + space + r"|\d+(?:[.,][0-9]+)?)(?![0-9])")
    for key, space in {
        "fr": r"\d{1,3}(?:[ \u00a0\u202f\u2009][0-9]{3})+(?:,[0-9]+)?",
        "other": r"\d{1,3}(?:[\u00a0\u202f\u2009][0-9]{3})+(?:,[0-9]+)?",
    }.items()
}


def test_number_patterns_starting_with_a_digit_match_their_plain_forms():
    from recount.extractors import quantities as q

    pieces = ["1", "12", "123", "1.234", "1,234", "2 609", "1\u00a0482,6", "85,49", ".", ",", " ",
              "VND", "VNĐ", "USD", "x", "_", "é", "٣", "-", "/", "\n"]
    texts = _corpus_texts() + _random_texts(pieces, 3000, 23)
    for key, plain in PLAIN_NUMBERS.items():
        fast = q.NUMBER_RES[key]
        for text in texts:
            assert _spans(fast, text) == _spans(plain, text), text[:80]
            for pos in (1, 5):  # scans start at a sentence, after the text before it
                assert ([m.span() for m in fast.finditer(text, pos)]
                        == [m.span() for m in plain.finditer(text, pos)]), text[:80]


def test_figure_from_values_is_the_dataclass_constructor():
    import dataclasses

    from recount.pipeline.records import Figure, figure_from_values

    names = [f.name for f in dataclasses.fields(Figure)]
    values = tuple(f"v{i}" if i % 3 else i for i in range(len(names)))
    fast, plain = figure_from_values(values), Figure(*values)
    assert fast == plain and hash(fast) == hash(plain)
    assert dataclasses.asdict(fast) == dataclasses.asdict(plain)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.value = 1.0
    with pytest.raises(ValueError):
        figure_from_values(values[:-1])  # a missing field is an error, never a default


def test_mark_after_a_number_precedes_every_percent_scale_currency_and_case_word():
    """_classify skips seven patterns after a number when _MARK_AFTER_RE does not match there:
    it must match wherever any of them does."""
    from recount.extractors import lexicon as lx
    from recount.extractors import quantities as q

    words = (["%", "percent", "per cent", "pour cent", "phần trăm", "points", "pp", "điểm", "de", "d'"]
             + [w for scales in lx.SCALES.values() for w in scales] + q._CURRENCY_WORDS.split("|")
             + [w for nouns in lx.CASE_NOUNS.values() for w in nouns] + ["were", ",", ".", "x", "İ", "ſ"])
    rights = []
    for text in _corpus_texts():
        rights += [text[m.end():m.end() + 80] for m in re.finditer(r"\d+", text)]
    rng = random.Random(24)
    for _ in range(6000):
        word = rng.choice(words)
        rights.append(rng.choice(["", " ", "  ", "\u00a0", "\t"])
                      + rng.choice([word, word.upper(), word.title()]) + rng.choice(["", " việc", " x"]))
    hits = 0
    for right in rights:
        found = [q.POINTS_RE.match(right), q.BARE_POINTS_RE.match(right), q.PERCENT_RE.match(right),
                 q._any_scale(right), q.CURRENCY_AFTER_RE.match(right)]
        found += [rx.match(right) for rx in list(q.SCALE_RES.values()) + list(q.CASE_RES.values())]
        if any(found):
            hits += 1
            assert q._MARK_AFTER_RE.match(right), right
    assert hits > 1000
