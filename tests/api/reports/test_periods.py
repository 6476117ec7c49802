"""Reporting periods: default cut-off dates, the expected reports they create, who may."""

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from api.reports.models import ONE_PER_SPAN, ReportPeriod, UnitReport
from api.units.models import Unit
from tests.api.reports.builders import (
    API,
    audit_actions,
    count,
    make_annual_period,
    make_period,
    make_report,
)
from tests.factories import make_unit, unit_by_code
from tests.test_contract import assert_problem

DEPARTMENTS = {"kind": "annual", "year": 2026, "unit_kinds": ["department"]}


def _create(client, auth, body, username="sonv"):
    return client.post(f"{API}/report-periods", headers=auth(username), json=body)


def _departments(db) -> set[int]:
    return set(db.scalars(select(Unit.id).where(Unit.kind == "department", Unit.is_active)).all())


@pytest.mark.parametrize(
    ("kind", "data_from", "data_to", "deadline", "label"),
    [
        ("6_months", "2025-12-15", "2026-06-14", "2026-06-20", "Báo cáo 6 tháng đầu năm 2026"),
        ("annual", "2025-12-15", "2026-12-14", "2026-12-20", "Báo cáo năm 2026"),
    ],
)
def test_the_default_dates_are_the_decree_09_cut_offs(
    client, auth, db, kind, data_from, data_to, deadline, label
):
    response = _create(client, auth, {"kind": kind, "year": 2026, "unit_kinds": ["department"]})

    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["data_from"], body["data_to"], body["deadline"]) == (data_from, data_to, deadline)
    assert body["label"] == label and body["unit_kinds"] == ["department"]
    stored = db.get(ReportPeriod, body["id"])
    assert stored.data_from == date.fromisoformat(data_from)
    assert stored.data_to == date.fromisoformat(data_to)
    assert audit_actions(db, "report_periods", body["id"]) == ["create"]


def test_given_dates_and_label_override_the_defaults(client, auth, db):
    response = _create(
        client,
        auth,
        {
            "kind": "ad_hoc",
            "label": "Báo cáo đột xuất về tiếp công dân dịp Tết",
            "data_from": "2026-01-01",
            "data_to": "2026-02-28",
            "deadline": "2026-03-05",
            "unit_kinds": ["ward"],
        },
    )

    assert response.status_code == 201, response.text
    assert response.json()["label"] == "Báo cáo đột xuất về tiếp công dân dịp Tết"
    wards = db.scalar(
        select(func.count()).select_from(Unit).where(Unit.kind == "ward", Unit.is_active)
    )
    assert response.json()["expected_reports"] == wards == 32


def test_creating_a_period_creates_an_expected_report_per_unit_that_must_report(client, auth, db):
    closed = unit_by_code(db, "TTT")
    closed.is_active = False
    make_unit(db, code="S-MOI", kind="department", established_on=date(2026, 12, 15))
    make_unit(db, code="S-TRUOC", kind="department", established_on=date(2026, 12, 14))
    db.commit()

    response = _create(client, auth, DEPARTMENTS)

    assert response.status_code == 201, response.text
    expected = _departments(db) - {unit_by_code(db, "S-MOI").id}
    stored = db.scalars(
        select(UnitReport).where(UnitReport.period_id == response.json()["id"])
    ).all()
    assert {r.unit_id for r in stored} == expected
    assert closed.id not in expected and unit_by_code(db, "S-TRUOC").id in expected
    assert response.json()["expected_reports"] == len(expected)
    assert all(r.status == "draft" and r.figures["data_to"] == "2026-12-14" for r in stored)
    assert all(r.figures_computed_at is not None for r in stored)


def test_by_default_departments_communes_and_wards_report(client, auth, db):
    response = _create(client, auth, {"kind": "6_months", "year": 2027})

    assert response.status_code == 201, response.text
    kinds = db.scalars(
        select(Unit.kind)
        .join(UnitReport, UnitReport.unit_id == Unit.id)
        .where(UnitReport.period_id == response.json()["id"])
        .distinct()
    ).all()
    assert sorted(kinds) == ["commune", "department", "ward"]
    assert response.json()["expected_reports"] == 141


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "ad_hoc", "data_from": "2026-01-01", "data_to": "2026-02-01"},  # no deadline
        {"kind": "annual"},  # no year nor dates
        {"kind": "annual", "year": 2026, "data_from": "2027-01-01"},  # ends before it starts
        {"kind": "annual", "year": 2026, "deadline": "2025-01-01"},
        {"kind": "annual", "year": 1999},
        {"kind": "annual", "year": 2026, "unit_kinds": []},
        {"kind": "annual", "year": 2026, "unit_kinds": ["county"]},
        {"kind": "monthly", "year": 2026},
        {"kind": "annual", "year": 2026, "extra": 1},
    ],
)
def test_bad_input_is_422_and_creates_nothing(client, auth, db, body):
    periods, reports = count(db, ReportPeriod), count(db, UnitReport)

    assert_problem(_create(client, auth, body), 422)
    assert (count(db, ReportPeriod), count(db, UnitReport)) == (periods, reports)


