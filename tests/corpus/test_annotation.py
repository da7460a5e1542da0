"""The annotation parser: printed numbers, intervals, and loud failures on malformed markup."""
from decimal import Decimal

import pytest

from recount.corpus.annotation import (
    AnnotationError,
    _parse,
    interval,
    judge,
    parse_printed,
)

HEADER = "@lang vi\n@period 2023\n@jurisdiction national\n@genre press\n---\n"
FILLER = " ".join(["Các cơ quan thi hành án tiếp tục rà soát hồ sơ."] * 16)


@pytest.mark.parametrize(
    "text, lang, kind, value, step, unit",
    [
        ("2.305 tỷ 118 triệu 702 nghìn đồng", "vi", "money", "2305118702000", "1000", "VND"),
        ("41 việc", "vi", "count", "41", "1", "case"),
        ("8,35 tỉ đồng", "vi", "money", "8350000000", "10000000", "VND"),
        ("512.604.117.000VND", "vi", "money", "512604117000", "1", "VND"),
        ("52 nghìn việc", "vi", "count", "52000", "1000", "case"),
        ("2,3 triệu việc", "vi", "count", "2300000", "100000", "case"),
        ("85,49 %", "fr", "percent", "85.49", "0.01", "percent"),
        ("418 milliards 52 millions de VND", "fr", "money", "418052000000", "1000000", "VND"),
        ("736 747 affaires", "fr", "count", "736747", "1", "case"),
        ("VND 1,059 billion", "en", "money", "1059000000000", "1000000000", "VND"),
        ("VND22,000 billion", "en", "money", "22000000000000", "1000000000", "VND"),
        ("0.63 percentage points", "en", "percent", "0.63", "0.01", "percentage_point"),
        ("16.99%", "en", "percent", "16.99", "0.01", "percent"),
    ],
)
def test_parse_printed_reads_value_step_and_unit(text, lang, kind, value, step, unit):
    printed = parse_printed(text, lang)
    assert (printed.kind, printed.value, printed.step, printed.unit) == (
        kind, Decimal(value), Decimal(step), unit)


@pytest.mark.parametrize("text, lang", [("289 cases abc", "en"), ("hơn 200 việc", "vi"), ("việc", "vi")])
def test_parse_printed_refuses_unknown_words(text, lang):
    with pytest.raises(ValueError):
        parse_printed(text, lang)


@pytest.mark.parametrize(
    "stated, verdict",
    # checking.md: 52,3 tỷ of 118,6 tỷ is 44.098%; inputs span [52.25, 52.4) / [118.55, 118.7)
    [("44,10%", "consistent"), ("44,09%", "consistent"), ("44,25%", "inconsistent")],
)
def test_rate_from_rounded_inputs_is_judged_on_intervals(stated, verdict):
    part = interval(52.3e9, 1e8, False, "exact")
    whole = interval(118.6e9, 1e8, False, "exact")
    low, high = part[0] / whole[1] * 100, part[1] / whole[0] * 100
    assert judge(parse_printed(stated, "vi"), "exact", low, high) == verdict


@pytest.mark.parametrize(
    "qualifier, expected",
    [("exact", (16.985, 17.0)), ("over", (16.99, 17.0)), ("under", (16.98, 16.99)),
     ("about", (16.98, 17.0))],
)
def test_interval_of_a_printed_rate(qualifier, expected):
    low, high = interval(16.99, 0.01, False, qualifier)
    assert (round(low, 6), round(high, 6)) == expected


def test_exact_integers_are_points():
    assert interval(289, 1, True, "exact") == (289, 289)


def _doc(body: str, claims: str = "") -> str:
    return HEADER + body + " " + FILLER + "\n=== claims\n" + claims


@pytest.mark.parametrize(
    "source, message",
    [
        (_doc("Đã xong [[289 việc|finished]]."), "unknown role"),
        (_doc("Đã xong [[289 việc abc|completed]]."), "unexpected words"),
        (_doc("Năm 2023 đã xong [[289 việc|completed]]."), "belongs to no annotation"),
        (_doc("Xong [[289 việc|completed #a]], có điều kiện [[327 việc|enforceable #b]], đạt "
              "[[88,38%|completion_rate #r]].", "r: #a/#b*100 => inconsistent [I5] sai"),
         "annotation says inconsistent"),
        (_doc("Đạt [[88,38%|completion_rate #r]].", "r: #a/#b*100 => consistent [I5] x"),
         "undefined"),
        (_doc("Đạt [[88,38%|completion_rate #r]]."), "needs a claim"),
        (_doc("Tăng [[14 việc|change_abs]]."), "direction"),
        (_doc("Vượt [[1,85%|target_gap + #g]].", "g: ? => unverifiable [I10]"), "needs a note"),
        (_doc("Vượt [[1,85%|target_gap + #g]].", "g = ? => unverifiable [I10] x"), "bad claim line"),
        (_doc("Theo [[Nghị định 62/2015/NĐ-CP|dir:law2]]."), "unknown directive type"),
        (HEADER.replace("@genre press\n", "") + "x", "header lacks @genre"),
    ],
)
def test_malformed_annotations_fail_loudly(source, message):
    with pytest.raises(AnnotationError, match=message):
        _parse("vi_999_test", source)


def test_claim_with_matching_verdict_parses():
    doc = _parse("vi_999_test", _doc(
        "Xong [[289 việc|completed #a]], có điều kiện [[327 việc|enforceable #b]], đạt "
        "[[88,38%|completion_rate #r]] năm {{2022}}.", "r: #a/#b*100 => consistent [I5] 289/327"))
    assert [q.text for q in doc.quantities] == ["289 việc", "327 việc", "88,38%"]
    assert doc.text.startswith("Xong 289 việc, có điều kiện 327 việc, đạt 88,38% năm 2022.")
    assert doc.others[0].text == "2022"


def test_slash_pair_members_share_a_group():
    doc = _parse("vi_999_test", _doc("Xong [[41 việc|completed pair=1]]/[[8,35 tỉ đồng|completed pair=1]]."))
    assert [(q.kind, q.group, q.group_kind) for q in doc.quantities] == [
        ("count", 1, "pair"), ("money", 1, "pair")]


def test_a_group_of_one_is_refused():
    with pytest.raises(AnnotationError, match="group 1"):
        _parse("vi_999_test", _doc("Xong [[41 việc|completed pair=1]]."))
