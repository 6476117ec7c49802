"""The documents: a unit's report and the provincial summary as Word, the summary as a
workbook — opened again to check the administrative layout, the tables and the numbers."""

from datetime import date
from io import BytesIO

import pytest
from docx import Document
from openpyxl import load_workbook

from api.reports import periods
from api.reports.models import UnitReport
from tests.api.reports.builders import API, act, figures_for, local, make_period, make_report
from tests.api.reports.test_figures import _reception
from tests.factories import unit_by_code
from tests.test_contract import assert_problem

NARRATIVE = {
    "narrative": {
        "citizen_reception": "Chủ tịch UBND phường tiếp công dân định kỳ vào thứ Năm",
        "dissemination": "Quán triệt Chỉ thị 05-CT/TU tới 100% cán bộ",
    },
    "difficulties": "Thiếu cán bộ chuyên trách",
    "proposals": "Đề nghị tỉnh tổ chức tập huấn nghiệp vụ",
}


def _texts(document) -> list[str]:
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return lines


def _table_with(document, header: str):
    return next(t for t in document.tables if t.rows[0].cells[0].text == header)


@pytest.fixture
def period(client, auth, db, monkeypatch):
    """P-HOALU sent on time and accepted, SNV sent late, TTT nothing, in a period now over."""
    period = make_period(db, deadline=date(2026, 6, 20))
    hoalu, snv = make_report(db, period), make_report(db, period, unit="SNV")
    make_report(db, period, unit="TTT")
    for day in (8, 15):
        _reception(db, hoalu.unit_id, local(2026, 1, day, 8, 0))
    _reception(db, snv.unit_id, local(2026, 2, 2, 8, 0), "head_periodic", head=True)
    monkeypatch.setattr(periods, "now", lambda: local(2026, 6, 19, 9, 0))
    client.patch(f"{API}/reports/{hoalu.id}", headers=auth("canbo.hoalu"), json=NARRATIVE)
    act(client, auth("canbo.hoalu"), hoalu.id, action="submit")
    act(client, auth("sonv"), hoalu.id, action="accept")
    monkeypatch.setattr(periods, "now", lambda: local(2026, 6, 22, 9, 0))
    client.patch(
        f"{API}/reports/{snv.id}",
        headers=auth("canbo.snv"),
        json={"proposals": "Bổ sung biên chế cho bộ phận tiếp công dân"},
    )
    act(client, auth("canbo.snv"), snv.id, action="submit")
    monkeypatch.setattr(periods, "now", lambda: local(2026, 7, 1, 9, 0))
    return period


