"""Inspections: recording, the rules of each kind, versions, deletion, lists and export."""

import csv
import io
from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError

from api.inspections.enums import InspectionKind, InspectionStatus
from api.inspections.models import Finding, Inspection
from tests.api.inspections.builders import (
    API,
    audit_actions,
    count,
    error_fields,
    fresh,
    make_finding,
    make_inspection,
    make_recommendation,
)
from tests.factories import unit_by_code
from tests.test_contract import assert_problem


def _new_inspection(db, **overrides) -> dict:
    body = {
        "kind": "inspection",
        "inspecting_unit_id": unit_by_code(db, "TTT").id,
        "inspected_unit_id": unit_by_code(db, "P-HOALU").id,
        "title": "Kiểm tra việc tiếp công dân của Chủ tịch UBND phường",
        "planned_from": "2026-04-01",
        "planned_to": "2026-04-10",
        "scope": ["citizen_reception", "dissemination", "citizen_reception"],
    }
    body.update(overrides)
    return body


def test_inspector_records_an_inspection(client, auth, db):
    response = client.post(f"{API}/inspections", headers=auth("thanhtra"), json=_new_inspection(db))

    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["etag"] == '"1"'
    assert body["status"] == "planned"
    assert body["scope"] == ["dissemination", "citizen_reception"]  # once each, in plan order
    assert body["plan_id"] is None and body["version"] == 1
    stored = fresh(db, Inspection, body["id"])
    assert stored.inspected_unit_id == unit_by_code(db, "P-HOALU").id
    assert stored.scope == ["dissemination", "citizen_reception"]
    assert stored.search_text == "kiem tra viec tiep cong dan cua chu tich ubnd phuong"
    assert audit_actions(db, "inspections", body["id"]) == ["create"]


def test_a_unit_officer_self_inspects_their_own_unit_by_default(client, auth, db):
    response = client.post(
        f"{API}/inspections",
        headers=auth("canbo.hoalu"),
        json={"kind": "self_inspection", "title": "Tự kiểm tra quý I", "started_on": "2026-03-02"},
    )

    assert response.status_code == 201, response.text
    hoalu = unit_by_code(db, "P-HOALU").id
    body = response.json()
    assert body["inspecting_unit_id"] == hoalu and body["inspected_unit_id"] == hoalu
    stored = fresh(db, Inspection, body["id"])
    assert stored.kind is InspectionKind.self_inspection
    assert stored.inspecting_unit_id == stored.inspected_unit_id == hoalu


INVALID_INSPECTIONS = [
    pytest.param({"kind": "audit"}, {"kind"}, id="unknown-kind"),
    pytest.param({"title": ""}, {"title"}, id="empty-title"),
    pytest.param({"scope": ["III.9"]}, {0}, id="unknown-task-group"),
    pytest.param({"rating": "excellent"}, {"rating"}, id="unknown-rating"),
    pytest.param({"started_on": "2026-02-30"}, {"started_on"}, id="impossible-date"),
    pytest.param({"secret": 1}, {"secret"}, id="unknown-field"),
    pytest.param({"inspected_unit_id": 999999}, {"inspected_unit_id"}, id="unknown-unit"),
    pytest.param({"inspected_unit_id": None}, {"inspected_unit_id"}, id="no-inspected-unit"),
    pytest.param(
        {"planned_from": "2026-04-10", "planned_to": "2026-04-01"}, {"planned_to"}, id="planned"
    ),
    pytest.param(
        {"started_on": "2026-04-10", "ended_on": "2026-04-01"}, {"ended_on"}, id="end-before"
    ),
    pytest.param({"ended_on": "2026-04-01"}, {"started_on"}, id="end-without-start"),
    pytest.param(
        {"status": "concluded", "started_on": "2026-04-01"},
        {"conclusion", "ended_on"},
        id="concluded-without-conclusion-or-end",
    ),
    pytest.param(
        {"kind": "self_inspection"}, {"inspected_unit_id"}, id="self-inspection-of-another"
    ),
]


