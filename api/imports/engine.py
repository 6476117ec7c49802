"""One import: read the file, match its header to the kind's columns, parse each row's cells,
hand the good rows to the kind in batches, and report every error by row and column.

Everything happens inside one savepoint: rolled back for a dry run, and for an atomic import
with any failed row; committed otherwise. Each row also runs in its own savepoint, so a row
the database refuses does not take the others with it.

The rows are read in chunks (the kind's batch size) and parsed column by column. A kind that
can judge its rows without writing them (`check`, evaluations) is not written at all in a
dry run, nor after an atomic import's first failed row, since nothing will be kept.
"""

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, Protocol, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.auth.policy import Actor, Perm, require
from api.common.messages import vietnamese_message
from api.common.problems import Conflict, Forbidden, Problem
from api.common.text import fold, nfc
from api.db import violated_constraint
from api.imports.collector import collection_paused
from api.imports.columns import (
    BLANK,
    CellError,
    Column,
    ColumnReader,
    Context,
    UnitIndex,
    is_blank,
)
from api.imports.reading import Row, Sheet, TooManyRows
from api.units.models import Unit

Status = Literal["created", "updated", "unchanged"]
Values = dict[str, Any]  # one row's parsed cells, by column name
R = TypeVar("R")  # the stored record a kind writes
M = TypeVar("M", bound=BaseModel)  # a service's schema


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    code: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "code": self.code, "message": self.message}


@dataclass
class ParsedRow:
    number: int
    values: Values


@dataclass
class RowOutcome:
    status: Status | None = None  # None: failed
    errors: list[RowError] = field(default_factory=list)


Apply = Callable[[Session, Actor, list[ParsedRow]], list[RowOutcome]]
RowKey = Callable[[Values], tuple[str, ...]]
SeenKeys = dict[tuple[tuple[str, ...], tuple[Any, ...]], int]  # (columns, values) -> first row


@dataclass(frozen=True)
class ImportKind:
    name: str  # as in the URL: "officials", "plan-tasks"
    label: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # the natural key: two rows of one file may not share it
    perm: Perm  # needed to import this kind at all; each row is checked by its apply too
    apply: Apply
    batch_size: int = 200
    # Judges rows as `apply` would, refusing everything the write would refuse, without
    # writing: a dry run, and an atomic import that has already failed, use it instead.
    check: Apply | None = None
    # For a key that depends on the row (its external id when given, else other fields): the
    # columns that key this row, in place of `key`, which then lists every column either takes.
    row_key: RowKey | None = None

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


@dataclass
class Report:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[RowError] = field(default_factory=list)
    committed: bool = False
    encoding: str = ""


def known_headers(kind: ImportKind) -> set[str]:
    return {header for column in kind.columns for header in column.headers()}


def load_unit_index(db: Session) -> UnitIndex:
    rows = db.execute(select(Unit.id, Unit.code, Unit.name, Unit.agency_code)).all()
    return UnitIndex(
        by_code={code.upper(): uid for uid, code, _, _ in rows},
        by_name={nfc(name).casefold(): uid for uid, _, name, _ in rows},
        by_agency_code={agency.upper(): uid for uid, _, _, agency in rows if agency},
    )


def _map_header(kind: ImportKind, sheet: Sheet, report: Report) -> dict[str, int]:
    """Column name -> position in the file; a missing required column is an error of the
    header row."""
    positions: dict[str, int] = {}
    for index, header in enumerate(sheet.header):
        folded = fold(header)
        for column in kind.columns:
            if folded in column.headers() and column.name not in positions:
                positions[column.name] = index
    for column in kind.columns:
        if column.required and column.name not in positions:
            report.errors.append(
                RowError(
                    sheet.header_row,
                    column.name,
                    "missing_column",
                    f"Thiếu cột bắt buộc '{column.label}' ({column.name})",
                )
            )
    return positions


