"""Base Pydantic models: NFC on the way in, ORM reading on the way out."""

from typing import Annotated, Any, Generic, TypeVar

from fastapi import Path, Query, Response
from pydantic import BaseModel, ConfigDict, Field, model_validator

from api.common.text import nfc

T = TypeVar("T")

# Ids are PostgreSQL integers: a larger number is simply not found, never a database error.
INT32_MAX = 2_147_483_647
RecordId = Annotated[int, Field(ge=1, le=INT32_MAX)]
PathId = Annotated[int, Path(ge=1, le=INT32_MAX)]
QueryId = Annotated[int | None, Query(ge=1, le=INT32_MAX)]


def _nfc_deep(value: Any) -> Any:
    if isinstance(value, str):
        if "\x00" in value:  # PostgreSQL text cannot hold it; refuse rather than fail later
            raise ValueError("Văn bản chứa ký tự NUL (\\x00) không hợp lệ")
        return value if value.isascii() else nfc(value)  # ASCII is NFC already
    if isinstance(value, dict):
        return {k: _nfc_deep(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nfc_deep(v) for v in value]
    return value


def json_response(model: BaseModel) -> Response:
    """A large answer serialised by pydantic-core in one go: FastAPI's generic path (a dict,
    then json.dumps) costs more than computing a dashboard or a batch outcome."""
    return Response(model.model_dump_json(), media_type="application/json")


class InputModel(BaseModel):
    """Request bodies: unknown fields refused, every string NFC-normalised and trimmed.

    In Update models a field that may be omitted but never set to null is typed without
    `| None` and defaulted to None: the default is not validated, an explicit null is a 422.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _normalise_text(cls, data: Any) -> Any:
        return _nfc_deep(data)


class ReadModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


class ProblemDetail(BaseModel):
    """An error (RFC 9457), served as application/problem+json."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[dict[str, Any]] = []
    instance: str | None = None


def _problem_response(description: str) -> dict[str, Any]:
    return {
        "model": ProblemDetail,
        "description": description,
        "content": {"application/problem+json": {}},
    }


# Declared on every /api/v1 operation, so integrators (and schema checks) know them.
COMMON_ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _problem_response("Yêu cầu không hợp lệ"),
    401: _problem_response("Chưa đăng nhập, hoặc mã truy cập không hợp lệ / hết hạn"),
    403: _problem_response("Vai trò hoặc phạm vi không cho phép"),
    404: _problem_response("Không tìm thấy (hoặc bản ghi của đơn vị khác)"),
    409: _problem_response("Xung đột: trùng mã, trạng thái không cho phép"),
    412: _problem_response("If-Match đã cũ: bản ghi đã bị người khác sửa"),
    413: _problem_response("Dữ liệu gửi lên quá lớn"),
    422: _problem_response("Dữ liệu không hợp lệ, `errors` liệt kê từng trường"),
    429: _problem_response("Quá nhiều yêu cầu (khóa đăng nhập tạm thời)"),
}