@pytest.mark.parametrize(("change", "fields"), INVALID_INSPECTIONS)
def test_invalid_inspection_is_422_and_writes_nothing(client, auth, db, change, fields):
    before = count(db, Inspection)

    response = client.post(
        f"{API}/inspections", headers=auth("thanhtra"), json=_new_inspection(db, **change)
    )

    body = assert_problem(response, 422)
    assert error_fields(body) == fields
    assert count(db, Inspection) == before


def test_inspection_of_oneself_must_be_recorded_as_self_inspection(client, auth, db):
    ttt = unit_by_code(db, "TTT").id
    response = client.post(
        f"{API}/inspections",
        headers=auth("thanhtra"),
        json=_new_inspection(db, inspected_unit_id=ttt),
    )

    assert error_fields(assert_problem(response, 422)) == {"inspected_unit_id"}
    assert count(db, Inspection) == 0


def test_supervision_is_conducted_by_the_front(client, auth, db):
    """Even an inspector cannot record a department as supervising: that is the Front's role."""
    snv, mttq = unit_by_code(db, "SNV").id, unit_by_code(db, "MTTQ").id
    by_department = _new_inspection(db, kind="supervision", inspecting_unit_id=snv)
    by_front = _new_inspection(db, kind="supervision", inspecting_unit_id=mttq)

    refused = client.post(f"{API}/inspections", headers=auth("thanhtra"), json=by_department)
    accepted = client.post(f"{API}/inspections", headers=auth("thanhtra"), json=by_front)

    assert error_fields(assert_problem(refused, 422)) == {"inspecting_unit_id"}
    assert accepted.status_code == 201, accepted.text
    assert fresh(db, Inspection, accepted.json()["id"]).inspecting_unit_id == mttq
    assert count(db, Inspection) == 1


def test_conclusion_closes_an_inspection(client, auth, db):
    inspection = make_inspection(db)
    response = client.patch(
        f"{API}/inspections/{inspection.id}",
        headers={**auth("thanhtra"), "If-Match": '"1"'},
        json={
            "status": "concluded",
            "ended_on": "2026-03-06",
            "conclusion": "Đơn vị thực hiện tốt việc tiếp công dân định kỳ",
            "rating": "good",
        },
    )

    assert response.status_code == 200, response.text
    assert response.headers["etag"] == '"2"'
    assert response.json()["rating"] == "good"
    stored = fresh(db, Inspection, inspection.id)
    assert stored.status is InspectionStatus.concluded and stored.version == 2
    assert stored.ended_on == date(2026, 3, 6)
    assert audit_actions(db, "inspections", inspection.id) == ["update"]


def test_patch_checks_the_record_as_it_would_become(client, auth, db):
    """The conclusion is required of the merged record, not only of what the PATCH sends."""
    inspection = make_inspection(db, ended_on=date(2026, 3, 6))
    response = client.patch(
        f"{API}/inspections/{inspection.id}",
        headers=auth("thanhtra"),
        json={"status": "concluded", "started_on": "2026-03-10"},
    )

    assert error_fields(assert_problem(response, 422)) == {"conclusion", "ended_on"}
    stored = fresh(db, Inspection, inspection.id)
    assert stored.status is InspectionStatus.planned and stored.version == 1
    assert audit_actions(db, "inspections", inspection.id) == []


@pytest.mark.parametrize("field", ["title", "kind", "status", "scope", "inspected_unit_id"])
def test_patch_cannot_empty_a_required_field(client, auth, db, field):
    inspection = make_inspection(db)
    response = client.patch(
        f"{API}/inspections/{inspection.id}", headers=auth("thanhtra"), json={field: None}
    )

    assert error_fields(assert_problem(response, 422)) == {field}
    assert fresh(db, Inspection, inspection.id).version == 1


def test_stale_if_match_is_412_and_changes_nothing(client, auth, db):
    inspection = make_inspection(db)
    inspection.title = "Đã sửa bởi người khác"
    db.commit()  # version 2

    response = client.patch(
        f"{API}/inspections/{inspection.id}",
        headers={**auth("thanhtra"), "If-Match": '"1"'},
        json={"title": "Bản sửa cũ"},
    )

    assert_problem(response, 412)
    stored = fresh(db, Inspection, inspection.id)
    assert stored.title == "Đã sửa bởi người khác" and stored.version == 2


