"""Legacy Vietnamese encodings: detection, conversion, and recovery from a legacy-font PDF."""
from __future__ import annotations

import importlib.util
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from recount.extractors.legacy import (
    convert_legacy,
    decode_legacy_bytes,
    detect_legacy,
    encode_legacy,
    encoding_of_font,
    page_font_names,
    repair_legacy_spans,
    repair_page_text,
)

# the hostile-input tests' PDF writer (objects in, a file with a correct xref table out)
_spec = importlib.util.spec_from_file_location(
    "make_bad_inputs", Path(__file__).parent.parent / "hostile" / "make_bad_inputs.py")
_make_bad_inputs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_make_bad_inputs)

# Sentences written for these tests in the style of a THADS annual report, with the figures
# and hyphens such reports carry (decision numbers, dates, percentages).
SENTENCES = (
    "Năm 2021, toàn ngành thi hành án dân sự đã thụ lý 812.345 việc, tăng 3,27% so với năm trước.",
    "Số việc có điều kiện thi hành là 579.188 việc; đã thi hành xong 443.051 việc, đạt 76,49%.",
    "Về tiền, đã thu được 85.627 tỷ đồng, như vậy vượt chỉ tiêu Quốc hội giao.",
    "BÁO CÁO KẾT QUẢ CÔNG TÁC THI HÀNH ÁN DÂN SỰ NĂM 2021",
    "Theo Quyết định số 1023/QĐ-TTg ngày 9-2021 của Thủ tướng, ưu tiên những việc tồn đọng.",
    "Bộ Tư pháp chuyển kỳ sau 126.707 việc; trường hợp được miễn, giảm: 2.314 việc.",
    "Cục Thi hành án dân sự tỉnh Bắc Giang giải quyết 41 việc/8,35 tỷ đồng, giảm 2.676 việc.",
    "Số việc chưa có điều kiện thi hành chiếm 23,51%, cao hơn cùng kỳ 1,2 điểm phần trăm.",
    "Thực hiện Chỉ thị số 16-CT/TU, đơn vị đã rà soát, phân loại chính xác 9.871 việc.",
    "Tổng số tiền phải thi hành là 312.004.118.000 đồng, trong đó đã thu hồi 48,2% cho Nhà nước.",
    "Những khó khăn, vướng mắc được báo cáo kịp thời; hồ sơ lưu trữ đầy đủ, đúng quy định.",
    "Ủy ban nhân dân các cấp phối hợp cưỡng chế 1.106 vụ, tổ chức thi hành dứt điểm nhiều vụ việc.",
)


def _as_pdfium_reads(legacy: str, encoding: str) -> str:
    """What pypdfium2 returns for TCVN3 text: the ư byte 0xAD as "-" in mid-line, and as
    U+FFFE at a line end, where the line break is dropped."""
    if encoding != "tcvn3":
        return legacy
    return legacy.replace("\xad\n", "\ufffe").replace("\xad", "-")


def _word_accuracy(expected: str, got: str) -> float:
    expected_words, got_words = expected.split(), got.split()
    right = sum(1 for a, b in zip(expected_words, got_words) if a == b)
    return right / max(len(expected_words), len(got_words))


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
@pytest.mark.parametrize("sentence", SENTENCES)
def test_legacy_round_trip_recovers_sentence(sentence, encoding):
    legacy = _as_pdfium_reads(encode_legacy(sentence, encoding), encoding)
    assert legacy != sentence
    assert detect_legacy(legacy) == encoding
    assert convert_legacy(legacy, encoding) == sentence


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_round_trip_word_accuracy_over_a_report(encoding):
    report = "\n".join(SENTENCES)
    legacy = _as_pdfium_reads(encode_legacy(report, encoding), encoding)
    raw_accuracy = _word_accuracy(report, legacy)
    recovered = convert_legacy(legacy, encoding)
    # The raw legacy text gets only the unaccented words and the numbers right.
    assert raw_accuracy < 0.5
    assert _word_accuracy(report, recovered) == 1.0
    assert recovered.count("\n") == report.count("\n")


