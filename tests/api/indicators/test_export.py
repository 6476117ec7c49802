"""The indicators workbook, opened again with openpyxl."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests.api.indicators.province import DONG_NFC, Province, build_province
from tests.test_contract import assert_problem

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def province(db, client, auth) -> Province:
    return build_province(db, client, auth("admin"))


def test_the_workbook_has_a_summary_and_a_sheet_per_target(client, auth, province):
    response = client.get("/api/v1/indicators/export?year=2026&format=xlsx", headers=auth("sonv"))
    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX
    assert 'filename="chi-tieu-chi-thi-05-2026.xlsx"' in response.headers["content-disposition"]
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == [
        "Chỉ tiêu",
        "CT1",
        "CT2",
        "CT3a",
        "CT3b",
        "CT4a",
        "CT4b",
        "CT5",
        "CT6",
    ]

    summary = list(book["Chỉ tiêu"].iter_rows(values_only=True))
    assert summary[0][0] == "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KẾ HOẠCH CHỈ THỊ 05-CT/TU NĂM 2026"
    assert summary[2] == (
        "Mã",
        "Chỉ tiêu",
        "Mục tiêu",
        "Kết quả",
        "Tử số",
        "Mẫu số",
        "Đánh giá",
        "Số đơn vị chưa đạt",
    )
    rows = {row[0]: row for row in summary[3:]}
    assert list(rows) == ["CT1", "CT2", "CT3a", "CT3b", "CT4a", "CT4b", "CT5", "CT6"]
    assert rows["CT1"][2:] == (1, 0.75, 3, 4, "Chưa đạt", 1)
    assert rows["CT3a"][2] == 0.9 and rows["CT3a"][3] == pytest.approx(28 / 36)
    assert rows["CT4a"][6] == "Đạt"

    ct5 = list(book["CT5"].iter_rows(values_only=True))
    assert ct5[1] == (
        "STT",
        "Mã đơn vị",
        "Tên đơn vị",
        "Loại đơn vị",
        "Tử số",
        "Mẫu số",
        "Kết quả",
        "Đánh giá",
        "Lý do chưa đạt",
    )
    units = {row[1]: row for row in ct5[2:]}
    assert set(units) == {"T-SO", "T-DONG", "T-MOI", "T-TRONG"}  # every counted unit, met or not
    assert units["T-SO"][4:] == (1, 2, 0.5, "Chưa đạt", "1/2 cán bộ chưa được tập huấn")
    assert units["T-DONG"][2:] == (DONG_NFC, "Xã", 1, 1, 1, "Đạt", None)
    assert units["T-TRONG"][6] is None

    ct4a = list(book["CT4a"].iter_rows(values_only=True))
    assert [row[1] for row in ct4a[2:]] == ["T-SO"]  # departments only


def test_only_provincial_roles_export(client, auth, province):
    assert_problem(client.get("/api/v1/indicators/export?year=2026"), 401)
    assert_problem(
        client.get("/api/v1/indicators/export?year=2026&format=docx", headers=auth("sonv")), 422
    )
    assert_problem(
        client.get("/api/v1/indicators/export?year=2026", headers=auth("canbo.hoalu")), 404
    )


def test_text_a_worksheet_cannot_hold_is_left_out(client, auth, db, province):
    """A unit's name typed through the API or imported may hold control characters, which
    XML 1.0, and so a workbook, cannot; the name in the database stays as it was."""
    province.dong.name = "Xã\x03 Đông\x19 Thử"
    db.commit()
    response = client.get("/api/v1/indicators/export?year=2026&format=xlsx", headers=auth("sonv"))
    assert response.status_code == 200
    ct5 = list(load_workbook(BytesIO(response.content))["CT5"].iter_rows(values_only=True))
    assert {row[1]: row[2] for row in ct5[2:]}["T-DONG"] == "Xã Đông Thử"
    db.refresh(province.dong)
    assert province.dong.name == "Xã\x03 Đông\x19 Thử"
