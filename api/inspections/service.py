"""Inspections, self-inspections and supervision by the Front, with their findings."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, any_, func, select
from sqlalchemy.orm import Session, selectinload

from api.audit.service import record_event, snapshot
from api.auth.policy import OWN, Actor, Perm, ensure_readable, reach, readable, require
from api.common.listing import ListQuery, apply_search, fetch_page, order_by_sort
from api.common.problems import Conflict, Forbidden, Invalid, NotFound
from api.common.task_groups import TaskGroup
from api.common.versioning import check_version
from api.inspections.enums import FindingSeverity, InspectionKind, InspectionStatus
from api.inspections.models import Finding, Inspection, Recommendation
from api.inspections.schemas import (
    FindingCreate,
    FindingUpdate,
    InspectionCreate,
    InspectionUpdate,
)
from api.plans.models import Plan
from api.units.enums import UnitKind
from api.units.models import Unit

# The day an inspection took place, or was planned to: what `year`, `from` and `to` filter on.
held_on: ColumnElement[date] = func.coalesce(Inspection.started_on, Inspection.planned_from)

INSPECTION_SORTS = {
    "title": Inspection.title,
    "kind": Inspection.kind,
    "status": Inspection.status,
    "held_on": held_on,
    "planned_from": Inspection.planned_from,
    "started_on": Inspection.started_on,
    "ended_on": Inspection.ended_on,
    "created_at": Inspection.created_at,
    "updated_at": Inspection.updated_at,
}
FINDING_SORTS = {
    "task_group": Finding.task_group,
    "severity": Finding.severity,
    "created_at": Finding.created_at,
}
# What a unit officer may conduct from their own unit (DESIGN section 3).
OFFICER_KINDS = {
    InspectionKind.self_inspection: None,  # any unit, of itself
    InspectionKind.supervision: UnitKind.front,  # only the Front and its organisations
}


@dataclass(frozen=True)
class InspectionFilters:
    kind: list[InspectionKind] | None = None
    status: list[InspectionStatus] | None = None
    inspecting_unit_id: int | None = None
    inspected_unit_id: int | None = None
    unit_id: int | None = None  # either side
    plan_id: int | None = None
    task_group: TaskGroup | None = None
    year: int | None = None
    from_: date | None = None
    to: date | None = None


def refuse_nulls(changes: dict[str, Any], required: Iterable[str]) -> None:
    """A PATCH may leave a required field out, never empty it."""
    for name in required:
        if name in changes and changes[name] is None:
            raise Invalid.field([name], "Trường này không được để trống")


def unit_or_none(db: Session, unit_id: int | None) -> Unit | None:
    return db.get(Unit, unit_id) if unit_id is not None else None


# --- inspections -------------------------------------------------------------------------


def _filtered(actor: Actor, lq: ListQuery, f: InspectionFilters) -> Select[tuple[Inspection]]:
    stmt = readable(
        select(Inspection),
        actor,
        Perm.inspections_read,
        Inspection.inspecting_unit_id,
        Inspection.inspected_unit_id,
    )
    stmt = apply_search(stmt, Inspection.search_text, lq.q)
    if f.kind:
        stmt = stmt.where(Inspection.kind.in_(f.kind))
    if f.status:
        stmt = stmt.where(Inspection.status.in_(f.status))
    if f.inspecting_unit_id is not None:
        stmt = stmt.where(Inspection.inspecting_unit_id == f.inspecting_unit_id)
    if f.inspected_unit_id is not None:
        stmt = stmt.where(Inspection.inspected_unit_id == f.inspected_unit_id)
    if f.unit_id is not None:
        stmt = stmt.where(
            (Inspection.inspecting_unit_id == f.unit_id)
            | (Inspection.inspected_unit_id == f.unit_id)
        )
    if f.plan_id is not None:
        stmt = stmt.where(Inspection.plan_id == f.plan_id)
    if f.task_group is not None:
        stmt = stmt.where(any_(Inspection.scope) == f.task_group.value)
    if f.year is not None:
        stmt = stmt.where(held_on >= date(f.year, 1, 1), held_on < date(f.year + 1, 1, 1))
    if f.from_ is not None:
        stmt = stmt.where(held_on >= f.from_)
    if f.to is not None:
        stmt = stmt.where(held_on <= f.to)
    return order_by_sort(stmt, lq.sort, INSPECTION_SORTS, "-held_on", Inspection.id.desc())


def list_inspections(
    db: Session, actor: Actor, lq: ListQuery, filters: InspectionFilters
) -> tuple[list[Inspection], int]:
    rows, total = fetch_page(db, _filtered(actor, lq, filters), lq)
    return list(rows), total


def export_inspections(
    db: Session, actor: Actor, lq: ListQuery, filters: InspectionFilters
) -> list[Inspection]:
    """The whole filtered list, with the units' names the spreadsheet shows."""
    stmt = _filtered(actor, lq, filters).options(
        selectinload(Inspection.inspecting_unit), selectinload(Inspection.inspected_unit)
    )
    return list(db.scalars(stmt))


