"""Running an import and keeping its record; the history, an import's errors as CSV, and the
templates."""

import csv
import io
from typing import Any

from sqlalchemy import Select, insert, select
from sqlalchemy.orm import Session

from api.audit.service import record_event
from api.auth.policy import ANY, Actor, Perm, reach, require
from api.common.listing import ListQuery, fetch_page, order_by_sort
from api.common.problems import NotFound
from api.config import get_settings
from api.imports import engine
from api.imports.engine import ImportKind
from api.imports.kinds import KINDS
from api.imports.models import ImportRowError, ImportRun
from api.imports.reading import read_sheet
from api.imports.schemas import (
    ImportColumnRead,
    ImportErrorRead,
    ImportKindRead,
    ImportReport,
    ImportSummary,
)

SORTS = {"at": ImportRun.at, "kind": ImportRun.kind, "failed": ImportRun.failed}


def import_kind(name: str) -> ImportKind:
    kind = KINDS.get(name)
    if kind is None:
        raise NotFound(f"Không có loại dữ liệu nhập '{name}'; chọn: {', '.join(KINDS)}")
    return kind


def list_kinds(actor: Actor) -> list[ImportKindRead]:
    """Every kind, `allowed` when the actor holds the permission it needs (each row is still
    checked against the actor's unit when it is imported)."""
    return [
        ImportKindRead(
            name=kind.name,
            label=kind.label,
            allowed=reach(actor, kind.perm) is not None,
            columns=[
                ImportColumnRead(
                    name=c.name, label=c.label, required=c.required, choices=list(c.choices)
                )
                for c in kind.columns
            ],
        )
        for kind in KINDS.values()
    ]


def run_import(
    db: Session,
    actor: Actor,
    kind_name: str,
    file_name: str,
    content: bytes,
    *,
    dry_run: bool,
    atomic: bool,
) -> ImportReport:
    """Read and apply the file; record the run (dry runs too) and audit it as one event."""
    kind = import_kind(kind_name)
    require(actor, kind.perm)
    sheet = read_sheet(content, file_name, engine.known_headers(kind))
    report = engine.run(
        db,
        actor,
        kind,
        sheet,
        dry_run=dry_run,
        atomic=atomic,
        max_rows=get_settings().max_import_rows,
    )
    run = ImportRun(
        kind=kind.name,
        file_name=file_name[:255],
        encoding=sheet.encoding,
        dry_run=dry_run,
        atomic=atomic,
        committed=report.committed,
        rows=report.rows,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        failed=report.failed,
        actor_name=actor.name,
        actor_user_id=actor.user_id,
        actor_client_id=actor.client_id,
    )
    db.add(run)
    db.flush()
    if report.errors:
        db.execute(
            insert(ImportRowError),
            [{"import_id": run.id, **error.as_dict()} for error in report.errors],
        )
    record_event(db, actor, "import", run)
    return ImportReport(
        **ImportSummary.model_validate(run, from_attributes=True).model_dump(),
        errors=[ImportErrorRead(**error.as_dict()) for error in report.errors],
    )


def _visible(actor: Actor) -> Select[Any]:
    stmt = select(ImportRun)
    if reach(actor, Perm.imports_read) is not ANY:
        mine = (
            ImportRun.actor_client_id == actor.client_id
            if actor.is_client
            else ImportRun.actor_user_id == actor.user_id
        )
        stmt = stmt.where(mine)
    return stmt


def list_imports(
    db: Session, actor: Actor, lq: ListQuery, kind: str | None
) -> tuple[list[ImportRun], int]:
    stmt = _visible(actor)
    if kind is not None:
        stmt = stmt.where(ImportRun.kind == kind)
    stmt = order_by_sort(stmt, lq.sort, SORTS, "-at", ImportRun.id.desc())
    rows, total = fetch_page(db, stmt, lq)
    return list(rows), total


def get_import(db: Session, actor: Actor, import_id: int) -> ImportReport:
    run = db.scalar(_visible(actor).where(ImportRun.id == import_id))
    if run is None:
        raise NotFound(f"Không tìm thấy lần nhập #{import_id}")
    errors = db.scalars(
        select(ImportRowError).where(ImportRowError.import_id == run.id).order_by(ImportRowError.id)
    )
    return ImportReport(
        **ImportSummary.model_validate(run, from_attributes=True).model_dump(),
        errors=[ImportErrorRead.model_validate(e, from_attributes=True) for e in errors],
    )


def errors_csv(db: Session, actor: Actor, import_id: int) -> bytes:
    """The errors, to fix the sheet: UTF-8 with BOM so Excel shows Vietnamese."""
    report = get_import(db, actor, import_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Dòng", "Cột", "Mã lỗi", "Nội dung lỗi"])
    for error in report.errors:
        writer.writerow([error.row, error.column, error.code, error.message])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
