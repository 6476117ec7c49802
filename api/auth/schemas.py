from datetime import datetime
from typing import Annotated

from pydantic import EmailStr, Field, StringConstraints

from api.auth.enums import Role, Scope
from api.common.schemas import InputModel, ReadModel, RecordId

Username = Annotated[
    str, StringConstraints(min_length=3, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")
]
Password = Annotated[str, StringConstraints(min_length=8, max_length=128)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=255)]


class TokenResponse(ReadModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int = Field(description="Số giây mã truy cập còn hiệu lực")
    scope: str = ""


class UserRead(ReadModel):
    id: int
    username: str
    full_name: str
    email: str | None
    role: Role
    unit_id: int | None
    is_active: bool
    version: int
    created_at: datetime
    updated_at: datetime


class UserCreate(InputModel):
    username: Username
    full_name: Name
    email: EmailStr | None = None
    role: Role
    unit_id: RecordId | None = None
    is_active: bool = True
    password: Password


class UserUpdate(InputModel):
    # Omitted fields stay as they are; only email and unit_id may be set to null.
    full_name: Name = None
    email: EmailStr | None = None
    role: Role = None
    unit_id: RecordId | None = None
    is_active: bool = None
    password: Password = None


class MeRead(ReadModel):
    kind: str = Field(description="`user` hoặc `client`")
    id: int
    username: str
    full_name: str
    role: Role | None
    unit_id: int | None
    unit_code: str | None = Field(description="Mã đơn vị của người dùng")
    unit_name: str | None = Field(description="Tên đơn vị của người dùng")
    scopes: list[str]
    permissions: dict[str, str] = Field(description="Quyền → phạm vi (`any`/`own`)")


class ClientRead(ReadModel):
    id: int
    client_id: str
    name: str
    scopes: list[Scope]
    revoked_at: datetime | None
    version: int
    created_at: datetime


class ClientCreated(ClientRead):
    client_secret: str = Field(description="Chỉ hiển thị một lần; hãy lưu lại ngay")


class ClientCreate(InputModel):
    client_id: Username
    name: Name
    scopes: list[Scope] = Field(min_length=1)


class ClientUpdate(InputModel):
    name: Name = None
    scopes: list[Scope] = Field(default=None, min_length=1)
