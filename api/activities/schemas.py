"""Activities, the officials roster and training attendance. In an update body a field left
out is unchanged; the fields typed without `| None` cannot be cleared (null gets 422)."""

from datetime import date, datetime
from typing import Annotated

from pydantic import EmailStr, Field, StringConstraints, field_validator

from api.activities.enums import ActivityKind, ModelRating
from api.common.dates import PastDate
from api.common.schemas import InputModel, ReadModel, RecordId
from api.common.task_groups import TaskGroup
from api.plans.schemas import LongText, PersonName, Title

Participants = Annotated[int, Field(ge=0, le=1_000_000)]
Position = Annotated[str, StringConstraints(min_length=1, max_length=255)]
Phone = Annotated[str, StringConstraints(max_length=32, pattern=r"^\+?[0-9][0-9 .()-]{5,30}$")]

MAX_ATTENDEES = 5000


class ActivityCreate(InputModel):
    unit_id: RecordId | None = Field(default=None, description="Bỏ trống: đơn vị của người nhập")
    kind: ActivityKind
    held_on: PastDate
    title: Title
    participants: Participants = 0
    outcome: LongText | None = None
    task_group: TaskGroup | None = None
    plan_id: RecordId | None = Field(default=None, description="Kế hoạch của cùng đơn vị")
    rating: ModelRating | None = Field(
        default=None, description="Bắt buộc với tự đánh giá mô hình, không dùng cho loại khác"
    )


class ActivityUpdate(InputModel):
    unit_id: RecordId = Field(default=None)
    kind: ActivityKind = Field(default=None)
    held_on: PastDate = Field(default=None)
    title: Title = Field(default=None)
    participants: Participants = Field(default=None)
    outcome: LongText | None = None
    task_group: TaskGroup | None = None
    plan_id: RecordId | None = None
    rating: ModelRating | None = None


class ActivityRead(ReadModel):
    id: int
    unit_id: int
    kind: ActivityKind
    held_on: date
    title: str
    participants: int
    outcome: str | None
    task_group: TaskGroup | None
    plan_id: int | None
    rating: ModelRating | None
    version: int
    created_at: datetime
    updated_at: datetime


class OfficialCreate(InputModel):
    unit_id: RecordId | None = Field(default=None, description="Bỏ trống: đơn vị của người nhập")
    full_name: PersonName
    position: Position | None = None
    phone: Phone | None = None
    email: EmailStr | None = None
    is_active: bool = True
    since: date | None = None
    until: date | None = None


class OfficialUpdate(InputModel):
    unit_id: RecordId = Field(default=None)
    full_name: PersonName = Field(default=None)
    position: Position | None = None
    phone: Phone | None = None
    email: EmailStr | None = None
    is_active: bool = Field(default=None)
    since: date | None = None
    until: date | None = None


class OfficialRead(ReadModel):
    id: int
    unit_id: int
    full_name: str
    position: str | None
    phone: str | None
    email: str | None
    is_active: bool
    since: date | None
    until: date | None
    version: int
    created_at: datetime
    updated_at: datetime


class TrainingAttended(ReadModel):
    id: int
    unit_id: int
    held_on: date
    title: str


class OfficialDetail(OfficialRead):
    year: int = Field(description="Năm của danh sách tập huấn (mặc định: năm nay)")
    trainings: list[TrainingAttended] = Field(description="Các lớp tập huấn đã dự trong năm")


class AttendeesUpdate(InputModel):
    official_ids: list[RecordId] = Field(max_length=MAX_ATTENDEES)

    @field_validator("official_ids")
    @classmethod
    def _no_repeats(cls, ids: list[int]) -> list[int]:
        if len(set(ids)) != len(ids):
            raise ValueError("Danh sách cán bộ có mã bị lặp")
        return ids


class AttendanceRead(ReadModel):
    activity_id: int
    version: int = Field(description="Phiên bản của hoạt động (ETag)")
    officials: list[OfficialRead]
