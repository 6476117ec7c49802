"""Evaluations (in bulk: a file of 100,000 is common) and survey results."""

from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from api.auth.policy import Actor, Perm
from api.common.problems import Problem
from api.imports.columns import Column, choice, labels_of, moment, text, unit
from api.imports.engine import ImportKind, ParsedRow, RowError, RowOutcome, row_errors
from api.surveys import evaluations
from api.surveys.enums import EvaluationChannel, EvaluationSource, ProcedureField
from api.surveys.enums import SatisfactionLevel as Level
from api.surveys.schemas import EvaluationCreate, EvaluationUpdate

EVALUATION_COLUMNS = (
    Column(
        "source",
        "Nguồn",
        choice(EvaluationSource),
        example=EvaluationSource.import_.label,
        choices=labels_of(EvaluationSource),
        default=EvaluationSource.import_.value,
    ),
    Column("external_id", "Mã đánh giá", text(64), required=True, example="DG-2026-000123"),
    Column(
        "unit_code",
        "Đơn vị",
        unit,
        required=True,
        example="X-GIAVIEN",
        aliases=("Mã đơn vị", "agency_code", "Mã định danh"),
    ),
    Column("dossier_code", "Mã hồ sơ", text(64), required=True, example="H42.22-260301-0001"),
    Column("procedure_code", "Mã thủ tục", text(64), example="1.004227"),
    Column(
        "field",
        "Lĩnh vực",
        choice(ProcedureField),
        required=True,
        example=ProcedureField.land.label,
        choices=labels_of(ProcedureField),
    ),
    Column(
        "level",
        "Mức độ hài lòng",
        choice(Level),
        required=True,
        example=Level.satisfied.label,
        choices=labels_of(Level),
    ),
    Column("evaluated_at", "Thời điểm đánh giá", moment, required=True, example="01/03/2026 09:15"),
    Column(
        "channel",
        "Kênh đánh giá",
        choice(EvaluationChannel),
        example=EvaluationChannel.portal.label,
        choices=labels_of(EvaluationChannel),
        default=EvaluationChannel.other.value,
    ),
)
FIELDS = {"unit_id": "unit_code"}


def _create(values: dict[str, Any]) -> EvaluationCreate:
    return EvaluationCreate(
        source=values["source"],
        external_id=values["external_id"],
        unit_id=values["unit_code"],
        dossier_code=values["dossier_code"],
        procedure_code=values.get("procedure_code"),
        field=values["field"],
        level=values["level"],
        evaluated_at=values["evaluated_at"],
        channel=values["channel"],
    )


def apply_evaluations(db: Session, actor: Actor, rows: list[ParsedRow]) -> list[RowOutcome]:
    """New keys in one multi-row INSERT; a stored key with the same content is unchanged, with
    other content an update (the office corrects its sheet and uploads it again)."""
    outcomes: dict[int, RowOutcome] = {}
    valid: list[tuple[ParsedRow, evaluations.EvaluationRow]] = []
    for row in rows:
        try:
            data = _create(row.values)
        except ValidationError as exc:
            outcomes[row.number] = RowOutcome(None, row_errors(row.number, exc, FIELDS))
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
        return RowOutcome(None, row_errors(row.number, exc, FIELDS))
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
