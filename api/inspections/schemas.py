from datetime import date, datetime
from typing import Annotated

from pydantic import Field, StringConstraints, ValidationInfo, field_validator

from api.common.dates import province_today
from api.common.schemas import InputModel, ReadModel, RecordId
from api.common.task_groups import TaskGroup
from api.inspections.enums import (
    FindingSeverity,
    InspectionKind,
    InspectionRating,
    InspectionStatus,
    RecommendationAction,
    RecommendationStatus,
)

Title = Annotated[str, StringConstraints(min_length=1, max_length=500)]
LongText = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
Note = Annotated[str, StringConstraints(max_length=4_000)]
Scope = Annotated[list[TaskGroup], Field(max_length=len(TaskGroup))]
Id = RecordId

# Actions that must say why or what was done.
NOTE_REQUIRED = frozenset({RecommendationAction.complete, RecommendationAction.reopen})


class _ScopedInput(InputModel):
    @field_validator("scope", check_fields=False)
    @classmethod
    def _distinct(cls, scope: list[TaskGroup] | None) -> list[TaskGroup] | None:
        """Each task group once, in the plan's order."""
        return None if scope is None else [g for g in TaskGroup if g in scope]


class InspectionRead(ReadModel):
    id: int
    kind: InspectionKind
    inspecting_unit_id: int
    inspected_unit_id: int
    plan_id: int | None
    title: str
    planned_from: date | None
    planned_to: date | None
    started_on: date | None
    ended_on: date | None
    status: InspectionStatus
    scope: list[TaskGroup]
    conclusion: str | None
    rating: InspectionRating | None
    version: int
    created_at: datetime
    updated_at: datetime


class InspectionCreate(_ScopedInput):
    kind: InspectionKind
    # A unit officer who leaves it out inspects from their own unit.
    inspecting_unit_id: Id | None = None
    # A self-inspection's inspected unit is the inspecting unit when left out.
    inspected_unit_id: Id | None = None
    plan_id: Id | None = None
    title: Title
    planned_from: date | None = None
    planned_to: date | None = None
    started_on: date | None = None
    ended_on: date | None = None
    status: InspectionStatus = InspectionStatus.planned
    scope: Scope = []
    conclusion: LongText | None = None
    rating: InspectionRating | None = None


class InspectionUpdate(_ScopedInput):
    kind: InspectionKind | None = None
    inspecting_unit_id: Id | None = None
    inspected_unit_id: Id | None = None
    plan_id: Id | None = None
    title: Title | None = None
    planned_from: date | None = None
    planned_to: date | None = None
    started_on: date | None = None
    ended_on: date | None = None
    status: InspectionStatus | None = None
    scope: Scope | None = None
    conclusion: LongText | None = None
    rating: InspectionRating | None = None


class FindingRead(ReadModel):
    id: int
    inspection_id: int
    task_group: TaskGroup
    severity: FindingSeverity
    description: str
    version: int
    created_at: datetime
    updated_at: datetime


class FindingCreate(InputModel):
    task_group: TaskGroup
    severity: FindingSeverity
    description: LongText


class FindingUpdate(InputModel):
    task_group: TaskGroup | None = None
    severity: FindingSeverity | None = None
    description: LongText | None = None


class RecommendationEventRead(ReadModel):
    action: RecommendationAction
    from_status: RecommendationStatus
    to_status: RecommendationStatus
    acted_on: date
    note: str | None
    actor_user_id: int | None
    actor_name: str
    at: datetime


class RecommendationFields(ReadModel):
    """What is stored; `RecommendationRead` adds what is derived for the caller."""

    id: int
    inspection_id: int
    finding_id: int | None
    text: str
    responsible_unit_id: int
    due_on: date
    status: RecommendationStatus
    history: list[RecommendationEventRead]
    version: int
    created_at: datetime
    updated_at: datetime


class RecommendationRead(RecommendationFields):
    inspecting_unit_id: int
    # Past its due day (in the province) and not yet done; derived, never stored.
    overdue: bool
    # The actions this caller may take now: the buttons the UI draws.
    allowed_actions: list[RecommendationAction]


class RecommendationCreate(InputModel):
    text: LongText
    responsible_unit_id: Id
    due_on: date
    finding_id: Id | None = None


class RecommendationUpdate(InputModel):
    text: LongText | None = None
    responsible_unit_id: Id | None = None
    due_on: date | None = None
    finding_id: Id | None = None


class RecommendationActionRequest(InputModel):
    action: RecommendationAction
    # The day it happened (defaults to today in the province); never in the future.
    acted_on: date | None = None
    note: Note | None = Field(default=None, validate_default=True)

    @field_validator("acted_on")
    @classmethod
    def _not_in_future(cls, acted_on: date | None) -> date | None:
        if acted_on is not None and acted_on > province_today():
            raise ValueError("Ngày thực hiện không được ở tương lai")
        return acted_on

    @field_validator("note")
    @classmethod
    def _note_when_required(cls, note: str | None, info: ValidationInfo) -> str | None:
        action = info.data.get("action")
        if action in NOTE_REQUIRED and not note:
            raise ValueError(f"Thao tác '{action.label}' cần ghi chú")
        return note or None
