"""Survey results: counts per satisfaction level for a unit, a period, a field and a source."""

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth.policy import Actor, Perm
from api.common.periods import parse_period
from api.common.text import fold
from api.imports.columns import (
    UNIT_FIELDS,
    Cell,
    CellError,
    Column,
    Context,
    choice_column,
    integer,
    text,
    unit_column,
)
from api.imports.engine import ImportKind, Upsert, Values, creating, updating, writable_unit
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
    unit_column(example="P-HOALU"),
    Column("period", "Kỳ", period, required=True, example="2026Q1"),
    choice_column("field", "Lĩnh vực", ProcedureField.land, required=True),
    choice_column("source", "Nguồn", SurveySource.spreadsheet, required=True),
    _count("very_satisfied", "Rất hài lòng", "120"),
    _count("satisfied", "Hài lòng", "45"),
    _count("neutral", "Bình thường", "0"),
    _count("dissatisfied", "Không hài lòng", "3"),
    Column("note", "Ghi chú", text(1000), example="Khảo sát tại bộ phận một cửa"),
)
_STORED = tuple(column.name for column in COLUMNS if column.name != "unit_code")


def _find(db: Session, _actor: Actor, values: Values) -> SurveyResult | None:
    return db.scalar(
        select(SurveyResult).where(
            SurveyResult.unit_id == values["unit_code"],
            SurveyResult.period == values["period"],
            SurveyResult.field == values["field"],
            SurveyResult.source == values["source"],
        )
    )


def _current(result: SurveyResult) -> Values:
    return {"unit_code": result.unit_id} | {name: getattr(result, name) for name in _STORED}


KINDS: tuple[ImportKind, ...] = (
    ImportKind(
        name="survey-results",
        label="Kết quả khảo sát",
        columns=COLUMNS,
        key=("unit_code", "period", "field", "source"),
        perm=Perm.survey_results_write,
        apply=Upsert(
            authorise=writable_unit(Perm.survey_results_write),
            find=_find,
            current=_current,
            create=creating(survey_results.create_survey_result, SurveyResultCreate, UNIT_FIELDS),
            update=updating(survey_results.update_survey_result, SurveyResultUpdate, UNIT_FIELDS),
            fields=UNIT_FIELDS,
        ),
    ),
)
