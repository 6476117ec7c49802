"""Plans and their tasks, through the plans service (numbering, issued fields, status
transitions); and the pieces the unit-owned kinds share: the unit check, one match or none,
and a task-group cell."""

from typing import Any, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from api.auth.policy import Actor, Perm, require
from api.common.problems import Conflict, Forbidden, Invalid
from api.common.task_groups import TaskGroup
from api.common.text import fold
from api.imports.columns import Column, Context, choice, day, integer, labels_of, text, unit
from api.imports.engine import Apply, ImportKind, ParsedRow, RowError, RowOutcome, Upsert
from api.imports.kinds.accounts import UNIT_ALIASES, schema_fields
from api.imports.reading import Cell
from api.plans import service as plans
from api.plans.enums import PlanKind, PlanStatus, TaskStatus
from api.plans.models import Plan, PlanTask
from api.plans.schemas import PlanCreate, PlanUpdate, TaskCreate, TaskUpdate

T = TypeVar("T")
UNIT_FIELDS = {"unit_id": "unit_code"}


def unit_guarded(perm: Perm, apply: Apply) -> Apply:
    """Refuse the rows of a unit the actor may not write before they are looked up: else a
    row equal to another unit's record would come back `unchanged`, never checked."""

    def guarded(db: Session, actor: Actor, rows: list[ParsedRow]) -> list[RowOutcome]:
        refused = {
            row.number: RowOutcome(None, [_not_yours(row)])
            for row in rows
            if not _may_write(actor, perm, row.values["unit_code"])
        }
        stored = iter(apply(db, actor, [row for row in rows if row.number not in refused]))
        return [refused[row.number] if row.number in refused else next(stored) for row in rows]

    return guarded


def _may_write(actor: Actor, perm: Perm, unit_id: int) -> bool:
    try:
        require(actor, perm, unit_id)
    except Forbidden:
        return False
    return True


def _not_yours(row: ParsedRow) -> RowError:
    return RowError(
        row.number, "unit_code", "forbidden", "Không có quyền ghi dữ liệu của đơn vị này"
    )


def only_match(db: Session, stmt: Select[tuple[T]], column: str, message: str) -> T | None:
    """The one record a row names, or None; two that fit are the row's error in `column`."""
    found = db.scalars(stmt.limit(2)).all()
    if len(found) > 1:
        raise Conflict(message, errors=[{"loc": [column], "msg": message, "type": "ambiguous"}])
    return found[0] if found else None


_GROUP_CHOICE = choice(TaskGroup)
_GROUP_BY_SECTION = {fold(group.section): group.value for group in TaskGroup}


def task_group(cell: Cell, context: Context) -> str:
    """A task group by value, label, or the plan's own numbering alone ("III.1")."""
    if isinstance(cell, str) and (group := _GROUP_BY_SECTION.get(fold(cell))):
        return group
    return _GROUP_CHOICE(cell, context)


def numbered_plan(db: Session, unit_id: int, number: str) -> Plan:
    plan = db.scalar(select(Plan).where(Plan.unit_id == unit_id, Plan.document_number == number))
    if plan is None:
        raise Invalid.field(["plan_document_number"], f"Đơn vị không có kế hoạch số '{number}'")
    return plan


def unit_column(label: str = "Đơn vị", example: str = "X-GIAVIEN") -> Column:
    return Column("unit_code", label, unit, required=True, example=example, aliases=UNIT_ALIASES)


# --- plans -----------------------------------------------------------------------------

PLAN_COLUMNS = (
    unit_column(),
    Column("year", "Năm", integer(), required=True, example="2026"),
    Column(
        "kind",
        "Loại kế hoạch",
        choice(PlanKind),
        required=True,
        example=PlanKind.implementation.label,
        choices=labels_of(PlanKind),
    ),
    Column(
        "title",
        "Tiêu đề",
        text(500),
        required=True,
        example="Kế hoạch thực hiện công tác dân vận chính quyền năm 2026",
        aliases=("Tên kế hoạch",),
    ),
    Column("document_number", "Số ký hiệu", text(64), example="45/KH-UBND"),
    Column("issued_on", "Ngày ban hành", day, example="15/01/2026"),
    Column("signer", "Người ký", text(255), example="Nguyễn Văn Bình"),
    Column(
        "status",
        "Trạng thái",
        choice(PlanStatus),
        example=PlanStatus.issued.label,
        choices=labels_of(PlanStatus),
    ),
    Column("summary", "Nội dung tóm tắt", text(10_000), example="Triển khai Chỉ thị 05-CT/TU"),
)
_PLAN_ATTRIBUTES = (
    "year",
    "kind",
    "title",
    "document_number",
    "issued_on",
    "signer",
    "status",
    "summary",
)


