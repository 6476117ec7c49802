"""The dashboard: the rest of the picture beside the targets, for a year, for the province or
one unit (a unit officer sees only their own). Each block is one grouped query."""

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Date, Select, and_, cast, func, literal, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from api.auth.policy import OWN, Actor, Perm, ensure_readable, reach, readable
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
from api.indicators.service import as_of, counted_units
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
    if unit_id is None and reach(actor, Perm.indicators_read) is OWN:
        unit_id = actor.unit_id
    if unit_id is None:
        ensure_readable(actor, Perm.indicators_read)
    else:
        ensure_readable(actor, Perm.indicators_read, unit_id)
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


def _petition_counts(today: date) -> list[Any]:
    original = aliased(Petition)
    running = Petition.status.in_([s.value for s in ACCEPT_PHASE | RESOLVE_PHASE])
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
        "prolonged": or_(
            and_(running, Petition.resolution_due_on < today),
            original.status.in_([s.value for s in SETTLED]),
        ),
        "over_level": Petition.sent_to_level_above,
    }
    return [original, [func.count().filter(conditions[name]) for name in _FIGURES]]


def _petitions(db: Session, scope: _Scope, year: int) -> DashboardPetitions:
    first, last = year_bounds(year)
    original, counts = _petition_counts(province_today())
    stmt = (
        select(Petition.unit_id, Petition.field, Petition.case_type, *counts)
        .outerjoin(original, Petition.duplicate_of_id == original.id)
        .where(Petition.received_on.between(first, last))
        .group_by(Petition.unit_id, Petition.field, Petition.case_type)
    )
    rows = db.execute(scope(stmt, Perm.receptions_read, Petition.unit_id)).all()
    by_unit: dict[Any, Counter[str]] = {}
    by_field: dict[Any, Counter[str]] = {}
    by_type: dict[Any, Counter[str]] = {}
    total: Counter[str] = Counter()
    for unit_id, field, case_type, *numbers in rows:
        figures = Counter(dict(zip(_FIGURES, numbers, strict=True)))
        for groups, key in ((by_unit, unit_id), (by_field, field), (by_type, case_type)):
            groups.setdefault(key, Counter()).update(figures)
        total.update(figures)
    names = _unit_names(db, by_unit)
    return DashboardPetitions(
        total=_petition_figures(total),
        by_unit=sorted(
            (_petition_group(str(k), names[k], c) for k, c in by_unit.items()),
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


def _unit_names(db: Session, ids: Iterable[int]) -> dict[int, str]:
    ids = list(ids)
    if not ids:
        return {}
    return dict(db.execute(select(Unit.id, Unit.short_name).where(Unit.id.in_(ids))).all())


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


def _head_reception(db: Session, scope: _Scope, year: int, day: date) -> list[HeadReceptionMonth]:
    """Per elapsed month, the heads who did not receive citizens in person as often as the
    law asks: a commune's week counts in the month of its Thursday (ISO), and only once it
    is over; a monthly duty, once the month is over."""
    _, last = year_bounds(year)
    units_stmt = select(Unit).where(
        Unit.is_active,
        Unit.kind.in_(WEEKLY_KINDS | MONTHLY_KINDS),
        or_(Unit.established_on.is_(None), Unit.established_on <= last),
    )
    units = list(db.scalars(scope(units_stmt, Perm.receptions_read, Unit.id).order_by(Unit.code)))
    days_stmt = (
        select(Reception.unit_id, _local_day())
        .where(_in_year(year), Reception.head_in_person)
        .distinct()
    )
    held: dict[int, set[date]] = {}
    for unit_id, held_on in db.execute(scope(days_stmt, Perm.receptions_read, Reception.unit_id)):
        held.setdefault(unit_id, set()).add(held_on)
    months = []
    for month in range(1, 13):
        first = date(year, month, 1)
        if first > day:
            break
        checked, short = 0, []
        for unit in units:
            shortfall = _shortfall(unit, held.get(unit.id, set()), year, month, day)
            if shortfall is None:
                continue
            checked += 1
            if shortfall.held < shortfall.required:
                short.append(shortfall)
        months.append(
            HeadReceptionMonth(
                month=f"{year}{month:02d}",
                label=f"Tháng {month}/{year}",
                units_checked=checked,
                falling_short=short,
            )
        )
    return months


def _weeks_of_month(year: int, month: int, day: date) -> list[tuple[date, date]]:
    """(Monday, Sunday) of each ISO week whose Thursday falls in the month and which is over."""
    first = date(year, month, 1)
    thursday = first + timedelta(days=(3 - first.weekday()) % 7)
    weeks = []
    while thursday.month == month:
        monday, sunday = thursday - timedelta(days=3), thursday + timedelta(days=3)
        if sunday <= day:
            weeks.append((monday, sunday))
        thursday += timedelta(days=7)
    return weeks


def _month_end(year: int, month: int) -> date:
    return (date(year, month, 28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _shortfall(
    unit: Unit, held: set[date], year: int, month: int, day: date
) -> HeadReceptionShortfall | None:
    """The unit's duty in that month, or None when nothing is due yet (or it did not exist)."""
    start = unit.established_on or date.min
    in_month = {d for d in held if d.year == year and d.month == month}
    if unit.kind in WEEKLY_KINDS:
        weeks = [(mon, sun) for mon, sun in _weeks_of_month(year, month, day) if mon >= start]
        if not weeks:
            return None
        met = sum(1 for mon, sun in weeks if any(mon <= d <= sun for d in held))
        rule, required = "weekly", len(weeks)
    else:
        if _month_end(year, month) > day or _month_end(year, month) < start:
            return None
        rule, required, met = "monthly", 1, int(bool(in_month))
    return HeadReceptionShortfall(
        unit_id=unit.id,
        code=unit.code,
        name=unit.name,
        rule=rule,
        required=required,
        held=met,
        days=len(in_month),
    )


# --- what is still owed --------------------------------------------------------------------


def _backlog(db: Session, stmt: Select[Any]) -> DashboardBacklog:
    """`stmt` yields (unit id, open, overdue) rows."""
    rows = db.execute(stmt).all()
    units = db.execute(
        select(Unit.id, Unit.code, Unit.short_name).where(Unit.id.in_([r[0] for r in rows]))
    )
    names = {unit_id: (code, name) for unit_id, code, name in units}
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
