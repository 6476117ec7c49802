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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Date, Select, cast, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from api.auth.policy import Actor, Perm, ensure_readable, readable
from api.common.periods import Period
from api.db import among
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
Key = tuple[Any, ...]


def _everything(stmt: Select[Any], _column: InstrumentedAttribute[Any]) -> Select[Any]:
    return stmt


@dataclass(frozen=True)
class SatisfactionQuery:
    period: Period
    unit_id: int | None = None
    fields: tuple[ProcedureField, ...] | None = None
    group_by: SatisfactionGrouping | None = None


@dataclass(frozen=True)
class Source:
    """One of the two places answers are counted in, with the month each answer counts in."""

    table: type[EvaluationMonthlyCount] | type[SurveyResult]
    month: ColumnElement[date]
    within: Callable[[Period], list[ColumnElement[bool]]]


SOURCES = (
    # Periods are whole months, so the monthly counts answer exactly.
    Source(
        EvaluationMonthlyCount,
        EvaluationMonthlyCount.month,
        lambda period: [
            EvaluationMonthlyCount.month >= period.starts_on,
            EvaluationMonthlyCount.month <= period.ends_on,
        ],
    ),
    # A survey result counts in the last month of its period.
    Source(SurveyResult, cast(func.date_trunc("month", SurveyResult.ends_on), Date), within),
)


def level_counts(
    db: Session,
    period: Period,
    group: Callable[[Source], Sequence[ColumnElement[Any]]],
    *,
    restrict: Restrict = _everything,
    unit_id: int | None = None,
    units: Sequence[int] | None = None,
    fields: Sequence[ProcedureField] | None = None,
) -> dict[Key, Counter[Level]]:
    """Answers per level for each group key (the columns `group` picks from a source; none
    for one total), both sources added up: one grouped query per source. `units` narrows to
    those units (one array parameter, not an IN list of ~140 rendered at each call)."""
    counts: dict[Key, Counter[Level]] = {}
    for source in SOURCES:
        table, keys = source.table, group(source)
        sums = [func.sum(getattr(table, level.value)) for level in Level]
        stmt = select(*keys, *sums).where(*source.within(period))
        if unit_id is not None:
            stmt = stmt.where(table.unit_id == unit_id)
        if units is not None:
            stmt = stmt.where(among(table.unit_id, units))
        if fields:
            stmt = stmt.where(table.field.in_(fields))
        stmt = restrict(stmt, table.unit_id)
        if keys:
            stmt = stmt.group_by(*keys)
        for row in db.execute(stmt):
            if row[-1] is None:  # no grouping and no rows: one row of NULL sums
                continue
            levels = dict(zip(Level, row[len(keys) :], strict=True))
            counts.setdefault(tuple(row[: len(keys)]), Counter()).update(levels)
    return counts


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
    db: Session, query: SatisfactionQuery, restrict: Restrict = _everything
) -> dict[str | None, Counter[Level]]:
    """Answers per level, per group key as the API shows it (None without grouping)."""
    grouped = level_counts(
        db,
        query.period,
        lambda source: _group_key(query.group_by, source),
        restrict=restrict,
        unit_id=query.unit_id,
        fields=query.fields,
    )
    return {(_key_of(key[0]) if key else None): levels for key, levels in grouped.items()}


def figures(levels: Counter[Level]) -> SatisfactionFigures:
    answers = sum(levels.values())
    satisfied = sum(levels[level] for level in SATISFIED_LEVELS)
    return SatisfactionFigures(
        answers=answers,
        satisfied=satisfied,
        rate=round(satisfied / answers, 4) if answers else None,
        levels=LevelCounts(**{level.value: levels[level] for level in Level}),
    )


def _key_of(value: Any) -> str:
    """A group's key as the API shows it: unit id, field value, or month as YYYYMM."""
    if isinstance(value, ProcedureField):
        return value.value
    if isinstance(value, date):
        return f"{value:%Y%m}"
    return str(value)


def _group_key(grouping: SatisfactionGrouping | None, source: Source) -> list[ColumnElement[Any]]:
    match grouping:
        case SatisfactionGrouping.unit:
            return [source.table.unit_id]
        case SatisfactionGrouping.field:
            return [source.table.field]
        case SatisfactionGrouping.month:
            return [source.month]
    return []


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
