"""Single evaluations of a dossier by a citizen. Every write goes through one function per
operation (insert_evaluations, update_evaluation, delete_evaluation). The monthly counts the
satisfaction figures read follow every write by triggers in the database (migration 0006)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, TypedDict

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import Select, select, text
from sqlalchemy.orm import Session, selectinload

from api.audit.service import record_event, record_summary, snapshot
from api.auth.policy import Actor, Perm, ensure_readable, ensure_writable, readable, require
from api.common.listing import ListQuery, apply_search, fetch_page, order_by_sort
from api.common.messages import vietnamese_message
from api.common.periods import year_period
from api.common.problems import Conflict, NotFound, PayloadTooLarge
from api.common.text import fold
from api.common.versioning import check_version
from api.config import PROVINCE_TZ
from api.surveys.enums import (
    EvaluationChannel,
    EvaluationSource,
    ProcedureField,
    SatisfactionLevel,
)
from api.surveys.models import Evaluation
from api.surveys.records import (
    load_unit_directory,
    refuse_emptied,
    resolve_unit_or_422,
    unknown_unit_error,
)
from api.surveys.schemas import (
    UNIT_REFERENCES,
    BatchItemStatus,
    BatchOutcome,
    EvaluationBatch,
    EvaluationCreate,
    EvaluationUpdate,
    PushedEvaluation,
)

MAX_BATCH_ITEMS = 1000

SORTS = {
    "evaluated_at": Evaluation.evaluated_at,
    "created_at": Evaluation.created_at,
    "dossier_code": Evaluation.dossier_code,
    "procedure_code": Evaluation.procedure_code,
    "field": Evaluation.field,
    "level": Evaluation.level,
    "unit_id": Evaluation.unit_id,
}


class EvaluationRow(TypedDict):
    """The stored content of one evaluation, its unit resolved."""

    source: EvaluationSource
    external_id: str
    unit_id: int
    dossier_code: str
    procedure_code: str | None
    field: ProcedureField
    level: SatisfactionLevel
    evaluated_at: datetime
    channel: EvaluationChannel


Key = tuple[EvaluationSource, str]


def row_key(row: EvaluationRow) -> Key:
    return (row["source"], row["external_id"])


@dataclass(frozen=True)
class EvaluationFilters:
    unit_id: int | None = None
    field: ProcedureField | None = None
    level: SatisfactionLevel | None = None
    source: EvaluationSource | None = None
    from_: date | None = None  # first day, in the province's time zone
    to: date | None = None  # last day, inclusive
    year: int | None = None


def _start_of_day(day: date) -> datetime:
    return datetime.combine(day, time(), PROVINCE_TZ)


def _filtered(actor: Actor, lq: ListQuery, filters: EvaluationFilters) -> Select[Any]:
    stmt = readable(select(Evaluation), actor, Perm.surveys_read, Evaluation.unit_id)
    stmt = apply_search(stmt, Evaluation.search_text, lq.q)
    for column, value in (
        (Evaluation.unit_id, filters.unit_id),
        (Evaluation.field, filters.field),
        (Evaluation.level, filters.level),
        (Evaluation.source, filters.source),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    if filters.from_ is not None:
        stmt = stmt.where(Evaluation.evaluated_at >= _start_of_day(filters.from_))
    if filters.to is not None:
        stmt = stmt.where(Evaluation.evaluated_at < _start_of_day(filters.to + timedelta(days=1)))
    if filters.year is not None:
        start, end = year_period(filters.year).bounds()
        stmt = stmt.where(Evaluation.evaluated_at >= start, Evaluation.evaluated_at < end)
    return order_by_sort(stmt, lq.sort, SORTS, "-evaluated_at", Evaluation.id.desc())


def list_evaluations(
    db: Session, actor: Actor, lq: ListQuery, filters: EvaluationFilters
) -> tuple[list[Evaluation], int]:
    rows, total = fetch_page(db, _filtered(actor, lq, filters), lq)
    return list(rows), total


def export_evaluations(
    db: Session, actor: Actor, lq: ListQuery, filters: EvaluationFilters
) -> list[Evaluation]:
    """The whole filtered list with each evaluation's unit, for CSV."""
    stmt = _filtered(actor, lq, filters).options(selectinload(Evaluation.unit))
    return list(db.scalars(stmt))


