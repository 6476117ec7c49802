"""The permission matrix for units, users, clients and audit, tested as a table.

Each role is one demo account; each action is one request. Expected statuses mirror the
table in docs/permissions.md.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from api.audit.models import AuditEvent
from api.auth.enums import Role
from tests.factories import make_unit, make_user

ROLES = {
    "admin": "admin",
    "coordinator": "sonv",
    "office": "vanphong",
    "inspector": "thanhtra",
    "unit_officer": "canbo.hoalu",
    "viewer": "lanhdao",
}


@dataclass(frozen=True)
class Action:
    name: str
    allowed: frozenset[str]
    ok_status: int
    call: Callable


def _new_unit_body() -> dict:
    return {"code": "T-NEW", "name": "Đơn vị mới", "kind": "other"}


ACTIONS = [
    Action("list units", frozenset(ROLES), 200, lambda c, db, h: c.get("/api/v1/units", headers=h)),
    Action(
        "get unit",
        frozenset(ROLES),
        200,
        lambda c, db, h: c.get(f"/api/v1/units/{make_unit(db).id}", headers=h),
    ),
    Action(
        "unit tree", frozenset(ROLES), 200, lambda c, db, h: c.get("/api/v1/units/tree", headers=h)
    ),
    Action(
        "create unit",
        frozenset({"admin"}),
        201,
        lambda c, db, h: c.post("/api/v1/units", json=_new_unit_body(), headers=h),
    ),
    Action(
        "update unit",
        frozenset({"admin"}),
        200,
        lambda c, db, h: c.patch(
            f"/api/v1/units/{make_unit(db).id}", json={"short_name": "Tên mới"}, headers=h
        ),
    ),
    Action(
        "delete unit",
        frozenset({"admin"}),
        204,
        lambda c, db, h: c.delete(f"/api/v1/units/{make_unit(db).id}", headers=h),
    ),
    Action(
        "list users",
        frozenset({"admin", "coordinator"}),
        200,
        lambda c, db, h: c.get("/api/v1/users", headers=h),
    ),
    Action(
        "get user",
        frozenset({"admin", "coordinator"}),
        200,
        lambda c, db, h: c.get(f"/api/v1/users/{make_user(db, role=Role.viewer).id}", headers=h),
    ),
    Action(
        "create user",
        frozenset({"admin"}),
        201,
        lambda c, db, h: c.post(
            "/api/v1/users",
            headers=h,
            json={
                "username": "nguoi.moi",
                "full_name": "Người Mới",
                "role": "viewer",
                "password": "Mat-khau-2026",
            },
        ),
    ),
    Action(
        "update user",
        frozenset({"admin"}),
        200,
        lambda c, db, h: c.patch(
            f"/api/v1/users/{make_user(db, role=Role.viewer).id}",
            json={"full_name": "Tên khác"},
            headers=h,
        ),
    ),
    Action(
        "delete user",
        frozenset({"admin"}),
        204,
        lambda c, db, h: c.delete(f"/api/v1/users/{make_user(db, role=Role.viewer).id}", headers=h),
    ),
    Action(
        "list clients",
        frozenset({"admin"}),
        200,
        lambda c, db, h: c.get("/api/v1/clients", headers=h),
    ),
    Action(
        "create client",
        frozenset({"admin"}),
        201,
        lambda c, db, h: c.post(
            "/api/v1/clients",
            headers=h,
            json={"client_id": "cong-dvc", "name": "Cổng DVC", "scopes": ["evaluations:write"]},
        ),
    ),
    Action(
        "list audit events",
        frozenset({"admin", "coordinator"}),
        200,
        lambda c, db, h: c.get("/api/v1/audit-events", headers=h),
    ),
]


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_permission_matrix(client, db, auth, role: str, action: Action):
    events_before = db.scalar(select(func.count()).select_from(AuditEvent))
    response = action.call(client, db, auth(ROLES[role]))
    events_after = db.scalar(select(func.count()).select_from(AuditEvent))
    if role in action.allowed:
        assert response.status_code == action.ok_status, response.text
    else:
        assert response.status_code == 403, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
        assert events_after == events_before, "a refused request must write nothing"
