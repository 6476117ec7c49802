from datetime import date

import pytest
from sqlalchemy import select

from api.activities.enums import ActivityKind
from api.activities.models import Activity, TrainingAttendance
from api.audit.models import AuditEvent
from tests.api.plans.builders import make_activity, make_official
from tests.factories import unit_by_code
from tests.test_contract import assert_problem


def attendees_url(activity_id: int) -> str:
    return f"/api/v1/activities/{activity_id}/attendees"


def attendee_ids(db, activity_id: int) -> set[int]:
    db.expire_all()
    return set(
        db.scalars(
            select(TrainingAttendance.official_id).where(
                TrainingAttendance.activity_id == activity_id
            )
        )
    )


@pytest.fixture
def provincial_training(db):
    """A training held by Sở Nội vụ for officials of many units."""
    return make_activity(
        db, unit_by_code(db, "SNV").id, kind=ActivityKind.training, held_on=date(2026, 4, 10)
    )


def test_training_takes_officials_of_any_unit_and_replaces_the_list(
    client, auth, db, provincial_training
):
    own = make_official(db, provincial_training.unit_id, full_name="An")
    commune = make_official(db, unit_by_code(db, "P-HOALU").id, full_name="Bình")
    url = attendees_url(provincial_training.id)

    first = client.put(url, headers=auth("sonv"), json={"official_ids": [commune.id, own.id]})
    assert first.status_code == 200, first.text
    assert [o["full_name"] for o in first.json()["officials"]] == ["An", "Bình"]
    assert first.headers["etag"] == '"2"' and first.json()["version"] == 2
    assert attendee_ids(db, provincial_training.id) == {own.id, commune.id}

    second = client.put(
        url, headers=auth("sonv") | {"If-Match": '"2"'}, json={"official_ids": [own.id]}
    )
    assert second.status_code == 200 and second.headers["etag"] == '"3"'
    assert attendee_ids(db, provincial_training.id) == {own.id}
    actions = db.scalars(
        select(AuditEvent.action).where(AuditEvent.entity == "training_attendance")
    ).all()
    assert sorted(actions) == ["create", "create", "delete"]

    listed = client.get(url, headers=auth("canbo.snv"))
    assert [o["id"] for o in listed.json()["officials"]] == [own.id]


def test_stale_if_match_changes_nothing(client, auth, db, provincial_training):
    official = make_official(db, provincial_training.unit_id)
    response = client.put(
        attendees_url(provincial_training.id),
        headers=auth("sonv") | {"If-Match": '"5"'},
        json={"official_ids": [official.id]},
    )
    assert_problem(response, 412)
    assert attendee_ids(db, provincial_training.id) == set()


def test_only_a_training_has_attendees(client, auth, db):
    review = make_activity(db, unit_by_code(db, "SNV").id, kind=ActivityKind.review)
    official = make_official(db, review.unit_id)
    response = client.put(
        attendees_url(review.id), headers=auth("sonv"), json={"official_ids": [official.id]}
    )
    assert_problem(response, 409)
    assert attendee_ids(db, review.id) == set()


@pytest.mark.parametrize("problem_kind", ["unknown", "not_yet_in_charge", "left_before", "repeat"])
def test_bad_attendee_list_is_422_and_writes_nothing(
    client, auth, db, provincial_training, problem_kind
):
    snv = provincial_training.unit_id
    good = make_official(db, snv)
    other = {
        "unknown": 999_999,
        "not_yet_in_charge": make_official(db, snv, since=date(2026, 5, 1)).id,
        "left_before": make_official(db, snv, until=date(2026, 1, 31), is_active=False).id,
        "repeat": good.id,
    }[problem_kind]
    response = client.put(
        attendees_url(provincial_training.id),
        headers=auth("sonv"),
        json={"official_ids": [good.id, other]},
    )
    locs = [e["loc"] for e in assert_problem(response, 422)["errors"]]
    assert locs == (
        [["body", "official_ids"]] if problem_kind == "repeat" else [["body", "official_ids", 1]]
    )
    assert attendee_ids(db, provincial_training.id) == set()


def test_an_officer_manages_only_their_units_trainings(client, auth, db, provincial_training):
    official = make_official(db, unit_by_code(db, "P-HOALU").id)
    url = attendees_url(provincial_training.id)
    body = {"official_ids": [official.id]}
    assert_problem(client.put(url, headers=auth("canbo.hoalu"), json=body), 404)
    assert_problem(client.get(url, headers=auth("canbo.hoalu")), 404)
    assert_problem(client.put(url, headers=auth("thanhtra"), json=body), 403)
    assert attendee_ids(db, provincial_training.id) == set()


def test_a_training_with_attendees_keeps_its_kind_and_deletes_with_them(
    client, auth, db, provincial_training
):
    official = make_official(db, provincial_training.unit_id)
    url = attendees_url(provincial_training.id)
    assert (
        client.put(url, headers=auth("sonv"), json={"official_ids": [official.id]}).status_code
        == 200
    )
    activity_url = f"/api/v1/activities/{provincial_training.id}"
    assert_problem(client.patch(activity_url, headers=auth("sonv"), json={"kind": "other"}), 409)

    assert client.delete(activity_url, headers=auth("sonv")).status_code == 204
    assert attendee_ids(db, provincial_training.id) == set()
    assert db.get(Activity, provincial_training.id) is None
    event = db.scalar(
        select(AuditEvent).where(AuditEvent.entity == "activities", AuditEvent.action == "delete")
    )
    assert event.before["official_ids"] == [official.id]