def get_evaluation(db: Session, actor: Actor, evaluation_id: int) -> Evaluation:
    evaluation = _find(db, evaluation_id)
    ensure_readable(actor, Perm.surveys_read, evaluation.unit_id)
    return evaluation


def _find(db: Session, evaluation_id: int) -> Evaluation:
    evaluation = db.get(Evaluation, evaluation_id)
    if evaluation is None:
        raise NotFound(f"Không tìm thấy đánh giá #{evaluation_id}")
    return evaluation


def as_row(data: EvaluationCreate, unit_id: int) -> EvaluationRow:
    return EvaluationRow(
        source=data.source,
        external_id=data.external_id,
        unit_id=unit_id,
        dossier_code=data.dossier_code,
        procedure_code=data.procedure_code,
        field=data.field,
        level=data.level,
        evaluated_at=data.evaluated_at,
        channel=data.channel,
    )


_STAGED = (*EvaluationRow.__annotations__, "search_text")
_STAGING = """
    CREATE TEMP TABLE IF NOT EXISTS evaluation_staging (
        ord integer, source varchar(32), external_id varchar(64), unit_id integer,
        dossier_code varchar(64), procedure_code varchar(64), field varchar(32),
        level varchar(32), evaluated_at timestamptz, channel varchar(32), search_text text
    ) ON COMMIT DELETE ROWS"""
_INSERT_STAGED = f"""
    INSERT INTO evaluations ({", ".join(_STAGED)}, version)
    SELECT {", ".join(_STAGED)}, 1 FROM evaluation_staging ORDER BY source, external_id, ord
    ON CONFLICT (source, external_id) DO NOTHING
    RETURNING id, source, external_id"""


def insert_evaluations(db: Session, rows: Sequence[EvaluationRow]) -> list[int | None]:
    """Store new evaluations: COPY into a staging table, then one INSERT ... ON CONFLICT
    (source, external_id) DO NOTHING — the unique constraint, not a look-up, decides, so
    concurrent pushes of the same batch store each evaluation once.

    Rows go in key order (the first of a key in the call wins): two concurrent calls sending
    the same keys in different orders lock them in one order, so they cannot deadlock.

    Returns, per row, the new evaluation's id, or None when its key was already taken (by an
    earlier request or an earlier row of the same call). The callers audit.
    """
    if not rows:
        return []
    db.flush()
    connection = db.connection().connection.driver_connection
    with connection.cursor() as cursor:
        cursor.execute(_STAGING)
        # Empty already unless called twice in one transaction (ON COMMIT DELETE ROWS); a
        # TRUNCATE would give the table a new file, and write the catalogue, every time.
        cursor.execute("DELETE FROM evaluation_staging")
        with cursor.copy(f"COPY evaluation_staging (ord, {', '.join(_STAGED)}) FROM STDIN") as copy:
            for ord_, row in enumerate(rows):
                search = fold(" ".join(v for v in _search_parts(row) if v))
                # Enums are StrEnums: psycopg writes their value, as for any str.
                copy.write_row((ord_, *row.values(), search))
        cursor.execute(_INSERT_STAGED)
        id_by_key = {(source, external_id): id_ for id_, source, external_id in cursor.fetchall()}
    # Only the first row with a key was inserted; a later one with the same key was not.
    return [id_by_key.pop((row["source"].value, row["external_id"]), None) for row in rows]


_SEARCH_FIELDS = Evaluation.__search_fields__


def _search_parts(row: EvaluationRow) -> tuple[str | None, ...]:
    return tuple(row[name] for name in _SEARCH_FIELDS)  # type: ignore[literal-required]


def create_evaluation(db: Session, actor: Actor, data: EvaluationCreate) -> Evaluation:
    require(actor, Perm.evaluations_write)
    row = as_row(data, resolve_unit_or_422(db, data))
    [evaluation_id] = insert_evaluations(db, [row])
    if evaluation_id is None:
        raise Conflict(
            f"Đã có đánh giá '{data.external_id}' từ nguồn '{data.source.label}'",
            errors=[{"loc": ["body", "external_id"], "msg": "already used", "type": "unique"}],
        )
    evaluation = _find(db, evaluation_id)
    record_event(db, actor, "create", evaluation)
    return evaluation


