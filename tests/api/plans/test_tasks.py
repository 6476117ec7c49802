from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from api.audit.models import AuditEvent
from api.common import dates
from api.common.dates import province_today
from api.plans.enums import TaskStatus
from api.plans.models import PlanTask
from tests.api.plans.builders import make_plan, make_task
from tests.factories import unit_by_code
from tests.test_contract import assert_problem

TODAY = province_today()
YESTERDAY = TODAY - timedelta(days=1)


@pytest.fixture
def snv_plan(db):
    return make_plan(db, unit_by_code(db, "SNV").id)


def tasks_url(plan_id: int, task_id: int | None = None) -> str:
    return f"/api/v1/plans/{plan_id}/tasks" + (f"/{task_id}" if task_id else "")


@pytest.mark.parametrize(
    ("due_on", "status", "overdue"),
    [
        (YESTERDAY, TaskStatus.not_started, True),
        (YESTERDAY, TaskStatus.in_progress, True),
        (YESTERDAY, TaskStatus.done, False),
        (YESTERDAY, TaskStatus.cancelled, False),
        (TODAY, TaskStatus.not_started, False),
        (None, TaskStatus.not_started, False),
    ],
)
def test_overdue_is_derived_from_due_date_and_status(
    client, auth, db, snv_plan, due_on, status, overdue
):
    task = make_task(db, snv_plan, due_on=due_on, status=status)
    body = client.get(f"/api/v1/plans/{snv_plan.id}", headers=auth("canbo.snv")).json()
    assert [(t["id"], t["overdue"]) for t in body["tasks"]] == [(task.id, overdue)]
    assert body["overdue_tasks"] == int(overdue)
    listed = client.get(
        "/api/v1/plans", headers=auth("canbo.snv"), params={"overdue": str(overdue).lower()}
    ).json()
    assert snv_plan.id in {p["id"] for p in listed["items"]}


def test_today_is_the_provinces_day_not_utcs(monkeypatch):
    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2026, 3, 1, 18, 30, tzinfo=UTC).astimezone(tz)

    monkeypatch.setattr(dates, "datetime", Clock)
    assert dates.province_today() == date(2026, 3, 2)  # 01:30 on 2 March in Ninh Bình


def test_create_task_under_a_plan(client, auth, db, snv_plan):
    body = {"task_group": "grassroots_democracy", "title": "Dân chủ", "due_on": "2026-12-15"}
    response = client.post(tasks_url(snv_plan.id), headers=auth("canbo.snv"), json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["plan_id"] == snv_plan.id and created["progress"] == 0
    assert created["status"] == "not_started" and response.headers["etag"] == '"1"'
    stored = db.get(PlanTask, created["id"])
    assert stored.title == "Dân chủ" and stored.due_on == date(2026, 12, 15)
    listed = client.get(tasks_url(snv_plan.id), headers=auth("canbo.snv")).json()
    assert [t["id"] for t in listed] == [created["id"]]


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"progress": 101}, ["body", "progress"]),
        ({"progress": -1}, ["body", "progress"]),
        ({"status": "finished"}, ["body", "status"]),
        ({"status": "done", "progress": 80}, ["body", "progress"]),
        ({"title": None}, ["body", "title"]),
        ({"result": "x" * 10_001}, ["body", "result"]),
        ({"due_on": "2026-02-30"}, ["body", "due_on"]),
    ],
)
def test_bad_task_update_is_422_and_changes_nothing(client, auth, db, snv_plan, body, loc):
    task = make_task(db, snv_plan, progress=20)
    response = client.patch(tasks_url(snv_plan.id, task.id), headers=auth("sonv"), json=body)
    assert loc in [e["loc"] for e in assert_problem(response, 422)["errors"]]
    db.expire_all()
    stored = db.get(PlanTask, task.id)
    assert (stored.progress, stored.status, stored.version) == (20, TaskStatus.not_started, 1)


