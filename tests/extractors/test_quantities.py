"""One-line cases per language and format (statcheck style): sentence -> figures."""
import pytest

from recount.pipeline.extract import extract


def _figs(text):
    return [(f.kind, f.text, f.value, f.unit, f.qualifier) for f in extract(text) if f.kind != "directive"]


@pytest.mark.parametrize(
    "sentence,expected",
    [
        # --- counts
        ("Đã thi hành xong 289 việc.", [("count", "289 việc", 289, "case", "exact")]),
        ("Toàn quốc thụ lý 52 nghìn việc.", [("count", "52 nghìn việc", 52000, "case", "exact")]),
        ("Tổng số phải thi hành là 2,3 triệu việc.", [("count", "2,3 triệu việc", 2.3e6, "case", "exact")]),
        ("Còn 6,4 ngàn việc chuyển sang.", [("count", "6,4 ngàn việc", 6400, "case", "exact")]),
        ("Over 14,000 cases are completed each year.", [("count", "14,000 cases", 14000, "case", "over")]),
        ("Nearly 622,000 cases were completed.", [("count", "622,000 cases", 622000, "case", "under")]),
        ("Plus de 1 200 dossiers ont été traités.", [("count", "1 200 dossiers", 1200, "case", "over")]),
        ("Le nombre de dossiers à traiter s'élève à 2 609.", [("count", "2 609", 2609, "case", "exact")]),
        ("Recovered from over 9,200 corruption and economic cases.", [("count", "9,200", 9200, "case", "over")]),
        ("Đã ra 1.205 bản án.", [("count", "1.205 bản án", 1205, "case", "exact")]),
        ("Le pays a traité 2,8 millions d'affaires.", [("count", "2,8 millions d'affaires", 2.8e6, "case", "exact")]),
        ("Completed 2.8 million cases.", [("count", "2.8 million cases", 2.8e6, "case", "exact")]),
        # --- money
        ("The total was 6,683,476,000 VND.", [("money", "6,683,476,000 VND", 6683476000, "VND", "exact")]),
        ("Completed VND 1,059 billion.", [("money", "VND 1,059 billion", 1.059e12, "VND", "exact")]),
        ("Over VND22,000 billion was recovered.", [("money", "VND22,000 billion", 2.2e13, "VND", "over")]),
        ("Thu được 512.604.117.000VND.", [("money", "512.604.117.000VND", 512604117000, "VND", "exact")]),
        ("Thu 1.059 tỷ đồng.", [("money", "1.059 tỷ đồng", 1.059e12, "VND", "exact")]),
        ("Thu 8,35 tỉ đồng.", [("money", "8,35 tỉ đồng", 8.35e9, "VND", "exact")]),
        ("Số tiền 2.305 tỷ 118 triệu 702 nghìn đồng.", [("money", "2.305 tỷ 118 triệu 702 nghìn đồng", 2305118702000, "VND", "exact")]),
        ("Thu hồi hơn 22.000 tỷ.", [("money", "22.000 tỷ", 2.2e13, "VND", "over")]),
        ("Khoảng 3 nghìn tỷ đồng.", [("money", "3 nghìn tỷ đồng", 3e12, "VND", "about")]),
        ("Soit 418 milliards 52 millions de VND.", [("money", "418 milliards 52 millions de VND", 418052000000, "VND", "exact")]),
        ("Le recouvrement a dépassé 22 000 milliards de VND.",
         [("money", "22 000 milliards de VND", 2.2e13, "VND", "over")]),
        ("Un total de 2 billions de VND.", [("money", "2 billions de VND", 2e12, "VND", "exact")]),
        ("Total recovery of 117,000 billion VND.", [("money", "117,000 billion VND", 1.17e14, "VND", "exact")]),
        ("Worth 1,482.615 billion VND.", [("money", "1,482.615 billion VND", 1482.615e9, "VND", "exact")]),
        ("It paid 120,000 dongs.", [("money", "120,000 dongs", 120000, "VND", "exact")]),
        ("A loan of USD 5 million.", [("money", "USD 5 million", 5e6, "USD", "exact")]),
        ("Phạt 500.000đ.", [("money", "500.000đ", 500000, "VND", "exact")]),
        # --- percentages
        ("Achieving a rate of 88.38%.", [("percent", "88.38%", 88.38, "percent", "exact")]),
        ("Un taux de 85,49 %.", [("percent", "85,49 %", 85.49, "percent", "exact")]),
        ("A rate of 63.75 percent.", [("percent", "63.75 percent", 63.75, "percent", "exact")]),
        ("Up 5 per cent.", [("percent", "5 per cent", 5, "percent", "exact")]),
        ("Un taux de 12 pour cent.", [("percent", "12 pour cent", 12, "percent", "exact")]),
        ("Đạt 80 phần trăm.", [("percent", "80 phần trăm", 80, "percent", "exact")]),
        ("Đạt tỷ lệ 83,88%, vượt 1,46% so với chỉ tiêu.", [("percent", "83,88%", 83.88, "percent", "exact"), ("percent", "1,46%", 1.46, "percentage_point", "exact")]),
        ("Dépassant de 1,85 % l'objectif.", [("percent", "1,85 %", 1.85, "percentage_point", "exact")]),
        ("The rate rose 1.7 percentage points.", [("percent", "1.7 percentage points", 1.7, "percentage_point", "exact")]),
        ("Hơn 66% số việc.", [("percent", "66%", 66, "percent", "over")]),
    ],
)
def test_extract_one_line(sentence, expected):
    got = _figs(sentence)
    assert len(got) == len(expected), got
    for g, e in zip(got, expected):
        assert g[:2] == e[:2]
        assert g[2] == pytest.approx(e[2])
        assert g[3:] == e[3:]


