"""The permission matrix of plans, activities and officials (one table, three resources),
checked on a record of Sở Nội vụ: every role × list/get/create/update/delete."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from tests.factories import unit_by_code

# Expected status per role and action, on a record of SNV.
EXPECTED: dict[str, dict[str, int]] = {
    "admin": {"get": 200, "create": 201, "update": 200, "delete": 204},
    "sonv": {"get": 200, "create": 201, "update": 200, "delete": 204},
    "vanphong": {"get": 200, "create": 201, "update": 200, "delete": 204},
    "thanhtra": {"get": 200, "create": 403, "update": 403, "delete": 403},
    "lanhdao": {"get": 200, "create": 403, "update": 403, "delete": 403},
    "canbo.snv": {"get": 200, "create": 201, "update": 200, "delete": 204},
    "canbo.hoalu": {"get": 404, "create": 403, "update": 404, "delete": 404},
}
# Whether the role's list shows SNV's record.
LISTS_IT = {role: role != "canbo.hoalu" for role in EXPECTED}
CASES = [(role, action) for role in EXPECTED for action in ("list", *EXPECTED[role])]


@dataclass(frozen=True)
class Resource:
    path: str
    model: type
    build: Callable[[Session, int], Any]  # an existing record of the unit
    create_body: Callable[[int], dict[str, Any]]  # a valid POST body for the unit
    patch_body: dict[str, Any]
    patched_field: str


def check_permission(client, auth, db: Session, resource: Resource, role: str, action: str):
    snv = unit_by_code(db, "SNV").id
    record = resource.build(db, snv)
    headers = auth(role)
    count_before = db.query(resource.model).count()
    if action == "list":
        response = client.get(resource.path, headers=headers, params={"limit": 500})
        assert response.status_code == 200, response.text
        ids = {item["id"] for item in response.json()["items"]}
        assert (record.id in ids) is LISTS_IT[role]
        return
    expected = EXPECTED[role][action]
    if action == "get":
        response = client.get(f"{resource.path}/{record.id}", headers=headers)
    elif action == "create":
        response = client.post(resource.path, headers=headers, json=resource.create_body(snv))
    elif action == "update":
        before = getattr(record, resource.patched_field)
        response = client.patch(
            f"{resource.path}/{record.id}", headers=headers, json=resource.patch_body
        )
    else:
        response = client.delete(f"{resource.path}/{record.id}", headers=headers)
    assert response.status_code == expected, response.text
    if expected >= 400:
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["status"] == expected

    db.expire_all()
    if action == "create":
        assert db.query(resource.model).count() == count_before + (expected == 201)
        if expected == 201:
            assert response.json()["unit_id"] == snv
    elif action == "update":
        stored = getattr(db.get(resource.model, record.id), resource.patched_field)
        wanted = resource.patch_body[resource.patched_field] if expected == 200 else before
        assert stored == wanted
    elif action == "delete":
        assert (db.get(resource.model, record.id) is None) is (expected == 204)
    else:
        assert expected != 200 or response.json()["id"] == record.id
