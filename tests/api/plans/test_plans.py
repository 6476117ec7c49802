from datetime import date, timedelta

import pytest
from sqlalchemy import select

from api.audit.models import AuditEvent
from api.common.dates import province_today
from api.plans import service
from api.plans.enums import PlanKind, PlanStatus
from api.plans.models import Plan, PlanTask
from tests.api.plans.builders import make_activity, make_plan, make_task
from tests.factories import unit_by_code
from tests.test_contract import assert_problem

PLANS = "/api/v1/plans"
NEXT_MONTH = (province_today() + timedelta(days=30)).isoformat()


def issued_body(unit_id: int, **fields: object) -> dict:
    body = {
        "unit_id": unit_id,
        "year": 2026,
        "kind": "implementation",
        "title": "Kế hoạch triển khai Chỉ thị 05-CT/TU",
        "document_number": "45/KH-SNV",
        "issued_on": "2026-02-10",
        "signer": "Nguyễn Văn An",
        "status": "issued",
    }
    return body | fields


def plans_of(db, unit_id: int) -> list[Plan]:
    db.expire_all()
    return list(db.scalars(select(Plan).where(Plan.unit_id == unit_id)))


def test_officer_creates_an_issued_plan_with_tasks_for_their_unit(client, auth, db):
    snv = unit_by_code(db, "SNV").id
    body = issued_body(None) | {
        "tasks": [
            {"task_group": "dissemination", "title": "Quán triệt Chỉ thị", "due_on": NEXT_MONTH},
            {"task_group": "inspection_review", "title": "Sơ kết", "status": "done"},
        ]
    }
    response = client.post(PLANS, headers=auth("canbo.snv"), json=body)

    assert response.status_code == 201, response.text
    plan = response.json()
    assert plan["unit_id"] == snv
    assert plan["status"] == "issued" and plan["document_number"] == "45/KH-SNV"
    assert response.headers["etag"] == '"1"'
    assert [t["title"] for t in plan["tasks"]] == ["Quán triệt Chỉ thị", "Sơ kết"]
    assert plan["tasks"][1]["progress"] == 100  # done means 100%
    assert plan["tasks_count"] == 2 and plan["overdue_tasks"] == 0
    stored = db.get(Plan, plan["id"])
    assert stored.kind is PlanKind.implementation and stored.issued_on == date(2026, 2, 10)
    assert db.query(PlanTask).filter_by(plan_id=stored.id).count() == 2
    events = db.scalars(select(AuditEvent).where(AuditEvent.action == "create")).all()
    assert {(e.entity, e.entity_id) for e in events} >= {("plans", str(stored.id))}
    assert sum(e.entity == "plan_tasks" for e in events) == 2


@pytest.mark.parametrize(
    ("fields", "loc"),
    [
        ({"document_number": None}, ["body", "document_number"]),
        ({"issued_on": None}, ["body", "issued_on"]),
        ({"status": "completed", "issued_on": None}, ["body", "issued_on"]),
        ({"issued_on": (province_today() + timedelta(days=1)).isoformat()}, ["body", "issued_on"]),
        ({"unit_id": 999_999}, ["body", "unit_id"]),
        ({"kind": "party"}, ["body", "kind"]),
        ({"status": "approved"}, ["body", "status"]),
        ({"year": 1999}, ["body", "year"]),
        ({"title": "x" * 501}, ["body", "title"]),
        ({"title": ""}, ["body", "title"]),
        ({"document_number": "x" * 65}, ["body", "document_number"]),
        ({"colour": "red"}, ["body", "colour"]),
        (
            {"tasks": [{"task_group": "dissemination", "title": "A", "progress": 101}]},
            ["body", "tasks", 0, "progress"],
        ),
        (
            {"tasks": [{"task_group": "III.9", "title": "A"}]},
            ["body", "tasks", 0, "task_group"],
        ),
        (
            {
                "tasks": [
                    {"task_group": "dissemination", "title": "A", "status": "done", "progress": 9}
                ]
            },
            ["body", "tasks", 0, "progress"],
        ),
    ],
)
def test_bad_plan_is_refused_with_field_errors_and_writes_nothing(client, auth, db, fields, loc):
    snv = unit_by_code(db, "SNV").id
    plans_before = db.query(Plan).count()
    tasks_before = db.query(PlanTask).count()
    body = issued_body(snv) | fields

    problem = assert_problem(client.post(PLANS, headers=auth("admin"), json=body), 422)

    assert loc in [e["loc"] for e in problem["errors"]]
    db.expire_all()
    assert db.query(Plan).count() == plans_before
    assert db.query(PlanTask).count() == tasks_before


