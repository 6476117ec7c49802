"""Survey results: counts per level for a unit, period, field and source."""

import csv
import io
from datetime import date

import pytest
from sqlalchemy import func, select

from api.audit.models import AuditEvent
from api.auth.enums import Role
from api.surveys.models import SurveyResult
from tests.factories import bearer_for, make_user, unit_by_code
from tests.test_contract import assert_problem

URL = "/api/v1/survey-results"


def payload(**fields):
    body = {
        "period": "2026Q1",
        "field": "land",
        "source": "survey",
        "very_satisfied": 40,
        "satisfied": 45,
        "neutral": 10,
        "dissatisfied": 5,
    }
    body.update(fields)
    return body


def count_results(db) -> int:
    return db.scalar(select(func.count()).select_from(SurveyResult))


def test_a_unit_officer_records_their_units_result(client, auth, db):
    response = client.post(URL, json=payload(period="2026q2"), headers=auth("canbo.hoalu"))

    assert response.status_code == 201, response.text
    body = response.json()
    hoalu = unit_by_code(db, "P-HOALU")
    assert body["unit_id"] == hoalu.id  # their own unit when unit_id is left out
    assert (body["period"], body["starts_on"], body["ends_on"]) == (
        "2026Q2",
        "2026-04-01",
        "2026-06-30",
    )
    assert body["answers"] == 100 and response.headers["etag"] == '"1"'
    stored = db.get(SurveyResult, body["id"])
    assert (stored.period, stored.starts_on, stored.ends_on) == (
        "2026Q2",
        date(2026, 4, 1),
        date(2026, 6, 30),
    )
    event = db.scalar(select(AuditEvent).where(AuditEvent.entity == "survey_results"))
    assert (event.action, event.unit_id) == ("create", hoalu.id)


def test_zero_counts_are_allowed(client, auth, db):
    zeros = payload(very_satisfied=0, satisfied=0, neutral=0, dissatisfied=0)
    zeros["unit_id"] = unit_by_code(db, "SNV").id

    response = client.post(URL, json=zeros, headers=auth("sonv"))

    assert response.status_code == 201, response.text
    assert response.json()["answers"] == 0
    assert count_results(db) == 1


@pytest.mark.parametrize(
    ("fields", "loc"),
    [
        ({"satisfied": -1}, ["body", "satisfied"]),
        ({"dissatisfied": 1.5}, ["body", "dissatisfied"]),
        ({"period": "2026Q5"}, ["body", "period"]),
        ({"period": "2026-03"}, ["body", "period"]),
        ({"period": "1990"}, ["body", "period"]),
        ({"field": "space"}, ["body", "field"]),
        ({"source": "rumour"}, ["body", "source"]),
        ({"neutral": None}, ["body", "neutral"]),
        ({"unit_id": 987654}, ["body", "unit_id"]),
        ({"note": "x" * 1001}, ["body", "note"]),
    ],
)
def test_bad_result_is_422_and_writes_nothing(client, auth, db, fields, loc):
    body = payload(**fields)
    body.setdefault("unit_id", unit_by_code(db, "SNV").id)

    problem = assert_problem(client.post(URL, json=body, headers=auth("vanphong")), 422)

    assert loc in [e["loc"] for e in problem["errors"]]
    assert count_results(db) == 0


def test_a_person_without_a_unit_must_name_one(client, db):
    coordinator = make_user(db, role=Role.coordinator)  # no unit of their own
    db.commit()

    problem = assert_problem(
        client.post(URL, json=payload(), headers=bearer_for(db, coordinator.username)), 422
    )

    assert problem["errors"][0]["loc"] == ["body", "unit_id"]
    assert count_results(db) == 0


def test_the_same_unit_period_field_and_source_is_409(client, auth, db, make_survey_result):
    make_survey_result(period="2026Q1", field="land", source="survey")

    problem = assert_problem(client.post(URL, json=payload(), headers=auth("canbo.hoalu")), 409)

    assert problem["errors"][0]["loc"] == ["body", "period"]
    assert count_results(db) == 1
    # Another source for the same period and field is another record.
    other = client.post(URL, json=payload(source="spreadsheet"), headers=auth("canbo.hoalu"))
    assert other.status_code == 201
    assert count_results(db) == 2


def test_an_update_into_a_taken_slot_is_409_and_changes_nothing(
    client, auth, db, make_survey_result
):
    make_survey_result(period="2026Q1")
    second = make_survey_result(period="2026Q2")

    problem = assert_problem(
        client.patch(f"{URL}/{second.id}", json={"period": "2026Q1"}, headers=auth("sonv")), 409
    )

    assert problem["status"] == 409
    db.expire_all()
    assert db.get(SurveyResult, second.id).period == "2026Q2"