def test_marking_a_task_done_completes_its_progress(client, auth, db, snv_plan):
    task = make_task(db, snv_plan, progress=60, due_on=YESTERDAY)
    response = client.patch(
        tasks_url(snv_plan.id, task.id),
        headers=auth("canbo.snv") | {"If-Match": '"1"'},
        json={"status": "done", "result": "Đã tổ chức 3 hội nghị"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["progress"] == 100 and response.json()["overdue"] is False
    assert response.headers["etag"] == '"2"'
    db.expire_all()
    assert db.get(PlanTask, task.id).status is TaskStatus.done
    event = db.scalar(select(AuditEvent).where(AuditEvent.entity == "plan_tasks"))
    assert event.action == "update" and event.before["progress"] == 60


def test_stale_task_update_is_412(client, auth, db, snv_plan):
    task = make_task(db, snv_plan)
    response = client.patch(
        tasks_url(snv_plan.id, task.id),
        headers=auth("sonv") | {"If-Match": '"7"'},
        json={"progress": 50},
    )
    assert_problem(response, 412)
    db.expire_all()
    assert db.get(PlanTask, task.id).progress == 0


def test_delete_task(client, auth, db, snv_plan):
    task_id = make_task(db, snv_plan).id
    response = client.delete(tasks_url(snv_plan.id, task_id), headers=auth("canbo.snv"))
    assert response.status_code == 204
    db.expire_all()
    assert db.get(PlanTask, task_id) is None
    event = db.scalar(select(AuditEvent).where(AuditEvent.action == "delete"))
    assert (event.entity, event.entity_id) == ("plan_tasks", str(task_id))


def test_a_task_is_reached_only_through_its_own_plan(client, auth, db, snv_plan):
    other = make_plan(db, snv_plan.unit_id)
    task = make_task(db, snv_plan)
    url = tasks_url(other.id, task.id)
    response = client.patch(url, headers=auth("sonv"), json={"progress": 5})
    assert_problem(response, 404)
    db.expire_all()
    assert db.get(PlanTask, task.id).progress == 0


@pytest.mark.parametrize(
    ("role", "read", "write"),
    [
        ("canbo.snv", 200, 201),
        ("sonv", 200, 201),
        ("vanphong", 200, 201),
        ("thanhtra", 200, 403),
        ("lanhdao", 200, 403),
        ("canbo.hoalu", 404, 404),
    ],
)
def test_tasks_follow_their_plans_permissions(client, auth, db, snv_plan, role, read, write):
    assert client.get(tasks_url(snv_plan.id), headers=auth(role)).status_code == read
    body = {"task_group": "dissemination", "title": "Tuyên truyền"}
    response = client.post(tasks_url(snv_plan.id), headers=auth(role), json=body)
    assert response.status_code == write
    db.expire_all()
    assert db.query(PlanTask).filter_by(plan_id=snv_plan.id).count() == (write == 201)


def test_plan_tasks_lists_overdue_tasks_across_plans_within_reach(client, auth, db):
    snv = unit_by_code(db, "SNV").id
    hoalu = unit_by_code(db, "P-HOALU").id
    late = make_task(db, make_plan(db, snv), due_on=YESTERDAY)
    make_task(db, make_plan(db, snv), due_on=YESTERDAY, status=TaskStatus.done)
    late_elsewhere = make_task(db, make_plan(db, hoalu), due_on=YESTERDAY)

    mine = client.get("/api/v1/plan-tasks?overdue=true", headers=auth("canbo.snv")).json()
    assert [t["id"] for t in mine["items"]] == [late.id]
    assert mine["items"][0]["unit_id"] == snv and mine["items"][0]["plan_year"] == 2026

    everyone = client.get(
        "/api/v1/plan-tasks", headers=auth("sonv"), params={"overdue": "true", "year": 2026}
    ).json()
    assert {t["id"] for t in everyone["items"]} == {late.id, late_elsewhere.id}
    assert everyone["total"] == 2
