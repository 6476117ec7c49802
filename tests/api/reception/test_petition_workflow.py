"""The petition lifecycle through POST /petitions/{id}/actions: transitions, data, history."""

from datetime import date

import pytest
from sqlalchemy import select

from api.audit.models import AuditEvent
from api.reception.enums import CaseType, Complexity, PetitionAction, PetitionStatus
from api.reception.models import Petition, PetitionEvent
from api.reception.workflow import TRANSITIONS
from tests.api.reception.helpers import act, count_rows, make_petition, today
from tests.factories import unit_by_code
from tests.test_contract import assert_problem

RESOLVE_PHASE = {PetitionStatus.accepted, PetitionStatus.in_resolution, PetitionStatus.suspended}
PAIRS = [(status, action) for status in PetitionStatus for action in PetitionAction]


def _everything_an_action_may_need(db) -> dict:
    return {
        "note": "Ghi chú",
        "reason": "Lý do",
        "to_unit_id": unit_by_code(db, "X-GIAVIEN").id,
        "decision_number": "12/QĐ-UBND",
        "decision_date": today().isoformat(),
    }


@pytest.mark.parametrize(("status", "action"), PAIRS, ids=[f"{s}-{a}" for s, a in PAIRS])
def test_every_transition_is_allowed_or_refused_as_the_table_says(client, auth, db, status, action):
    # A complex denunciation: every action of the table can be taken on one (one extension left).
    petition = make_petition(
        db,
        case_type=CaseType.denunciation,
        resolution_level=None,
        complexity=Complexity.complex,
        status=status,
        accepted_on=date(2026, 3, 5) if status in RESOLVE_PHASE else None,
    )
    response = act(
        client, auth("admin"), petition.id, action, today(), **_everything_an_action_may_need(db)
    )
    target = TRANSITIONS[status].get(action)
    db.expire_all()
    stored = db.get(Petition, petition.id)
    events = db.scalars(select(PetitionEvent).where(PetitionEvent.petition_id == petition.id))
    if target is None:
        assert_problem(response, 409)
        assert stored.status is status
        assert list(events) == []
    else:
        assert response.status_code == 200, response.text
        assert response.json()["status"] == target
        assert stored.status is target
        [event] = events
        assert (event.action, event.from_status, event.to_status) == (action, status, target)
        assert event.actor_name == "admin"


def test_the_table_covers_every_status():
    assert set(TRANSITIONS) == set(PetitionStatus)
    assert TRANSITIONS[PetitionStatus.closed] == {}
    assert TRANSITIONS[PetitionStatus.withdrawn] == {}


def test_a_full_lifecycle_keeps_its_history_and_audit(client, auth, db):
    petition = make_petition(db)
    admin = auth("admin")
    steps = [
        ("accept", date(2026, 3, 5), {}),
        ("start", date(2026, 3, 6), {}),
        (
            "resolve",
            date(2026, 3, 20),
            {"decision_number": "15/QĐ-UBND", "decision_date": "2026-03-20", "outcome": "wrong"},
        ),
        ("close", date(2026, 3, 25), {}),
    ]
    for action, acted_on, extra in steps:
        response = act(client, admin, petition.id, action, acted_on, note=f"bước {action}", **extra)
        assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "closed"
    assert body["due_on"] is None and body["overdue"] is False
    assert body["allowed_actions"] == []
    assert [h["action"] for h in body["history"]] == ["accept", "start", "resolve", "close"]
    assert body["history"][0] | {"at": None} == {
        "action": "accept",
        "from_status": "received",
        "to_status": "accepted",
        "acted_on": "2026-03-05",
        "note": "bước accept",
        "details": {},
        "actor_name": "admin",
        "actor_full_name": "Quản trị hệ thống",
        "at": None,
    }
    # Read again later, the full name comes from the account.
    again = client.get(f"/api/v1/petitions/{petition.id}", headers=auth("admin")).json()
    assert {h["actor_full_name"] for h in again["history"]} == {"Quản trị hệ thống"}
    assert (body["decision_number"], body["outcome"]) == ("15/QĐ-UBND", "wrong")
    stored = db.get(Petition, petition.id)
    assert stored.accepted_on == date(2026, 3, 5)
    assert stored.decision_date == date(2026, 3, 20)
    actions = db.scalars(
        select(AuditEvent.action).where(
            AuditEvent.entity == "petitions", AuditEvent.entity_id == str(petition.id)
        )
    ).all()
    assert actions == ["accept", "start", "resolve", "close"]


