"""Split a document into paragraphs and sentences and tell each paragraph's language.

Real documents mix languages (an English article with Vietnamese photo captions), so the
language is decided per paragraph (one line of text), and the number separators follow it.
Splitting is done with regexes on the raw text rather than with a spaCy sentencizer: most
sentences hold no number, and tokenizing every character would cap the pipeline near
400 PDF pages/s while pdfium reads about 1,650 (see extraction.md).
"""
from __future__ import annotations

import re
import string
from typing import NamedTuple

#: Letters only Vietnamese uses among the three languages (after NFC).
_VI_LETTERS = set(
    "ăắằẳẵặâấầẩẫậđêếềểễệôốồổỗộơớờởỡợưứừửữựảãạẻẽẹỉĩịỏõọủũụỷỹỵ"
    "ĂẮẰẲẴẶÂẤẦẨẪẬĐÊẾỀỂỄỆÔỐỒỔỖỘƠỚỜỞỠỢƯỨỪỬỮỰẢÃẠẺẼẸỈĨỊỎÕỌỦŨỤỶỸỴ"
)
_FR_WORDS = {
    "le", "la", "les", "des", "du", "de", "et", "une", "un", "est", "sont", "pour", "dans",
    "sur", "au", "aux", "par", "avec", "qui", "que", "ont", "été", "ce", "cette", "ces", "à",
    "dossiers", "affaires", "taux", "pour", "année", "d'exécution",
}
_EN_WORDS = {
    "the", "and", "of", "to", "in", "was", "were", "is", "are", "with", "for", "on", "by",
    "that", "this", "which", "from", "has", "have", "cases", "rate", "as", "an", "at",
}
assert not _FR_WORDS & _EN_WORDS, "a word on both lists would count for both languages"
_FUNCTION_WORDS = _FR_WORDS | _EN_WORDS
#: A French elision opening a word ("l'exécution", "d'affaires") is one more French clue.
_FR_ELISIONS = ("l'", "d'", "qu'", "n'", "s'")
#: Everything but letters: removing it and taking the length counts the letters, about
#: twice as fast as listing every letter with ``findall``.
_NON_LETTER_RE = re.compile(r"[\W\d_]+")
_VI_LETTER_RE = re.compile("[" + "".join(sorted(_VI_LETTERS)) + "]")
_WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
#: A byte table for ``bytes.translate`` (a plain lookup per byte, five times as fast as
#: ``str.translate``) blanking every ASCII byte but the letters (the only ASCII characters
#: ``[^\W\d_]`` finds) and the apostrophe, and keeping the bytes of non-ASCII characters.
_BLANK_ASCII_NON_LETTERS = bytes(
    c if c >= 128 or chr(c) in string.ascii_letters + "'" else ord(" ") for c in range(256)
)
_ASCII_BYTES = bytes(range(128))
#: In a line so blanked (letters, apostrophes and blanks), an apostrophe that does not join
#: two runs of letters into one word: one with no letter just before it ("'x", "''"), or
#: whose letters after it do not run to a blank or the end ("x'", "a'b'c"). Written from
#: the apostrophe, with the test of the character before it after it, so the regex engine
#: skips from apostrophe to apostrophe.
_LOOSE_APOSTROPHE_RE = re.compile(r"'(?:(?<![^ ']')|(?![^ ']+(?: |\Z)))")


def detect_language(text: str, default: str = "en") -> str:
    """Tell whether ``text`` is Vietnamese, English or French.

    Vietnamese is recognized by its letters (ơ, ư, đ, ạ...); French and English by their
    function words. A line with no clue gets ``default`` (the document's language).

    Example: "Thi hành xong 289 việc" -> "vi"; "dépassant de 1,85 %" -> "fr".
    """
    return _language_and_letters(text, default)[0]


