"""Administration of people's accounts and integration clients."""

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from api.audit.service import record_event, snapshot
from api.auth.enums import Role
from api.auth.models import Client, User
from api.auth.passwords import hash_secret
from api.auth.policy import Actor, Perm, require
from api.auth.schemas import ClientCreate, ClientUpdate, UserCreate, UserUpdate
from api.auth.tokens import new_client_secret
from api.common.deletion import delete_unless_referenced
from api.common.listing import ListQuery, apply_search, fetch_page, order_by_sort
from api.common.problems import Conflict, Invalid, NotFound
from api.common.versioning import check_version
from api.units.models import Unit

USER_SORTS = {
    "username": User.username,
    "full_name": User.full_name,
    "role": User.role,
    "created_at": User.created_at,
}


@dataclass(frozen=True)
class UserFilters:
    role: Role | None = None
    unit_id: int | None = None
    is_active: bool | None = None


def _users_query(actor: Actor, lq: ListQuery, filters: UserFilters) -> Select[tuple[User]]:
    require(actor, Perm.users_read)
    stmt = apply_search(select(User), User.search_text, lq.q)
    if filters.role is not None:
        stmt = stmt.where(User.role == filters.role)
    if filters.unit_id is not None:
        stmt = stmt.where(User.unit_id == filters.unit_id)
    if filters.is_active is not None:
        stmt = stmt.where(User.is_active == filters.is_active)
    return order_by_sort(stmt, lq.sort, USER_SORTS, "username", User.id)


def list_users(
    db: Session, actor: Actor, lq: ListQuery, filters: UserFilters
) -> tuple[list[User], int]:
    rows, total = fetch_page(db, _users_query(actor, lq, filters), lq)
    return list(rows), total


def export_users(db: Session, actor: Actor, lq: ListQuery, filters: UserFilters) -> list[User]:
    """The whole filtered list with each person's unit, for CSV."""
    stmt = _users_query(actor, lq, filters).options(selectinload(User.unit))
    return list(db.scalars(stmt))


def get_user(db: Session, actor: Actor, user_id: int) -> User:
    require(actor, Perm.users_read)
    user = db.get(User, user_id)
    if user is None:
        raise NotFound(f"Không tìm thấy người dùng #{user_id}")
    return user


def _check_unit(db: Session, role: Role, unit_id: int | None) -> None:
    if unit_id is not None and db.get(Unit, unit_id) is None:
        raise Invalid.field(["unit_id"], f"Không tìm thấy đơn vị #{unit_id}")
    if role is Role.unit_officer and unit_id is None:
        raise Invalid.field(["unit_id"], "Cán bộ đơn vị phải thuộc một đơn vị")


def create_user(db: Session, actor: Actor, data: UserCreate) -> User:
    require(actor, Perm.users_write)
    _check_unit(db, data.role, data.unit_id)
    if db.scalar(select(User.id).where(User.username == data.username)) is not None:
        raise Conflict(f"Tên đăng nhập '{data.username}' đã được dùng")
    user = User(**data.model_dump(exclude={"password"}), password_hash=hash_secret(data.password))
    db.add(user)
    db.flush()
    record_event(db, actor, "create", user)
    return user


def update_user(
    db: Session, actor: Actor, user_id: int, data: UserUpdate, expected_version: int | None
) -> User:
    require(actor, Perm.users_write)
    user = get_user(db, actor, user_id)
    check_version(user.version, expected_version)
    before = snapshot(user)
    changes = data.model_dump(exclude_unset=True, exclude={"password"})
    _check_unit(db, changes.get("role", user.role), changes.get("unit_id", user.unit_id))
    if user.id == actor.user_id and changes.get("is_active") is False:
        raise Conflict("Không thể tự khóa tài khoản của chính mình")
    for key, value in changes.items():
        setattr(user, key, value)
    if data.password is not None:
        user.password_hash = hash_secret(data.password)
    db.flush()
    record_event(db, actor, "update", user, before=before)
    return user


def delete_user(db: Session, actor: Actor, user_id: int, expected_version: int | None) -> None:
    require(actor, Perm.users_write)
    user = get_user(db, actor, user_id)
    check_version(user.version, expected_version)
    if user.id == actor.user_id:
        raise Conflict("Không thể xóa tài khoản của chính mình")
    before = snapshot(user)
    delete_unless_referenced(
        db, user, "Người dùng đã có dữ liệu liên quan; hãy khóa tài khoản thay vì xóa"
    )
    record_event(db, actor, "delete", user, before=before)


CLIENT_SORTS = {"client_id": Client.client_id, "name": Client.name, "created_at": Client.created_at}


def list_clients(db: Session, actor: Actor, lq: ListQuery) -> tuple[list[Client], int]:
    require(actor, Perm.clients_manage)
    stmt = apply_search(select(Client), Client.search_text, lq.q)
    stmt = order_by_sort(stmt, lq.sort, CLIENT_SORTS, "client_id", Client.id)
    rows, total = fetch_page(db, stmt, lq)
    return list(rows), total


def get_client(db: Session, actor: Actor, client_pk: int) -> Client:
    require(actor, Perm.clients_manage)
    client = db.get(Client, client_pk)
    if client is None:
        raise NotFound(f"Không tìm thấy ứng dụng tích hợp #{client_pk}")
    return client


def create_client(db: Session, actor: Actor, data: ClientCreate) -> tuple[Client, str]:
    """A new client and its secret, which is returned this once and stored only hashed."""
    require(actor, Perm.clients_manage)
    if db.scalar(select(Client.id).where(Client.client_id == data.client_id)) is not None:
        raise Conflict(f"Mã ứng dụng '{data.client_id}' đã được dùng")
    secret = new_client_secret()
    client = Client(
        client_id=data.client_id,
        name=data.name,
        scopes=sorted({s.value for s in data.scopes}),
        secret_hash=hash_secret(secret),
    )
    db.add(client)
    db.flush()
    record_event(db, actor, "create", client)
    return client, secret


def update_client(
    db: Session, actor: Actor, client_pk: int, data: ClientUpdate, expected_version: int | None
) -> Client:
    client = get_client(db, actor, client_pk)
    check_version(client.version, expected_version)
    before = snapshot(client)
    if data.name is not None:
        client.name = data.name
    if data.scopes is not None:
        client.scopes = sorted({s.value for s in data.scopes})
    db.flush()
    record_event(db, actor, "update", client, before=before)
    return client


def revoke_client(db: Session, actor: Actor, client_pk: int) -> Client:
    """Revoked clients can neither get nor use tokens; revoking twice changes nothing."""
    client = get_client(db, actor, client_pk)
    if client.revoked_at is None:
        before = snapshot(client)
        client.revoked_at = datetime.now(UTC)
        db.flush()
        record_event(db, actor, "revoke", client, before=before)
    return client


def rotate_client_secret(db: Session, actor: Actor, client_pk: int) -> tuple[Client, str]:
    client = get_client(db, actor, client_pk)
    if client.revoked_at is not None:
        raise Conflict("Ứng dụng đã bị thu hồi")
    before = snapshot(client)
    secret = new_client_secret()
    client.secret_hash = hash_secret(secret)
    db.flush()
    record_event(db, actor, "rotate_secret", client, before=before)
    return client, secret
