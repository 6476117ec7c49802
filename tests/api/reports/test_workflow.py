"""A report's workflow: draft → submitted → accepted, returned → resubmitted, reopened with a
reason — only through actions, by the side the action belongs to, from the right status."""

import pytest
from sqlalchemy import select

from api.reports.enums import ReportStatus
from api.reports.models import ReportEvent, UnitReport
from tests.api.reports.builders import (
    API,
    act,
    audit_actions,
    fresh,
    make_report,
    state,
)
from tests.test_contract import assert_problem

Status = ReportStatus
BODIES = {
    "submit": {"action": "submit"},
    "resubmit": {"action": "resubmit"},
    "refresh": {"action": "refresh"},
    "return": {"action": "return", "comment": "Bổ sung số liệu tiếp công dân tháng 5"},
    "accept": {"action": "accept"},
    "reopen": {"action": "reopen", "reason": "Số liệu đơn thư chưa khớp với Thanh tra tỉnh"},
}
SOURCES = {
    "submit": {Status.draft, Status.returned},  # from returned: taken as resubmit
    "resubmit": {Status.returned},
    "refresh": {Status.draft, Status.returned},
    "return": {Status.submitted},
    "accept": {Status.submitted},
    "reopen": {Status.accepted},
}
UNIT_SIDE = {"submit", "resubmit", "refresh"}
# Who may do each side's actions on P-HOALU's report; everyone else is refused.
ALLOWED = {"unit": {"canbo.hoalu", "admin"}, "reviewer": {"sonv", "admin"}}
ROLES = ["admin", "sonv", "vanphong", "thanhtra", "lanhdao", "canbo.hoalu", "canbo.snv"]


def test_submit_return_resubmit_accept(client, auth, db):
    report = make_report(db)
    unit, coordinator = auth("canbo.hoalu"), auth("sonv")

    submitted = act(client, unit, report.id, expected=1, **BODIES["submit"])
    assert submitted.status_code == 200, submitted.text
    assert submitted.headers["etag"] == '"2"'
    assert submitted.json()["status"] == "submitted"
    assert submitted.json()["allowed_actions"] == []  # the unit waits for Sở Nội vụ
    assert client.get(f"{API}/reports/{report.id}", headers=coordinator).json()[
        "allowed_actions"
    ] == ["return", "accept"]

    returned = act(client, coordinator, report.id, **BODIES["return"])
    assert returned.status_code == 200, returned.text
    assert returned.json()["status"] == "returned"
    assert client.get(f"{API}/reports/{report.id}", headers=unit).json()["allowed_actions"] == [
        "resubmit",
        "refresh",
    ]
    resubmitted = act(client, unit, report.id, **BODIES["resubmit"])
    assert resubmitted.json()["status"] == "submitted"
    accepted = act(client, coordinator, report.id, **BODIES["accept"])

    assert accepted.status_code == 200, accepted.text
    body = accepted.json()
    assert body["status"] == "accepted" and body["completeness"] == "accepted"
    assert body["allowed_actions"] == ["reopen"]
    assert [(h["action"], h["from_status"], h["to_status"]) for h in body["history"]] == [
        ("submit", "draft", "submitted"),
        ("return", "submitted", "returned"),
        ("resubmit", "returned", "submitted"),
        ("accept", "submitted", "accepted"),
    ]
    assert body["history"][1]["note"] == "Bổ sung số liệu tiếp công dân tháng 5"
    assert body["history"][0]["actor_name"] == "Cán bộ UBND phường Hoa Lư"
    assert body["history"][3]["actor_name"] == "Chuyên viên Sở Nội vụ"
    stored = fresh(db, UnitReport, report.id)
    assert stored.status is Status.accepted and stored.version == 5
    assert stored.accepted_at is not None and stored.first_submitted_at < stored.submitted_at
    assert audit_actions(db, "reports", report.id) == ["submit", "return", "resubmit", "accept"]


def test_submit_on_a_returned_report_is_a_resubmission(client, auth, db):
    report = make_report(db, status=Status.returned)

    response = act(client, auth("canbo.hoalu"), report.id, action="submit")

    assert response.status_code == 200, response.text
    assert response.json()["history"][-1]["action"] == "resubmit"
    assert fresh(db, UnitReport, report.id).status is Status.submitted
    assert audit_actions(db, "reports", report.id) == ["resubmit"]


def test_the_coordinator_reopens_an_accepted_report_with_a_reason(client, auth, db):
    report = make_report(db, status=Status.accepted)

    response = act(client, auth("sonv"), report.id, **BODIES["reopen"])

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "returned" and body["accepted_at"] is None
    assert body["history"][-1]["note"] == BODIES["reopen"]["reason"]
    stored = fresh(db, UnitReport, report.id)
    assert stored.status is Status.returned and stored.accepted_at is None
    assert audit_actions(db, "reports", report.id) == ["reopen"]


