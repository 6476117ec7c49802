"""The dashboard against hand-counted petitions, receptions, recommendations and tasks, on top
of the province of `province.py`. Every date lies before December 2026, so the overdue
figures do not move with the day the tests run."""

from datetime import date

import pytest

from api.auth.enums import Role
from api.inspections.enums import RecommendationStatus
from api.plans.enums import PlanKind, TaskStatus
from api.reception.enums import CaseType, PetitionField, PetitionStatus, SessionType
from api.reports.enums import ReportStatus
from tests.api.indicators.province import Province, build_province, local
from tests.api.inspections.builders import make_inspection, make_recommendation
from tests.api.plans.builders import make_plan, make_task
from tests.api.reception.helpers import make_petition, make_reception
from tests.api.reports.builders import make_annual_period, make_period, make_report
from tests.factories import make_user
from tests.test_contract import assert_problem


@pytest.fixture
def province(db, client, auth) -> Province:
    p = build_province(db, client, auth("admin"))
    complaint = {"case_type": CaseType.complaint, "field": PetitionField.land}
    make_petition(db, "T-DONG", **complaint, received_on=date(2026, 3, 2))
    make_petition(
        db,
        "T-DONG",
        **complaint,
        received_on=date(2026, 3, 2),
        status=PetitionStatus.in_resolution,
        accepted_on=date(2026, 3, 5),
    )
    answered = make_petition(
        db,
        "T-SO",
        case_type=CaseType.feedback,
        field=PetitionField.administrative_procedure,
        received_on=date(2026, 3, 2),
        status=PetitionStatus.resolved,
        decision_number="12/TB",
        decision_date=date(2026, 3, 5),
    )
    make_petition(  # 30 days from acceptance on 5/1: resolved late on 30/6
        db,
        "T-SO",
        case_type=CaseType.denunciation,
        field=PetitionField.other,
        received_on=date(2026, 1, 2),
        status=PetitionStatus.resolved,
        accepted_on=date(2026, 1, 5),
        decision_number="3/QĐ",
        decision_date=date(2026, 6, 30),
    )
    make_petition(  # sent again after the answer, and to a level above
        db,
        "T-DONG",
        case_type=CaseType.feedback,
        field=PetitionField.administrative_procedure,
        received_on=date(2026, 3, 2),
        duplicate_of_id=answered.id,
        sent_to_level_above=True,
    )
    make_petition(db, "T-DONG", **complaint, received_on=date(2025, 12, 30))  # 2025

    head = {"session_type": SessionType.head_periodic, "head_in_person": True}
    make_reception(db, "T-DONG", **head, received_at=local(2026, 3, 3, 8), group_size=6)
    make_reception(db, "T-DONG", **head, received_at=local(2026, 3, 17, 8))
    make_reception(db, "T-SO", **head, received_at=local(2026, 3, 10, 14))
    make_reception(db, "T-DONG", received_at=local(2026, 3, 20, 8), group_size=2)
    make_reception(db, "T-SO", **head, received_at=local(2025, 12, 31, 23, 30))
    make_reception(db, "T-MOI", **head, received_at=local(2026, 7, 7, 8))

    inspection = make_inspection(db, inspecting="T-SO", inspected="T-DONG")
    for due, status in (
        (date(2026, 4, 30), RecommendationStatus.open),
        (date(2026, 5, 31), RecommendationStatus.in_progress),
        (date(2099, 1, 1), RecommendationStatus.open),
        (date(2026, 4, 30), RecommendationStatus.verified),
    ):
        make_recommendation(db, inspection, responsible="T-DONG", due_on=due, status=status)

    plan = make_plan(db, p.trong.id, kind=PlanKind.other, title="Kế hoạch nhiệm vụ")
    make_task(db, plan, due_on=date(2026, 4, 1))
    make_task(db, plan, due_on=date(2026, 4, 1), status=TaskStatus.done, progress=100)
    make_task(db, plan, due_on=date(2099, 4, 1))
    return p


