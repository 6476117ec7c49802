"""Statutory due dates, overdue and prolonged, as the API derives them from the tables."""

from datetime import date

import pytest
from sqlalchemy import select

from api.reception.enums import CaseType, Complexity, PetitionStatus
from api.reception.models import TimeLimitRuleRecord
from tests.api.reception.helpers import act, make_petition, today
from tests.factories import unit_by_code

PETITION = {
    "unit_code": "P-HOALU",
    "case_type": "complaint",
    "field": "land",
    "petitioner_name": "Phạm Thị Dung",
    "summary": "Khiếu nại về bồi thường khi thu hồi đất",
}


def _post(client, auth, **fields) -> dict:
    response = client.post("/api/v1/petitions", headers=auth("admin"), json=PETITION | fields)
    assert response.status_code == 201, response.text
    return response.json()


@pytest.mark.parametrize(
    ("received_on", "due_on"),
    [
        # Before 1 July 2026: 10 calendar days. Fri 26/06 + 10 = Mon 06/07.
        pytest.param("2026-06-26", "2026-07-06", id="old-rule"),
        # Tue 30/06 + 10 = Fri 10/07.
        pytest.param("2026-06-30", "2026-07-10", id="last-day-of-old-rule"),
        # From 1 July 2026: 7 working days. Wed 01/07: Thu 02 (1) .. Fri 10/07 (7).
        pytest.param("2026-07-01", "2026-07-10", id="first-day-of-new-rule"),
        # Fri 03/07: Mon 06 (1) .. Fri 10 (5), Mon 13 (6), Tue 14/07 (7); the old rule gave 13/07.
        pytest.param("2026-07-03", "2026-07-14", id="new-rule-differs"),
    ],
)
def test_complaint_accept_limit_follows_the_law_of_the_day_of_receipt(
    client, auth, received_on, due_on
):
    body = _post(client, auth, received_on=received_on)
    assert (body["status"], body["due_on"]) == ("received", due_on)
    assert body["overdue"] is True  # all long past on the suite's clock (late 2026)


@pytest.mark.parametrize(
    ("level", "is_complex", "is_remote_area", "due_on"),
    [
        # Accepted Thu 05/03/2026. First level: 30 -> Sat 04/04 -> Mon 06/04.
        pytest.param("first", False, False, "2026-04-06", id="first-normal-30"),
        # 45 -> Sun 19/04 -> Mon 20/04.
        pytest.param("first", True, False, "2026-04-20", id="first-complex-45"),
        pytest.param("first", False, True, "2026-04-20", id="first-remote-45"),
        # 60 -> Mon 04/05.
        pytest.param("first", True, True, "2026-05-04", id="first-remote-complex-60"),
        pytest.param("second", False, False, "2026-04-20", id="second-normal-45"),
        pytest.param("second", True, False, "2026-05-04", id="second-complex-60"),
        # 70 -> Thu 14/05.
        pytest.param("second", True, True, "2026-05-14", id="second-remote-complex-70"),
    ],
)
def test_complaint_resolve_limit_counts_from_acceptance(
    client, auth, level, is_complex, is_remote_area, due_on
):
    body = _post(
        client,
        auth,
        received_on="2026-03-02",
        resolution_level=level,
        is_complex=is_complex,
        is_remote_area=is_remote_area,
    )
    accepted = act(client, auth("admin"), body["id"], "accept", date(2026, 3, 5)).json()
    assert (accepted["status"], accepted["due_on"]) == ("accepted", due_on)
    started = act(client, auth("admin"), body["id"], "start", date(2026, 3, 6)).json()
    assert started["due_on"] == due_on


def test_a_suspension_stops_the_clock_and_moves_the_due_date(client, auth, db):
    body = _post(client, auth, received_on="2026-03-02")
    admin, pid = auth("admin"), body["id"]
    act(client, admin, pid, "accept", date(2026, 3, 2))
    started = act(client, admin, pid, "start", date(2026, 3, 2)).json()
    assert started["due_on"] == "2026-04-01"  # Mon 02/03 + 30
    suspended = act(client, admin, pid, "suspend", date(2026, 3, 10), note="Chờ giám định").json()
    assert (suspended["status"], suspended["due_on"], suspended["overdue"]) == (
        "suspended",
        None,
        False,
    )
    resumed = act(client, admin, pid, "resume", date(2026, 3, 20)).json()
    # 8 days used by 10/03; 22 left from 20/03 -> Sat 11/04 -> Mon 13/04.
    assert (resumed["status"], resumed["due_on"]) == ("in_resolution", "2026-04-13")
    assert client.get(f"/api/v1/petitions/{pid}", headers=admin).json()["due_on"] == "2026-04-13"


def test_an_extension_lengthens_a_complex_denunciation(client, auth):
    body = _post(
        client,
        auth,
        received_on="2026-03-02",
        case_type="denunciation",
        complexity="complex",
    )
    admin, pid = auth("admin"), body["id"]
    # Denunciation, accept step: 7 working days from Mon 02/03 -> Wed 11/03.
    assert body["due_on"] == "2026-03-11"
    act(client, admin, pid, "accept", date(2026, 3, 2))
    started = act(client, admin, pid, "start", date(2026, 3, 2)).json()
    assert started["due_on"] == "2026-04-01"
    assert "extend" in started["allowed_actions"]
    extended = act(client, admin, pid, "extend", date(2026, 3, 30), reason="Phức tạp").json()
    # 60 days -> Fri 01/05 (a holiday) -> Mon 04/05; the only extension is used.
    assert (extended["due_on"], extended["extensions"]) == ("2026-05-04", 1)
    assert "extend" not in extended["allowed_actions"]


