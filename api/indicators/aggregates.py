"""The petition counts (`petition_figure_counts`) the dashboard sums instead of reading every
petition of the year. Triggers keep them (migration 0009); this module recomputes them from the
raw rows, from the same definitions the dashboard uses (`api.reception.timing`), and compares
the two."""

from typing import Any

from sqlalchemy import (
    Date,
    Select,
    SmallInteger,
    and_,
    case,
    cast,
    func,
    literal,
    select,
    text,
    type_coerce,
)
from sqlalchemy.orm import Session

from api.indicators.models import NO_DUE_DATE, PetitionFigureCount, PetitionStage
from api.reception.enums import PetitionStatus
from api.reception.models import Petition
from api.reception.timing import ACCEPT_PHASE, OPEN, RESOLVE_PHASE

KEY = ("year", "unit_id", "field", "case_type", "stage", "due_on", "resolution_due_on")
COUNTS = ("petitions", "resolved", "resolved_on_time", "over_level")
RUNNING = ACCEPT_PHASE | RESOLVE_PHASE  # a clock runs: the resolution limit can be missed
Counts = dict[tuple[Any, ...], tuple[int, ...]]


def _no_later_than(condition: Any, day: Any) -> Any:
    never = cast(literal(NO_DUE_DATE), Date)
    return case((condition, func.coalesce(day, never)), else_=never)


def _statuses(statuses: frozenset[PetitionStatus]) -> list[str]:
    return sorted(s.value for s in statuses)


def _stage_of(status: Any) -> Any:
    """The stage of a petition's `status` column, as the counts key it."""
    return case(
        (status.in_(_statuses(RUNNING)), literal(PetitionStage.running.value)),
        (status.in_(_statuses(OPEN)), literal(PetitionStage.stopped.value)),
        else_=literal(PetitionStage.done.value),
    )


def _recomputed_select() -> Select[Any]:
    p = Petition
    resolved = p.decision_date.is_not(None)
    # Without a rule in force there is no limit to miss.
    on_time = and_(resolved, p.decision_date <= func.coalesce(p.resolution_due_on, p.decision_date))
    key = (
        cast(func.extract("year", p.received_on), SmallInteger).label("year"),
        p.unit_id,
        p.field,
        p.case_type,
        type_coerce(_stage_of(p.status), PetitionFigureCount.stage.type).label("stage"),
        _no_later_than(p.status.in_(_statuses(OPEN)), p.due_on).label("due_on"),
        _no_later_than(p.status.in_(_statuses(RUNNING)), p.resolution_due_on).label(
            "resolution_due_on"
        ),
    )
    return select(
        *key,
        func.count(),
        func.count().filter(resolved),
        func.count().filter(on_time),
        func.count().filter(p.sent_to_level_above),
    ).group_by(*key)


def rebuild_petition_counts(db: Session) -> int:
    """Replace the counts with ones recomputed from `petitions`; returns the rows written.
    Holds a SHARE lock on `petitions` meanwhile, so no write slips between the two."""
    table = PetitionFigureCount.__table__
    db.execute(text("LOCK TABLE petitions IN SHARE MODE"))
    db.execute(table.delete())
    db.execute(table.insert().from_select([*KEY, *COUNTS], _recomputed_select()))
    return db.scalar(select(func.count()).select_from(table)) or 0


def _as_dict(rows: Any) -> Counts:
    return {tuple(row[: len(KEY)]): tuple(row[len(KEY) :]) for row in rows}


def maintained_counts(db: Session) -> Counts:
    c = PetitionFigureCount
    return _as_dict(db.execute(select(*(getattr(c, name) for name in (*KEY, *COUNTS)))))


def recomputed_counts(db: Session) -> Counts:
    return _as_dict(db.execute(_recomputed_select()))


def count_differences(db: Session) -> dict[tuple[Any, ...], tuple[Any, Any]]:
    """(maintained, recomputed) for every key where they differ; empty when they agree."""
    maintained, recomputed = maintained_counts(db), recomputed_counts(db)
    return {
        key: (maintained.get(key), recomputed.get(key))
        for key in maintained.keys() | recomputed.keys()
        if maintained.get(key) != recomputed.get(key)
    }