def _parse_chunk(
    kind: ImportKind, positions: dict[str, int], rows: list[Row], readers: dict[str, ColumnReader]
) -> tuple[list[ParsedRow], dict[int, list[RowError]]]:
    """Each row's values, parsed column by column, and the errors of the rows that have any
    (by the row's place in `rows`)."""
    parsed = [ParsedRow(row.number, {}) for row in rows]
    errors: dict[int, list[RowError]] = {}
    for column in kind.columns:
        position = positions.get(column.name)
        if position is None:
            results: list[Any] = [BLANK] * len(rows)
        else:
            try:
                cells = [row.cells[position] for row in rows]
            except IndexError:  # a short row: its missing cells are blank
                cells = [row.cells[position] if position < len(row.cells) else None for row in rows]
            results = readers[column.name].read(cells)
        name, default = column.name, column.default
        for index, result in enumerate(results):
            if result is BLANK:
                if default is not None:
                    parsed[index].values[name] = default
                elif column.required:
                    message = f"Thiếu '{column.label}'"
                    error = RowError(parsed[index].number, name, "required", message)
                    errors.setdefault(index, []).append(error)
            elif isinstance(result, CellError):
                error = RowError(parsed[index].number, name, result.code, result.message)
                errors.setdefault(index, []).append(error)
            else:
                parsed[index].values[name] = result
    return parsed, errors


def _blank_row(cells: list[Any]) -> bool:
    try:
        return not "".join(cells).strip()  # a CSV row: all text
    except TypeError:
        return all(is_blank(cell) for cell in cells)


def run(
    db: Session,
    actor: Actor,
    kind: ImportKind,
    sheet: Sheet,
    *,
    dry_run: bool,
    atomic: bool,
    max_rows: int,
) -> Report:
    require(actor, kind.perm)
    report = Report(encoding=sheet.encoding)
    positions = _map_header(kind, sheet, report)
    context = Context(units=load_unit_index(db))
    outer = db.begin_nested()
    try:
        rows = _Rows(kind, positions, context, report, dry_run=dry_run, atomic=atomic)
        with collection_paused():
            rows.run(db, actor, sheet, max_rows)
    except BaseException:
        outer.rollback()
        raise
    if report.errors and not report.failed:
        report.failed = report.rows  # a missing column fails every row
    report.committed = not dry_run and not (atomic and (report.failed or report.errors))
    if report.committed:
        outer.commit()
    else:
        outer.rollback()
    report.errors.sort(key=lambda e: (e.row, e.column))
    return report


class _Rows:
    """The rows of one import, read in chunks of the kind's batch size."""

    def __init__(
        self,
        kind: ImportKind,
        positions: dict[str, int],
        context: Context,
        report: Report,
        *,
        dry_run: bool,
        atomic: bool,
    ) -> None:
        self.kind, self.positions, self.report = kind, positions, report
        self.dry_run, self.atomic = dry_run, atomic
        self.readers = {column.name: column.reader(context) for column in kind.columns}
        self.seen_keys: SeenKeys = {}

    def run(self, db: Session, actor: Actor, sheet: Sheet, max_rows: int) -> None:
        report = self.report
        header_failed = bool(report.errors)
        chunk: list[Row] = []
        for row in sheet.rows:
            if _blank_row(row.cells):
                continue  # blank lines, and the empty rows Excel keeps after the data
            report.rows += 1
            if report.rows > max_rows:
                raise TooManyRows(f"Tệp có hơn {max_rows:,} dòng dữ liệu".replace(",", "."))
            if header_failed:
                continue
            chunk.append(row)
            if len(chunk) >= self.kind.batch_size:
                self._run_chunk(db, actor, chunk)
                chunk = []
        if chunk:
            self._run_chunk(db, actor, chunk)

    def _run_chunk(self, db: Session, actor: Actor, chunk: list[Row]) -> None:
        kind, report = self.kind, self.report
        batch: list[ParsedRow] = []
        parsed_rows, errors_by_index = _parse_chunk(kind, self.positions, chunk, self.readers)
        for index, parsed in enumerate(parsed_rows):
            errors = errors_by_index.get(index) or _check_duplicate(kind, parsed, self.seen_keys)
            if errors:
                report.failed += 1
                report.errors += errors
            else:
                batch.append(parsed)
        if not batch:
            return
        # Nothing of this import will be kept: judge the rows without writing them.
        judge_only = self.dry_run or (self.atomic and bool(report.failed))
        apply = kind.check if judge_only and kind.check is not None else kind.apply
        for outcome in apply(db, actor, batch):
            if outcome.status is None:
                report.failed += 1
                report.errors += outcome.errors
            else:
                setattr(report, outcome.status, getattr(report, outcome.status) + 1)


