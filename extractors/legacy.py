"""Legacy Vietnamese encodings (TCVN3/ABC and VNI) -> Unicode.

Before Decision 72/2002/QĐ-TTg moved state bodies to Unicode (TCVN 6909:2001), Vietnamese
documents were typed in 8-bit "font encodings": the bytes are ordinary Windows-1252 codes and
only the font (".VnTime", "VNI-Times") draws them as Vietnamese letters. A PDF made from such a
document has no ToUnicode map, so every extractor returns the Latin-1 glyph names of the bytes:

* TCVN3 (TCVN 5712:1993, "ABC"): one byte per accented letter. "Tổng số việc" is stored as
  ``Tæng sè viÖc``. Only lowercase toned letters have codes; headings switch to the ".VnTimeH"
  font, which draws the same lowercase codes as capitals.
* VNI: an ASCII base letter followed by a modifier byte. "Tổng số việc" is ``Toång soá vieäc``.

This module detects both (:func:`detect_legacy`), converts them to NFC Unicode
(:func:`convert_legacy`, or span by span for documents that mix them with Unicode:
:func:`repair_legacy_spans`) and encodes Unicode into them for tests (:func:`encode_legacy`).

The tables are written out here from the published code charts, one line per letter, so the
file reads as a chart: vowel, then its five tones (huyền, hỏi, ngã, sắc, nặng).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "ENCODINGS",
    "convert_legacy",
    "decode_legacy_bytes",
    "detect_legacy",
    "encode_legacy",
    "encoding_of_font",
    "page_font_names",
    "repair_legacy_spans",
    "repair_page_text",
]

#: Encodings this module knows, by the names it returns.
ENCODINGS = ("tcvn3", "vni")

# --- TCVN3 (ABC) --------------------------------------------------------------------------
# Byte -> Unicode letter. Bytes are shown as their Windows-1252 / Latin-1 character, which is
# what a PDF extractor returns for them. Order per row: plain, huyền, hỏi, ngã, sắc, nặng.
_TCVN3_ROWS = {
    "a": ("a", "\xb5", "\xb6", "\xb7", "\xb8", "\xb9"),
    "ă": ("\xa8", "\xbb", "\xbc", "\xbd", "\xbe", "\xc6"),
    "â": ("\xa9", "\xc7", "\xc8", "\xc9", "\xca", "\xcb"),
    "e": ("e", "\xcc", "\xce", "\xcf", "\xd0", "\xd1"),
    "ê": ("\xaa", "\xd2", "\xd3", "\xd4", "\xd5", "\xd6"),
    "i": ("i", "\xd7", "\xd8", "\xdc", "\xdd", "\xde"),
    "o": ("o", "\xdf", "\xe1", "\xe2", "\xe3", "\xe4"),
    "ô": ("\xab", "\xe5", "\xe6", "\xe7", "\xe8", "\xe9"),
    "ơ": ("\xac", "\xea", "\xeb", "\xec", "\xed", "\xee"),
    "u": ("u", "\xef", "\xf1", "\xf2", "\xf3", "\xf4"),
    "ư": ("\xad", "\xf5", "\xf6", "\xf7", "\xf8", "\xf9"),
    "y": ("y", "\xfa", "\xfb", "\xfc", "\xfd", "\xfe"),
}
# Capitals exist only without a tone mark.
_TCVN3_CAPITALS = {"Ă": "\xa1", "Â": "\xa2", "Ê": "\xa3", "Ô": "\xa4", "Ơ": "\xa5", "Ư": "\xa6",
                   "Đ": "\xa7", "đ": "\xae"}

# Tone marks as combining characters, in the row order above (index 1..5).
_TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")


def _toned(vowel: str, tone_index: int) -> str:
    return unicodedata.normalize("NFC", vowel + _TONES[tone_index])


def _build_tcvn3() -> dict[str, str]:
    decode: dict[str, str] = {}
    for vowel, codes in _TCVN3_ROWS.items():
        for tone_index, code in enumerate(codes):
            if code.isascii():
                continue
            decode[code] = _toned(vowel, tone_index)
    for letter, code in _TCVN3_CAPITALS.items():
        decode[code] = letter
    return decode


_TCVN3_DECODE = _build_tcvn3()
_TCVN3_ENCODE = {letter: code for code, letter in _TCVN3_DECODE.items()}

# --- VNI ----------------------------------------------------------------------------------
# Modifier bytes, lowercase / uppercase form (VNI pairs a lowercase letter with the lowercase
# modifier: "á" is "aù", "Á" is "AÙ").
_VNI_TONE_MODIFIERS = {  # tone index -> (lower, upper), for plain vowels a e o u y ơ ư
    1: ("\xf8", "\xd8"),  # huyền ø
    2: ("\xfb", "\xdb"),  # hỏi û
    3: ("\xf5", "\xd5"),  # ngã õ
    4: ("\xf9", "\xd9"),  # sắc ù
    5: ("\xef", "\xcf"),  # nặng ï
}
_VNI_CIRCUMFLEX = {  # â ê ô: plain and five tones
    0: ("\xe2", "\xc2"), 1: ("\xe0", "\xc0"), 2: ("\xe5", "\xc5"), 3: ("\xe3", "\xc3"),
    4: ("\xe1", "\xc1"), 5: ("\xe4", "\xc4"),
}
_VNI_BREVE = {  # ă: plain and five tones
    0: ("\xea", "\xca"), 1: ("\xe8", "\xc8"), 2: ("\xfa", "\xda"), 3: ("\xfc", "\xdc"),
    4: ("\xe9", "\xc9"), 5: ("\xeb", "\xcb"),
}
# Letters VNI stores as one byte: ơ ư đ, and i with its tones (plus ỵ).
_VNI_SINGLE = {
    "ơ": ("\xf4", "\xd4"), "ư": ("\xf6", "\xd6"), "đ": ("\xf1", "\xd1"),
    "ì": ("\xec", "\xcc"), "ỉ": ("\xe6", "\xc6"), "ĩ": ("\xf3", "\xd3"), "í": ("\xed", "\xcd"),
    "ị": ("\xf2", "\xd2"), "ỵ": ("\xee", "\xce"),
}


def _build_vni() -> dict[str, str]:
    """VNI byte sequence -> NFC letter, lowercase and uppercase."""
    decode: dict[str, str] = {}

    def add(letter: str, lower_seq: str, upper_seq: str) -> None:
        decode[lower_seq] = letter
        decode[upper_seq] = letter.upper()

    for letter, (lower, upper) in _VNI_SINGLE.items():
        add(letter, lower, upper)
    for base in "aeouy":
        for tone_index, (lower, upper) in _VNI_TONE_MODIFIERS.items():
            if base == "y" and tone_index == 5:
                continue  # ỵ is a single byte
            add(_toned(base, tone_index), base + lower, base.upper() + upper)
    for base, base_codes in (("ơ", _VNI_SINGLE["ơ"]), ("ư", _VNI_SINGLE["ư"])):
        for tone_index, (lower, upper) in _VNI_TONE_MODIFIERS.items():
            add(_toned(base, tone_index), base_codes[0] + lower, base_codes[1] + upper)
    for base, circumflexed in (("a", "â"), ("e", "ê"), ("o", "ô")):
        for tone_index, (lower, upper) in _VNI_CIRCUMFLEX.items():
            add(_toned(circumflexed, tone_index), base + lower, base.upper() + upper)
    for tone_index, (lower, upper) in _VNI_BREVE.items():
        add(_toned("ă", tone_index), "a" + lower, "A" + upper)
    return decode


_VNI_DECODE = _build_vni()
_VNI_ENCODE = {letter: seq for seq, letter in _VNI_DECODE.items()}
# Longest match first: two-byte sequences before single bytes.
_VNI_PATTERN = re.compile(
    "|".join(re.escape(seq) for seq in sorted(_VNI_DECODE, key=len, reverse=True))
)

# --- Detection ----------------------------------------------------------------------------
# Latin-1 letters French writes; a TCVN3 code that is one of these is weak evidence, since a
# French report is full of them ("réalisé", "à", "être").
_FRENCH_LETTERS = frozenset("àâäçéèêëîïôöùûüÿÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ")
# Vietnamese letters outside Latin-1: their presence means the text is already Unicode.
_UNICODE_VIETNAMESE = frozenset(
    ch
    for vowel in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
    for tone in _TONES
    for ch in [unicodedata.normalize("NFC", vowel + tone)]
    if len(ch) == 1 and ord(ch) > 0xFF
) | frozenset("đĐ")

_TCVN3_CODES = frozenset(_TCVN3_DECODE) | {"\u2212", "\ufffe"}
# Vietnamese letters inside Latin-1: Unicode Vietnamese text is full of them ("tháng", "là").
_LATIN1_VIETNAMESE = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
# Strong TCVN3 evidence: a TCVN3 code glued to an ASCII letter that is neither a French letter
# nor a Vietnamese letter Unicode also writes in Latin-1, e.g. the "¸" in "th¸ng" (tháng) or
# the "®" in "®ång" (đồng); "á" is TCVN3's "ỏ" but also Unicode's "á", so it proves nothing.
# Guillemets and "§" stand alone in French and English text ("« loi »", "§ 3"), hence the
# requirement to touch a letter.
_TCVN3_STRONG = "".join(sorted(c for c in _TCVN3_DECODE
                               if c not in _FRENCH_LETTERS and c not in _LATIN1_VIETNAMESE))
_TCVN3_EVIDENCE = re.compile(
    f"(?<=[A-Za-z])[{re.escape(_TCVN3_STRONG)}]|[{re.escape(_TCVN3_STRONG)}](?=[A-Za-z])"
    # A capital Latin-1 letter inside a lowercase word: "viÖc" (việc), "vËy" (vậy).
    "|(?<=[a-z])[ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ]"
)
# VNI evidence: a vowel followed by a VNI modifier, minus the pairs French spells the same
# way ("où", "goût", "naïf", "Noël") and those Unicode Vietnamese spells the same way ("oà"
# is VNI's "ồ" but also the "oà" of "hoàn thành"; "oá" of "hoá", "oã" of "khoã").
_FRENCH_VNI_LOOKALIKES = frozenset({"o\xf9", "o\xfb", "a\xef", "o\xef", "u\xef", "e\xfb",
                                    "u\xfb", "o\xeb", "e\xef", "o\xe0", "o\xe1", "o\xe3",
                                    "O\xc0", "O\xc1", "O\xc3"})
_VNI_PAIRS = sorted(seq for seq in _VNI_DECODE
                    if len(seq) == 2 and seq not in _FRENCH_VNI_LOOKALIKES)
_VNI_EVIDENCE = re.compile("|".join(re.escape(seq) for seq in _VNI_PAIRS))
_WORD = re.compile(r"[^\W\d_]+")


def encoding_of_font(font_name: str) -> str | None:
    """The legacy encoding a font's name announces, or ``None``.

    PDF font names carry a subset tag and style suffixes: ``ABCDEF+.VnTimeH,Bold`` is
    TCVN3, ``VNI-Times-Bold`` is VNI, ``Times New Roman`` is neither.
    """
    name = font_name.split("+", 1)[-1].strip().lower()
    if name.startswith(("vni-", "vni ", "vni_")) or name == "vni":
        return "vni"
    if re.match(r"\.?vn[a-z]", name):
        return "tcvn3"
    return None


@dataclass(frozen=True, slots=True)
class _Evidence:
    """What a text shows of each encoding.

    ``*_hits`` count signatures; ``*_foreign`` count Latin-1 letters the encoding cannot
    produce, which a French text is full of: TCVN3 has no code at "à" (0xE0), and in VNI an
    "é" only follows an "a" ("aé" is "ắ"), so the "é" of "exécution" rules VNI out.
    """

    tcvn3_hits: int
    vni_hits: int
    unicode_letters: int
    tcvn3_foreign: int
    vni_foreign: int
    words: int


#: Unicode Vietnamese letters (outside Latin-1) that make a page with a legacy font "mixed".
_MIXED_PAGE_UNICODE_LETTERS = 3
_LATIN1_LETTERS = frozenset(chr(code) for code in range(0xC0, 0x100) if chr(code).isalpha())
_TCVN3_FOREIGN = _LATIN1_LETTERS - set(_TCVN3_DECODE)


def _evidence(text: str) -> _Evidence:
    vni_rest = _VNI_PATTERN.sub("", text)
    return _Evidence(
        tcvn3_hits=len(_TCVN3_EVIDENCE.findall(text)),
        vni_hits=len(_VNI_EVIDENCE.findall(text)),
        unicode_letters=sum(1 for ch in text if ch in _UNICODE_VIETNAMESE),
        tcvn3_foreign=sum(1 for ch in text if ch in _TCVN3_FOREIGN),
        vni_foreign=sum(1 for ch in vni_rest if ch in _LATIN1_LETTERS),
        words=len(_WORD.findall(text)),
    )


def _decide(evidence: _Evidence, *, ignore_unicode: bool = False) -> str | None:
    """The encoding the evidence points to, if any.

    ``ignore_unicode`` judges the legacy part of a line that also holds Unicode Vietnamese.
    """
    tcvn3, vni = evidence.tcvn3_hits, evidence.vni_hits
    if not ignore_unicode and evidence.unicode_letters >= max(tcvn3, vni):
        return None
    # Real Vietnamese prose has an accented letter in most words, so a legacy text shows
    # evidence in well over 5% of its words; a stray "µg" in an English report does not.
    needed = max(1, evidence.words // 20)
    # VNI's modifier bytes are TCVN3 codes too ("oå" holds å = TCVN3 "ồ"), so VNI text
    # also scores as TCVN3; TCVN3 text, in turn, almost never forms a VNI pair. A VNI score
    # at least half the TCVN3 score therefore means VNI.
    if vni >= needed and 2 * vni >= tcvn3 and evidence.vni_foreign < vni:
        return "vni"
    if tcvn3 >= needed and evidence.tcvn3_foreign < tcvn3:
        return "tcvn3"
    return None


def detect_legacy(text: str, font_names: Iterable[str] = ()) -> str | None:
    """Which legacy encoding ``text`` is in: ``"tcvn3"``, ``"vni"`` or ``None`` (Unicode).

    Args:
        text: extracted text (a page, a span or a whole document).
        font_names: names of the fonts the text was drawn with, when known. They are the
            strongest signal: ".VnTime" is TCVN3 and "VNI-Times" is VNI whatever the text.

    >>> detect_legacy("Tæng sè viÖc ®· thi hµnh xong")
    'tcvn3'
    >>> detect_legacy("Toång soá vieäc ñaõ thi haønh xong")
    'vni'
    >>> detect_legacy("Tổng số việc đã thi hành xong") is None
    True
    """
    announced = {encoding_of_font(name) for name in font_names} - {None}
    evidence = _evidence(text)
    if len(announced) == 1:
        # A legacy font beside Unicode text (a page typed partly in .VnTime, partly in Times
        # New Roman) must not be converted whole: "á" is Unicode's "á" but TCVN3's "ỏ".
        # Such a page is left to repair_legacy_spans, line by line.
        if evidence.unicode_letters >= _MIXED_PAGE_UNICODE_LETTERS:
            return None
        return announced.pop()
    verdict = _decide(evidence)
    if announced and verdict not in announced:
        # Both kinds of font on the page and the content cannot tell: TCVN3 was the
        # government standard, so it is the likelier one.
        return "tcvn3" if "tcvn3" in announced else verdict
    return verdict


def repair_page_text(text: str, font_names: Iterable[str] = ()) -> tuple[str, str | None]:
    """A PDF page's extracted text in Unicode, and which legacy encoding it held.

    Call it on pypdfium2's raw page text, before any other clean-up (pdfium's U+FFFE is
    TCVN3's "ư" on a legacy page): ``repair_page_text(textpage.get_text_range(),
    page_font_names(page))``. Returns ``(text, "tcvn3" | "vni")`` for a legacy page,
    ``(text, "mixed")`` when only some lines were legacy, and the text unchanged with
    ``None`` otherwise.
    """
    encoding = detect_legacy(text, font_names)
    if encoding:
        return convert_legacy(text, encoding), encoding
    repaired = repair_legacy_spans(text, font_names)
    return repaired, ("mixed" if repaired != text else None)


# --- Conversion ---------------------------------------------------------------------------
# pdfium reads TCVN3's ư (byte 0xAD, the soft hyphen in WinAnsi) three ways:
#   * "-" in mid-line: "nh- vËy" for "như vậy";
#   * U+FFFE (get_text_range) or U+0002 (get_text_bounded) when the ư ends a line, and then
#     drops the line break, taking the soft hyphen for a hyphenation point: "nh\ufffen¨m"
#     for "như\nnăm";
#   * U+2212 or U+00AD from other producers.
# A hyphen that touches a digit ("th¸ng 9-2021") or precedes a capital ("Q§-TTg",
# "N§-CP") is a real hyphen: ư is lowercase and never starts a capitalised syllable.
_SOFT_HYPHEN_AT_LINE_END = re.compile("[\ufffe\x02](?!\n)")
_TCVN3_LETTER_CLASS = "A-Za-z" + re.escape("".join(_TCVN3_DECODE))
_TCVN3_LETTER_OR_U = _TCVN3_LETTER_CLASS + re.escape("\xad\u2212\ufffe\x02")
# At the start of a word only "ưu", "ưa" and "ươ…" ("ưu tiên", "ước tính") are counted: a
# list dash glued to its item ("-ngày 15") must stay a dash.
_AFTER_U_HORN = "au" + re.escape("".join(_TCVN3_ROWS["ơ"]))
_HYPHEN_AS_U_HORN = re.compile(
    # after a letter, unless followed by a digit or a capital
    f"(?<=[{_TCVN3_LETTER_OR_U}])-(?![0-9A-Z{re.escape(''.join(_TCVN3_CAPITALS.values()))}])"
    # or starting a word ("-u tiªn" = "ưu tiên"), followed by a letter ư can precede
    f"|(?<![{_TCVN3_LETTER_OR_U}0-9-])-(?=[{_AFTER_U_HORN}])"
)
_TCVN3_TABLE = str.maketrans({**_TCVN3_DECODE, "\u2212": "ư"})
# A heading typed in ".VnTimeH" uses TCVN3's lowercase-only toned codes for capitals:
# "B¸O C¸O KÕT QU¶" is "BÁO CÁO KẾT QUẢ". A line whose ASCII letters are all capitals (at
# least three of them) is such a heading; elsewhere a word with two capital ASCII letters
# and no lowercase one ("C¤NG" in running text) is.
_WORD_LETTERS = re.compile(r"[^\W\d_]+")
_LINE_WITH_BREAK = re.compile(r"[^\n\f]+")


def _restore_capitals_in_word(word: re.Match[str]) -> str:
    text = word.group()
    ascii_letters = [ch for ch in text if ch.isascii()]
    capitals = sum(1 for ch in ascii_letters if ch.isupper())
    if capitals >= 2 and capitals == len(ascii_letters):
        return text.upper()
    return text


def _restore_capitals(line: re.Match[str]) -> str:
    text = line.group()
    ascii_letters = [ch for ch in text if ch.isascii() and ch.isalpha()]
    if len(ascii_letters) >= 3 and all(ch.isupper() for ch in ascii_letters):
        return text.upper()
    return _WORD_LETTERS.sub(_restore_capitals_in_word, text)


# Sentences start with a capital, but a capital toned letter has no TCVN3 code: "Ủy ban"
# typed in .VnTime is "ñy ban" unless the typist switched to .VnTimeH for one letter. A
# toned letter opening the text or following ". " / "? " / "! " is restored as a capital.
_TCVN3_TONED_LOWER = "".join(sorted(
    letter for letter in _TCVN3_DECODE.values()
    if letter.islower() and letter.upper() not in _TCVN3_ENCODE))
_SENTENCE_START = re.compile(f"(\\A|[.!?][ \t\n\f]+)([{_TCVN3_TONED_LOWER}])")


def _capitalise_sentence_start(match: re.Match[str]) -> str:
    return match.group(1) + match.group(2).upper()


def _convert_tcvn3(text: str) -> str:
    text = _SOFT_HYPHEN_AT_LINE_END.sub("ư\n", text)
    text = text.replace("\ufffe", "ư").replace("\x02", "ư")
    text = _HYPHEN_AS_U_HORN.sub("ư", text)
    text = text.translate(_TCVN3_TABLE)
    text = _LINE_WITH_BREAK.sub(_restore_capitals, text)
    return _SENTENCE_START.sub(_capitalise_sentence_start, text)


def _convert_vni(text: str) -> str:
    return _VNI_PATTERN.sub(lambda m: _VNI_DECODE[m.group()], text)


def convert_legacy(text: str, encoding: str) -> str:
    """Convert ``text`` from a legacy encoding to NFC Unicode.

    Args:
        text: the extracted text, in ``encoding``.
        encoding: ``"tcvn3"`` (alias ``"abc"``) or ``"vni"``.

    >>> convert_legacy("Tæng sè viÖc nh- n¨m 2020: 1.234 viÖc", "tcvn3")
    'Tổng số việc như năm 2020: 1.234 việc'
    >>> convert_legacy("Toång soá vieäc: 1.234", "vni")
    'Tổng số việc: 1.234'
    """
    encoding = encoding.lower()
    if encoding in ("tcvn3", "abc"):
        converted = _convert_tcvn3(text)
    elif encoding == "vni":
        converted = _convert_vni(text)
    else:
        raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {ENCODINGS}")
    return unicodedata.normalize("NFC", converted)


def encode_legacy(text: str, encoding: str) -> str:
    """Encode Unicode Vietnamese into a legacy encoding, as the text a PDF extractor returns.

    For TCVN3, a capital toned letter has no code and is written with its lowercase code, as
    the ".VnTimeH" font does ("BÁO" -> "B¸O"); ``ư`` comes out as U+00AD, the byte 0xAD.
    Used by tests to build legacy text from known Unicode sentences.
    """
    encoding = encoding.lower()
    nfc = unicodedata.normalize("NFC", text)
    if encoding in ("tcvn3", "abc"):
        out = []
        for ch in nfc:
            code = _TCVN3_ENCODE.get(ch)
            if code is None and ch.lower() != ch:
                code = _TCVN3_ENCODE.get(ch.lower())
            out.append(code if code is not None else ch)
        return "".join(out)
    if encoding == "vni":
        return "".join(_VNI_ENCODE.get(ch, ch) for ch in nfc)
    raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {ENCODINGS}")


# --- Mixed documents ----------------------------------------------------------------------
_LINE = re.compile(r"[^\n\f]*[\n\f]?")
# What a legacy reading changes in a line without other evidence: TCVN3's ư in its disguises.
_CARRIES_LEGACY = re.compile("[-\xad\u2212\ufffe\x02]")


def _legacy_runs(line: str, encoding: str) -> str:
    """Convert the legacy words of a line that also holds Unicode Vietnamese.

    A run starts at a word with legacy evidence and runs on over neutral words (ASCII,
    digits, "nh-") until a word with Unicode Vietnamese letters: "Báo cáo số 12 — Tæng sè
    viÖc" converts only from "Tæng".
    """
    evidence = _TCVN3_EVIDENCE if encoding == "tcvn3" else _VNI_EVIDENCE
    tokens = re.split(r"(\s+)", line)
    out: list[str] = []
    run: list[str] = []
    in_run = False
    for token in tokens:
        if token.isspace() or not token:
            (run if in_run else out).append(token)
            continue
        is_unicode = any(ch in _UNICODE_VIETNAMESE for ch in token)
        if is_unicode:
            if in_run:
                out.append(convert_legacy("".join(run), encoding))
                run, in_run = [], False
            out.append(token)
        elif in_run or evidence.search(token):
            run.append(token)
            in_run = True
        else:
            out.append(token)
    if run:
        out.append(convert_legacy("".join(run), encoding))
    return "".join(out)


def repair_legacy_spans(text: str, font_names: Iterable[str] = ()) -> str:
    """Convert the legacy-encoded parts of a text that mixes them with Unicode.

    Lines are judged one by one (a font change in an old report is usually a paragraph or a
    heading); a line without evidence of its own (all ASCII, "1. Tong so") follows the
    encoding of the line before it. Lines holding Unicode Vietnamese are converted word run
    by word run. Text with no legacy evidence comes back unchanged.

    Args:
        text: the extracted text.
        font_names: fonts used in this text when known; a legacy font name decides the
            encoding to use when a line's own evidence is ambiguous.
    """
    announced = {encoding_of_font(name) for name in font_names} - {None}
    font_encoding = announced.pop() if len(announced) == 1 else None
    if font_encoding is None and not _TCVN3_EVIDENCE.search(text) \
            and not _VNI_EVIDENCE.search(text):
        return text
    out: list[str] = []
    current: str | None = None
    for line in _LINE.findall(text):
        if not line:
            continue
        evidence = _evidence(line)
        if evidence.unicode_letters:
            encoding = _decide(evidence, ignore_unicode=True)
            out.append(_legacy_runs(line, encoding) if encoding else line)
            current = None
            continue
        if evidence.tcvn3_hits or evidence.vni_hits:
            current = _decide(evidence) or font_encoding
        elif not _CARRIES_LEGACY.search(line):
            # No evidence, and nothing a legacy reading would change: "1. Tong so 1.234"
            # keeps the encoding of the line before it; a French line breaks the run.
            if not line.isascii():
                current = None
            out.append(line)
            continue
        out.append(convert_legacy(line, current) if current else line)
    return "".join(out)


def utf8_damage(data: bytes) -> tuple[str, int, int]:
    """``data`` read as UTF-8 with U+FFFD for bad bytes, the number of bad sequences and the
    number of well-formed non-ASCII characters: a UTF-8 file with a stray byte has many of
    the latter per bad one, a legacy or Windows-1258 file almost none."""
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd")
    return text, invalid, sum(1 for ch in text if ord(ch) > 0x7F) - invalid


def decode_legacy_bytes(data: bytes) -> tuple[str, str] | None:
    """Decode a text file typed in TCVN3 or VNI; ``(unicode_text, encoding)`` or ``None``.

    Such files are neither UTF-8 nor Windows-1258: their bytes are Windows-1252 codes that
    only the ".VnTime"/"VNI-Times" font drew as Vietnamese, so they are read as Windows-1252
    (Latin-1 for its five undefined bytes), judged, and converted. Returns ``None`` when the
    bytes are UTF-8 (even with a few stray bytes) or do not look legacy, so the caller goes
    on with other encodings.
    """
    # UTF-8 read as Windows-1252 looks like TCVN3 ("Ä‘Ã£" for "đã": capitals inside
    # words), so UTF-8 must be ruled out first. Legacy bytes almost never form a valid
    # multi-byte UTF-8 sequence; a UTF-8 file with a stray byte is nearly all valid ones.
    _, invalid, valid_non_ascii = utf8_damage(data)
    if valid_non_ascii >= invalid:
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    # Random bytes read as Windows-1252 are full of accented capitals inside "words" too; a
    # typed report is mostly ASCII letters, digits and spaces, with no control characters.
    plain = sum(1 for ch in text if ch.isascii() and (ch.isalnum() or ch.isspace()))
    controls = sum(1 for ch in text if ord(ch) < 0x20 and ch not in "\t\n\r\f")
    if plain < 0.6 * len(text) or controls > 0.002 * len(text):
        return None
    encoding = detect_legacy(text)
    if encoding is None:
        return None
    return convert_legacy(text, encoding), encoding


def page_font_names(page) -> tuple[str, ...]:
    """Base font names of the text objects on a pypdfium2 page, in first-seen order.

    ``page`` is a :class:`pypdfium2.PdfPage`. Use with :func:`detect_legacy`:
    ``detect_legacy(text, page_font_names(page))``.
    """
    import ctypes

    import pypdfium2.raw as pdfium_c

    names: dict[str, None] = {}
    buffer = ctypes.create_string_buffer(256)
    for text_object in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT], max_depth=3):
        font = pdfium_c.FPDFTextObj_GetFont(text_object.raw)
        if not font:
            continue
        length = pdfium_c.FPDFFont_GetBaseFontName(font, buffer, len(buffer))
        if length:
            names.setdefault(buffer.value.decode("utf-8", "replace"), None)
    return tuple(names)
