"""Sentences, languages and PDF line wraps (recount.extractors.segment)."""
from recount.extractors.segment import document_language, split_sentences, unwrap_lines
from recount.pipeline.extract import extract


def test_segment_a_line_starting_lower_case_continues_the_sentence_before():
    # pdfium keeps a PDF's line wraps: "Số phải\nthi hành" is one sentence
    text = "Số phải\nthi hành là 4.210 việc. Trong đó, có\nđiều kiện 3.880 việc.\nVề tiền: 9 tỷ đồng."
    sentences = [text[s.start:s.end] for s in split_sentences(text, "vi")]
    assert sentences == ["Số phải\nthi hành là 4.210 việc.", "Trong đó, có\nđiều kiện 3.880 việc.",
                         "Về tiền: 9 tỷ đồng."]


def test_segment_a_bracket_line_after_an_open_sentence_continues_it():
    text = "Tỷ lệ tăng 1,20% so với năm 2023\n(80,15%).\nVề tiền: 9 tỷ đồng.\n(1) Ghi chú."
    sentences = [text[s.start:s.end] for s in split_sentences(text, "vi")]
    assert sentences == ["Tỷ lệ tăng 1,20% so với năm 2023\n(80,15%).", "Về tiền: 9 tỷ đồng.",
                         "(1) Ghi chú."]


def test_segment_unwrap_lines_keeps_offsets_and_paragraphs():
    text = "Total to enforce\nwas 4,210 cases.\n\nnext paragraph\nStarts here."
    unwrapped = unwrap_lines(text)
    assert len(unwrapped) == len(text)
    assert unwrapped == "Total to enforce was 4,210 cases.\n\nnext paragraph\nStarts here."


def test_segment_figures_across_a_wrap_keep_their_surface():
    text = "The offices completed 3,120 of 3,705 enforceable\ncases (84.21%) this year."
    figures = extract(text)
    assert [f.text for f in figures] == ["3,120", "3,705", "84.21%"]
    assert all(text[f.start:f.end] == f.text for f in figures)


def test_segment_document_language_ignores_short_table_lines():
    prose = "The department said that the rate of completed cases was higher than in the year before.\n"
    rows = "".join(f"{i} Ứng Hòa 543 121 422 451 343 76.05\n" for i in range(1, 40))
    assert document_language(prose + rows) == "en"
