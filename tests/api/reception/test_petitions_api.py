"""Petitions: create, the portal's replays, input checks, masking, CSV, filters, versions."""

import csv
import io
from datetime import date

import pytest
from sqlalchemy import select

from api.audit.models import AuditEvent
from api.reception.enums import CaseType, PetitionSource, PetitionStatus
from api.reception.models import Petition, PetitionEvent
from tests.api.reception.helpers import (
    ID_NUMBER,
    MASKED,
    act,
    client_bearer,
    count_rows,
    make_petition,
    today,
)
from tests.factories import unit_by_code
from tests.test_contract import assert_problem

# The portal's payload, with the exact names of DESIGN section 4.
ONLINE = {
    "source": "online",
    "external_id": "PAKN-2026-000045",
    "unit_code": "X-GIAVIEN",
    "case_type": "feedback",
    "field": "administrative_procedure",
    "received_on": "2026-03-02",
    "petitioner_name": "Nguyễn Văn An",
    "petitioner_id_number": ID_NUMBER,
    "petitioner_address": "Thôn Đông, xã Gia Viễn",
    "summary": "Hồ sơ cấp đổi giấy phép lái xe quá hạn trả kết quả",
}


def test_create_stores_the_petition_and_audits_it_masked(client, auth, db):
    response = client.post(
        "/api/v1/petitions",
        headers=auth("canbo.hoalu"),
        json={
            "case_type": "complaint",
            "field": "land_recovery",
            "received_on": "2026-03-02",
            "petitioner_name": "Trần Văn Bình",
            "petitioner_id_number": ID_NUMBER,
            "summary": "Khiếu nại mức bồi thường",
            "is_remote_area": True,
        },
    )
    assert response.status_code == 201, response.text
    body = response.json()
    hoalu = unit_by_code(db, "P-HOALU")
    assert body["unit_id"] == hoalu.id  # an officer's own unit by default
    assert (body["source"], body["status"], body["resolution_level"]) == (
        "mail",
        "received",
        "first",
    )
    assert body["petitioner_id_number"] == ID_NUMBER  # the owning unit's officer sees it
    assert body["history"] == []
    assert body["allowed_actions"] == ["accept", "reject", "transfer", "withdraw"]
    assert response.headers["etag"] == '"1"'
    stored = db.get(Petition, body["id"])
    assert (stored.unit_id, stored.petitioner_id_number, stored.is_remote_area) == (
        hoalu.id,
        ID_NUMBER,
        True,
    )
    event = db.scalar(
        select(AuditEvent).where(
            AuditEvent.entity == "petitions", AuditEvent.entity_id == str(body["id"])
        )
    )
    assert (event.action, event.actor_name, event.unit_id) == ("create", "canbo.hoalu", hoalu.id)
    assert event.after["petitioner_id_number"] == MASKED


def test_online_petition_from_the_portal_and_its_replay(client, db):
    portal = client_bearer(db)
    first = client.post("/api/v1/petitions", headers=portal, json=ONLINE)
    assert first.status_code == 201, first.text
    replay = client.post("/api/v1/petitions", headers=portal, json=ONLINE)
    assert replay.status_code == 200, replay.text
    assert replay.json()["id"] == first.json()["id"]
    assert replay.headers["etag"] == first.headers["etag"]
    stored = db.scalars(select(Petition).where(Petition.external_id == ONLINE["external_id"])).all()
    assert len(stored) == 1
    assert stored[0].unit_id == unit_by_code(db, "X-GIAVIEN").id
    assert stored[0].source is PetitionSource.online
    # The portal is not a reader: it gets the number masked, and cannot list petitions.
    assert first.json()["petitioner_id_number"] == MASKED
    assert_problem(client.get("/api/v1/petitions", headers=portal), 403)


def test_the_same_external_id_from_another_source_is_another_petition(client, auth, db):
    portal = client_bearer(db)
    assert client.post("/api/v1/petitions", headers=portal, json=ONLINE).status_code == 201
    mailed = client.post(
        "/api/v1/petitions", headers=auth("admin"), json=ONLINE | {"source": "mail"}
    )
    assert mailed.status_code == 201
    assert count_rows(db, Petition) == 2


def test_a_portal_without_the_petitions_scope_is_refused(client, db):
    portal = client_bearer(db, scopes=("evaluations:write",))
    assert_problem(client.post("/api/v1/petitions", headers=portal, json=ONLINE), 403)
    assert count_rows(db, Petition) == 0


