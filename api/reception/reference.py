"""The holiday calendar and the statutory time-limit rules: tables an admin edits, seeded from
the data files shipped with `deadlines`."""

import datetime as dt
import json
from typing import Any

from sqlalchemy import Select, bindparam, extract, or_, select, text, update
from sqlalchemy.orm import Session, selectinload

from api.audit.service import record_event, snapshot
from api.auth.policy import Actor, Perm, require
from api.common.listing import ListQuery, fetch_page, order_by_sort
from api.common.problems import Conflict, Invalid, NotFound
from api.common.text import nfc
from api.common.versioning import check_version
from api.reception import deadlines
from api.reception.deadlines import CountMode, TimeLimitRule
from api.reception.enums import PetitionAction
from api.reception.models import Holiday, Petition, PetitionEvent, TimeLimitRuleRecord
from api.reception.reference_schemas import (
    HolidayCreate,
    HolidayUpdate,
    TimeLimitRuleCreate,
    TimeLimitRuleUpdate,
)
from api.reception.timing import Calendar, current_due_on, resolution_limit

HOLIDAY_SORTS = {"date": Holiday.date, "name": Holiday.name}
RULE_SORTS = {
    "step": TimeLimitRuleRecord.step,
    "case_type": TimeLimitRuleRecord.case_type,
    "effective_from": TimeLimitRuleRecord.effective_from,
}


def load_calendar(db: Session) -> Calendar:
    """Every rule and holiday in two queries: load once per request, never per petition."""
    rules = tuple(as_rule(record) for record in db.scalars(select(TimeLimitRuleRecord)))
    holidays = frozenset(db.scalars(select(Holiday.date)))
    return Calendar(rules=rules, holidays=holidays)


REFRESH_CHUNK = 2000
CLOCK_ACTIONS = (PetitionAction.suspend, PetitionAction.resume)


def refresh_due_dates(db: Session, since: dt.date | None = None) -> int:
    """Recompute the stored due dates of the petitions that a change of the rules or holidays
    from `since` on can move (every petition when None); returns how many changed.

    A holiday on day D moves only a limit whose count reaches D, and a rule in force from D
    applies only to petitions received from D. The rows are updated without a new `version`:
    a due date is derived, and an officer's open form must not turn stale because an admin
    corrected the calendar.
    """
    calendar = load_calendar(db)
    ids_stmt = select(Petition.id).order_by(Petition.id)
    if since is not None:
        ids_stmt = ids_stmt.where(
            or_(
                Petition.received_on >= since,
                Petition.due_on >= since,
                Petition.resolution_due_on >= since,
            )
        )
    ids = list(db.scalars(ids_stmt))
    changed = 0
    for start in range(0, len(ids), REFRESH_CHUNK):
        chunk = ids[start : start + REFRESH_CHUNK]
        # Only suspensions move a due date; the rest of the history need not be loaded.
        clock_events = Petition.history.and_(PetitionEvent.action.in_(CLOCK_ACTIONS))
        petitions = db.scalars(
            select(Petition).options(selectinload(clock_events)).where(Petition.id.in_(chunk))
        ).all()
        rows = []
        for petition in petitions:
            due_on = current_due_on(calendar, petition)
            resolution_due_on = resolution_limit(calendar, petition)
            if (due_on, resolution_due_on) != (petition.due_on, petition.resolution_due_on):
                rows.append({"pid": petition.id, "due": due_on, "limit": resolution_due_on})
        if rows:
            table = Petition.__table__
            db.execute(
                update(table)
                .where(table.c.id == bindparam("pid"))
                .values(
                    due_on=bindparam("due"),
                    resolution_due_on=bindparam("limit"),
                    updated_at=table.c.updated_at,  # derived data: the record is as it was
                ),
                rows,
            )
            changed += len(rows)
        for petition in petitions:
            db.expunge(petition)  # the next read loads the new dates
    return changed


RULE_FIELDS = (
    "step",
    "case_type",
    "level",
    "variant",
    "days",
    "count",
    "extension_days",
    "max_extensions",
    "effective_from",
    "effective_to",
    "source",
    "note",
)


def rule_values(record: TimeLimitRuleRecord) -> dict[str, Any]:
    return {name: getattr(record, name) for name in RULE_FIELDS}


