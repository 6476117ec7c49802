"""Single evaluations: create by unit id, code or agency code; list filters; edits; CSV."""

import csv
import io
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from api.audit.models import AuditEvent
from api.config import PROVINCE_TZ
from api.surveys.models import Evaluation
from tests.api.surveys.conftest import local
from tests.factories import unit_by_code
from tests.test_contract import assert_problem

URL = "/api/v1/evaluations"


def payload(**fields):
    body = {
        "source": "manual",
        "external_id": "PHIEU-2026-0001",
        "unit_code": "P-HOALU",
        "dossier_code": "H42.22-260301-0001",
        "procedure_code": "1.004227",
        "field": "land",
        "level": "satisfied",
        "evaluated_at": "2026-03-01T09:15:00+07:00",
        "channel": "paper",
    }
    body.update(fields)
    return {k: v for k, v in body.items() if v is not None}


def count_evaluations(db) -> int:
    return db.scalar(select(func.count()).select_from(Evaluation))


@pytest.mark.parametrize("reference", ["unit_id", "unit_code", "agency_code"])
def test_office_creates_an_evaluation_naming_the_unit_any_way(client, auth, db, reference):
    unit = unit_by_code(db, "P-HOALU")
    unit.agency_code = "000.00.00.H42"
    db.commit()
    named = {"unit_id": unit.id, "unit_code": "P-HOALU", "agency_code": "000.00.00.H42"}
    body = payload(**{"unit_code": None, reference: named[reference]})

    response = client.post(URL, json=body, headers=auth("vanphong"))

    assert response.status_code == 201, response.text
    created = response.json()
    assert created["unit_id"] == unit.id
    assert created["level"] == "satisfied" and created["version"] == 1
    assert response.headers["etag"] == '"1"'
    stored = db.get(Evaluation, created["id"])
    assert stored.unit_id == unit.id
    assert stored.evaluated_at == local(2026, 3, 1, 9, 15)
    event = db.scalar(select(AuditEvent).where(AuditEvent.entity == "evaluations"))
    assert (event.action, event.entity_id, event.unit_id) == ("create", str(stored.id), unit.id)


@pytest.mark.parametrize(
    ("fields", "loc"),
    [
        ({"unit_code": "X-KHONGCO"}, ["body", "unit_code"]),
        ({"unit_code": None, "agency_code": "999.99.99.Z99"}, ["body", "agency_code"]),
        ({"unit_code": None, "unit_id": 987654}, ["body", "unit_id"]),
        ({"unit_code": None}, ["body"]),
        ({"unit_id": 1}, ["body"]),  # two references at once
        ({"level": "happy"}, ["body", "level"]),
        ({"field": "space"}, ["body", "field"]),
        ({"channel": "fax"}, ["body", "channel"]),
        ({"source": "email"}, ["body", "source"]),
        ({"evaluated_at": "2026-03-01T09:15:00"}, ["body", "evaluated_at"]),  # no offset
        ({"external_id": ""}, ["body", "external_id"]),
        ({"external_id": "has space"}, ["body", "external_id"]),
        ({"dossier_code": "x" * 65}, ["body", "dossier_code"]),
        ({"surprise": 1}, ["body", "surprise"]),
    ],
)
def test_bad_evaluation_is_422_and_writes_nothing(client, auth, db, fields, loc):
    before = count_evaluations(db)

    body = assert_problem(client.post(URL, json=payload(**fields), headers=auth("vanphong")), 422)

    assert loc in [e["loc"] for e in body["errors"]]
    assert count_evaluations(db) == before


def test_an_evaluation_in_the_future_is_refused(client, auth, db):
    tomorrow = (datetime.now(PROVINCE_TZ) + timedelta(days=1)).isoformat()
    before = count_evaluations(db)

    body = assert_problem(
        client.post(URL, json=payload(evaluated_at=tomorrow), headers=auth("vanphong")), 422
    )

    assert body["errors"][0]["loc"] == ["body", "evaluated_at"]
    assert "tương lai" in body["errors"][0]["msg"]
    assert count_evaluations(db) == before


