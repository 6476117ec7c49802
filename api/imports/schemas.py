from datetime import datetime

from pydantic import BaseModel, Field


class ImportErrorRead(BaseModel):
    row: int = Field(description="Số dòng như bảng tính hiển thị")
    column: str
    code: str
    message: str


class ImportSummary(BaseModel):
    id: int
    kind: str
    file_name: str
    encoding: str
    dry_run: bool
    atomic: bool
    committed: bool = Field(description="false: không có gì được ghi (chạy thử, hoặc có lỗi)")
    rows: int
    created: int
    updated: int
    unchanged: int
    failed: int
    actor_name: str
    at: datetime


class ImportReport(ImportSummary):
    errors: list[ImportErrorRead]


class ImportKindRead(BaseModel):
    name: str
    label: str
    allowed: bool = Field(description="Người dùng hiện tại có được nhập loại dữ liệu này không")
    columns: list["ImportColumnRead"]


class ImportColumnRead(BaseModel):
    name: str
    label: str
    required: bool
    choices: list[str]
