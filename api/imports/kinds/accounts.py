"""User accounts, through the accounts service."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth import accounts
from api.auth.enums import Role
from api.auth.models import User
from api.auth.policy import Actor, Perm
from api.auth.schemas import UserCreate, UserUpdate
from api.common.problems import Invalid
from api.imports.columns import (
    EMAIL_COLUMN,
    Column,
    choice_column,
    flag_column,
    text,
    unit_column,
)
from api.imports.engine import ImportKind, Upsert, Values, schema_values, updating

USER_COLUMNS = (
    Column("username", "Tên đăng nhập", text(64), required=True, example="canbo.giavien"),
    Column("full_name", "Họ và tên", text(255), required=True, example="Nguyễn Văn An"),
    EMAIL_COLUMN,
    choice_column("role", "Vai trò", Role.unit_officer, required=True),
    unit_column(required=False),
    flag_column("is_active", "Đang hoạt động", example="Có"),
    Column("password", "Mật khẩu", text(128), example="MatKhau@2026"),
)
USER_FIELDS = {"unit_id": "unit_code"}


def _find_user(db: Session, _actor: Actor, values: Values) -> User | None:
    return db.scalar(
        select(User)
        .where(User.username == values["username"])
        .execution_options(populate_existing=True)
    )


def _stored_user(user: User) -> Values:
    return {
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "role": user.role,
        "unit_code": user.unit_id,
        "is_active": user.is_active,
    }


def _create_user(db: Session, actor: Actor, values: Values) -> None:
    if "password" not in values:
        raise Invalid.field(["password"], "Cần mật khẩu để tạo tài khoản mới", "required")
    accounts.create_user(db, actor, UserCreate(**schema_values(values, USER_FIELDS)))


USERS = ImportKind(
    name="users",
    label="Tài khoản người dùng",
    columns=USER_COLUMNS,
    key=("username",),
    perm=Perm.users_write,
    apply=Upsert(
        find=_find_user,
        current=_stored_user,
        create=_create_user,
        update=updating(accounts.update_user, UserUpdate, USER_FIELDS),
        fields=USER_FIELDS,
        create_only=frozenset({"password"}),  # a re-uploaded sheet must not reset a password
    ),
)

KINDS: tuple[ImportKind, ...] = (USERS,)