def test_the_same_external_id_from_the_same_source_is_409(client, auth, db, make_evaluation):
    make_evaluation(source="manual", external_id="PHIEU-2026-0001")
    before = count_evaluations(db)

    body = assert_problem(client.post(URL, json=payload(), headers=auth("vanphong")), 409)

    assert body["errors"][0]["loc"] == ["body", "external_id"]
    assert count_evaluations(db) == before
    # Another source may use the same external id.
    other_source = client.post(URL, json=payload(source="kiosk"), headers=auth("vanphong"))
    assert other_source.status_code == 201


def test_list_filters_by_unit_field_level_and_source(client, auth, db, make_evaluation):
    hoalu = make_evaluation(field="land", level="very_satisfied")
    make_evaluation(field="construction", level="dissatisfied")
    make_evaluation("X-GIAVIEN", field="land", source="kiosk")

    def ids(**params):
        response = client.get(URL, params=params, headers=auth("sonv"))
        assert response.status_code == 200, response.text
        return {item["id"] for item in response.json()["items"]}

    hoalu_id = unit_by_code(db, "P-HOALU").id
    assert len(ids(unit_id=hoalu_id)) == 2
    assert ids(unit_id=hoalu_id, field="land") == {hoalu.id}
    assert ids(level="very_satisfied") == {hoalu.id}
    assert len(ids(source="kiosk")) == 1
    assert assert_problem(client.get(URL, params={"level": "x"}, headers=auth("sonv")), 422)


def test_year_is_the_calendar_year_in_the_province(client, auth, make_evaluation):
    last_minute = make_evaluation(evaluated_at=local(2026, 12, 31, 23, 59))
    new_year = make_evaluation(evaluated_at=local(2027, 1, 1, 0, 0))  # 2026-12-31 17:00 UTC

    def ids(year):
        response = client.get(URL, params={"year": year}, headers=auth("sonv"))
        return {item["id"] for item in response.json()["items"]}

    assert last_minute.id in ids(2026) and new_year.id not in ids(2026)
    assert new_year.id in ids(2027) and last_minute.id not in ids(2027)


def test_from_and_to_are_whole_days_in_the_province(client, auth, make_evaluation):
    first = make_evaluation(evaluated_at=local(2026, 3, 1, 0, 0))
    last = make_evaluation(evaluated_at=local(2026, 3, 31, 23, 59))
    after = make_evaluation(evaluated_at=local(2026, 4, 1, 0, 0))

    response = client.get(
        URL, params={"from": "2026-03-01", "to": "2026-03-31"}, headers=auth("sonv")
    )

    assert response.status_code == 200
    found = {item["id"] for item in response.json()["items"]}
    assert {first.id, last.id} <= found and after.id not in found
    backwards = client.get(
        URL, params={"from": "2026-03-31", "to": "2026-03-01"}, headers=auth("sonv")
    )
    assert assert_problem(backwards, 422)["errors"][0]["loc"] == ["query", "to"]


def test_q_finds_dossier_and_procedure_codes_ignoring_case(client, auth, make_evaluation):
    wanted = make_evaluation(dossier_code="H42.22-ĐẤT-0099", procedure_code="2.000889")
    make_evaluation()

    def ids(q):
        response = client.get(URL, params={"q": q}, headers=auth("sonv"))
        return [item["id"] for item in response.json()["items"]]

    assert ids("h42.22-dat-0099") == [wanted.id]
    assert ids("2.000889") == [wanted.id]


def test_sort_by_evaluated_at(client, auth, make_evaluation):
    older = make_evaluation(evaluated_at=local(2026, 1, 5, 8, 0))
    newer = make_evaluation(evaluated_at=local(2026, 2, 5, 8, 0))

    response = client.get(URL, params={"sort": "evaluated_at"}, headers=auth("sonv"))
    order = [item["id"] for item in response.json()["items"]]
    assert order.index(older.id) < order.index(newer.id)
    assert_problem(client.get(URL, params={"sort": "search_text"}, headers=auth("sonv")), 422)


def test_csv_export_has_vietnamese_headers_and_the_whole_list(client, auth, db, make_evaluation):
    for _ in range(3):
        make_evaluation(level="very_satisfied")

    response = client.get(URL, params={"format": "csv", "limit": 1}, headers=auth("sonv"))

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Mã số", "Nguồn", "Mã đánh giá gốc", "Đơn vị"]
    assert len(rows) == 4
    assert rows[1][7] == "Rất hài lòng"
    assert rows[1][3] == unit_by_code(db, "P-HOALU").name
    assert rows[1][8] == "01/03/2026 09:15"


