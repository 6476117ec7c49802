"""The roster of officials in charge of mass-mobilisation work in each unit (CT5)."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, not_, select
from sqlalchemy.orm import Session, selectinload

from api.activities.enums import ActivityKind
from api.activities.models import Activity, Official, TrainingAttendance
from api.activities.schemas import (
    OfficialCreate,
    OfficialDetail,
    OfficialRead,
    OfficialUpdate,
    TrainingAttended,
)
from api.audit.service import record_event, snapshot
from api.auth.policy import Actor, Perm, ensure_readable, ensure_writable, readable
from api.common.dates import province_today, year_bounds
from api.common.deletion import delete_unless_referenced
from api.common.listing import ListQuery, apply_search, fetch_page, order_by_sort
from api.common.problems import Invalid, NotFound
from api.common.versioning import check_version
from api.units.ownership import owning_unit

SORTS = {
    "full_name": Official.full_name,
    "position": Official.position,
    "since": Official.since,
    "created_at": Official.created_at,
}


@dataclass(frozen=True)
class OfficialFilters:
    unit_id: int | None = None
    is_active: bool | None = None
    trained_in: int | None = None  # a year
    not_trained_in: int | None = None  # a year: who still needs training (CT5)


def _attended_training_in(year: int) -> ColumnElement[bool]:
    first, last = year_bounds(year)
    return exists().where(
        TrainingAttendance.official_id == Official.id,
        TrainingAttendance.activity_id == Activity.id,
        Activity.kind == ActivityKind.training,
        Activity.held_on.between(first, last),
    )


def _officials_query(actor: Actor, q: str | None, filters: OfficialFilters) -> Select[Any]:
    stmt = readable(select(Official), actor, Perm.activities_read, Official.unit_id)
    stmt = apply_search(stmt, Official.search_text, q)
    if filters.unit_id is not None:
        stmt = stmt.where(Official.unit_id == filters.unit_id)
    if filters.is_active is not None:
        stmt = stmt.where(Official.is_active == filters.is_active)
    if filters.trained_in is not None:
        stmt = stmt.where(_attended_training_in(filters.trained_in))
    if filters.not_trained_in is not None:
        stmt = stmt.where(not_(_attended_training_in(filters.not_trained_in)))
    return stmt


def list_officials(
    db: Session, actor: Actor, lq: ListQuery, filters: OfficialFilters
) -> tuple[list[Official], int]:
    stmt = _officials_query(actor, lq.q, filters)
    rows, total = fetch_page(db, order_by_sort(stmt, lq.sort, SORTS, "full_name", Official.id), lq)
    return list(rows), total


def export_officials(
    db: Session, actor: Actor, lq: ListQuery, filters: OfficialFilters
) -> list[Official]:
    stmt = _officials_query(actor, lq.q, filters).options(selectinload(Official.unit))
    return list(db.scalars(order_by_sort(stmt, lq.sort, SORTS, "full_name", Official.id)))


def get_official(db: Session, actor: Actor, official_id: int) -> Official:
    official = db.get(Official, official_id)
    if official is None:
        raise NotFound(f"Không tìm thấy cán bộ #{official_id}")
    ensure_readable(actor, Perm.activities_read, official.unit_id)
    return official


def _writable_official(db: Session, actor: Actor, official_id: int) -> Official:
    official = get_official(db, actor, official_id)
    ensure_writable(actor, Perm.activities_write, Perm.activities_read, official.unit_id)
    return official


def official_detail(
    db: Session, actor: Actor, official_id: int, year: int | None
) -> OfficialDetail:
    """The official with the trainings they attended in `year` (this year by default)."""
    official = get_official(db, actor, official_id)
    year = year or province_today().year
    first, last = year_bounds(year)
    trainings = db.scalars(
        select(Activity)
        .join(TrainingAttendance, TrainingAttendance.activity_id == Activity.id)
        .where(
            TrainingAttendance.official_id == official.id,
            Activity.kind == ActivityKind.training,
            Activity.held_on.between(first, last),
        )
        .order_by(Activity.held_on, Activity.id)
    ).all()
    return OfficialDetail(
        **OfficialRead.model_validate(official).model_dump(),
        year=year,
        trainings=[TrainingAttended.model_validate(t) for t in trainings],
    )


def _check_term(official: Official) -> None:
    if official.since and official.until and official.until < official.since:
        raise Invalid.field(["until"], "Ngày thôi phụ trách không được trước ngày bắt đầu")


def create_official(db: Session, actor: Actor, data: OfficialCreate) -> Official:
    unit_id = owning_unit(db, actor, Perm.activities_write, data.unit_id)
    official = Official(**data.model_dump(exclude={"unit_id"}), unit_id=unit_id)
    _check_term(official)
    db.add(official)
    db.flush()
    record_event(db, actor, "create", official)
    return official


def update_official(
    db: Session,
    actor: Actor,
    official_id: int,
    data: OfficialUpdate,
    expected_version: int | None,
) -> Official:
    official = _writable_official(db, actor, official_id)
    check_version(official.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    if "unit_id" in changes and changes["unit_id"] != official.unit_id:
        owning_unit(db, actor, Perm.activities_write, changes["unit_id"])
    before = snapshot(official)
    for key, value in changes.items():
        setattr(official, key, value)
    _check_term(official)
    db.flush()
    record_event(db, actor, "update", official, before=before)
    return official


def delete_official(
    db: Session, actor: Actor, official_id: int, expected_version: int | None
) -> None:
    """Only an official with no training record can go; others are deactivated (409)."""
    official = _writable_official(db, actor, official_id)
    check_version(official.version, expected_version)
    before = snapshot(official)
    delete_unless_referenced(
        db,
        official,
        f"Cán bộ '{official.full_name}' đã có dữ liệu tập huấn; "
        "hãy đánh dấu thôi phụ trách (is_active=false) thay vì xóa",
    )
    record_event(db, actor, "delete", official, before=before)
