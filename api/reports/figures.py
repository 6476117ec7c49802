"""A unit's figures for a period's days, from the records: the plan's targets that apply to
it, satisfaction, citizen receptions, petitions, inspections, trainings and dialogues.

Computed for many units at once (a period's creation fills every expected report) in one
grouped query per block, whatever the number of units.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, distinct, func, select
from sqlalchemy.orm import Session

from api.activities.enums import ActivityKind
from api.activities.models import Activity, TrainingAttendance
from api.common.dates import province_today
from api.config import PROVINCE_TZ
from api.indicators.enums import IndicatorCode
from api.indicators.service import load_facts, unit_indicator
from api.inspections.enums import InspectionKind, InspectionStatus, RecommendationStatus
from api.inspections.models import Inspection, Recommendation
from api.inspections.service import held_on
from api.reception.models import Petition, Reception
from api.reception.timing import OPEN
from api.reports.schemas import (
    ActivityFigures,
    InspectionFigures,
    LevelFigures,
    PetitionCounts,
    PetitionFigures,
    ReceptionFigures,
    ReportFigures,
    SatisfactionFigure,
    TargetFigure,
    TrainingFigures,
)
from api.surveys.enums import SATISFIED_LEVELS
from api.surveys.enums import SatisfactionLevel as Level
from api.surveys.models import Evaluation, EvaluationMonthlyCount, SurveyResult
from api.units.enums import COUNTED_KINDS
from api.units.models import Unit

DONE_RECOMMENDATIONS = (RecommendationStatus.done, RecommendationStatus.verified)


@dataclass(frozen=True)
class Window:
    """The days a report covers, data_from..data_to inclusive, in the province."""

    data_from: date
    data_to: date

    @property
    def start(self) -> datetime:
        return datetime.combine(self.data_from, time(), PROVINCE_TZ)

    @property
    def end(self) -> datetime:
        """The first instant after the last day."""
        return datetime.combine(self.data_to + timedelta(days=1), time(), PROVINCE_TZ)

    @property
    def as_of(self) -> date:
        """The day "overdue" is judged on: the period's last day, or today while it runs."""
        return min(province_today(), self.data_to)


def compute_figures(db: Session, window: Window, units: list[Unit]) -> dict[int, ReportFigures]:
    ids = [unit.id for unit in units]
    if not ids:
        return {}
    targets = _targets(db, window, units)
    satisfaction = _satisfaction(db, window, ids)
    receptions = _receptions(db, window, ids)
    petitions = _petitions(db, window, ids)
    inspections = _inspections(db, window, ids)
    trainings, dialogues = _activities(db, window, ids)
    return {
        unit.id: ReportFigures(
            data_from=window.data_from,
            data_to=window.data_to,
            as_of=window.as_of,
            year=window.data_to.year,
            targets=targets.get(unit.id, []),
            satisfaction=_satisfaction_figure(satisfaction.get(unit.id, Counter())),
            receptions=receptions.get(unit.id, ReceptionFigures()),
            petitions=petitions.get(unit.id, PetitionFigures()),
            inspections=inspections.get(unit.id, InspectionFigures()),
            trainings=trainings.get(unit.id, TrainingFigures()),
            dialogues=dialogues.get(unit.id, ActivityFigures()),
        )
        for unit in units
    }


def _targets(db: Session, window: Window, units: list[Unit]) -> dict[int, list[TargetFigure]]:
    """The yearly targets of the year the period ends in, those that apply to each unit."""
    year = window.data_to.year
    counted = [u for u in units if u.kind in COUNTED_KINDS and u.is_active]
    if not counted:
        return {}
    facts = load_facts(db, year, counted)
    day = window.as_of
    result: dict[int, list[TargetFigure]] = {}
    for unit in counted:
        indicators = (unit_indicator(code, facts, unit, day) for code in IndicatorCode)
        result[unit.id] = [
            TargetFigure(
                code=i.code,
                name=i.name,
                target=i.target,
                value=i.value,
                numerator=i.numerator,
                denominator=i.denominator,
                met=i.met,
            )
            for i in indicators
            if i.applies
        ]
    return result


