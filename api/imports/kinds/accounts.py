"""User accounts, through the accounts service; and the pieces the other kinds reuse: an
e-mail cell, a row-by-row apply for kinds that are not a plain upsert, and field renaming."""

from collections.abc import Callable
from typing import Any

from pydantic import EmailStr, TypeAdapter, ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.auth import accounts
from api.auth.enums import Role
from api.auth.models import User
from api.auth.policy import Actor, Perm
from api.auth.schemas import UserCreate, UserUpdate
from api.common.problems import Invalid, Problem
from api.imports.columns import (
    CellError,
    Column,
    Context,
    boolean,
    choice,
    labels_of,
    text,
    unit,
)
from api.imports.engine import Apply, ImportKind, ParsedRow, RowOutcome, Status, row_errors
from api.imports.reading import Cell

UNIT_ALIASES = ("unit", "Mã đơn vị", "Tên đơn vị")
YES_NO = ("Có", "Không")
_EMAIL: TypeAdapter[str] = TypeAdapter(EmailStr)

Store = Callable[[Session, Actor, dict[str, Any]], Status]


def email(cell: Cell, context: Context) -> str:
    """An address as the schemas store it (domain in lower case), so a re-upload compares
    equal to what is stored."""
    value = text(255)(cell, context)
    try:
        return _EMAIL.validate_python(value)
    except ValidationError:
        raise CellError(
            "invalid_email", f"'{value}' không phải địa chỉ thư điện tử hợp lệ"
        ) from None


def schema_fields(values: dict[str, Any], fields: dict[str, str]) -> dict[str, Any]:
    """A row's values under the schema's names; `fields` maps schema field -> column."""
    columns = {column: field for field, column in fields.items()}
    return {columns.get(name, name): value for name, value in values.items()}


def per_row(store: Store, fields: dict[str, str]) -> Apply:
    """Each row stored in its own savepoint, a domain error becoming that row's errors."""

    def apply(db: Session, actor: Actor, rows: list[ParsedRow]) -> list[RowOutcome]:
        outcomes = []
        for row in rows:
            try:
                with db.begin_nested():
                    status = store(db, actor, row.values)
            except (Problem, ValidationError, IntegrityError) as exc:
                outcomes.append(RowOutcome(None, row_errors(row.number, exc, fields)))
            else:
                outcomes.append(RowOutcome(status))
        return outcomes

    return apply


USER_COLUMNS = (
    Column("username", "Tên đăng nhập", text(64), required=True, example="canbo.giavien"),
    Column("full_name", "Họ và tên", text(255), required=True, example="Nguyễn Văn An"),
    Column("email", "Thư điện tử", email, example="an.nv@ninhbinh.gov.vn", aliases=("Email",)),
    Column(
        "role",
        "Vai trò",
        choice(Role),
        required=True,
        example=Role.unit_officer.label,
        choices=labels_of(Role),
    ),
    Column("unit_code", "Đơn vị", unit, example="X-GIAVIEN", aliases=UNIT_ALIASES),
    Column("is_active", "Đang hoạt động", boolean, example="Có", choices=YES_NO),
    Column("password", "Mật khẩu", text(128), example="MatKhau@2026"),
)
USER_FIELDS = {"unit_id": "unit_code"}


def _stored_user(user: User) -> dict[str, Any]:
    return {
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "role": user.role,
        "unit_code": user.unit_id,
        "is_active": user.is_active,
    }


def store_user(db: Session, actor: Actor, values: dict[str, Any]) -> Status:
    user = db.scalar(
        select(User)
        .where(User.username == values["username"])
        .execution_options(populate_existing=True)
    )
    if user is None:
        if "password" not in values:
            raise Invalid.field(["password"], "Cần mật khẩu để tạo tài khoản mới", "required")
        accounts.create_user(db, actor, UserCreate(**schema_fields(values, USER_FIELDS)))
        return "created"
    # The password only creates: a re-uploaded sheet must not reset what people changed since.
    stored = _stored_user(user)
    changed = {k: v for k, v in values.items() if k != "password" and stored[k] != v}
    if not changed:
        return "unchanged"
    accounts.update_user(
        db, actor, user.id, UserUpdate(**schema_fields(changed, USER_FIELDS)), None
    )
    return "updated"


USERS = ImportKind(
    name="users",
    label="Tài khoản người dùng",
    columns=USER_COLUMNS,
    key=("username",),
    perm=Perm.users_write,
    apply=per_row(store_user, USER_FIELDS),
)

KINDS: tuple[ImportKind, ...] = (USERS,)