def get_inspection(db: Session, actor: Actor, inspection_id: int) -> Inspection:
    inspection = db.get(Inspection, inspection_id)
    if inspection is None:
        raise NotFound(f"Không tìm thấy cuộc kiểm tra #{inspection_id}")
    ensure_readable(
        actor, Perm.inspections_read, inspection.inspecting_unit_id, inspection.inspected_unit_id
    )
    return inspection


def ensure_may_conduct(
    db: Session, actor: Actor, kind: InspectionKind, inspecting_unit_id: int | None
) -> None:
    """403 unless the actor may record this kind of inspection for the inspecting unit:
    inspectors and coordinators any; a unit officer a self-inspection of their own unit,
    or a supervision when their unit belongs to the Front."""
    require(actor, Perm.inspections_write, inspecting_unit_id)
    if reach(actor, Perm.inspections_write) is OWN and not _officer_may_conduct(db, actor, kind):
        raise Forbidden(f"Cán bộ đơn vị không được ghi nhận '{kind.label}' của đơn vị mình")


def _officer_may_conduct(db: Session, actor: Actor, kind: InspectionKind) -> bool:
    if kind not in OFFICER_KINDS:
        return False
    needed = OFFICER_KINDS[kind]
    own_unit = unit_or_none(db, actor.unit_id)
    return needed is None or (own_unit is not None and own_unit.kind == needed)


def ensure_may_change(db: Session, actor: Actor, inspection: Inspection) -> None:
    """For changing an inspection, its findings or its recommendations."""
    ensure_may_conduct(db, actor, inspection.kind, inspection.inspecting_unit_id)


def _unit_problems(db: Session, v: dict[str, Any]) -> list[tuple[str, str]]:
    """Both units exist, and fit the kind: oneself for a self-inspection only, the Front
    for a supervision."""
    problems: list[tuple[str, str]] = []
    units: dict[str, Unit | None] = {}
    for side in ("inspecting_unit_id", "inspected_unit_id"):
        units[side] = unit_or_none(db, v[side])
        if v[side] is None:
            problems.append((side, "Chưa chọn đơn vị"))
        elif units[side] is None:
            problems.append((side, f"Không tìm thấy đơn vị #{v[side]}"))
    inspecting, inspected = units["inspecting_unit_id"], units["inspected_unit_id"]
    if inspecting is None or inspected is None:
        return problems
    same_unit = inspecting.id == inspected.id
    if v["kind"] is InspectionKind.self_inspection and not same_unit:
        problems.append(
            ("inspected_unit_id", "Tự kiểm tra: đơn vị được kiểm tra là đơn vị kiểm tra")
        )
    if v["kind"] is not InspectionKind.self_inspection and same_unit:
        problems.append(
            ("inspected_unit_id", "Đơn vị kiểm tra chính mình: chọn loại 'Tự kiểm tra'")
        )
    if v["kind"] is InspectionKind.supervision and inspecting.kind != UnitKind.front:
        problems.append(
            (
                "inspecting_unit_id",
                "Giám sát do Ủy ban Mặt trận Tổ quốc hoặc tổ chức chính trị - xã hội thực hiện",
            )
        )
    return problems


