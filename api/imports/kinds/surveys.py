"""Evaluations, in bulk: a file of 100,000 is common.

A row is checked by the rules of `EvaluationCreate` written out as plain tests (the schema
itself, once per row, cost more than everything else); a row that fails one of them goes
through the schema, which says what is wrong in its own words. The stored evaluations a chunk
names are read in one query, so a dry run judges every row without writing: a new key is
`created`, a stored one `unchanged` or `updated`, and two rows of the file with one key are
refused by the engine before.
"""

import re
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import String, any_, bindparam, select, type_coerce
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from api.auth.policy import Actor, Perm, ensure_writable, require
from api.common.problems import Problem
from api.imports.columns import UNIT_FIELDS, Column, choice_column, moment, text, unit_column
from api.imports.engine import (
    ImportKind,
    ParsedRow,
    RowError,
    RowOutcome,
    Values,
    row_errors,
    schema_values,
)
from api.surveys import evaluations
from api.surveys.enums import EvaluationChannel, EvaluationSource, ProcedureField
from api.surveys.enums import SatisfactionLevel as Level
from api.surveys.models import Evaluation
from api.surveys.schemas import CLOCK_SKEW, EvaluationCreate, EvaluationUpdate

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

# What a stored evaluation is compared on: everything but its key (source, external_id).
COMPARED = (
    "unit_id", "dossier_code", "procedure_code", "field", "level", "evaluated_at", "channel"
)  # fmt: skip
_KEY_FIELDS = ("source", "external_id")
_SOURCES = {member.value: member for member in EvaluationSource}
_FIELDS = {member.value: member for member in ProcedureField}
_LEVELS = {member.value: member for member in Level}
_CHANNELS = {member.value: member for member in EvaluationChannel}
_ENUMS = ("field", "level", "channel")
# Any whitespace Python knows, a superset of what the schema's pattern (^\S+$) refuses.
_SPACE = re.compile(r"\s")
# Enumerations read as their text: a StrEnum equals its value, and 300,000 conversions are spared.
_STORED_BY_IDS = select(
    Evaluation.external_id,
    Evaluation.id,
    *(
        type_coerce(getattr(Evaluation, name), String)
        if name in _ENUMS
        else getattr(Evaluation, name)
        for name in COMPARED
    ),
).where(
    Evaluation.source == bindparam("source"),
    Evaluation.external_id == any_(bindparam("external_ids", type_=ARRAY(String(64)))),
)

Stored = tuple[Any, ...]  # (id, *COMPARED) of a stored evaluation


def _plainly_valid(values: Values, latest: datetime) -> evaluations.EvaluationRow | None:
    """The row as `EvaluationCreate` would give it, when it passes the schema's rules written
    as plain tests; None when one fails. The other rules hold by the columns' parsers: texts
    trimmed, NFC and at most 64 characters, enumerations their values, times with an offset,
    the unit an existing id."""
    external_id, dossier_code = values["external_id"], values["dossier_code"]
    procedure_code = values.get("procedure_code")
    evaluated_at = values["evaluated_at"]
    if (
        _SPACE.search(external_id)
        or "\x00" in external_id
        or "\x00" in dossier_code
        or (procedure_code is not None and "\x00" in procedure_code)
        or evaluated_at > latest  # in the future
    ):
        return None
    return evaluations.EvaluationRow(
        source=_SOURCES[values["source"]],
        external_id=external_id,
        unit_id=values["unit_code"],
        dossier_code=dossier_code,
        procedure_code=procedure_code,
        field=_FIELDS[values["field"]],
        level=_LEVELS[values["level"]],
        evaluated_at=evaluated_at,
        channel=_CHANNELS[values["channel"]],
    )


def _validated(
    rows: list[ParsedRow], outcomes: dict[int, RowOutcome]
) -> list[tuple[ParsedRow, evaluations.EvaluationRow]]:
    # Taken before the schema's own clock: a time the schema would refuse is refused here.
    latest = datetime.now(UTC) + CLOCK_SKEW
    valid = []
    for row in rows:
        evaluation = _plainly_valid(row.values, latest)
        if evaluation is None:
            try:
                data = EvaluationCreate(**schema_values(row.values, UNIT_FIELDS))
            except ValidationError as exc:
                outcomes[row.number] = RowOutcome(None, row_errors(row.number, exc, UNIT_FIELDS))
                continue
            evaluation = evaluations.as_row(data, row.values["unit_code"])
        valid.append((row, evaluation))
    return valid


