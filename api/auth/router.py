from typing import Annotated

from fastapi import APIRouter, Cookie, Form, Request, Response
from fastapi.security import HTTPBasic

from api.auth import service
from api.auth.deps import CurrentActor
from api.auth.models import User
from api.auth.policy import Perm, reach
from api.auth.schemas import MeRead, TokenResponse
from api.common.problems import BadRequest
from api.config import get_settings
from api.db import Db

router = APIRouter(prefix="/auth", tags=["auth"])

REFRESH_COOKIE = "dvcq_refresh"
REFRESH_PATH = "/api/v1/auth"
basic = HTTPBasic(auto_error=False)
NO_CONTROL_CHARS = r"^[^\x00-\x1f]*$"


def _set_refresh_cookie(response: Response, token: str) -> None:
    settings = get_settings()
    response.set_cookie(
        REFRESH_COOKIE,
        token,
        max_age=settings.refresh_token_days * 86400,
        path=REFRESH_PATH,
        httponly=True,
        samesite="strict",
        secure=settings.is_production,
    )


def _token_response(response: Response, issued: service.IssuedTokens) -> TokenResponse:
    response.headers["Cache-Control"] = "no-store"
    if issued.refresh_token:
        _set_refresh_cookie(response, issued.refresh_token)
    return TokenResponse(
        access_token=issued.access_token, expires_in=issued.expires_in, scope=issued.scope
    )


@router.post("/token", response_model=TokenResponse)
async def issue_token(
    request: Request,
    response: Response,
    db: Db,
    grant_type: Annotated[str, Form(pattern="^(password|client_credentials)$")],
    username: Annotated[str | None, Form(max_length=64, pattern=NO_CONTROL_CHARS)] = None,
    password: Annotated[str | None, Form(max_length=128, pattern=NO_CONTROL_CHARS)] = None,
    client_id: Annotated[str | None, Form(max_length=64, pattern=NO_CONTROL_CHARS)] = None,
    client_secret: Annotated[str | None, Form(max_length=128, pattern=NO_CONTROL_CHARS)] = None,
    scope: Annotated[str | None, Form(max_length=500, pattern=NO_CONTROL_CHARS)] = None,
) -> TokenResponse:
    """OAuth2 token endpoint: `password` for people (sets the refresh cookie),
    `client_credentials` for integration clients (form fields or HTTP Basic)."""
    if grant_type == "password":
        if not username or not password:
            raise BadRequest("Cần tên đăng nhập và mật khẩu")
        issued = service.password_grant(db, username, password)
    else:
        credentials = await basic(request)
        if credentials is not None:
            client_id, client_secret = credentials.username, credentials.password
        if not client_id or not client_secret:
            raise BadRequest("Cần client_id và client_secret")
        issued = service.client_credentials_grant(db, client_id, client_secret, scope)
    return _token_response(response, issued)


@router.post("/refresh", response_model=TokenResponse)
def refresh_token(
    response: Response,
    db: Db,
    dvcq_refresh: Annotated[str | None, Cookie(include_in_schema=False)] = None,
) -> TokenResponse:
    """A new access token for the refresh cookie, which is rotated (each cookie works once)."""
    _user, issued = service.refresh_grant(db, dvcq_refresh)
    return _token_response(response, issued)


@router.post("/logout", status_code=204)
def logout(
    response: Response,
    db: Db,
    dvcq_refresh: Annotated[str | None, Cookie(include_in_schema=False)] = None,
) -> Response:
    service.logout(db, dvcq_refresh)
    response = Response(status_code=204)
    response.delete_cookie(REFRESH_COOKIE, path=REFRESH_PATH)
    return response


@router.get("/me", response_model=MeRead)
def read_me(db: Db, actor: CurrentActor) -> MeRead:
    record = service.me(db, actor)
    permissions = {p.value: r.value for p in Perm if (r := reach(actor, p)) is not None}
    if isinstance(record, User):
        unit = record.unit
        return MeRead(
            kind="user",
            id=record.id,
            username=record.username,
            full_name=record.full_name,
            role=record.role,
            unit_id=record.unit_id,
            unit_code=unit.code if unit else None,
            unit_name=unit.name if unit else None,
            scopes=[],
            permissions=permissions,
        )
    return MeRead(
        kind="client",
        id=record.id,
        username=record.client_id,
        full_name=record.name,
        role=None,
        unit_id=None,
        unit_code=None,
        unit_name=None,
        scopes=sorted(actor.scopes),
        permissions=permissions,
    )