def test_a_draft_needs_no_document_number(client, auth, db):
    body = {"year": 2026, "kind": "friendly_model", "title": "Dự thảo kế hoạch mô hình"}
    response = client.post(PLANS, headers=auth("canbo.hoalu"), json=body)
    assert response.status_code == 201, response.text
    assert response.json()["status"] == "draft" and response.json()["document_number"] is None
    assert [p.title for p in plans_of(db, unit_by_code(db, "P-HOALU").id)] == [body["title"]]


def test_document_number_is_unique_within_a_unit(client, auth, db):
    snv = unit_by_code(db, "SNV").id
    hoalu = unit_by_code(db, "P-HOALU").id
    make_plan(db, snv, document_number="45/KH-SNV", issued_on=date(2026, 1, 5), status="issued")

    clash = client.post(PLANS, headers=auth("admin"), json=issued_body(snv, title="Khác"))
    problem = assert_problem(clash, 409)
    assert problem["errors"][0]["loc"] == ["body", "document_number"]
    assert len(plans_of(db, snv)) == 1

    elsewhere = client.post(PLANS, headers=auth("admin"), json=issued_body(hoalu))
    assert elsewhere.status_code == 201
    assert [p.document_number for p in plans_of(db, hoalu)] == ["45/KH-SNV"]


def test_renumbering_onto_an_existing_number_is_409(client, auth, db):
    snv = unit_by_code(db, "SNV").id
    make_plan(db, snv, document_number="45/KH-SNV", issued_on=date(2026, 1, 5), status="issued")
    draft = make_plan(db, snv)
    response = client.patch(
        f"{PLANS}/{draft.id}", headers=auth("sonv"), json={"document_number": "45/KH-SNV"}
    )
    assert assert_problem(response, 409)["errors"][0]["loc"] == ["body", "document_number"]
    db.expire_all()
    assert db.get(Plan, draft.id).document_number is None


def test_a_racing_duplicate_number_is_409_from_the_constraint(client, auth, db, monkeypatch):
    # Two requests that both looked before either wrote: the unique constraint decides.
    snv = unit_by_code(db, "SNV").id
    make_plan(db, snv, document_number="45/KH-SNV", issued_on=date(2026, 1, 5), status="issued")
    monkeypatch.setattr(service, "_same_number_elsewhere", lambda *_: False)
    response = client.post(PLANS, headers=auth("admin"), json=issued_body(snv, title="Khác"))
    assert assert_problem(response, 409)["errors"][0]["loc"] == ["body", "document_number"]
    assert len(plans_of(db, snv)) == 1


@pytest.mark.parametrize(
    ("start", "wanted", "status"),
    [
        ("draft", "issued", 200),
        ("issued", "in_progress", 200),
        ("in_progress", "completed", 200),
        ("issued", "completed", 200),
        ("draft", "cancelled", 200),
        ("in_progress", "cancelled", 200),
        ("draft", "completed", 409),
        ("issued", "draft", 409),
        ("completed", "in_progress", 409),
        ("cancelled", "issued", 409),
    ],
)
def test_status_moves_only_along_allowed_transitions(client, auth, db, start, wanted, status):
    snv = unit_by_code(db, "SNV").id
    plan = make_plan(
        db, snv, status=PlanStatus(start), document_number="12/KH-SNV", issued_on=date(2026, 1, 9)
    )
    response = client.patch(f"{PLANS}/{plan.id}", headers=auth("sonv"), json={"status": wanted})
    assert response.status_code == status, response.text
    db.expire_all()
    stored = db.get(Plan, plan.id)
    if status == 200:
        assert response.json()["status"] == wanted and stored.status == wanted
        assert response.headers["etag"] == '"2"'
    else:
        assert_problem(response, 409)
        assert stored.status == start and stored.version == 1


def test_issuing_a_draft_without_its_number_is_refused(client, auth, db):
    plan = make_plan(db, unit_by_code(db, "SNV").id)
    response = client.patch(f"{PLANS}/{plan.id}", headers=auth("sonv"), json={"status": "issued"})
    problem = assert_problem(response, 422)
    assert {tuple(e["loc"]) for e in problem["errors"]} == {
        ("body", "document_number"),
        ("body", "issued_on"),
    }
    db.expire_all()
    assert db.get(Plan, plan.id).status is PlanStatus.draft