def _check_duplicate(kind: ImportKind, row: ParsedRow, seen: SeenKeys) -> list[RowError]:
    names = kind.row_key(row.values) if kind.row_key else kind.key
    key = tuple([row.values.get(name) for name in names])
    if key.count(None) == len(key):
        return []
    first = seen.setdefault((names, key), row.number)
    if first == row.number:
        return []
    labels = ", ".join(kind.column(name).label for name in names)
    # Reported under the key's last column, the one that tells rows apart (external_id).
    message = f"Trùng ({labels}) với dòng {first}"
    return [RowError(row.number, names[-1], "duplicate_in_file", message)]


# --- turning domain errors into row errors --------------------------------------------------


def _column_of(loc: Iterable[Any], fields: dict[str, str]) -> str:
    names = [str(part) for part in loc if part not in ("body",)]
    for name in reversed(names):
        if name in fields:
            return fields[name]
    return names[-1] if names else ""


NOT_YOUR_UNIT = "Không có quyền ghi dữ liệu của đơn vị này"


def row_errors(
    number: int, exc: Exception, fields: dict[str, str], refused_at: str = ""
) -> list[RowError]:
    """The errors a service or a schema raised for one row. `fields` maps a schema field to
    the file's column (unit_id -> unit_code); `refused_at` is the column a refusal without a
    place belongs to (the row's unit). Any other error without a place is the row's."""
    if isinstance(exc, ValidationError):
        return [
            RowError(number, _column_of(e["loc"], fields), e["type"], vietnamese_message(e))
            for e in exc.errors(include_input=False)
        ]
    if isinstance(exc, Problem):
        # The service's detail is Vietnamese; the errors' own `msg` may be a machine word.
        message = exc.detail or exc.title
        located = [
            RowError(number, _column_of(e.get("loc", []), fields), str(e.get("type")), message)
            for e in exc.errors
        ]
        if located:
            return located
        if isinstance(exc, Forbidden) and refused_at:
            return [RowError(number, refused_at, exc.slug, exc.detail or NOT_YOUR_UNIT)]
        return [RowError(number, "", exc.slug, message)]
    if isinstance(exc, IntegrityError):
        constraint = violated_constraint(exc) or ""
        return [
            RowError(
                number,
                "",
                "conflict",
                f"Dữ liệu trùng hoặc mâu thuẫn với bản ghi đã có ({constraint})",
            )
        ]
    raise exc


def schema_values(values: Values, fields: dict[str, str], drop: Collection[str] = ()) -> Values:
    """A row's values under the schema's names (`fields` maps schema field -> column), less
    the columns in `drop`, which only find the record."""
    names = {column: name for name, column in fields.items()}
    return {names.get(col, col): value for col, value in values.items() if col not in drop}


def only_match(db: Session, stmt: Select[tuple[R]], column: str, message: str) -> R | None:
    """The one record a row names, or None; two that fit are the row's error in `column`."""
    found = db.scalars(stmt.limit(2)).all()
    if len(found) > 1:
        raise Conflict(message, errors=[{"loc": [column], "msg": message, "type": "ambiguous"}])
    return found[0] if found else None


# --- storing rows -----------------------------------------------------------------------------

Check = Callable[[Session, Actor, Values], None]
Store = Callable[[Session, Actor, Values], Status]


