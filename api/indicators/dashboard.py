"""The dashboard: the rest of the picture beside the targets, for a year, for the province or
one unit (a unit officer sees only their own). Each block is one grouped query."""

from collections import Counter
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, select, tuple_
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from api.auth.policy import Actor, Perm, ensure_readable, readable
from api.common.dates import province_today, year_bounds
from api.common.periods import year_period
from api.indicators.aggregates import RUNNING
from api.indicators.enums import TARGETS, IndicatorCode
from api.indicators.head_reception import head_reception
from api.indicators.models import PetitionFigureCount, PetitionStage
from api.indicators.schemas import (
    Dashboard,
    DashboardBacklog,
    DashboardPetitions,
    DashboardReceptions,
    DashboardSatisfaction,
    PetitionFigures,
    PetitionGroup,
    UnitCount,
)
from api.indicators.service import as_of, counted_unit_ids, readable_unit
from api.inspections.enums import PENDING_STATUSES
from api.inspections.models import Recommendation
from api.plans.enums import CLOSED_TASK_STATUSES
from api.plans.models import Plan, PlanTask
from api.reception.enums import CaseType, PetitionField
from api.reception.models import Petition, Reception
from api.reception.timing import SETTLED
from api.reports.periods import completeness_for_year
from api.surveys.enums import ProcedureField
from api.surveys.enums import SatisfactionLevel as Level
from api.surveys.satisfaction import figures, level_counts
from api.surveys.schemas import SatisfactionGroup
from api.units.models import Unit

CROWD_SIZE = 5  # a group of five or more is a crowd case (đoàn đông người)
Labels = dict[int, tuple[str, str]]  # unit id -> (code, short name)