def _language_and_letters(text: str, default: str) -> tuple[str, int]:
    """:func:`detect_language` and the number of letters of ``text``, which the document's
    language vote weighs lines by."""
    lowered = text.lower()
    # Lower-casing leaves every character a letter or not (true of every code point) and one
    # character long, but for "İ" ("i" and a combining dot): the letters of a line with one
    # are counted on the line itself.
    found = _blank_non_letters(lowered) if len(lowered) == len(text) else None
    if found:
        blanked, letters, non_ascii = found
    else:
        blanked = " ".join(_WORD_RE.findall(lowered))  # no word holds a blank
        letters = len(_NON_LETTER_RE.sub("", text))
        non_ascii = lowered  # the ASCII characters in it are no Vietnamese letters
    # Counted in lower case, where each Vietnamese letter stays one and no other character
    # becomes one; all of them are outside ASCII.
    vi_ratio = len(_VI_LETTER_RE.findall(non_ascii)) / letters if non_ascii and letters else 0.0
    # Running Vietnamese text has 15-25% of its letters outside French and English: no word
    # count can change the answer.
    if vi_ratio > 0.10:
        return "vi", letters
    words = blanked.split()  # only now: a Vietnamese line needs none
    # The few function words among the line's thirty or so words are picked out first, by
    # filter() over one set's lookups (no Python loop), then sorted by language: no word is
    # on both lists, so the ones not French are English. A quarter faster than counting each
    # language's words in all of them.
    function_words = list(filter(_FUNCTION_WORDS.__contains__, words))
    fr = sum(map(_FR_WORDS.__contains__, function_words))
    en = len(function_words) - fr
    if "'" in text:
        # Only the few words holding an apostrophe can open with an elision; testing "in"
        # first skips the slower startswith on the rest (a third of the time on a French line).
        fr += sum(w.startswith(_FR_ELISIONS) for w in words if "'" in w)
    # Vietnamese place names inside a French or English sentence ("à Sơn Trà et Ngũ Hành
    # Sơn") add a few Vietnamese letters; running Vietnamese text has 15-25% of them.
    if vi_ratio > 0.03 and fr + en < 3:
        return "vi", letters
    # (non_ascii is empty only when the lower-cased line is all ASCII: no accent then)
    if fr >= en and non_ascii and any(ch in text for ch in "éèêàçù"):
        fr += 1
    if fr > en:
        return "fr", letters
    if en > fr:
        return "en", letters
    return default, letters


def _blank_non_letters(lowered: str) -> tuple[str, int, str] | None:
    """``lowered`` with its non-letters blanked, so that splitting it gives the words
    ``_WORD_RE.findall(lowered)`` finds (in another order); with the number of letters and
    the non-ASCII characters of ``lowered``. A third of the time of the word pattern. None
    in the few lines where an apostrophe does not join two words ("students'", "'quoted'")
    or a character is a letter to the pattern but not to ``str.isalpha`` ("²", "½").

    Elsewhere every word is a run of letters, or two runs joined by an apostrophe
    ("l'exécution"), so blanking the non-letters and splitting gives the words, and the
    characters left unblanked but for the apostrophes are the letters ("đạt 85,49%" -> "đạt",
    3 letters). The ASCII ones are blanked in the UTF-8 bytes (where no byte of another
    character is ASCII) by one table; the rare others (a degree sign, curly quotes) one by
    one beforehand."""
    encoded = lowered.encode()
    non_ascii = "" if lowered.isascii() else encoded.translate(None, _ASCII_BYTES).decode()
    if non_ascii and not non_ascii.isalpha():
        for ch in set(non_ascii):
            if not ch.isalpha():
                if not _NON_LETTER_RE.match(ch):
                    return None  # "²", a letter to the word pattern
                lowered = lowered.replace(ch, " ")
        encoded = lowered.encode()
    blanked = encoded.translate(_BLANK_ASCII_NON_LETTERS).decode()
    letters = len(blanked) - blanked.count(" ")
    if "'" in blanked:
        if _LOOSE_APOSTROPHE_RE.search(blanked):
            return None
        letters -= blanked.count("'")
    return blanked, letters, non_ascii


