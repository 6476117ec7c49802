"""Survey results: counts per satisfaction level for a unit, a period, a field and a source
(survey campaigns, spreadsheets, the portal's own reports)."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from api.audit.service import record_event, snapshot
from api.auth.policy import Actor, Perm, ensure_readable, ensure_writable, readable, require
from api.common.listing import ListQuery, apply_search, fetch_page, order_by_sort
from api.common.periods import Period, parse_period, year_period
from api.common.problems import Conflict, Invalid, NotFound
from api.common.versioning import check_version
from api.db import violated_constraint
from api.surveys.enums import ProcedureField, SurveySource
from api.surveys.models import SurveyResult
from api.surveys.records import refuse_emptied
from api.surveys.schemas import SurveyResultCreate, SurveyResultUpdate
from api.units.models import Unit

UNIQUE_CONSTRAINT = "uq_survey_results_unit_id_period_field_source"

SORTS = {
    "period": SurveyResult.starts_on,
    "ends_on": SurveyResult.ends_on,
    "unit_id": SurveyResult.unit_id,
    "field": SurveyResult.field,
    "source": SurveyResult.source,
    "created_at": SurveyResult.created_at,
}


@dataclass(frozen=True)
class SurveyResultFilters:
    unit_id: int | None = None
    year: int | None = None
    period: Period | None = None  # results whose period lies within this one
    field: ProcedureField | None = None
    source: SurveySource | None = None


def within(period: Period) -> list[Any]:
    """Conditions: the survey result's period lies within `period` (2026Q1 lies within 2026)."""
    return [SurveyResult.starts_on >= period.starts_on, SurveyResult.ends_on <= period.ends_on]


def _filtered(actor: Actor, lq: ListQuery, filters: SurveyResultFilters) -> Select[Any]:
    stmt = readable(select(SurveyResult), actor, Perm.surveys_read, SurveyResult.unit_id)
    stmt = apply_search(stmt, SurveyResult.search_text, lq.q)
    for column, value in (
        (SurveyResult.unit_id, filters.unit_id),
        (SurveyResult.field, filters.field),
        (SurveyResult.source, filters.source),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    for period in (filters.period, year_period(filters.year) if filters.year else None):
        if period is not None:
            stmt = stmt.where(*within(period))
    return order_by_sort(stmt, lq.sort, SORTS, "-period", SurveyResult.id.desc())


def list_survey_results(
    db: Session, actor: Actor, lq: ListQuery, filters: SurveyResultFilters
) -> tuple[list[SurveyResult], int]:
    rows, total = fetch_page(db, _filtered(actor, lq, filters), lq)
    return list(rows), total


def export_survey_results(
    db: Session, actor: Actor, lq: ListQuery, filters: SurveyResultFilters
) -> list[SurveyResult]:
    stmt = _filtered(actor, lq, filters).options(selectinload(SurveyResult.unit))
    return list(db.scalars(stmt))


def _find(db: Session, result_id: int) -> SurveyResult:
    result = db.get(SurveyResult, result_id)
    if result is None:
        raise NotFound(f"Không tìm thấy kết quả khảo sát #{result_id}")
    return result


def get_survey_result(db: Session, actor: Actor, result_id: int) -> SurveyResult:
    result = _find(db, result_id)
    ensure_readable(actor, Perm.surveys_read, result.unit_id)
    return result


def _check_unit(db: Session, unit_id: int) -> None:
    if db.get(Unit, unit_id) is None:
        raise Invalid.field(["unit_id"], f"Không tìm thấy đơn vị #{unit_id}")


def _set_period(result: SurveyResult, code: str) -> None:
    period = parse_period(code)
    result.period, result.starts_on, result.ends_on = period.code, period.starts_on, period.ends_on


@contextmanager
def _unique_slot(db: Session) -> Iterator[None]:
    """Apply the changes made in the block in a savepoint; a clash with another result of the
    same (unit, period, field, source) is a 409 and leaves the stored one as it was."""
    try:
        with db.begin_nested():
            yield
            db.flush()
    except IntegrityError as exc:
        if violated_constraint(exc) != UNIQUE_CONSTRAINT:
            raise
        raise Conflict(
            "Đơn vị đã có kết quả khảo sát cùng kỳ, lĩnh vực và nguồn",
            errors=[{"loc": ["body", "period"], "msg": "already recorded", "type": "unique"}],
        ) from exc


def create_survey_result(db: Session, actor: Actor, data: SurveyResultCreate) -> SurveyResult:
    unit_id = data.unit_id if data.unit_id is not None else actor.unit_id
    if unit_id is None:
        raise Invalid.field(["unit_id"], "Cần cho biết đơn vị (unit_id)")
    require(actor, Perm.survey_results_write, unit_id)
    _check_unit(db, unit_id)
    result = SurveyResult(**data.model_dump(exclude={"unit_id", "period"}), unit_id=unit_id)
    _set_period(result, data.period)
    with _unique_slot(db):
        db.add(result)
    record_event(db, actor, "create", result)
    return result


def update_survey_result(
    db: Session,
    actor: Actor,
    result_id: int,
    data: SurveyResultUpdate,
    expected_version: int | None,
) -> SurveyResult:
    result = _find(db, result_id)
    ensure_writable(actor, Perm.survey_results_write, Perm.surveys_read, result.unit_id)
    check_version(result.version, expected_version)
    refuse_emptied(data, SurveyResultUpdate.model_fields.keys() - {"note"})
    changes = data.model_dump(exclude_unset=True, exclude={"period"})
    if "unit_id" in changes:
        require(actor, Perm.survey_results_write, changes["unit_id"])
        _check_unit(db, changes["unit_id"])
    before = snapshot(result)
    with _unique_slot(db):
        for name, value in changes.items():
            setattr(result, name, value)
        if data.period is not None:
            _set_period(result, data.period)
    record_event(db, actor, "update", result, before=before)
    return result


def delete_survey_result(
    db: Session, actor: Actor, result_id: int, expected_version: int | None
) -> None:
    result = _find(db, result_id)
    ensure_writable(actor, Perm.survey_results_write, Perm.surveys_read, result.unit_id)
    check_version(result.version, expected_version)
    before = snapshot(result)
    db.delete(result)
    db.flush()
    record_event(db, actor, "delete", result, before=before)
