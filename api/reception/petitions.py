"""Petitions (đơn thư): records, lists with derived deadlines, and the online portal's replays."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from api.audit.service import record_event, snapshot
from api.auth.policy import Actor, Perm, ensure_readable, ensure_writable, readable
from api.common.dates import province_today
from api.common.listing import ListQuery, apply_search, fetch_page, order_by_sort
from api.common.problems import Conflict, Invalid, NotFound
from api.common.versioning import check_version
from api.db import scalar_defaults
from api.reception.access import may_write, owning_unit, visible_id_number
from api.reception.enums import (
    CaseType,
    PetitionField,
    PetitionSource,
    PetitionStatus,
    ResolutionLevel,
)
from api.reception.models import Petition, PetitionEvent
from api.reception.reference import load_calendar
from api.reception.schemas import (
    PetitionActionIn,
    PetitionCreate,
    PetitionEventRead,
    PetitionRead,
    PetitionUpdate,
    case_flag_errors,
    stored_values,
)
from api.reception.timing import Calendar, petition_timing, store_due_dates
from api.reception.workflow import apply_action, available_actions

SORTS = {
    "received_on": Petition.received_on,
    "created_at": Petition.created_at,
    "status": Petition.status,
    "case_type": Petition.case_type,
    "unit_id": Petition.unit_id,
    "petitioner_name": Petition.petitioner_name,
}
FLAG_FIELDS = (
    "resolution_level",
    "is_complex",
    "is_remote_area",
    "needs_verification",
    "complexity",
)


@dataclass(frozen=True)
class PetitionFilters:
    unit_id: int | None = None
    year: int | None = None
    from_: date | None = None
    to: date | None = None
    case_type: CaseType | None = None
    field: PetitionField | None = None
    source: PetitionSource | None = None
    status: PetitionStatus | None = None
    overdue: bool | None = None


_DERIVED = {"due_on", "overdue", "prolonged", "over_level", "history", "allowed_actions"}


def present(petition: Petition, actor: Actor, calendar: Calendar, today: date) -> PetitionRead:
    """The response: derived deadlines and flags, the id number masked for those who may not
    see it, the actions this caller may take."""
    timing = petition_timing(calendar, petition, today)
    allowed = available_actions(calendar, petition) if may_write(actor, petition.unit_id) else []
    return PetitionRead(
        **stored_values(petition, PetitionRead, _DERIVED)
        | {
            "petitioner_id_number": visible_id_number(
                actor, petition.unit_id, petition.petitioner_id_number
            ),
            "due_on": timing.due_on,
            "overdue": timing.overdue,
            "prolonged": timing.prolonged,
            "over_level": petition.sent_to_level_above,
            "history": [PetitionEventRead.model_validate(e) for e in petition.history],
            "allowed_actions": allowed,
        }
    )


def _with_relations() -> Select[tuple[Petition]]:
    return select(Petition).options(
        selectinload(Petition.history).selectinload(PetitionEvent.actor),
        selectinload(Petition.duplicate_of),
    )


def _filtered(actor: Actor, lq: ListQuery, filters: PetitionFilters) -> Select[tuple[Petition]]:
    stmt = readable(_with_relations(), actor, Perm.receptions_read, Petition.unit_id)
    equal = {
        Petition.unit_id: filters.unit_id,
        Petition.case_type: filters.case_type,
        Petition.field: filters.field,
        Petition.source: filters.source,
        Petition.status: filters.status,
    }
    for column, value in equal.items():
        if value is not None:
            stmt = stmt.where(column == value)
    if filters.year is not None:
        stmt = stmt.where(
            Petition.received_on.between(date(filters.year, 1, 1), date(filters.year, 12, 31))
        )
    if filters.from_ is not None:
        stmt = stmt.where(Petition.received_on >= filters.from_)
    if filters.to is not None:
        stmt = stmt.where(Petition.received_on <= filters.to)
    if filters.overdue is not None:
        # The stored due date is the rule engine's, kept at every change (timing.store_due_dates).
        overdue = Petition.due_on < province_today()
        stmt = stmt.where(overdue if filters.overdue else or_(Petition.due_on.is_(None), ~overdue))
    stmt = apply_search(stmt, Petition.search_text, lq.q)
    return order_by_sort(stmt, lq.sort, SORTS, "-received_on", Petition.id.desc())


def list_petitions(
    db: Session, actor: Actor, lq: ListQuery, filters: PetitionFilters
) -> tuple[list[PetitionRead], int]:
    rows, total = fetch_page(db, _filtered(actor, lq, filters), lq)
    calendar, today = load_calendar(db), province_today()
    return [present(p, actor, calendar, today) for p in rows], total


def petitions_for_export(
    db: Session, actor: Actor, lq: ListQuery, filters: PetitionFilters
) -> list[PetitionRead]:
    """The whole filtered list (not a page), as the screen shows it."""
    calendar, today = load_calendar(db), province_today()
    return [present(p, actor, calendar, today) for p in db.scalars(_filtered(actor, lq, filters))]


def _load(db: Session, petition_id: int) -> Petition:
    petition = db.scalar(_with_relations().where(Petition.id == petition_id))
    if petition is None:
        raise NotFound(f"Không tìm thấy đơn thư #{petition_id}")
    return petition


def get_petition(db: Session, actor: Actor, petition_id: int) -> PetitionRead:
    petition = _load(db, petition_id)
    ensure_readable(actor, Perm.receptions_read, petition.unit_id)
    return present(petition, actor, load_calendar(db), province_today())


def _check_flags(case_type: CaseType, flags: dict[str, Any]) -> None:
    errors = case_flag_errors(case_type, flags)
    if errors:
        raise Invalid(
            "; ".join(message for _, message in errors),
            errors=[{"loc": ["body", n], "msg": m, "type": "value_error"} for n, m in errors],
        )


def _duplicate_of(
    db: Session, petition_id: int | None, duplicate_of_id: int | None
) -> Petition | None:
    if duplicate_of_id is None:
        return None
    original = db.get(Petition, duplicate_of_id)
    if original is None or duplicate_of_id == petition_id:
        raise Invalid.field(["duplicate_of_id"], f"Không tìm thấy đơn thư #{duplicate_of_id}")
    return original


def insert_petition(db: Session, actor: Actor, values: dict[str, Any]) -> Petition:
    """Add a checked petition (also used by receptions); the caller has resolved its unit."""
    case_type = CaseType(values["case_type"])
    _check_flags(case_type, values)
    # Set through the relationship, so `prolonged` can read the original without a lazy load.
    duplicate_of = _duplicate_of(db, None, values.pop("duplicate_of_id", None))
    if case_type is CaseType.complaint and values.get("resolution_level") is None:
        values["resolution_level"] = ResolutionLevel.first  # most complaints are first-level
    petition = Petition(
        **(scalar_defaults(Petition) | values | {"status": PetitionStatus.received}),
        duplicate_of=duplicate_of,
        history=[],
    )
    store_due_dates(load_calendar(db), petition)
    db.add(petition)
    db.flush()
    record_event(db, actor, "create", petition)
    return petition


def _replayed(db: Session, source: PetitionSource, external_id: str | None) -> Petition | None:
    if external_id is None:
        return None
    return db.scalar(
        _with_relations().where(Petition.source == source, Petition.external_id == external_id)
    )


def create_petition(db: Session, actor: Actor, data: PetitionCreate) -> tuple[PetitionRead, bool]:
    """(the petition, created?). A (source, external_id) already stored returns that petition:
    the portal retries until it hears back, and must never create a second one."""
    unit_id = owning_unit(db, actor, data.unit_id, data.unit_code)
    calendar, today = load_calendar(db), province_today()
    existing = _replayed(db, data.source, data.external_id)
    created = existing is None
    if existing is None:
        values = data.model_dump(exclude={"unit_code", "unit_id"}) | {"unit_id": unit_id}
        try:
            with db.begin_nested():
                existing = insert_petition(db, actor, values)
        except IntegrityError:
            # A concurrent replay inserted it between our look-up and our insert.
            existing = _replayed(db, data.source, data.external_id)
            created = False
            if existing is None:
                raise
    if not created:
        _ensure_replay_visible(actor, existing)
    return present(existing, actor, calendar, today), created


def _ensure_replay_visible(actor: Actor, petition: Petition) -> None:
    if may_write(actor, petition.unit_id):
        return
    raise Conflict(
        "Mã đơn (external_id) này đã được dùng cho một đơn thư của đơn vị khác",
        errors=[{"loc": ["body", "external_id"], "msg": "already used", "type": "unique"}],
    )


def update_petition(
    db: Session,
    actor: Actor,
    petition_id: int,
    data: PetitionUpdate,
    expected_version: int | None,
) -> PetitionRead:
    petition = _load(db, petition_id)
    ensure_writable(actor, Perm.receptions_write, Perm.receptions_read, petition.unit_id)
    check_version(petition.version, expected_version)
    calendar = load_calendar(db)  # before any change: its queries would flush one early
    changes = data.model_dump(exclude_unset=True)
    merged = {name: changes.get(name, getattr(petition, name)) for name in FLAG_FIELDS}
    _check_flags(petition.case_type, merged)
    before = snapshot(petition)
    if "duplicate_of_id" in changes:
        petition.duplicate_of = _duplicate_of(db, petition.id, changes.pop("duplicate_of_id"))
    for key, value in changes.items():
        setattr(petition, key, value)
    store_due_dates(calendar, petition)
    db.flush()
    record_event(db, actor, "update", petition, before=before)
    return present(petition, actor, calendar, province_today())


def delete_petition(
    db: Session, actor: Actor, petition_id: int, expected_version: int | None
) -> None:
    """Only a petition nothing has been done with yet (entered by mistake) can be deleted."""
    petition = _load(db, petition_id)
    ensure_writable(actor, Perm.receptions_write, Perm.receptions_read, petition.unit_id)
    check_version(petition.version, expected_version)
    if petition.history:
        raise Conflict("Đơn thư đã được xử lý; không thể xóa, hãy dùng thao tác rút đơn/kết thúc")
    before = snapshot(petition)
    try:
        with db.begin_nested():
            db.delete(petition)
            db.flush()
    except IntegrityError as exc:
        raise Conflict("Đơn thư khác đang ghi là trùng với đơn này; không thể xóa") from exc
    record_event(db, actor, "delete", petition, before=before)


def act_on_petition(
    db: Session,
    actor: Actor,
    petition_id: int,
    body: PetitionActionIn,
    expected_version: int | None,
) -> PetitionRead:
    petition = _load(db, petition_id)
    calendar = load_calendar(db)
    apply_action(db, actor, petition, body, calendar, expected_version)
    return present(petition, actor, calendar, province_today())
