"""The dashboard: the rest of the picture beside the targets, for a year, for the province or
one unit (a unit officer sees only their own). Each block is one grouped query."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Date, Select, and_, cast, func, literal, or_, select, tuple_
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from api.auth.policy import Actor, Perm, readable
from api.common.dates import province_today, year_bounds
from api.common.periods import year_period
from api.config import PROVINCE_TZ
from api.indicators.enums import TARGETS, IndicatorCode
from api.indicators.schemas import (
    Dashboard,
    DashboardBacklog,
    DashboardPetitions,
    DashboardReceptions,
    DashboardSatisfaction,
    HeadReceptionMonth,
    HeadReceptionShortfall,
    PetitionFigures,
    PetitionGroup,
    UnitCount,
)
from api.indicators.service import as_of, counted_units, readable_unit
from api.inspections.enums import PENDING_STATUSES
from api.inspections.models import Recommendation
from api.plans.enums import CLOSED_TASK_STATUSES
from api.plans.models import Plan, PlanTask
from api.reception.enums import CaseType, PetitionField
from api.reception.models import Petition, Reception
from api.reception.timing import ACCEPT_PHASE, OPEN, RESOLVE_PHASE, SETTLED
from api.surveys.enums import SatisfactionGrouping
from api.surveys.satisfaction import SatisfactionQuery, satisfaction
from api.surveys.schemas import SatisfactionReport
from api.units.enums import LOCAL_KINDS, UnitKind
from api.units.models import Unit

CROWD_SIZE = 5  # a group of five or more is a crowd case (đoàn đông người)
# Law on Citizen Reception 2013, art. 18: the chair of a commune's People's Committee at least
# one day a week; heads of provincial departments and the chair of the province one a month.
WEEKLY_KINDS = LOCAL_KINDS
MONTHLY_KINDS = frozenset({UnitKind.department, UnitKind.province})


def dashboard(db: Session, actor: Actor, year: int, unit_id: int | None) -> Dashboard:
    unit_id = readable_unit(actor, unit_id)
    scope = _Scope(actor, unit_id)
    day = as_of(year)
    return Dashboard(
        year=year,
        as_of=day,
        unit_id=unit_id,
        satisfaction=_satisfaction(db, actor, year, unit_id),
        petitions=_petitions(db, scope, year),
        receptions=_receptions(db, scope, year),
        head_reception=_head_reception(db, scope, year, day),
        recommendations=_recommendations(db, scope),
        plan_tasks=_plan_tasks(db, scope, year),
    )


class _Scope:
    """Narrows each block's query to the unit asked for and to what the actor may read."""

    def __init__(self, actor: Actor, unit_id: int | None) -> None:
        self.actor, self.unit_id = actor, unit_id

    def __call__(
        self, stmt: Select[Any], perm: Perm, column: InstrumentedAttribute[Any]
    ) -> Select[Any]:
        if self.unit_id is not None:
            stmt = stmt.where(column == self.unit_id)
        return readable(stmt, self.actor, perm, column)


def _satisfaction(
    db: Session, actor: Actor, year: int, unit_id: int | None
) -> DashboardSatisfaction:
    """Over the units the targets count, so the months add up to CT3a's figure."""
    units = frozenset(u.id for u in counted_units(db, year, unit_id))

    def grouped(grouping: SatisfactionGrouping) -> SatisfactionReport:
        query = SatisfactionQuery(
            period=year_period(year), unit_id=unit_id, group_by=grouping, units=units
        )
        return satisfaction(db, actor, query)

    by_month, by_field = grouped(SatisfactionGrouping.month), grouped(SatisfactionGrouping.field)
    return DashboardSatisfaction(
        target_all=TARGETS[IndicatorCode.ct3a],
        target_land_construction_investment=TARGETS[IndicatorCode.ct3b],
        total=by_month.total,
        by_month=by_month.groups,
        by_field=by_field.groups,
    )


# --- petitions -----------------------------------------------------------------------------

_FIGURES = (
    "received",
    "resolved",
    "resolved_on_time",
    "open",
    "overdue",
    "prolonged",
    "over_level",
)


def _late_in_resolution(today: date) -> ColumnElement[bool]:
    running = Petition.status.in_([s.value for s in ACCEPT_PHASE | RESOLVE_PHASE])
    return and_(running, Petition.resolution_due_on < today)


def _petition_counts(today: date) -> list[Any]:
    is_open = Petition.status.in_([s.value for s in OPEN])
    resolved = Petition.decision_date.is_not(None)
    # Without a rule in force there is no limit to miss.
    limit = func.coalesce(Petition.resolution_due_on, Petition.decision_date)
    conditions = {
        "received": literal(True),
        "resolved": resolved,
        "resolved_on_time": and_(resolved, Petition.decision_date <= limit),
        "open": is_open,
        "overdue": and_(is_open, Petition.due_on < today),
        "prolonged": _late_in_resolution(today),  # plus the re-submitted: _resubmitted
        "over_level": Petition.sent_to_level_above,
    }
    return [func.count().filter(conditions[name]) for name in _FIGURES]