def _date_problems(v: dict[str, Any]) -> list[tuple[str, str]]:
    """Periods run forward; a concluded inspection has ended and says what it found."""
    problems: list[tuple[str, str]] = []
    if v["planned_from"] and v["planned_to"] and v["planned_to"] < v["planned_from"]:
        problems.append(("planned_to", "Ngày kết thúc dự kiến trước ngày bắt đầu dự kiến"))
    if v["ended_on"] and not v["started_on"]:
        problems.append(("started_on", "Cần ngày bắt đầu khi đã có ngày kết thúc"))
    if v["ended_on"] and v["started_on"] and v["ended_on"] < v["started_on"]:
        problems.append(("ended_on", "Ngày kết thúc trước ngày bắt đầu"))
    if v["status"] is InspectionStatus.concluded:
        if not v["conclusion"]:
            problems.append(("conclusion", "Cuộc kiểm tra đã kết luận cần có nội dung kết luận"))
        if not v["ended_on"]:
            problems.append(("ended_on", "Cuộc kiểm tra đã kết luận cần có ngày kết thúc"))
    return problems


def _plan_problems(db: Session, v: dict[str, Any]) -> list[tuple[str, str]]:
    """The plan an inspection carries out exists, and is one of the inspecting unit's."""
    if v.get("plan_id") is None:
        return []
    plan = db.get(Plan, v["plan_id"])
    if plan is None:
        return [("plan_id", f"Không tìm thấy kế hoạch #{v['plan_id']}")]
    if plan.unit_id not in (v["inspecting_unit_id"], v["inspected_unit_id"]):
        return [("plan_id", "Kế hoạch phải của đơn vị kiểm tra hoặc đơn vị được kiểm tra")]
    return []


def _check(db: Session, values: dict[str, Any]) -> None:
    """422 with every rule the inspection's values break, each on its field."""
    problems = _unit_problems(db, values) + _date_problems(values) + _plan_problems(db, values)
    if problems:
        raise Invalid(
            "; ".join(msg for _, msg in problems),
            errors=[{"loc": ["body", f], "msg": m, "type": "value_error"} for f, m in problems],
        )


def create_inspection(db: Session, actor: Actor, data: InspectionCreate) -> Inspection:
    require(actor, Perm.inspections_write)
    values = data.model_dump()
    if values["inspecting_unit_id"] is None and reach(actor, Perm.inspections_write) is OWN:
        values["inspecting_unit_id"] = actor.unit_id
    if data.kind is InspectionKind.self_inspection and values["inspected_unit_id"] is None:
        values["inspected_unit_id"] = values["inspecting_unit_id"]
    ensure_may_conduct(db, actor, data.kind, values["inspecting_unit_id"])
    _check(db, values)
    inspection = Inspection(**values)
    db.add(inspection)
    db.flush()
    record_event(db, actor, "create", inspection)
    return inspection


