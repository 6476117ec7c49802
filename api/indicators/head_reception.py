"""Heads of units who did not receive citizens in person as often as the law asks (Law on
Citizen Reception 2013, art. 18; DESIGN section 6), month by month, for the dashboard.

The chair of a commune's or ward's People's Committee at least one day in each week — a week
belongs to the month of its Thursday (ISO 8601) and is judged once it is over; a department head
and the province's chair one day in each month, judged once the month is over. Weeks before a
unit's `established_on` are not counted.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Date, Integer, Select, cast, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from api.auth.policy import Perm
from api.common.dates import year_bounds
from api.config import PROVINCE_TZ
from api.indicators.enums import HeadReceptionRule
from api.reception.models import Reception
from api.units.enums import LOCAL_KINDS, UnitKind
from api.units.models import Unit

WEEKLY_KINDS = LOCAL_KINDS
MONTHLY_KINDS = frozenset({UnitKind.department, UnitKind.province})

# Narrows a query to the unit asked for and to what the actor may read (dashboard._Scope).
Scope = Callable[[Select[Any], Perm, InstrumentedAttribute[Any]], Select[Any]]


@dataclass(frozen=True)
class _Head:
    """A unit whose head has the duty, as the months need it."""

    unit_id: int
    code: str
    name: str
    rule: HeadReceptionRule
    start: date  # the unit's `established_on`, or the beginning of time


@dataclass
class _InPerson:
    """A head's in-person reception days, as the duty counts them."""

    days_in_month: Counter[int] = field(default_factory=Counter)  # month of the year -> days
    mondays: set[date] = field(default_factory=set)  # the weeks with at least one such day


_NOBODY = _InPerson()  # never written to: a Counter reads 0 for a missing month


def head_reception(db: Session, scope: Scope, year: int, day: date) -> list[dict[str, Any]]:
    """Per elapsed month of `year` (up to `day`), the heads who fell short, as the data of
    `HeadReceptionMonth`: over a thousand shortfalls for the province, validated in one go
    with the whole dashboard rather than one model at a time (a third of the cost)."""
    heads = _heads(db, scope, year)
    in_person = _in_person_days(db, scope, year)
    months = []
    for month in range(1, 13):
        if date(year, month, 1) > day:
            break
        mondays, month_end = _mondays_of_month(year, month, day), _month_end(year, month)
        first_monday = mondays[0] if mondays else date.max
        checked, short = 0, []
        for head in heads:
            held = in_person.get(head.unit_id, _NOBODY)
            if head.rule is HeadReceptionRule.weekly:
                # Most units existed before the month began: every week counts.
                weeks = mondays if head.start <= first_monday else _after(mondays, head.start)
                if not weeks:
                    continue
                required, met = len(weeks), len(held.mondays.intersection(weeks))
            else:
                if month_end > day or month_end < head.start:
                    continue
                required, met = 1, int(held.days_in_month[month] > 0)
            checked += 1
            if met < required:
                short.append(
                    {
                        "unit_id": head.unit_id,
                        "code": head.code,
                        "name": head.name,
                        "rule": head.rule,
                        "required": required,
                        "held": met,
                        "days": held.days_in_month[month],
                    }
                )
        months.append(
            {
                "month": f"{year}{month:02d}",
                "label": f"Tháng {month}/{year}",
                "units_checked": checked,
                "falling_short": short,
            }
        )
    return months


def _heads(db: Session, scope: Scope, year: int) -> list[_Head]:
    _, last_day = year_bounds(year)
    stmt = select(Unit.id, Unit.code, Unit.name, Unit.kind, Unit.established_on).where(
        Unit.is_active,
        Unit.kind.in_(WEEKLY_KINDS | MONTHLY_KINDS),
        or_(Unit.established_on.is_(None), Unit.established_on <= last_day),
    )
    rows = db.execute(scope(stmt, Perm.receptions_read, Unit.id).order_by(Unit.code))
    return [
        _Head(
            unit_id=unit_id,
            code=code,
            name=name,
            rule=HeadReceptionRule.weekly if kind in WEEKLY_KINDS else HeadReceptionRule.monthly,
            start=established_on or date.min,
        )
        for unit_id, code, name, kind, established_on in rows
    ]


def _in_person_days(db: Session, scope: Scope, year: int) -> dict[int, _InPerson]:
    """The days (in the province's time zone) each head received citizens in person."""
    first_day, last_day = year_bounds(year)
    # A week of the year may begin in the December before it or end in the January after.
    start = datetime.combine(first_day - timedelta(days=6), time(), PROVINCE_TZ)
    end = datetime.combine(last_day + timedelta(days=7), time(), PROVINCE_TZ)
    local_day = cast(func.timezone(PROVINCE_TZ.key, Reception.received_at), Date)
    # Monday of the day's ISO week (date_part, not extract: extract makes a slower numeric).
    monday = local_day - cast(func.date_part("isodow", local_day), Integer) + 1
    # A row per unit, its days and their weeks in two arrays: a year holds ~6,000 (unit, day)
    # pairs, and the database does the date arithmetic far faster than Python.
    stmt = (
        select(
            Reception.unit_id,
            func.array_agg(local_day.distinct()),
            func.array_agg(monday.distinct()),
        )
        .where(Reception.received_at >= start, Reception.received_at < end)
        .where(Reception.head_in_person)
        .group_by(Reception.unit_id)
    )
    rows = db.execute(scope(stmt, Perm.receptions_read, Reception.unit_id))
    return {
        unit_id: _InPerson(
            days_in_month=Counter(held_on.month for held_on in days if held_on.year == year),
            mondays=set(mondays),
        )
        for unit_id, days, mondays in rows
    }


def _after(mondays: list[date], start: date) -> list[date]:
    return [monday for monday in mondays if monday >= start]


def _mondays_of_month(year: int, month: int, day: date) -> list[date]:
    """The Monday of each ISO week whose Thursday falls in the month and which is over."""
    first = date(year, month, 1)
    thursday = first + timedelta(days=(3 - first.weekday()) % 7)
    mondays = []
    while thursday.month == month:
        if thursday + timedelta(days=3) <= day:
            mondays.append(thursday - timedelta(days=3))
        thursday += timedelta(days=7)
    return mondays


def _month_end(year: int, month: int) -> date:
    return (date(year, month, 28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
