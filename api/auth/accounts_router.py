from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.auth import accounts
from api.auth.deps import CurrentActor
from api.auth.enums import Role
from api.auth.schemas import (
    ClientCreate,
    ClientCreated,
    ClientRead,
    ClientUpdate,
    UserCreate,
    UserRead,
    UserUpdate,
)
from api.common.csv_export import CSV_RESPONSE, Column, csv_response
from api.common.listing import list_params
from api.common.schemas import Page, PathId, QueryId
from api.common.versioning import IfMatch, set_etag
from api.db import Db

users = APIRouter(prefix="/users", tags=["users"])
clients = APIRouter(prefix="/clients", tags=["clients"])
UserListParams = list_params(accounts.USER_SORTS)
ClientListParams = list_params(accounts.CLIENT_SORTS)


USER_COLUMNS = [
    Column("Tên đăng nhập", lambda u: u.username),
    Column("Họ và tên", lambda u: u.full_name),
    Column("Thư điện tử", lambda u: u.email),
    Column("Vai trò", lambda u: u.role),
    Column("Đơn vị", lambda u: u.unit.name if u.unit else None),
    Column("Đang hoạt động", lambda u: u.is_active),
]


@users.get("", response_model=Page[UserRead], responses=CSV_RESPONSE)
def list_users(
    db: Db,
    actor: CurrentActor,
    lq: UserListParams,
    role: Role | None = None,
    unit_id: QueryId = None,
    is_active: Annotated[bool | None, Query()] = None,
    format: Literal["json", "csv"] = "json",
) -> Page[UserRead] | Response:
    filters = accounts.UserFilters(role, unit_id, is_active)
    if format == "csv":
        people = accounts.export_users(db, actor, lq, filters)
        return csv_response(people, USER_COLUMNS, "nguoi-dung.csv")
    items, total = accounts.list_users(db, actor, lq, filters)
    return Page(items=items, total=total, limit=lq.limit, offset=lq.offset)


@users.post("", response_model=UserRead, status_code=201)
def create_user(body: UserCreate, response: Response, db: Db, actor: CurrentActor) -> UserRead:
    user = accounts.create_user(db, actor, body)
    set_etag(response, user.version)
    return user


@users.get("/{user_id}", response_model=UserRead)
def get_user(user_id: PathId, response: Response, db: Db, actor: CurrentActor) -> UserRead:
    user = accounts.get_user(db, actor, user_id)
    set_etag(response, user.version)
    return user


@users.patch("/{user_id}", response_model=UserRead)
def update_user(
    user_id: PathId,
    body: UserUpdate,
    response: Response,
    db: Db,
    actor: CurrentActor,
    expected: IfMatch,
) -> UserRead:
    user = accounts.update_user(db, actor, user_id, body, expected)
    set_etag(response, user.version)
    return user


@users.delete("/{user_id}", status_code=204)
def delete_user(user_id: PathId, db: Db, actor: CurrentActor, expected: IfMatch) -> Response:
    accounts.delete_user(db, actor, user_id, expected)
    return Response(status_code=204)


@clients.get("", response_model=Page[ClientRead])
def list_clients(db: Db, actor: CurrentActor, lq: ClientListParams) -> Page[ClientRead]:
    items, total = accounts.list_clients(db, actor, lq)
    return Page(items=items, total=total, limit=lq.limit, offset=lq.offset)


@clients.post("", response_model=ClientCreated, status_code=201)
def create_client(body: ClientCreate, db: Db, actor: CurrentActor) -> ClientCreated:
    client, secret = accounts.create_client(db, actor, body)
    return ClientCreated(**ClientRead.model_validate(client).model_dump(), client_secret=secret)


@clients.get("/{client_pk}", response_model=ClientRead)
def get_client(client_pk: PathId, response: Response, db: Db, actor: CurrentActor) -> ClientRead:
    client = accounts.get_client(db, actor, client_pk)
    set_etag(response, client.version)
    return client


@clients.patch("/{client_pk}", response_model=ClientRead)
def update_client(
    client_pk: PathId,
    body: ClientUpdate,
    response: Response,
    db: Db,
    actor: CurrentActor,
    expected: IfMatch,
) -> ClientRead:
    client = accounts.update_client(db, actor, client_pk, body, expected)
    set_etag(response, client.version)
    return client


@clients.post("/{client_pk}/revoke", response_model=ClientRead)
def revoke_client(client_pk: PathId, db: Db, actor: CurrentActor) -> ClientRead:
    return accounts.revoke_client(db, actor, client_pk)


@clients.post("/{client_pk}/rotate-secret", response_model=ClientCreated)
def rotate_client_secret(client_pk: PathId, db: Db, actor: CurrentActor) -> ClientCreated:
    client, secret = accounts.rotate_client_secret(db, actor, client_pk)
    return ClientCreated(**ClientRead.model_validate(client).model_dump(), client_secret=secret)