@dataclass(frozen=True)
class Permission:
    """Whether the actor may write a row, checked before anything is looked up: an unchanged
    row of another unit must fail too, not tell its caller that it exists. A refusal without
    a place, by `check` or later by the service, is put on `column`: the row's unit."""

    column: str
    check: Check


def writable_unit(perm: Perm, column: str = "unit_code") -> Permission:
    """The unit in `column` must be one the actor may write with `perm`."""
    return Permission(column, lambda _db, actor, values: require(actor, perm, values[column]))


def _each_row(
    db: Session,
    actor: Actor,
    rows: list[ParsedRow],
    store: Store,
    fields: dict[str, str],
    authorise: Permission | None,
) -> list[RowOutcome]:
    """Each row in its own savepoint, a refusal or a domain error becoming that row's errors."""
    refused_at = authorise.column if authorise else ""
    outcomes = []
    for row in rows:
        try:
            with db.begin_nested():
                if authorise is not None:
                    authorise.check(db, actor, row.values)
                status = store(db, actor, row.values)
        except (Problem, ValidationError, IntegrityError) as exc:
            outcomes.append(RowOutcome(None, row_errors(row.number, exc, fields, refused_at)))
        else:
            outcomes.append(RowOutcome(status))
    return outcomes


@dataclass(frozen=True)
class RowByRow:
    """A kind that is no plain upsert: `store` writes one row and says what it did."""

    store: Store
    fields: dict[str, str] = field(default_factory=dict)
    authorise: Permission | None = None

    def __call__(self, db: Session, actor: Actor, rows: list[ParsedRow]) -> list[RowOutcome]:
        return _each_row(db, actor, rows, self.store, self.fields, self.authorise)


class Stored(Protocol):
    """A record as `updating` needs it: its id, to hand the service."""

    @property
    def id(self) -> int: ...


def creating(
    service: Callable[[Session, Actor, M], object], schema: type[M], fields: dict[str, str]
) -> Callable[[Session, Actor, Values], object]:
    """An Upsert's `create` through the service, the row given as its schema."""
    return lambda db, actor, values: service(db, actor, schema(**schema_values(values, fields)))


def updating(
    service: Callable[[Session, Actor, int, M, int | None], object],
    schema: type[M],
    fields: dict[str, str],
) -> Callable[[Session, Actor, Stored, Values], object]:
    """An Upsert's `update` through the service, by the record's id; no version to expect, as
    the record was read just now."""
    return lambda db, actor, record, changed: service(
        db, actor, record.id, schema(**schema_values(changed, fields)), None
    )


@dataclass(frozen=True)
class Upsert(Generic[R]):
    """How a kind stores one row through its domain's service, found by its natural key.

    `authorise` refuses a row the actor may not write, before `find` returns the stored
    record or None; `current` gives the stored record's values in the row's terms (the same
    names and types `values` has); `create` and `update` call the service (update receives
    only the changed values). `fields` maps schema fields to columns for error messages.
    """

    find: Callable[[Session, Actor, Values], R | None]
    current: Callable[[R], Values]
    create: Callable[[Session, Actor, Values], object]
    update: Callable[[Session, Actor, R, Values], object]
    fields: dict[str, str] = field(default_factory=dict)
    authorise: Permission | None = None
    # Given to `create` only, never compared: a re-uploaded sheet must not reset what people
    # changed since (a password).
    create_only: frozenset[str] = frozenset()

    def __call__(self, db: Session, actor: Actor, rows: list[ParsedRow]) -> list[RowOutcome]:
        return _each_row(db, actor, rows, self._store, self.fields, self.authorise)

    def _store(self, db: Session, actor: Actor, values: Values) -> Status:
        existing = self.find(db, actor, values)
        if existing is None:
            self.create(db, actor, values)
            db.flush()
            return "created"
        stored = self.current(existing)
        changed = {
            name: value
            for name, value in values.items()
            if name not in self.create_only and stored.get(name) != value
        }
        if not changed:
            return "unchanged"
        self.update(db, actor, existing, changed)
        db.flush()
        return "updated"
