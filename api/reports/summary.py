"""The consolidated provincial report of a period: the figures of the reports Sở Nội vụ has
received (submitted or accepted), with who reported late or not at all. Shared by the Word
document and the workbook, so both show the same numbers."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from api.auth.policy import Actor
from api.common.dates import province_today
from api.indicators.enums import TARGETS, IndicatorCode
from api.reports import periods
from api.reports.enums import RECEIVED_STATUSES, Completeness
from api.reports.models import ReportPeriod, UnitReport
from api.reports.schemas import Narrative, ReportFigures, TargetFigure
from api.reports.workflow import is_late
from api.units.models import Unit

C = IndicatorCode
# Rates over answers or officials add the units' counts up; the others count units.
SUMMED = frozenset({C.ct3a, C.ct3b, C.ct5})
RATES = frozenset({C.ct3a, C.ct3b})


@dataclass(frozen=True)
class UnitLine:
    report: UnitReport
    unit: Unit
    completeness: Completeness
    late: bool | None
    missing: bool  # the deadline's day is over and nothing was sent
    figures: ReportFigures | None  # only for a report received by Sở Nội vụ
    narrative: Narrative


@dataclass(frozen=True)
class Consolidation:
    period: ReportPeriod
    day: date  # of the document
    lines: list[UnitLine]
    targets: list[TargetFigure]
    falling_short: dict[IndicatorCode, list[str]]  # unit names

    @property
    def received(self) -> list[UnitLine]:
        return [line for line in self.lines if line.figures is not None]

    @property
    def late(self) -> list[UnitLine]:
        return [line for line in self.lines if line.late]

    @property
    def missing(self) -> list[UnitLine]:
        return [line for line in self.lines if line.missing]

    def count(self, state: Completeness) -> int:
        return sum(1 for line in self.lines if line.completeness is state)


def consolidate(db: Session, actor: Actor, period_id: int) -> Consolidation:
    periods.ensure_province_reader(actor)
    period = periods.period_or_404(db, period_id)
    reports = db.scalars(
        select(UnitReport)
        .join(UnitReport.unit)
        .where(UnitReport.period_id == period.id)
        .options(selectinload(UnitReport.unit))
        .order_by(Unit.kind, Unit.name, Unit.id)
    )
    passed = periods.now() >= periods.deadline_end(period.deadline)
    lines = [
        UnitLine(
            report=r,
            unit=r.unit,
            completeness=periods.report_completeness(r, period.deadline),
            late=is_late(r.first_submitted_at, period.deadline),
            missing=passed and r.first_submitted_at is None,
            figures=ReportFigures.model_validate(r.figures)
            if r.status in RECEIVED_STATUSES and r.figures
            else None,
            narrative=Narrative(**r.narrative),
        )
        for r in reports
    ]
    targets, short = _targets(lines)
    return Consolidation(period, province_today(), lines, targets, short)


def _targets(
    lines: list[UnitLine],
) -> tuple[list[TargetFigure], dict[IndicatorCode, list[str]]]:
    """Each target over the received reports, counted as the indicators count the province."""
    result: list[TargetFigure] = []
    short: dict[IndicatorCode, list[str]] = {}
    for code in IndicatorCode:
        outcomes = [
            (line.unit.short_name, target)
            for line in lines
            if line.figures is not None
            for target in line.figures.targets
            if target.code is code
        ]
        if not outcomes:
            continue
        short[code] = [name for name, t in outcomes if t.met is False]
        if code in SUMMED:
            numerator = sum(t.numerator for _, t in outcomes)
            denominator = sum(t.denominator for _, t in outcomes)
        else:
            numerator = sum(1 for _, t in outcomes if t.met)
            denominator = len(outcomes)
        value = numerator / denominator if denominator else None
        if code in RATES:
            met = None if value is None else value >= TARGETS[code]
        else:
            met = bool(denominator) and not short[code]
        result.append(
            TargetFigure(
                code=code,
                name=code.label,
                target=TARGETS[code],
                value=value,
                numerator=numerator,
                denominator=denominator,
                met=met,
            )
        )
    return result, short
