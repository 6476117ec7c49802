"""HTTP for spreadsheet imports: upload, history, errors as CSV, templates."""

from typing import Annotated, Literal

from fastapi import APIRouter, File, Query, Response, UploadFile

from api.auth.deps import CurrentActor
from api.common.listing import list_params
from api.common.schemas import Page, PathId
from api.db import Db
from api.imports import service, templates
from api.imports.kinds import KINDS
from api.imports.schemas import ImportKindRead, ImportReport, ImportSummary

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KindName = Literal[tuple(KINDS)]  # type: ignore[valid-type]

router = APIRouter(prefix="/imports", tags=["imports"])
ImportListParams = list_params(service.SORTS)


def _attachment(content: bytes, media_type: str, filename: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/kinds", response_model=list[ImportKindRead])
def list_import_kinds(actor: CurrentActor) -> list[ImportKindRead]:
    """Every kind with its columns; `allowed` says whether the caller may import it."""
    return service.list_kinds(actor)


@router.post(
    "/{kind}",
    response_model=ImportReport,
    responses={
        413: {"description": "Tệp quá lớn hoặc quá nhiều dòng"},
        415: {"description": "Không đọc được tệp"},
    },
)
def import_file(
    kind: KindName,
    db: Db,
    actor: CurrentActor,
    file: Annotated[UploadFile, File(description="CSV (UTF-8, có hoặc không BOM) hoặc XLSX")],
    dry_run: Annotated[bool, Query(description="Chỉ kiểm tra, không ghi gì")] = False,
    atomic: Annotated[
        bool, Query(description="Có một dòng lỗi thì không ghi dòng nào (mặc định)")
    ] = True,
) -> ImportReport:
    content = file.file.read()
    return service.run_import(
        db, actor, kind, file.filename or "upload", content, dry_run=dry_run, atomic=atomic
    )


@router.get("", response_model=Page[ImportSummary])
def list_imports(
    db: Db, actor: CurrentActor, lq: ImportListParams, kind: KindName | None = None
) -> Page[ImportSummary]:
    items, total = service.list_imports(db, actor, lq, kind)
    return Page(
        items=[ImportSummary.model_validate(i, from_attributes=True) for i in items],
        total=total,
        limit=lq.limit,
        offset=lq.offset,
    )


@router.get("/{import_id}", response_model=ImportReport)
def get_import(import_id: PathId, db: Db, actor: CurrentActor) -> ImportReport:
    return service.get_import(db, actor, import_id)


@router.get(
    "/{import_id}/errors.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def import_errors_csv(import_id: PathId, db: Db, actor: CurrentActor) -> Response:
    content = service.errors_csv(db, actor, import_id)
    return _attachment(content, "text/csv; charset=utf-8", f"loi-nhap-{import_id}.csv")


@router.get(
    "/{kind}/template",
    response_class=Response,
    responses={200: {"content": {XLSX: {}, "text/csv": {}}}},
)
def import_template(
    kind: KindName,
    db: Db,
    actor: CurrentActor,
    format: Annotated[Literal["xlsx", "csv"], Query()] = "xlsx",
) -> Response:
    spec = service.import_kind(kind)
    if format == "csv":
        return _attachment(
            templates.template_csv(spec), "text/csv; charset=utf-8", f"mau-{kind}.csv"
        )
    return _attachment(templates.template_xlsx(db, spec), XLSX, f"mau-{kind}.xlsx")
