"""A report's figures: computed from the unit's records over the period's days, refreshed on
demand while the unit has the report, frozen once it is sent."""

from datetime import date

import pytest

from api.activities.models import Activity
from api.reception.models import Petition, Reception
from api.reports.enums import ReportStatus
from api.reports.figures import Window, _whole_months
from api.reports.models import UnitReport
from api.surveys.models import Evaluation, SurveyResult
from tests.api.inspections.builders import make_inspection, make_recommendation
from tests.api.reports.builders import API, act, fresh, local, make_period, make_report, store
from tests.factories import unit_by_code

_n = iter(range(1, 10_000))


def _evaluation(db, unit_id: int, at, level: str = "satisfied") -> None:
    store(
        db,
        Evaluation(
            source="portal",
            external_id=f"DG-R-{next(_n)}",
            unit_id=unit_id,
            dossier_code="H42.22-260301-0001",
            field="land",
            level=level,
            evaluated_at=at,
            channel="portal",
        ),
    )


def _reception(db, unit_id: int, at, session_type="regular", head=False, size=1) -> None:
    store(
        db,
        Reception(
            unit_id=unit_id,
            received_at=at,
            session_type=session_type,
            receiver_name="Nguyễn Văn B",
            head_in_person=head,
            citizen_name="Trần Thị C",
            group_size=size,
            content="Hỏi về thủ tục cấp giấy chứng nhận quyền sử dụng đất",
            field="land",
            case_type="recommendation",
            result="guided",
        ),
    )


def _petition(db, unit_id: int, received_on, **fields) -> None:
    values = {
        "unit_id": unit_id,
        "case_type": "complaint",
        "field": "land",
        "source": "mail",
        "received_on": received_on,
        "petitioner_name": "Lê Văn D",
        "summary": "Khiếu nại quyết định thu hồi đất",
    }
    store(db, Petition(**(values | fields)))


def _records(db, unit_id: int) -> None:
    """Inside the window 15/12/2025–14/06/2026, and just outside it."""
    _evaluation(db, unit_id, local(2025, 12, 14, 23, 59), "dissatisfied")  # out
    _evaluation(db, unit_id, local(2025, 12, 15, 0, 0), "very_satisfied")  # first day
    _evaluation(db, unit_id, local(2026, 3, 10, 9, 0), "satisfied")  # a whole month
    _evaluation(db, unit_id, local(2026, 6, 14, 23, 59), "dissatisfied")  # last day
    _evaluation(db, unit_id, local(2026, 6, 15, 0, 0), "satisfied")  # out
    store(
        db,
        SurveyResult(
            unit_id=unit_id,
            period="2026Q1",
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 3, 31),
            field="land",
            source="survey",
            very_satisfied=3,
            satisfied=4,
            neutral=2,
            dissatisfied=1,
        ),
    )
    _reception(db, unit_id, local(2026, 1, 8, 8, 0))
    _reception(db, unit_id, local(2026, 2, 5, 8, 0))
    _reception(db, unit_id, local(2026, 3, 5, 8, 0), "head_periodic", head=True, size=6)
    _reception(db, unit_id, local(2026, 6, 15, 8, 0))  # out
    _petition(
        db,
        unit_id,
        date(2026, 1, 10),
        status="resolved",
        decision_date=date(2026, 2, 20),
        resolution_due_on=date(2026, 3, 1),
    )
    _petition(db, unit_id, date(2026, 3, 2), status="in_resolution", due_on=date(2026, 5, 1))
    _petition(db, unit_id, date(2026, 4, 2), case_type="feedback", field="other")
    for kind, held_on, participants in (
        ("training", date(2026, 2, 1), 20),
        ("dialogue", date(2026, 4, 15), 50),
        ("dialogue", date(2026, 7, 1), 40),  # out
    ):
        store(
            db,
            Activity(
                unit_id=unit_id,
                kind=kind,
                held_on=held_on,
                title=f"Hoạt động {kind}",
                participants=participants,
            ),
        )
    inspection = make_inspection(db)  # by Thanh tra tỉnh, of P-HOALU, 02/03/2026
    make_recommendation(db, inspection, due_on=date(2026, 4, 1))  # open: overdue on 14/06