def test_update_with_a_stale_etag_is_412_and_changes_nothing(client, auth, db, make_evaluation):
    evaluation = make_evaluation(level="neutral")
    headers = {**auth("vanphong"), "If-Match": '"1"'}

    response = client.patch(f"{URL}/{evaluation.id}", json={"level": "satisfied"}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["level"] == "satisfied" and response.headers["etag"] == '"2"'

    stale = client.patch(f"{URL}/{evaluation.id}", json={"level": "neutral"}, headers=headers)
    assert_problem(stale, 412)
    db.expire_all()
    assert db.get(Evaluation, evaluation.id).level == "satisfied"
    events = db.scalars(
        select(AuditEvent.action).where(AuditEvent.entity_id == str(evaluation.id))
    ).all()
    assert events == ["update"]


def test_update_moves_an_evaluation_to_another_unit_by_code(client, auth, db, make_evaluation):
    evaluation = make_evaluation()

    response = client.patch(
        f"{URL}/{evaluation.id}", json={"unit_code": "X-GIAVIEN"}, headers=auth("vanphong")
    )

    assert response.status_code == 200, response.text
    assert response.json()["unit_id"] == unit_by_code(db, "X-GIAVIEN").id
    assert db.get(Evaluation, evaluation.id).unit_id == unit_by_code(db, "X-GIAVIEN").id


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"level": None}, ["body", "level"]),
        ({"unit_code": "X-KHONGCO"}, ["body", "unit_code"]),
        ({"evaluated_at": "2999-01-01T00:00:00+07:00"}, ["body", "evaluated_at"]),
        ({"external_id": "NEW"}, ["body", "external_id"]),  # the key does not change
    ],
)
def test_bad_update_is_422_and_changes_nothing(client, auth, db, make_evaluation, body, loc):
    evaluation = make_evaluation(level="neutral")

    problem = assert_problem(
        client.patch(f"{URL}/{evaluation.id}", json=body, headers=auth("vanphong")), 422
    )

    assert loc in [e["loc"] for e in problem["errors"]]
    db.expire_all()
    stored = db.get(Evaluation, evaluation.id)
    assert (stored.level, stored.version, stored.unit_id) == (
        "neutral",
        1,
        unit_by_code(db, "P-HOALU").id,
    )


def test_delete_removes_and_audits_the_evaluation(client, auth, db, make_evaluation):
    evaluation = make_evaluation()
    evaluation_id = evaluation.id

    assert_problem(
        client.delete(f"{URL}/{evaluation_id}", headers={**auth("vanphong"), "If-Match": '"9"'}),
        412,
    )
    response = client.delete(f"{URL}/{evaluation_id}", headers=auth("vanphong"))

    assert response.status_code == 204
    db.expire_all()
    assert db.get(Evaluation, evaluation_id) is None
    event = db.scalar(
        select(AuditEvent).where(
            AuditEvent.entity == "evaluations", AuditEvent.entity_id == str(evaluation_id)
        )
    )
    assert event.action == "delete" and event.before["external_id"] == evaluation.external_id
    assert_problem(client.get(f"{URL}/{evaluation_id}", headers=auth("vanphong")), 404)


def test_labels_are_served_by_meta_enums(client):
    enums = client.get("/api/v1/meta/enums").json()
    fields = {c["value"]: c["label"] for c in enums["procedure_field"]}
    assert fields["land"] == "Đất đai" and fields["construction"] == "Xây dựng"
    assert {"investment", "justice", "health", "other"} <= set(fields)
    assert [c["value"] for c in enums["satisfaction_level"]] == [
        "very_satisfied",
        "satisfied",
        "neutral",
        "dissatisfied",
    ]
    assert {"evaluation_source", "evaluation_channel", "survey_source", "period_kind"} <= set(enums)


def test_a_unit_officers_csv_holds_only_their_unit(client, auth, db, make_evaluation):
    own = make_evaluation("P-HOALU")
    make_evaluation("X-GIAVIEN")

    response = client.get(URL, params={"format": "csv"}, headers=auth("canbo.hoalu"))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == [str(own.id)]
