"""Satisfaction with administrative procedures, from single evaluations and survey results
together: answers, satisfied (very satisfied + satisfied) and their rate.

What is counted for a period:
- an evaluation whose `evaluated_at`, in the province's time zone, falls within the period
  (read from the monthly counts the database keeps, `evaluation_monthly_counts`);
- a survey result whose own period lies within the requested one (a 2026Q1 result counts in
  2026 and in 2026S1, but not in 202603: it cannot be split into months).

In a month grouping a survey result counts in the LAST month of its period (a 2026Q1 result
in March 2026), so the months add up to the period's total.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from api.auth.policy import Actor, Perm, ensure_readable, readable
from api.common.periods import Period
from api.surveys.enums import SATISFIED_LEVELS, ProcedureField, SatisfactionGrouping
from api.surveys.enums import SatisfactionLevel as Level
from api.surveys.models import EvaluationMonthlyCount, SurveyResult
from api.surveys.schemas import (
    LevelCounts,
    SatisfactionFigures,
    SatisfactionGroup,
    SatisfactionReport,
)
from api.surveys.survey_results import within
from api.units.models import Unit

# Narrows a query to the rows a caller may see, given the query's unit column.
Restrict = Callable[[Select[Any], InstrumentedAttribute[Any]], Select[Any]]


@dataclass(frozen=True)
class SatisfactionQuery:
    period: Period
    unit_id: int | None = None
    fields: tuple[ProcedureField, ...] | None = None
    group_by: SatisfactionGrouping | None = None
    units: frozenset[int] | None = None  # only these units (the dashboard's counted ones)


def satisfaction(db: Session, actor: Actor, query: SatisfactionQuery) -> SatisfactionReport:
    """The report as the actor may see it: a unit officer's own unit only."""
    if query.unit_id is not None:
        ensure_readable(actor, Perm.surveys_read, query.unit_id)

    def restrict(stmt: Select[Any], column: InstrumentedAttribute[Any]) -> Select[Any]:
        return readable(stmt, actor, Perm.surveys_read, column)

    totals = count_levels(db, query, restrict)
    return SatisfactionReport(
        period=query.period.code,
        starts_on=query.period.starts_on,
        ends_on=query.period.ends_on,
        unit_id=query.unit_id,
        fields=list(query.fields) if query.fields else None,
        group_by=query.group_by,
        total=figures(sum(totals.values(), Counter())),
        groups=_groups(db, query, totals) if query.group_by else [],
    )


def count_levels(
    db: Session, query: SatisfactionQuery, restrict: Restrict = lambda stmt, _column: stmt
) -> dict[str | None, Counter[Level]]:
    """Answers per level, per group key (None without grouping), from both sources: the
    monthly evaluation counts and the survey results."""
    counts: dict[str | None, Counter[Level]] = {}
    for key, *per_level in _evaluation_counts(db, query, restrict) + _survey_counts(
        db, query, restrict
    ):
        counts.setdefault(key, Counter()).update(dict(zip(Level, per_level, strict=True)))
    return counts


def figures(levels: Counter[Level]) -> SatisfactionFigures:
    answers = sum(levels.values())
    satisfied = sum(levels[level] for level in SATISFIED_LEVELS)
    return SatisfactionFigures(
        answers=answers,
        satisfied=satisfied,
        rate=round(satisfied / answers, 4) if answers else None,
        levels=LevelCounts(**{level.value: levels[level] for level in Level}),
    )


def _key_of(value: Any) -> str | None:
    """A group's key as the API shows it: unit id, field value, or month as YYYYMM."""
    if value is None:
        return None
    if isinstance(value, ProcedureField):
        return value.value
    if isinstance(value, date):  # datetime too: date_trunc of a date gives a timestamp
        return f"{value:%Y%m}"
    return str(value)


def _group_key(
    grouping: SatisfactionGrouping | None,
    unit: InstrumentedAttribute[Any],
    field: InstrumentedAttribute[Any],
    month: ColumnElement[Any],
) -> list[ColumnElement[Any] | InstrumentedAttribute[Any]]:
    match grouping:
        case SatisfactionGrouping.unit:
            return [unit]
        case SatisfactionGrouping.field:
            return [field]
        case SatisfactionGrouping.month:
            return [month]
    return []


def _evaluation_counts(
    db: Session, query: SatisfactionQuery, restrict: Restrict
) -> list[tuple[str | None, int, int, int, int]]:
    # Periods are whole months, so the monthly counts answer exactly.
    counts = EvaluationMonthlyCount
    return _sum_levels(
        db,
        query,
        restrict,
        counts,
        month=counts.month,
        conditions=[counts.month >= query.period.starts_on, counts.month <= query.period.ends_on],
    )


def _survey_counts(
    db: Session, query: SatisfactionQuery, restrict: Restrict
) -> list[tuple[str | None, int, int, int, int]]:
    return _sum_levels(
        db,
        query,
        restrict,
        SurveyResult,
        month=func.date_trunc("month", SurveyResult.ends_on),  # the period's last month
        conditions=within(query.period),
    )


def _sum_levels(
    db: Session,
    query: SatisfactionQuery,
    restrict: Restrict,
    table: type[EvaluationMonthlyCount] | type[SurveyResult],
    month: ColumnElement[Any],
    conditions: list[Any],
) -> list[tuple[str | None, int, int, int, int]]:
    """Sums of the four level columns of `table`, per group key."""
    keys = _group_key(query.group_by, table.unit_id, table.field, month)
    sums = [func.sum(getattr(table, level.value)) for level in Level]
    stmt = select(*keys, *sums).where(*conditions)
    if query.unit_id is not None:
        stmt = stmt.where(table.unit_id == query.unit_id)
    if query.fields:
        stmt = stmt.where(table.field.in_(query.fields))
    if query.units is not None:
        stmt = stmt.where(table.unit_id.in_(query.units))
    stmt = restrict(stmt, table.unit_id)
    if keys:
        stmt = stmt.group_by(*keys)
    return [
        (_key_of(row[0]) if keys else None, *(int(n or 0) for n in row[len(keys) :]))
        for row in db.execute(stmt).all()
        if row[-1] is not None  # no grouping and no rows: one row of NULL sums
    ]


def _groups(
    db: Session, query: SatisfactionQuery, counts: dict[str | None, Counter[Level]]
) -> list[SatisfactionGroup]:
    match query.group_by:
        case SatisfactionGrouping.month:
            # Every month of the period, those without answers too, so a chart has no gaps.
            labels = {month.code: month.label for month in query.period.months()}
        case SatisfactionGrouping.field:
            labels = {field.value: field.label for field in ProcedureField if field.value in counts}
        case _:
            ids = [int(key) for key in counts if key is not None]
            units = db.execute(select(Unit.id, Unit.short_name).where(Unit.id.in_(ids)))
            labels = dict(sorted(((str(u.id), u.short_name) for u in units), key=lambda u: u[1]))
    return [
        SatisfactionGroup(key=key, label=label, **figures(counts.get(key, Counter())).model_dump())
        for key, label in labels.items()
    ]


def parse_fields(text: str) -> tuple[ProcedureField, ...]:
    """`land,construction,investment` → fields; ValueError naming an unknown one."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in ProcedureField._value2member_map_]
    if unknown or not names:
        raise ValueError(f"Lĩnh vực không hợp lệ: {', '.join(unknown) or text!r}")
    return tuple(dict.fromkeys(ProcedureField(name) for name in names))