def test_a_denunciation_needing_verification_gets_ten_working_days(client, auth):
    body = _post(
        client,
        auth,
        received_on="2026-03-02",
        case_type="denunciation",
        needs_verification=True,
    )
    assert body["due_on"] == "2026-03-16"


def test_a_transferred_petition_counts_from_the_transfer(client, auth, db):
    body = _post(client, auth, received_on="2026-07-01")
    giavien = unit_by_code(db, "X-GIAVIEN")
    moved = act(
        client, auth("admin"), body["id"], "transfer", date(2026, 7, 3), to_unit_id=giavien.id
    ).json()
    # Rule of the day of receipt (7 working days), counted from the transfer: Fri 03/07 -> 14/07.
    assert moved["due_on"] == "2026-07-14"


def test_feedback_has_one_processing_limit_until_resolved(client, auth):
    body = _post(client, auth, received_on="2026-03-02", case_type="feedback")
    admin, pid = auth("admin"), body["id"]
    assert body["resolution_level"] is None
    assert body["due_on"] == "2026-03-16"  # 10 working days from Mon 02/03
    act(client, admin, pid, "accept", date(2026, 3, 3))
    started = act(client, admin, pid, "start", date(2026, 3, 4)).json()
    assert (started["due_on"], started["prolonged"]) == ("2026-03-16", True)


def test_due_dates_follow_the_holiday_table(client, auth, db):
    body = _post(client, auth, received_on="2026-03-02", case_type="feedback")
    holiday = {"date": "2026-03-10", "name": "Ngày nghỉ thử"}
    assert client.post("/api/v1/holidays", headers=auth("admin"), json=holiday).status_code == 201
    again = client.get(f"/api/v1/petitions/{body['id']}", headers=auth("admin")).json()
    assert again["due_on"] == "2026-03-17"


def test_due_dates_follow_the_rule_table(client, auth, db):
    rule = db.scalar(
        select(TimeLimitRuleRecord).where(
            TimeLimitRuleRecord.step == "accept", TimeLimitRuleRecord.case_type == "feedback"
        )
    )
    response = client.patch(
        f"/api/v1/time-limit-rules/{rule.id}", headers=auth("admin"), json={"days": 5}
    )
    assert response.status_code == 200, response.text
    body = _post(client, auth, received_on="2026-03-02", case_type="feedback")
    assert body["due_on"] == "2026-03-09"


def test_no_rule_in_force_means_no_due_date(client, auth):
    # The Law on Complaints 2011 applies from 01/07/2012; nothing earlier is in the table.
    body = _post(client, auth, received_on="2012-06-30")
    assert (body["due_on"], body["overdue"]) == (None, False)


def test_overdue_and_prolonged(client, auth, db):
    late = make_petition(db, received_on=date(2026, 3, 2))
    fresh = make_petition(db, received_on=today())
    unresolved = make_petition(
        db, status=PetitionStatus.in_resolution, accepted_on=date(2026, 3, 5)
    )
    settled = make_petition(db, status=PetitionStatus.resolved, accepted_on=date(2026, 3, 5))
    again = make_petition(db, received_on=today(), duplicate_of_id=settled.id)
    over = make_petition(db, received_on=today(), sent_to_level_above=True)
    flags = {}
    for petition in (late, fresh, unresolved, settled, again, over):
        body = client.get(f"/api/v1/petitions/{petition.id}", headers=auth("admin")).json()
        flags[petition.id] = (body["overdue"], body["prolonged"], body["over_level"])
    assert flags == {
        late.id: (True, False, False),
        fresh.id: (False, False, False),
        unresolved.id: (True, True, False),
        settled.id: (False, False, False),
        again.id: (False, True, False),  # re-submitted after a resolution
        over.id: (False, False, True),
    }


def test_the_overdue_filter(client, auth, db):
    late = make_petition(db, received_on=date(2026, 3, 2), unit_code="X-GIAVIEN")
    fresh = make_petition(db, received_on=today(), unit_code="X-GIAVIEN")
    make_petition(db, received_on=date(2026, 3, 2), status=PetitionStatus.closed)
    unit = unit_by_code(db, "X-GIAVIEN").id
    url = f"/api/v1/petitions?unit_id={unit}&overdue="
    overdue = client.get(url + "true", headers=auth("sonv")).json()
    assert [i["id"] for i in overdue["items"]] == [late.id]
    assert overdue["total"] == 1
    on_time = client.get(url + "false", headers=auth("sonv")).json()
    assert [i["id"] for i in on_time["items"]] == [fresh.id]


def test_a_denunciation_complexity_changed_by_patch_changes_its_extensions(client, auth, db):
    petition = make_petition(
        db,
        case_type=CaseType.denunciation,
        resolution_level=None,
        status=PetitionStatus.in_resolution,
        accepted_on=date(2026, 3, 5),
    )
    url = f"/api/v1/petitions/{petition.id}"
    assert "extend" not in client.get(url, headers=auth("admin")).json()["allowed_actions"]
    body = client.patch(
        url, headers=auth("admin"), json={"complexity": Complexity.especially_complex}
    ).json()
    assert "extend" in body["allowed_actions"]