@pytest.mark.parametrize(
    ("change", "loc"),
    [
        pytest.param({"received_on": "2099-01-01"}, "received_on", id="future-date"),
        pytest.param({"received_on": "02/03/2026"}, "received_on", id="bad-date"),
        pytest.param({"petitioner_id_number": "03709000123"}, "petitioner_id_number", id="cccd-11"),
        pytest.param({"petitioner_id_number": "03709000123X"}, "petitioner_id_number", id="cccd-x"),
        pytest.param({"unit_code": "X-KHONGCO"}, "unit_code", id="unknown-unit-code"),
        pytest.param({"unit_code": None, "unit_id": 999999}, "unit_id", id="unknown-unit-id"),
        pytest.param({"unit_code": None}, "unit_id", id="admin-must-name-the-unit"),
        pytest.param({"unit_id": 1}, None, id="unit-id-and-code"),
        pytest.param({"case_type": "lawsuit"}, "case_type", id="wrong-case-type"),
        pytest.param({"field": "space"}, "field", id="wrong-field"),
        pytest.param({"source": "fax"}, "source", id="wrong-source"),
        pytest.param({"petitioner_name": ""}, "petitioner_name", id="empty-name"),
        pytest.param({"resolution_level": "first"}, "resolution_level", id="level-on-feedback"),
        pytest.param({"complexity": "complex"}, "complexity", id="complexity-on-feedback"),
        pytest.param({"external_id": None}, None, id="online-without-external-id"),
        pytest.param({"status": "closed"}, "status", id="status-is-not-input"),
        pytest.param({"duplicate_of_id": 999999}, "duplicate_of_id", id="unknown-duplicate"),
    ],
)
def test_bad_input_is_422_and_writes_nothing(client, auth, db, change, loc):
    audit_before = count_rows(db, AuditEvent)
    response = client.post("/api/v1/petitions", headers=auth("admin"), json=ONLINE | change)
    problem = assert_problem(response, 422)
    if loc:
        assert any(e["loc"][-1] == loc for e in problem["errors"]), problem
    assert count_rows(db, Petition) == 0
    assert count_rows(db, AuditEvent) == audit_before


ROLES_SEEING_NUMBERS = {
    "admin": True,
    "sonv": False,
    "vanphong": False,
    "thanhtra": True,
    "lanhdao": False,
    "canbo.hoalu": True,
}


@pytest.mark.parametrize(("username", "sees"), ROLES_SEEING_NUMBERS.items())
def test_the_id_number_is_masked_per_role_in_list_detail_and_csv(client, auth, db, username, sees):
    petition = make_petition(db)
    expected = ID_NUMBER if sees else MASKED
    headers = auth(username)
    detail = client.get(f"/api/v1/petitions/{petition.id}", headers=headers).json()
    listed = client.get("/api/v1/petitions", headers=headers).json()
    exported = client.get("/api/v1/petitions?format=csv", headers=headers)
    assert detail["petitioner_id_number"] == expected
    assert [i["petitioner_id_number"] for i in listed["items"]] == [expected]
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert [r["Số CCCD"] for r in rows] == [expected]


def test_audit_log_never_shows_the_number(client, auth, db):
    petition = make_petition(db)
    client.patch(
        f"/api/v1/petitions/{petition.id}",
        headers=auth("admin"),
        json={"petitioner_id_number": "037090005678"},
    )
    events = client.get(
        f"/api/v1/audit-events?entity=petitions&entity_id={petition.id}", headers=auth("admin")
    ).json()["items"]
    assert [
        (e["before"]["petitioner_id_number"], e["after"]["petitioner_id_number"]) for e in events
    ] == [(MASKED, "********5678")]


def test_csv_export_has_vietnamese_headers_and_every_filtered_row(client, auth, db):
    first = make_petition(db, received_on=date(2026, 3, 2))
    second = make_petition(
        db, received_on=date(2026, 4, 1), case_type=CaseType.feedback, resolution_level=None
    )
    make_petition(db, unit_code="X-GIAVIEN")
    response = client.get(
        f"/api/v1/petitions?format=csv&unit_id={first.unit_id}&limit=1", headers=auth("sonv")
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "don-thu.csv" in response.headers["content-disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:8] == [
        "Mã",
        "Đơn vị (id)",
        "Ngày nhận",
        "Nguồn",
        "Mã nguồn",
        "Loại đơn",
        "Lĩnh vực",
        "Người gửi",
    ]
    assert "Hạn xử lý" in rows[0] and "Quá hạn" in rows[0]
    # The whole list, not a page (limit=1 is ignored), newest first.
    assert [r[0] for r in rows[1:]] == [str(second.id), str(first.id)]
    assert rows[1][2:6] == ["01/04/2026", "Qua bưu chính", "", "Phản ánh"]
    assert rows[2][rows[0].index("Hạn xử lý")] == "12/03/2026"
    assert rows[2][rows[0].index("Quá hạn")] == "Có"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year=2025", ["old"]),
        ("from=2026-03-01&to=2026-03-31", ["march"]),
        ("case_type=denunciation", ["denunciation"]),
        ("source=online", ["online"]),
        ("status=closed", ["old"]),
        ("q=tran thi hoa", ["march"]),
        ("field=labor", ["denunciation"]),
    ],
)
def test_list_filters(client, auth, db, query, expected):
    made = {
        "old": make_petition(db, received_on=date(2025, 5, 5), status=PetitionStatus.closed),
        "march": make_petition(db, received_on=date(2026, 3, 9), petitioner_name="Trần Thị Hoà"),
        "denunciation": make_petition(
            db,
            received_on=date(2026, 4, 2),
            case_type=CaseType.denunciation,
            resolution_level=None,
            field="labor",
        ),
        "online": make_petition(
            db, received_on=date(2026, 5, 2), source=PetitionSource.online, external_id="P-1"
        ),
    }
    body = client.get(f"/api/v1/petitions?{query}", headers=auth("admin")).json()
    names = {p.id: name for name, p in made.items()}
    assert [names[i["id"]] for i in body["items"]] == expected
    assert body["total"] == len(expected)


