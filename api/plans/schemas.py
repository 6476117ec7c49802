"""Plans and their tasks. In an update body a field left out is unchanged; the fields typed
without `| None` cannot be cleared (null is refused with 422)."""

from datetime import date, datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from api.common.dates import PastDate
from api.common.schemas import InputModel, ReadModel, RecordId
from api.common.task_groups import TaskGroup
from api.plans.enums import PlanKind, PlanStatus, TaskStatus

Title = Annotated[str, StringConstraints(min_length=1, max_length=500)]
DocumentNumber = Annotated[str, StringConstraints(min_length=1, max_length=64)]
PersonName = Annotated[str, StringConstraints(min_length=1, max_length=255)]
LongText = Annotated[str, StringConstraints(max_length=10_000)]
Year = Annotated[int, Field(ge=2000, le=2100)]
Percent = Annotated[int, Field(ge=0, le=100)]

MAX_TASKS_PER_PLAN = 200


class TaskCreate(InputModel):
    task_group: TaskGroup
    title: Title
    due_on: date | None = None
    status: TaskStatus = TaskStatus.not_started
    progress: Percent | None = Field(
        default=None, description="0–100; bỏ trống: 100 khi đã hoàn thành, 0 khi chưa"
    )
    result: LongText | None = None


class TaskUpdate(InputModel):
    task_group: TaskGroup = Field(default=None)
    title: Title = Field(default=None)
    due_on: date | None = None
    status: TaskStatus = Field(default=None)
    progress: Percent = Field(default=None)
    result: LongText | None = None


class TaskRead(ReadModel):
    id: int
    plan_id: int
    task_group: TaskGroup
    title: str
    due_on: date | None
    status: TaskStatus
    progress: int
    result: str | None
    overdue: bool = Field(description="Quá hạn: đã qua hạn mà chưa hoàn thành hoặc hủy")
    version: int
    created_at: datetime
    updated_at: datetime


class PlanTaskItem(TaskRead):
    """A task in the cross-plan list, with the plan it belongs to."""

    unit_id: int
    plan_title: str
    plan_year: int


class PlanCreate(InputModel):
    unit_id: RecordId | None = Field(default=None, description="Bỏ trống: đơn vị của người nhập")
    year: Year
    kind: PlanKind
    title: Title
    document_number: DocumentNumber | None = Field(default=None, examples=["45/KH-SNV"])
    issued_on: PastDate | None = None
    signer: PersonName | None = None
    status: PlanStatus = PlanStatus.draft
    summary: LongText | None = None
    tasks: list[TaskCreate] = Field(default=[], max_length=MAX_TASKS_PER_PLAN)


class PlanUpdate(InputModel):
    unit_id: RecordId = Field(default=None)
    year: Year = Field(default=None)
    kind: PlanKind = Field(default=None)
    title: Title = Field(default=None)
    document_number: DocumentNumber | None = None
    issued_on: PastDate | None = None
    signer: PersonName | None = None
    status: PlanStatus = Field(default=None)
    summary: LongText | None = None


class PlanSummary(ReadModel):
    id: int
    unit_id: int
    year: int
    kind: PlanKind
    title: str
    document_number: str | None
    issued_on: date | None
    signer: str | None
    status: PlanStatus
    summary: str | None
    tasks_count: int
    overdue_tasks: int
    version: int
    created_at: datetime
    updated_at: datetime


class PlanRead(PlanSummary):
    tasks: list[TaskRead]