def test_required_fields_cannot_be_cleared(client, auth, db):
    plan = make_plan(db, unit_by_code(db, "SNV").id)
    response = client.patch(f"{PLANS}/{plan.id}", headers=auth("sonv"), json={"title": None})
    assert assert_problem(response, 422)["errors"][0]["loc"] == ["body", "title"]
    db.expire_all()
    assert db.get(Plan, plan.id).title == plan.title


def test_stale_if_match_is_412_and_changes_nothing(client, auth, db):
    plan = make_plan(db, unit_by_code(db, "SNV").id)
    headers = auth("sonv")
    first = client.patch(
        f"{PLANS}/{plan.id}", headers=headers | {"If-Match": '"1"'}, json={"title": "Lần 1"}
    )
    assert first.status_code == 200 and first.headers["etag"] == '"2"'

    stale = client.patch(
        f"{PLANS}/{plan.id}", headers=headers | {"If-Match": '"1"'}, json={"title": "Lần 2"}
    )
    assert_problem(stale, 412)
    stale_delete = client.delete(f"{PLANS}/{plan.id}", headers=headers | {"If-Match": '"1"'})
    assert_problem(stale_delete, 412)
    db.expire_all()
    stored = db.get(Plan, plan.id)
    assert stored.title == "Lần 1" and stored.version == 2


def test_update_is_audited_with_before_and_after(client, auth, db):
    plan = make_plan(db, unit_by_code(db, "SNV").id, title="Cũ")
    response = client.patch(f"{PLANS}/{plan.id}", headers=auth("sonv"), json={"title": "Mới"})
    assert response.status_code == 200
    event = db.scalar(
        select(AuditEvent).where(AuditEvent.entity == "plans", AuditEvent.action == "update")
    )
    assert event.entity_id == str(plan.id) and event.actor_name
    assert event.before["title"] == "Cũ" and event.after["title"] == "Mới"
    assert event.unit_id == plan.unit_id


def test_moving_a_plan_to_another_unit_needs_write_on_that_unit(client, auth, db):
    plan = make_plan(db, unit_by_code(db, "SNV").id)
    hoalu = unit_by_code(db, "P-HOALU").id
    refused = client.patch(f"{PLANS}/{plan.id}", headers=auth("canbo.snv"), json={"unit_id": hoalu})
    assert_problem(refused, 403)
    moved = client.patch(f"{PLANS}/{plan.id}", headers=auth("sonv"), json={"unit_id": hoalu})
    assert moved.status_code == 200 and moved.json()["unit_id"] == hoalu
    db.expire_all()
    assert db.get(Plan, plan.id).unit_id == hoalu


def test_a_plan_with_activities_stays_in_its_unit(client, auth, db):
    snv = unit_by_code(db, "SNV").id
    plan = make_plan(db, snv)
    make_activity(db, snv, plan_id=plan.id)
    hoalu = unit_by_code(db, "P-HOALU").id
    response = client.patch(f"{PLANS}/{plan.id}", headers=auth("admin"), json={"unit_id": hoalu})
    assert assert_problem(response, 409)["errors"][0]["loc"] == ["body", "unit_id"]
    db.expire_all()
    assert db.get(Plan, plan.id).unit_id == snv


def test_delete_takes_the_tasks_and_keeps_them_in_the_audit(client, auth, db):
    plan = make_plan(db, unit_by_code(db, "SNV").id)
    plan_id, task_id = plan.id, make_task(db, plan).id
    assert client.delete(f"{PLANS}/{plan_id}", headers=auth("canbo.snv")).status_code == 204
    db.expire_all()
    assert db.get(Plan, plan_id) is None and db.get(PlanTask, task_id) is None
    event = db.scalar(select(AuditEvent).where(AuditEvent.action == "delete"))
    assert event.entity == "plans" and event.after is None
    assert [t["id"] for t in event.before["tasks"]] == [task_id]


def test_a_plan_with_activities_cannot_be_deleted(client, auth, db):
    snv = unit_by_code(db, "SNV").id
    plan = make_plan(db, snv)
    make_activity(db, snv, plan_id=plan.id)
    assert_problem(client.delete(f"{PLANS}/{plan.id}", headers=auth("sonv")), 409)
    db.expire_all()
    assert db.get(Plan, plan.id) is not None


def test_unknown_plan_is_404(client, auth):
    assert_problem(client.get(f"{PLANS}/999999", headers=auth("sonv")), 404)
