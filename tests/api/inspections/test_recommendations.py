"""Recommendations: what an inspection asks a unit to do, by when; followed across inspections."""

import csv
import io
from datetime import date, timedelta

import pytest

from api.common.dates import province_today
from api.inspections.enums import InspectionKind, RecommendationStatus
from api.inspections.models import Recommendation
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

Status = RecommendationStatus


def test_inspector_makes_a_recommendation_on_a_finding(client, auth, db):
    inspection = make_inspection(db)
    finding = make_finding(db, inspection)
    hoalu = unit_by_code(db, "P-HOALU").id

    response = client.post(
        f"{API}/inspections/{inspection.id}/recommendations",
        headers=auth("thanhtra"),
        json={
            "text": "Niêm yết lịch tiếp công dân",
            "responsible_unit_id": hoalu,
            "due_on": "2026-12-31",
            "finding_id": finding.id,
        },
    )

    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["etag"] == '"1"'
    assert body["status"] == "open" and body["history"] == []
    assert body["inspecting_unit_id"] == unit_by_code(db, "TTT").id
    assert body["allowed_actions"] == []  # nothing to verify yet
    stored = fresh(db, Recommendation, body["id"])
    assert stored.responsible_unit_id == hoalu and stored.finding_id == finding.id
    assert stored.due_on == date(2026, 12, 31)
    assert audit_actions(db, "recommendations", body["id"]) == ["create"]


def _invalid_cases(db, inspection):
    other_finding = make_finding(db, make_inspection(db, title="Cuộc khác"))
    hoalu = unit_by_code(db, "P-HOALU").id
    valid = {"text": "Khắc phục", "responsible_unit_id": hoalu, "due_on": "2026-12-31"}
    return [
        ({**valid, "responsible_unit_id": 999999}, {"responsible_unit_id"}),
        ({**valid, "finding_id": other_finding.id}, {"finding_id"}),
        ({**valid, "due_on": "31/12/2026"}, {"due_on"}),
        ({**valid, "text": "  "}, {"text"}),
        ({**valid, "status": "done"}, {"status"}),  # status moves only by actions
        ({"text": "Khắc phục", "responsible_unit_id": hoalu}, {"due_on"}),
    ]


def test_invalid_recommendation_is_422_and_writes_nothing(client, auth, db):
    inspection = make_inspection(db)
    for body, fields in _invalid_cases(db, inspection):
        response = client.post(
            f"{API}/inspections/{inspection.id}/recommendations",
            headers=auth("thanhtra"),
            json=body,
        )
        assert error_fields(assert_problem(response, 422)) == fields, body
    assert count(db, Recommendation) == 0


def test_recommendation_is_corrected_but_its_status_is_not_patched(client, auth, db):
    recommendation = make_recommendation(db, make_inspection(db))
    url = f"{API}/recommendations/{recommendation.id}"
    snv = unit_by_code(db, "SNV").id

    refused = client.patch(url, headers=auth("thanhtra"), json={"status": "verified"})
    stale = client.patch(
        url, headers={**auth("thanhtra"), "If-Match": '"3"'}, json={"due_on": "2027-01-31"}
    )
    assert error_fields(assert_problem(refused, 422)) == {"status"}
    assert_problem(stale, 412)
    assert fresh(db, Recommendation, recommendation.id).version == 1

    response = client.patch(
        url,
        headers={**auth("thanhtra"), "If-Match": '"1"'},
        json={"due_on": "2027-01-31", "responsible_unit_id": snv},
    )
    assert response.status_code == 200, response.text
    assert response.headers["etag"] == '"2"'
    stored = fresh(db, Recommendation, recommendation.id)
    assert stored.due_on == date(2027, 1, 31) and stored.responsible_unit_id == snv
    assert stored.status is Status.open
    assert audit_actions(db, "recommendations", recommendation.id) == ["update"]


def test_a_recommendation_never_acted_on_can_be_deleted(client, auth, db):
    inspection = make_inspection(db)
    mistaken = make_recommendation(db, inspection)
    followed = make_recommendation(db, inspection)
    started = client.post(
        f"{API}/recommendations/{followed.id}/actions",
        headers=auth("canbo.hoalu"),
        json={"action": "start"},
    )
    assert started.status_code == 200, started.text

    deleted = client.delete(f"{API}/recommendations/{mistaken.id}", headers=auth("thanhtra"))
    kept = client.delete(f"{API}/recommendations/{followed.id}", headers=auth("thanhtra"))

    assert deleted.status_code == 204
    assert_problem(kept, 409)
    assert fresh(db, Recommendation, mistaken.id) is None
    assert fresh(db, Recommendation, followed.id).status is Status.in_progress
    assert audit_actions(db, "recommendations", mistaken.id) == ["delete"]


