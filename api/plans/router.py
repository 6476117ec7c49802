from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.auth.deps import CurrentActor
from api.common.csv_export import CSV_RESPONSE, Column, csv_response
from api.common.listing import list_params
from api.common.schemas import Page, PathId, QueryId
from api.common.versioning import IfMatch, set_etag
from api.db import Db
from api.plans import service
from api.plans.enums import PlanKind, PlanStatus, TaskStatus
from api.plans.models import Plan
from api.plans.schemas import (
    PlanCreate,
    PlanRead,
    PlanSummary,
    PlanTaskItem,
    PlanUpdate,
    TaskCreate,
    TaskRead,
    TaskUpdate,
)

router = APIRouter(prefix="/plans", tags=["plans"])
plan_tasks = APIRouter(prefix="/plan-tasks", tags=["plan-tasks"])
PlanListParams = list_params(service.PLAN_SORTS)
TaskListParams = list_params(service.TASK_SORTS)

PLAN_COLUMNS = [
    Column("Đơn vị", lambda p: p.unit.name),
    Column("Năm", lambda p: p.year),
    Column("Loại kế hoạch", lambda p: p.kind),
    Column("Tên kế hoạch", lambda p: p.title),
    Column("Số ký hiệu", lambda p: p.document_number),
    Column("Ngày ban hành", lambda p: p.issued_on),
    Column("Người ký", lambda p: p.signer),
    Column("Trạng thái", lambda p: p.status),
    Column("Số nhiệm vụ", lambda p: p.tasks_count),
    Column("Nhiệm vụ quá hạn", lambda p: p.overdue_tasks),
]


@router.get("", response_model=Page[PlanSummary], responses=CSV_RESPONSE)
def list_plans(
    db: Db,
    actor: CurrentActor,
    lq: PlanListParams,
    unit_id: QueryId = None,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    kind: Annotated[list[PlanKind] | None, Query()] = None,
    status: Annotated[list[PlanStatus] | None, Query()] = None,
    overdue: Annotated[bool | None, Query(description="Có nhiệm vụ quá hạn")] = None,
    format: Literal["json", "csv"] = "json",
) -> Page[PlanSummary] | Response:
    filters = service.PlanFilters(unit_id, year, kind or (), status or (), overdue)
    if format == "csv":
        plans: list[Plan] = service.export_plans(db, actor, lq, filters)
        return csv_response(plans, PLAN_COLUMNS, "ke-hoach.csv")
    items, total = service.list_plans(db, actor, lq, filters)
    return Page(items=items, total=total, limit=lq.limit, offset=lq.offset)


@router.post("", response_model=PlanRead, status_code=201)
def create_plan(body: PlanCreate, response: Response, db: Db, actor: CurrentActor) -> PlanRead:
    """Tasks may be given with the plan; afterwards they are managed under /plans/{id}/tasks."""
    plan = service.create_plan(db, actor, body)
    set_etag(response, plan.version)
    return plan


@router.get("/{plan_id}", response_model=PlanRead)
def get_plan(plan_id: PathId, response: Response, db: Db, actor: CurrentActor) -> PlanRead:
    plan = service.get_plan(db, actor, plan_id)
    set_etag(response, plan.version)
    return plan


@router.patch("/{plan_id}", response_model=PlanRead)
def update_plan(
    plan_id: PathId,
    body: PlanUpdate,
    response: Response,
    db: Db,
    actor: CurrentActor,
    expected: IfMatch,
) -> PlanRead:
    """`status` moves only forward: draft → issued → in_progress → completed, or cancelled."""
    plan = service.update_plan(db, actor, plan_id, body, expected)
    set_etag(response, plan.version)
    return plan


@router.delete("/{plan_id}", status_code=204)
def delete_plan(plan_id: PathId, db: Db, actor: CurrentActor, expected: IfMatch) -> Response:
    service.delete_plan(db, actor, plan_id, expected)
    return Response(status_code=204)


@router.get("/{plan_id}/tasks", response_model=list[TaskRead])
def list_tasks(plan_id: PathId, db: Db, actor: CurrentActor) -> list[TaskRead]:
    return service.list_tasks(db, actor, plan_id)


@router.post("/{plan_id}/tasks", response_model=TaskRead, status_code=201)
def create_task(
    plan_id: PathId, body: TaskCreate, response: Response, db: Db, actor: CurrentActor
) -> TaskRead:
    task = service.create_task(db, actor, plan_id, body)
    set_etag(response, task.version)
    return task


@router.patch("/{plan_id}/tasks/{task_id}", response_model=TaskRead)
def update_task(
    plan_id: PathId,
    task_id: PathId,
    body: TaskUpdate,
    response: Response,
    db: Db,
    actor: CurrentActor,
    expected: IfMatch,
) -> TaskRead:
    task = service.update_task(db, actor, plan_id, task_id, body, expected)
    set_etag(response, task.version)
    return task


@router.delete("/{plan_id}/tasks/{task_id}", status_code=204)
def delete_task(
    plan_id: PathId, task_id: PathId, db: Db, actor: CurrentActor, expected: IfMatch
) -> Response:
    service.delete_task(db, actor, plan_id, task_id, expected)
    return Response(status_code=204)


@plan_tasks.get("", response_model=Page[PlanTaskItem])
def list_plan_tasks(
    db: Db,
    actor: CurrentActor,
    lq: TaskListParams,
    unit_id: QueryId = None,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    status: Annotated[list[TaskStatus] | None, Query()] = None,
    overdue: bool | None = None,
) -> Page[PlanTaskItem]:
    filters = service.TaskFilters(unit_id, year, status or (), overdue)
    items, total = service.list_plan_tasks(db, actor, lq, filters)
    return Page(items=items, total=total, limit=lq.limit, offset=lq.offset)
