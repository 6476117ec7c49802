"""Citizen receptions (tiếp công dân), and the petition a reception produces."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from api.audit.service import record_event, snapshot
from api.auth.policy import (
    Actor,
    Perm,
    ensure_readable,
    ensure_writable,
    readable,
)
from api.common.listing import ListQuery, apply_search, fetch_page, order_by_sort
from api.common.problems import Conflict, NotFound
from api.common.versioning import check_version
from api.config import PROVINCE_TZ
from api.reception.access import owning_unit, visible_id_number
from api.reception.enums import (
    CROWD_SIZE,
    CaseType,
    PetitionField,
    PetitionSource,
    ReceptionResult,
    SessionType,
)
from api.reception.models import Reception
from api.reception.petitions import insert_petition
from api.reception.reference import load_calendar
from api.reception.schemas import (
    ReceptionCreate,
    ReceptionRead,
    ReceptionUpdate,
    stored_values,
)
from api.reception.timing import Calendar, reception_reply_rule

SORTS = {
    "received_at": Reception.received_at,
    "created_at": Reception.created_at,
    "unit_id": Reception.unit_id,
    "citizen_name": Reception.citizen_name,
    "group_size": Reception.group_size,
}


@dataclass(frozen=True)
class ReceptionFilters:
    unit_id: int | None = None
    year: int | None = None
    from_: date | None = None
    to: date | None = None
    session_type: SessionType | None = None
    head_in_person: bool | None = None
    case_type: CaseType | None = None
    field: PetitionField | None = None
    result: ReceptionResult | None = None
    is_crowd: bool | None = None


def received_on(reception: Reception) -> date:
    return reception.received_at.astimezone(PROVINCE_TZ).date()


def _start_of_day(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=PROVINCE_TZ)


def present(reception: Reception, actor: Actor, calendar: Calendar) -> ReceptionRead:
    rule = reception_reply_rule(calendar, received_on(reception))
    return ReceptionRead(
        **stored_values(reception, ReceptionRead, {"is_crowd", "reply_due_on"})
        | {
            "citizen_id_number": visible_id_number(
                actor, reception.unit_id, reception.citizen_id_number
            ),
            "is_crowd": reception.group_size >= CROWD_SIZE,
            "reply_due_on": None
            if rule is None
            else calendar.due_date(received_on(reception), rule),
        }
    )


def _filtered(actor: Actor, lq: ListQuery, filters: ReceptionFilters) -> Select[Any]:
    stmt = readable(select(Reception), actor, Perm.receptions_read, Reception.unit_id)
    equal = {
        Reception.unit_id: filters.unit_id,
        Reception.session_type: filters.session_type,
        Reception.head_in_person: filters.head_in_person,
        Reception.case_type: filters.case_type,
        Reception.field: filters.field,
        Reception.result: filters.result,
    }
    for column, value in equal.items():
        if value is not None:
            stmt = stmt.where(column == value)
    if filters.year is not None:
        stmt = stmt.where(
            Reception.received_at >= _start_of_day(date(filters.year, 1, 1)),
            Reception.received_at < _start_of_day(date(filters.year + 1, 1, 1)),
        )
    if filters.from_ is not None:
        stmt = stmt.where(Reception.received_at >= _start_of_day(filters.from_))
    if filters.to is not None:
        stmt = stmt.where(Reception.received_at < _start_of_day(filters.to + timedelta(days=1)))
    if filters.is_crowd is not None:
        crowd = Reception.group_size >= CROWD_SIZE
        stmt = stmt.where(crowd if filters.is_crowd else ~crowd)
    stmt = apply_search(stmt, Reception.search_text, lq.q)
    return order_by_sort(stmt, lq.sort, SORTS, "-received_at", Reception.id.desc())


def list_receptions(
    db: Session, actor: Actor, lq: ListQuery, filters: ReceptionFilters
) -> tuple[list[ReceptionRead], int]:
    rows, total = fetch_page(db, _filtered(actor, lq, filters), lq)
    calendar = load_calendar(db)
    return [present(r, actor, calendar) for r in rows], total


def receptions_for_export(
    db: Session, actor: Actor, lq: ListQuery, filters: ReceptionFilters
) -> list[ReceptionRead]:
    calendar = load_calendar(db)
    return [present(r, actor, calendar) for r in db.scalars(_filtered(actor, lq, filters))]


def _load(db: Session, reception_id: int) -> Reception:
    reception = db.get(Reception, reception_id)
    if reception is None:
        raise NotFound(f"Không tìm thấy buổi tiếp công dân #{reception_id}")
    return reception


def get_reception(db: Session, actor: Actor, reception_id: int) -> ReceptionRead:
    reception = _load(db, reception_id)
    ensure_readable(actor, Perm.receptions_read, reception.unit_id)
    return present(reception, actor, load_calendar(db))


def create_reception(db: Session, actor: Actor, data: ReceptionCreate) -> ReceptionRead:
    unit_id = owning_unit(db, actor, data.unit_id, None)
    reception = Reception(**data.model_dump(exclude={"unit_id", "create_petition"}))
    reception.unit_id = unit_id
    db.add(reception)
    db.flush()
    record_event(db, actor, "create", reception)
    if data.create_petition:
        _file_petition(db, actor, reception)
    return present(reception, actor, load_calendar(db))


def file_petition(db: Session, actor: Actor, reception_id: int) -> ReceptionRead:
    """Create the petition a reception produced (source `reception`) and link it."""
    reception = _load(db, reception_id)
    ensure_writable(actor, Perm.receptions_write, Perm.receptions_read, reception.unit_id)
    if reception.petition_id is not None:
        raise Conflict(f"Buổi tiếp này đã có đơn thư #{reception.petition_id}")
    _file_petition(db, actor, reception)
    return present(reception, actor, load_calendar(db))


def _file_petition(db: Session, actor: Actor, reception: Reception) -> None:
    before = snapshot(reception)
    petition = insert_petition(
        db,
        actor,
        {
            "unit_id": reception.unit_id,
            "source": PetitionSource.reception,
            "case_type": reception.case_type,
            "field": reception.field,
            "received_on": received_on(reception),
            "petitioner_name": reception.citizen_name,
            "petitioner_id_number": reception.citizen_id_number,
            "petitioner_address": reception.citizen_address,
            "summary": reception.content,
        },
    )
    reception.petition_id = petition.id
    reception.result = ReceptionResult.petition_received
    db.flush()
    record_event(db, actor, "update", reception, before=before)


def update_reception(
    db: Session,
    actor: Actor,
    reception_id: int,
    data: ReceptionUpdate,
    expected_version: int | None,
) -> ReceptionRead:
    reception = _load(db, reception_id)
    ensure_writable(actor, Perm.receptions_write, Perm.receptions_read, reception.unit_id)
    check_version(reception.version, expected_version)
    before = snapshot(reception)
    for key, value in data.model_dump(exclude_unset=True).items():
        setattr(reception, key, value)
    db.flush()
    record_event(db, actor, "update", reception, before=before)
    return present(reception, actor, load_calendar(db))


def delete_reception(
    db: Session, actor: Actor, reception_id: int, expected_version: int | None
) -> None:
    """The petition it produced, if any, stays: it has a life of its own."""
    reception = _load(db, reception_id)
    ensure_writable(actor, Perm.receptions_write, Perm.receptions_read, reception.unit_id)
    check_version(reception.version, expected_version)
    before = snapshot(reception)
    db.delete(reception)
    db.flush()
    record_event(db, actor, "delete", reception, before=before)