@pytest.mark.parametrize(
    "legacy, expected",
    [
        ("nh- vËy", "như vậy"),  # ư mid-line, read as "-"
        ("cña nh\ufffen¨m 2021", "của như\nnăm 2021"),  # ư at a line end, break eaten
        ("cña nh\x02n¨m", "của như\nnăm"),  # same, as get_text_bounded returns it
        ("nh\u2212 vËy", "như vậy"),
        ("nh\xad vËy", "như vậy"),
        ("th¸ng 9-2021", "tháng 9-2021"),  # a hyphen next to a digit is a hyphen
        ("Q§-TTg", "QĐ-TTg"),  # a hyphen before a capital is a hyphen
        ("16-CT/TU", "16-CT/TU"),
        ("- Tæng sè", "- Tổng số"),  # a list dash
        ("-u tiªn", "ưu tiên"),
        ("Bé T- ph¸p", "Bộ Tư pháp"),
    ],
)
def test_convert_tcvn3_reads_hyphens(legacy, expected):
    assert convert_legacy(legacy, "tcvn3") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Tổng số việc đã thi hành xong là 443.051 việc.",
        "Hoàn thành 76,49% chỉ tiêu",
        "Tháng 12",
        "In 2021 the courts enforced 443,051 cases, 76.49% of the total.",
        "Où en est l'exécution ? Le taux a atteint 76,49 % « selon le rapport » (§ 3), naïf.",
        "",
        "12.345 — 67,8%",
    ],
)
def test_detect_legacy_leaves_unicode_alone(text):
    assert detect_legacy(text) is None
    assert repair_legacy_spans(text) == text


@pytest.mark.parametrize(
    "font_name, encoding",
    [
        (".VnTime", "tcvn3"),
        ("ABCDEF+.VnTimeH,Bold", "tcvn3"),
        ("VnArial", "tcvn3"),
        ("VNI-Times", "vni"),
        ("QWERTY+VNI-Helve-Bold", "vni"),
        ("TimesNewRomanPSMT", None),
        ("Vollkorn", None),
    ],
)
def test_encoding_of_font_reads_legacy_font_names(font_name, encoding):
    assert encoding_of_font(font_name) == encoding


def test_detect_legacy_trusts_font_names_over_content():
    # "Toång" scores as VNI on content, but a .VnTime font says TCVN3.
    assert detect_legacy("12.345", font_names=[".VnTime"]) == "tcvn3"
    assert detect_legacy("12.345", font_names=["VNI-Times"]) == "vni"


def test_repair_legacy_spans_converts_only_the_legacy_lines():
    unicode_line = "Báo cáo của Cục Thi hành án dân sự tỉnh, tháng 12-2021"
    tcvn3_line = encode_legacy("Tổng số việc phải thi hành là 1.234 việc, như năm trước", "tcvn3")
    vni_line = encode_legacy("Số tiền đã thu được là 5,6 tỷ đồng", "vni")
    english_line = "Total: 1,234 cases - see annex"
    text = "\n".join([unicode_line, tcvn3_line.replace("\xad", "-"), vni_line, english_line])
    assert repair_legacy_spans(text) == "\n".join([
        unicode_line,
        "Tổng số việc phải thi hành là 1.234 việc, như năm trước",
        "Số tiền đã thu được là 5,6 tỷ đồng",
        english_line,
    ])


def test_repair_legacy_spans_converts_a_legacy_run_inside_a_unicode_line():
    legacy = encode_legacy("Tổng số việc là 1.234 việc", "tcvn3")
    assert repair_legacy_spans(f"Phụ lục số 2: {legacy}") == "Phụ lục số 2: Tổng số việc là 1.234 việc"


def test_convert_legacy_returns_nfc_and_refuses_unknown_encodings():
    converted = convert_legacy("Toång soá", "vni")
    assert converted == unicodedata.normalize("NFC", converted)
    with pytest.raises(ValueError):
        convert_legacy("x", "viscii")


# --- A PDF drawn with a legacy font -----------------------------------------------------


def _pdf_with_legacy_font(lines: list[str], font_name: str) -> bytes:
    """A one-page PDF that draws ``lines`` (Latin-1 strings: the legacy bytes) with a
    non-embedded TrueType font named ``font_name``, WinAnsi encoding and no ToUnicode map,
    the way Word wrote ".VnTime" documents to PDF."""

    def escape(line: str) -> bytes:
        raw = line.encode("latin-1")
        return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    content = b"BT /F1 11 Tf 40 800 Td 14 TL\n" + b"".join(
        b"(" + escape(line) + b") Tj T*\n" for line in lines) + b"ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /TrueType /BaseFont /" + font_name.encode("ascii")
        + b" /FirstChar 32 /LastChar 255 /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    return _make_bad_inputs.minimal_pdf(objects)


@pytest.mark.parametrize("encoding, font_name", [("tcvn3", ".VnTime"), ("vni", "VNI-Times")])
def test_legacy_font_pdf_text_is_recovered(tmp_path, encoding, font_name):
    # Short lines so that several end in a toneless ư ("như", "Tư"): the pdfium trap.
    lines = [
        "Bộ Tư",
        "pháp báo cáo: năm 2021 đã thi hành xong 443.051 việc, như",
        "năm trước đạt 76,49%; ưu tiên các việc theo Quyết định 1023/QĐ-TTg ngày 9-2021.",
        "Số tiền thu được 85.627 tỷ đồng, vượt chỉ tiêu.",
    ]
    path = tmp_path / f"{encoding}.pdf"
    path.write_bytes(_pdf_with_legacy_font([encode_legacy(line, encoding) for line in lines],
                                           font_name))
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[0]
        raw = page.get_textpage().get_text_range().replace("\r\n", "\n")
        fonts = page_font_names(page)
    finally:
        pdf.close()
    assert fonts == (font_name,)
    assert _word_accuracy("\n".join(lines), raw) < 0.5
    assert detect_legacy(raw, fonts) == encoding
    assert detect_legacy(raw) == encoding  # content alone also tells
    recovered = convert_legacy(raw, encoding).strip()
    assert recovered == "\n".join(lines)
    # The call ingest makes per page.
    assert repair_page_text(raw, fonts)[0].strip() == "\n".join(lines)


