"""Evaluations (in bulk: a file of 100,000 is common) and survey results."""

from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from api.auth.policy import Actor, Perm
from api.common.problems import Problem
from api.imports.columns import UNIT_FIELDS, Column, choice_column, moment, text, unit_column
from api.imports.engine import (
    ImportKind,
    ParsedRow,
    RowError,
    RowOutcome,
    row_errors,
    schema_values,
)
from api.surveys import evaluations
from api.surveys.enums import EvaluationChannel, EvaluationSource, ProcedureField
from api.surveys.enums import SatisfactionLevel as Level
from api.surveys.schemas import EvaluationCreate, EvaluationUpdate

EVALUATION_COLUMNS = (
    choice_column("source", "Nguồn", EvaluationSource.import_, default=EvaluationSource.import_),
    Column("external_id", "Mã đánh giá", text(64), required=True, example="DG-2026-000123"),
    unit_column(aliases=("agency_code", "Mã định danh")),
    Column("dossier_code", "Mã hồ sơ", text(64), required=True, example="H42.22-260301-0001"),
    Column("procedure_code", "Mã thủ tục", text(64), example="1.004227"),
    choice_column("field", "Lĩnh vực", ProcedureField.land, required=True),
    choice_column("level", "Mức độ hài lòng", Level.satisfied, required=True),
    Column("evaluated_at", "Thời điểm đánh giá", moment, required=True, example="01/03/2026 09:15"),
    choice_column(
        "channel", "Kênh đánh giá", EvaluationChannel.portal, default=EvaluationChannel.other
    ),
)


def apply_evaluations(db: Session, actor: Actor, rows: list[ParsedRow]) -> list[RowOutcome]:
    """New keys in one multi-row INSERT; a stored key with the same content is unchanged, with
    other content an update (the office corrects its sheet and uploads it again)."""
    outcomes: dict[int, RowOutcome] = {}
    valid: list[tuple[ParsedRow, evaluations.EvaluationRow]] = []
    for row in rows:
        try:
            data = EvaluationCreate(**schema_values(row.values, UNIT_FIELDS))
        except ValidationError as exc:
            outcomes[row.number] = RowOutcome(None, row_errors(row.number, exc, UNIT_FIELDS))
            continue
        valid.append((row, evaluations.as_row(data, row.values["unit_code"])))
    stored = evaluations.stored_by_key(db, [evaluations.row_key(r) for _, r in valid])
    new = [(row, r) for row, r in valid if evaluations.row_key(r) not in stored]
    created = evaluations.insert_evaluations(db, [r for _, r in new])
    for (row, _), evaluation_id in zip(new, created, strict=True):
        # None: another request stored the same key between our look-up and our insert.
        outcomes[row.number] = RowOutcome("created") if evaluation_id else _raced(row)
    for row, values in valid:
        existing = stored.get(evaluations.row_key(values))
        if existing is not None:
            outcomes[row.number] = _update(db, actor, row, values, existing)
    return [outcomes[row.number] for row in rows]


def _raced(row: ParsedRow) -> RowOutcome:
    message = "Đánh giá này vừa được gửi bởi một yêu cầu khác; hãy tải tệp lên lại"
    return RowOutcome(None, [RowError(row.number, "external_id", "conflict", message)])


def _update(
    db: Session, actor: Actor, row: ParsedRow, values: evaluations.EvaluationRow, existing: Any
) -> RowOutcome:
    changed = {
        name: value
        for name, value in values.items()
        if name not in ("source", "external_id") and getattr(existing, name) != value
    }
    if not changed:
        return RowOutcome("unchanged")
    try:
        with db.begin_nested():
            evaluations.update_evaluation(db, actor, existing.id, EvaluationUpdate(**changed), None)
    except (Problem, ValidationError) as exc:
        return RowOutcome(None, row_errors(row.number, exc, UNIT_FIELDS))
    return RowOutcome("updated")


EVALUATIONS = ImportKind(
    name="evaluations",
    label="Đánh giá hài lòng",
    columns=EVALUATION_COLUMNS,
    key=("source", "external_id"),
    perm=Perm.evaluations_write,
    apply=apply_evaluations,
    batch_size=1000,
)
