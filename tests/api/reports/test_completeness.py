"""Completeness: where each unit stands for a period, lateness judged against the end of the
deadline's day in Asia/Ho_Chi_Minh."""

from datetime import date, datetime

import pytest

from api.reports import periods
from api.reports.enums import ReportStatus
from api.reports.models import UnitReport
from api.reports.periods import completeness_for_year
from tests.api.reports.builders import (
    API,
    act,
    fresh,
    local,
    make_annual_period,
    make_period,
    make_report,
)
from tests.test_contract import assert_problem

Status = ReportStatus


def _at(monkeypatch, moment: datetime) -> None:
    monkeypatch.setattr(periods, "now", lambda: moment)


@pytest.mark.parametrize(
    ("moment", "late", "completeness"),
    [
        (local(2026, 6, 20, 23, 59, 59), False, "submitted_on_time"),
        (local(2026, 6, 21, 0, 0, 0), True, "submitted_late"),
        # 23:30 UTC on the 20th is 06:30 on the 21st in Ninh Bình: late.
        (datetime.fromisoformat("2026-06-20T23:30:00+00:00"), True, "submitted_late"),
        # 16:59 UTC on the 20th is 23:59 in Ninh Bình: on time.
        (datetime.fromisoformat("2026-06-20T16:59:00+00:00"), False, "submitted_on_time"),
    ],
)
def test_lateness_at_the_deadline_boundary(
    client, auth, db, monkeypatch, moment, late, completeness
):
    report = make_report(db, make_period(db, deadline=date(2026, 6, 20)))
    _at(monkeypatch, moment)

    response = act(client, auth("canbo.hoalu"), report.id, action="submit")

    assert response.status_code == 200, response.text
    assert response.json()["late"] is late
    assert response.json()["completeness"] == completeness
    assert fresh(db, UnitReport, report.id).first_submitted_at == moment


def test_a_resubmission_after_the_deadline_keeps_the_first_submissions_timeliness(
    client, auth, db, monkeypatch
):
    report = make_report(db, make_period(db, deadline=date(2026, 6, 20)))
    unit = auth("canbo.hoalu")
    _at(monkeypatch, local(2026, 6, 19, 10, 0))
    act(client, unit, report.id, action="submit")
    act(client, auth("sonv"), report.id, action="return", comment="Bổ sung")
    _at(monkeypatch, local(2026, 6, 25, 10, 0))

    response = act(client, unit, report.id, action="resubmit")

    assert response.json()["late"] is False
    assert response.json()["completeness"] == "submitted_on_time"
    stored = fresh(db, UnitReport, report.id)
    assert stored.first_submitted_at == local(2026, 6, 19, 10, 0)
    assert stored.submitted_at == local(2026, 6, 25, 10, 0)


def _board(db, deadline=date(2026, 6, 20)):
    """Six departments in each state, and P-HOALU."""
    period = make_period(db, deadline=deadline)
    on_time, late = local(2026, 6, 18, 9, 0), local(2026, 6, 22, 9, 0)
    make_report(db, period, unit="SNV")  # not started
    make_report(db, period, unit="TTT", started_at=on_time)  # draft
    make_report(db, period, unit="P-HOALU", status=Status.submitted)  # on time
    make_report(
        db,
        period,
        unit="VPUBND",
        status=Status.submitted,
        first_submitted_at=late,
        submitted_at=late,
    )
    make_report(db, period, unit="MTTQ", status=Status.returned)  # first sent on time
    make_report(db, period, unit="UBND", status=Status.accepted)
    return period


def test_the_completeness_board(client, auth, db, monkeypatch):
    period = _board(db)
    _at(monkeypatch, local(2026, 7, 1, 8, 0))

    response = client.get(f"{API}/report-periods/{period.id}/status", headers=auth("sonv"))

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["counts"] == {
        "not_started": 1,
        "draft": 1,
        "submitted_on_time": 1,
        "submitted_late": 1,
        "returned": 1,
        "accepted": 1,
    }
    assert (body["expected"], body["submitted"], body["on_time"]) == (6, 4, 3)
    assert body["share_on_time"] == 0.5 and body["deadline_passed"] is True
    lines = {line["unit"]["code"]: line for line in body["units"]}
    assert lines["VPUBND"]["late"] is True and lines["VPUBND"]["missing"] is False
    assert lines["SNV"]["missing"] is True and lines["TTT"]["missing"] is True
    assert lines["P-HOALU"]["late"] is False and lines["SNV"]["late"] is None
    assert lines["UBND"]["completeness"] == "accepted"


def test_before_the_deadline_nobody_is_missing(client, auth, db, monkeypatch):
    period = _board(db)
    _at(monkeypatch, local(2026, 6, 20, 23, 59))

    body = client.get(f"{API}/report-periods/{period.id}/status", headers=auth("sonv")).json()

    assert body["deadline_passed"] is False
    assert not any(line["missing"] for line in body["units"])


def test_the_board_filters_by_completeness(client, auth, db):
    period = _board(db)

    response = client.get(
        f"{API}/report-periods/{period.id}/status",
        params={"completeness": ["submitted_late", "not_started"]},
        headers=auth("lanhdao"),
    )

    assert response.status_code == 200, response.text
    assert sorted(line["unit"]["code"] for line in response.json()["units"]) == ["SNV", "VPUBND"]
    assert response.json()["expected"] == 6  # the counts stay those of the whole period


def test_a_unit_officer_sees_only_their_own_line(client, auth, db):
    period = _board(db)

    body = client.get(
        f"{API}/report-periods/{period.id}/status", headers=auth("canbo.hoalu")
    ).json()

    assert [line["unit"]["code"] for line in body["units"]] == ["P-HOALU"]
    assert body["expected"] == 1


def test_an_unknown_period_is_404(client, auth):
    assert_problem(client.get(f"{API}/report-periods/999999/status", headers=auth("sonv")), 404)


def test_completeness_for_a_year_is_the_dashboards_figure(db, monkeypatch):
    june = _board(db)
    december = make_annual_period(db, 2026)
    make_report(db, december, unit="SNV")
    make_annual_period(db, 2025)

    figures = completeness_for_year(db, 2026)

    ours = [f for f in figures if f.period_id in (june.id, december.id)]
    assert [f.period_id for f in ours] == [june.id, december.id]
    assert (ours[0].expected, ours[0].on_time, ours[0].share_on_time) == (6, 3, 0.5)
    assert ours[0].counts.submitted_late == 1
    assert (ours[1].expected, ours[1].submitted, ours[1].counts.not_started) == (1, 0, 1)
    assert all(f.deadline.year == 2026 for f in figures)