def test_deleting_an_inspection_takes_its_findings_with_it(client, auth, db):
    inspection = make_inspection(db)
    finding = make_finding(db, inspection)

    response = client.delete(
        f"{API}/inspections/{inspection.id}", headers={**auth("thanhtra"), "If-Match": '"1"'}
    )

    assert response.status_code == 204
    assert fresh(db, Inspection, inspection.id) is None
    assert fresh(db, Finding, finding.id) is None
    assert audit_actions(db, "inspections", inspection.id) == ["delete"]
    assert audit_actions(db, "findings", finding.id) == ["delete"]


def test_an_inspection_with_recommendations_cannot_be_deleted(client, auth, db):
    inspection = make_inspection(db)
    make_recommendation(db, inspection)

    response = client.delete(f"{API}/inspections/{inspection.id}", headers=auth("thanhtra"))

    assert "Đã hủy" in assert_problem(response, 409)["detail"]
    assert fresh(db, Inspection, inspection.id) is not None
    assert audit_actions(db, "inspections", inspection.id) == []


def test_unknown_inspection_is_404(client, auth):
    assert_problem(client.get(f"{API}/inspections/999999", headers=auth("thanhtra")), 404)


# --- lists ---------------------------------------------------------------------------------


@pytest.fixture
def three_inspections(db):
    """TTT inspects Hoa Lư (2026), Hoa Lư inspects itself (2025), the Front supervises SNV."""
    return {
        "ttt": make_inspection(db, title="Kiểm tra tiếp công dân", started_on=date(2026, 3, 2)),
        "self": make_inspection(
            db,
            "P-HOALU",
            "P-HOALU",
            InspectionKind.self_inspection,
            title="Tự kiểm tra dân chủ ở cơ sở",
            started_on=None,
            planned_from=date(2025, 11, 3),
            scope=["grassroots_democracy"],
            status=InspectionStatus.in_progress,
        ),
        "front": make_inspection(
            db,
            "MTTQ",
            "SNV",
            InspectionKind.supervision,
            title="Giám sát thực hiện Quy chế dân chủ",
            started_on=date(2026, 6, 15),
            ended_on=date(2026, 6, 20),
            status=InspectionStatus.concluded,
            conclusion="Sở đã khắc phục các hạn chế",
        ),
    }


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["items"])
    return [item["id"] for item in body["items"]]


def _query_cases(db) -> list[tuple[str, set[str]]]:
    hoalu, snv, mttq = (unit_by_code(db, c).id for c in ("P-HOALU", "SNV", "MTTQ"))
    return [
        ("kind=self_inspection&kind=supervision", {"self", "front"}),
        ("status=concluded", {"front"}),
        (f"inspecting_unit_id={mttq}", {"front"}),
        (f"inspected_unit_id={hoalu}", {"ttt", "self"}),
        (f"unit_id={hoalu}", {"ttt", "self"}),
        (f"unit_id={snv}", {"front"}),
        ("year=2026", {"ttt", "front"}),
        ("year=2025", {"self"}),  # its planned day when it has not started
        ("from=2026-03-01&to=2026-03-31", {"ttt"}),
        ("task_group=grassroots_democracy", {"self"}),
        ("q=DAN CHU", {"self", "front"}),  # both titles say "dân chủ"
        ("q=khắc phục", {"front"}),  # the conclusion is searched too
        ("q=tiep cong dan", {"ttt"}),
    ]


def test_inspection_filters(client, auth, db, three_inspections):
    names = {i.id: name for name, i in three_inspections.items()}
    for query, expected in _query_cases(db):
        found = _ids(client.get(f"{API}/inspections?{query}", headers=auth("sonv")))
        assert {names[i] for i in found} == expected, query