def as_rule(values: TimeLimitRuleRecord | dict[str, Any]) -> TimeLimitRule:
    """The engine's rule for a row (or for a row's would-be values); ValueError if nonsense."""
    if isinstance(values, TimeLimitRuleRecord):
        values = rule_values(values)
    return TimeLimitRule(
        **values | {"count": CountMode(values["count"]), "note": values["note"] or ""}
    )


# --- holidays --------------------------------------------------------------------------------


def list_holidays(
    db: Session, actor: Actor, lq: ListQuery, *, year: int | None = None
) -> tuple[list[Holiday], int]:
    stmt: Select[Any] = select(Holiday)
    if year is not None:
        stmt = stmt.where(extract("year", Holiday.date) == year)
    stmt = order_by_sort(stmt, lq.sort, HOLIDAY_SORTS, "date", Holiday.id)
    rows, total = fetch_page(db, stmt, lq)
    return list(rows), total


def get_holiday(db: Session, actor: Actor, holiday_id: int) -> Holiday:
    holiday = db.get(Holiday, holiday_id)
    if holiday is None:
        raise NotFound(f"Không tìm thấy ngày nghỉ #{holiday_id}")
    return holiday


def _check_holiday_date_free(db: Session, day: dt.date, holiday_id: int | None) -> None:
    clash = db.scalar(select(Holiday).where(Holiday.date == day, Holiday.id != (holiday_id or 0)))
    if clash is not None:
        raise Conflict(
            f"Ngày {day:%d/%m/%Y} đã có trong lịch nghỉ: {clash.name}",
            errors=[{"loc": ["body", "date"], "msg": "already listed", "type": "unique"}],
        )


def create_holiday(db: Session, actor: Actor, data: HolidayCreate) -> Holiday:
    require(actor, Perm.reference_write)
    _check_holiday_date_free(db, data.date, None)
    holiday = Holiday(**data.model_dump())
    db.add(holiday)
    db.flush()
    refresh_due_dates(db, since=holiday.date)
    record_event(db, actor, "create", holiday)
    return holiday


