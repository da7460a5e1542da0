import pytest

from recount.extractors.directives import find_directives, normalize_id


@pytest.mark.parametrize(
    "text,dtype,did,date",
    [
        ("under Decree No. 18/2002/ND-CP on", "decree", "18/2002/ND-CP", None),
        ("Theo Nghị định số 62/2015/NĐ-CP ngày 18/7/2015 của Chính phủ", "decree", "62/2015/ND-CP", "2015-07-18"),
        ("Resolution No. 66-NQ/TW dated April 30, 2025 of the Politburo", "resolution", "66-NQ/TW", "2025-04-30"),
        ("according to Directive 04 CT/TW of the Secretariat", "directive", "04-CT/TW", None),
        ("according to Directive 05, implement", "directive", "05", None),
        ("Resolution 4 of the Central Committee (term XII)", "resolution", "4", None),
        ("le Dépêche Officiel n° 2759/CTHADS-KTr du 12 novembre 2024 sur", "dispatch", "2759/CTHADS-KTr", "2024-11-12"),
        ("Công văn số 2586/CRHADS-NV ngày 24/10/2024", "dispatch", "2586/CRHADS-NV", "2024-10-24"),
        ("Thông tư 05/2024/TT-BTP quy định chế độ báo cáo", "circular", "05/2024/TT-BTP", None),
        ("Chỉ thị số 04/CT-TTg của Thủ tướng", "directive", "04/CT-TTg", None),
        ("Kết luận số 19-KL/TW của Bộ Chính trị", "conclusion", "19-KL/TW", None),
        ("Luật số 64/2014/QH13", "law", "64/2014/QH13", None),
        ("Quyết định số 123/QĐ-TCTHADS", "decision", "123/QD-TCTHADS", None),
        ("Kế hoạch số 45/KH-CTHADS", "plan", "45/KH-CTHADS", None),
        ("Báo cáo số 310/BC-BTP", "report", "310/BC-BTP", None),
        # coordination rules: the type phrase holds two words before "số"
        ("Theo Quy chế phối hợp số 12/QCPH-BCĐ, các việc", "regulation", "12/QCPH-BCD", None),
        ("le règlement de coordination n° 01/2021/QCPH entre", "regulation", "01/2021/QCPH", None),
        ("under Coordination Regulation No. 05/QCPH-UBND", "regulation", "05/QCPH-UBND", None),
    ],
)
def test_find_directives_type_id_date(text, dtype, did, date):
    found = find_directives(text)
    assert len(found) == 1, found
    d = found[0]
    assert (d.type, d.id, d.date) == (dtype, did, date)
    assert text[d.start:d.end].endswith(text[d.start:d.end].split()[-1])


@pytest.mark.parametrize(
    "text",
    [
        "the 2008 Law on THADS and the Land Law",
        "promulgated 01 Law, 01 Directive, 02 Decrees",
        "the Resolution of the Party Committee",
        "thi hành xong 1.200 quyết định",
    ],
)
def test_find_directives_ignores_unnumbered_and_counts(text):
    assert find_directives(text) == []


def test_directive_year_and_issuer():
    (d,) = find_directives("Nghị định 62/2015/NĐ-CP")
    assert d.year == 2015 and d.issuer == "CP"


def test_normalize_id_keeps_typos_and_folds_diacritics():
    assert normalize_id("62/2015/NĐ-CP") == "62/2015/ND-CP"
    assert normalize_id("04 CT/TW") == "04-CT/TW"
    assert normalize_id("2586/CRHADS-NV") == "2586/CRHADS-NV"


@pytest.mark.parametrize(
    "text,kept",
    [
        # the title names the report itself; the body's citation of another report stays
        ("UBND TỈNH THANH HÓA - BAN CHỈ ĐẠO THI HÀNH ÁN DÂN SỰ\n"
         "Báo cáo số 186/BC-BCĐ về kết quả công tác thi hành án dân sự năm 2022\n\n"
         "Thực hiện Báo cáo số 12/BC-CTHADS, năm 2022 thụ lý 12.000 việc.\n",
         ["12/BC-CTHADS"]),
        ("THANH HOA STEERING COMMITTEE FOR CIVIL JUDGMENT ENFORCEMENT\n"
         "Report No. 186/BC-BCD on civil judgment enforcement in 2022\n\n"
         "Under Report No. 12/BC-CTHADS, 12,000 cases were received in 2022.\n",
         ["12/BC-CTHADS"]),
        ("COMITÉ DE PILOTAGE DE THANH HÓA\n"
         "Rapport n° 186/BC-BCĐ sur l'exécution des jugements civils en 2022\n\n"
         "Selon le rapport n° 12/BC-CTHADS, 12 000 affaires ont été reçues en 2022.\n",
         ["12/BC-CTHADS"]),
        # a sentence that opens the text with a report is a citation, not a title
        ("Báo cáo số 12/BC-CP cho biết năm 2023 thi hành xong 4.200 việc.\n", ["12/BC-CP"]),
        # a title naming a decree is about that decree: only a report's own number is dropped
        ("Nghị định số 62/2015/NĐ-CP về thi hành án dân sự\n\nNăm 2023 thụ lý 9 việc.\n",
         ["62/2015/ND-CP"]),
        # past the heading, a line opening with a report is a citation
        ("CỤC THI HÀNH ÁN DÂN SỰ\nTỈNH THANH HÓA\nBÁO CÁO\n"
         "Báo cáo số 7/BC-CTHADS về kết quả quý I\n", ["7/BC-CTHADS"]),
    ],
)
def test_the_reports_own_number_in_its_title_is_no_reference(text, kept):
    from recount.pipeline.extract import extract

    figures = extract(text, name="own")
    assert [f.id for f in figures if f.kind == "directive"] == kept
    # its digits are no count either
    assert all(f.text != "186" for f in figures)