def update_evaluation(
    db: Session,
    actor: Actor,
    evaluation_id: int,
    data: EvaluationUpdate,
    expected_version: int | None,
) -> Evaluation:
    evaluation = _find(db, evaluation_id)
    ensure_writable(actor, Perm.evaluations_write, Perm.surveys_read, evaluation.unit_id)
    check_version(evaluation.version, expected_version)
    refuse_emptied(
        data, (*UNIT_REFERENCES, "dossier_code", "field", "level", "evaluated_at", "channel")
    )
    changes = data.model_dump(exclude_unset=True, exclude=set(UNIT_REFERENCES))
    if data.given_references():
        changes["unit_id"] = resolve_unit_or_422(db, data)
        require(actor, Perm.evaluations_write, changes["unit_id"])
    before = snapshot(evaluation)
    for name, value in changes.items():
        setattr(evaluation, name, value)
    db.flush()
    record_event(db, actor, "update", evaluation, before=before)
    return evaluation


def delete_evaluation(
    db: Session, actor: Actor, evaluation_id: int, expected_version: int | None
) -> None:
    evaluation = _find(db, evaluation_id)
    ensure_writable(actor, Perm.evaluations_write, Perm.surveys_read, evaluation.unit_id)
    check_version(evaluation.version, expected_version)
    before = snapshot(evaluation)
    db.delete(evaluation)
    db.flush()
    record_event(db, actor, "delete", evaluation, before=before)


# --- the portal's batch push ---------------------------------------------------------------


def record_evaluation_batch(db: Session, actor: Actor, batch: EvaluationBatch) -> BatchOutcome:
    """Idempotent: each item is created, a duplicate of what is stored, a conflict with it
    (same key, other content), or rejected; the portal retries only what failed.

    The monthly counts of what it creates are folded in by its last statement (migration
    0010): concurrent pushes lock the same counter rows only for that and the commit."""
    require(actor, Perm.evaluations_write)
    if len(batch.items) > MAX_BATCH_ITEMS:
        raise PayloadTooLarge(
            f"Mỗi lần gửi tối đa {MAX_BATCH_ITEMS} đánh giá (đã gửi {len(batch.items)})"
        )
    db.execute(_FOLD_COUNTS_LAST)
    outcomes: dict[int, dict[str, Any]] = {}
    valid = _validate_items(batch.items, outcomes)
    rows = _resolve_units(db, valid, outcomes)
    created = insert_evaluations(db, [row for _, row in rows])
    results = list(zip(rows, created, strict=True))
    stored = stored_by_key(db, [row_key(row) for (_, row), new in results if new is None])
    results, stored = _retry_vanished(db, results, stored)
    for (index, row), evaluation_id in results:
        if evaluation_id is not None:
            outcomes[index] = _outcome(index, row, BatchItemStatus.created, evaluation_id)
        elif (match := stored.get(row_key(row))) is not None:
            outcomes[index] = _compare_with_stored(index, row, match)
        else:
            outcomes[index] = _vanished(index, row)
    items = [outcomes[i] for i in range(len(batch.items))]
    counts = {status.value: 0 for status in BatchItemStatus}
    for item in items:
        counts[item["status"]] += 1
    # One event for the batch: at the portal's pace an event per evaluation would double the
    # writes, and the batch names every evaluation it created.
    record_summary(
        db,
        actor,
        "batch",
        Evaluation.__tablename__,
        {**counts, "created_ids": [i for i in created if i is not None]},
    )
    db.flush()
    db.execute(_FOLD_COUNTS_NOW)
    # Validated by pydantic-core in one call: building 1000 models in Python cost more.
    return BatchOutcome.model_validate({**counts, "items": items})


def _retry_vanished(
    db: Session,
    results: list[tuple[tuple[int, EvaluationRow], int | None]],
    stored: dict[Key, Evaluation],
) -> tuple[list[tuple[tuple[int, EvaluationRow], int | None]], dict[Key, Evaluation]]:
    """A key that was taken at the INSERT but whose evaluation another transaction deleted
    before the look-up: insert those rows once more (the key is free now)."""
    vanished = [
        n for n, ((_, row), new) in enumerate(results) if new is None and row_key(row) not in stored
    ]
    if not vanished:
        return results, stored
    again = insert_evaluations(db, [results[n][0][1] for n in vanished])
    results = list(results)
    for n, new in zip(vanished, again, strict=True):
        results[n] = (results[n][0], new)
    missing = [row_key(results[n][0][1]) for n, new in zip(vanished, again, strict=True) if not new]
    return results, stored | stored_by_key(db, missing)