def test_list_is_paged_and_sorted(client, auth, db):
    made = [make_petition(db, received_on=date(2026, 3, d)) for d in (2, 3, 4)]
    body = client.get(
        "/api/v1/petitions?sort=received_on&limit=2&offset=1", headers=auth("admin")
    ).json()
    assert (body["total"], body["limit"], body["offset"]) == (3, 2, 1)
    assert [i["id"] for i in body["items"]] == [made[1].id, made[2].id]
    assert_problem(
        client.get("/api/v1/petitions?sort=petitioner_id_number", headers=auth("admin")), 422
    )


def test_patch_checks_the_version_and_refuses_status(client, auth, db):
    petition = make_petition(db)
    url = f"/api/v1/petitions/{petition.id}"
    stale = client.patch(url, headers=auth("admin") | {"If-Match": '"7"'}, json={"summary": "x"})
    assert_problem(stale, 412)
    status = client.patch(url, headers=auth("admin"), json={"status": "closed"})
    assert_problem(status, 422)
    flag = client.patch(url, headers=auth("admin"), json={"needs_verification": True})
    assert assert_problem(flag, 422)["errors"][0]["loc"] == ["body", "needs_verification"]
    db.expire_all()
    assert (db.get(Petition, petition.id).summary, db.get(Petition, petition.id).version) == (
        "Khiếu nại quyết định thu hồi đất",
        1,
    )
    ok = client.patch(url, headers=auth("admin") | {"If-Match": '"1"'}, json={"summary": "Mới"})
    assert ok.status_code == 200
    assert (ok.json()["summary"], ok.headers["etag"]) == ("Mới", '"2"')
    assert db.get(Petition, petition.id).summary == "Mới"


def test_delete_only_before_anything_was_done(client, auth, db):
    fresh = make_petition(db)
    acted = make_petition(db)
    act(client, auth("admin"), acted.id, "accept", today())
    assert client.delete(f"/api/v1/petitions/{fresh.id}", headers=auth("admin")).status_code == 204
    assert_problem(client.delete(f"/api/v1/petitions/{acted.id}", headers=auth("admin")), 409)
    assert db.get(Petition, fresh.id) is None
    assert db.get(Petition, acted.id) is not None
    assert count_rows(db, PetitionEvent) == 1
    deleted = db.scalar(
        select(AuditEvent).where(
            AuditEvent.action == "delete", AuditEvent.entity_id == str(fresh.id)
        )
    )
    assert deleted.before["petitioner_id_number"] == MASKED


def test_a_petition_referred_to_as_duplicate_cannot_be_deleted(client, auth, db):
    original = make_petition(db)
    make_petition(db, duplicate_of_id=original.id)
    assert_problem(client.delete(f"/api/v1/petitions/{original.id}", headers=auth("admin")), 409)
    assert db.get(Petition, original.id) is not None


def test_marking_a_resubmission_makes_it_prolonged(client, auth, db):
    settled = make_petition(db, status=PetitionStatus.closed)
    again = make_petition(db, received_on=today())
    url = f"/api/v1/petitions/{again.id}"
    assert client.get(url, headers=auth("admin")).json()["prolonged"] is False
    body = client.patch(url, headers=auth("admin"), json={"duplicate_of_id": settled.id}).json()
    assert (body["duplicate_of_id"], body["prolonged"]) == (settled.id, True)
    assert db.get(Petition, again.id).duplicate_of_id == settled.id
    itself = client.patch(url, headers=auth("admin"), json={"duplicate_of_id": again.id})
    assert assert_problem(itself, 422)["errors"][0]["loc"] == ["body", "duplicate_of_id"]
