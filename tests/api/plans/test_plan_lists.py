import csv
import io
import unicodedata
from datetime import date

import pytest

from api.plans.enums import PlanKind, PlanStatus
from tests.api.plans.builders import make_plan
from tests.factories import unit_by_code
from tests.test_contract import assert_problem

PLANS = "/api/v1/plans"


@pytest.fixture
def plans(db):
    snv = unit_by_code(db, "SNV").id
    hoalu = unit_by_code(db, "P-HOALU").id
    return {
        "snv_2026": make_plan(
            db,
            snv,
            title="Kế hoạch thực hiện Chỉ thị 05 năm 2026",
            document_number="45/KH-SNV",
            issued_on=date(2026, 2, 10),
            signer="Trần Thị Hương",
            status=PlanStatus.issued,
        ),
        "snv_2025": make_plan(db, snv, year=2025, title="Kế hoạch năm 2025"),
        "hoalu_model": make_plan(
            db, hoalu, kind=PlanKind.friendly_model, title="Mô hình Chính quyền thân thiện"
        ),
    }


def ids(response) -> set[int]:
    assert response.status_code == 200, response.text
    return {item["id"] for item in response.json()["items"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"year": 2026}, {"snv_2026", "hoalu_model"}),
        ({"kind": "friendly_model"}, {"hoalu_model"}),
        ({"status": ["issued", "in_progress", "completed"]}, {"snv_2026"}),
        ({"q": "chinh quyen THAN THIEN"}, {"hoalu_model"}),
        ({"q": "tran thi huong"}, {"snv_2026"}),
        ({"q": unicodedata.normalize("NFD", "Thân Thiện")}, {"hoalu_model"}),
        ({"q": "45/kh-snv"}, {"snv_2026"}),
        ({"year": 2026, "kind": "implementation", "status": "issued"}, {"snv_2026"}),
    ],
)
def test_list_filters(client, auth, db, plans, params, expected):
    assert ids(client.get(PLANS, headers=auth("sonv"), params=params)) == {
        plans[name].id for name in expected
    }


def test_unit_filter_and_paging(client, auth, db, plans):
    snv = unit_by_code(db, "SNV").id
    response = client.get(
        PLANS, headers=auth("sonv"), params={"unit_id": snv, "limit": 1, "sort": "year"}
    )
    body = response.json()
    assert body["total"] == 2 and body["limit"] == 1 and body["offset"] == 0
    assert [p["id"] for p in body["items"]] == [plans["snv_2025"].id]


def test_unknown_sort_and_enum_are_refused(client, auth):
    assert_problem(client.get(PLANS, headers=auth("sonv"), params={"sort": "summary"}), 422)
    problem = assert_problem(client.get(PLANS, headers=auth("sonv"), params={"kind": "x"}), 422)
    assert problem["errors"][0]["loc"] == ["query", "kind", 0]


def test_csv_export_has_bom_vietnamese_headers_and_the_whole_filtered_list(client, auth, db, plans):
    response = client.get(
        PLANS, headers=auth("sonv"), params={"format": "csv", "year": 2026, "limit": 1}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Đơn vị", "Năm", "Loại kế hoạch", "Tên kế hoạch", "Số ký hiệu"]
    assert len(rows) == 3  # header + both 2026 plans, not a page of one
    issued = next(r for r in rows if r[4] == "45/KH-SNV")
    assert issued[5] == "10/02/2026" and issued[7] == "Đã ban hành"


def test_csv_export_of_an_officer_holds_only_their_unit(client, auth, plans):
    response = client.get(PLANS, headers=auth("canbo.hoalu"), params={"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r[3] for r in rows[1:]] == ["Mô hình Chính quyền thân thiện"]
