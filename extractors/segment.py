"""Split a document into paragraphs and sentences and tell each paragraph's language.

Real documents mix languages (an English article with Vietnamese photo captions), so the
language is decided per paragraph (one line of text), and the number separators follow it.
Splitting is done with regexes on the raw text rather than with a spaCy sentencizer: most
sentences hold no number, and tokenizing every character would cap the pipeline near
400 PDF pages/s while pdfium reads about 1,650 (see extraction.md).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

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
_LETTER_RE = re.compile(r"[^\W\d_]")
_VI_LETTER_RE = re.compile("[" + "".join(sorted(_VI_LETTERS)) + "]")
_WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def detect_language(text: str, default: str = "en") -> str:
    """Tell whether ``text`` is Vietnamese, English or French.

    Vietnamese is recognized by its letters (ơ, ư, đ, ạ...); French and English by their
    function words. A line with no clue gets ``default`` (the document's language).

    Example: "Thi hành xong 289 việc" -> "vi"; "dépassant de 1,85 %" -> "fr".
    """
    letters = len(_LETTER_RE.findall(text))
    vi_ratio = len(_VI_LETTER_RE.findall(text)) / letters if letters else 0.0
    fr = en = 0
    for w in _WORD_RE.findall(text.lower()):
        if w in _FR_WORDS:
            fr += 1
        elif w in _EN_WORDS:
            en += 1
        if w.startswith(("l'", "d'", "qu'", "n'", "s'")):
            fr += 1
    # Vietnamese place names inside a French or English sentence ("à Sơn Trà et Ngũ Hành
    # Sơn") add a few Vietnamese letters; running Vietnamese text has 15-25% of them.
    if vi_ratio > 0.10 or (vi_ratio > 0.03 and fr + en < 3):
        return "vi"
    if any(ch in text for ch in "éèêàçù") and fr >= en:
        fr += 1
    if fr > en:
        return "fr"
    if en > fr:
        return "en"
    return default


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    lang: str


# A sentence ends at . ! ? followed by space and a capital, digit or quote; or at a line end.
_SENT_END_RE = re.compile(r"(?<=[.!?…])[\"'”»)]*[ \t]+(?=[\"'“«(]?[A-ZÀ-ỸĐ0-9])|\n+|\f")
#: Abbreviations whose dot does not end a sentence ("Decree No. 18/2002/ND-CP").
_ABBREV_RE = re.compile(
    r"(?:\b(?:No|Nos|Mr|Mrs|Ms|Dr|St|M|Mme|TP|Tp|Art|art|n|Co|Ltd|Inc|vs|etc|e\.g|i\.e|Jan|Feb|"
    r"Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|ca|p|pp|Vol|vol|Th\.S|TS|PGS|GS|Ths)\.)$"
)


def split_sentences(text: str, default_lang: str = "en") -> list[Sentence]:
    """Split ``text`` into sentences, each tagged with its paragraph's language."""
    sentences: list[Sentence] = []
    para_start = 0
    for para in re.finditer(r"[^\n\f]+", text):
        ptext = para.group()
        if not ptext.strip():
            continue
        lang = detect_language(ptext, default_lang)
        start = para.start()
        for m in _SENT_END_RE.finditer(ptext):
            cut = m.start()
            if _ABBREV_RE.search(ptext[max(0, cut - 8):cut]):
                continue
            if cut > start - para.start():
                sentences.append(Sentence(start, para.start() + cut, lang))
            start = para.start() + m.end()
        if start < para.end():
            sentences.append(Sentence(start, para.end(), lang))
        para_start = para.end()
    del para_start
    return sentences


def document_language(text: str) -> str:
    """The main language of a document: the language of most of its characters."""
    weights: dict[str, int] = {}
    for para in re.finditer(r"[^\n\f]+", text):
        lang = detect_language(para.group(), "")
        if lang:
            weights[lang] = weights.get(lang, 0) + len(para.group())
    if not weights:
        return "en"
    return max(sorted(weights), key=lambda k: weights[k])