def _vanished(index: int, row: EvaluationRow) -> dict[str, Any]:
    """Taken, deleted and taken again by others while this batch ran: safe to resend."""
    message = f"Đánh giá '{row['external_id']}' vừa bị thay đổi đồng thời; hãy gửi lại"
    return {
        "index": index,
        "external_id": row["external_id"],
        "status": BatchItemStatus.rejected,
        "errors": [{"loc": ["external_id"], "msg": message, "type": "concurrent_change"}],
    }


_FOLD_COUNTS_LAST = text("SET CONSTRAINTS evaluation_counts_fold DEFERRED")
_FOLD_COUNTS_NOW = text("SET CONSTRAINTS evaluation_counts_fold IMMEDIATE")
_ITEMS = TypeAdapter(list[PushedEvaluation])


def _validate_items(
    raw_items: list[dict[str, Any]], outcomes: dict[int, dict[str, Any]]
) -> list[tuple[int, EvaluationCreate]]:
    try:  # the whole batch in one call; only a batch with a bad item goes one by one
        return list(enumerate(_ITEMS.validate_python(raw_items)))
    except ValidationError:
        pass
    valid = []
    for index, raw in enumerate(raw_items):
        try:
            valid.append((index, PushedEvaluation.model_validate(raw)))
        except ValidationError as exc:
            external_id = raw.get("external_id")
            outcomes[index] = {
                "index": index,
                "external_id": external_id if isinstance(external_id, str) else None,
                "status": BatchItemStatus.rejected,
                "errors": [
                    {"loc": list(e["loc"]), "msg": vietnamese_message(e), "type": e["type"]}
                    for e in exc.errors()
                ],
            }
    return valid


def _resolve_units(
    db: Session,
    valid: list[tuple[int, EvaluationCreate]],
    outcomes: dict[int, dict[str, Any]],
) -> list[tuple[int, EvaluationRow]]:
    directory = load_unit_directory(db, (item for _, item in valid))
    rows = []
    for index, item in valid:
        unit_id = directory.resolve(item)
        if unit_id is None:
            name, message = unknown_unit_error(item)
            outcomes[index] = {
                "index": index,
                "external_id": item.external_id,
                "status": BatchItemStatus.rejected,
                "errors": [{"loc": [name], "msg": message, "type": "unknown_unit"}],
            }
        else:
            rows.append((index, as_row(item, unit_id)))
    return rows


def stored_by_key(db: Session, keys: list[Key]) -> dict[Key, Evaluation]:
    """The stored evaluations of these keys, one query per source: `external_id = ANY(...)`
    uses the unique index, where a list of (source, external_id) pairs scanned the table."""
    ids_by_source: dict[EvaluationSource, set[str]] = {}
    for source, external_id in keys:
        ids_by_source.setdefault(source, set()).add(external_id)
    stored: dict[Key, Evaluation] = {}
    for source, external_ids in ids_by_source.items():
        stmt = select(Evaluation).where(
            Evaluation.source == source, Evaluation.external_id.in_(external_ids)
        )
        stored.update({(e.source, e.external_id): e for e in db.scalars(stmt)})
    return stored


def _outcome(
    index: int,
    row: EvaluationRow,
    status: BatchItemStatus,
    evaluation_id: int,
    errors: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A BatchItemOutcome, as the dict BatchOutcome validates."""
    return {
        "index": index,
        "external_id": row["external_id"],
        "status": status,
        "id": evaluation_id,
        "errors": errors or [],
    }


def _compare_with_stored(index: int, row: EvaluationRow, stored: Evaluation) -> dict[str, Any]:
    differing = [name for name, value in row.items() if getattr(stored, name) != value]
    if not differing:
        return _outcome(index, row, BatchItemStatus.duplicate, stored.id)
    errors = [
        {
            "loc": [name],
            "msg": f"Khác với đánh giá đã lưu #{stored.id} cùng mã '{row['external_id']}'",
            "type": "conflict",
        }
        for name in differing
    ]
    return _outcome(index, row, BatchItemStatus.conflict, stored.id, errors)
