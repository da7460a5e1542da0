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
