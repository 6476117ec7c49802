"""Citizen receptions: create, the petition a reception produces, input checks, masking, CSV."""

import csv
import io
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from api.audit.models import AuditEvent
from api.config import PROVINCE_TZ
from api.reception.enums import PetitionSource, ReceptionResult
from api.reception.models import Petition, Reception
from tests.api.reception.helpers import ID_NUMBER, MASKED, count_rows, make_reception
from tests.factories import unit_by_code
from tests.test_contract import assert_problem

RECEPTION = {
    "received_at": "2026-03-02T08:30:00+07:00",
    "session_type": "head_periodic",
    "receiver_name": "Chủ tịch UBND phường",
    "head_in_person": True,
    "citizen_name": "Đỗ Văn Em",
    "citizen_id_number": ID_NUMBER,
    "citizen_address": "Tổ 5, phường Hoa Lư",
    "group_size": 6,
    "content": "Đề nghị xem xét lại giá đất bồi thường",
    "field": "land_recovery",
    "case_type": "complaint",
    "result": "answered",
}


def test_create_a_reception(client, auth, db):
    response = client.post("/api/v1/receptions", headers=auth("canbo.hoalu"), json=RECEPTION)
    assert response.status_code == 201, response.text
    body = response.json()
    hoalu = unit_by_code(db, "P-HOALU")
    assert body["unit_id"] == hoalu.id
    assert (body["is_crowd"], body["head_in_person"], body["petition_id"]) == (True, True, None)
    # Reply to the citizen within 10 working days of Mon 02/03/2026.
    assert body["reply_due_on"] == "2026-03-16"
    assert body["citizen_id_number"] == ID_NUMBER
    stored = db.get(Reception, body["id"])
    assert stored.received_at == datetime(2026, 3, 2, 8, 30, tzinfo=PROVINCE_TZ)
    assert (stored.group_size, stored.result) == (6, ReceptionResult.answered)
    event = db.scalar(
        select(AuditEvent).where(
            AuditEvent.entity == "receptions", AuditEvent.entity_id == str(body["id"])
        )
    )
    assert event.after["citizen_id_number"] == MASKED


def test_create_petition_with_the_reception_in_one_go(client, auth, db):
    payload = RECEPTION | {"result": None, "create_petition": True}
    response = client.post("/api/v1/receptions", headers=auth("canbo.hoalu"), json=payload)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["result"] == "petition_received"
    petition = db.get(Petition, body["petition_id"])
    assert petition is not None
    assert (petition.source, petition.unit_id, petition.case_type) == (
        PetitionSource.reception,
        body["unit_id"],
        "complaint",
    )
    assert petition.received_on.isoformat() == "2026-03-02"
    assert (petition.petitioner_name, petition.petitioner_id_number) == ("Đỗ Văn Em", ID_NUMBER)
    assert petition.summary == RECEPTION["content"]
    assert db.get(Reception, body["id"]).petition_id == petition.id
    audited = db.execute(
        select(AuditEvent.entity, AuditEvent.action).where(
            AuditEvent.entity.in_(["receptions", "petitions"])
        )
    ).all()
    assert sorted(audited) == [
        ("petitions", "create"),
        ("receptions", "create"),
        ("receptions", "update"),
    ]


def test_file_the_petition_of_an_existing_reception_once(client, auth, db):
    reception = make_reception(db)
    url = f"/api/v1/receptions/{reception.id}/petition"
    response = client.post(url, headers=auth("canbo.hoalu"))
    assert response.status_code == 201, response.text
    petition_id = response.json()["petition_id"]
    assert db.get(Petition, petition_id).source is PetitionSource.reception
    assert_problem(client.post(url, headers=auth("canbo.hoalu")), 409)
    assert count_rows(db, Petition) == 1


def _in_an_hour() -> str:
    return (datetime.now(PROVINCE_TZ) + timedelta(hours=1)).isoformat()