# --- satisfaction --------------------------------------------------------------------------


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def _whole_months(window: Window) -> tuple[date, date] | None:
    """The first days of the first and last whole months within the window, if any."""
    first = window.data_from if window.data_from.day == 1 else _next_month(window.data_from)
    ends_a_month = (window.data_to + timedelta(days=1)).day == 1
    this_month = _month_start(window.data_to)
    last = this_month if ends_a_month else _month_start(this_month - timedelta(days=1))
    return (first, last) if first <= last else None


def _satisfaction(db: Session, window: Window, ids: list[int]) -> dict[int, Counter[Level]]:
    """Evaluations evaluated within the window (whole months from the monthly counts the
    database keeps, the days at either edge from the evaluations themselves), and survey
    results whose period ends within the window."""
    counts: dict[int, Counter[Level]] = defaultdict(Counter)
    months = _whole_months(window)
    raw_spans: list[tuple[datetime, datetime]] = []
    if months is None:
        raw_spans.append((window.start, window.end))
    else:
        first, last = months
        monthly = EvaluationMonthlyCount
        _add_level_sums(
            db,
            counts,
            monthly,
            [monthly.unit_id.in_(ids), monthly.month >= first, monthly.month <= last],
        )
        after_last = datetime.combine(_next_month(last), time(), PROVINCE_TZ)
        raw_spans += [
            (window.start, datetime.combine(first, time(), PROVINCE_TZ)),
            (after_last, window.end),
        ]
    for start, end in raw_spans:
        if start >= end:
            continue
        rows = db.execute(
            select(Evaluation.unit_id, Evaluation.level, func.count())
            .where(
                Evaluation.unit_id.in_(ids),
                Evaluation.evaluated_at >= start,
                Evaluation.evaluated_at < end,
            )
            .group_by(Evaluation.unit_id, Evaluation.level)
        )
        for unit_id, level, n in rows:
            counts[unit_id][level] += n
    _add_level_sums(
        db,
        counts,
        SurveyResult,
        [SurveyResult.unit_id.in_(ids), SurveyResult.ends_on.between(*_days(window))],
    )
    return counts


def _days(window: Window) -> tuple[date, date]:
    return window.data_from, window.data_to


def _add_level_sums(
    db: Session, counts: dict[int, Counter[Level]], table: Any, conditions: list[Any]
) -> None:
    sums = [func.sum(getattr(table, level.value)) for level in Level]
    rows = db.execute(select(table.unit_id, *sums).where(*conditions).group_by(table.unit_id))
    for unit_id, *per_level in rows:
        counts[unit_id].update(
            {level: int(n or 0) for level, n in zip(Level, per_level, strict=True)}
        )


def _satisfaction_figure(levels: Counter[Level]) -> SatisfactionFigure:
    answers = sum(levels.values())
    satisfied = sum(levels[level] for level in SATISFIED_LEVELS)
    return SatisfactionFigure(
        answers=answers,
        satisfied=satisfied,
        rate=round(satisfied / answers, 4) if answers else None,
        levels=LevelFigures(**{level.value: levels[level] for level in Level}),
    )


# --- receptions and petitions --------------------------------------------------------------


def _receptions(db: Session, window: Window, ids: list[int]) -> dict[int, ReceptionFigures]:
    rows = db.execute(
        select(
            Reception.unit_id,
            Reception.session_type,
            Reception.head_in_person,
            func.count(),
            func.coalesce(func.sum(Reception.group_size), 0),
        )
        .where(
            Reception.unit_id.in_(ids),
            Reception.received_at >= window.start,
            Reception.received_at < window.end,
        )
        .group_by(Reception.unit_id, Reception.session_type, Reception.head_in_person)
    )
    result: dict[int, ReceptionFigures] = defaultdict(ReceptionFigures)
    for unit_id, session_type, head, sessions, citizens in rows:
        figures = result[unit_id]
        figures.sessions += sessions
        figures.citizens += int(citizens)
        figures.head_in_person += sessions if head else 0
        key = session_type.value
        figures.by_session_type[key] = figures.by_session_type.get(key, 0) + sessions
    return result


