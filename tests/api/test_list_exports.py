"""CSV exports of the administrative lists (units, users, audit log): the screen's filters,
search and sort, every row rather than a page, Vietnamese headers and labels."""

import csv
import io

from sqlalchemy import func, select

from api.audit.models import AuditEvent
from api.auth.enums import Role
from tests.factories import make_unit, make_user, unit_by_code
from tests.test_contract import assert_problem


def _rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_units_export_follows_the_search_and_names_the_parent(client, auth, db):
    parent = unit_by_code(db, "SNV")
    make_unit(db, code="T-CHILD", name="Phòng Thử Nghiệm", parent_id=parent.id)
    db.commit()
    params = {"format": "csv", "q": "phong thu nghiem", "limit": 1}
    rows = _rows(client.get("/api/v1/units", headers=auth("sonv"), params=params))
    assert rows[0][:5] == [
        "Mã đơn vị",
        "Mã định danh điện tử",
        "Tên đơn vị",
        "Tên viết tắt",
        "Loại đơn vị",
    ]
    assert [(r[0], r[2], r[4], r[5], r[6]) for r in rows[1:]] == [
        ("T-CHILD", "Phòng Thử Nghiệm", "Xã", "SNV", "Có")
    ]


def test_units_export_is_the_whole_list_not_a_page(client, auth):
    params = {"format": "csv", "kind": ["commune", "ward"], "limit": 5}
    rows = _rows(client.get("/api/v1/units", headers=auth("sonv"), params=params))
    assert len(rows) == 1 + 129


def test_users_export_shows_role_labels_and_units_to_an_administrator(client, auth, db):
    make_user(
        db,
        username="nguyen.thu",
        full_name="Nguyễn Thị Thu",
        unit_id=unit_by_code(db, "P-HOALU").id,
    )
    db.commit()
    params = {"format": "csv", "role": "unit_officer", "q": "nguyen thi thu"}
    rows = _rows(client.get("/api/v1/users", headers=auth("admin"), params=params))
    assert rows[0] == [
        "Tên đăng nhập",
        "Họ và tên",
        "Thư điện tử",
        "Vai trò",
        "Đơn vị",
        "Đang hoạt động",
    ]
    [row] = rows[1:]
    assert row[0:2] == ["nguyen.thu", "Nguyễn Thị Thu"]
    assert row[3] == Role.unit_officer.label and row[4] == unit_by_code(db, "P-HOALU").name


def test_a_role_without_the_list_gets_no_export_either(client, auth):
    assert_problem(client.get("/api/v1/users?format=csv", headers=auth("canbo.hoalu")), 403)
    assert_problem(client.get("/api/v1/audit-events?format=csv", headers=auth("canbo.hoalu")), 403)


def test_audit_export_holds_the_filtered_events_newest_first(client, auth, db):
    for code in ("T-AUD1", "T-AUD2"):
        body = {"code": code, "name": f"Đơn vị {code}", "short_name": code, "kind": "commune"}
        assert client.post("/api/v1/units", headers=auth("admin"), json=body).status_code == 201
    params = {"format": "csv", "entity": "units", "action": "create"}
    rows = _rows(client.get("/api/v1/audit-events", headers=auth("admin"), params=params))
    assert rows[0][:4] == ["Thời điểm", "Người thực hiện", "Thao tác", "Loại bản ghi"]
    stored = db.scalar(
        select(func.count()).where(AuditEvent.entity == "units", AuditEvent.action == "create")
    )
    assert len(rows) - 1 == stored >= 2
    codes = [unit_by_code(db, c).id for c in ("T-AUD2", "T-AUD1")]
    assert [int(r[4]) for r in rows[1:3]] == codes  # newest first, as the screen sorts
    assert {r[1] for r in rows[1:3]} == {"admin"}


def test_a_bad_format_is_422(client, auth):
    assert_problem(client.get("/api/v1/units?format=xml", headers=auth("sonv")), 422)