class Sentence(NamedTuple):
    """A sentence's span in the text and its language. A named tuple rather than a frozen
    dataclass: made in half the time, and a page of news holds a dozen."""

    start: int
    end: int
    lang: str


# A sentence ends at . ! ? … followed by space and a capital, digit or quote ("... 85,49%.
# Về tiền"); the closing quotes and brackets after the mark and the space go to neither
# sentence. A line end ends one too (lines are split first); a line break inside a paragraph
# is a PDF's wrap (see _join_wrapped_lines), not an end. One pattern a mark rather than one
# for "[.!?…]": a pattern opening with one given character lets the regex engine jump from
# one of them to the next, ten times as fast as testing each character against a class, so
# the four searches take less than half the time of one. No end holds a second mark, so the
# four find what one pattern for all four would.
_SENT_END_RES = tuple(
    re.compile(re.escape(mark) + r"[\"'”»)]*[ \t]+(?=[\"'“«(]?[A-ZÀ-ỸĐ0-9])") for mark in ".!?…"
)
#: Abbreviations whose dot does not end a sentence ("Decree No. 18/2002/ND-CP").
_ABBREV_RE = re.compile(
    r"(?:\b(?:No|Nos|Mr|Mrs|Ms|Dr|St|M|Mme|TP|Tp|Art|art|n|Co|Ltd|Inc|vs|etc|e\.g|i\.e|Jan|Feb|"
    r"Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|ca|p|pp|Vol|vol|Th\.S|TS|PGS|GS|Ths)\.)$"
)


#: A line as ``(start, end, language, letters)``.
_Line = tuple[int, int, str, int]