@pytest.mark.parametrize(
    "sentence,change",
    [
        ("Thụ lý mới 446.223 việc, tăng 17.190 việc.", "increase"),
        ("Giảm 2.676 việc so với cùng kỳ.", "decrease"),
        ("New cases rose by 1,151.", "increase"),
        ("An increase of 43 cases.", "increase"),
        ("Decreased by 952,077,000 VND.", "decrease"),
        ("En hausse de 12 dossiers.", "increase"),
        ("Une baisse de 5 %.", "decrease"),
    ],
)
def test_extract_direction_is_a_signed_change(sentence, change):
    """The last figure of each sentence carries the direction its words give."""
    figs = [f for f in extract(sentence) if f.kind != "directive"]
    assert figs[-1].change == change


@pytest.mark.parametrize(
    "sentence,values",
    [
        ("De 3 à 8 millions de VND.", [3e6, 8e6]),
        ("Từ 5 đến 10 tỷ đồng.", [5e9, 1e10]),
        ("Between 3 and 8 million VND.", [3e6, 8e6]),
        # in a sentence about cases a bare start could pass for a count: the range's end decides
        ("Dans ces affaires, les lots vendus entre 3 et 8 millions de VND concernent 40 affaires.",
         [3e6, 8e6]),
        ("Trong các việc này, tài sản bán từ 5 đến 10 tỷ đồng mỗi việc.", [5e9, 1e10]),
        ("In these cases, lots sold for 3 to 8 million VND each.", [3e6, 8e6]),
    ],
)
def test_extract_range_spreads_the_scale(sentence, values):
    figs = [f for f in extract(sentence) if f.kind == "money"]
    assert [f.value for f in figs] == pytest.approx(values)
    assert {f.group_kind for f in figs} == {"range"}
    assert len({f.group for f in figs}) == 1


@pytest.mark.parametrize(
    "sentence,kinds",
    [
        ("Thi hành xong 41 việc/8,35 tỉ đồng.", ["count", "money"]),
        ("Completed 12,841 cases/15,007 cases.", ["count", "count"]),
        ("Completed 15,718 cases/VND 1,059 billion.", ["count", "money"]),
    ],
)
def test_extract_slash_pairs_are_linked(sentence, kinds):
    figs = [f for f in extract(sentence) if f.kind != "directive"]
    assert [f.kind for f in figs] == kinds
    assert {f.group_kind for f in figs} == {"pair"}


