"""Findings of an inspection, each tagged with a task group of section III and a severity."""

import pytest

from api.common.task_groups import TaskGroup
from api.inspections.enums import FindingSeverity
from api.inspections.models import Finding
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
from tests.test_contract import assert_problem


def test_inspector_records_a_finding(client, auth, db):
    inspection = make_inspection(db)
    response = client.post(
        f"{API}/inspections/{inspection.id}/findings",
        headers=auth("thanhtra"),
        json={
            "task_group": "skilled_mobilisation",
            "severity": "serious",
            "description": "Chưa triển khai mô hình “Dân vận khéo”",
        },
    )

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["inspection_id"] == inspection.id and body["severity"] == "serious"
    assert response.headers["etag"] == '"1"'
    stored = fresh(db, Finding, body["id"])
    assert stored.task_group is TaskGroup.skilled_mobilisation
    assert audit_actions(db, "findings", body["id"]) == ["create"]


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"task_group": "III.4", "severity": "minor", "description": "x"}, {"task_group"}),
        ({"task_group": "dissemination", "severity": "fatal", "description": "x"}, {"severity"}),
        ({"task_group": "dissemination", "severity": "minor", "description": ""}, {"description"}),
        ({"task_group": "dissemination", "severity": "minor"}, {"description"}),
    ],
)
def test_invalid_finding_is_422_and_writes_nothing(client, auth, db, body, fields):
    inspection = make_inspection(db)
    response = client.post(
        f"{API}/inspections/{inspection.id}/findings", headers=auth("thanhtra"), json=body
    )

    assert error_fields(assert_problem(response, 422)) == fields
    assert count(db, Finding) == 0


def test_findings_list_by_task_group_severity_and_text(client, auth, db):
    inspection = make_inspection(db)
    other = make_inspection(db, title="Cuộc khác")
    reception = make_finding(db, inspection, severity=FindingSeverity.serious)
    dissemination = make_finding(
        db,
        inspection,
        task_group=TaskGroup.dissemination,
        severity=FindingSeverity.minor,
        description="Chưa quán triệt Chỉ thị đến toàn thể công chức",
    )
    make_finding(db, other)
    url = f"{API}/inspections/{inspection.id}/findings"

    def ids(query: str) -> list[int]:
        response = client.get(f"{url}?{query}", headers=auth("lanhdao"))
        assert response.status_code == 200, response.text
        return [f["id"] for f in response.json()["items"]]

    assert ids("") == [reception.id, dissemination.id]
    assert ids("task_group=dissemination") == [dissemination.id]
    assert ids("severity=serious") == [reception.id]
    assert ids("q=quan triet chi thi") == [dissemination.id]
    assert ids("sort=severity") == [dissemination.id, reception.id]  # minor before serious


def test_finding_is_corrected_with_its_version(client, auth, db):
    finding = make_finding(db, make_inspection(db))
    url = f"{API}/inspections/{finding.inspection_id}/findings/{finding.id}"

    stale = client.patch(
        url, headers={**auth("thanhtra"), "If-Match": '"7"'}, json={"severity": "minor"}
    )
    emptied = client.patch(url, headers=auth("thanhtra"), json={"severity": None})
    assert_problem(stale, 412)
    assert error_fields(assert_problem(emptied, 422)) == {"severity"}
    assert fresh(db, Finding, finding.id).severity is FindingSeverity.moderate

    response = client.patch(
        url, headers={**auth("thanhtra"), "If-Match": '"1"'}, json={"severity": "minor"}
    )
    assert response.status_code == 200, response.text
    assert response.headers["etag"] == '"2"'
    stored = fresh(db, Finding, finding.id)
    assert stored.severity is FindingSeverity.minor and stored.version == 2
    assert audit_actions(db, "findings", finding.id) == ["update"]


def test_finding_is_deleted(client, auth, db):
    finding = make_finding(db, make_inspection(db))
    response = client.delete(
        f"{API}/inspections/{finding.inspection_id}/findings/{finding.id}",
        headers=auth("thanhtra"),
    )

    assert response.status_code == 204
    assert fresh(db, Finding, finding.id) is None
    assert audit_actions(db, "findings", finding.id) == ["delete"]


def test_a_finding_cited_by_a_recommendation_is_kept(client, auth, db):
    inspection = make_inspection(db)
    finding = make_finding(db, inspection)
    cited_by = make_recommendation(db, inspection, finding_id=finding.id)

    response = client.delete(
        f"{API}/inspections/{inspection.id}/findings/{finding.id}", headers=auth("thanhtra")
    )

    assert f"#{cited_by.id}" in assert_problem(response, 409)["detail"]
    assert fresh(db, Finding, finding.id) is not None


def test_a_finding_is_reached_only_through_its_own_inspection(client, auth, db):
    finding = make_finding(db, make_inspection(db))
    elsewhere = make_inspection(db, title="Cuộc khác")

    response = client.patch(
        f"{API}/inspections/{elsewhere.id}/findings/{finding.id}",
        headers=auth("thanhtra"),
        json={"severity": "minor"},
    )

    assert_problem(response, 404)
    assert fresh(db, Finding, finding.id).version == 1
