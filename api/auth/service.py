"""Signing in and out: password and client-credentials grants, refresh rotation, lockout."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, joinedload

from api.auth.enums import Scope
from api.auth.models import Client, LoginThrottle, RefreshToken, User
from api.auth.passwords import verify_secret
from api.auth.policy import Actor
from api.auth.tokens import (
    AccessClaims,
    create_access_token,
    hash_refresh_token,
    new_family,
    new_refresh_token,
)
from api.common.problems import BadRequest, TooManyRequests, Unauthorized
from api.config import get_settings


class LoginFailed(Unauthorized):
    # The failure is counted for the lockout, so the transaction is kept.
    keep_changes = True


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    expires_in: int
    scope: str
    refresh_token: str | None = None


def _now() -> datetime:
    return datetime.now(UTC)


def actor_for(db: Session, claims: AccessClaims) -> Actor:
    if claims.subject_kind == "user":
        user = db.get(User, claims.subject_id)
        if user is None or not user.is_active:
            raise Unauthorized("Tài khoản không tồn tại hoặc đã bị khóa")
        return Actor(name=user.username, role=user.role, unit_id=user.unit_id, user_id=user.id)
    client = db.get(Client, claims.subject_id)
    if client is None or client.revoked_at is not None:
        raise Unauthorized("Ứng dụng tích hợp không tồn tại hoặc đã bị thu hồi")
    # The token's scopes, narrowed by what the client still holds.
    scopes = frozenset(claims.scopes) & frozenset(client.scopes)
    return Actor(name=f"client:{client.client_id}", client_id=client.id, scopes=scopes)


def _user_tokens(db: Session, user: User, family: str | None = None) -> IssuedTokens:
    access, expires_in = create_access_token(
        AccessClaims("user", user.id, user.role.value, user.unit_id, ())
    )
    refresh, refresh_hash = new_refresh_token()
    db.add(
        RefreshToken(
            user_id=user.id,
            token_hash=refresh_hash,
            family=family or new_family(),
            expires_at=_now() + timedelta(days=get_settings().refresh_token_days),
        )
    )
    return IssuedTokens(access, expires_in, "", refresh)


def password_grant(db: Session, username: str, password: str) -> IssuedTokens:
    """Sign a person in. Unknown user and wrong password fail alike; repeated failures lock."""
    settings = get_settings()
    now = _now()
    throttle = db.get(LoginThrottle, username, with_for_update=True)
    if throttle and throttle.locked_until and throttle.locked_until > now:
        retry_after = int((throttle.locked_until - now).total_seconds()) + 1
        raise TooManyRequests(
            f"Đăng nhập sai quá {settings.login_max_failures} lần. "
            f"Hãy thử lại sau {retry_after // 60 + 1} phút.",
            headers={"Retry-After": str(retry_after)},
        )
    user = db.scalar(select(User).where(User.username == username))
    valid = verify_secret(user.password_hash if user else None, password)
    if not valid or user is None or not user.is_active:
        _count_failure(db, throttle, username, now)
        raise LoginFailed("Tên đăng nhập hoặc mật khẩu không đúng")
    if throttle:
        db.delete(throttle)
    return _user_tokens(db, user)


def _count_failure(
    db: Session, throttle: LoginThrottle | None, username: str, now: datetime
) -> None:
    settings = get_settings()
    window = timedelta(minutes=settings.login_lockout_minutes)
    if throttle is None:
        db.add(LoginThrottle(username=username, failures=1, first_failure_at=now))
        return
    if now - throttle.first_failure_at > window:
        throttle.failures, throttle.first_failure_at, throttle.locked_until = 1, now, None
        return
    throttle.failures += 1
    if throttle.failures >= settings.login_max_failures:
        throttle.locked_until = now + window


def client_credentials_grant(
    db: Session, client_id: str, client_secret: str, requested: str | None
) -> IssuedTokens:
    client = db.scalar(select(Client).where(Client.client_id == client_id))
    valid = verify_secret(client.secret_hash if client else None, client_secret)
    if not valid or client is None or client.revoked_at is not None:
        raise Unauthorized("Mã ứng dụng hoặc khóa bí mật không đúng")
    held = set(client.scopes)
    wanted = set(requested.split()) if requested else held
    unknown = wanted - {s.value for s in Scope}
    if unknown or not wanted <= held:
        raise BadRequest(
            f"Phạm vi không được cấp cho ứng dụng này: {' '.join(sorted(wanted - held))}",
            title="Phạm vi không hợp lệ",
        )
    scopes = tuple(sorted(wanted))
    access, expires_in = create_access_token(AccessClaims("client", client.id, None, None, scopes))
    return IssuedTokens(access, expires_in, " ".join(scopes))


def refresh_grant(db: Session, refresh_token: str | None) -> tuple[User, IssuedTokens]:
    """Rotate a refresh token. A token used twice means it was stolen: its family is revoked."""
    if not refresh_token:
        raise Unauthorized("Phiên đăng nhập đã hết, hãy đăng nhập lại")
    now = _now()
    stored = db.scalar(
        select(RefreshToken)
        .where(RefreshToken.token_hash == hash_refresh_token(refresh_token))
        .with_for_update()
    )
    if stored is None or stored.revoked_at is not None or stored.expires_at <= now:
        raise Unauthorized("Phiên đăng nhập đã hết, hãy đăng nhập lại")
    if stored.used_at is not None:
        _revoke_family(db, stored.family, now)
        raise LoginFailed("Phiên đăng nhập đã được dùng lại và bị thu hồi, hãy đăng nhập lại")
    user = db.get(User, stored.user_id)
    if user is None or not user.is_active:
        raise Unauthorized("Tài khoản không tồn tại hoặc đã bị khóa")
    stored.used_at = now
    return user, _user_tokens(db, user, stored.family)


def logout(db: Session, refresh_token: str | None) -> None:
    if not refresh_token:
        return
    stored = db.scalar(
        select(RefreshToken).where(RefreshToken.token_hash == hash_refresh_token(refresh_token))
    )
    if stored is not None:
        _revoke_family(db, stored.family, _now())


def _revoke_family(db: Session, family: str, now: datetime) -> None:
    db.execute(
        update(RefreshToken)
        .where(RefreshToken.family == family, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def me(db: Session, actor: Actor) -> User | Client:
    if actor.user_id is not None:
        # The unit's name is part of the answer; the user may already be in the session.
        query = select(User).options(joinedload(User.unit)).where(User.id == actor.user_id)
        return db.scalars(query.execution_options(populate_existing=True)).one()
    client = db.get(Client, actor.client_id)
    assert client is not None
    return client
