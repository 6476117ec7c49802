"""Administration of users and integration clients."""

from sqlalchemy import func, select

from api.audit.models import AuditEvent
from api.auth.models import Client, User
from api.auth.passwords import verify_secret
from tests.factories import unit_by_code


def test_admin_creates_a_unit_officer_who_can_then_sign_in(client, auth, db):
    unit = unit_by_code(db, "X-GIAVIEN")
    response = client.post(
        "/api/v1/users",
        headers=auth("admin"),
        json={
            "username": "canbo.giavien",
            "full_name": "Trần Thị Bình",
            "email": "binh@example.vn",
            "role": "unit_officer",
            "unit_id": unit.id,
            "password": "Gia-Vien-2026",
        },
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert "password" not in body and "password_hash" not in body
    stored = db.get(User, body["id"])
    assert verify_secret(stored.password_hash, "Gia-Vien-2026")
    event = db.scalar(
        select(AuditEvent).where(
            AuditEvent.entity == "users", AuditEvent.entity_id == str(stored.id)
        )
    )
    assert "password_hash" not in event.after
    token = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": "canbo.giavien", "password": "Gia-Vien-2026"},
    )
    assert token.status_code == 200


def test_a_unit_officer_needs_a_unit(client, auth, db):
    before = db.scalar(select(func.count()).select_from(User))
    response = client.post(
        "/api/v1/users",
        headers=auth("admin"),
        json={
            "username": "lac.loi",
            "full_name": "Lạc Lối",
            "role": "unit_officer",
            "password": "Mat-khau-2026",
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "unit_id"]
    assert db.scalar(select(func.count()).select_from(User)) == before


def test_duplicate_username_is_409(client, auth):
    response = client.post(
        "/api/v1/users",
        headers=auth("admin"),
        json={
            "username": "sonv",
            "full_name": "Trùng",
            "role": "viewer",
            "password": "Mat-khau-2026",
        },
    )
    assert response.status_code == 409


def test_short_password_and_bad_email_are_422(client, auth):
    response = client.post(
        "/api/v1/users",
        headers=auth("admin"),
        json={
            "username": "ngan",
            "full_name": "Ngắn",
            "role": "viewer",
            "password": "123",
            "email": "not-an-email",
        },
    )
    assert response.status_code == 422
    assert {tuple(e["loc"]) for e in response.json()["errors"]} == {
        ("body", "password"),
        ("body", "email"),
    }


def test_users_are_searched_without_diacritics(client, auth):
    page = client.get("/api/v1/users", params={"q": "so noi vu"}, headers=auth("sonv")).json()
    assert {u["username"] for u in page["items"]} == {"sonv", "canbo.snv"}


def test_admin_cannot_lock_or_delete_themselves(client, auth, db):
    admin = db.scalar(select(User).where(User.username == "admin"))
    headers = auth("admin")
    assert (
        client.patch(
            f"/api/v1/users/{admin.id}", json={"is_active": False}, headers=headers
        ).status_code
        == 409
    )
    assert client.delete(f"/api/v1/users/{admin.id}", headers=headers).status_code == 409
    db.expire_all()
    assert db.get(User, admin.id).is_active


def test_a_client_secret_is_shown_once_and_stored_hashed(client, auth, db):
    response = client.post(
        "/api/v1/clients",
        headers=auth("admin"),
        json={
            "client_id": "cong-dvc",
            "name": "Cổng Dịch vụ công tỉnh",
            "scopes": ["evaluations:write", "petitions:write"],
        },
    )
    assert response.status_code == 201
    body = response.json()
    secret = body["client_secret"]
    assert len(secret) >= 32
    stored = db.get(Client, body["id"])
    assert stored.secret_hash != secret and verify_secret(stored.secret_hash, secret)
    assert stored.scopes == ["evaluations:write", "petitions:write"]
    shown = client.get(f"/api/v1/clients/{body['id']}", headers=auth("admin")).json()
    assert "client_secret" not in shown
    listed = client.get("/api/v1/clients", headers=auth("admin")).json()["items"]
    assert all("client_secret" not in c for c in listed)


def test_rotating_a_secret_invalidates_the_old_one(client, auth, db):
    created = client.post(
        "/api/v1/clients",
        headers=auth("admin"),
        json={"client_id": "script-vp", "name": "Script VP", "scopes": ["units:read"]},
    ).json()
    rotated = client.post(
        f"/api/v1/clients/{created['id']}/rotate-secret", headers=auth("admin")
    ).json()
    form = {"grant_type": "client_credentials", "client_id": "script-vp"}
    old = client.post(
        "/api/v1/auth/token", data={**form, "client_secret": created["client_secret"]}
    )
    new = client.post(
        "/api/v1/auth/token", data={**form, "client_secret": rotated["client_secret"]}
    )
    assert old.status_code == 401 and new.status_code == 200


def test_unknown_scope_is_422(client, auth, db):
    response = client.post(
        "/api/v1/clients",
        headers=auth("admin"),
        json={"client_id": "x-client", "name": "X", "scopes": ["everything"]},
    )
    assert response.status_code == 422
    assert db.scalar(select(Client).where(Client.client_id == "x-client")) is None


def test_audit_events_filter_by_entity_and_actor(client, auth, db):
    headers = auth("admin")
    client.post(
        "/api/v1/units", headers=headers, json={"code": "T-A", "name": "A", "kind": "other"}
    )
    client.post(
        "/api/v1/clients",
        headers=headers,
        json={"client_id": "c-audit", "name": "C", "scopes": ["units:read"]},
    )
    admin = db.scalar(select(User).where(User.username == "admin"))
    units = client.get(
        "/api/v1/audit-events",
        headers=headers,
        params={"entity": "units", "actor_user_id": admin.id},
    ).json()
    assert units["total"] == 1 and units["items"][0]["after"]["code"] == "T-A"
    assert units["items"][0]["request_id"]
    clients = client.get(
        "/api/v1/audit-events", headers=headers, params={"entity": "clients"}
    ).json()
    assert clients["total"] == 1 and "secret_hash" not in clients["items"][0]["after"]


def test_a_users_name_cannot_be_patched_to_null(client, auth, db):
    user = db.scalar(select(User).where(User.username == "lanhdao"))
    response = client.patch(
        f"/api/v1/users/{user.id}", json={"full_name": None}, headers=auth("admin")
    )
    assert response.status_code == 422
    db.expire_all()
    assert db.get(User, user.id).full_name == "Lãnh đạo UBND tỉnh"