#: Sentences with numbers that are not quantities: years, dates, document numbers, ranks,
#: article numbers, Covid-19, staff and commune counts, times, ordinals, URLs.
NO_QUANTITY = [
    "Năm 2023, ngành thi hành án đã có nhiều cố gắng.",
    "Ngày 21/7/2019, Bộ Tư pháp tổ chức hội nghị.",
    "Từ tháng 9-2021, đơn vị đã triển khai mô hình mới.",
    "Tỉnh xếp thứ 7/63 về kết quả thi hành án.",
    "Theo Điều 48 Luật Thi hành án dân sự, việc hoãn thi hành án được quy định rõ.",
    "Thực hiện Nghị định số 62/2015/NĐ-CP và Thông tư 05/2024/TT-BTP.",
    "Do ảnh hưởng của dịch Covid-19, nhiều việc bị chậm.",
    "Cục có 5 phòng chuyên môn, 21 chi cục và gần 300 công chức.",
    "With 5 specialized departments, 21 affiliated branches and nearly 300 civil servants.",
    "Leaders of 130 communes and wards attended at the bridge points.",
    "The agency achieved 13/13 assigned targets in 2025.",
    "On the occasion of the 75th anniversary (July 19, 1946 - July 19, 2021).",
    "Posted at 11:43 on the website.",
    "During the 2020-2025 term, the 4th Party Congress set new goals.",
    "Awarded Certificates of Merit to 03 collectives and 03 individuals.",
    "Le 24 octobre 2024, le département a publié ses résultats pour 2024.",
    "En 2024, les agences des deux niveaux ont été réorganisées.",
    "Source: https://thads.moj.gov.vn/tin-tuc/ket-qua-2024-985025.html",
    "Comment (0)",
    "Promulgated 01 Law, 01 Directive, 02 Decrees and 06 Circulars.",
    # staff, offices, lenders, lots and sub-article labels in a sentence about cases
    "Chi cục có 14 biên chế, trong đó 6 chấp hành viên, phụ trách các việc của huyện.",
    "Its 22 district offices reported their cases every week.",
    "The yard's assets are mortgaged to 5 banks, which slows the cases down.",
    "Les biens sont vendus par 3 à 8 lots dans chaque affaire.",
    "Le report des affaires relève de l'article 48, alinéa 1 de la loi.",
    "Theo Quy chế phối hợp số 12/QCPH-BCĐ, các việc được phân loại lại.",
    "Căn nhà ở quận 5 thuộc một việc chưa có điều kiện thi hành.",
    # a list of labelled numbers: the label stands before the first only
    "Nhiều tài sản của các việc phải giảm giá đến lần thứ 5, 6.",
    "Theo khoản 1, 2 và 3 Điều 44, các việc được xử lý lại.",
    "These cases fall under articles 48 and 49 of the law.",
    # a table's own number above a table of cases
    "Tableau 1 : résultats de l'exécution en affaires, unité : affaires",
    "Table 2 - Cases resolved by district in 2024",
    "Biểu 01: kết quả thi hành án dân sự tính bằng việc",
    "Phụ lục 3 - Số việc thụ lý theo đơn vị",
]


@pytest.mark.parametrize("sentence", NO_QUANTITY)
def test_extract_no_quantity_sentences_give_nothing(sentence):
    assert [f for f in extract(sentence) if f.kind != "directive"] == []


def test_bare_number_after_a_count_of_other_things_counts_those():
    figs = extract("The office received 950 complaints, settled 910 of them, and closed 40 cases.")
    assert [f.text for f in figs] == ["40 cases"]
    figs = extract("Cục có 120 công chức; năm 2023 thụ lý 500 việc, trong đó 80 việc cũ và 420 mới.")
    assert [f.text for f in figs] == ["500 việc", "80 việc", "420"]


def test_english_report_with_a_vietnamese_district_table_keeps_english_separators():
    # Lines with no English function word take the document's language; thirty table rows
    # of district names must not make that Vietnamese.
    prose = ("The department reported its results for the statistical year to the city. "
             "The rate of completed cases was higher than in the year before, and the "
             "department said that the number of cases with assets was the main problem.\n")
    rows = "\n".join(f"{i} Phú Xuyên {i},079 416 663 84.58" for i in range(1, 31))
    text = "1. Cases\nTotal received: 43,201 (brought forward 11,695; new 31,506).\n" + prose + rows
    assert [f.value for f in extract(text)][:3] == [43201.0, 11695.0, 31506.0]


def test_french_status_word_keeps_the_second_count_of_a_pair():
    figs = extract("Les bureaux ont achevé 7 500 affaires sur 9 100 exécutables, soit 82,42 %.")
    assert [(f.text, f.kind) for f in figs] == [
        ("7 500 affaires", "count"), ("9 100", "count"), ("82,42 %", "percent")]


def test_made_up_of_is_not_a_rise():
    figs = extract("Offices handled 936,046 cases, made up of 299,096 cases brought forward.")
    assert [f.change for f in figs] == [None, None]


@pytest.mark.parametrize("sentence,counts", [
    ("After 186 cases were entrusted, 13,540 remained to be enforced, including 3,163 the "
     "department classed as not yet enforceable.", ["186 cases", "13,540", "3,163"]),
    ("Il restait 9 120 affaires, dont 1 204 que le département juge non exécutables.",
     ["9 120 affaires", "1 204"]),
    # without the article the noun is what is counted
    ("The 2,000 cases went to 5 departments.", ["2,000 cases"]),
])
def test_an_article_after_a_bare_count_opens_a_new_noun_phrase(sentence, counts):
    assert [f.text for f in extract(sentence) if f.kind == "count"] == counts


@pytest.mark.parametrize("sentence", [
    "The report names 12 provinces that completed more than 90% of their enforceable cases and 3 that stayed below 75%.",
    "Le rapport cite 12 provinces qui ont achevé plus de 90 % de leurs affaires et 3 qui restent sous 75 %.",
])
def test_a_bare_number_repeating_the_clause_of_a_count_of_other_things_counts_them_too(sentence):
    assert [f.text for f in extract(sentence) if f.kind == "count"] == []