# grouping() of (unit_id, field, case_type): a set bit is a column rolled up.
_BY_UNIT, _BY_FIELD, _BY_TYPE, _TOTAL = 0b011, 0b101, 0b110, 0b111
_KEYS = (Petition.unit_id, Petition.field, Petition.case_type)


def _rolled_up(stmt: Select[Any]) -> Select[Any]:
    return stmt.group_by(func.grouping_sets(*(tuple_(key) for key in _KEYS), tuple_()))


def _resubmitted(db: Session, scope: _Scope, first: date, last: date, today: date) -> Any:
    """Prolonged because sent again after a resolution (and not already late): the few
    petitions that name an original, joined to it."""
    original = aliased(Petition)
    stmt = _rolled_up(
        select(func.grouping(*_KEYS), *_KEYS, func.count())
        .join(original, original.id == Petition.duplicate_of_id)
        .where(
            Petition.received_on.between(first, last),
            original.status.in_([s.value for s in SETTLED]),
            ~_late_in_resolution(today),
        )
    )
    rows = db.execute(scope(stmt, Perm.receptions_read, Petition.unit_id)).all()
    return {(grouping, _group_key(grouping, keys)): n for grouping, *keys, n in rows}


def _group_key(grouping: int, keys: list[Any]) -> Any:
    unit_id, petition_field, case_type = keys
    return {_BY_UNIT: unit_id, _BY_FIELD: petition_field, _BY_TYPE: case_type}.get(grouping)


def _petitions(db: Session, scope: _Scope, year: int) -> DashboardPetitions:
    """One pass over the year's petitions, rolled up by unit, by field, by type and in all."""
    first, last = year_bounds(year)
    today = province_today()
    stmt = _rolled_up(
        select(func.grouping(*_KEYS), *_KEYS, *_petition_counts(today)).where(
            Petition.received_on.between(first, last)
        )
    )
    rows = db.execute(scope(stmt, Perm.receptions_read, Petition.unit_id)).all()
    resubmitted = _resubmitted(db, scope, first, last, today)
    groups: dict[int, dict[Any, Counter[str]]] = {}
    for grouping, *keys_and_numbers in rows:
        key = _group_key(grouping, keys_and_numbers[:3])
        figures = Counter(dict(zip(_FIGURES, keys_and_numbers[3:], strict=True)))
        figures["prolonged"] += resubmitted.get((grouping, key), 0)
        groups.setdefault(grouping, {})[key] = figures
    by_unit, by_field = groups.get(_BY_UNIT, {}), groups.get(_BY_FIELD, {})
    by_type = groups.get(_BY_TYPE, {})
    labels = _unit_labels(db, by_unit)
    return DashboardPetitions(
        total=_petition_figures(groups.get(_TOTAL, {}).get(None, Counter())),
        by_unit=sorted(
            (_petition_group(str(k), labels[k][1], c) for k, c in by_unit.items()),
            key=lambda g: (-g.overdue, -g.open, g.label),
        ),
        by_field=[
            _petition_group(f.value, f.label, by_field[f]) for f in PetitionField if f in by_field
        ],
        by_case_type=[
            _petition_group(t.value, t.label, by_type[t]) for t in CaseType if t in by_type
        ],
    )


def _petition_figures(counts: Counter[str]) -> PetitionFigures:
    return PetitionFigures(**_with_rate(counts))


def _petition_group(key: str, label: str, counts: Counter[str]) -> PetitionGroup:
    return PetitionGroup(key=key, label=label, **_with_rate(counts))


def _with_rate(counts: Counter[str]) -> dict[str, Any]:
    figures: dict[str, Any] = {name: counts[name] for name in _FIGURES}
    resolved = counts["resolved"]
    figures["on_time_rate"] = round(counts["resolved_on_time"] / resolved, 4) if resolved else None
    return figures


