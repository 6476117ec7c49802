"""Who may do what with inspections, findings and recommendations: role × action, as a table.

The world: Thanh tra tỉnh (TTT) inspects phường Hoa Lư; one recommendation to Hoa Lư is open,
another is done. Besides the seeded users there is an officer of the Front (MTTQ) and one of
TTT itself. A unit officer sees an inspection when their unit inspects or is inspected, and a
recommendation when their unit must carry it out or inspected; anything else is 404.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy.orm import Session

from api.inspections.enums import InspectionKind, RecommendationStatus
from api.inspections.models import Finding, Inspection, Recommendation
from tests.api.inspections.builders import (
    API,
    count,
    fresh,
    make_finding,
    make_inspection,
    make_officer,
    make_recommendation,
)
from tests.factories import unit_by_code
from tests.test_contract import assert_problem

Status = RecommendationStatus
ROLES = (
    "admin",
    "sonv",  # coordinator
    "vanphong",  # office
    "thanhtra",  # inspector
    "lanhdao",  # viewer
    "canbo.hoalu",  # officer of the inspected and responsible unit
    "canbo.snv",  # officer of an unrelated unit
    "canbo.mttq",  # officer of the Front, unrelated here
    "canbo.ttt",  # officer of the inspecting unit
)


@dataclass
class World:
    inspection: Inspection  # TTT inspects Hoa Lư; has recommendations
    bare: Inspection  # the same, with nothing attached: the one deleted
    finding: Finding
    open_rec: Recommendation
    done_rec: Recommendation


@pytest.fixture
def world(db: Session) -> World:
    make_officer(db, "canbo.mttq", "MTTQ")  # the seeded demo users have no Front officer
    make_officer(db, "canbo.ttt", "TTT")
    inspection = make_inspection(db)
    return World(
        inspection=inspection,
        bare=make_inspection(db, title="Kiểm tra chưa có kiến nghị"),
        finding=make_finding(db, inspection),
        open_rec=make_recommendation(db, inspection),
        done_rec=make_recommendation(db, inspection, status=Status.done),
    )


@dataclass(frozen=True)
class Op:
    call: Callable[[Any, dict[str, str], World], Any]
    # Reads: whether the record is in the answer. Writes: whether the change was stored.
    happened: Callable[[Session, World, Any], bool]


def _listed(record_id: int) -> Callable[[Any], bool]:
    return lambda response: record_id in [i["id"] for i in response.json().get("items", [])]


def _new_inspection(db: Session) -> dict[str, Any]:
    return {
        "kind": "inspection",
        "inspecting_unit_id": unit_by_code(db, "TTT").id,
        "inspected_unit_id": unit_by_code(db, "P-HOALU").id,
        "title": "Kiểm tra mới",
    }


def _recommendation_body(db: Session) -> dict[str, Any]:
    return {
        "text": "Kiến nghị mới",
        "responsible_unit_id": unit_by_code(db, "P-HOALU").id,
        "due_on": "2026-12-31",
    }


def _action(name: str, note: str | None = "Ghi chú") -> Callable[[Any, dict, World], Any]:
    def call(client, headers, w: World):
        rec = w.open_rec if name in ("start", "complete") else w.done_rec
        return client.post(
            f"{API}/recommendations/{rec.id}/actions",
            headers=headers,
            json={"action": name, "note": note},
        )

    return call


def _status_of(attr: str, status: Status) -> Callable[[Session, World, Any], bool]:
    return lambda db, w, _: fresh(db, Recommendation, getattr(w, attr).id).status is status


def _ops(db: Session) -> dict[str, Op]:
    inspections_before = count(db, Inspection)
    findings_before = count(db, Finding)
    recs_before = count(db, Recommendation)
    return {
        "list_inspections": Op(
            lambda c, h, w: c.get(f"{API}/inspections", headers=h),
            lambda db, w, r: _listed(w.inspection.id)(r),
        ),
        "get_inspection": Op(
            lambda c, h, w: c.get(f"{API}/inspections/{w.inspection.id}", headers=h),
            lambda db, w, r: r.json().get("id") == w.inspection.id,
        ),
        "create_inspection": Op(
            lambda c, h, w: c.post(f"{API}/inspections", headers=h, json=_new_inspection(db)),
            lambda db, w, r: count(db, Inspection) == inspections_before + 1,
        ),
        "update_inspection": Op(
            lambda c, h, w: c.patch(
                f"{API}/inspections/{w.inspection.id}", headers=h, json={"title": "Đổi tên"}
            ),
            lambda db, w, r: fresh(db, Inspection, w.inspection.id).title == "Đổi tên",
        ),
        "delete_inspection": Op(
            lambda c, h, w: c.delete(f"{API}/inspections/{w.bare.id}", headers=h),
            lambda db, w, r: fresh(db, Inspection, w.bare.id) is None,
        ),
        "list_findings": Op(
            lambda c, h, w: c.get(f"{API}/inspections/{w.inspection.id}/findings", headers=h),
            lambda db, w, r: _listed(w.finding.id)(r),
        ),
        "create_finding": Op(
            lambda c, h, w: c.post(
                f"{API}/inspections/{w.inspection.id}/findings",
                headers=h,
                json={"task_group": "dissemination", "severity": "minor", "description": "x"},
            ),
            lambda db, w, r: count(db, Finding) == findings_before + 1,
        ),
        "update_finding": Op(
            lambda c, h, w: c.patch(
                f"{API}/inspections/{w.inspection.id}/findings/{w.finding.id}",
                headers=h,
                json={"description": "Sửa"},
            ),
            lambda db, w, r: fresh(db, Finding, w.finding.id).description == "Sửa",
        ),
        "delete_finding": Op(
            lambda c, h, w: c.delete(
                f"{API}/inspections/{w.inspection.id}/findings/{w.finding.id}", headers=h
            ),
            lambda db, w, r: fresh(db, Finding, w.finding.id) is None,
        ),
        "list_recommendations": Op(
            lambda c, h, w: c.get(f"{API}/recommendations", headers=h),
            lambda db, w, r: _listed(w.open_rec.id)(r),
        ),
        "get_recommendation": Op(
            lambda c, h, w: c.get(f"{API}/recommendations/{w.open_rec.id}", headers=h),
            lambda db, w, r: r.json().get("id") == w.open_rec.id,
        ),
        "create_recommendation": Op(
            lambda c, h, w: c.post(
                f"{API}/inspections/{w.inspection.id}/recommendations",
                headers=h,
                json=_recommendation_body(db),
            ),
            lambda db, w, r: count(db, Recommendation) == recs_before + 1,
        ),
        "update_recommendation": Op(
            lambda c, h, w: c.patch(
                f"{API}/recommendations/{w.open_rec.id}", headers=h, json={"text": "Sửa"}
            ),
            lambda db, w, r: fresh(db, Recommendation, w.open_rec.id).text == "Sửa",
        ),
        "delete_recommendation": Op(
            lambda c, h, w: c.delete(f"{API}/recommendations/{w.open_rec.id}", headers=h),
            lambda db, w, r: fresh(db, Recommendation, w.open_rec.id) is None,
        ),
        "start": Op(_action("start"), _status_of("open_rec", Status.in_progress)),
        "complete": Op(_action("complete"), _status_of("open_rec", Status.done)),
        "verify": Op(_action("verify"), _status_of("done_rec", Status.verified)),
        "reopen": Op(_action("reopen"), _status_of("done_rec", Status.in_progress)),
    }


SEEN, HIDDEN = True, False
# fmt: off
#                         admin  sonv  vanphong thanhtra lanhdao hoalu  snv   mttq   ttt
MATRIX: dict[str, tuple] = {
    "list_inspections":      (SEEN, SEEN, SEEN,   SEEN,   SEEN,   SEEN, HIDDEN, HIDDEN, SEEN),
    "get_inspection":        (200,  200,  200,    200,    200,    200,  404,  404,   200),
    "create_inspection":     (201,  201,  403,    201,    403,    403,  403,  403,   403),
    "update_inspection":     (200,  200,  403,    200,    403,    403,  404,  404,   403),
    "delete_inspection":     (204,  204,  403,    204,    403,    403,  404,  404,   403),
    "list_findings":         (200,  200,  200,    200,    200,    200,  404,  404,   200),
    "create_finding":        (201,  201,  403,    201,    403,    403,  404,  404,   403),
    "update_finding":        (200,  200,  403,    200,    403,    403,  404,  404,   403),
    "delete_finding":        (204,  204,  403,    204,    403,    403,  404,  404,   403),
    "list_recommendations":  (SEEN, SEEN, SEEN,   SEEN,   SEEN,   SEEN, HIDDEN, HIDDEN, SEEN),
    "get_recommendation":    (200,  200,  200,    200,    200,    200,  404,  404,   200),
    "create_recommendation": (201,  201,  403,    201,    403,    403,  404,  404,   403),
    "update_recommendation": (200,  200,  403,    200,    403,    403,  404,  404,   403),
    "delete_recommendation": (204,  204,  403,    204,    403,    403,  404,  404,   403),
    "start":                 (403,  403,  403,    403,    403,    200,  404,  404,   403),
    "complete":              (403,  403,  403,    403,    403,    200,  404,  404,   403),
    "verify":                (200,  200,  403,    200,    403,    403,  404,  404,   200),
    "reopen":                (200,  200,  403,    200,    403,    403,  404,  404,   200),
}
# fmt: on
CASES = [
    pytest.param(op, role, expected, id=f"{op}-{role}")
    for op, row in MATRIX.items()
    for role, expected in zip(ROLES, row, strict=True)
]


@pytest.mark.parametrize(("op", "role", "expected"), CASES)
def test_permission_matrix(client, auth, db, world, op, role, expected):
    operation = _ops(db)[op]

    response = operation.call(client, auth(role), world)

    if isinstance(expected, bool):  # a list: always answered, the record in it or not
        assert response.status_code == 200, response.text
        assert operation.happened(db, world, response) is expected
    elif expected < 300:
        assert response.status_code == expected, response.text
        assert operation.happened(db, world, response)
    else:
        assert_problem(response, expected)
        assert not operation.happened(db, world, response)


def test_allowed_actions_show_each_caller_only_their_buttons(client, auth, db, world):
    def buttons(role: str, rec: Recommendation) -> list[str]:
        response = client.get(f"{API}/recommendations/{rec.id}", headers=auth(role))
        assert response.status_code == 200, response.text
        return response.json()["allowed_actions"]

    assert buttons("canbo.hoalu", world.open_rec) == ["start", "complete"]
    assert buttons("thanhtra", world.open_rec) == []
    assert buttons("canbo.hoalu", world.done_rec) == []
    assert buttons("thanhtra", world.done_rec) == ["verify", "reopen"]
    assert buttons("canbo.ttt", world.done_rec) == ["verify", "reopen"]
    assert buttons("lanhdao", world.done_rec) == []
    assert buttons("admin", world.open_rec) == []


# --- what a unit officer may record ---------------------------------------------------------

OFFICER_CREATES = [
    ("canbo.hoalu", "self_inspection", "P-HOALU", "P-HOALU", 201),
    ("canbo.hoalu", "self_inspection", "SNV", "SNV", 403),  # another unit's
    ("canbo.hoalu", "supervision", "P-HOALU", "SNV", 403),  # a ward is not the Front
    ("canbo.hoalu", "inspection", "P-HOALU", "SNV", 403),
    ("canbo.mttq", "supervision", "MTTQ", "P-HOALU", 201),
    ("canbo.mttq", "self_inspection", "MTTQ", "MTTQ", 201),
    ("canbo.mttq", "inspection", "MTTQ", "P-HOALU", 403),
    ("canbo.snv", "supervision", "MTTQ", "SNV", 403),  # on the Front's behalf
]


@pytest.mark.parametrize(("role", "kind", "inspecting", "inspected", "expected"), OFFICER_CREATES)
def test_what_a_unit_officer_may_record(
    client, auth, db, world, role, kind, inspecting, inspected, expected
):
    before = count(db, Inspection)
    body = {
        "kind": kind,
        "inspecting_unit_id": unit_by_code(db, inspecting).id,
        "inspected_unit_id": unit_by_code(db, inspected).id,
        "title": "Ghi nhận của cán bộ đơn vị",
    }

    response = client.post(f"{API}/inspections", headers=auth(role), json=body)

    if expected == 201:
        assert response.status_code == 201, response.text
        stored = fresh(db, Inspection, response.json()["id"])
        assert stored.kind is InspectionKind(kind)
        assert stored.inspecting_unit_id == unit_by_code(db, inspecting).id
    else:
        assert_problem(response, expected)
    assert count(db, Inspection) == before + (expected == 201)


def test_an_officer_runs_their_self_inspection_end_to_end(client, auth, db, world):
    officer = auth("canbo.hoalu")
    created = client.post(
        f"{API}/inspections",
        headers=officer,
        json={"kind": "self_inspection", "title": "Tự kiểm tra 6 tháng"},
    )
    inspection_id = created.json()["id"]
    recommended = client.post(
        f"{API}/inspections/{inspection_id}/recommendations",
        headers=officer,
        json=_recommendation_body(db),
    )
    rec_id = recommended.json()["id"]
    assert recommended.json()["allowed_actions"] == ["start", "complete"]

    done = client.post(
        f"{API}/recommendations/{rec_id}/actions",
        headers=officer,
        json={"action": "complete", "note": "Đã khắc phục"},
    )
    verified = client.post(
        f"{API}/recommendations/{rec_id}/actions", headers=officer, json={"action": "verify"}
    )

    assert done.status_code == 200, done.text
    assert verified.status_code == 200, verified.text
    assert fresh(db, Recommendation, rec_id).status is Status.verified


def test_an_officer_cannot_turn_their_self_inspection_into_an_inspection(client, auth, db, world):
    own = make_inspection(db, "P-HOALU", "P-HOALU", InspectionKind.self_inspection)

    response = client.patch(
        f"{API}/inspections/{own.id}",
        headers=auth("canbo.hoalu"),
        json={"kind": "inspection", "inspecting_unit_id": unit_by_code(db, "SNV").id},
    )

    assert_problem(response, 403)
    stored = fresh(db, Inspection, own.id)
    assert stored.kind is InspectionKind.self_inspection and stored.version == 1


def test_the_supervised_unit_reads_but_does_not_write_a_supervision(client, auth, db, world):
    supervision = make_inspection(db, "MTTQ", "SNV", InspectionKind.supervision)
    url = f"{API}/inspections/{supervision.id}"

    seen = client.get(url, headers=auth("canbo.snv"))
    refused = client.patch(url, headers=auth("canbo.snv"), json={"title": "Sửa"})
    changed = client.patch(url, headers=auth("canbo.mttq"), json={"title": "Giám sát đợt 2"})

    assert seen.status_code == 200
    assert_problem(refused, 403)
    assert changed.status_code == 200, changed.text
    assert fresh(db, Inspection, supervision.id).title == "Giám sát đợt 2"


def test_an_inspected_unit_does_not_see_what_another_unit_owes(client, auth, db, world):
    """Scoping is per recommendation: the responsible unit sees it without seeing the
    inspection; the inspected unit does not see what it does not owe."""
    owed_by_snv = make_recommendation(db, world.inspection, "SNV")
    url = f"{API}/recommendations/{owed_by_snv.id}"

    hidden = client.get(url, headers=auth("canbo.hoalu"))
    listed = client.get(f"{API}/recommendations", headers=auth("canbo.hoalu")).json()
    owner = client.get(url, headers=auth("canbo.snv"))

    assert_problem(hidden, 404)
    assert owed_by_snv.id not in [i["id"] for i in listed["items"]]
    assert world.open_rec.id in [i["id"] for i in listed["items"]]
    assert owner.status_code == 200 and owner.json()["allowed_actions"] == ["start", "complete"]
