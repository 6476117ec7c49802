"""Signing in: password grant, lockout, expiry, refresh rotation, logout, client credentials."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from api.auth.enums import Role
from api.auth.models import Client, LoginThrottle, RefreshToken, User
from api.auth.passwords import hash_secret
from api.auth.tokens import AccessClaims, create_access_token
from api.units.models import Unit
from tests.factories import DEMO_PASSWORD, make_user

TOKEN_URL = "/api/v1/auth/token"


def login(client, username: str, password: str = DEMO_PASSWORD):
    return client.post(
        TOKEN_URL, data={"grant_type": "password", "username": username, "password": password}
    )


def use_cookie(client, value: str) -> None:
    client.cookies.clear()
    client.cookies.set("dvcq_refresh", value)


def test_password_grant_gives_a_bearer_token_and_a_strict_refresh_cookie(client, db):
    response = login(client, "sonv")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 15 * 60
    cookie = response.headers["set-cookie"]
    assert "dvcq_refresh=" in cookie and "HttpOnly" in cookie
    assert "SameSite=strict" in cookie and "Path=/api/v1/auth" in cookie
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    assert me.json()["username"] == "sonv" and me.json()["role"] == "coordinator"
    assert me.json()["permissions"]["audit:read"] == "any"
    sonv = db.scalars(select(User).where(User.username == "sonv")).one()
    unit = db.get(Unit, sonv.unit_id)
    assert (me.json()["unit_code"], me.json()["unit_name"]) == (unit.code, unit.name)


def test_wrong_password_and_unknown_user_get_the_same_401(client, db):
    wrong = login(client, "sonv", "wrong-password")
    unknown = login(client, "no-such-user", "wrong-password")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["detail"] == unknown.json()["detail"]
    assert wrong.json()["title"] == unknown.json()["title"]
    # Both failures are counted, even though the request failed.
    assert db.get(LoginThrottle, "sonv").failures == 1
    assert db.get(LoginThrottle, "no-such-user").failures == 1


def test_five_failures_lock_the_username_for_fifteen_minutes(client, db):
    for _ in range(5):
        assert login(client, "sonv", "wrong-password").status_code == 401
    locked = login(client, "sonv")  # even the right password
    assert locked.status_code == 429
    assert 800 < int(locked.headers["retry-after"]) <= 901
    throttle = db.get(LoginThrottle, "sonv")
    assert throttle.locked_until > datetime.now(UTC) + timedelta(minutes=14)
    # Another username is not affected.
    assert login(client, "thanhtra").status_code == 200


def test_the_lock_ends_after_fifteen_minutes_and_a_success_clears_the_count(client, db):
    for _ in range(5):
        login(client, "sonv", "wrong-password")
    throttle = db.get(LoginThrottle, "sonv")
    throttle.locked_until = datetime.now(UTC) - timedelta(seconds=1)
    throttle.first_failure_at = datetime.now(UTC) - timedelta(minutes=16)
    db.flush()
    assert login(client, "sonv").status_code == 200
    db.expire_all()
    assert db.get(LoginThrottle, "sonv") is None


def test_failures_spread_over_more_than_fifteen_minutes_do_not_lock(client, db):
    for _ in range(4):
        login(client, "sonv", "wrong-password")
    db.get(LoginThrottle, "sonv").first_failure_at = datetime.now(UTC) - timedelta(minutes=16)
    db.flush()
    assert login(client, "sonv", "wrong-password").status_code == 401
    db.expire_all()
    assert db.get(LoginThrottle, "sonv").failures == 1
    assert login(client, "sonv").status_code == 200


def test_deactivated_user_can_neither_sign_in_nor_use_a_token(client, db, auth):
    user = make_user(db, role=Role.viewer)
    headers = auth(user.username)
    assert client.get("/api/v1/units?limit=1", headers=headers).status_code == 200
    user.is_active = False
    db.flush()
    assert login(client, user.username).status_code == 401
    assert client.get("/api/v1/units?limit=1", headers=headers).status_code == 401


def test_an_expired_token_is_refused(client, db):
    user = make_user(db, role=Role.viewer)
    token, _ = create_access_token(
        AccessClaims("user", user.id, "viewer", None, ()),
        now=datetime.now(UTC) - timedelta(hours=1),
    )
    response = client.get("/api/v1/units", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert response.json()["detail"] == "Mã truy cập không hợp lệ hoặc đã hết hạn"


@pytest.mark.parametrize("token", ["garbage", "a.b.c", ""])
def test_a_malformed_token_is_refused(client, token):
    response = client.get("/api/v1/units", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


def test_a_token_signed_with_another_key_is_refused(client, db):
    from jose import jwt

    forged = jwt.encode(
        {"sub": "user:1", "iss": "dvcq", "exp": 9999999999, "role": "admin"},
        "another-key",
        algorithm="HS256",
    )
    response = client.get("/api/v1/users", headers={"Authorization": f"Bearer {forged}"})
    assert response.status_code == 401


def test_refresh_rotates_the_cookie_and_a_reused_cookie_revokes_the_family(client, db):
    first = login(client, "sonv")
    old_cookie = first.cookies["dvcq_refresh"]
    rotated = client.post("/api/v1/auth/refresh")
    assert rotated.status_code == 200 and rotated.json()["access_token"]
    new_cookie = rotated.cookies["dvcq_refresh"]
    assert new_cookie != old_cookie
    # The old cookie replayed (stolen): refused, and the whole family is revoked.
    use_cookie(client, old_cookie)
    assert client.post("/api/v1/auth/refresh").status_code == 401
    use_cookie(client, new_cookie)
    assert client.post("/api/v1/auth/refresh").status_code == 401
    tokens = db.scalars(select(RefreshToken)).all()
    assert len(tokens) == 2 and all(t.revoked_at is not None for t in tokens)


def test_logout_revokes_the_refresh_cookie(client, db):
    login(client, "sonv")
    cookie = client.cookies["dvcq_refresh"]
    response = client.post("/api/v1/auth/logout")
    assert response.status_code == 204
    assert 'dvcq_refresh=""' in response.headers["set-cookie"]
    use_cookie(client, cookie)
    assert client.post("/api/v1/auth/refresh").status_code == 401
    assert db.scalar(select(RefreshToken)).revoked_at is not None


def test_refresh_without_a_cookie_is_401(client):
    assert client.post("/api/v1/auth/refresh").status_code == 401


def _client_row(db, *, scopes=("units:read",), revoked=False) -> Client:
    row = Client(
        client_id="portal-test",
        name="Cổng DVC thử",
        secret_hash=hash_secret("s3cret-x"),
        scopes=list(scopes),
        revoked_at=datetime.now(UTC) if revoked else None,
    )
    db.add(row)
    db.flush()
    return row


def test_client_credentials_grant_with_scopes(client, db):
    _client_row(db, scopes=("units:read", "evaluations:write"))
    response = client.post(
        TOKEN_URL,
        data={
            "grant_type": "client_credentials",
            "client_id": "portal-test",
            "client_secret": "s3cret-x",
            "scope": "units:read",
        },
    )
    assert response.status_code == 200, response.text
    assert response.json()["scope"] == "units:read"
    assert "set-cookie" not in response.headers
    headers = {"Authorization": f"Bearer {response.json()['access_token']}"}
    assert client.get("/api/v1/units?limit=1", headers=headers).status_code == 200
    assert client.get("/api/v1/users", headers=headers).status_code == 403
    me = client.get("/api/v1/auth/me", headers=headers).json()
    assert me["kind"] == "client" and me["scopes"] == ["units:read"]
    assert me["unit_id"] is None and me["unit_code"] is None and me["unit_name"] is None


def test_client_credentials_by_http_basic(client, db):
    _client_row(db)
    response = client.post(
        TOKEN_URL, data={"grant_type": "client_credentials"}, auth=("portal-test", "s3cret-x")
    )
    assert response.status_code == 200
    assert response.json()["scope"] == "units:read"


def test_a_client_without_the_scope_gets_403(client, db):
    _client_row(db, scopes=("evaluations:write",))
    token = client.post(
        TOKEN_URL,
        data={
            "grant_type": "client_credentials",
            "client_id": "portal-test",
            "client_secret": "s3cret-x",
        },
    ).json()["access_token"]
    response = client.get("/api/v1/units", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 403


def test_a_client_cannot_ask_for_a_scope_it_does_not_hold(client, db):
    _client_row(db)
    response = client.post(
        TOKEN_URL,
        data={
            "grant_type": "client_credentials",
            "client_id": "portal-test",
            "client_secret": "s3cret-x",
            "scope": "evaluations:write",
        },
    )
    assert response.status_code == 400


def test_a_revoked_client_can_neither_get_nor_use_tokens(client, db, auth):
    row = _client_row(db)
    token = client.post(
        TOKEN_URL,
        data={
            "grant_type": "client_credentials",
            "client_id": "portal-test",
            "client_secret": "s3cret-x",
        },
    ).json()["access_token"]
    assert client.post(f"/api/v1/clients/{row.id}/revoke", headers=auth("admin")).status_code == 200
    response = client.get("/api/v1/units", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    again = client.post(
        TOKEN_URL,
        data={
            "grant_type": "client_credentials",
            "client_id": "portal-test",
            "client_secret": "s3cret-x",
        },
    )
    assert again.status_code == 401


def test_wrong_client_secret_is_401(client, db):
    _client_row(db)
    response = client.post(
        TOKEN_URL,
        data={
            "grant_type": "client_credentials",
            "client_id": "portal-test",
            "client_secret": "nope",
        },
    )
    assert response.status_code == 401


def test_unknown_grant_type_is_422(client):
    assert client.post(TOKEN_URL, data={"grant_type": "implicit"}).status_code == 422
