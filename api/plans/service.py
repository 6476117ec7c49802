"""A unit's plans and the tasks of section III they set; overdue tasks are derived."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, exists, not_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from api.activities.models import Activity
from api.audit.service import record_event, snapshot
from api.auth.policy import Actor, Perm, ensure_readable, ensure_writable, readable
from api.common.deletion import delete_unless_referenced
from api.common.listing import ListQuery, apply_search, fetch_page, order_by_sort
from api.common.problems import Conflict, Invalid, NotFound
from api.common.versioning import check_version
from api.db import violated_constraint
from api.plans.enums import ISSUED_STATUSES, PLAN_TRANSITIONS, PlanKind, PlanStatus, TaskStatus
from api.plans.models import Plan, PlanTask
from api.plans.schemas import MAX_TASKS_PER_PLAN, PlanCreate, PlanUpdate, TaskCreate, TaskUpdate
from api.units.ownership import owning_unit

UNIQUE_NUMBER = "uq_plans_unit_id_document_number"
PLAN_SORTS = {
    "year": Plan.year,
    "issued_on": Plan.issued_on,
    "title": Plan.title,
    "document_number": Plan.document_number,
    "status": Plan.status,
    "kind": Plan.kind,
    "created_at": Plan.created_at,
    "updated_at": Plan.updated_at,
}
TASK_SORTS = {
    "due_on": PlanTask.due_on,
    "title": PlanTask.title,
    "status": PlanTask.status,
    "progress": PlanTask.progress,
    "task_group": PlanTask.task_group,
    "created_at": PlanTask.created_at,
}


@dataclass(frozen=True)
class PlanFilters:
    unit_id: int | None = None
    year: int | None = None
    kind: Sequence[PlanKind] = ()
    status: Sequence[PlanStatus] = ()
    overdue: bool | None = None


@dataclass(frozen=True)
class TaskFilters:
    unit_id: int | None = None
    year: int | None = None
    status: Sequence[TaskStatus] = ()
    overdue: bool | None = None


# --- plans -----------------------------------------------------------------------------


def _plans_query(actor: Actor, q: str | None, filters: PlanFilters) -> Select[Any]:
    stmt = readable(select(Plan), actor, Perm.plans_read, Plan.unit_id)
    stmt = apply_search(stmt, Plan.search_text, q)
    if filters.unit_id is not None:
        stmt = stmt.where(Plan.unit_id == filters.unit_id)
    if filters.year is not None:
        stmt = stmt.where(Plan.year == filters.year)
    if filters.kind:
        stmt = stmt.where(Plan.kind.in_(filters.kind))
    if filters.status:
        stmt = stmt.where(Plan.status.in_(filters.status))
    if filters.overdue is not None:
        late = exists().where(PlanTask.plan_id == Plan.id, PlanTask.overdue)
        stmt = stmt.where(late if filters.overdue else not_(late))
    return stmt.options(selectinload(Plan.tasks))


def list_plans(
    db: Session, actor: Actor, lq: ListQuery, filters: PlanFilters
) -> tuple[list[Plan], int]:
    stmt = order_by_sort(_plans_query(actor, lq.q, filters), lq.sort, PLAN_SORTS, "-year", Plan.id)
    rows, total = fetch_page(db, stmt, lq)
    return list(rows), total


def export_plans(db: Session, actor: Actor, lq: ListQuery, filters: PlanFilters) -> list[Plan]:
    """The whole filtered list, for CSV."""
    stmt = _plans_query(actor, lq.q, filters).options(selectinload(Plan.unit))
    return list(db.scalars(order_by_sort(stmt, lq.sort, PLAN_SORTS, "-year", Plan.id)))


def get_plan(db: Session, actor: Actor, plan_id: int) -> Plan:
    plan = db.scalar(select(Plan).where(Plan.id == plan_id).options(selectinload(Plan.tasks)))
    if plan is None:
        raise NotFound(f"Không tìm thấy kế hoạch #{plan_id}")
    ensure_readable(actor, Perm.plans_read, plan.unit_id)
    return plan


def _writable_plan(db: Session, actor: Actor, plan_id: int) -> Plan:
    plan = get_plan(db, actor, plan_id)
    ensure_writable(actor, Perm.plans_write, Perm.plans_read, plan.unit_id)
    return plan


def _check_issued_fields(plan: Plan) -> None:
    """An issued (or later) plan is a document: it has a number and an issue date."""
    if plan.status not in ISSUED_STATUSES:
        return
    missing = [name for name in ("document_number", "issued_on") if getattr(plan, name) is None]
    if missing:
        msg = "Kế hoạch đã ban hành phải có số ký hiệu và ngày ban hành"
        errors = [{"loc": ["body", name], "msg": msg, "type": "missing"} for name in missing]
        raise Invalid(msg, errors=errors)


def _number_taken(document_number: str | None) -> Conflict:
    return Conflict(
        f"Đơn vị đã có kế hoạch số '{document_number}'",
        errors=[{"loc": ["body", "document_number"], "msg": "already used", "type": "unique"}],
    )


def _same_number_elsewhere(db: Session, plan: Plan) -> bool:
    if plan.document_number is None:
        return False
    with db.no_autoflush:  # the pending change would hit the constraint first
        clash = db.scalar(
            select(Plan.id).where(
                Plan.unit_id == plan.unit_id,
                Plan.document_number == plan.document_number,
                Plan.id != (plan.id or 0),
            )
        )
    return clash is not None


def _save_numbered(db: Session, plan: Plan) -> None:
    """Flush the plan, whose number is unique in its unit: looked up first for a clear
    answer, and left to the constraint when two requests race."""
    if _same_number_elsewhere(db, plan):
        raise _number_taken(plan.document_number)
    try:
        db.flush()
    except IntegrityError as exc:
        if violated_constraint(exc) == UNIQUE_NUMBER:
            raise _number_taken(plan.document_number) from exc
        raise


def _check_movable(db: Session, actor: Actor, plan: Plan, unit_id: int) -> None:
    """A plan moves to another unit (a correction) only while no activity refers to it:
    an activity's plan is always one of its own unit."""
    owning_unit(db, actor, Perm.plans_write, unit_id)
    if db.scalar(select(exists().where(Activity.plan_id == plan.id))):
        raise Conflict(
            "Kế hoạch đã có hoạt động gắn kèm nên không chuyển sang đơn vị khác được",
            errors=[{"loc": ["body", "unit_id"], "msg": "plan has activities", "type": "state"}],
        )