def _lines(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, line)`` of every line of ``text`` that is not empty: every stretch
    between line breaks and form feeds (pages are joined by form feeds), which the pattern
    "[^\\n\\f]+" finds too, but in a sixth of the time: ``str.split`` jumps from break to
    break where the regex engine tests every character."""
    lines = []
    start = 0
    for line in text.replace("\f", "\n").split("\n"):
        end = start + len(line)
        if line:
            lines.append((start, end, line))
        start = end + 1
    return lines


def _paragraphs(text: str) -> list[_Line]:
    """``(start, end, language, letters)`` of every line; the language is "" when the line
    gives no clue. Both the document's language and each sentence's come from this one pass."""
    return [(start, end, *_language_and_letters(line, "")) for start, end, line in _lines(text)]


#: Letters a line needs to vote on the document's language by itself.
MIN_VOTING_LETTERS = 12


def _main_language(paragraphs: list[_Line]) -> str:
    # Lines weigh by their letters, not their length: a statistics table of an English report
    # ("24 Phú Xuyên 1,079 416 663 856 724 84.58", thirty rows of district names and
    # figures) must not outweigh its prose and make "43,201" a Vietnamese decimal.
    # Lines of fewer than MIN_VOTING_LETTERS letters (a table row's one place name) vote only
    # when no line is longer.
    weights: dict[str, int] = {}
    short: dict[str, int] = {}
    for _, _, lang, letters in paragraphs:
        if lang:
            votes = weights if letters >= MIN_VOTING_LETTERS else short
            votes[lang] = votes.get(lang, 0) + letters
    weights = weights or short
    if not weights:
        return "en"
    return max(sorted(weights), key=lambda k: weights[k])


def _join_wrapped_lines(text: str, paragraphs: list[_Line]) -> list[tuple[int, int, str]]:
    """Lines joined where a PDF wrapped a sentence: the next line starts with a lower-case
    letter after a single line break ("Số phải\nthi hành là 38.584 việc", "có\nđiều kiện
    thi hành 31.905 việc"); no sentence starts lower-case. The first line's language holds,
    or the next one's when the first gave no clue."""
    joined: list[tuple[int, int, str]] = []
    for start, end, lang, _ in paragraphs:
        if joined and text[joined[-1][1]:start] == "\n" and _continues(text, start):
            prev_start, _, prev_lang = joined[-1]
            joined[-1] = (prev_start, end, prev_lang or lang)
        else:
            joined.append((start, end, lang))
    return joined


#: A single line break before a letter or a bracket: where a wrap can be. Written from the
#: break, with the test of the character before it moved after it, so the regex engine skips
#: from break to break instead of trying every character. A break before a lower-case ASCII
#: letter, most wraps, is one for certain (_ASCII_WRAP_RE) and one before an ASCII capital
#: never is: only the others are left for _continues to tell.
_ASCII_WRAP_RE = re.compile(r"\n(?<!\n\n)(?=[a-z])")
_OTHER_WRAP_RE = re.compile(r"\n(?<!\n\n)(?=[^\W\d_A-Za-z]|\()")


def _continues(text: str, line_start: int) -> bool:
    """Whether the line starting at ``line_start`` (after a single line break) goes on with
    the sentence before: it starts lower-case, or it opens a bracket after a line that did
    not end a sentence ("tăng 0,94% so với năm 2023\n(84,92%)")."""
    first = text[line_start:line_start + 1]
    if first.islower():
        return True
    return first == "(" and line_start >= 2 and text[line_start - 2] not in ".:;!?)"


def unwrap_lines(text: str) -> str:
    """``text`` with each wrapped line break (as :func:`_join_wrapped_lines` reads them)
    turned into a space: same length, same offsets,
    so cue words split by a PDF's wrap ("Số phải\nthi hành") read as written."""
    # The first pass blanks only breaks followed by a letter, so none just before another
    # break, the one character the second pass and _continues look at before a break.
    text = _ASCII_WRAP_RE.sub(" ", text)
    return _OTHER_WRAP_RE.sub(lambda m: " " if _continues(text, m.end()) else "\n", text)


def _sentence_ends(text: str) -> list[tuple[int, int]]:
    """The spans of the sentence ends of ``text`` in order, each from its mark to the start of
    the next sentence. No end holds a line break, so each lies in one line."""
    return sorted(m.span() for rx in _SENT_END_RES for m in rx.finditer(text))


def _split(text: str, paragraphs: list[_Line], default_lang: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    ends = _sentence_ends(text)
    # Each end lies in one line, so in one paragraph, and a paragraph of blanks holds none:
    # the ends before a paragraph's end not taken by an earlier paragraph are its own.
    next_end = 0
    for p_start, p_end, p_lang in _join_wrapped_lines(text, paragraphs):
        if text[p_start:p_end].isspace():
            continue
        lang = p_lang or default_lang
        start = p_start
        while next_end < len(ends) and ends[next_end][0] < p_end:
            mark, end = ends[next_end]
            next_end += 1
            cut = mark + 1  # the sentence keeps its mark
            if _ABBREV_RE.search(text[max(p_start, cut - 8):cut]):
                continue
            if cut > start:
                sentences.append(Sentence(start, cut, lang))
            start = end
        if start < p_end:
            sentences.append(Sentence(start, p_end, lang))
    return sentences


def split_sentences(text: str, default_lang: str = "en") -> list[Sentence]:
    """Split ``text`` into sentences, each tagged with its paragraph's language."""
    return _split(text, _paragraphs(text), default_lang)


def document_language(text: str) -> str:
    """The main language of a document: the language of most of its characters."""
    return _main_language(_paragraphs(text))


def language_and_sentences(text: str) -> tuple[str, list[Sentence]]:
    """``(document_language(text), split_sentences(text, that language))`` with each line's
    language told once instead of twice."""
    paragraphs = _paragraphs(text)
    lang = _main_language(paragraphs)
    return lang, _split(text, paragraphs, lang)