def _petitions(db: Session, window: Window, ids: list[int]) -> dict[int, PetitionFigures]:
    """Petitions received within the window, as they stand now; "on time" compares the
    decision date with the resolution limit (no rule in force: not late), as the dashboard."""
    resolved = Petition.decision_date.is_not(None)
    limit = func.coalesce(Petition.resolution_due_on, Petition.decision_date)
    is_open = Petition.status.in_([s.value for s in OPEN])
    rows = db.execute(
        select(
            Petition.unit_id,
            Petition.case_type,
            Petition.field,
            func.count(),
            func.count().filter(resolved),
            func.count().filter(and_(resolved, Petition.decision_date <= limit)),
            func.count().filter(and_(is_open, Petition.due_on < window.as_of)),
        )
        .where(Petition.unit_id.in_(ids), Petition.received_on.between(*_days(window)))
        .group_by(Petition.unit_id, Petition.case_type, Petition.field)
    )
    result: dict[int, PetitionFigures] = defaultdict(PetitionFigures)
    for unit_id, case_type, field, *numbers in rows:
        figures = result[unit_id]
        for counts in (
            figures,
            figures.by_case_type.setdefault(case_type.value, PetitionCounts()),
            figures.by_field.setdefault(field.value, PetitionCounts()),
        ):
            _add_petitions(counts, numbers)
    return result


def _add_petitions(counts: PetitionCounts, numbers: list[int]) -> None:
    received, resolved, on_time, overdue = numbers
    counts.received += received
    counts.resolved += resolved
    counts.resolved_on_time += on_time
    counts.overdue += overdue


# --- inspections, trainings, dialogues -----------------------------------------------------


def _inspections(db: Session, window: Window, ids: list[int]) -> dict[int, InspectionFigures]:
    held = and_(held_on.between(*_days(window)), Inspection.status != InspectionStatus.cancelled)
    self_kind = Inspection.kind == InspectionKind.self_inspection
    result: dict[int, InspectionFigures] = defaultdict(InspectionFigures)
    conducted = db.execute(
        select(
            Inspection.inspecting_unit_id,
            func.count().filter(~self_kind),
            func.count().filter(self_kind),
        )
        .where(held, Inspection.inspecting_unit_id.in_(ids))
        .group_by(Inspection.inspecting_unit_id)
    )
    for unit_id, of_others, of_itself in conducted:
        result[unit_id].conducted = of_others
        result[unit_id].self_inspections = of_itself
    received = db.execute(
        select(Inspection.inspected_unit_id, func.count())
        .where(held, ~self_kind, Inspection.inspected_unit_id.in_(ids))
        .group_by(Inspection.inspected_unit_id)
    )
    for unit_id, n in received:
        result[unit_id].received = n
    recommendations = db.execute(
        select(
            Recommendation.responsible_unit_id,
            func.count(),
            func.count().filter(Recommendation.status.in_(DONE_RECOMMENDATIONS)),
            func.count().filter(Recommendation.is_overdue(window.as_of)),
        )
        .join(Recommendation.inspection)
        .where(held, Recommendation.responsible_unit_id.in_(ids))
        .group_by(Recommendation.responsible_unit_id)
    )
    for unit_id, total, done, overdue in recommendations:
        figures = result[unit_id]
        figures.recommendations = total
        figures.recommendations_done = done
        figures.recommendations_overdue = overdue
    return result


def _activities(
    db: Session, window: Window, ids: list[int]
) -> tuple[dict[int, TrainingFigures], dict[int, ActivityFigures]]:
    in_window = and_(Activity.unit_id.in_(ids), Activity.held_on.between(*_days(window)))
    rows = db.execute(
        select(
            Activity.unit_id,
            Activity.kind,
            func.count(),
            func.coalesce(func.sum(Activity.participants), 0),
        )
        .where(in_window, Activity.kind.in_([ActivityKind.training, ActivityKind.dialogue]))
        .group_by(Activity.unit_id, Activity.kind)
    )
    trainings: dict[int, TrainingFigures] = defaultdict(TrainingFigures)
    dialogues: dict[int, ActivityFigures] = {}
    for unit_id, kind, held, participants in rows:
        if kind is ActivityKind.training:
            trainings[unit_id].held = held
            trainings[unit_id].participants = int(participants)
        else:
            dialogues[unit_id] = ActivityFigures(held=held, participants=int(participants))
    trained = db.execute(
        select(Activity.unit_id, func.count(distinct(TrainingAttendance.official_id)))
        .join(TrainingAttendance, TrainingAttendance.activity_id == Activity.id)
        .where(in_window, Activity.kind == ActivityKind.training)
        .group_by(Activity.unit_id)
    )
    for unit_id, n in trained:
        trainings[unit_id].officials_trained = n
    return trainings, dialogues
