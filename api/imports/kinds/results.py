"""Survey results: counts per satisfaction level for a unit, a period, a field and a source."""

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth.policy import Actor, Perm, require
from api.common.periods import parse_period
from api.common.problems import Forbidden
from api.common.text import fold
from api.imports.columns import (
    Cell,
    CellError,
    Column,
    Context,
    choice,
    integer,
    labels_of,
    text,
    unit,
)
from api.imports.engine import ImportKind, ParsedRow, RowOutcome, Upsert
from api.surveys import survey_results
from api.surveys.enums import ProcedureField, SurveySource
from api.surveys.models import SurveyResult
from api.surveys.schemas import SurveyResultCreate, SurveyResultUpdate

# Periods as the app writes them (Period.label), folded: "Quý I/2026", "Tháng 3/2026"...
_QUARTER = re.compile(r"^quy (i|ii|iii|iv|[1-4]) ?/ ?(\d{4})$")
_MONTH = re.compile(r"^thang (0?[1-9]|1[0-2]) ?/ ?(\d{4})$")
_HALF = re.compile(r"^6 thang (dau|cuoi) nam (\d{4})$")
_YEAR = re.compile(r"^nam (\d{4})$")
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}


def _period_code(typed: str) -> str:
    folded = fold(typed)
    if match := _QUARTER.match(folded):
        return f"{match[2]}Q{_ROMAN.get(match[1], match[1])}"
    if match := _MONTH.match(folded):
        return f"{match[2]}{int(match[1]):02d}"
    if match := _HALF.match(folded):
        return f"{match[2]}S{1 if match[1] == 'dau' else 2}"
    if match := _YEAR.match(folded):
        return match[1]
    return typed


def period(cell: Cell, context: Context) -> str:
    """A period's code: `2026`, `2026S1`, `2026Q1`, `202603`, or its Vietnamese label."""
    try:
        return parse_period(_period_code(text()(cell, context))).code
    except ValueError as exc:
        raise CellError("invalid_period", str(exc)) from exc


def _count(name: str, label: str, example: str) -> Column:
    return Column(name, label, integer(0), required=True, example=example)


COLUMNS = (
    Column("unit_code", "Đơn vị", unit, required=True, example="P-HOALU", aliases=("Mã đơn vị",)),
    Column("period", "Kỳ", period, required=True, example="2026Q1"),
    Column(
        "field",
        "Lĩnh vực",
        choice(ProcedureField),
        required=True,
        example=ProcedureField.land.label,
        choices=labels_of(ProcedureField),
    ),
    Column(
        "source",
        "Nguồn",
        choice(SurveySource),
        required=True,
        example=SurveySource.spreadsheet.label,
        choices=labels_of(SurveySource),
    ),
    _count("very_satisfied", "Rất hài lòng", "120"),
    _count("satisfied", "Hài lòng", "45"),
    _count("neutral", "Bình thường", "0"),
    _count("dissatisfied", "Không hài lòng", "3"),
    Column("note", "Ghi chú", text(1000), example="Khảo sát tại bộ phận một cửa"),
)
FIELDS = {"unit_id": "unit_code"}


def _schema_values(values: dict[str, Any]) -> dict[str, Any]:
    return {"unit_id" if name == "unit_code" else name: value for name, value in values.items()}


def _find(db: Session, actor: Actor, values: dict[str, Any]) -> SurveyResult | None:
    """The stored result of the row's key; first, a unit officer may name only their unit
    (checked before looking, so another unit's results stay unseen)."""
    try:
        require(actor, Perm.survey_results_write, values["unit_code"])
    except Forbidden as exc:
        raise Forbidden(
            "Không có quyền ghi kết quả khảo sát của đơn vị này",
            errors=[{"loc": ["unit_id"], "msg": "forbidden", "type": "forbidden"}],
        ) from exc
    return db.scalar(
        select(SurveyResult).where(
            SurveyResult.unit_id == values["unit_code"],
            SurveyResult.period == values["period"],
            SurveyResult.field == values["field"],
            SurveyResult.source == values["source"],
        )
    )


def _current(result: SurveyResult) -> dict[str, Any]:
    return {
        "unit_code": result.unit_id,
        "period": result.period,
        "field": result.field,
        "source": result.source,
        "very_satisfied": result.very_satisfied,
        "satisfied": result.satisfied,
        "neutral": result.neutral,
        "dissatisfied": result.dissatisfied,
        "note": result.note,
    }


def apply_survey_results(db: Session, actor: Actor, rows: list[ParsedRow]) -> list[RowOutcome]:
    upsert = Upsert(
        find=lambda db, values: _find(db, actor, values),
        current=_current,
        create=lambda db, actor, values: survey_results.create_survey_result(
            db, actor, SurveyResultCreate(**_schema_values(values))
        ),
        update=lambda db, actor, result, changed: survey_results.update_survey_result(
            db, actor, result.id, SurveyResultUpdate(**_schema_values(changed)), None
        ),
        fields=FIELDS,
    )
    return upsert(db, actor, rows)


KINDS: tuple[ImportKind, ...] = (
    ImportKind(
        name="survey-results",
        label="Kết quả khảo sát",
        columns=COLUMNS,
        key=("unit_code", "period", "field", "source"),
        perm=Perm.survey_results_write,
        apply=apply_survey_results,
    ),
)
