"""The portal's push, POST /evaluations/batch: idempotent, answered item by item."""

from sqlalchemy import func, select

from api.audit.models import AuditEvent
from api.surveys.models import Evaluation
from tests.factories import unit_by_code
from tests.test_contract import assert_problem

URL = "/api/v1/evaluations/batch"
WRITE = "evaluations:write"


def portal_item(external_id: str, **fields):
    item = {
        "source": "portal",
        "external_id": external_id,
        "agency_code": "000.00.00.H42",
        "dossier_code": "H42.22-260301-0001",
        "procedure_code": "1.004227",
        "field": "land",
        "level": "satisfied",
        "evaluated_at": "2026-03-01T09:15:00+07:00",
        "channel": "portal",
    }
    item.update(fields)
    return item


def with_agency_code(db):
    unit = unit_by_code(db, "P-HOALU")
    unit.agency_code = "000.00.00.H42"
    db.commit()
    return unit


def stored_ids(db) -> list[str]:
    return list(db.scalars(select(Evaluation.external_id).order_by(Evaluation.external_id)))


def test_a_batch_is_created_then_recognised_as_duplicate(client, client_auth, db):
    unit = with_agency_code(db)
    headers = client_auth(WRITE)
    items = [portal_item("DG-2026-000123"), portal_item("DG-2026-000124", unit_code="X-GIAVIEN")]
    items[1].pop("agency_code")

    first = client.post(URL, json={"items": items}, headers=headers)

    assert first.status_code == 200, first.text
    answer = first.json()
    assert (answer["created"], answer["duplicate"], answer["conflict"], answer["rejected"]) == (
        2,
        0,
        0,
        0,
    )
    assert [i["status"] for i in answer["items"]] == ["created", "created"]
    assert answer["items"][0]["errors"] == []
    created = db.get(Evaluation, answer["items"][0]["id"])
    assert created.unit_id == unit.id and created.external_id == "DG-2026-000123"
    assert db.get(Evaluation, answer["items"][1]["id"]).unit_id == unit_by_code(db, "X-GIAVIEN").id
    # One audit event for the batch, naming what it created.
    [event] = db.scalars(select(AuditEvent).where(AuditEvent.entity == "evaluations")).all()
    assert (event.action, event.after["created"], event.after["duplicate"]) == ("batch", 2, 0)
    assert event.after["created_ids"] == [i["id"] for i in answer["items"]]
    assert event.actor_name.startswith("client:portal-") and event.actor_client_id

    again = client.post(URL, json={"items": items}, headers=headers).json()

    assert (again["created"], again["duplicate"]) == (0, 2)
    assert [i["id"] for i in again["items"]] == [i["id"] for i in answer["items"]]
    assert stored_ids(db) == ["DG-2026-000123", "DG-2026-000124"]


def test_same_key_other_content_is_a_conflict_and_keeps_the_stored_one(client, client_auth, db):
    with_agency_code(db)
    headers = client_auth(WRITE)
    client.post(URL, json={"items": [portal_item("DG-1")]}, headers=headers)

    answer = client.post(
        URL, json={"items": [portal_item("DG-1", level="dissatisfied")]}, headers=headers
    ).json()

    assert answer["conflict"] == 1
    item = answer["items"][0]
    assert item["status"] == "conflict" and item["id"] is not None
    assert [e["loc"] for e in item["errors"]] == [["level"]]
    assert db.get(Evaluation, item["id"]).level == "satisfied"