def test_inspections_sort_newest_first_by_default(client, auth, db, three_inspections):
    by_default = _ids(client.get(f"{API}/inspections", headers=auth("sonv")))
    by_title = _ids(client.get(f"{API}/inspections?sort=title", headers=auth("sonv")))

    t = three_inspections
    assert by_default == [t["front"].id, t["ttt"].id, t["self"].id]
    assert by_title == [t["front"].id, t["ttt"].id, t["self"].id]  # Giám, Kiểm, Tự


@pytest.mark.parametrize(
    ("query", "loc"),
    [
        ("sort=search_text", ["query", "sort"]),
        ("from=2026-05-01&to=2026-04-01", ["query", "to"]),
        ("year=1800", ["query", "year"]),
        ("status=archived", ["query", "status", 0]),
    ],
)
def test_bad_list_queries_are_422(client, auth, query, loc):
    body = assert_problem(client.get(f"{API}/inspections?{query}", headers=auth("sonv")), 422)
    assert body["errors"][0]["loc"] == loc


def test_inspections_export_as_csv_with_vietnamese_headers(client, auth, db, three_inspections):
    response = client.get(f"{API}/inspections?format=csv&year=2026", headers=auth("sonv"))

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == [
        "Số",
        "Loại",
        "Tên cuộc kiểm tra, giám sát",
        "Đơn vị kiểm tra",
        "Đơn vị được kiểm tra",
    ]
    by_title = {row[2]: row for row in rows[1:]}
    assert set(by_title) == {"Kiểm tra tiếp công dân", "Giám sát thực hiện Quy chế dân chủ"}
    front = by_title["Giám sát thực hiện Quy chế dân chủ"]
    assert front[1] == "Giám sát của Mặt trận Tổ quốc, tổ chức chính trị - xã hội"
    assert front[3] == unit_by_code(db, "MTTQ").name
    assert front[9] == "Đã kết luận" and front[8] == "20/06/2026"
    assert by_title["Kiểm tra tiếp công dân"][10] == "III.4"


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": InspectionKind.self_inspection},  # TTT "self-inspecting" Hoa Lư
        {"scope": ["citizen_reception", "III.8"]},
        {"started_on": date(2026, 3, 2), "ended_on": date(2026, 3, 1)},
        {"planned_from": date(2026, 3, 2), "planned_to": date(2026, 3, 1)},
        {"status": InspectionStatus.concluded, "ended_on": date(2026, 3, 6)},
    ],
    ids=["self-inspection", "scope", "held", "planned", "concluded"],
)
def test_the_database_keeps_the_rules_even_past_the_api(db, fields):
    with pytest.raises(IntegrityError, match="ck_inspections_"):
        make_inspection(db, **fields)
    db.rollback()
    assert count(db, Inspection) == 0


def test_an_inspection_links_only_an_existing_plan_of_either_side(client, auth, db):
    from api.plans.enums import PlanKind
    from api.plans.models import Plan
    from tests.factories import unit_by_code

    ttt = unit_by_code(db, "TTT")
    plan = Plan(unit_id=ttt.id, year=2026, kind=PlanKind.inspection, title="Kế hoạch kiểm tra")
    other = Plan(
        unit_id=unit_by_code(db, "SNV").id,
        year=2026,
        kind=PlanKind.inspection,
        title="Kế hoạch khác",
    )
    db.add_all([plan, other])
    db.flush()
    body = {
        "kind": "inspection",
        "title": "Kiểm tra công tác dân vận",
        "inspecting_unit_id": ttt.id,
        "inspected_unit_id": unit_by_code(db, "P-HOALU").id,
        "status": "planned",
    }
    headers = auth("thanhtra")
    for plan_id in (999999, other.id):
        refused = client.post(
            "/api/v1/inspections", headers=headers, json={**body, "plan_id": plan_id}
        )
        assert refused.status_code == 422, refused.text
        assert refused.json()["errors"][0]["loc"] == ["body", "plan_id"]
    created = client.post("/api/v1/inspections", headers=headers, json={**body, "plan_id": plan.id})
    assert created.status_code == 201, created.text
    assert created.json()["plan_id"] == plan.id