@pytest.mark.parametrize(
    ("change", "loc"),
    [
        pytest.param({"received_at": "2099-01-01T08:00:00+07:00"}, "received_at", id="future"),
        pytest.param({"received_at": "2026-03-02T08:30:00"}, "received_at", id="no-timezone"),
        pytest.param({"citizen_id_number": "12345"}, "citizen_id_number", id="bad-cccd"),
        pytest.param({"unit_id": 999999}, "unit_id", id="unknown-unit"),
        pytest.param({"session_type": "weekly"}, "session_type", id="wrong-session-type"),
        pytest.param({"field": "weather"}, "field", id="wrong-field"),
        pytest.param({"group_size": 0}, "group_size", id="empty-group"),
        pytest.param({"result": None}, None, id="no-result"),
        pytest.param({"create_petition": True}, None, id="petition-but-answered"),
    ],
)
def test_bad_input_is_422_and_writes_nothing(client, auth, db, change, loc):
    audit_before = count_rows(db, AuditEvent)
    response = client.post("/api/v1/receptions", headers=auth("admin"), json=RECEPTION | change)
    problem = assert_problem(response, 422)
    if loc:
        assert any(e["loc"][-1] == loc for e in problem["errors"]), problem
    assert count_rows(db, Reception) == 0
    assert count_rows(db, Petition) == 0
    assert count_rows(db, AuditEvent) == audit_before


def test_a_reception_in_the_next_hour_is_in_the_future(client, auth, db):
    payload = RECEPTION | {"received_at": _in_an_hour()}
    assert_problem(client.post("/api/v1/receptions", headers=auth("admin"), json=payload), 422)
    assert count_rows(db, Reception) == 0


@pytest.mark.parametrize(
    ("username", "sees"),
    [
        ("admin", True),
        ("sonv", False),
        ("thanhtra", True),
        ("lanhdao", False),
        ("canbo.hoalu", True),
    ],
)
def test_the_citizen_id_number_is_masked_per_role(client, auth, db, username, sees):
    reception = make_reception(db)
    expected = ID_NUMBER if sees else MASKED
    headers = auth(username)
    detail = client.get(f"/api/v1/receptions/{reception.id}", headers=headers).json()
    listed = client.get("/api/v1/receptions", headers=headers).json()["items"]
    exported = client.get("/api/v1/receptions?format=csv", headers=headers).content
    rows = list(csv.DictReader(io.StringIO(exported.decode("utf-8-sig"))))
    assert detail["citizen_id_number"] == expected
    assert [r["citizen_id_number"] for r in listed] == [expected]
    assert [r["Số CCCD"] for r in rows] == [expected]


def test_csv_export_of_receptions(client, auth, db):
    make_reception(db, group_size=7)
    response = client.get("/api/v1/receptions?format=csv", headers=auth("admin"))
    assert "tiep-cong-dan.csv" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, row = rows
    assert header[:4] == ["Mã", "Đơn vị (id)", "Thời điểm tiếp", "Hình thức tiếp"]
    cells = dict(zip(header, row, strict=True))
    assert cells["Thời điểm tiếp"] == "02/03/2026 08:30"
    assert cells["Hình thức tiếp"] == "Tiếp công dân thường xuyên"
    assert (cells["Số người"], cells["Đoàn đông người"]) == ("7", "Có")
    assert cells["Hạn trả lời"] == "16/03/2026"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("is_crowd=true", ["crowd"]),
        ("session_type=head_unscheduled", ["head"]),
        ("head_in_person=true", ["head"]),
        ("year=2025", ["head"]),
        ("from=2026-03-02&to=2026-03-02", ["crowd"]),
        ("q=le van cuong", ["crowd", "head"]),
    ],
)
def test_reception_filters(client, auth, db, query, expected):
    made = {
        "crowd": make_reception(db, group_size=5),
        "head": make_reception(
            db,
            received_at=datetime(2025, 12, 31, 23, 30, tzinfo=PROVINCE_TZ),
            session_type="head_unscheduled",
            head_in_person=True,
        ),
    }
    names = {r.id: name for name, r in made.items()}
    body = client.get(f"/api/v1/receptions?{query}", headers=auth("admin")).json()
    assert [names[i["id"]] for i in body["items"]] == expected


def test_patch_and_delete_a_reception(client, auth, db):
    reception = make_reception(db)
    url = f"/api/v1/receptions/{reception.id}"
    assert_problem(
        client.patch(url, headers=auth("admin") | {"If-Match": '"9"'}, json={"group_size": 9}), 412
    )
    assert_problem(client.patch(url, headers=auth("admin"), json={"petition_id": 1}), 422)
    assert_problem(client.patch(url, headers=auth("admin"), json={"content": None}), 422)
    ok = client.patch(url, headers=auth("admin") | {"If-Match": '"1"'}, json={"group_size": 9})
    assert (ok.status_code, ok.json()["is_crowd"], ok.headers["etag"]) == (200, True, '"2"')
    assert db.get(Reception, reception.id).group_size == 9
    assert client.delete(url, headers=auth("admin")).status_code == 204
    assert db.get(Reception, reception.id) is None
