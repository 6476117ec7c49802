"""A unit's activities, and who attended its trainings (CT5)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, exists, func, select
from sqlalchemy.orm import Session, selectinload

from api.activities.enums import ActivityKind
from api.activities.models import Activity, Official, TrainingAttendance
from api.activities.schemas import (
    ActivityCreate,
    ActivityUpdate,
    AttendanceRead,
    AttendeesUpdate,
    OfficialRead,
)
from api.audit.service import record_event, snapshot
from api.auth.policy import Actor, Perm, ensure_readable, ensure_writable, readable
from api.common.dates import year_bounds
from api.common.listing import ListQuery, apply_search, fetch_page, order_by_sort
from api.common.problems import Conflict, Invalid, NotFound
from api.common.task_groups import TaskGroup
from api.common.versioning import check_version
from api.plans.models import Plan
from api.units.ownership import owning_unit

SORTS = {
    "held_on": Activity.held_on,
    "title": Activity.title,
    "kind": Activity.kind,
    "participants": Activity.participants,
    "created_at": Activity.created_at,
}


@dataclass(frozen=True)
class ActivityFilters:
    unit_id: int | None = None
    year: int | None = None
    from_: date | None = None
    to: date | None = None
    kind: Sequence[ActivityKind] = ()
    task_group: TaskGroup | None = None
    plan_id: int | None = None


def check_period(from_: date | None, to: date | None) -> None:
    if from_ is not None and to is not None and to < from_:
        msg = "Ngày kết thúc không được trước ngày bắt đầu"
        raise Invalid(msg, errors=[{"loc": ["query", "to"], "msg": msg, "type": "value_error"}])


def _activities_query(actor: Actor, q: str | None, filters: ActivityFilters) -> Select[Any]:
    check_period(filters.from_, filters.to)
    stmt = readable(select(Activity), actor, Perm.activities_read, Activity.unit_id)
    stmt = apply_search(stmt, Activity.search_text, q)
    if filters.year is not None:
        first, last = year_bounds(filters.year)
        stmt = stmt.where(Activity.held_on.between(first, last))
    equal_to = {
        Activity.unit_id: filters.unit_id,
        Activity.task_group: filters.task_group,
        Activity.plan_id: filters.plan_id,
    }
    for column, value in equal_to.items():
        if value is not None:
            stmt = stmt.where(column == value)
    if filters.from_ is not None:
        stmt = stmt.where(Activity.held_on >= filters.from_)
    if filters.to is not None:
        stmt = stmt.where(Activity.held_on <= filters.to)
    if filters.kind:
        stmt = stmt.where(Activity.kind.in_(filters.kind))
    return stmt


def list_activities(
    db: Session, actor: Actor, lq: ListQuery, filters: ActivityFilters
) -> tuple[list[Activity], int]:
    stmt = _activities_query(actor, lq.q, filters)
    rows, total = fetch_page(db, order_by_sort(stmt, lq.sort, SORTS, "-held_on", Activity.id), lq)
    return list(rows), total


def export_activities(
    db: Session, actor: Actor, lq: ListQuery, filters: ActivityFilters
) -> list[Activity]:
    """The whole filtered list, for CSV."""
    stmt = _activities_query(actor, lq.q, filters).options(selectinload(Activity.unit))
    return list(db.scalars(order_by_sort(stmt, lq.sort, SORTS, "-held_on", Activity.id)))


def get_activity(db: Session, actor: Actor, activity_id: int) -> Activity:
    activity = db.get(Activity, activity_id)
    if activity is None:
        raise NotFound(f"Không tìm thấy hoạt động #{activity_id}")
    ensure_readable(actor, Perm.activities_read, activity.unit_id)
    return activity


def _writable_activity(db: Session, actor: Actor, activity_id: int) -> Activity:
    activity = get_activity(db, actor, activity_id)
    ensure_writable(actor, Perm.activities_write, Perm.activities_read, activity.unit_id)
    return activity


def _check_rating(activity: Activity) -> None:
    """A model self-assessment is rated; no other kind of activity is."""
    assessed = activity.kind is ActivityKind.model_assessment
    if assessed and activity.rating is None:
        raise Invalid.field(["rating"], "Tự đánh giá mô hình phải có kết quả xếp loại", "missing")
    if not assessed and activity.rating is not None:
        raise Invalid.field(["rating"], "Chỉ tự đánh giá mô hình mới có kết quả xếp loại")


def _check_plan(db: Session, activity: Activity) -> None:
    if activity.plan_id is None:
        return
    with db.no_autoflush:  # an unflushed unknown plan_id would fail its foreign key first
        plan_unit = db.scalar(select(Plan.unit_id).where(Plan.id == activity.plan_id))
    if plan_unit is None:
        raise Invalid.field(["plan_id"], f"Không tìm thấy kế hoạch #{activity.plan_id}")
    if plan_unit != activity.unit_id:
        raise Invalid.field(["plan_id"], "Kế hoạch phải là kế hoạch của cùng đơn vị")


def create_activity(db: Session, actor: Actor, data: ActivityCreate) -> Activity:
    unit_id = owning_unit(db, actor, Perm.activities_write, data.unit_id)
    activity = Activity(**data.model_dump(exclude={"unit_id"}), unit_id=unit_id)
    _check_rating(activity)
    _check_plan(db, activity)
    db.add(activity)
    db.flush()
    record_event(db, actor, "create", activity)
    return activity


def _has_attendees(db: Session, activity_id: int) -> bool:
    return bool(db.scalar(select(exists().where(TrainingAttendance.activity_id == activity_id))))


def update_activity(
    db: Session,
    actor: Actor,
    activity_id: int,
    data: ActivityUpdate,
    expected_version: int | None,
) -> Activity:
    activity = _writable_activity(db, actor, activity_id)
    check_version(activity.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    if "unit_id" in changes and changes["unit_id"] != activity.unit_id:
        owning_unit(db, actor, Perm.activities_write, changes["unit_id"])
    leaves_training = changes.get("kind", activity.kind) is not ActivityKind.training
    if leaves_training and _has_attendees(db, activity.id):
        raise Conflict(
            "Lớp tập huấn đã có danh sách cán bộ dự; hãy xóa danh sách trước khi đổi loại"
        )
    before = snapshot(activity)
    for key, value in changes.items():
        setattr(activity, key, value)
    _check_rating(activity)
    _check_plan(db, activity)
    db.flush()
    record_event(db, actor, "update", activity, before=before)
    return activity


def delete_activity(
    db: Session, actor: Actor, activity_id: int, expected_version: int | None
) -> None:
    """The attendance of a training goes with it; the audit event keeps who attended."""
    activity = _writable_activity(db, actor, activity_id)
    check_version(activity.version, expected_version)
    attendees = db.scalars(
        select(TrainingAttendance.official_id).where(TrainingAttendance.activity_id == activity.id)
    ).all()
    before = snapshot(activity) | {"official_ids": sorted(attendees)}
    db.delete(activity)
    db.flush()
    record_event(db, actor, "delete", activity, before=before)


# --- training attendance -------------------------------------------------------------


def _attendance_of(db: Session, activity_id: int) -> list[TrainingAttendance]:
    return list(
        db.scalars(
            select(TrainingAttendance)
            .where(TrainingAttendance.activity_id == activity_id)
            .options(selectinload(TrainingAttendance.official))
        )
    )


def _attendance_view(activity: Activity, attendance: list[TrainingAttendance]) -> AttendanceRead:
    officials = sorted((a.official for a in attendance), key=lambda o: (o.full_name, o.id))
    return AttendanceRead(
        activity_id=activity.id,
        version=activity.version,
        officials=[OfficialRead.model_validate(o) for o in officials],
    )


def get_attendance(db: Session, actor: Actor, activity_id: int) -> AttendanceRead:
    activity = get_activity(db, actor, activity_id)
    return _attendance_view(activity, _attendance_of(db, activity.id))


def _roster_for(db: Session, official_ids: list[int], held_on: date) -> list[Official]:
    """The officials named, each of whom must have been in charge on the training day."""
    found = {o.id: o for o in db.scalars(select(Official).where(Official.id.in_(official_ids)))}
    errors = []
    for index, official_id in enumerate(official_ids):
        official = found.get(official_id)
        if official is None:
            msg = f"Không tìm thấy cán bộ #{official_id}"
        elif not official.in_charge_on(held_on):
            msg = f"Cán bộ '{official.full_name}' không phụ trách dân vận vào ngày tập huấn"
        else:
            continue
        errors.append({"loc": ["body", "official_ids", index], "msg": msg, "type": "value_error"})
    if errors:
        raise Invalid(errors[0]["msg"], errors=errors)
    return [found[i] for i in official_ids]


def set_attendees(
    db: Session,
    actor: Actor,
    activity_id: int,
    data: AttendeesUpdate,
    expected_version: int | None,
) -> AttendanceRead:
    """Replace the list of officials who attended a training. The officials may belong to
    any unit (a provincial training trains many units' officials); the activity's version
    moves when the list changes."""
    activity = _writable_activity(db, actor, activity_id)
    check_version(activity.version, expected_version)
    if activity.kind is not ActivityKind.training:
        raise Conflict("Chỉ hoạt động tập huấn, bồi dưỡng mới có danh sách cán bộ dự")
    wanted = {o.id for o in _roster_for(db, data.official_ids, activity.held_on)}
    current = {a.official_id: a for a in _attendance_of(db, activity.id)}
    for official_id in current.keys() - wanted:
        link = current[official_id]
        before = snapshot(link)
        db.delete(link)
        record_event(db, actor, "delete", link, before=before)
    for official_id in sorted(wanted - current.keys()):
        link = TrainingAttendance(activity_id=activity.id, official_id=official_id)
        db.add(link)
        db.flush()
        record_event(db, actor, "create", link)
    if wanted != current.keys():
        activity.updated_at = func.now()  # the UPDATE moves the version: the ETag changes
        db.flush()
        db.refresh(activity)
    return _attendance_view(activity, _attendance_of(db, activity.id))