def test_the_provincial_summary_as_word(client, auth, db, period):
    response = client.get(
        f"{API}/report-periods/{period.id}/summary", params={"format": "docx"}, headers=auth("sonv")
    )

    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response.headers["content-disposition"]
    document = Document(BytesIO(response.content))
    header = document.tables[0]
    left, right = (cell.text for cell in header.rows[0].cells)
    assert left.splitlines() == ["UBND TỈNH NINH BÌNH", "SỞ NỘI VỤ", "Số:        /BC-SNV"]
    assert right.splitlines()[:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert right.splitlines()[2].startswith("Ninh Bình, ngày ")
    paragraphs = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in paragraphs
    for section in (
        "I. TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ, ĐỊA PHƯƠNG",
        "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "III. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ",
        "IV. KHÓ KHĂN, VƯỚNG MẮC",
        "V. KIẾN NGHỊ, ĐỀ XUẤT",
    ):
        assert section in paragraphs
    groups = [p for p in paragraphs if p.startswith("III.") and p[4].isdigit()]
    assert [g.split(".")[1] for g in groups] == ["1", "2", "3", "4", "5", "6", "7"]
    late = _table_with(document, "STT")
    assert [c.text for c in late.rows[1].cells] == ["1", "Sở Nội vụ", "22/06/2026 09:00"]
    missing = next(t for t in document.tables if t.rows[0].cells[-1].text == "Tình trạng")
    assert [c.text for c in missing.rows[1].cells][1:] == ["Thanh tra tỉnh", "Chưa thực hiện"]
    targets = _table_with(document, "Mã")
    assert [c.text for c in targets.rows[0].cells] == [
        "Mã",
        "Chỉ tiêu",
        "Mục tiêu",
        "Kết quả",
        "Tử số/Mẫu số",
        "Đánh giá",
    ]
    ct1 = next(r for r in targets.rows if r.cells[0].text == "CT1")
    assert ct1.cells[4].text == "0/2" and ct1.cells[5].text == "Chưa đạt"
    receptions = next(t for t in document.tables if t.rows[0].cells[1].text == "Lượt tiếp")
    rows = {r.cells[0].text: [c.text for c in r.cells[1:3]] for r in receptions.rows[1:]}
    assert rows == {"Sở Nội vụ": ["1", "1"], "Phường Hoa Lư": ["2", "0"]}
    text = "\n".join(paragraphs)
    assert "Phường Hoa Lư: “Chủ tịch UBND phường tiếp công dân định kỳ vào thứ Năm”" in text
    assert "Sở Nội vụ: “Bổ sung biên chế cho bộ phận tiếp công dân”" in text
    assert "Phường Hoa Lư: “Thiếu cán bộ chuyên trách”" in text
    assert "Số đơn vị phải báo cáo: 3; đã gửi: 2, trong đó đúng hạn 1, muộn 1" in text


def test_the_provincial_summary_as_a_workbook(client, auth, db, period):
    response = client.get(
        f"{API}/report-periods/{period.id}/summary",
        params={"format": "xlsx"},
        headers=auth("lanhdao"),
    )

    assert response.status_code == 200, response.text
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == [
        "Chỉ tiêu",
        "Theo đơn vị",
        "Tình hình báo cáo",
        "Khó khăn, kiến nghị",
    ]
    targets = book["Chỉ tiêu"]
    assert targets["A1"].value.startswith("TỔNG HỢP KẾT QUẢ THỰC HIỆN CHỈ THỊ 05-CT/TU")
    assert [c.value for c in targets[3]][:4] == ["Mã", "Chỉ tiêu", "Mục tiêu", "Kết quả"]
    ct1 = next(row for row in targets.iter_rows(min_row=4, values_only=True) if row[0] == "CT1")
    assert ct1[4:7] == (0, 2, "Chưa đạt")
    units = book["Theo đơn vị"]
    header = [c.value for c in units[1]]
    assert header[:3] == ["Mã đơn vị", "Đơn vị", "Tình hình báo cáo"]
    rows = {row[0]: row for row in units.iter_rows(min_row=2, values_only=True)}
    sessions = header.index("Lượt tiếp công dân")
    head = header.index("Thủ trưởng trực tiếp tiếp")
    assert (rows["P-HOALU"][sessions], rows["P-HOALU"][head]) == (2, 0)
    assert (rows["SNV"][sessions], rows["SNV"][head]) == (1, 1)
    assert rows["TTT"][2] == "Chưa thực hiện" and rows["TTT"][sessions] is None
    status = {
        row[0]: row for row in book["Tình hình báo cáo"].iter_rows(min_row=2, values_only=True)
    }
    assert status["SNV"][3:5] == ("22/06/2026 09:00", "Muộn")
    assert status["TTT"][5] == "Có"
    notes = {
        row[0]: row for row in book["Khó khăn, kiến nghị"].iter_rows(min_row=2, values_only=True)
    }
    assert notes["P-HOALU"][1:] == (
        "Ủy ban nhân dân phường Hoa Lư",
        "Thiếu cán bộ chuyên trách",
        "Đề nghị tỉnh tổ chức tập huấn nghiệp vụ",
    )
    assert notes["SNV"][2:] == (None, "Bổ sung biên chế cho bộ phận tiếp công dân")


def test_a_units_own_report_as_word(client, auth, db, period):
    hoalu = (
        db.query(UnitReport)
        .filter_by(period_id=period.id, unit_id=unit_by_code(db, "P-HOALU").id)
        .one()
    )

    response = client.get(f"{API}/reports/{hoalu.id}/document", headers=auth("canbo.hoalu"))

    assert response.status_code == 200, response.text
    document = Document(BytesIO(response.content))
    left, right = (cell.text for cell in document.tables[0].rows[0].cells)
    assert left.splitlines() == ["ỦY BAN NHÂN DÂN PHƯỜNG HOA LƯ", "Số:        /BC"]
    assert right.splitlines() == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Ninh Bình, ngày 19 tháng 06 năm 2026",
    ]
    paragraphs = [p.text for p in document.paragraphs]
    assert "Kết quả thực hiện" in paragraphs[1] and "Báo cáo 6 tháng đầu năm 2026" in paragraphs[1]
    assert "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU" in paragraphs
    assert "Chủ tịch UBND phường tiếp công dân định kỳ vào thứ Năm" in paragraphs
    assert any(p.startswith("- Tiếp công dân: 2 lượt") for p in paragraphs)
    targets = _table_with(document, "Mã")
    assert [r.cells[0].text for r in targets.rows[1:]] == [
        "CT1",
        "CT2",
        "CT3a",
        "CT3b",
        "CT4b",
        "CT5",
        "CT6",
    ]


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_a_unit_officer_cannot_download_the_provincial_summary(client, auth, db, fmt):
    period = make_period(db)
    make_report(db, period)

    response = client.get(
        f"{API}/report-periods/{period.id}/summary",
        params={"format": fmt},
        headers=auth("canbo.hoalu"),
    )

    assert_problem(response, 404)


def test_an_unknown_format_is_422(client, auth, db):
    period = make_period(db)

    assert_problem(
        client.get(
            f"{API}/report-periods/{period.id}/summary",
            params={"format": "pdf"},
            headers=auth("sonv"),
        ),
        422,
    )


@pytest.mark.parametrize("username", ["admin", "sonv", "vanphong", "thanhtra", "lanhdao"])
def test_every_province_reader_downloads_the_summary(client, auth, db, username):
    period = make_period(db)
    make_report(db, period, unit="SNV", status="accepted", figures=figures_for(db, period, "SNV"))

    response = client.get(f"{API}/report-periods/{period.id}/summary", headers=auth(username))

    assert response.status_code == 200, response.text
    document = Document(BytesIO(response.content))
    assert document.tables[0].rows[0].cells[0].text.splitlines()[1] == "SỞ NỘI VỤ"
    assert "Tổng hợp từ 1 báo cáo đã gửi Sở Nội vụ." in [p.text for p in document.paragraphs]


def test_a_departments_report_is_headed_by_the_province(client, auth, db):
    report = make_report(db, unit="SNV")

    response = client.get(
        f"{API}/reports/{report.id}/document", params={"format": "docx"}, headers=auth("lanhdao")
    )

    assert response.status_code == 200, response.text
    document = Document(BytesIO(response.content))
    left, right = (cell.text for cell in document.tables[0].rows[0].cells)
    assert left.splitlines() == ["UBND TỈNH NINH BÌNH", "SỞ NỘI VỤ", "Số:        /BC"]
    assert right.splitlines()[2] == "Ninh Bình, ngày …… tháng …… năm ……"  # not sent yet
    assert "(Đơn vị chưa báo cáo nội dung này.)" in [p.text for p in document.paragraphs]
