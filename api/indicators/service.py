"""The plan's targets (DESIGN section 2), computed from the records for a year: for the
province, with the units that fall short, or for one unit (its scorecard).

Which units count: the active units of the kinds a target names, established on or before
the year's last day (a unit created mid-year counts from its creation). Everything is read in
a handful of grouped queries, whatever the number of units.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal, or_, select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.orm import Session

from api.activities.enums import EFFECTIVE_RATINGS, ActivityKind, ModelRating
from api.activities.models import Activity, Official, TrainingAttendance
from api.auth.policy import OWN, Actor, Perm, ensure_readable, reach
from api.common.dates import province_today, year_bounds
from api.common.periods import year_period
from api.common.problems import NotFound
from api.db import among
from api.indicators.enums import TARGET_KINDS, TARGETS, IndicatorCode
from api.indicators.schemas import FallingShort, Indicator, IndicatorReport, UnitBrief
from api.plans.enums import ISSUED_STATUSES, PlanKind, PlanStatus
from api.plans.models import Plan
from api.surveys.enums import CT3B_FIELDS, SATISFIED_LEVELS
from api.surveys.enums import SatisfactionLevel as Level
from api.surveys.satisfaction import level_counts
from api.units.enums import COUNTED_KINDS
from api.units.models import Unit

C = IndicatorCode


@dataclass(frozen=True)
class Outcome:
    """One unit against one target."""

    numerator: int
    denominator: int
    met: bool | None  # None: nothing to judge (no answers yet)
    reason: str | None = None  # why it falls short

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None


def percent(fraction: float) -> str:
    """`0.8571` -> `85,7%`, with the Vietnamese decimal comma."""
    return f"{fraction * 100:.1f}%".replace(".", ",")


def _yes(met: bool, reason: str) -> Outcome:
    return Outcome(int(met), 1, met, None if met else reason)


@dataclass(frozen=True)
class YearFacts:
    """What the targets are computed from, loaded once for the units in question."""

    year: int
    units: list[Unit]
    plan_statuses: dict[tuple[int, PlanKind], set[PlanStatus]]
    activity_counts: Counter[tuple[int, ActivityKind]]
    latest_rating: dict[int, ModelRating]
    officials: dict[int, tuple[int, int]]  # unit id -> (on the roster, trained)
    satisfaction_all: dict[int, Counter[Level]]
    satisfaction_ct3b: dict[int, Counter[Level]]


def _counted(stmt: Select[Any], year: int, unit_id: int | None) -> Select[Any]:
    """Narrows `stmt` to the active units of the counted kinds that existed in `year`."""
    _, last = year_bounds(year)
    stmt = stmt.where(
        Unit.is_active,
        Unit.kind.in_(COUNTED_KINDS),
        or_(Unit.established_on.is_(None), Unit.established_on <= last),
    )
    return stmt if unit_id is None else stmt.where(Unit.id == unit_id)


def counted_units(db: Session, year: int, unit_id: int | None = None) -> list[Unit]:
    """The units the targets count in `year`, by kind then name."""
    return list(
        db.scalars(_counted(select(Unit), year, unit_id).order_by(Unit.kind, Unit.name, Unit.id))
    )


def counted_unit_ids(db: Session, year: int, unit_id: int | None = None) -> list[int]:
    """The ids of `counted_units`, without loading the units."""
    return list(db.scalars(_counted(select(Unit.id), year, unit_id)))


def load_facts(db: Session, year: int, units: list[Unit]) -> YearFacts:
    ids = [unit.id for unit in units]
    first, last = year_bounds(year)
    satisfaction_all, satisfaction_ct3b = _satisfaction(db, year, ids)
    return YearFacts(
        year=year,
        units=units,
        plan_statuses=_plan_statuses(db, year, ids),
        activity_counts=_activity_counts(db, ids, first, last),
        latest_rating=_latest_ratings(db, ids, first, last),
        officials=_officials(db, ids, first, last),
        satisfaction_all=satisfaction_all,
        satisfaction_ct3b=satisfaction_ct3b,
    )


def _plan_statuses(
    db: Session, year: int, ids: list[int]
) -> dict[tuple[int, PlanKind], set[PlanStatus]]:
    rows = db.execute(
        select(Plan.unit_id, Plan.kind, Plan.status)
        .where(
            Plan.year == year,
            Plan.kind.in_([PlanKind.implementation, PlanKind.friendly_model]),
            among(Plan.unit_id, ids),
        )
        .distinct()
    )
    statuses: dict[tuple[int, PlanKind], set[PlanStatus]] = {}
    for unit_id, kind, status in rows:
        statuses.setdefault((unit_id, kind), set()).add(status)
    return statuses


def _activity_counts(
    db: Session, ids: list[int], first: date, last: date
) -> Counter[tuple[int, ActivityKind]]:
    rows = db.execute(
        select(Activity.unit_id, Activity.kind, func.count())
        .where(
            Activity.kind.in_([ActivityKind.dissemination, ActivityKind.review]),
            Activity.held_on.between(first, last),
            among(Activity.unit_id, ids),
        )
        .group_by(Activity.unit_id, Activity.kind)
    )
    return Counter({(unit_id, kind): n for unit_id, kind, n in rows})


def _latest_ratings(db: Session, ids: list[int], first: date, last: date) -> dict[int, ModelRating]:
    """The rating of each unit's last model self-assessment of the year."""
    rows = db.execute(
        select(Activity.unit_id, Activity.rating)
        .where(
            Activity.kind == ActivityKind.model_assessment,
            Activity.held_on.between(first, last),
            among(Activity.unit_id, ids),
        )
        .ext(distinct_on(Activity.unit_id))
        .order_by(Activity.unit_id, Activity.held_on.desc(), Activity.id.desc())
    )
    return {unit_id: rating for unit_id, rating in rows}


