import pytest

from recount.pipeline.extract import extract


@pytest.mark.parametrize(
    "text,period",
    [
        ("Trong 6 tháng đầu năm 2023, thi hành xong 289 việc.", "2023/6m"),
        ("10 tháng năm 2021, thi hành xong 289 việc.", "2021/10m"),
        ("Năm 2024, thi hành xong 289 việc.", "2024"),
        ("In the first six months of 2023, 289 cases were completed.", "2023/6m"),
        ("In 2022, 289 cases were completed, up 14 cases compared to 2021.", "2022"),
        ("Au cours des neuf premiers mois de 2024, 289 dossiers ont été traités.", "2024/9m"),
    ],
)
def test_period_is_attached(text, period):
    figs = [f for f in extract(text) if f.kind == "count"]
    assert figs and all(f.period == period for f in figs)


@pytest.mark.parametrize(
    "text,place",
    [
        ("Cục Thi hành án dân sự tỉnh Lâm Đồng thi hành xong 289 việc.", "province:Lâm Đồng"),
        ("Hanoi's enforcement agencies completed 289 cases.", "province:Hà Nội"),
        ("Toàn quốc thi hành xong 289 việc.", "national"),
        ("Nationwide, 289 cases were completed.", "national"),
        ("The Nhu Xuan District sub-department completed 289 cases.", "district:Nhu Xuan"),
        ("Chi cục huyện Như Xuân thi hành xong 289 việc.", "district:Như Xuân"),
        ("À Hô Chi Minh-Ville, 289 dossiers ont été traités.", "province:Hồ Chí Minh"),
    ],
)
def test_jurisdiction_is_attached(text, place):
    figs = [f for f in extract(text) if f.kind == "count"]
    assert figs and figs[0].jurisdiction == place


def test_language_is_per_paragraph():
    text = ("The province completed 289 cases in 2024.\n"
            "Cán bộ Cục Thi hành án trao đổi hồ sơ, thi hành xong 1.059 việc.\n"
            "Le taux atteint 85,49 % en 2024.")
    figs = [f for f in extract(text) if f.kind != "directive"]
    assert [f.lang for f in figs] == ["en", "vi", "fr"]
    assert figs[1].value == 1059  # the Vietnamese dot groups thousands


@pytest.mark.parametrize(
    "text,place",
    [
        ("UBND TỈNH THANH HÓA\nNăm 2022, các cơ quan thi hành án của tỉnh thi hành xong 16.420 việc.", "province:Thanh Hóa"),
        ("HANOI - The Ministry of Justice said 620,657 cases were completed nationwide.", "national"),
        ("Civil judgment enforcement in 2023\n\nThe Ministry of Justice said 585,521 cases were completed.", "national"),
        ("Hanoï dépasse ses objectifs\n\nLa capitale a achevé 30 102 affaires.", "province:Hà Nội"),
    ],
)
def test_document_jurisdiction_from_headers_and_national_cues(text, place):
    figs = [f for f in extract(text) if f.kind == "count"]
    assert figs and figs[-1].jurisdiction == place


@pytest.mark.parametrize(
    "text,place",
    [
        ("Chi cục huyện Bảo Lộc đạt tỷ lệ cao, thi hành xong 1.170 việc.", "district:Bảo Lộc"),
        ("Cục Thi hành án TP Hà Nội đã thi hành xong 28.036 việc.", "province:Hà Nội"),
    ],
)
def test_district_names_end_at_the_first_lower_case_word(text, place):
    figs = [f for f in extract(text) if f.kind == "count"]
    assert figs[0].jurisdiction == place