@pytest.mark.parametrize(
    ("action", "missing"), [("return", "comment"), ("reopen", "reason")], ids=["return", "reopen"]
)
def test_return_and_reopen_need_a_comment_or_reason(client, auth, db, action, missing):
    status = Status.submitted if action == "return" else Status.accepted
    report = make_report(db, status=status)
    before = state(db, report.id)

    response = act(client, auth("sonv"), report.id, action=action, **{missing: "  "})

    body = assert_problem(response, 422)
    assert missing in body["detail"] or any(missing in e["msg"] for e in body["errors"])
    assert state(db, report.id) == before


@pytest.mark.parametrize(
    ("action", "status"),
    [(a, s) for a, sources in SOURCES.items() for s in Status if s not in sources],
)
def test_an_action_from_the_wrong_status_is_409_and_changes_nothing(
    client, auth, db, action, status
):
    report = make_report(db, status=status)
    before = state(db, report.id)
    actor = "canbo.hoalu" if action in UNIT_SIDE else "sonv"

    response = act(client, auth(actor), report.id, **BODIES[action])

    assert_problem(response, 409)
    assert state(db, report.id) == before
    assert audit_actions(db, "reports", report.id) == []


@pytest.mark.parametrize(
    ("action", "username"),
    [
        (action, username)
        for action in BODIES
        for username in ROLES
        if username not in ALLOWED["unit" if action in UNIT_SIDE else "reviewer"]
    ],
)
def test_every_role_that_may_not_act_is_refused_and_nothing_changes(
    client, auth, db, action, username
):
    report = make_report(db, status=min(SOURCES[action]))
    before = state(db, report.id)

    response = act(client, auth(username), report.id, **BODIES[action])

    # Another unit's officer does not learn the report exists.
    assert_problem(response, 404 if username == "canbo.snv" else 403)
    assert state(db, report.id) == before
    assert audit_actions(db, "reports", report.id) == []


@pytest.mark.parametrize(
    ("action", "username"),
    [
        (action, username)
        for action in BODIES
        for username in sorted(ALLOWED["unit" if action in UNIT_SIDE else "reviewer"])
    ],
)
def test_every_role_that_may_act_does(client, auth, db, action, username):
    status = min(SOURCES[action] - {Status.returned} or SOURCES[action])
    report = make_report(db, status=status)

    response = act(client, auth(username), report.id, **BODIES[action])

    assert response.status_code == 200, response.text
    assert response.json()["history"][-1]["action"] == action
    stored = fresh(db, UnitReport, report.id)
    assert stored.version == 2
    assert db.scalar(select(ReportEvent.action).where(ReportEvent.report_id == report.id)) == action
    assert audit_actions(db, "reports", report.id) == [action]


@pytest.mark.parametrize(
    ("username", "status", "expected"),
    [
        ("canbo.hoalu", Status.draft, ["submit", "refresh"]),
        ("canbo.hoalu", Status.submitted, []),
        ("canbo.hoalu", Status.returned, ["resubmit", "refresh"]),
        ("canbo.hoalu", Status.accepted, []),
        ("sonv", Status.draft, []),
        ("sonv", Status.submitted, ["return", "accept"]),
        ("sonv", Status.accepted, ["reopen"]),
        ("admin", Status.draft, ["submit", "refresh"]),
        ("admin", Status.submitted, ["return", "accept"]),
        ("vanphong", Status.submitted, []),
        ("thanhtra", Status.submitted, []),
        ("lanhdao", Status.accepted, []),
    ],
)
def test_allowed_actions_are_the_buttons_that_will_work(
    client, auth, db, username, status, expected
):
    report = make_report(db, status=status)

    response = client.get(f"{API}/reports/{report.id}", headers=auth(username))

    assert response.status_code == 200, response.text
    assert response.json()["allowed_actions"] == expected
    assert fresh(db, UnitReport, report.id).status is status


def test_a_stale_if_match_on_an_action_is_412_and_changes_nothing(client, auth, db):
    report = make_report(db)
    before = state(db, report.id)

    response = act(client, auth("canbo.hoalu"), report.id, expected=7, action="submit")

    assert_problem(response, 412)
    assert state(db, report.id) == before
    assert audit_actions(db, "reports", report.id) == []


def test_statuses_kinds_actions_and_completeness_carry_vietnamese_labels(client):
    enums = client.get(f"{API}/meta/enums").json()

    assert [c["value"] for c in enums["report_period_kind"]] == ["6_months", "annual", "ad_hoc"]
    assert {c["value"]: c["label"] for c in enums["report_status"]}["returned"] == "Bị trả lại"
    assert {c["value"] for c in enums["report_action"]} == set(BODIES)
    assert {c["value"]: c["label"] for c in enums["report_completeness"]}[
        "submitted_late"
    ] == "Đã gửi muộn"
