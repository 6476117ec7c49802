import csv
import io
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from api.activities.enums import ActivityKind, ModelRating
from api.activities.models import Activity
from api.audit.models import AuditEvent
from api.common.dates import province_today
from tests.api.plans.builders import make_activity, make_plan
from tests.factories import unit_by_code
from tests.test_contract import assert_problem

ACTIVITIES = "/api/v1/activities"
TOMORROW = (province_today() + timedelta(days=1)).isoformat()


def assessment(**fields: object) -> dict:
    body = {
        "kind": "model_assessment",
        "held_on": "2026-10-15",
        "title": "Tự đánh giá mô hình Chính quyền thân thiện vì Nhân dân phục vụ",
        "participants": 12,
        "rating": "good",
        "task_group": "skilled_mobilisation",
    }
    return body | fields


def test_officer_records_a_model_assessment_linked_to_their_plan(client, auth, db):
    hoalu = unit_by_code(db, "P-HOALU").id
    plan = make_plan(db, hoalu, kind="friendly_model")
    response = client.post(
        ACTIVITIES, headers=auth("canbo.hoalu"), json=assessment(plan_id=plan.id)
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["unit_id"] == hoalu and body["rating"] == "good" and body["plan_id"] == plan.id
    assert response.headers["etag"] == '"1"'
    stored = db.get(Activity, body["id"])
    assert stored.kind is ActivityKind.model_assessment and stored.rating is ModelRating.good
    event = db.scalar(select(AuditEvent).where(AuditEvent.entity == "activities"))
    assert event.action == "create" and event.unit_id == hoalu


@pytest.mark.parametrize(
    ("fields", "loc"),
    [
        ({"rating": None}, ["body", "rating"]),
        ({"kind": "review"}, ["body", "rating"]),  # a rating refused for other kinds
        ({"rating": "average"}, ["body", "rating"]),
        ({"held_on": TOMORROW}, ["body", "held_on"]),
        ({"participants": -1}, ["body", "participants"]),
        ({"kind": "meeting"}, ["body", "kind"]),
        ({"title": "x" * 501}, ["body", "title"]),
        ({"outcome": "x" * 10_001}, ["body", "outcome"]),
        ({"task_group": "III.8"}, ["body", "task_group"]),
        ({"unit_id": 999_999}, ["body", "unit_id"]),
        ({"plan_id": 999_999}, ["body", "plan_id"]),
    ],
)
def test_bad_activity_is_422_and_writes_nothing(client, auth, db, fields, loc):
    before = db.query(Activity).count()
    body = assessment(unit_id=unit_by_code(db, "P-HOALU").id) | fields
    problem = assert_problem(client.post(ACTIVITIES, headers=auth("admin"), json=body), 422)
    assert loc in [e["loc"] for e in problem["errors"]]
    db.expire_all()
    assert db.query(Activity).count() == before


def test_plan_of_another_unit_is_refused(client, auth, db):
    other_plan = make_plan(db, unit_by_code(db, "SNV").id)
    body = assessment(unit_id=unit_by_code(db, "P-HOALU").id, plan_id=other_plan.id)
    problem = assert_problem(client.post(ACTIVITIES, headers=auth("sonv"), json=body), 422)
    assert problem["errors"][0]["loc"] == ["body", "plan_id"]
    assert db.query(Activity).count() == 0


@pytest.mark.parametrize("plan_owner", ["P-HOALU", None])
def test_relinking_to_a_foreign_or_unknown_plan_is_422(client, auth, db, plan_owner):
    activity = make_activity(db, unit_by_code(db, "SNV").id)
    plan_id = make_plan(db, unit_by_code(db, plan_owner).id).id if plan_owner else 999_999
    response = client.patch(
        f"{ACTIVITIES}/{activity.id}", headers=auth("sonv"), json={"plan_id": plan_id}
    )
    assert assert_problem(response, 422)["errors"][0]["loc"] == ["body", "plan_id"]
    db.expire_all()
    assert db.get(Activity, activity.id).plan_id is None


def test_changing_kind_keeps_the_rating_rule(client, auth, db):
    activity = make_activity(
        db, unit_by_code(db, "SNV").id, kind=ActivityKind.model_assessment, rating="achieved"
    )
    url = f"{ACTIVITIES}/{activity.id}"
    problem = assert_problem(
        client.patch(url, headers=auth("canbo.snv"), json={"kind": "review"}), 422
    )
    assert problem["errors"][0]["loc"] == ["body", "rating"]
    changed = client.patch(url, headers=auth("canbo.snv"), json={"kind": "review", "rating": None})
    assert changed.status_code == 200, changed.text
    assert changed.json()["rating"] is None and changed.headers["etag"] == '"2"'
    db.expire_all()
    assert db.get(Activity, activity.id).kind is ActivityKind.review


def test_stale_if_match_is_412_and_changes_nothing(client, auth, db):
    activity = make_activity(db, unit_by_code(db, "SNV").id, participants=30)
    response = client.patch(
        f"{ACTIVITIES}/{activity.id}",
        headers=auth("sonv") | {"If-Match": '"0"'},
        json={"participants": 99},
    )
    assert_problem(response, 412)
    db.expire_all()
    assert db.get(Activity, activity.id).participants == 30


@pytest.fixture
def activities(db):
    snv = unit_by_code(db, "SNV").id
    hoalu = unit_by_code(db, "P-HOALU").id
    return {
        "training": make_activity(
            db,
            snv,
            kind=ActivityKind.training,
            held_on=date(2026, 4, 10),
            title="Tập huấn nghiệp vụ dân vận",
        ),
        "review": make_activity(
            db, hoalu, kind=ActivityKind.review, held_on=date(2026, 6, 30), title="Sơ kết"
        ),
        "old": make_activity(db, snv, held_on=date(2025, 12, 20), title="Tuyên truyền Đồng Tâm"),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"year": 2026}, {"training", "review"}),
        ({"from": "2026-04-10", "to": "2026-06-29"}, {"training"}),
        ({"kind": ["training", "review"]}, {"training", "review"}),
        ({"q": "dong tam"}, {"old"}),
        ({"q": "TAP HUAN"}, {"training"}),
    ],
)
def test_list_filters(client, auth, activities, params, expected):
    response = client.get(ACTIVITIES, headers=auth("lanhdao"), params=params)
    assert response.status_code == 200, response.text
    assert {a["id"] for a in response.json()["items"]} == {activities[name].id for name in expected}


