"""Strategies and targets shared by the fuzz property tests and ``benchmarks/fuzz.py``.

A *target* takes one generated input and checks recount's invariants on it, raising
``AssertionError`` when one breaks; any other exception is a crash. The strategies mix
free text with text shaped like the reports (numbers with every separator, percent signs,
money scales, Vietnamese words with decomposed diacritics), since random text rarely
reaches the interesting branches.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from hypothesis import strategies as st

LANGS = ("vi", "en", "fr")

_WORDS = (
    "việc", "vụ", "tỷ", "tỉ", "triệu", "nghìn", "đồng", "tăng", "giảm", "so với", "đạt", "tỷ lệ",
    "thi hành xong", "có điều kiện", "năm", "tháng", "trên", "khoảng", "hơn", "gần", "điểm",
    "cases", "billion", "million", "VND", "increase", "decrease", "of", "over", "nearly",
    "percentage points", "completed", "enforceable", "affaires", "milliards", "soit", "de",
    "Directive", "Decree No.", "Chỉ thị số", "Nghị quyết", "Quyết định", "/QĐ-TTg", "/NĐ-CP",
    "Hà Nội", "huyện", "Tổng cộng", "(", ")", "%", "‰", ",", ".", ";", ":", "-", "–", "/",
    "\n", "\f", " ", "\u00a0", "\u202f",
)
_SEPARATORS = (".", ",", " ", "\u00a0", "\u202f", "\u2009", "")


@st.composite
def printed_numbers(draw) -> str:
    """A number as a report might print it: grouped or not, any separator, decimals."""
    integer = draw(st.integers(min_value=0, max_value=10**15))
    grouped = f"{integer:,}".replace(",", draw(st.sampled_from(_SEPARATORS)))
    text = grouped if draw(st.booleans()) else str(integer)
    if draw(st.booleans()):
        text += draw(st.sampled_from(".,")) + str(draw(st.integers(0, 10**4)))
    return text


def _decompose_some(text: str, decompose: bool) -> str:
    return unicodedata.normalize("NFD", text) if decompose else text


@st.composite
def report_texts(draw, max_pieces: int = 40) -> str:
    """Text assembled from report words, printed numbers and arbitrary characters."""
    pieces = draw(st.lists(
        st.one_of(
            st.sampled_from(_WORDS),
            printed_numbers(),
            printed_numbers().map(lambda n: n + "%"),
            printed_numbers().map(lambda n: n + " %"),
            st.text(max_size=8),
        ),
        max_size=max_pieces,
    ))
    joiner = draw(st.sampled_from((" ", "", "\n", ", ")))
    return _decompose_some(joiner.join(pieces), draw(st.booleans()))


any_text = st.one_of(st.text(max_size=300), report_texts())
#: For the longer campaign: whole paragraphs, tables flattened to lines, legacy-encoded text.
long_text = st.one_of(
    any_text,
    report_texts(max_pieces=400),
    st.lists(st.lists(printed_numbers(), min_size=1, max_size=8).map("\t".join),
             max_size=30).map("\n".join),
    st.tuples(report_texts(), st.sampled_from(("tcvn3", "vni"))).map(
        lambda pair: _encode_legacy(*pair)),
)


def _encode_legacy(text: str, encoding: str) -> str:
    from recount.extractors.legacy import encode_legacy

    return encode_legacy(text, encoding)


_VIETNAMESE_LOWER = "aăâbcdđeêghiklmnoôơpqrstuưvxy" + "".join(sorted(
    {unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy"
     for t in ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")}))
#: Lowercase Vietnamese words and numbers, after a plain first word: what TCVN3 and VNI can
#: both write without loss (no capital toned letter, no hyphen).
vietnamese_words = st.lists(
    st.one_of(st.text(alphabet=_VIETNAMESE_LOWER, min_size=1, max_size=7),
              printed_numbers()),
    max_size=30,
).map(lambda words: " ".join(["tổng", *words]))


def target_legacy(text: str, encoding: str) -> None:
    """Legacy conversion never crashes, returns NFC, and undoes encode_legacy on text
    both encodings can represent."""
    from recount.extractors.legacy import convert_legacy, detect_legacy, encode_legacy, repair_legacy_spans

    nfc = unicodedata.normalize("NFC", text)
    # repair_legacy_spans returns text without legacy evidence as it came, so it is given
    # NFC text, as ingest gives it.
    for converted in (convert_legacy(text, encoding), repair_legacy_spans(nfc)):
        assert converted == unicodedata.normalize("NFC", converted)
    detect_legacy(text)
    representable = all(ch in _VIETNAMESE_LOWER or ch in "0123456789., \u00a0\u202f\u2009"
                        for ch in nfc)
    # A toned letter opening a sentence comes back as a capital in TCVN3 (sentences start
    # with one; TCVN3 has no code for it): "ý" -> "Ý".
    opens_sentence_lowercase = not nfc[:1].isascii() or re.search(r"[.!?]\s", nfc)
    if representable and not opens_sentence_lowercase:
        assert convert_legacy(encode_legacy(nfc, encoding), encoding) == nfc, nfc


def target_parse_number(text: str, lang: str) -> None:
    """parse_number returns a sane value or raises ValueError, nothing else."""
    from recount.extractors.numbers import parse_number

    try:
        parsed = parse_number(text, lang)
    except ValueError:
        return
    assert parsed.value >= 0, (text, parsed)
    assert parsed.decimals >= 0
    assert parsed.step == Decimal(1).scaleb(-parsed.decimals), (text, parsed)
    # The value has no more decimals than were printed.
    assert parsed.value.as_tuple().exponent >= -parsed.decimals, (text, parsed)


def target_extract_and_check(text: str) -> None:
    """extract and check never crash; offsets hold; normalization is idempotent; the same
    text gives the same figures twice."""
    from recount.pipeline.check import check_document
    from recount.pipeline.extract import extract_document
    from recount.pipeline.ingest import document_from_string, normalize_text
    from recount.pipeline.records import KINDS

    normalized = normalize_text(text)
    assert normalize_text(normalized) == normalized
    assert normalized == unicodedata.normalize("NFC", normalized)
    document = document_from_string(text, "fuzz")
    assert document.text == normalized
    figures = extract_document(document)
    starts = [f.start for f in figures]
    assert starts == sorted(starts)
    for figure in figures:
        assert 0 <= figure.start < figure.end <= len(document.text), figure
        assert document.text[figure.start:figure.end] == figure.text, figure
        assert figure.kind in KINDS, figure
    assert extract_document(document_from_string(normalized, "fuzz")) == figures
    checks, derived = check_document(document, figures)
    for check in checks:
        if check.start is not None:
            assert document.text[check.start:check.end] == check.text, check
        assert check.verdict in ("consistent", "inconsistent", "ambiguous", "unverifiable"), check
