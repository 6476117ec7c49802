"""Who may do what with receptions and petitions: every role × every operation, as a table.

The record belongs to P-HOALU; canbo.hoalu is its unit's officer, canbo.snv another unit's.
"""

from datetime import date

import pytest
from sqlalchemy import event

from api.reception.enums import PetitionStatus
from api.reception.models import Petition, Reception
from tests.api.reception.helpers import make_petition, make_reception, today

OPERATIONS = ["list", "get", "create", "update", "delete", "action"]
# role -> expected status per operation (list counts rows seen in the second table).
EXPECTED = {
    "admin": {"get": 200, "create": 201, "update": 200, "delete": 204, "action": 200},
    "sonv": {"get": 200, "create": 201, "update": 200, "delete": 204, "action": 200},
    "vanphong": {"get": 200, "create": 403, "update": 403, "delete": 403, "action": 403},
    "thanhtra": {"get": 200, "create": 403, "update": 403, "delete": 403, "action": 403},
    "lanhdao": {"get": 200, "create": 403, "update": 403, "delete": 403, "action": 403},
    "canbo.hoalu": {"get": 200, "create": 201, "update": 200, "delete": 204, "action": 200},
    "canbo.snv": {"get": 404, "create": 403, "update": 404, "delete": 404, "action": 404},
}
SEES_IN_LIST = {name: name != "canbo.snv" for name in EXPECTED}
CASES = [(role, op) for role in EXPECTED for op in OPERATIONS]


def _petition_call(client, headers, db, op):
    petition = make_petition(db)
    url = f"/api/v1/petitions/{petition.id}"
    body = {
        "unit_code": "P-HOALU",
        "case_type": "feedback",
        "field": "other",
        "received_on": today().isoformat(),
        "petitioner_name": "Vũ Thị Giang",
        "summary": "Phản ánh đèn đường hỏng",
    }
    calls = {
        "list": lambda: client.get("/api/v1/petitions", headers=headers),
        "get": lambda: client.get(url, headers=headers),
        "create": lambda: client.post("/api/v1/petitions", headers=headers, json=body),
        "update": lambda: client.patch(url, headers=headers, json={"summary": "Sửa"}),
        "delete": lambda: client.delete(url, headers=headers),
        "action": lambda: client.post(
            f"{url}/actions", headers=headers, json={"action": "accept", "acted_on": "2026-03-05"}
        ),
    }
    return petition.id, calls[op]()


def _reception_call(client, headers, db, op):
    reception = make_reception(db)
    url = f"/api/v1/receptions/{reception.id}"
    body = {
        "unit_id": reception.unit_id,
        "received_at": "2026-03-02T09:00:00+07:00",
        "session_type": "regular",
        "receiver_name": "Cán bộ tiếp dân",
        "citizen_name": "Hoàng Văn Hải",
        "content": "Hỏi chính sách người có công",
        "field": "meritorious_people",
        "case_type": "recommendation",
        "result": "guided",
    }
    calls = {
        "list": lambda: client.get("/api/v1/receptions", headers=headers),
        "get": lambda: client.get(url, headers=headers),
        "create": lambda: client.post("/api/v1/receptions", headers=headers, json=body),
        "update": lambda: client.patch(url, headers=headers, json={"group_size": 2}),
        "delete": lambda: client.delete(url, headers=headers),
        # A reception's one action: filing the petition it produced.
        "action": lambda: client.post(f"{url}/petition", headers=headers),
    }
    return reception.id, calls[op]()


def _expected(role: str, op: str, resource: str) -> int:
    if op == "action" and resource == "receptions" and EXPECTED[role]["action"] == 200:
        return 201
    return EXPECTED[role].get(op, 200)


@pytest.mark.parametrize(("role", "op"), CASES, ids=[f"{r}-{o}" for r, o in CASES])
def test_petition_permissions(client, auth, db, role, op):
    pid, response = _petition_call(client, auth(role), db, op)
    assert response.status_code == _expected(role, op, "petitions"), response.text
    db.expire_all()
    stored = db.get(Petition, pid)
    if op == "list":
        assert [i["id"] for i in response.json()["items"]] == ([pid] if SEES_IN_LIST[role] else [])
    elif op == "update":
        assert (stored.summary == "Sửa") is (response.status_code == 200)
    elif op == "delete":
        assert (stored is None) is (response.status_code == 204)
    elif op == "action":
        accepted = (
            PetitionStatus.accepted if response.status_code == 200 else PetitionStatus.received
        )
        assert stored.status is accepted
    elif op == "create":
        created = db.query(Petition).filter(Petition.petitioner_name == "Vũ Thị Giang").count()
        assert created == (1 if response.status_code == 201 else 0)


@pytest.mark.parametrize(("role", "op"), CASES, ids=[f"{r}-{o}" for r, o in CASES])
def test_reception_permissions(client, auth, db, role, op):
    rid, response = _reception_call(client, auth(role), db, op)
    assert response.status_code == _expected(role, op, "receptions"), response.text
    db.expire_all()
    stored = db.get(Reception, rid)
    if op == "list":
        assert [i["id"] for i in response.json()["items"]] == ([rid] if SEES_IN_LIST[role] else [])
    elif op == "update":
        assert (stored.group_size == 2) is (response.status_code == 200)
    elif op == "delete":
        assert (stored is None) is (response.status_code == 204)
    elif op == "action":
        assert (stored.petition_id is not None) is (response.status_code == 201)
    elif op == "create":
        created = db.query(Reception).filter(Reception.citizen_name == "Hoàng Văn Hải").count()
        assert created == (1 if response.status_code == 201 else 0)


def test_allowed_actions_are_empty_for_those_who_may_not_act(client, auth, db):
    petition = make_petition(db)
    url = f"/api/v1/petitions/{petition.id}"
    for role in ("vanphong", "thanhtra", "lanhdao"):
        assert client.get(url, headers=auth(role)).json()["allowed_actions"] == []
    for role in ("admin", "sonv", "canbo.hoalu"):
        assert client.get(url, headers=auth(role)).json()["allowed_actions"] == [
            "accept",
            "reject",
            "transfer",
            "withdraw",
        ]


def test_a_long_list_costs_the_same_queries_as_a_short_one(client, auth, db):
    """Rules, holidays, history and duplicates load once per list, never once per row."""

    def queries_for_list() -> int:
        statements: list[str] = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.get_bind(), "before_cursor_execute", listener)
        try:
            response = client.get("/api/v1/petitions?limit=500", headers=auth("sonv"))
        finally:
            event.remove(db.get_bind(), "before_cursor_execute", listener)
        assert response.status_code == 200
        return sum(s.lstrip().upper().startswith("SELECT") for s in statements)

    original = make_petition(db, status=PetitionStatus.resolved)
    make_petition(db, duplicate_of_id=original.id, received_on=date(2026, 3, 3))
    few = queries_for_list()
    for n in range(30):
        make_petition(db, duplicate_of_id=original.id, received_on=date(2026, 3, 1 + n % 28))
    assert queries_for_list() == few
    # The caller twice (token helper, actor), rules, holidays, count, page, duplicates, history.
    assert few == 8