def dashboard(db: Session, actor: Actor, year: int, unit_id: int | None) -> Dashboard:
    unit_id = readable_unit(actor, unit_id)
    scope = _Scope(actor, unit_id)
    day = as_of(year)
    labels = _unit_labels(db)
    return Dashboard(
        year=year,
        as_of=day,
        unit_id=unit_id,
        satisfaction=_satisfaction(db, actor, year, unit_id),
        petitions=_petitions(db, scope, year, labels),
        receptions=_receptions(db, scope, year),
        head_reception=head_reception(db, scope, year, day),
        recommendations=_recommendations(db, scope, labels),
        plan_tasks=_plan_tasks(db, scope, year, labels),
        reporting=completeness_for_year(db, year, unit_id),
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
    """Over the units the targets count, so the months add up to CT3a's figure: one pass
    over each source grouped by month and field (a year of the province is ~24,000 monthly
    counts), added up both ways."""
    if unit_id is not None:
        ensure_readable(actor, Perm.surveys_read, unit_id)
    period = year_period(year)
    by_month: dict[str, Counter[Level]] = {m.code: Counter() for m in period.months()}
    by_field: dict[ProcedureField, Counter[Level]] = {}
    counts = level_counts(
        db,
        period,
        lambda source: (source.month, source.table.field),
        restrict=lambda stmt, column: readable(stmt, actor, Perm.surveys_read, column),
        units=counted_unit_ids(db, year, unit_id),
    )
    for (first_day, procedure_field), levels in counts.items():
        by_month[f"{first_day:%Y%m}"].update(levels)
        by_field.setdefault(procedure_field, Counter()).update(levels)
    labels = {m.code: m.label for m in period.months()}
    return DashboardSatisfaction(
        target_all=TARGETS[IndicatorCode.ct3a],
        target_land_construction_investment=TARGETS[IndicatorCode.ct3b],
        total=figures(sum(by_month.values(), Counter())),
        by_month=[_satisfaction_group(k, labels[k], c) for k, c in by_month.items()],
        by_field=[
            _satisfaction_group(f.value, f.label, by_field[f])
            for f in ProcedureField
            if f in by_field
        ],
    )


def _satisfaction_group(key: str, label: str, levels: Counter[Level]) -> SatisfactionGroup:
    return SatisfactionGroup(key=key, label=label, **figures(levels).model_dump())


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
    """Never NULL: negated, a petition without a resolution limit must stay in."""
    running = Petition.status.in_([s.value for s in RUNNING])
    limit = Petition.resolution_due_on
    return and_(running, limit.is_not(None), limit < today)


def _petition_sums(today: date) -> list[Any]:
    """The figures of `_FIGURES`, summed from the kept counts as the petitions stand today."""
    counts = PetitionFigureCount
    is_open = counts.stage != PetitionStage.done
    running = counts.stage == PetitionStage.running

    def total(column: Any, condition: ColumnElement[bool] | None = None) -> Any:
        summed = func.sum(column) if condition is None else func.sum(column).filter(condition)
        return func.coalesce(summed, 0)

    sums = {
        "received": total(counts.petitions),
        "resolved": total(counts.resolved),
        "resolved_on_time": total(counts.resolved_on_time),
        "open": total(counts.petitions, is_open),
        "overdue": total(counts.petitions, and_(is_open, counts.due_on < today)),
        # plus the re-submitted: _resubmitted
        "prolonged": total(counts.petitions, and_(running, counts.resolution_due_on < today)),
        "over_level": total(counts.over_level),
    }
    return [sums[name] for name in _FIGURES]


# grouping() of (unit_id, field, case_type): a set bit is a column rolled up.
_BY_UNIT, _BY_FIELD, _BY_TYPE, _TOTAL = 0b011, 0b101, 0b110, 0b111


def _keys(table: Any) -> tuple[InstrumentedAttribute[Any], ...]:
    return table.unit_id, table.field, table.case_type


def _rolled_up(stmt: Select[Any], keys: tuple[InstrumentedAttribute[Any], ...]) -> Select[Any]:
    return stmt.group_by(func.grouping_sets(*(tuple_(key) for key in keys), tuple_()))


_ORIGINAL = aliased(Petition, name="original")  # built once: an alias proxies every column


def _resubmitted(db: Session, scope: _Scope, first: date, last: date, today: date) -> Any:
    """Prolonged because sent again after a resolution (and not already late): the few
    petitions that name an original, joined to it."""
    keys = _keys(Petition)
    stmt = _rolled_up(
        select(func.grouping(*keys), *keys, func.count())
        .join(_ORIGINAL, _ORIGINAL.id == Petition.duplicate_of_id)
        .where(
            Petition.received_on.between(first, last),
            _ORIGINAL.status.in_([s.value for s in SETTLED]),
            ~_late_in_resolution(today),
        ),
        keys,
    )
    rows = db.execute(scope(stmt, Perm.receptions_read, Petition.unit_id)).all()
    return {(grouping, _group_key(grouping, keys)): n for grouping, *keys, n in rows}


def _group_key(grouping: int, keys: list[Any]) -> Any:
    unit_id, petition_field, case_type = keys
    return {_BY_UNIT: unit_id, _BY_FIELD: petition_field, _BY_TYPE: case_type}.get(grouping)


def _petitions(db: Session, scope: _Scope, year: int, labels: Labels) -> DashboardPetitions:
    """The year's petitions rolled up by unit, by field, by type and in all, from the counts
    the triggers keep (`PetitionFigureCount`), plus the few sent again after a resolution."""
    first, last = year_bounds(year)
    today = province_today()
    keys = _keys(PetitionFigureCount)
    stmt = _rolled_up(
        select(func.grouping(*keys), *keys, *_petition_sums(today)).where(
            PetitionFigureCount.year == year
        ),
        keys,
    )
    rows = db.execute(scope(stmt, Perm.receptions_read, PetitionFigureCount.unit_id)).all()
    resubmitted = _resubmitted(db, scope, first, last, today)
    groups: dict[int, dict[Any, Counter[str]]] = {}
    for grouping, *keys_and_numbers in rows:
        key = _group_key(grouping, keys_and_numbers[:3])
        figures = Counter(dict(zip(_FIGURES, keys_and_numbers[3:], strict=True)))
        figures["prolonged"] += resubmitted.get((grouping, key), 0)
        groups.setdefault(grouping, {})[key] = figures
    by_unit, by_field = groups.get(_BY_UNIT, {}), groups.get(_BY_FIELD, {})
    by_type = groups.get(_BY_TYPE, {})
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


def _unit_labels(db: Session) -> Labels:
    """Code and short name of every unit (a few hundred at most), read once per request."""
    rows = db.execute(select(Unit.id, Unit.code, Unit.short_name))
    return {unit_id: (code, name) for unit_id, code, name in rows}


# --- receptions ----------------------------------------------------------------------------


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


# --- what is still owed --------------------------------------------------------------------


def _backlog(db: Session, stmt: Select[Any], names: Labels) -> DashboardBacklog:
    """`stmt` yields (unit id, open, overdue) rows."""
    rows = db.execute(stmt).all()
    by_unit = [
        UnitCount(unit_id=uid, code=names[uid][0], name=names[uid][1], open=owed, overdue=late)
        for uid, owed, late in rows
    ]
    by_unit.sort(key=lambda u: (-u.overdue, -u.open, u.name))
    return DashboardBacklog(
        open=sum(u.open for u in by_unit), overdue=sum(u.overdue for u in by_unit), by_unit=by_unit
    )


def _recommendations(db: Session, scope: _Scope, labels: Labels) -> DashboardBacklog:
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
    stmt = scope(stmt, Perm.inspections_read, Recommendation.responsible_unit_id)
    return _backlog(db, stmt, labels)


def _plan_tasks(db: Session, scope: _Scope, year: int, labels: Labels) -> DashboardBacklog:
    """Tasks of the year's plans not done yet, and those past their due day."""
    open_task = PlanTask.status.not_in([s.value for s in CLOSED_TASK_STATUSES])
    stmt = (
        select(Plan.unit_id, func.count().filter(open_task), func.count().filter(PlanTask.overdue))
        .join(Plan, PlanTask.plan_id == Plan.id)
        .where(Plan.year == year)
        .group_by(Plan.unit_id)
        .having(func.count().filter(open_task) > 0)
    )
    return _backlog(db, scope(stmt, Perm.plans_read, Plan.unit_id), labels)