def in_charge_during(first: date, last: date) -> ColumnElement[bool]:
    """An active official whose time in charge overlaps the days first..last."""
    return and_(
        Official.is_active,
        or_(Official.since.is_(None), Official.since <= last),
        or_(Official.until.is_(None), Official.until >= first),
    )


def _officials(db: Session, ids: list[int], first: date, last: date) -> dict[int, tuple[int, int]]:
    trained = (
        select(literal(1))
        .where(
            TrainingAttendance.official_id == Official.id,
            TrainingAttendance.activity_id == Activity.id,
            Activity.kind == ActivityKind.training,
            Activity.held_on.between(first, last),
        )
        .exists()
    )
    rows = db.execute(
        select(Official.unit_id, func.count(), func.count().filter(trained))
        .where(in_charge_during(first, last), among(Official.unit_id, ids))
        .group_by(Official.unit_id)
    )
    return {unit_id: (total, done) for unit_id, total, done in rows}


def _satisfaction(
    db: Session, year: int, ids: list[int]
) -> tuple[dict[int, Counter[Level]], dict[int, Counter[Level]]]:
    """Each unit's answers in all fields (CT3a) and in land, construction and investment
    (CT3b): one pass over the year's counts grouped by unit and whether the field is one of
    CT3b's (two rows a unit at most, where grouping by field gave fifteen)."""
    counts = level_counts(
        db,
        year_period(year),
        lambda source: (source.table.unit_id, source.table.field.in_(CT3B_FIELDS)),
        units=ids,
    )
    every: dict[int, Counter[Level]] = {}
    ct3b: dict[int, Counter[Level]] = {}
    for (unit_id, in_ct3b), levels in counts.items():
        every.setdefault(unit_id, Counter()).update(levels)
        if in_ct3b:
            ct3b[unit_id] = levels
    return every, ct3b


# --- each target, for one unit -------------------------------------------------------------