@pytest.fixture
def owed(db):
    """Recommendations of two inspections, some of them past due."""
    today = province_today()
    ttt_on_hoalu = make_inspection(db)
    front_on_snv = make_inspection(db, "MTTQ", "SNV", InspectionKind.supervision, title="Giám sát")
    return {
        "late": make_recommendation(db, ttt_on_hoalu, due_on=today - timedelta(days=1)),
        "late_started": make_recommendation(
            db, ttt_on_hoalu, status=Status.in_progress, due_on=today - timedelta(days=30)
        ),
        "due_today": make_recommendation(db, ttt_on_hoalu, due_on=today),
        "done_late": make_recommendation(
            db, ttt_on_hoalu, status=Status.done, due_on=today - timedelta(days=60)
        ),
        "snv": make_recommendation(
            db, front_on_snv, "SNV", text="Công khai quy chế dân chủ", due_on=date(2027, 3, 1)
        ),
    }


def test_overdue_is_derived_from_the_due_day_in_the_province(client, auth, db, owed):
    response = client.get(f"{API}/recommendations?limit=500", headers=auth("sonv"))

    assert response.status_code == 200
    overdue = {item["id"]: item["overdue"] for item in response.json()["items"]}
    assert overdue == {
        owed["late"].id: True,
        owed["late_started"].id: True,
        owed["due_today"].id: False,  # due today is not late yet
        owed["done_late"].id: False,  # done: nothing owed any more
        owed["snv"].id: False,
    }


def test_recommendation_filters(client, auth, db, owed):
    names = {r.id: name for name, r in owed.items()}
    hoalu, snv, mttq, ttt = (unit_by_code(db, c).id for c in ("P-HOALU", "SNV", "MTTQ", "TTT"))
    cases = [
        ("overdue=true", {"late", "late_started"}),
        ("overdue=false", {"due_today", "done_late", "snv"}),
        (f"responsible_unit_id={hoalu}&overdue=true", {"late", "late_started"}),
        (f"responsible_unit_id={snv}", {"snv"}),
        (f"inspecting_unit_id={mttq}", {"snv"}),
        (f"unit_id={ttt}&status=done", {"done_late"}),
        ("status=open&status=in_progress", {"late", "late_started", "due_today", "snv"}),
        ("year=2027", {"snv"}),
        ("from=2027-01-01&to=2027-12-31", {"snv"}),
        ("q=cong khai quy che", {"snv"}),
        (f"inspection_id={owed['snv'].inspection_id}", {"snv"}),
    ]
    for query, expected in cases:
        response = client.get(f"{API}/recommendations?{query}", headers=auth("thanhtra"))
        assert response.status_code == 200, response.text
        assert {names[i["id"]] for i in response.json()["items"]} == expected, query


def test_recommendations_of_one_inspection_by_due_day(client, auth, db, owed):
    inspection_id = owed["late"].inspection_id
    response = client.get(
        f"{API}/inspections/{inspection_id}/recommendations?sort=-due_on", headers=auth("sonv")
    )

    assert response.status_code == 200, response.text
    ids = [item["id"] for item in response.json()["items"]]
    latest_first = ("due_today", "late", "late_started", "done_late")
    assert ids == [owed[name].id for name in latest_first]


def test_recommendations_export_as_csv(client, auth, db, owed):
    response = client.get(
        f"{API}/recommendations?format=csv&overdue=true&sort=due_on", headers=auth("sonv")
    )

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Số",
        "Cuộc kiểm tra, giám sát",
        "Đơn vị kiểm tra",
        "Nội dung kiến nghị",
        "Đơn vị thực hiện",
        "Hạn thực hiện",
        "Trạng thái",
        "Quá hạn",
    ]
    assert [int(row[0]) for row in rows[1:]] == [owed["late_started"].id, owed["late"].id]
    first = rows[1]
    assert first[2] == unit_by_code(db, "TTT").name
    assert first[4] == unit_by_code(db, "P-HOALU").name
    assert first[6] == "Đang thực hiện" and first[7] == "Có"


def test_recommendations_of_an_unknown_inspection_are_404(client, auth):
    response = client.get(f"{API}/inspections/999999/recommendations", headers=auth("sonv"))
    assert_problem(response, 404)