def _stored(
    db: Session, valid: list[tuple[ParsedRow, evaluations.EvaluationRow]]
) -> dict[evaluations.Key, Stored]:
    """The stored evaluations of these rows' keys: one query per source, by the unique index."""
    ids_by_source: dict[EvaluationSource, list[str]] = {}
    for _, evaluation in valid:
        ids_by_source.setdefault(evaluation["source"], []).append(evaluation["external_id"])
    stored: dict[evaluations.Key, Stored] = {}
    for source, external_ids in ids_by_source.items():
        found = db.execute(_STORED_BY_IDS, {"source": source.value, "external_ids": external_ids})
        stored.update({(source, external_id): tuple(rest) for external_id, *rest in found})
    return stored


def _changes(evaluation: evaluations.EvaluationRow, stored: Stored) -> dict[str, Any]:
    return {
        name: evaluation[name]  # type: ignore[literal-required]
        for name, was in zip(COMPARED, stored[1:], strict=True)
        if was != evaluation[name]  # type: ignore[literal-required]
    }


def _judge(db: Session, actor: Actor, rows: list[ParsedRow], *, write: bool) -> list[RowOutcome]:
    """New keys stored by the portal's own insert; a stored key with the same content is
    unchanged, with other content an update (the office corrects its sheet and uploads it
    again). Without `write`, each row gets the outcome the write would give it."""
    outcomes: dict[int, RowOutcome] = {}
    valid = _validated(rows, outcomes)
    stored = _stored(db, valid)
    new = [(row, e) for row, e in valid if evaluations.row_key(e) not in stored]
    if write and new:
        created = evaluations.insert_evaluations(db, [e for _, e in new])
        for (row, _), evaluation_id in zip(new, created, strict=True):
            # None: another request stored the same key between our look-up and our insert.
            outcomes[row.number] = RowOutcome("created") if evaluation_id else _raced(row)
    elif not write:
        outcomes.update((row.number, RowOutcome("created")) for row, _ in new)
    for row, evaluation in valid:
        existing = stored.get(evaluations.row_key(evaluation))
        if existing is None:
            continue
        changed = _changes(evaluation, existing)
        if not changed:
            outcomes[row.number] = RowOutcome("unchanged")
        elif write:
            outcomes[row.number] = _update(db, actor, row, existing, changed)
        else:
            outcomes[row.number] = _may_update(actor, row, existing, changed)
    return [outcomes[row.number] for row in rows]


def apply_evaluations(db: Session, actor: Actor, rows: list[ParsedRow]) -> list[RowOutcome]:
    return _judge(db, actor, rows, write=True)


def check_evaluations(db: Session, actor: Actor, rows: list[ParsedRow]) -> list[RowOutcome]:
    return _judge(db, actor, rows, write=False)


def _raced(row: ParsedRow) -> RowOutcome:
    message = "Đánh giá này vừa được gửi bởi một yêu cầu khác; hãy tải tệp lên lại"
    return RowOutcome(None, [RowError(row.number, "external_id", "conflict", message)])


def _update(
    db: Session, actor: Actor, row: ParsedRow, existing: Stored, changed: dict[str, Any]
) -> RowOutcome:
    try:
        with db.begin_nested():
            evaluations.update_evaluation(db, actor, existing[0], EvaluationUpdate(**changed), None)
    except (Problem, ValidationError) as exc:
        return RowOutcome(None, row_errors(row.number, exc, UNIT_FIELDS))
    return RowOutcome("updated")


def _may_update(
    actor: Actor, row: ParsedRow, existing: Stored, changed: dict[str, Any]
) -> RowOutcome:
    """What `update_evaluation` would say, short of writing: the rules of the values were
    checked already, which leaves the permission on the stored unit and on a new one."""
    try:
        ensure_writable(actor, Perm.evaluations_write, Perm.surveys_read, existing[1])
        if "unit_id" in changed:
            require(actor, Perm.evaluations_write, changed["unit_id"])
    except Problem as exc:
        return RowOutcome(None, row_errors(row.number, exc, UNIT_FIELDS))
    return RowOutcome("updated")


EVALUATIONS = ImportKind(
    name="evaluations",
    label="Đánh giá hài lòng",
    columns=EVALUATION_COLUMNS,
    key=_KEY_FIELDS,
    perm=Perm.evaluations_write,
    apply=apply_evaluations,
    check=check_evaluations,
    batch_size=5000,
)
