"""A recommendation's follow-up: open → in_progress → done → verified, only through actions."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from api.auth.models import User
from api.common import dates
from api.common.dates import province_today
from api.inspections.enums import RecommendationAction, RecommendationStatus
from api.inspections.models import Recommendation, RecommendationEvent
from tests.api.inspections.builders import (
    API,
    audit_actions,
    count,
    error_fields,
    fresh,
    make_inspection,
    make_recommendation,
)
from tests.test_contract import assert_problem

Status = RecommendationStatus


def _act(client, headers, recommendation_id: int, **body):
    return client.post(
        f"{API}/recommendations/{recommendation_id}/actions", headers=headers, json=body
    )


def test_a_recommendation_followed_up_to_closure(client, auth, db):
    recommendation = make_recommendation(db, make_inspection(db))
    unit, inspector = auth("canbo.hoalu"), auth("thanhtra")

    started = _act(client, unit, recommendation.id, action="start", acted_on="2026-03-10")
    assert started.status_code == 200, started.text
    assert started.json()["allowed_actions"] == ["complete"]
    completed = _act(
        client,
        unit,
        recommendation.id,
        action="complete",
        acted_on="2026-03-20",
        note="Đã niêm yết lịch tiếp công dân tại bộ phận một cửa",
    )
    assert completed.json()["allowed_actions"] == []  # the unit waits for the inspector
    assert client.get(f"{API}/recommendations/{recommendation.id}", headers=inspector).json()[
        "allowed_actions"
    ] == ["verify", "reopen"]
    verified = _act(client, inspector, recommendation.id, action="verify", acted_on="2026-03-25")

    assert verified.status_code == 200, verified.text
    assert verified.headers["etag"] == '"4"'
    body = verified.json()
    assert body["status"] == "verified" and body["overdue"] is False
    assert body["allowed_actions"] == ["reopen"]
    assert [(h["action"], h["from_status"], h["to_status"]) for h in body["history"]] == [
        ("start", "open", "in_progress"),
        ("complete", "in_progress", "done"),
        ("verify", "done", "verified"),
    ]
    assert body["history"][1]["note"] == "Đã niêm yết lịch tiếp công dân tại bộ phận một cửa"
    assert body["history"][0]["actor_name"] == "Cán bộ UBND phường Hoa Lư"
    assert body["history"][2]["actor_name"] == "Thanh tra viên Thanh tra tỉnh"
    stored = fresh(db, Recommendation, recommendation.id)
    assert stored.status is Status.verified and stored.version == 4
    steps = db.query(RecommendationEvent).order_by(RecommendationEvent.id).all()
    assert [s.acted_on for s in steps] == [date(2026, 3, 10), date(2026, 3, 20), date(2026, 3, 25)]
    assert steps[2].actor_user_id == db.scalar(select(User.id).where(User.username == "thanhtra"))
    assert audit_actions(db, "recommendations", recommendation.id) == [
        "start",
        "complete",
        "verify",
    ]


def test_the_inspecting_side_reopens_with_a_reason(client, auth, db):
    recommendation = make_recommendation(db, make_inspection(db), status=Status.done)

    response = _act(
        client, auth("sonv"), recommendation.id, action="reopen", note="Chưa niêm yết ở nhà văn hóa"
    )

    assert response.status_code == 200, response.text
    assert response.json()["status"] == "in_progress"
    assert response.json()["history"][0]["acted_on"] == province_today().isoformat()
    assert fresh(db, Recommendation, recommendation.id).status is Status.in_progress
    assert audit_actions(db, "recommendations", recommendation.id) == ["reopen"]


def test_a_quick_fix_is_reported_done_without_a_start(client, auth, db):
    recommendation = make_recommendation(db, make_inspection(db))

    response = _act(client, auth("canbo.hoalu"), recommendation.id, action="complete", note="Xong")

    assert response.status_code == 200, response.text
    assert fresh(db, Recommendation, recommendation.id).status is Status.done


# Which status each action leaves from; every other status is a 409.
SOURCES = {
    "start": {Status.open},
    "complete": {Status.open, Status.in_progress},
    "verify": {Status.done},
    "reopen": {Status.done, Status.verified},
}
RESPONSIBLE_SIDE = {"start", "complete"}


@pytest.mark.parametrize(
    ("action", "status"),
    [(a, s) for a, sources in SOURCES.items() for s in Status if s not in sources],
)
def test_an_action_from_the_wrong_status_is_409_and_changes_nothing(
    client, auth, db, action, status
):
    recommendation = make_recommendation(db, make_inspection(db), status=status)
    actor = "canbo.hoalu" if action in RESPONSIBLE_SIDE else "thanhtra"

    response = _act(client, auth(actor), recommendation.id, action=action, note="Ghi chú")

    assert status.label in assert_problem(response, 409)["detail"]
    stored = fresh(db, Recommendation, recommendation.id)
    assert stored.status is status and stored.version == 1
    assert count(db, RecommendationEvent) == 0
    assert audit_actions(db, "recommendations", recommendation.id) == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"action": "complete"}, "note"),
        ({"action": "complete", "note": "   "}, "note"),
        ({"action": "reopen"}, "note"),
        ({"action": "close", "note": "x"}, "action"),
        ({"action": "start", "acted_on": "tomorrow"}, "acted_on"),
        ({"action": "start", "status": "done"}, "status"),
    ],
)
def test_an_action_missing_what_it_needs_is_422(client, auth, db, body, field):
    recommendation = make_recommendation(db, make_inspection(db), status=Status.done)
    actor = auth("canbo.hoalu" if body["action"] in RESPONSIBLE_SIDE else "thanhtra")

    response = _act(client, actor, recommendation.id, **body)

    assert field in error_fields(assert_problem(response, 422))
    assert fresh(db, Recommendation, recommendation.id).version == 1
    assert count(db, RecommendationEvent) == 0


def test_an_action_cannot_be_dated_in_the_future(client, auth, db):
    recommendation = make_recommendation(db, make_inspection(db))
    tomorrow = (province_today() + timedelta(days=1)).isoformat()

    response = _act(
        client, auth("canbo.hoalu"), recommendation.id, action="start", acted_on=tomorrow
    )

    assert error_fields(assert_problem(response, 422)) == {"acted_on"}
    assert fresh(db, Recommendation, recommendation.id).status is Status.open


def test_an_action_on_a_stale_version_is_412(client, auth, db):
    recommendation = make_recommendation(db, make_inspection(db))

    response = client.post(
        f"{API}/recommendations/{recommendation.id}/actions",
        headers={**auth("canbo.hoalu"), "If-Match": '"2"'},
        json={"action": "start"},
    )

    assert_problem(response, 412)
    assert fresh(db, Recommendation, recommendation.id).status is Status.open
    assert count(db, RecommendationEvent) == 0


def test_completing_ends_overdue(client, auth, db):
    late = make_recommendation(db, make_inspection(db), due_on=province_today() - timedelta(days=3))
    assert client.get(f"{API}/recommendations/{late.id}", headers=auth("sonv")).json()["overdue"]

    response = _act(client, auth("canbo.hoalu"), late.id, action="complete", note="Đã khắc phục")

    assert response.json()["overdue"] is False
    listed = client.get(f"{API}/recommendations?overdue=true", headers=auth("sonv")).json()
    assert listed["total"] == 0


def test_workflow_and_task_group_enums_carry_vietnamese_labels(client):
    enums = client.get(f"{API}/meta/enums").json()
    assert {c["value"] for c in enums["recommendation_action"]} == {
        a.value for a in RecommendationAction
    }
    assert {c["value"]: c["label"] for c in enums["recommendation_status"]}["verified"] == (
        "Đã xác nhận hoàn thành"
    )
    groups = [c["label"] for c in enums["task_group"]]
    assert len(groups) == 7
    assert groups[3] == (
        "III.4. Thực hiện tốt công tác đối thoại tiếp dân và giải quyết khiếu nại, tố cáo"
    )


class _EveningInHanoi(datetime):
    """18:00 UTC on 1 March 2026: already 01:00 on 2 March in the province."""

    @classmethod
    def now(cls, tz=None):
        return datetime(2026, 3, 1, 18, 0, tzinfo=UTC).astimezone(tz)


def test_overdue_counts_days_in_the_province_not_in_utc(client, auth, db, monkeypatch):
    monkeypatch.setattr(dates, "datetime", _EveningInHanoi)
    due_yesterday = make_recommendation(db, make_inspection(db), due_on=date(2026, 3, 1))

    response = client.get(f"{API}/recommendations/{due_yesterday.id}", headers=auth("sonv"))
    listed = client.get(f"{API}/recommendations?overdue=true", headers=auth("sonv")).json()

    assert province_today() == date(2026, 3, 2)
    assert response.json()["overdue"] is True
    assert [item["id"] for item in listed["items"]] == [due_yesterday.id]


def test_unknown_recommendation_is_404(client, auth):
    assert_problem(client.get(f"{API}/recommendations/999999", headers=auth("sonv")), 404)
    response = client.post(
        f"{API}/recommendations/999999/actions", headers=auth("thanhtra"), json={"action": "verify"}
    )
    assert_problem(response, 404)