def test_bad_items_are_rejected_and_the_others_stored(client, client_auth, db):
    with_agency_code(db)
    items = [
        portal_item("DG-OK"),
        portal_item("DG-BADLEVEL", level="happy"),
        portal_item("DG-NOUNIT", agency_code="999.99.99.Z99"),
        portal_item("DG-FUTURE", evaluated_at="2999-01-01T00:00:00+07:00"),
        {"external_id": 5},
    ]

    answer = client.post(URL, json={"items": items}, headers=client_auth(WRITE)).json()

    assert (answer["created"], answer["rejected"]) == (1, 4)
    by_index = {i["index"]: i for i in answer["items"]}
    assert by_index[0]["status"] == "created"
    assert by_index[1]["errors"][0]["loc"] == ["level"]
    assert by_index[2]["errors"][0] == {
        "loc": ["agency_code"],
        "msg": "Không tìm thấy đơn vị có agency_code '999.99.99.Z99'",
        "type": "unknown_unit",
    }
    assert by_index[3]["errors"][0]["loc"] == ["evaluated_at"]
    assert by_index[4]["external_id"] is None and by_index[4]["status"] == "rejected"
    assert all(by_index[i]["id"] is None for i in (1, 2, 3, 4))
    assert stored_ids(db) == ["DG-OK"]


def test_a_batch_with_nfd_text_is_stored_nfc_and_a_nul_is_rejected(client, client_auth, db):
    import unicodedata

    with_agency_code(db)
    nfd = unicodedata.normalize("NFD", "HS-Hoà-Lư")
    items = [
        portal_item("DG-NFD", dossier_code=f"  {nfd} "),
        portal_item("DG-NUL", dossier_code="HS\x00-1"),
        portal_item("DG-BACKSLASH", dossier_code="HS\\1"),
    ]

    response = client.post(URL, json={"items": items}, headers=client_auth(WRITE))

    assert response.status_code == 422  # NUL refused for the whole body, nothing written
    assert stored_ids(db) == []
    answer = client.post(URL, json={"items": [items[0], items[2]]}, headers=client_auth(WRITE))
    assert answer.status_code == 200 and answer.json()["created"] == 2
    stored = dict(db.execute(select(Evaluation.external_id, Evaluation.dossier_code)).all())
    assert stored == {"DG-NFD": "HS-Hoà-Lư", "DG-BACKSLASH": "HS\\1"}
    assert unicodedata.is_normalized("NFC", stored["DG-NFD"])


def test_the_same_item_twice_in_one_batch_is_stored_once(client, client_auth, db):
    with_agency_code(db)
    items = [
        portal_item("DG-TWICE"),
        portal_item("DG-TWICE"),
        portal_item("DG-TWICE", level="neutral"),
    ]

    answer = client.post(URL, json={"items": items}, headers=client_auth(WRITE)).json()

    assert [i["status"] for i in answer["items"]] == ["created", "duplicate", "conflict"]
    assert len({i["id"] for i in answer["items"]}) == 1
    assert stored_ids(db) == ["DG-TWICE"]


def test_more_than_1000_items_is_413_and_writes_nothing(client, client_auth, db):
    with_agency_code(db)
    items = [portal_item(f"DG-{n}") for n in range(1001)]

    assert_problem(client.post(URL, json={"items": items}, headers=client_auth(WRITE)), 413)

    assert db.scalar(select(func.count()).select_from(Evaluation)) == 0


def test_exactly_1000_items_are_accepted(client, client_auth, db):
    with_agency_code(db)
    items = [portal_item(f"DG-{n:04d}") for n in range(1000)]

    answer = client.post(URL, json={"items": items}, headers=client_auth(WRITE)).json()

    assert answer["created"] == 1000
    assert db.scalar(select(func.count()).select_from(Evaluation)) == 1000


def test_a_client_without_the_scope_is_403(client, client_auth, db):
    with_agency_code(db)

    response = client.post(
        URL, json={"items": [portal_item("DG-1")]}, headers=client_auth("units:read")
    )

    assert_problem(response, 403)
    assert stored_ids(db) == []


def test_a_body_without_items_is_422(client, client_auth):
    body = assert_problem(client.post(URL, json={"data": []}, headers=client_auth(WRITE)), 422)
    assert ["body", "items"] in [e["loc"] for e in body["errors"]]