def _figures(group: dict) -> tuple:
    names = ("received", "resolved", "resolved_on_time", "on_time_rate", "open", "overdue")
    return tuple(group[n] for n in (*names, "prolonged", "over_level"))


def test_petition_figures(client, auth, province):
    body = client.get("/api/v1/dashboard?year=2026", headers=auth("thanhtra")).json()
    petitions = body["petitions"]
    assert _figures(petitions["total"]) == (5, 2, 1, 0.5, 3, 3, 2, 1)
    # Most overdue first.
    assert [(g["key"], _figures(g)) for g in petitions["by_unit"]] == [
        (str(province.dong.id), (3, 0, 0, None, 3, 3, 2, 1)),
        (str(province.so.id), (2, 2, 1, 0.5, 0, 0, 0, 0)),
    ]
    assert [(g["key"], g["received"], g["overdue"]) for g in petitions["by_field"]] == [
        ("land", 2, 2),
        ("administrative_procedure", 2, 1),
        ("other", 1, 0),
    ]
    assert [(g["key"], g["label"], g["received"]) for g in petitions["by_case_type"]] == [
        ("complaint", "Khiếu nại", 2),
        ("denunciation", "Tố cáo", 1),
        ("feedback", "Phản ánh", 2),
    ]


def test_receptions_and_the_heads_who_fall_short(client, auth, province):
    body = client.get("/api/v1/dashboard?year=2026", headers=auth("sonv")).json()
    assert body["receptions"] == {"sessions": 5, "head_in_person": 4, "crowd": 1, "citizens": 11}
    months = {m["month"]: m for m in body["head_reception"]}
    assert next(iter(months)) == "202601"
    march = months["202603"]
    assert march["label"] == "Tháng 3/2026"
    assert march["units_checked"] == 3  # SO, DONG, TRONG; MOI did not exist yet
    assert [
        (s["code"], s["rule"], s["required"], s["held"], s["days"]) for s in march["falling_short"]
    ] == [
        ("T-DONG", "weekly", 4, 2, 2),
        ("T-TRONG", "weekly", 4, 0, 0),
    ]
    april = {s["code"]: s for s in months["202604"]["falling_short"]}
    assert (april["T-SO"]["rule"], april["T-SO"]["required"], april["T-SO"]["held"]) == (
        "monthly",
        1,
        0,
    )
    # July 2026: the week of Thursday 2 July began before MOI existed, so four weeks count.
    moi = next(s for s in months["202607"]["falling_short"] if s["code"] == "T-MOI")
    assert (moi["required"], moi["held"], moi["days"]) == (4, 1, 1)


def test_satisfaction_counts_the_units_the_targets_count(client, auth, province):
    body = client.get("/api/v1/dashboard?year=2026", headers=auth("sonv")).json()
    satisfaction = body["satisfaction"]
    assert (satisfaction["target_all"], satisfaction["target_land_construction_investment"]) == (
        0.9,
        0.85,
    )
    # CT3a's 28/36: the deactivated unit's ten answers are not in it.
    assert (satisfaction["total"]["answers"], satisfaction["total"]["satisfied"]) == (36, 28)
    months = {m["key"]: (m["answers"], m["satisfied"]) for m in satisfaction["by_month"]}
    assert len(months) == 12
    # The survey result of 2026Q1 counts in March; MOI's 23:59 answer on 31/12 in December.
    assert (months["202602"], months["202603"], months["202604"], months["202612"]) == (
        (5, 3),
        (28, 23),
        (2, 1),
        (1, 1),
    )
    fields = {f["key"]: (f["answers"], f["rate"]) for f in satisfaction["by_field"]}
    assert fields == {
        "land": (25, 0.72),
        "construction": (2, 0.5),
        "justice": (1, 1.0),
        "other": (8, 1.0),
    }


def test_backlogs(client, auth, province):
    body = client.get("/api/v1/dashboard?year=2026", headers=auth("sonv")).json()
    assert body["recommendations"] == {
        "open": 3,
        "overdue": 2,
        "by_unit": [
            {
                "unit_id": province.dong.id,
                "code": "T-DONG",
                "name": province.dong.short_name,
                "open": 3,
                "overdue": 2,
            }
        ],
    }
    assert (body["plan_tasks"]["open"], body["plan_tasks"]["overdue"]) == (2, 1)
    assert [u["code"] for u in body["plan_tasks"]["by_unit"]] == ["T-TRONG"]