def test_update_recomputes_the_period_days_and_checks_the_version(
    client, auth, db, make_survey_result
):
    result = make_survey_result(period="2026Q1")
    headers = {**auth("canbo.hoalu"), "If-Match": '"1"'}

    response = client.patch(
        f"{URL}/{result.id}", json={"period": "202605", "neutral": 0}, headers=headers
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["period"], body["starts_on"], body["ends_on"], body["neutral"]) == (
        "202605",
        "2026-05-01",
        "2026-05-31",
        0,
    )
    assert response.headers["etag"] == '"2"'
    stale = client.patch(f"{URL}/{result.id}", json={"neutral": 7}, headers=headers)
    assert_problem(stale, 412)
    db.expire_all()
    stored = db.get(SurveyResult, result.id)
    assert (stored.neutral, stored.ends_on, stored.version) == (0, date(2026, 5, 31), 2)
    actions = db.scalars(select(AuditEvent.action).where(AuditEvent.entity == "survey_results"))
    assert list(actions) == ["update"]


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"satisfied": -3}, ["body", "satisfied"]),
        ({"period": None}, ["body", "period"]),
        ({"period": "2026S3"}, ["body", "period"]),
        ({"unit_id": 987654}, ["body", "unit_id"]),
    ],
)
def test_bad_update_is_422_and_changes_nothing(client, auth, db, make_survey_result, body, loc):
    result = make_survey_result(period="2026Q1", satisfied=20)

    problem = assert_problem(
        client.patch(f"{URL}/{result.id}", json=body, headers=auth("sonv")), 422
    )

    assert loc in [e["loc"] for e in problem["errors"]]
    db.expire_all()
    stored = db.get(SurveyResult, result.id)
    assert (stored.period, stored.satisfied, stored.version) == ("2026Q1", 20, 1)


def test_a_unit_officer_cannot_move_a_result_to_another_unit(client, auth, db, make_survey_result):
    result = make_survey_result()

    assert_problem(
        client.patch(
            f"{URL}/{result.id}",
            json={"unit_id": unit_by_code(db, "X-GIAVIEN").id},
            headers=auth("canbo.hoalu"),
        ),
        403,
    )

    db.expire_all()
    assert db.get(SurveyResult, result.id).unit_id == unit_by_code(db, "P-HOALU").id


def test_list_filters_by_year_period_field_source_and_unit(client, auth, db, make_survey_result):
    q1 = make_survey_result(period="2026Q1", field="land")
    march = make_survey_result(period="202603", field="construction", source="spreadsheet")
    year = make_survey_result(period="2026", field="investment")
    last_year = make_survey_result(period="2025S2")
    other_unit = make_survey_result("X-GIAVIEN", period="2026Q1")

    def ids(**params):
        response = client.get(URL, params=params, headers=auth("sonv"))
        assert response.status_code == 200, response.text
        return {item["id"] for item in response.json()["items"]}

    assert ids(year=2026) == {q1.id, march.id, year.id, other_unit.id}
    assert ids(period="2025") == {last_year.id}
    # A period filter finds the results lying within it.
    assert ids(period="2026Q1", unit_id=q1.unit_id) == {q1.id, march.id}
    assert ids(period="202603") == {march.id}
    assert ids(field="investment") == {year.id}
    assert ids(source="spreadsheet") == {march.id}
    assert ids(unit_id=other_unit.unit_id) == {other_unit.id}
    assert_problem(client.get(URL, params={"period": "2026Q9"}, headers=auth("sonv")), 422)


def test_csv_export_has_vietnamese_headers(client, auth, db, make_survey_result):
    make_survey_result(period="2026Q1", note="Khảo sát tại bộ phận một cửa")

    response = client.get(URL, params={"format": "csv"}, headers=auth("lanhdao"))

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Mã số",
        "Đơn vị",
        "Kỳ",
        "Lĩnh vực",
        "Nguồn",
        "Rất hài lòng",
        "Hài lòng",
        "Bình thường",
        "Không hài lòng",
        "Tổng số ý kiến",
        "Ghi chú",
    ]
    assert rows[1][1:] == [
        unit_by_code(db, "P-HOALU").name,
        "Quý I/2026",
        "Đất đai",
        "Khảo sát, điều tra xã hội học",
        "10",
        "20",
        "5",
        "5",
        "40",
        "Khảo sát tại bộ phận một cửa",
    ]


def test_q_ignores_diacritics(client, auth, make_survey_result):
    wanted = make_survey_result(note="Phiếu khảo sát Đợt 1")
    make_survey_result(period="2026Q2", note="Khác")

    response = client.get(URL, params={"q": "phieu khao sat dot"}, headers=auth("sonv"))

    assert [item["id"] for item in response.json()["items"]] == [wanted.id]


def test_delete_removes_and_audits(client, auth, db, make_survey_result):
    result = make_survey_result()
    result_id = result.id

    response = client.delete(
        f"{URL}/{result_id}", headers={**auth("canbo.hoalu"), "If-Match": '"1"'}
    )

    assert response.status_code == 204
    db.expire_all()
    assert db.get(SurveyResult, result_id) is None
    event = db.scalar(
        select(AuditEvent).where(
            AuditEvent.entity == "survey_results", AuditEvent.action == "delete"
        )
    )
    assert event.before["period"] == "2026Q1" and event.entity_id == str(result_id)
