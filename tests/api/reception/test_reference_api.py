"""The holiday calendar and the time-limit rules as tables: seed, read, admin edits."""

from datetime import date

import pytest
from sqlalchemy import select

from api.audit.models import AuditEvent
from api.reception import deadlines
from api.reception.models import Holiday, TimeLimitRuleRecord
from api.reception.reference import seed_reference_data
from tests.api.reception.helpers import count_rows
from tests.test_contract import assert_problem

READERS = ["admin", "sonv", "vanphong", "thanhtra", "lanhdao", "canbo.hoalu"]
NOT_ADMINS = READERS[1:]
NEW_RULE = {
    "step": "resolve",
    "case_type": "feedback",
    "variant": "normal",
    "days": 15,
    "count": "working_days",
    "effective_from": "2027-01-01",
    "source": "Thông tư thử nghiệm",
}


def _accept_first(db, effective_from: date) -> TimeLimitRuleRecord:
    return db.scalar(
        select(TimeLimitRuleRecord).where(
            TimeLimitRuleRecord.step == "accept",
            TimeLimitRuleRecord.case_type == "complaint",
            TimeLimitRuleRecord.level == "first",
            TimeLimitRuleRecord.effective_from == effective_from,
        )
    )


def test_the_tables_hold_the_shipped_data_and_seeding_again_adds_nothing(db):
    assert count_rows(db, TimeLimitRuleRecord) == len(deadlines.load_rules())
    assert count_rows(db, Holiday) == len(deadlines.load_holidays())
    tet = db.scalar(select(Holiday).where(Holiday.date == date(2026, 2, 17)))
    assert tet.name == "Tết Nguyên đán (mùng 1 Tết)" and tet.note
    assert seed_reference_data(db) == (0, 0)


def test_seeding_keeps_what_an_admin_edited(db):
    rule = _accept_first(db, date(2026, 7, 1))
    rule.days = 5
    db.delete(db.scalar(select(Holiday).where(Holiday.date == date(2026, 9, 2))))
    db.flush()
    assert seed_reference_data(db) == (0, 1)
    assert rule.days == 5


@pytest.mark.parametrize("username", READERS)
def test_every_role_reads_the_reference_data(client, auth, username):
    holidays = client.get("/api/v1/holidays?year=2026&limit=500", headers=auth(username))
    assert holidays.status_code == 200
    body = holidays.json()
    assert body["total"] == 14
    assert {h["date"][:4] for h in body["items"]} == {"2026"}
    rules = client.get(
        "/api/v1/time-limit-rules?step=accept&case_type=complaint&in_force_on=2026-07-01",
        headers=auth(username),
    ).json()
    assert sorted((r["level"], r["days"], r["count"]) for r in rules["items"]) == [
        ("first", 7, "working_days"),
        ("second", 7, "working_days"),
    ]


@pytest.mark.parametrize("username", NOT_ADMINS)
def test_only_an_admin_writes_reference_data(client, auth, db, username):
    headers = auth(username)
    holiday = db.scalar(select(Holiday).limit(1))
    rule = _accept_first(db, date(2026, 7, 1))
    attempts = [
        client.post("/api/v1/holidays", headers=headers, json={"date": "2030-01-01", "name": "x"}),
        client.patch(f"/api/v1/holidays/{holiday.id}", headers=headers, json={"name": "x"}),
        client.delete(f"/api/v1/holidays/{holiday.id}", headers=headers),
        client.post("/api/v1/time-limit-rules", headers=headers, json=NEW_RULE),
        client.patch(f"/api/v1/time-limit-rules/{rule.id}", headers=headers, json={"days": 9}),
    ]
    for response in attempts:
        assert_problem(response, 403)
    db.expire_all()
    assert db.get(Holiday, holiday.id).name != "x"
    assert db.get(TimeLimitRuleRecord, rule.id).days == 7