def update_inspection(
    db: Session,
    actor: Actor,
    inspection_id: int,
    data: InspectionUpdate,
    expected_version: int | None,
) -> Inspection:
    inspection = get_inspection(db, actor, inspection_id)
    ensure_may_change(db, actor, inspection)
    check_version(inspection.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    refuse_nulls(
        changes, ("kind", "inspecting_unit_id", "inspected_unit_id", "title", "status", "scope")
    )
    merged = {name: getattr(inspection, name) for name in InspectionUpdate.model_fields}
    merged.update(changes)
    # Both as it is and as it would become: an officer cannot move an inspection out of reach.
    ensure_may_conduct(db, actor, merged["kind"], merged["inspecting_unit_id"])
    _check(db, merged)
    before = snapshot(inspection)
    for key, value in changes.items():
        setattr(inspection, key, value)
    db.flush()
    record_event(db, actor, "update", inspection, before=before)
    return inspection


def delete_inspection(
    db: Session, actor: Actor, inspection_id: int, expected_version: int | None
) -> None:
    """Its findings go with it; recommendations owed by a unit must be removed first."""
    inspection = get_inspection(db, actor, inspection_id)
    ensure_may_change(db, actor, inspection)
    check_version(inspection.version, expected_version)
    owed = db.scalar(select(func.count()).where(Recommendation.inspection_id == inspection.id))
    if owed:
        raise Conflict(
            f"Cuộc kiểm tra đã có {owed} kiến nghị; hãy xóa kiến nghị hoặc chuyển "
            "cuộc kiểm tra sang trạng thái 'Đã hủy'"
        )
    for finding in db.scalars(select(Finding).where(Finding.inspection_id == inspection.id)):
        _delete_audited(db, actor, finding)
    _delete_audited(db, actor, inspection)


def _delete_audited(db: Session, actor: Actor, record: Inspection | Finding) -> None:
    before = snapshot(record)
    db.delete(record)
    db.flush()
    record_event(db, actor, "delete", record, before=before)


# --- findings ----------------------------------------------------------------------------


def list_findings(
    db: Session,
    actor: Actor,
    inspection_id: int,
    lq: ListQuery,
    *,
    task_group: TaskGroup | None = None,
    severity: FindingSeverity | None = None,
) -> tuple[list[Finding], int]:
    get_inspection(db, actor, inspection_id)
    stmt = apply_search(
        select(Finding).where(Finding.inspection_id == inspection_id), Finding.search_text, lq.q
    )
    if task_group is not None:
        stmt = stmt.where(Finding.task_group == task_group)
    if severity is not None:
        stmt = stmt.where(Finding.severity == severity)
    stmt = order_by_sort(stmt, lq.sort, FINDING_SORTS, "created_at", Finding.id)
    rows, total = fetch_page(db, stmt, lq)
    return list(rows), total


def _changeable_finding(db: Session, actor: Actor, inspection_id: int, finding_id: int) -> Finding:
    """404 unless the finding is the inspection's and the actor sees it; 403 unless they
    may change the inspection."""
    inspection = get_inspection(db, actor, inspection_id)
    finding = db.get(Finding, finding_id)
    if finding is None or finding.inspection_id != inspection_id:
        raise NotFound(f"Không tìm thấy phát hiện #{finding_id} của cuộc kiểm tra #{inspection_id}")
    ensure_may_change(db, actor, inspection)
    return finding


def create_finding(db: Session, actor: Actor, inspection_id: int, data: FindingCreate) -> Finding:
    ensure_may_change(db, actor, get_inspection(db, actor, inspection_id))
    finding = Finding(inspection_id=inspection_id, **data.model_dump())
    db.add(finding)
    db.flush()
    record_event(db, actor, "create", finding)
    return finding


def update_finding(
    db: Session,
    actor: Actor,
    inspection_id: int,
    finding_id: int,
    data: FindingUpdate,
    expected_version: int | None,
) -> Finding:
    finding = _changeable_finding(db, actor, inspection_id, finding_id)
    check_version(finding.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    refuse_nulls(changes, ("task_group", "severity", "description"))
    before = snapshot(finding)
    for key, value in changes.items():
        setattr(finding, key, value)
    db.flush()
    record_event(db, actor, "update", finding, before=before)
    return finding


def delete_finding(
    db: Session, actor: Actor, inspection_id: int, finding_id: int, expected_version: int | None
) -> None:
    finding = _changeable_finding(db, actor, inspection_id, finding_id)
    check_version(finding.version, expected_version)
    cited_by = db.scalars(
        select(Recommendation.id).where(Recommendation.finding_id == finding.id)
    ).all()
    if cited_by:
        numbers = ", ".join(f"#{n}" for n in cited_by)
        raise Conflict(f"Phát hiện đang được kiến nghị {numbers} dẫn chiếu; hãy bỏ dẫn chiếu trước")
    _delete_audited(db, actor, finding)
