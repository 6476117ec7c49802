from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Response
from fastapi.responses import StreamingResponse

from api.auth.deps import CurrentActor
from api.common.csv_export import CSV_RESPONSE, csv_response
from api.common.listing import list_params
from api.common.schemas import Page, PathId, QueryId
from api.common.versioning import IfMatch, set_etag
from api.db import Db
from api.reports import periods, service
from api.reports.documents import DOCX, summary_document, unit_document
from api.reports.enums import Completeness, ReportPeriodKind, ReportStatus
from api.reports.export import REPORT_COLUMNS, XLSX, summary_workbook
from api.reports.schemas import (
    PeriodStatus,
    ReportActionRequest,
    ReportPeriodCreate,
    ReportPeriodRead,
    ReportPeriodUpdate,
    UnitReportRead,
    UnitReportUpdate,
)
from api.reports.summary import consolidate

report_periods = APIRouter(prefix="/report-periods", tags=["report-periods"])
reports = APIRouter(prefix="/reports", tags=["reports"])
PeriodListParams = list_params(periods.PERIOD_SORTS)
ReportListParams = list_params(service.SORTS)

Year = Annotated[int | None, Query(ge=2000, le=2100, description="Năm của hạn gửi báo cáo")]
WORD = {200: {"content": {DOCX: {}}, "description": "Báo cáo (Word)"}}
WORD_OR_EXCEL = {
    200: {"content": {DOCX: {}, XLSX: {}}, "description": "Báo cáo tổng hợp (Word hoặc Excel)"}
}


def _file(content: bytes, media_type: str, filename: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"},
    )


def period_filters(
    kind: Annotated[list[ReportPeriodKind] | None, Query()] = None, year: Year = None
) -> periods.PeriodFilters:
    return periods.PeriodFilters(kind=kind, year=year)


def report_filters(
    period_id: QueryId = None,
    unit_id: QueryId = None,
    status: Annotated[list[ReportStatus] | None, Query()] = None,
    kind: Annotated[list[ReportPeriodKind] | None, Query(description="Loại kỳ báo cáo")] = None,
    year: Year = None,
) -> service.ReportFilters:
    return service.ReportFilters(
        period_id=period_id, unit_id=unit_id, status=status, kind=kind, year=year
    )


PeriodFilterParams = Annotated[periods.PeriodFilters, Depends(period_filters)]
ReportFilterParams = Annotated[service.ReportFilters, Depends(report_filters)]


# --- periods -------------------------------------------------------------------------------


@report_periods.get("", response_model=Page[ReportPeriodRead])
def list_report_periods(
    db: Db, actor: CurrentActor, lq: PeriodListParams, filters: PeriodFilterParams
) -> Page[ReportPeriodRead]:
    items, total = periods.list_periods(db, actor, lq, filters)
    return Page(items=items, total=total, limit=lq.limit, offset=lq.offset)


@report_periods.post("", response_model=ReportPeriodRead, status_code=201)
def create_report_period(
    body: ReportPeriodCreate, response: Response, db: Db, actor: CurrentActor
) -> ReportPeriodRead:
    """The period, and an expected report for each active unit of the kinds that must report."""
    period = periods.create_period(db, actor, body)
    set_etag(response, period.version)
    return period


@report_periods.get("/{period_id}", response_model=ReportPeriodRead)
def get_report_period(
    period_id: PathId, response: Response, db: Db, actor: CurrentActor
) -> ReportPeriodRead:
    period = periods.get_period(db, actor, period_id)
    set_etag(response, period.version)
    return period


@report_periods.patch("/{period_id}", response_model=ReportPeriodRead)
def update_report_period(
    period_id: PathId,
    body: ReportPeriodUpdate,
    response: Response,
    db: Db,
    actor: CurrentActor,
    expected: IfMatch,
) -> ReportPeriodRead:
    period = periods.update_period(db, actor, period_id, body, expected)
    set_etag(response, period.version)
    return period


@report_periods.delete("/{period_id}", status_code=204)
def delete_report_period(
    period_id: PathId, db: Db, actor: CurrentActor, expected: IfMatch
) -> Response:
    periods.delete_period(db, actor, period_id, expected)
    return Response(status_code=204)


@report_periods.get("/{period_id}/status", response_model=PeriodStatus)
def report_period_status(
    period_id: PathId,
    db: Db,
    actor: CurrentActor,
    completeness: Annotated[list[Completeness] | None, Query()] = None,
) -> PeriodStatus:
    """Completeness: where each unit stands, with counts and the share sent on time."""
    return periods.period_status(db, actor, period_id, completeness)


@report_periods.get("/{period_id}/summary", response_class=Response, responses=WORD_OR_EXCEL)
def report_period_summary(
    period_id: PathId,
    db: Db,
    actor: CurrentActor,
    output: Annotated[Literal["docx", "xlsx"], Query(alias="format")] = "docx",
) -> Response:
    """The consolidated provincial report of the period, from the reports received."""
    consolidation = consolidate(db, actor, period_id)
    name = f"bao-cao-tong-hop-ky-{period_id}"
    if output == "xlsx":
        return _file(summary_workbook(consolidation), XLSX, f"{name}.xlsx")
    return _file(summary_document(consolidation), DOCX, f"{name}.docx")


# --- reports -------------------------------------------------------------------------------


@reports.get("", response_model=Page[UnitReportRead], responses=CSV_RESPONSE)
def list_reports(
    db: Db,
    actor: CurrentActor,
    lq: ReportListParams,
    filters: ReportFilterParams,
    output: Annotated[Literal["json", "csv"], Query(alias="format")] = "json",
) -> Page[UnitReportRead] | StreamingResponse:
    if output == "csv":
        rows = service.export_reports(db, actor, lq, filters)
        return csv_response(rows, REPORT_COLUMNS, "bao-cao-dinh-ky.csv")
    items, total = service.list_reports(db, actor, lq, filters)
    return Page(items=items, total=total, limit=lq.limit, offset=lq.offset)


@reports.get("/{report_id}", response_model=UnitReportRead)
def get_report(
    report_id: PathId, response: Response, db: Db, actor: CurrentActor
) -> UnitReportRead:
    report = service.get_report(db, actor, report_id)
    set_etag(response, report.version)
    return report


@reports.patch("/{report_id}", response_model=UnitReportRead)
def update_report(
    report_id: PathId,
    body: UnitReportUpdate,
    response: Response,
    db: Db,
    actor: CurrentActor,
    expected: IfMatch,
) -> UnitReportRead:
    """The unit's narrative per task group, difficulties and proposals (draft or returned)."""
    report = service.update_report(db, actor, report_id, body, expected)
    set_etag(response, report.version)
    return report


@reports.post("/{report_id}/actions", response_model=UnitReportRead)
def act_on_report(
    report_id: PathId,
    body: ReportActionRequest,
    response: Response,
    db: Db,
    actor: CurrentActor,
    expected: IfMatch,
) -> UnitReportRead:
    report = service.apply_action(db, actor, report_id, body, expected)
    set_etag(response, report.version)
    return report


@reports.get("/{report_id}/document", response_class=Response, responses=WORD)
def report_document(
    report_id: PathId,
    db: Db,
    actor: CurrentActor,
    output: Annotated[Literal["docx"], Query(alias="format")] = "docx",
) -> Response:
    """The unit's report as a Word document."""
    report = service.report_or_404(db, actor, report_id)
    return _file(
        unit_document(report), DOCX, f"bao-cao-{report.unit.code}-ky-{report.period_id}.docx"
    )


# Both resources, as one router for api/main.py.
router = APIRouter()
router.include_router(report_periods)
router.include_router(reports)