def test_a_unit_officer_sees_only_their_unit(client, auth, db, province):
    officer = make_user(db, role=Role.unit_officer, unit_id=province.so.id)
    db.commit()
    body = client.get("/api/v1/dashboard?year=2026", headers=auth(officer.username)).json()
    assert body["unit_id"] == province.so.id
    assert _figures(body["petitions"]["total"]) == (2, 2, 1, 0.5, 0, 0, 0, 0)
    assert [u["key"] for u in body["petitions"]["by_unit"]] == [str(province.so.id)]
    assert body["receptions"]["sessions"] == 1
    assert body["satisfaction"]["total"]["answers"] == 10
    assert body["recommendations"]["open"] == 0
    assert {s["code"] for m in body["head_reception"] for s in m["falling_short"]} <= {"T-SO"}
    other = client.get(
        f"/api/v1/dashboard?year=2026&unit_id={province.dong.id}", headers=auth(officer.username)
    )
    assert_problem(other, 404)


def test_one_unit_for_the_coordinator(client, auth, province):
    body = client.get(
        f"/api/v1/dashboard?year=2026&unit_id={province.dong.id}", headers=auth("sonv")
    ).json()
    assert _figures(body["petitions"]["total"]) == (3, 0, 0, None, 3, 3, 2, 1)
    assert body["satisfaction"]["total"]["answers"] == 25


def test_an_integration_client_may_not_read_it(client, auth):
    assert_problem(client.get("/api/v1/dashboard?year=2026"), 401)
    assert_problem(client.get("/api/v1/dashboard?year=20260", headers=auth("sonv")), 422)


def test_the_heads_rule_has_vietnamese_labels(client, auth, province):
    enums = client.get("/api/v1/meta/enums").json()
    labels = {c["value"]: c["label"] for c in enums["head_reception_rule"]}
    assert labels == {
        "weekly": "Ít nhất 1 ngày mỗi tuần (Chủ tịch UBND xã, phường)",
        "monthly": "Ít nhất 1 ngày mỗi tháng (thủ trưởng sở, ngành; Chủ tịch UBND tỉnh)",
    }
    body = client.get("/api/v1/dashboard?year=2026", headers=auth("sonv")).json()
    rules = {s["rule"] for m in body["head_reception"] for s in m["falling_short"]}
    assert rules == set(labels)


def test_reporting_completeness_of_the_periods_due_in_the_year(client, auth, db, province):
    period = make_period(db)
    make_annual_period(db, 2025)  # due in another year
    make_report(db, period, "T-SO", ReportStatus.accepted)
    make_report(
        db, period, "T-DONG", ReportStatus.submitted, first_submitted_at=local(2026, 6, 21, 8, 0)
    )
    make_report(db, period, "P-HOALU")

    body = client.get("/api/v1/dashboard?year=2026", headers=auth("sonv")).json()
    [reporting] = body["reporting"]
    assert (reporting["period_id"], reporting["label"]) == (period.id, period.label)
    assert reporting["expected"] == 3 and reporting["submitted"] == 2
    assert (
        reporting["on_time"] == 1 and reporting["share_on_time"] == 0.3333
    )  # rounded like the other rates
    assert reporting["counts"] == {
        "not_started": 1,
        "draft": 0,
        "submitted_on_time": 0,
        "submitted_late": 1,
        "returned": 0,
        "accepted": 1,
    }

    # A unit's own dashboard counts its own report only.
    officer = make_user(db, role=Role.unit_officer, unit_id=province.dong.id)
    db.commit()
    own = client.get("/api/v1/dashboard?year=2026", headers=auth(officer.username)).json()
    assert [(r["expected"], r["counts"]["submitted_late"]) for r in own["reporting"]] == [(1, 1)]