def test_transfer_hands_the_petition_to_the_target_unit(client, auth, db):
    petition = make_petition(db)
    giavien = unit_by_code(db, "X-GIAVIEN")
    hoalu = unit_by_code(db, "P-HOALU")
    response = act(
        client,
        auth("canbo.hoalu"),
        petition.id,
        "transfer",
        date(2026, 3, 4),
        to_unit_id=giavien.id,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["status"], body["unit_id"], body["transferred_on"]) == (
        "transferred",
        giavien.id,
        "2026-03-04",
    )
    assert body["history"][0]["details"] == {"from_unit_id": hoalu.id, "to_unit_id": giavien.id}
    # The sending unit no longer owns it: it cannot act, nor even see it.
    assert body["allowed_actions"] == []
    assert (
        client.get(f"/api/v1/petitions/{petition.id}", headers=auth("canbo.hoalu")).status_code
        == 404
    )
    assert db.get(Petition, petition.id).unit_id == giavien.id


@pytest.mark.parametrize(
    ("action", "payload", "loc"),
    [
        pytest.param("reject", {}, None, id="reject-without-reason"),
        pytest.param("transfer", {}, None, id="transfer-without-unit"),
        pytest.param("transfer", {"to_unit_id": 999999}, "to_unit_id", id="transfer-unknown-unit"),
        pytest.param("accept", {"acted_on": "2026-03-01"}, "acted_on", id="before-receipt"),
        pytest.param("accept", {"acted_on": "2099-01-01"}, "acted_on", id="in-the-future"),
        pytest.param("accept", {"acted_on": "05/03/2026"}, "acted_on", id="bad-date"),
        pytest.param("approve", {}, "action", id="unknown-action"),
        pytest.param("accept", {"status": "closed"}, "status", id="extra-field"),
    ],
)
def test_an_action_without_what_it_needs_is_422_and_changes_nothing(
    client, auth, db, action, payload, loc
):
    petition = make_petition(db)
    body = {"action": action, "acted_on": "2026-03-05", **payload}
    response = client.post(
        f"/api/v1/petitions/{petition.id}/actions", headers=auth("admin"), json=body
    )
    problem = assert_problem(response, 422)
    if loc:
        assert any(e["loc"][-1] == loc for e in problem["errors"]), problem
    db.expire_all()
    assert db.get(Petition, petition.id).status is PetitionStatus.received
    assert count_rows(db, PetitionEvent) == 0


def test_a_missing_detail_is_named_in_vietnamese(client, auth, db):
    petition = make_petition(db)
    problem = assert_problem(act(client, auth("admin"), petition.id, "reject", today()), 422)
    assert "cần có lý do" in problem["errors"][0]["msg"]
    assert "reason" not in problem["errors"][0]["msg"]


def test_an_action_on_a_stale_version_is_412_and_changes_nothing(client, auth, db):
    petition = make_petition(db)
    url = f"/api/v1/petitions/{petition.id}/actions"
    seen = client.get(f"/api/v1/petitions/{petition.id}", headers=auth("admin")).headers["ETag"]
    body = {"action": "accept", "acted_on": today().isoformat()}
    first = client.post(url, headers={**auth("admin"), "If-Match": seen}, json=body)
    assert first.status_code == 200, first.text
    assert first.headers["ETag"] != seen

    # A second click from a screen that still shows the first version.
    again = {"action": "withdraw", "acted_on": today().isoformat()}
    assert_problem(client.post(url, headers={**auth("admin"), "If-Match": seen}, json=again), 412)
    db.expire_all()
    assert db.get(Petition, petition.id).status is PetitionStatus.accepted
    assert count_rows(db, PetitionEvent) == 1