def update_holiday(
    db: Session, actor: Actor, holiday_id: int, data: HolidayUpdate, expected_version: int | None
) -> Holiday:
    require(actor, Perm.reference_write)
    holiday = get_holiday(db, actor, holiday_id)
    check_version(holiday.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    if "date" in changes:
        _check_holiday_date_free(db, changes["date"], holiday.id)
    before, old_date = snapshot(holiday), holiday.date
    for key, value in changes.items():
        setattr(holiday, key, value)
    db.flush()
    refresh_due_dates(db, since=min(old_date, holiday.date))
    record_event(db, actor, "update", holiday, before=before)
    return holiday


def delete_holiday(
    db: Session, actor: Actor, holiday_id: int, expected_version: int | None
) -> None:
    require(actor, Perm.reference_write)
    holiday = get_holiday(db, actor, holiday_id)
    check_version(holiday.version, expected_version)
    before = snapshot(holiday)
    db.delete(holiday)
    db.flush()
    refresh_due_dates(db, since=holiday.date)
    record_event(db, actor, "delete", holiday, before=before)


# --- time-limit rules ------------------------------------------------------------------------


def list_rules(
    db: Session,
    actor: Actor,
    lq: ListQuery,
    *,
    step: str | None = None,
    case_type: str | None = None,
    in_force_on: dt.date | None = None,
) -> tuple[list[TimeLimitRuleRecord], int]:
    stmt: Select[Any] = select(TimeLimitRuleRecord)
    if step is not None:
        stmt = stmt.where(TimeLimitRuleRecord.step == step)
    if case_type is not None:
        stmt = stmt.where(TimeLimitRuleRecord.case_type == case_type)
    if in_force_on is not None:
        stmt = stmt.where(
            TimeLimitRuleRecord.effective_from <= in_force_on,
            (TimeLimitRuleRecord.effective_to.is_(None))
            | (TimeLimitRuleRecord.effective_to > in_force_on),
        )
    order = "step,case_type,effective_from"
    stmt = order_by_sort(stmt, lq.sort, RULE_SORTS, order, TimeLimitRuleRecord.id)
    rows, total = fetch_page(db, stmt, lq)
    return list(rows), total


def get_rule(db: Session, actor: Actor, rule_id: int) -> TimeLimitRuleRecord:
    record = db.get(TimeLimitRuleRecord, rule_id)
    if record is None:
        raise NotFound(f"Không tìm thấy quy định thời hạn #{rule_id}")
    return record


def _checked_rule(db: Session, values: dict[str, Any], rule_id: int | None) -> None:
    """422 for a rule the engine refuses, 409 when its effective range overlaps another rule
    of the same key."""
    try:
        rule = as_rule(values)
    except ValueError as exc:
        raise Invalid(f"Quy định thời hạn không hợp lệ: {exc}") from exc
    # Serialise rule writes so two admins cannot insert overlapping ranges at the same time.
    db.execute(text("LOCK TABLE time_limit_rules IN SHARE ROW EXCLUSIVE MODE"))
    same_key = db.scalars(
        select(TimeLimitRuleRecord).where(
            TimeLimitRuleRecord.step == rule.step,
            TimeLimitRuleRecord.case_type.is_(None)
            if rule.case_type is None
            else TimeLimitRuleRecord.case_type == rule.case_type,
            TimeLimitRuleRecord.level.is_(None)
            if rule.level is None
            else TimeLimitRuleRecord.level == rule.level,
            TimeLimitRuleRecord.variant == rule.variant,
            TimeLimitRuleRecord.id != (rule_id or 0),
        )
    )
    try:
        deadlines.validate_rules([rule, *(as_rule(other) for other in same_key)])
    except ValueError as exc:
        raise Conflict(
            "Khoảng thời gian hiệu lực trùng với một quy định khác cùng bước, loại đơn, cấp và "
            "trường hợp; hãy kết thúc quy định cũ (effective_to) trước",
            errors=[{"loc": ["body", "effective_from"], "msg": str(exc), "type": "overlap"}],
        ) from exc


def create_rule(db: Session, actor: Actor, data: TimeLimitRuleCreate) -> TimeLimitRuleRecord:
    require(actor, Perm.reference_write)
    values = data.model_dump()
    _checked_rule(db, values, None)
    record = TimeLimitRuleRecord(**values)
    db.add(record)
    db.flush()
    refresh_due_dates(db, since=record.effective_from)
    record_event(db, actor, "create", record)
    return record


def update_rule(
    db: Session,
    actor: Actor,
    rule_id: int,
    data: TimeLimitRuleUpdate,
    expected_version: int | None,
) -> TimeLimitRuleRecord:
    require(actor, Perm.reference_write)
    record = get_rule(db, actor, rule_id)
    check_version(record.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    _checked_rule(db, rule_values(record) | changes, record.id)
    before, old_from = snapshot(record), record.effective_from
    for key, value in changes.items():
        setattr(record, key, value)
    db.flush()
    refresh_due_dates(db, since=min(old_from, record.effective_from))
    record_event(db, actor, "update", record, before=before)
    return record


# --- seed ------------------------------------------------------------------------------------


def seed_reference_data(db: Session) -> tuple[int, int]:
    """Add the shipped rules and holidays that are not in the tables yet; rows an admin has
    edited are left alone. Returns (rules added, holidays added)."""
    existing_rules = {
        (*as_rule(r).key, r.effective_from) for r in db.scalars(select(TimeLimitRuleRecord))
    }
    rules_added = 0
    for rule in deadlines.load_rules():
        if (*rule.key, rule.effective_from) in existing_rules:
            continue
        db.add(TimeLimitRuleRecord(**{name: getattr(rule, name) for name in RULE_FIELDS}))
        rules_added += 1
    existing_days = set(db.scalars(select(Holiday.date)))
    holidays_added = 0
    notes = _shipped_holiday_notes()
    for day, name in deadlines.load_holidays():
        if day not in existing_days:
            db.add(Holiday(date=day, name=name, note=notes.get(day, "")))
            holidays_added += 1
    db.flush()
    return rules_added, holidays_added


def _shipped_holiday_notes() -> dict[dt.date, str]:
    # load_holidays() has checked the file; it returns (date, name) only, the table keeps notes.
    items = json.loads(deadlines.HOLIDAYS_FILE.read_text(encoding="utf-8"))
    return {dt.date.fromisoformat(item["date"]): nfc(item.get("note", "")) for item in items}
