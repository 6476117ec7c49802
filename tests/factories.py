"""Builders of records for tests."""

from itertools import count

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth.enums import Role
from api.auth.models import User
from api.auth.passwords import hash_secret
from api.auth.tokens import AccessClaims, create_access_token
from api.units.enums import UnitKind
from api.units.models import Unit

_seq = count(1)
DEMO_PASSWORD = "Demo@2026"


def bearer_for(db: Session, username: str) -> dict[str, str]:
    user = db.scalar(select(User).where(User.username == username))
    assert user is not None, f"no user {username}"
    token, _ = create_access_token(AccessClaims("user", user.id, user.role.value, user.unit_id, ()))
    return {"Authorization": f"Bearer {token}"}


def unit_by_code(db: Session, code: str) -> Unit:
    unit = db.scalar(select(Unit).where(Unit.code == code))
    assert unit is not None, f"no unit {code}"
    return unit


def make_unit(db: Session, **fields: object) -> Unit:
    n = next(_seq)
    values: dict[str, object] = {
        "code": f"T-UNIT{n}",
        "name": f"Đơn vị thử {n}",
        "short_name": f"ĐV thử {n}",
        "kind": UnitKind.commune,
    }
    values.update(fields)
    unit = Unit(**values)
    db.add(unit)
    db.flush()
    return unit


def make_user(
    db: Session, *, role: Role = Role.unit_officer, password: str = DEMO_PASSWORD, **fields: object
) -> User:
    n = next(_seq)
    values: dict[str, object] = {
        "username": f"user{n}",
        "full_name": f"Người dùng {n}",
        "role": role,
    }
    values.update(fields)
    if role is Role.unit_officer and "unit_id" not in values:
        values["unit_id"] = make_unit(db).id
    user = User(**values, password_hash=hash_secret(password))
    db.add(user)
    db.flush()
    return user
