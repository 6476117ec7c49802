"""The due dates stored on each petition (what the dashboard and the `overdue` filter read)
are always the rule engine's: after every action, and after an admin edits the holidays or
the rules — without making anyone's open form stale."""

import random
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from api.reception.enums import CaseType
from api.reception.models import Petition
from api.reception.reference import load_calendar
from api.reception.timing import current_due_on, resolution_limit
from tests.api.reception.helpers import act, make_petition
from tests.factories import unit_by_code

EXTRA = {
    "reject": {"reason": "Không đủ điều kiện thụ lý"},
    "extend": {"reason": "Vụ việc phức tạp"},
    "resolve": {"decision_number": "15/QĐ-UBND", "decision_date": "2026-06-01"},
}


def _stored_and_computed(db, petition_id: int):
    db.expire_all()
    petition = db.scalar(
        select(Petition).options(selectinload(Petition.history)).where(Petition.id == petition_id)
    )
    calendar = load_calendar(db)
    stored = (petition.due_on, petition.resolution_due_on)
    return stored, (current_due_on(calendar, petition), resolution_limit(calendar, petition))


def test_stored_due_dates_follow_every_action(client, auth, db):
    rng = random.Random(5)
    admin = auth("admin")
    home, other_unit = unit_by_code(db, "P-HOALU").id, unit_by_code(db, "X-GIAVIEN").id
    taken: set[str] = set()
    for n in range(12):
        case_type = rng.choice(list(CaseType))
        petition = make_petition(
            db,
            case_type=case_type,
            received_on=date(2026, 3, 2),
            is_complex=case_type is CaseType.complaint and n % 2 == 0,
        )
        day = date(2026, 3, 3)
        for _ in range(6):
            seen = client.get(f"/api/v1/petitions/{petition.id}", headers=admin).json()
            allowed = seen["allowed_actions"]
            if not allowed:
                break
            action = rng.choice(allowed)
            extra = dict(EXTRA.get(action, {}))
            if action == "transfer":
                extra["to_unit_id"] = other_unit if seen["unit_id"] != other_unit else home
            if action == "resolve" and case_type is CaseType.complaint:
                extra["outcome"] = "partly_right"
            if action == "resolve":
                extra["decision_date"] = day.isoformat()
            response = act(client, admin, petition.id, action, day, **extra)
            assert response.status_code == 200, (action, response.text)
            taken.add(action)
            stored, computed = _stored_and_computed(db, petition.id)
            assert stored == computed, (action, stored, computed)
            assert response.json()["due_on"] == (stored[0].isoformat() if stored[0] else None)
            day += timedelta(days=rng.choice([1, 5, 20]))
    assert {"accept", "transfer", "start", "suspend", "resume", "resolve"} <= taken


def test_a_new_holiday_moves_the_stored_due_date_without_a_new_version(client, auth, db):
    # Feedback: 10 working days from Monday 2 March 2026 → Monday 16 March.
    petition = make_petition(db, case_type=CaseType.feedback, received_on=date(2026, 3, 2))
    assert petition.due_on == date(2026, 3, 16)
    url = f"/api/v1/petitions/{petition.id}"
    etag = client.get(url, headers=auth("admin")).headers["etag"]
    holiday = client.post(
        "/api/v1/holidays", headers=auth("admin"), json={"date": "2026-03-10", "name": "Nghỉ bù"}
    )
    assert holiday.status_code == 201
    db.expire_all()
    assert db.get(Petition, petition.id).due_on == date(2026, 3, 17)
    after = client.get(url, headers=auth("admin"))
    assert (after.json()["due_on"], after.headers["etag"]) == ("2026-03-17", etag)
    moved = client.patch(
        f"/api/v1/holidays/{holiday.json()['id']}",
        headers=auth("admin"),
        json={"date": "2026-04-01"},
    )
    assert moved.status_code == 200
    db.expire_all()
    assert db.get(Petition, petition.id).due_on == date(2026, 3, 16)
    client.patch(
        f"/api/v1/holidays/{holiday.json()['id']}",
        headers=auth("admin"),
        json={"date": "2026-03-11"},
    )
    assert (
        client.delete(f"/api/v1/holidays/{holiday.json()['id']}", headers=auth("admin")).status_code
        == 204
    )
    db.expire_all()
    assert db.get(Petition, petition.id).due_on == date(2026, 3, 16)


def test_a_changed_rule_moves_the_stored_due_dates(client, auth, db):
    petition = make_petition(db, case_type=CaseType.feedback, received_on=date(2026, 3, 2))
    rules = client.get(
        "/api/v1/time-limit-rules?limit=500&case_type=feedback", headers=auth("admin")
    ).json()["items"]
    rule = next(r for r in rules if r["effective_from"] <= "2026-03-02")
    changed = client.patch(
        f"/api/v1/time-limit-rules/{rule['id']}", headers=auth("admin"), json={"days": 15}
    )
    assert changed.status_code == 200, changed.text
    db.expire_all()
    assert db.get(Petition, petition.id).due_on == date(2026, 3, 23)
