import csv
import io
from datetime import date

import pytest
from sqlalchemy import select

from api.activities.enums import ActivityKind
from api.activities.models import Official, TrainingAttendance
from api.audit.models import AuditEvent
from tests.api.plans.builders import make_activity, make_official
from tests.factories import unit_by_code
from tests.test_contract import assert_problem

OFFICIALS = "/api/v1/officials"


def test_officer_adds_an_official_of_their_unit(client, auth, db):
    body = {
        "full_name": "Nguyễn Thị Lan",
        "position": "Chuyên viên Văn phòng",
        "phone": "0912 345 678",
        "email": "lan@ninhbinh.gov.vn",
        "since": "2025-07-01",
    }
    response = client.post(OFFICIALS, headers=auth("canbo.hoalu"), json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["unit_id"] == unit_by_code(db, "P-HOALU").id and created["is_active"] is True
    stored = db.get(Official, created["id"])
    assert stored.full_name == "Nguyễn Thị Lan" and stored.since == date(2025, 7, 1)
    event = db.scalar(select(AuditEvent).where(AuditEvent.entity == "officials"))
    assert event.action == "create" and event.after["phone"] == "0912 345 678"


@pytest.mark.parametrize(
    ("fields", "loc"),
    [
        ({"since": "2026-05-01", "until": "2026-04-30"}, ["body", "until"]),
        ({"email": "not-an-email"}, ["body", "email"]),
        ({"phone": "call me"}, ["body", "phone"]),
        ({"full_name": ""}, ["body", "full_name"]),
        ({"full_name": "x" * 256}, ["body", "full_name"]),
        ({"unit_id": 999_999}, ["body", "unit_id"]),
        ({"is_active": "maybe"}, ["body", "is_active"]),
    ],
)
def test_bad_official_is_422_and_writes_nothing(client, auth, db, fields, loc):
    body = {"unit_id": unit_by_code(db, "SNV").id, "full_name": "Lê Văn Bình"} | fields
    problem = assert_problem(client.post(OFFICIALS, headers=auth("sonv"), json=body), 422)
    assert loc in [e["loc"] for e in problem["errors"]]
    db.expire_all()
    assert db.query(Official).count() == 0


def test_list_filters_and_diacritic_insensitive_search(client, auth, db):
    snv = unit_by_code(db, "SNV").id
    active = make_official(db, snv, full_name="Đỗ Thị Thu Hà")
    make_official(db, snv, full_name="Đỗ Văn Hải", is_active=False)
    make_official(db, unit_by_code(db, "P-HOALU").id, full_name="Đỗ Hữu Tài")

    response = client.get(
        OFFICIALS, headers=auth("sonv"), params={"q": "do thi thu ha", "is_active": True}
    )
    assert [o["id"] for o in response.json()["items"]] == [active.id]
    by_unit = client.get(OFFICIALS, headers=auth("sonv"), params={"unit_id": snv}).json()
    assert by_unit["total"] == 2
    own = client.get(OFFICIALS, headers=auth("canbo.hoalu"), params={"q": "do"}).json()
    assert [o["full_name"] for o in own["items"]] == ["Đỗ Hữu Tài"]


def test_officials_still_to_train_in_a_year(client, auth, db):
    snv = unit_by_code(db, "SNV").id
    trained = make_official(db, snv, full_name="Đã tập huấn")
    trained_last_year = make_official(db, snv, full_name="Tập huấn năm trước")
    never = make_official(db, snv, full_name="Chưa tập huấn")
    for official, held_on in ((trained, date(2026, 4, 10)), (trained_last_year, date(2025, 9, 1))):
        training = make_activity(db, snv, kind=ActivityKind.training, held_on=held_on)
        db.add(TrainingAttendance(activity_id=training.id, official_id=official.id))
    review = make_activity(db, snv, kind=ActivityKind.review, held_on=date(2026, 5, 5))
    db.add(TrainingAttendance(activity_id=review.id, official_id=never.id))  # not a training
    db.commit()

    def names(params: dict) -> list[str]:
        response = client.get(OFFICIALS, headers=auth("canbo.snv"), params=params)
        assert response.status_code == 200, response.text
        return [o["full_name"] for o in response.json()["items"]]

    assert names({"trained_in": 2026}) == ["Đã tập huấn"]
    assert names({"not_trained_in": 2026}) == ["Chưa tập huấn", "Tập huấn năm trước"]


def test_csv_export(client, auth, db):
    make_official(db, unit_by_code(db, "SNV").id, full_name="Vũ Thị Mai", position="Trưởng phòng")
    response = client.get(OFFICIALS, headers=auth("vanphong"), params={"format": "csv"})
    assert response.status_code == 200 and response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Đơn vị", "Họ và tên", "Chức vụ"]
    assert rows[1][1:3] == ["Vũ Thị Mai", "Trưởng phòng"] and rows[1][5] == "Có"


def test_detail_lists_the_trainings_of_the_year(client, auth, db):
    snv = unit_by_code(db, "SNV").id
    official = make_official(db, snv)
    for held_on in (date(2025, 11, 5), date(2026, 4, 10)):
        training = make_activity(db, snv, kind=ActivityKind.training, held_on=held_on)
        db.add(TrainingAttendance(activity_id=training.id, official_id=official.id))
    db.commit()

    response = client.get(
        f"{OFFICIALS}/{official.id}", headers=auth("canbo.snv"), params={"year": 2026}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["year"] == 2026 and response.headers["etag"] == '"1"'
    assert [t["held_on"] for t in body["trainings"]] == ["2026-04-10"]


def test_an_official_with_training_records_is_deactivated_not_deleted(client, auth, db):
    snv = unit_by_code(db, "SNV").id
    official = make_official(db, snv)
    training = make_activity(db, snv, kind=ActivityKind.training)
    db.add(TrainingAttendance(activity_id=training.id, official_id=official.id))
    db.commit()

    assert_problem(client.delete(f"{OFFICIALS}/{official.id}", headers=auth("sonv")), 409)
    db.expire_all()
    assert db.get(Official, official.id) is not None
    response = client.patch(
        f"{OFFICIALS}/{official.id}",
        headers=auth("sonv") | {"If-Match": '"1"'},
        json={"is_active": False, "until": "2026-09-30"},
    )
    assert response.status_code == 200 and response.json()["is_active"] is False
    db.expire_all()
    assert db.get(Official, official.id).until == date(2026, 9, 30)


def test_update_keeps_the_term_in_order(client, auth, db):
    official = make_official(db, unit_by_code(db, "SNV").id, since=date(2026, 3, 1))
    response = client.patch(
        f"{OFFICIALS}/{official.id}", headers=auth("canbo.snv"), json={"until": "2026-02-01"}
    )
    assert assert_problem(response, 422)["errors"][0]["loc"] == ["body", "until"]
    db.expire_all()
    assert db.get(Official, official.id).until is None