def test_period_ending_before_it_starts_is_refused(client, auth):
    response = client.get(
        ACTIVITIES, headers=auth("sonv"), params={"from": "2026-05-01", "to": "2026-04-01"}
    )
    assert assert_problem(response, 422)["errors"][0]["loc"] == ["query", "to"]


def test_csv_export(client, auth, activities):
    response = client.get(
        ACTIVITIES, headers=auth("sonv"), params={"format": "csv", "year": 2026, "sort": "held_on"}
    )
    assert response.status_code == 200 and response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Đơn vị", "Ngày tổ chức", "Loại hoạt động", "Tên hoạt động"]
    assert [(r[1], r[2]) for r in rows[1:]] == [
        ("10/04/2026", "Tập huấn, bồi dưỡng"),
        ("30/06/2026", "Sơ kết, tổng kết"),
    ]


def test_delete_is_audited(client, auth, db, activities):
    activity_id = activities["review"].id
    assert (
        client.delete(f"{ACTIVITIES}/{activity_id}", headers=auth("canbo.hoalu")).status_code == 204
    )
    db.expire_all()
    assert db.get(Activity, activity_id) is None
    event = db.scalar(select(AuditEvent).where(AuditEvent.action == "delete"))
    assert event.entity == "activities" and event.before["title"] == "Sơ kết"
