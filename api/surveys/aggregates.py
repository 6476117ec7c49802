"""The monthly evaluation counts (`evaluation_monthly_counts`) that satisfaction figures read
instead of scanning every evaluation. Triggers keep them (migration 0006); this module
recomputes them from the raw rows and compares the two."""

from sqlalchemy import Date, cast, func, select, text
from sqlalchemy.orm import Session

from api.config import PROVINCE_TZ
from api.surveys.enums import SatisfactionLevel
from api.surveys.models import Evaluation, EvaluationMonthlyCount

LEVELS = tuple(level.value for level in SatisfactionLevel)
Key = tuple[int, str, str]  # unit id, month (ISO date), field
Counts = dict[Key, tuple[int, ...]]


def _recomputed_select():
    month = cast(
        func.date_trunc("month", func.timezone(PROVINCE_TZ.key, Evaluation.evaluated_at)), Date
    )
    per_level = [func.count().filter(Evaluation.level == level) for level in LEVELS]
    return select(Evaluation.unit_id, month, Evaluation.field, *per_level).group_by(
        Evaluation.unit_id, month, Evaluation.field
    )


def rebuild_evaluation_counts(db: Session) -> int:
    """Replace the counts with ones recomputed from `evaluations`; returns the rows written.
    Holds a SHARE lock on `evaluations` meanwhile, so no write slips between the two."""
    table = EvaluationMonthlyCount.__table__
    db.execute(text("LOCK TABLE evaluations IN SHARE MODE"))
    db.execute(table.delete())
    columns = ["unit_id", "month", "field", *LEVELS]
    db.execute(table.insert().from_select(columns, _recomputed_select()))
    return db.scalar(select(func.count()).select_from(table)) or 0


def maintained_counts(db: Session) -> Counts:
    rows = db.execute(
        select(
            EvaluationMonthlyCount.unit_id,
            EvaluationMonthlyCount.month,
            EvaluationMonthlyCount.field,
            *(getattr(EvaluationMonthlyCount, level) for level in LEVELS),
        )
    )
    return {(r[0], r[1].isoformat(), r[2].value): tuple(r[3:]) for r in rows}


def recomputed_counts(db: Session) -> Counts:
    return {
        (r[0], r[1].isoformat(), r[2].value): tuple(r[3:]) for r in db.execute(_recomputed_select())
    }


def count_differences(
    db: Session,
) -> dict[Key, tuple[tuple[int, ...] | None, tuple[int, ...] | None]]:
    """(maintained, recomputed) for every key where they differ; empty when they agree."""
    maintained, recomputed = maintained_counts(db), recomputed_counts(db)
    return {
        key: (maintained.get(key), recomputed.get(key))
        for key in maintained.keys() | recomputed.keys()
        if maintained.get(key) != recomputed.get(key)
    }