def test_admin_manages_holidays(client, auth, db):
    admin = auth("admin")
    created = client.post(
        "/api/v1/holidays",
        headers=admin,
        json={"date": "2030-01-01", "name": "Tết Dương lịch", "note": "BLLĐ 2019"},
    )
    assert created.status_code == 201, created.text
    hid = created.json()["id"]
    assert_problem(
        client.post("/api/v1/holidays", headers=admin, json={"date": "2030-01-01", "name": "y"}),
        409,
    )
    stale = client.patch(
        f"/api/v1/holidays/{hid}", headers=admin | {"If-Match": '"5"'}, json={"name": "z"}
    )
    assert_problem(stale, 412)
    renamed = client.patch(f"/api/v1/holidays/{hid}", headers=admin, json={"name": "Năm mới"})
    assert (renamed.json()["name"], renamed.headers["etag"]) == ("Năm mới", '"2"')
    assert db.scalar(select(Holiday.name).where(Holiday.id == hid)) == "Năm mới"
    assert client.delete(f"/api/v1/holidays/{hid}", headers=admin).status_code == 204
    assert db.get(Holiday, hid) is None
    actions = db.scalars(
        select(AuditEvent.action).where(
            AuditEvent.entity == "holidays", AuditEvent.entity_id == str(hid)
        )
    ).all()
    assert sorted(actions) == ["create", "delete", "update"]


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param({"date": "2030-02-30", "name": "x"}, id="no-such-day"),
        pytest.param({"date": "2030-01-02", "name": ""}, id="empty-name"),
        pytest.param({"name": "x"}, id="no-date"),
    ],
)
def test_bad_holidays_are_422(client, auth, db, payload):
    before = count_rows(db, Holiday)
    assert_problem(client.post("/api/v1/holidays", headers=auth("admin"), json=payload), 422)
    assert count_rows(db, Holiday) == before


def test_admin_adds_a_rule_and_ends_an_old_one(client, auth, db):
    admin = auth("admin")
    created = client.post("/api/v1/time-limit-rules", headers=admin, json=NEW_RULE)
    assert created.status_code == 201, created.text
    assert created.json() | {"id": 0} == NEW_RULE | {
        "id": 0,
        "level": None,
        "extension_days": 0,
        "max_extensions": 0,
        "effective_to": None,
        "note": "",
        "version": 1,
    }
    # A newer rule for the same key overlaps the open-ended one: 409 until the old one ends.
    newer = NEW_RULE | {"effective_from": "2028-01-01", "days": 12}
    overlap = client.post("/api/v1/time-limit-rules", headers=admin, json=newer)
    assert_problem(overlap, 409)
    rid = created.json()["id"]
    ended = client.patch(
        f"/api/v1/time-limit-rules/{rid}",
        headers=admin | {"If-Match": '"1"'},
        json={"effective_to": "2028-01-01"},
    )
    assert ended.status_code == 200, ended.text
    assert client.post("/api/v1/time-limit-rules", headers=admin, json=newer).status_code == 201
    rows = db.scalars(
        select(TimeLimitRuleRecord.days)
        .where(TimeLimitRuleRecord.step == "resolve", TimeLimitRuleRecord.case_type == "feedback")
        .order_by(TimeLimitRuleRecord.effective_from)
    ).all()
    assert rows == [15, 12]


def test_moving_a_shipped_rule_onto_its_successor_is_409(client, auth, db):
    old = _accept_first(db, date(2012, 7, 1))
    response = client.patch(
        f"/api/v1/time-limit-rules/{old.id}", headers=auth("admin"), json={"effective_to": None}
    )
    assert_problem(response, 409)
    db.expire_all()
    assert db.get(TimeLimitRuleRecord, old.id).effective_to == date(2026, 7, 1)


@pytest.mark.parametrize(
    ("change", "status"),
    [
        pytest.param({"days": 0}, 422, id="zero-days"),
        pytest.param({"count": "hours"}, 422, id="bad-count"),
        pytest.param({"effective_to": "2026-12-31"}, 422, id="ends-before-it-starts"),
        pytest.param({"max_extensions": 1}, 422, id="extension-without-days"),
        pytest.param({"source": ""}, 422, id="no-source"),
        pytest.param({"step": "appeal"}, 422, id="unknown-step"),
    ],
)
def test_bad_rules_are_refused(client, auth, db, change, status):
    before = count_rows(db, TimeLimitRuleRecord)
    response = client.post(
        "/api/v1/time-limit-rules", headers=auth("admin"), json=NEW_RULE | change
    )
    assert_problem(response, status)
    assert count_rows(db, TimeLimitRuleRecord) == before


def test_a_rules_key_cannot_be_patched(client, auth, db):
    rule = _accept_first(db, date(2026, 7, 1))
    response = client.patch(
        f"/api/v1/time-limit-rules/{rule.id}", headers=auth("admin"), json={"step": "resolve"}
    )
    assert_problem(response, 422)
    assert db.get(TimeLimitRuleRecord, rule.id).step == "accept"