def _issued(facts: YearFacts, unit: Unit, kind: PlanKind) -> tuple[bool, bool]:
    """(an issued plan of `kind` exists, only drafts exist)."""
    statuses = facts.plan_statuses.get((unit.id, kind), set())
    return bool(statuses & ISSUED_STATUSES), PlanStatus.draft in statuses


def _plan_outcome(facts: YearFacts, unit: Unit, kind: PlanKind, missing: str) -> Outcome:
    issued, drafted = _issued(facts, unit, kind)
    return _yes(issued, f"{missing} (mới có dự thảo)" if drafted else missing)


def _ct1(facts: YearFacts, unit: Unit) -> Outcome:
    return _plan_outcome(facts, unit, PlanKind.implementation, "Chưa ban hành kế hoạch")


def _ct2(facts: YearFacts, unit: Unit) -> Outcome:
    held = facts.activity_counts[(unit.id, ActivityKind.dissemination)] > 0
    return _yes(held, "Chưa có hoạt động tuyên truyền, quán triệt")


def _rate(levels: Counter[Level] | None, target: float) -> Outcome:
    levels = levels or Counter()
    answers = sum(levels.values())
    satisfied = sum(levels[level] for level in SATISFIED_LEVELS)
    if not answers:
        return Outcome(0, 0, None)
    met = satisfied / answers >= target
    reason = f"Tỷ lệ hài lòng {percent(satisfied / answers)} ({satisfied}/{answers})"
    return Outcome(satisfied, answers, met, None if met else reason)


def _ct3a(facts: YearFacts, unit: Unit) -> Outcome:
    return _rate(facts.satisfaction_all.get(unit.id), TARGETS[C.ct3a])


def _ct3b(facts: YearFacts, unit: Unit) -> Outcome:
    return _rate(facts.satisfaction_ct3b.get(unit.id), TARGETS[C.ct3b])


def _ct4a(facts: YearFacts, unit: Unit) -> Outcome:
    return _plan_outcome(
        facts,
        unit,
        PlanKind.friendly_model,
        "Chưa ban hành kế hoạch mô hình “Công sở thân thiện vì Nhân dân phục vụ”",
    )


def _ct4b(facts: YearFacts, unit: Unit) -> Outcome:
    issued, drafted = _issued(facts, unit, PlanKind.friendly_model)
    rating = facts.latest_rating.get(unit.id)
    reasons = []
    if not issued:
        reasons.append("chưa ban hành kế hoạch mô hình" + (" (mới có dự thảo)" if drafted else ""))
    if rating is None:
        reasons.append("chưa tự đánh giá mô hình trong năm")
    elif rating not in EFFECTIVE_RATINGS:
        reasons.append(f"tự đánh giá: {rating.label.lower()}")
    return _yes(not reasons, "; ".join(reasons).capitalize())


def _ct5(facts: YearFacts, unit: Unit) -> Outcome:
    total, trained = facts.officials.get(unit.id, (0, 0))
    if not total:
        return Outcome(0, 0, False, "Chưa có danh sách cán bộ phụ trách công tác dân vận")
    met = trained == total
    reason = None if met else f"{total - trained}/{total} cán bộ chưa được tập huấn"
    return Outcome(trained, total, met, reason)


def _ct6(facts: YearFacts, unit: Unit) -> Outcome:
    held = facts.activity_counts[(unit.id, ActivityKind.review)] > 0
    return _yes(held, "Chưa tổ chức đánh giá, sơ kết, tổng kết")


RULES = {
    C.ct1: _ct1,
    C.ct2: _ct2,
    C.ct3a: _ct3a,
    C.ct3b: _ct3b,
    C.ct4a: _ct4a,
    C.ct4b: _ct4b,
    C.ct5: _ct5,
    C.ct6: _ct6,
}
# Targets over answers or officials add the units' counts up; the others count units.
_SUMMED = frozenset({C.ct3a, C.ct3b, C.ct5})