def _unit_labels(db: Session, ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """Code and short name of each unit, in one query."""
    ids = list(ids)
    if not ids:
        return {}
    rows = db.execute(select(Unit.id, Unit.code, Unit.short_name).where(Unit.id.in_(ids)))
    return {unit_id: (code, name) for unit_id, code, name in rows}


# --- receptions ----------------------------------------------------------------------------


def _local_day() -> Any:
    return cast(func.timezone(PROVINCE_TZ.key, Reception.received_at), Date)


def _in_year(year: int) -> Any:
    start, end = year_period(year).bounds()
    return and_(Reception.received_at >= start, Reception.received_at < end)


def _receptions(db: Session, scope: _Scope, year: int) -> DashboardReceptions:
    stmt = select(
        func.count(),
        func.count().filter(Reception.head_in_person),
        func.count().filter(Reception.group_size >= CROWD_SIZE),
        func.coalesce(func.sum(Reception.group_size), 0),
    ).where(_in_year(year))
    sessions, head, crowd, citizens = db.execute(
        scope(stmt, Perm.receptions_read, Reception.unit_id)
    ).one()
    return DashboardReceptions(
        sessions=sessions, head_in_person=head, crowd=crowd, citizens=citizens
    )


@dataclass
class _InPerson:
    """A head's in-person reception days, as the duty counts them."""

    days_in_month: Counter[int] = field(default_factory=Counter)  # month of the year -> days
    mondays: set[date] = field(default_factory=set)  # the weeks with at least one such day


def _head_reception(db: Session, scope: _Scope, year: int, day: date) -> list[HeadReceptionMonth]:
    """Per elapsed month, the heads who did not receive citizens in person as often as the
    law asks: a commune's week counts in the month of its Thursday (ISO), and only once it
    is over; a monthly duty, once the month is over."""
    first_day, last_day = year_bounds(year)
    units_stmt = select(Unit).where(
        Unit.is_active,
        Unit.kind.in_(WEEKLY_KINDS | MONTHLY_KINDS),
        or_(Unit.established_on.is_(None), Unit.established_on <= last_day),
    )
    units = list(db.scalars(scope(units_stmt, Perm.receptions_read, Unit.id).order_by(Unit.code)))
    # A week of the year may begin in the December before it or end in the January after.
    start = datetime.combine(first_day - timedelta(days=6), time(), PROVINCE_TZ)
    end = datetime.combine(last_day + timedelta(days=7), time(), PROVINCE_TZ)
    days_stmt = (
        select(Reception.unit_id, _local_day())
        .where(Reception.received_at >= start, Reception.received_at < end)
        .where(Reception.head_in_person)
        .distinct()
    )
    in_person: dict[int, _InPerson] = {}
    for unit_id, held_on in db.execute(scope(days_stmt, Perm.receptions_read, Reception.unit_id)):
        record = in_person.setdefault(unit_id, _InPerson())
        record.mondays.add(held_on - timedelta(days=held_on.weekday()))
        if held_on.year == year:
            record.days_in_month[held_on.month] += 1
    months = []
    for month in range(1, 13):
        if date(year, month, 1) > day:
            break
        mondays, month_end = _mondays_of_month(year, month, day), _month_end(year, month)
        duties = [
            _duty(unit, in_person.get(unit.id, _InPerson()), month, mondays, month_end, day)
            for unit in units
        ]
        due = [d for d in duties if d is not None]
        months.append(
            HeadReceptionMonth(
                month=f"{year}{month:02d}",
                label=f"Tháng {month}/{year}",
                units_checked=len(due),
                falling_short=[d for d in due if d.held < d.required],
            )
        )
    return months


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


def _duty(
    unit: Unit, held: _InPerson, month: int, mondays: list[date], month_end: date, day: date
) -> HeadReceptionShortfall | None:
    """The unit's duty in that month, or None when nothing is due yet (or it did not exist)."""
    start = unit.established_on or date.min
    if unit.kind in WEEKLY_KINDS:
        weeks = [monday for monday in mondays if monday >= start]
        if not weeks:
            return None
        rule, required = "weekly", len(weeks)
        met = sum(1 for monday in weeks if monday in held.mondays)
    else:
        if month_end > day or month_end < start:
            return None
        rule, required, met = "monthly", 1, int(held.days_in_month[month] > 0)
    return HeadReceptionShortfall(
        unit_id=unit.id,
        code=unit.code,
        name=unit.name,
        rule=rule,
        required=required,
        held=met,
        days=held.days_in_month[month],
    )


# --- what is still owed --------------------------------------------------------------------


def _backlog(db: Session, stmt: Select[Any]) -> DashboardBacklog:
    """`stmt` yields (unit id, open, overdue) rows."""
    rows = db.execute(stmt).all()
    names = _unit_labels(db, (r[0] for r in rows))
    by_unit = [
        UnitCount(unit_id=uid, code=names[uid][0], name=names[uid][1], open=owed, overdue=late)
        for uid, owed, late in rows
    ]
    by_unit.sort(key=lambda u: (-u.overdue, -u.open, u.name))
    return DashboardBacklog(
        open=sum(u.open for u in by_unit), overdue=sum(u.overdue for u in by_unit), by_unit=by_unit
    )


def _recommendations(db: Session, scope: _Scope) -> DashboardBacklog:
    """Every recommendation still owed, whatever the year of its inspection."""
    owed = Recommendation.status.in_(PENDING_STATUSES)
    stmt = (
        select(
            Recommendation.responsible_unit_id,
            func.count(),
            func.count().filter(Recommendation.is_overdue(province_today())),
        )
        .where(owed)
        .group_by(Recommendation.responsible_unit_id)
    )
    return _backlog(db, scope(stmt, Perm.inspections_read, Recommendation.responsible_unit_id))


def _plan_tasks(db: Session, scope: _Scope, year: int) -> DashboardBacklog:
    """Tasks of the year's plans not done yet, and those past their due day."""
    open_task = PlanTask.status.not_in([s.value for s in CLOSED_TASK_STATUSES])
    stmt = (
        select(Plan.unit_id, func.count().filter(open_task), func.count().filter(PlanTask.overdue))
        .join(Plan, PlanTask.plan_id == Plan.id)
        .where(Plan.year == year)
        .group_by(Plan.unit_id)
        .having(func.count().filter(open_task) > 0)
    )
    return _backlog(db, scope(stmt, Perm.plans_read, Plan.unit_id))
