"""Plans and their tasks, through the plans service (numbering, issued fields, status
transitions); and the plan a row names by its number, which activities cite too."""

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from api.auth.policy import Actor, Perm
from api.common.problems import Invalid
from api.common.task_groups import TaskGroup
from api.imports.columns import (
    UNIT_FIELDS,
    Column,
    choice_column,
    day,
    integer,
    task_group_column,
    text,
    unit_column,
)
from api.imports.engine import (
    ImportKind,
    Upsert,
    Values,
    creating,
    only_match,
    schema_values,
    updating,
    writable_unit,
)
from api.plans import service as plans
from api.plans.enums import PlanKind, PlanStatus, TaskStatus
from api.plans.models import Plan, PlanTask
from api.plans.schemas import PlanCreate, PlanUpdate, TaskCreate, TaskUpdate


def numbered_plan(db: Session, unit_id: int, number: str) -> Plan:
    plan = db.scalar(select(Plan).where(Plan.unit_id == unit_id, Plan.document_number == number))
    if plan is None:
        raise Invalid.field(["plan_document_number"], f"Đơn vị không có kế hoạch số '{number}'")
    return plan


# --- plans -----------------------------------------------------------------------------

PLAN_COLUMNS = (
    unit_column(),
    Column("year", "Năm", integer(), required=True, example="2026"),
    choice_column("kind", "Loại kế hoạch", PlanKind.implementation, required=True),
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
    choice_column("status", "Trạng thái", PlanStatus.issued),
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


def _plan_key(values: Values) -> tuple[str, ...]:
    """As _find_plan looks: by number when the row has one, else by year, kind and title."""
    if "document_number" in values:
        return ("unit_code", "document_number")
    return ("unit_code", "year", "kind", "title")


def _find_plan(db: Session, _actor: Actor, values: Values) -> Plan | None:
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


def _stored_plan(plan: Plan) -> Values:
    return {"unit_code": plan.unit_id} | {name: getattr(plan, name) for name in _PLAN_ATTRIBUTES}


PLANS = ImportKind(
    name="plans",
    label="Kế hoạch",
    columns=PLAN_COLUMNS,
    key=("unit_code", "document_number", "year", "kind", "title"),
    row_key=_plan_key,
    perm=Perm.plans_write,
    apply=Upsert(
        authorise=writable_unit(Perm.plans_write),
        find=_find_plan,
        current=_stored_plan,
        create=creating(plans.create_plan, PlanCreate, UNIT_FIELDS),
        update=updating(plans.update_plan, PlanUpdate, UNIT_FIELDS),
        fields=UNIT_FIELDS,
    ),
)


# --- tasks -----------------------------------------------------------------------------

TASK_COLUMNS = (
    unit_column(),
    Column(
        "plan_document_number", "Số ký hiệu kế hoạch", text(64), required=True, example="45/KH-UBND"
    ),
    task_group_column(TaskGroup.dissemination, required=True),
    Column(
        "title",
        "Tên nhiệm vụ",
        text(500),
        required=True,
        example="Quán triệt Chỉ thị 05-CT/TU đến cán bộ, công chức",
        aliases=("Tiêu đề", "Nhiệm vụ"),
    ),
    Column("due_on", "Hạn hoàn thành", day, example="30/06/2026"),
    choice_column("status", "Trạng thái", TaskStatus.in_progress),
    Column("progress", "Tiến độ (%)", integer(), example="50"),
    Column("result", "Kết quả", text(10_000), example="Đã tổ chức 2 hội nghị quán triệt"),
)
_TASK_ATTRIBUTES = ("task_group", "title", "due_on", "status", "progress", "result")
_TASK_PLAN_COLUMNS = ("unit_code", "plan_document_number")  # they name the plan, not the task


def _find_task(db: Session, _actor: Actor, values: Values) -> PlanTask | None:
    plan = numbered_plan(db, values["unit_code"], values["plan_document_number"])
    same_title = (
        select(PlanTask)
        .where(PlanTask.plan_id == plan.id, PlanTask.title == values["title"])
        .options(selectinload(PlanTask.plan))
        .execution_options(populate_existing=True)
    )
    return only_match(db, same_title, "title", "Kế hoạch có nhiều nhiệm vụ cùng tên này")


def _stored_task(task: PlanTask) -> Values:
    plan = {"unit_code": task.plan.unit_id, "plan_document_number": task.plan.document_number}
    return plan | {name: getattr(task, name) for name in _TASK_ATTRIBUTES}


def _task_fields(values: Values) -> Values:
    return schema_values(values, {}, drop=_TASK_PLAN_COLUMNS)


def _create_task(db: Session, actor: Actor, values: Values) -> None:
    plan = numbered_plan(db, values["unit_code"], values["plan_document_number"])
    plans.create_task(db, actor, plan.id, TaskCreate(**_task_fields(values)))


PLAN_TASKS = ImportKind(
    name="plan-tasks",
    label="Nhiệm vụ của kế hoạch",
    columns=TASK_COLUMNS,
    key=("unit_code", "plan_document_number", "title"),
    perm=Perm.plans_write,
    apply=Upsert(
        authorise=writable_unit(Perm.plans_write),
        find=_find_task,
        current=_stored_task,
        create=_create_task,
        update=lambda db, actor, task, changed: plans.update_task(
            db, actor, task.plan_id, task.id, TaskUpdate(**_task_fields(changed)), None
        ),
    ),
)

KINDS: tuple[ImportKind, ...] = (PLANS, PLAN_TASKS)