# --- The project corpus, encoded the old way ---------------------------------------------

CORPUS_DOCS = sorted((Path(__file__).resolve().parents[2] / "corpus" / "docs").glob("*.txt"))


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_round_trip_over_the_vietnamese_corpus(encoding):
    vietnamese = [p for p in CORPUS_DOCS if p.name.startswith("vi_")]
    if not vietnamese:
        pytest.skip("corpus/docs holds no Vietnamese document")
    words = right = 0
    for path in vietnamese:
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        legacy = _as_pdfium_reads(encode_legacy(text, encoding), encoding)
        assert detect_legacy(legacy) == encoding, path.name
        recovered = convert_legacy(legacy, encoding).split()
        expected = text.split()
        assert len(recovered) == len(expected), path.name
        words += len(expected)
        right += sum(a == b for a, b in zip(expected, recovered))
    # TCVN3 cannot write a capital toned letter outside a sentence start ("Ngân hàng Đông
    # Á," comes back as "Đông á,"), which costs one word in the corpus's ~6,800.
    assert right / words >= 0.999


def test_legacy_leaves_every_unicode_corpus_document_alone():
    if not CORPUS_DOCS:
        pytest.skip("corpus/docs is empty")
    for path in CORPUS_DOCS:
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        assert detect_legacy(text) is None, path.name
        assert repair_legacy_spans(text) == text, path.name


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_decode_legacy_bytes_reads_a_legacy_text_file(encoding):
    text = "\n".join(SENTENCES)
    data = encode_legacy(text, encoding).encode("latin-1")
    assert decode_legacy_bytes(data) == (text, encoding)


@pytest.mark.parametrize(
    "data",
    [
        "Tổng số việc đã thi hành xong".encode("utf-8"),
        "Le taux a atteint 76,49 % à Hanoï".encode("cp1252"),
        b"T\xf4\xd2ng s\xf4\xec vi\xea\xf2c 1.234",  # "Tổng số việc" in Windows-1258
        b"",
    ],
)
def test_decode_legacy_bytes_leaves_other_encodings(data):
    assert decode_legacy_bytes(data) is None


def test_repair_page_text_converts_a_legacy_page_whole():
    legacy = encode_legacy("Bộ Tư pháp: năm 2021 đã thi hành xong 443.051 việc", "tcvn3")
    raw = legacy.replace("\xad", "-")
    assert repair_page_text(raw, [".VnTime"]) == (
        "Bộ Tư pháp: năm 2021 đã thi hành xong 443.051 việc", "tcvn3")


def test_repair_page_text_converts_only_the_legacy_lines_of_a_mixed_page():
    unicode_line = "Báo cáo của Cục Thi hành án dân sự, tháng 12-2021"
    legacy_line = encode_legacy("Tổng số việc phải thi hành là 1.234 việc", "tcvn3")
    page = f"{unicode_line}\n{legacy_line}"
    # The .VnTime font name alone would convert the Unicode line too ("á" is TCVN3's "ỏ").
    assert detect_legacy(page, [".VnTime", "TimesNewRomanPSMT"]) is None
    assert repair_page_text(page, [".VnTime", "TimesNewRomanPSMT"]) == (
        f"{unicode_line}\nTổng số việc phải thi hành là 1.234 việc", "mixed")


def test_repair_page_text_leaves_a_unicode_page_alone():
    page = "Tổng số việc đã thi hành xong là 443.051 việc."
    assert repair_page_text(page, ["TimesNewRomanPSMT"]) == (page, None)


def test_decode_legacy_bytes_leaves_utf8_with_stray_bytes_to_utf8():
    # UTF-8 read as Windows-1252 has capitals inside words ("Ä‘Ã£" for "đã"), which look
    # like TCVN3; a stray byte must not make a UTF-8 report legacy.
    data = "\n".join(SENTENCES).encode("utf-8")
    assert decode_legacy_bytes(data[:60] + b"\xff" + data[60:120] + b"\xe1\xbb" + data[120:]) is None


def test_decode_legacy_bytes_leaves_random_bytes_alone():
    import random

    noise = bytes(random.Random(1).randrange(1, 256) for _ in range(5000))
    assert decode_legacy_bytes(noise) is None