def _check_transition(current: PlanStatus, wanted: PlanStatus) -> None:
    if wanted != current and wanted not in PLAN_TRANSITIONS[current]:
        raise Conflict(
            f"Không chuyển được kế hoạch từ trạng thái '{current.label}' sang '{wanted.label}'",
            errors=[{"loc": ["body", "status"], "msg": "transition not allowed", "type": "state"}],
        )


def create_plan(db: Session, actor: Actor, data: PlanCreate) -> Plan:
    unit_id = owning_unit(db, actor, Perm.plans_write, data.unit_id)
    plan = Plan(**data.model_dump(exclude={"unit_id", "tasks"}), unit_id=unit_id, tasks=[])
    _check_issued_fields(plan)
    db.add(plan)
    _save_numbered(db, plan)
    record_event(db, actor, "create", plan)
    for index, task_data in enumerate(data.tasks):
        _add_task(db, actor, plan, task_data, loc=["tasks", index])
    return plan


def update_plan(
    db: Session, actor: Actor, plan_id: int, data: PlanUpdate, expected_version: int | None
) -> Plan:
    plan = _writable_plan(db, actor, plan_id)
    check_version(plan.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    if "unit_id" in changes and changes["unit_id"] != plan.unit_id:
        _check_movable(db, actor, plan, changes["unit_id"])
    if "status" in changes:
        _check_transition(plan.status, changes["status"])
    before = snapshot(plan)
    for key, value in changes.items():
        setattr(plan, key, value)
    _check_issued_fields(plan)
    _save_numbered(db, plan)
    record_event(db, actor, "update", plan, before=before)
    return plan


def delete_plan(db: Session, actor: Actor, plan_id: int, expected_version: int | None) -> None:
    """A plan goes with its tasks; one that activities refer to stays (409)."""
    plan = _writable_plan(db, actor, plan_id)
    check_version(plan.version, expected_version)
    before = snapshot(plan) | {"tasks": [snapshot(task) for task in plan.tasks]}
    delete_unless_referenced(
        db, plan, f"Kế hoạch '{plan.title}' đã có hoạt động gắn kèm; hãy hủy thay vì xóa"
    )
    record_event(db, actor, "delete", plan, before=before)


# --- tasks -----------------------------------------------------------------------------


def _settle_progress(task: PlanTask, progress_given: bool, loc: list[str | int]) -> None:
    """A done task is 100% done: filled in when left out, refused when it says otherwise."""
    if task.status is not TaskStatus.done:
        return
    if not progress_given:
        task.progress = 100
    elif task.progress != 100:
        raise Invalid.field([*loc, "progress"], "Nhiệm vụ đã hoàn thành phải đạt tiến độ 100%")


def _add_task(
    db: Session, actor: Actor, plan: Plan, data: TaskCreate, loc: list[str | int]
) -> PlanTask:
    task = PlanTask(**data.model_dump(exclude={"progress"}), progress=data.progress or 0)
    _settle_progress(task, data.progress is not None, loc)
    plan.tasks.append(task)
    db.flush()
    record_event(db, actor, "create", task)
    return task


def list_tasks(db: Session, actor: Actor, plan_id: int) -> list[PlanTask]:
    return list(get_plan(db, actor, plan_id).tasks)


def _task_of(db: Session, actor: Actor, plan_id: int, task_id: int) -> PlanTask:
    _writable_plan(db, actor, plan_id)
    task = db.get(PlanTask, task_id)
    if task is None or task.plan_id != plan_id:
        raise NotFound(f"Không tìm thấy nhiệm vụ #{task_id} của kế hoạch #{plan_id}")
    return task


def create_task(db: Session, actor: Actor, plan_id: int, data: TaskCreate) -> PlanTask:
    plan = _writable_plan(db, actor, plan_id)
    if len(plan.tasks) >= MAX_TASKS_PER_PLAN:
        raise Conflict(f"Kế hoạch đã có đủ {MAX_TASKS_PER_PLAN} nhiệm vụ, không thêm được nữa")
    return _add_task(db, actor, plan, data, loc=[])


def update_task(
    db: Session,
    actor: Actor,
    plan_id: int,
    task_id: int,
    data: TaskUpdate,
    expected_version: int | None,
) -> PlanTask:
    task = _task_of(db, actor, plan_id, task_id)
    check_version(task.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    before = snapshot(task)
    for key, value in changes.items():
        setattr(task, key, value)
    _settle_progress(task, "progress" in changes, [])
    db.flush()
    record_event(db, actor, "update", task, before=before)
    return task


def delete_task(
    db: Session, actor: Actor, plan_id: int, task_id: int, expected_version: int | None
) -> None:
    task = _task_of(db, actor, plan_id, task_id)
    check_version(task.version, expected_version)
    before = snapshot(task)
    db.delete(task)
    db.flush()
    record_event(db, actor, "delete", task, before=before)


def list_plan_tasks(
    db: Session, actor: Actor, lq: ListQuery, filters: TaskFilters
) -> tuple[list[PlanTask], int]:
    """Tasks across plans, for the dashboards (e.g. every overdue task of a unit)."""
    stmt = readable(select(PlanTask).join(PlanTask.plan), actor, Perm.plans_read, Plan.unit_id)
    stmt = apply_search(stmt, PlanTask.search_text, lq.q)
    if filters.unit_id is not None:
        stmt = stmt.where(Plan.unit_id == filters.unit_id)
    if filters.year is not None:
        stmt = stmt.where(Plan.year == filters.year)
    if filters.status:
        stmt = stmt.where(PlanTask.status.in_(filters.status))
    if filters.overdue is not None:
        stmt = stmt.where(PlanTask.overdue if filters.overdue else not_(PlanTask.overdue))
    stmt = stmt.options(selectinload(PlanTask.plan))
    stmt = order_by_sort(stmt, lq.sort, TASK_SORTS, "due_on", PlanTask.id)
    rows, total = fetch_page(db, stmt, lq)
    return list(rows), total