def _find_plan(db: Session, values: dict[str, Any]) -> Plan | None:
    stmt = (
        select(Plan)
        .where(Plan.unit_id == values["unit_code"])
        .execution_options(populate_existing=True)
    )
    number = values.get("document_number")
    if number is not None:
        plan = db.scalar(stmt.where(Plan.document_number == number))
        if plan is not None:
            return plan
        stmt = stmt.where(Plan.document_number.is_(None))  # the draft, now given its number
    same_title = stmt.where(
        Plan.year == values["year"], Plan.kind == values["kind"], Plan.title == values["title"]
    )
    message = "Đơn vị có nhiều kế hoạch cùng năm, loại và tiêu đề này: hãy ghi số ký hiệu"
    return only_match(db, same_title, "title", message)


def _stored_plan(plan: Plan) -> dict[str, Any]:
    return {"unit_code": plan.unit_id} | {name: getattr(plan, name) for name in _PLAN_ATTRIBUTES}


PLANS = ImportKind(
    name="plans",
    label="Kế hoạch",
    columns=PLAN_COLUMNS,
    # The file-level duplicate check takes one fixed key; the number-or-title choice is in find.
    key=("unit_code", "document_number", "year", "kind", "title"),
    perm=Perm.plans_write,
    apply=unit_guarded(
        Perm.plans_write,
        Upsert(
            find=_find_plan,
            current=_stored_plan,
            create=lambda db, actor, values: plans.create_plan(
                db, actor, PlanCreate(**schema_fields(values, UNIT_FIELDS))
            ),
            update=lambda db, actor, plan, changed: plans.update_plan(
                db, actor, plan.id, PlanUpdate(**schema_fields(changed, UNIT_FIELDS)), None
            ),
            fields=UNIT_FIELDS,
        ),
    ),
)


# --- tasks -----------------------------------------------------------------------------

TASK_COLUMNS = (
    unit_column(),
    Column(
        "plan_document_number", "Số ký hiệu kế hoạch", text(64), required=True, example="45/KH-UBND"
    ),
    Column(
        "task_group",
        "Nhóm nhiệm vụ",
        task_group,
        required=True,
        example=TaskGroup.dissemination.label,
        choices=labels_of(TaskGroup),
    ),
    Column(
        "title",
        "Tên nhiệm vụ",
        text(500),
        required=True,
        example="Quán triệt Chỉ thị 05-CT/TU đến cán bộ, công chức",
        aliases=("Tiêu đề", "Nhiệm vụ"),
    ),
    Column("due_on", "Hạn hoàn thành", day, example="30/06/2026"),
    Column(
        "status",
        "Trạng thái",
        choice(TaskStatus),
        example=TaskStatus.in_progress.label,
        choices=labels_of(TaskStatus),
    ),
    Column("progress", "Tiến độ (%)", integer(), example="50"),
    Column("result", "Kết quả", text(10_000), example="Đã tổ chức 2 hội nghị quán triệt"),
)
_TASK_ATTRIBUTES = ("task_group", "title", "due_on", "status", "progress", "result")
_TASK_KEY_COLUMNS = ("unit_code", "plan_document_number")


def _find_task(db: Session, values: dict[str, Any]) -> PlanTask | None:
    plan = numbered_plan(db, values["unit_code"], values["plan_document_number"])
    same_title = (
        select(PlanTask)
        .where(PlanTask.plan_id == plan.id, PlanTask.title == values["title"])
        .options(selectinload(PlanTask.plan))
        .execution_options(populate_existing=True)
    )
    return only_match(db, same_title, "title", "Kế hoạch có nhiều nhiệm vụ cùng tên này")


def _stored_task(task: PlanTask) -> dict[str, Any]:
    plan = {"unit_code": task.plan.unit_id, "plan_document_number": task.plan.document_number}
    return plan | {name: getattr(task, name) for name in _TASK_ATTRIBUTES}


def _task_fields(values: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in values.items() if name not in _TASK_KEY_COLUMNS}


def _create_task(db: Session, actor: Actor, values: dict[str, Any]) -> PlanTask:
    plan = numbered_plan(db, values["unit_code"], values["plan_document_number"])
    return plans.create_task(db, actor, plan.id, TaskCreate(**_task_fields(values)))


PLAN_TASKS = ImportKind(
    name="plan-tasks",
    label="Nhiệm vụ của kế hoạch",
    columns=TASK_COLUMNS,
    key=("unit_code", "plan_document_number", "title"),
    perm=Perm.plans_write,
    apply=unit_guarded(
        Perm.plans_write,
        Upsert(
            find=_find_task,
            current=_stored_task,
            create=_create_task,
            update=lambda db, actor, task, changed: plans.update_task(
                db, actor, task.plan_id, task.id, TaskUpdate(**_task_fields(changed)), None
            ),
        ),
    ),
)

KINDS: tuple[ImportKind, ...] = (PLANS, PLAN_TASKS)