def test_figures_from_the_records_of_the_period(client, auth, db):
    report = make_report(db)
    _records(db, report.unit_id)

    response = act(client, auth("canbo.hoalu"), report.id, action="refresh")

    assert response.status_code == 200, response.text
    f = response.json()["figures"]
    assert (f["data_from"], f["data_to"], f["as_of"], f["year"]) == (
        "2025-12-15",
        "2026-06-14",
        "2026-06-14",
        2026,
    )
    # 3 evaluations in the window + the Q1 survey (10 answers).
    assert f["satisfaction"]["levels"] == {
        "very_satisfied": 4,
        "satisfied": 5,
        "neutral": 2,
        "dissatisfied": 2,
    }
    assert f["satisfaction"]["answers"] == 13 and f["satisfaction"]["rate"] == round(9 / 13, 4)
    assert f["receptions"] == {
        "sessions": 3,
        "citizens": 8,
        "head_in_person": 1,
        "by_session_type": {"regular": 2, "head_periodic": 1},
    }
    p = f["petitions"]
    assert (p["received"], p["resolved"], p["resolved_on_time"], p["overdue"]) == (3, 1, 1, 1)
    assert p["by_case_type"]["complaint"]["received"] == 2
    assert p["by_field"]["other"] == {
        "received": 1,
        "resolved": 0,
        "resolved_on_time": 0,
        "overdue": 0,
    }
    assert f["inspections"]["received"] == 1
    assert f["inspections"]["recommendations"] == 1
    assert f["inspections"]["recommendations_overdue"] == 1
    assert f["trainings"] == {"held": 1, "participants": 20, "officials_trained": 0}
    assert f["dialogues"] == {"held": 1, "participants": 50}
    codes = [t["code"] for t in f["targets"]]
    assert codes == ["CT1", "CT2", "CT3a", "CT3b", "CT4b", "CT5", "CT6"]  # a ward: no CT4a
    assert fresh(db, UnitReport, report.id).figures == f


def test_a_department_has_ct4a_but_not_ct4b_and_the_front_no_targets(client, auth, db):
    period = make_period(db)
    department = make_report(db, period, unit="SNV")
    front = make_report(db, period, unit="MTTQ")

    targets = act(client, auth("canbo.snv"), department.id, action="refresh").json()
    front_figures = act(client, auth("admin"), front.id, action="refresh").json()

    assert "CT4a" in [t["code"] for t in targets["figures"]["targets"]]
    assert "CT4b" not in [t["code"] for t in targets["figures"]["targets"]]
    assert front_figures["figures"]["targets"] == []


def test_figures_change_on_refresh_while_draft(client, auth, db):
    report = make_report(db)
    unit = auth("canbo.hoalu")
    act(client, unit, report.id, action="refresh")
    _reception(db, report.unit_id, local(2026, 5, 5, 8, 0))

    unchanged = client.get(f"{API}/reports/{report.id}", headers=unit).json()
    refreshed = act(client, unit, report.id, action="refresh").json()

    assert unchanged["figures"]["receptions"]["sessions"] == 0  # stored until refreshed
    assert refreshed["figures"]["receptions"]["sessions"] == 1
    assert fresh(db, UnitReport, report.id).figures["receptions"]["sessions"] == 1


def test_figures_are_frozen_at_submission(client, auth, db):
    report = make_report(db)
    unit_id = report.unit_id
    _reception(db, unit_id, local(2026, 5, 5, 8, 0))
    submitted = act(client, auth("canbo.hoalu"), report.id, action="submit").json()
    assert submitted["figures"]["receptions"]["sessions"] == 1  # computed as it is sent
    frozen = fresh(db, UnitReport, report.id).figures

    _reception(db, unit_id, local(2026, 5, 6, 8, 0))
    _petition(db, unit_id, date(2026, 5, 6))
    _evaluation(db, unit_id, local(2026, 5, 6, 8, 0))
    accepted = act(client, auth("sonv"), report.id, action="accept").json()
    read = client.get(f"{API}/reports/{report.id}", headers=auth("sonv")).json()

    assert accepted["figures"] == read["figures"] == submitted["figures"]
    assert read["figures"]["receptions"]["sessions"] == 1
    assert read["figures"]["petitions"]["received"] == 0
    assert fresh(db, UnitReport, report.id).figures == frozen


def test_a_period_computes_every_reports_figures_when_it_is_created(client, auth, db):
    _reception(db, unit_by_code(db, "SNV").id, local(2026, 3, 5, 8, 0))

    response = client.post(
        f"{API}/report-periods",
        headers=auth("sonv"),
        json={"kind": "6_months", "year": 2026, "unit_kinds": ["department"]},
    )

    assert response.status_code == 201, response.text
    report = (
        db.query(UnitReport)
        .filter_by(period_id=response.json()["id"], unit_id=unit_by_code(db, "SNV").id)
        .one()
    )
    assert report.figures["receptions"]["sessions"] == 1
    assert report.status is ReportStatus.draft


@pytest.mark.parametrize(
    ("data_from", "data_to", "months"),
    [
        (date(2025, 12, 15), date(2026, 6, 14), (date(2026, 1, 1), date(2026, 5, 1))),
        (date(2026, 1, 1), date(2026, 6, 30), (date(2026, 1, 1), date(2026, 6, 1))),
        (date(2026, 1, 10), date(2026, 2, 20), None),
        (date(2026, 2, 1), date(2026, 2, 28), (date(2026, 2, 1), date(2026, 2, 1))),
    ],
)
def test_whole_months_are_read_from_the_monthly_counts(data_from, data_to, months):
    assert _whole_months(Window(data_from, data_to)) == months
