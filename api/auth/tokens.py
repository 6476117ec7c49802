"""Every piece of token code: JWT access tokens (python-jose, HS256) and opaque refresh tokens."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from jose import JWTError, jwt

from api.config import get_settings

ALGORITHM = "HS256"
ISSUER = "dvcq"


@dataclass(frozen=True)
class AccessClaims:
    subject_kind: str  # "user" or "client"
    subject_id: int
    role: str | None
    unit_id: int | None
    scopes: tuple[str, ...]


class InvalidToken(Exception):
    pass


def create_access_token(claims: AccessClaims, *, now: datetime | None = None) -> tuple[str, int]:
    """A signed access token and its lifetime in seconds."""
    settings = get_settings()
    issued = now or datetime.now(UTC)
    lifetime = timedelta(minutes=settings.access_token_minutes)
    payload = {
        "iss": ISSUER,
        "sub": f"{claims.subject_kind}:{claims.subject_id}",
        "iat": int(issued.timestamp()),
        "exp": int((issued + lifetime).timestamp()),
        "role": claims.role,
        "unit_id": claims.unit_id,
        "scope": " ".join(claims.scopes),
        "jti": secrets.token_hex(8),
    }
    token = jwt.encode(payload, settings.secret_key, algorithm=ALGORITHM)
    return token, int(lifetime.total_seconds())


def decode_access_token(token: str) -> AccessClaims:
    try:
        payload = jwt.decode(
            token,
            get_settings().secret_key,
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            options={"require_exp": True, "require_sub": True},
        )
        kind, _, raw_id = str(payload["sub"]).partition(":")
        if kind not in ("user", "client") or not raw_id.isdigit():
            raise InvalidToken("malformed subject")
        return AccessClaims(
            subject_kind=kind,
            subject_id=int(raw_id),
            role=payload.get("role"),
            unit_id=payload.get("unit_id"),
            scopes=tuple(str(payload.get("scope") or "").split()),
        )
    except (JWTError, KeyError, ValueError) as exc:
        raise InvalidToken(str(exc)) from exc


def new_refresh_token() -> tuple[str, str]:
    """A random refresh token for the cookie and the hash to store."""
    token = secrets.token_urlsafe(32)
    return token, hash_refresh_token(token)


def hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_family() -> str:
    return secrets.token_hex(16)


def new_client_secret() -> str:
    return secrets.token_urlsafe(32)