def test_the_same_period_twice_is_409(client, auth, db):
    assert _create(client, auth, DEPARTMENTS).status_code == 201
    periods, reports = count(db, ReportPeriod), count(db, UnitReport)

    response = _create(client, auth, DEPARTMENTS)

    assert_problem(response, 409)
    assert response.json()["detail"] == "Đã có kỳ báo cáo cùng loại cho khoảng thời gian này"
    assert (count(db, ReportPeriod), count(db, UnitReport)) == (periods, reports)


def test_the_database_keeps_one_period_per_kind_and_span(db):
    """Two requests at once both pass any look-up: the unique index is what refuses."""
    first = make_annual_period(db, 2026)
    db.add(
        ReportPeriod(
            kind=first.kind,
            label="Trùng",
            data_from=first.data_from,
            data_to=first.data_to,
            deadline=first.deadline,
            unit_kinds=["ward"],
        )
    )
    with pytest.raises(IntegrityError) as raised:
        db.flush()
    assert raised.value.orig.diag.constraint_name == ONE_PER_SPAN


def test_ad_hoc_periods_may_cover_the_same_days(client, auth, db):
    body = {
        "kind": "ad_hoc",
        "data_from": "2026-01-01",
        "data_to": "2026-02-28",
        "deadline": "2026-03-05",
        "unit_kinds": ["ward"],
    }
    first = _create(client, auth, {**body, "label": "Đột xuất: Tết"})
    second = _create(client, auth, {**body, "label": "Đột xuất: tiếp công dân dịp Tết"})

    assert (first.status_code, second.status_code) == (201, 201), second.text
    labels = db.scalars(select(ReportPeriod.label).where(ReportPeriod.kind == "ad_hoc")).all()
    assert sorted(labels) == ["Đột xuất: Tết", "Đột xuất: tiếp công dân dịp Tết"]


@pytest.mark.parametrize("username", ["vanphong", "thanhtra", "lanhdao", "canbo.hoalu"])
def test_only_coordinator_and_admin_create_change_and_delete_periods(client, auth, db, username):
    period = make_period(db)
    periods, reports = count(db, ReportPeriod), count(db, UnitReport)
    headers = auth(username)

    assert_problem(_create(client, auth, DEPARTMENTS, username), 403)
    patched = client.patch(
        f"{API}/report-periods/{period.id}", headers=headers, json={"label": "Đổi"}
    )
    assert_problem(patched, 403)
    assert_problem(client.delete(f"{API}/report-periods/{period.id}", headers=headers), 403)
    assert (count(db, ReportPeriod), count(db, UnitReport)) == (periods, reports)
    db.expire_all()
    assert db.get(ReportPeriod, period.id).label == "Báo cáo 6 tháng đầu năm 2026"


def test_admin_creates_a_period(client, auth, db):
    response = _create(client, auth, DEPARTMENTS, "admin")

    assert response.status_code == 201, response.text
    assert db.get(ReportPeriod, response.json()["id"]) is not None


@pytest.mark.parametrize(
    "username", ["admin", "sonv", "vanphong", "thanhtra", "lanhdao", "canbo.hoalu"]
)
def test_every_role_reads_the_periods(client, auth, db, username):
    period = make_period(db)
    make_report(db, period)

    listed = client.get(f"{API}/report-periods", params={"year": 2026}, headers=auth(username))
    read = client.get(f"{API}/report-periods/{period.id}", headers=auth(username))

    assert listed.status_code == 200, listed.text
    assert period.id in [p["id"] for p in listed.json()["items"]]
    assert read.status_code == 200 and read.json()["expected_reports"] == 1
    assert read.headers["etag"] == '"1"'


def test_the_coordinator_moves_the_deadline_with_if_match(client, auth, db):
    period = make_period(db)
    headers = auth("sonv")

    stale = client.patch(
        f"{API}/report-periods/{period.id}",
        headers=headers | {"If-Match": '"9"'},
        json={"deadline": "2026-06-25"},
    )
    assert_problem(stale, 412)
    db.expire_all()
    assert db.get(ReportPeriod, period.id).deadline == date(2026, 6, 20)

    moved = client.patch(
        f"{API}/report-periods/{period.id}",
        headers=headers | {"If-Match": '"1"'},
        json={"deadline": "2026-06-25"},
    )
    assert moved.status_code == 200, moved.text
    assert moved.headers["etag"] == '"2"'
    db.expire_all()
    assert db.get(ReportPeriod, period.id).deadline == date(2026, 6, 25)
    assert audit_actions(db, "report_periods", period.id) == ["update"]


def test_a_period_is_deleted_only_while_no_report_was_sent(client, auth, db):
    untouched, sent = make_period(db), make_annual_period(db, 2026)
    draft_id = make_report(db, untouched).id
    make_report(db, sent, status="submitted")
    headers = auth("sonv")

    assert_problem(client.delete(f"{API}/report-periods/{sent.id}", headers=headers), 409)
    assert db.get(ReportPeriod, sent.id) is not None

    response = client.delete(f"{API}/report-periods/{untouched.id}", headers=headers)
    assert response.status_code == 204, response.text
    db.expire_all()
    assert db.get(ReportPeriod, untouched.id) is None and db.get(UnitReport, draft_id) is None
    assert audit_actions(db, "report_periods", untouched.id) == ["delete"]
