"""The caller of a request, resolved from its bearer token against the database each time,
so a deactivated user or a revoked client is refused at once."""

from typing import Annotated

from fastapi import Depends
from fastapi.security import OAuth2PasswordBearer

from api.auth import service
from api.auth.policy import Actor
from api.auth.tokens import InvalidToken, decode_access_token
from api.common.problems import Unauthorized
from api.db import Db

bearer = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


def current_actor(db: Db, token: Annotated[str | None, Depends(bearer)]) -> Actor:
    if not token:
        raise Unauthorized("Thiếu mã truy cập (Authorization: Bearer ...)")
    try:
        claims = decode_access_token(token)
    except InvalidToken as exc:
        raise Unauthorized("Mã truy cập không hợp lệ hoặc đã hết hạn") from exc
    return service.actor_for(db, claims)


CurrentActor = Annotated[Actor, Depends(current_actor)]