# --- the report ----------------------------------------------------------------------------


def as_of(year: int) -> date:
    """The last day the figures cover: today for the current year."""
    return min(province_today(), year_bounds(year)[1])


def _falling_short(unit: Unit, outcome: Outcome) -> FallingShort:
    return FallingShort(
        unit_id=unit.id,
        code=unit.code,
        name=unit.name,
        reason=outcome.reason or "",
        value=outcome.value,
    )


def unit_outcomes(code: IndicatorCode, facts: YearFacts) -> list[tuple[Unit, Outcome]]:
    """Every unit the target is about, with how it stands."""
    return [(u, RULES[code](facts, u)) for u in facts.units if u.kind in TARGET_KINDS[code]]


def province_indicator(code: IndicatorCode, facts: YearFacts, day: date) -> Indicator:
    outcomes = unit_outcomes(code, facts)
    short = [_falling_short(u, o) for u, o in outcomes if o.met is False]
    if code in _SUMMED:
        numerator = sum(o.numerator for _, o in outcomes)
        denominator = sum(o.denominator for _, o in outcomes)
    else:
        numerator, denominator = sum(1 for _, o in outcomes if o.met), len(outcomes)
    value = numerator / denominator if denominator else None
    if code in (C.ct3a, C.ct3b):
        met = None if value is None else value >= TARGETS[code]
    else:
        met = bool(denominator) and not short  # 100% targets: every unit, every official
    return Indicator(
        code=code,
        name=code.label,
        target=TARGETS[code],
        applies=True,
        value=value,
        numerator=numerator,
        denominator=denominator,
        met=met,
        as_of=day,
        falling_short=short,
    )


def unit_indicator(code: IndicatorCode, facts: YearFacts, unit: Unit, day: date) -> Indicator:
    counted = bool(facts.units) and unit.kind in TARGET_KINDS[code]
    outcome = RULES[code](facts, unit) if counted else Outcome(0, 0, None)
    return Indicator(
        code=code,
        name=code.label,
        target=TARGETS[code],
        applies=counted,
        value=outcome.value,
        numerator=outcome.numerator,
        denominator=outcome.denominator,
        met=outcome.met,
        as_of=day,
        falling_short=[_falling_short(unit, outcome)] if outcome.met is False else [],
    )


def province_facts(db: Session, year: int) -> YearFacts:
    return load_facts(db, year, counted_units(db, year))


def province_indicators(facts: YearFacts) -> list[Indicator]:
    day = as_of(facts.year)
    return [province_indicator(code, facts, day) for code in IndicatorCode]


def readable_unit(actor: Actor, unit_id: int | None) -> int | None:
    """The unit a request is about: the one asked for, or a unit officer's own whatever they
    asked (another unit's is 404); None for the province."""
    if unit_id is None and reach(actor, Perm.indicators_read) is OWN:
        unit_id = actor.unit_id
    ensure_readable(actor, Perm.indicators_read, *(() if unit_id is None else (unit_id,)))
    return unit_id


def indicators(db: Session, actor: Actor, year: int, unit_id: int | None) -> IndicatorReport:
    """The province's targets, or one unit's scorecard."""
    unit_id = readable_unit(actor, unit_id)
    day = as_of(year)
    if unit_id is None:
        targets = province_indicators(province_facts(db, year))
        return IndicatorReport(year=year, as_of=day, unit=None, indicators=targets)
    unit = db.get(Unit, unit_id)
    if unit is None:
        raise NotFound(f"Không tìm thấy đơn vị #{unit_id}")
    facts = load_facts(db, year, counted_units(db, year, unit.id))
    return IndicatorReport(
        year=year,
        as_of=day,
        unit=UnitBrief(id=unit.id, code=unit.code, name=unit.name, kind=unit.kind),
        indicators=[unit_indicator(code, facts, unit, day) for code in IndicatorCode],
    )