def test_an_action_dated_before_the_previous_one_is_refused(client, auth, db):
    petition = make_petition(db)
    assert act(client, auth("admin"), petition.id, "accept", date(2026, 3, 10)).status_code == 200
    problem = assert_problem(
        act(client, auth("admin"), petition.id, "start", date(2026, 3, 9)), 422
    )
    assert problem["errors"][0]["loc"] == ["body", "acted_on"]
    assert db.get(Petition, petition.id).status is PetitionStatus.accepted


def test_resolving_a_complaint_needs_its_outcome(client, auth, db):
    petition = make_petition(db, status=PetitionStatus.in_resolution, accepted_on=date(2026, 3, 5))
    decision = {"decision_number": "1/QĐ", "decision_date": "2026-03-20"}
    response = act(client, auth("admin"), petition.id, "resolve", date(2026, 3, 20), **decision)
    assert assert_problem(response, 422)["errors"][0]["loc"] == ["body", "outcome"]
    assert db.get(Petition, petition.id).status is PetitionStatus.in_resolution
    response = act(
        client,
        auth("admin"),
        petition.id,
        "resolve",
        date(2026, 3, 20),
        outcome="partly_right",
        **decision,
    )
    assert response.status_code == 200
    assert db.get(Petition, petition.id).outcome == "partly_right"


@pytest.mark.parametrize(
    ("case_type", "complexity", "granted"),
    [
        pytest.param(CaseType.complaint, Complexity.normal, 0, id="complaint-never"),
        pytest.param(CaseType.denunciation, Complexity.normal, 0, id="denunciation-normal"),
        pytest.param(CaseType.denunciation, Complexity.complex, 1, id="complex-once"),
        pytest.param(
            CaseType.denunciation, Complexity.especially_complex, 2, id="especially-twice"
        ),
    ],
)
def test_extensions_only_where_the_law_allows(client, auth, db, case_type, complexity, granted):
    fields = {"resolution_level": None} if case_type is CaseType.denunciation else {}
    petition = make_petition(
        db,
        case_type=case_type,
        complexity=complexity,
        status=PetitionStatus.in_resolution,
        accepted_on=date(2026, 3, 5),
        **fields,
    )
    for n in range(granted):
        response = act(client, auth("admin"), petition.id, "extend", date(2026, 3, 20), reason="r")
        assert response.status_code == 200, response.text
        assert response.json()["extensions"] == n + 1
        assert ("extend" in response.json()["allowed_actions"]) is (n + 1 < granted)
    refused = act(client, auth("admin"), petition.id, "extend", date(2026, 3, 20), reason="r")
    assert_problem(refused, 409)
    assert db.get(Petition, petition.id).extensions == granted


def test_the_receiving_unit_takes_over_a_transferred_petition(client, auth, db):
    snv = unit_by_code(db, "SNV")
    petition = make_petition(db)
    act(client, auth("canbo.hoalu"), petition.id, "transfer", date(2026, 3, 4), to_unit_id=snv.id)
    seen = client.get(f"/api/v1/petitions/{petition.id}", headers=auth("canbo.snv")).json()
    assert seen["allowed_actions"] == ["accept", "reject", "transfer", "withdraw"]
    assert seen["petitioner_id_number"] == "037090001234"  # now their unit's citizen
    accepted = act(client, auth("canbo.snv"), petition.id, "accept", date(2026, 3, 6))
    assert accepted.status_code == 200
    assert [h["action"] for h in accepted.json()["history"]] == ["transfer", "accept"]
    assert db.get(Petition, petition.id).accepted_on == date(2026, 3, 6)


def test_acting_on_an_unknown_petition_is_404(client, auth):
    assert_problem(act(client, auth("admin"), 999999, "accept", date(2026, 3, 5)), 404)
