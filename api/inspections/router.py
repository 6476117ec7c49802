from dataclasses import replace
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from api.auth.deps import CurrentActor
from api.auth.policy import Actor
from api.common.csv_export import CSV_RESPONSE, csv_response
from api.common.dates import province_today
from api.common.listing import ListQuery, list_params
from api.common.problems import Invalid
from api.common.schemas import INT32_MAX, Page, PathId, QueryId
from api.common.task_groups import TaskGroup
from api.common.versioning import IfMatch, set_etag
from api.db import Db
from api.inspections import recommendations as recs
from api.inspections import service
from api.inspections.enums import (
    FindingSeverity,
    InspectionKind,
    InspectionStatus,
    RecommendationStatus,
)
from api.inspections.export import INSPECTION_COLUMNS, recommendation_columns
from api.inspections.schemas import (
    FindingCreate,
    FindingRead,
    FindingUpdate,
    InspectionCreate,
    InspectionRead,
    InspectionUpdate,
    RecommendationActionRequest,
    RecommendationCreate,
    RecommendationRead,
    RecommendationUpdate,
)

inspections = APIRouter(prefix="/inspections", tags=["inspections"])
findings = APIRouter(prefix="/inspections/{inspection_id}/findings", tags=["findings"])
recommendations = APIRouter(tags=["recommendations"])
InspectionListParams = list_params(service.INSPECTION_SORTS)
FindingListParams = list_params(service.FINDING_SORTS)
RecommendationListParams = list_params(recs.SORTS)

Year = Annotated[int | None, Query(ge=2000, le=2100)]
OutputFormat = Annotated[Literal["json", "csv"], Query(alias="format")]


def _period(from_: date | None, to: date | None) -> tuple[date | None, date | None]:
    if from_ and to and to < from_:
        msg = "Ngày 'to' trước ngày 'from'"
        raise Invalid(msg, errors=[{"loc": ["query", "to"], "msg": msg, "type": "value_error"}])
    return from_, to


def inspection_filters(
    kind: Annotated[list[InspectionKind] | None, Query()] = None,
    status: Annotated[list[InspectionStatus] | None, Query()] = None,
    inspecting_unit_id: QueryId = None,
    inspected_unit_id: QueryId = None,
    unit_id: Annotated[
        int | None, Query(ge=1, le=INT32_MAX, description="Đơn vị kiểm tra hoặc được kiểm tra")
    ] = None,
    plan_id: QueryId = None,
    task_group: TaskGroup | None = None,
    year: Year = None,
    from_: Annotated[date | None, Query(alias="from")] = None,
    to: date | None = None,
) -> service.InspectionFilters:
    from_, to = _period(from_, to)
    return service.InspectionFilters(
        kind=kind,
        status=status,
        inspecting_unit_id=inspecting_unit_id,
        inspected_unit_id=inspected_unit_id,
        unit_id=unit_id,
        plan_id=plan_id,
        task_group=task_group,
        year=year,
        from_=from_,
        to=to,
    )


def recommendation_filters(
    responsible_unit_id: QueryId = None,
    inspecting_unit_id: QueryId = None,
    unit_id: Annotated[
        int | None, Query(ge=1, le=INT32_MAX, description="Đơn vị thực hiện hoặc kiểm tra")
    ] = None,
    status: Annotated[list[RecommendationStatus] | None, Query()] = None,
    overdue: bool | None = None,
    year: Annotated[int | None, Query(ge=2000, le=2100, description="Năm của hạn")] = None,
    from_: Annotated[date | None, Query(alias="from", description="Hạn từ ngày")] = None,
    to: Annotated[date | None, Query(description="Hạn đến ngày")] = None,
) -> recs.RecommendationFilters:
    from_, to = _period(from_, to)
    return recs.RecommendationFilters(
        responsible_unit_id=responsible_unit_id,
        inspecting_unit_id=inspecting_unit_id,
        unit_id=unit_id,
        status=status,
        overdue=overdue,
        year=year,
        from_=from_,
        to=to,
    )


InspectionFilterParams = Annotated[service.InspectionFilters, Depends(inspection_filters)]
RecommendationFilterParams = Annotated[recs.RecommendationFilters, Depends(recommendation_filters)]


# --- inspections -------------------------------------------------------------------------


@inspections.get("", response_model=Page[InspectionRead], responses=CSV_RESPONSE)
def list_inspections(
    db: Db,
    actor: CurrentActor,
    lq: InspectionListParams,
    filters: InspectionFilterParams,
    output: OutputFormat = "json",
) -> Page[InspectionRead] | StreamingResponse:
    if output == "csv":
        rows = service.export_inspections(db, actor, lq, filters)
        return csv_response(rows, INSPECTION_COLUMNS, "kiem-tra-giam-sat.csv")
    items, total = service.list_inspections(db, actor, lq, filters)
    return Page(items=items, total=total, limit=lq.limit, offset=lq.offset)


@inspections.post("", response_model=InspectionRead, status_code=201)
def create_inspection(
    body: InspectionCreate, response: Response, db: Db, actor: CurrentActor
) -> InspectionRead:
    inspection = service.create_inspection(db, actor, body)
    set_etag(response, inspection.version)
    return inspection


@inspections.get("/{inspection_id}", response_model=InspectionRead)
def get_inspection(
    inspection_id: PathId, response: Response, db: Db, actor: CurrentActor
) -> InspectionRead:
    inspection = service.get_inspection(db, actor, inspection_id)
    set_etag(response, inspection.version)
    return inspection


@inspections.patch("/{inspection_id}", response_model=InspectionRead)
def update_inspection(
    inspection_id: PathId,
    body: InspectionUpdate,
    response: Response,
    db: Db,
    actor: CurrentActor,
    expected: IfMatch,
) -> InspectionRead:
    inspection = service.update_inspection(db, actor, inspection_id, body, expected)
    set_etag(response, inspection.version)
    return inspection


@inspections.delete("/{inspection_id}", status_code=204)
def delete_inspection(
    inspection_id: PathId, db: Db, actor: CurrentActor, expected: IfMatch
) -> Response:
    service.delete_inspection(db, actor, inspection_id, expected)
    return Response(status_code=204)


# --- findings ----------------------------------------------------------------------------


@findings.get("", response_model=Page[FindingRead])
def list_findings(
    inspection_id: PathId,
    db: Db,
    actor: CurrentActor,
    lq: FindingListParams,
    task_group: TaskGroup | None = None,
    severity: FindingSeverity | None = None,
) -> Page[FindingRead]:
    items, total = service.list_findings(
        db, actor, inspection_id, lq, task_group=task_group, severity=severity
    )
    return Page(items=items, total=total, limit=lq.limit, offset=lq.offset)


@findings.post("", response_model=FindingRead, status_code=201)
def create_finding(
    inspection_id: PathId, body: FindingCreate, response: Response, db: Db, actor: CurrentActor
) -> FindingRead:
    finding = service.create_finding(db, actor, inspection_id, body)
    set_etag(response, finding.version)
    return finding


@findings.patch("/{finding_id}", response_model=FindingRead)
def update_finding(
    inspection_id: PathId,
    finding_id: PathId,
    body: FindingUpdate,
    response: Response,
    db: Db,
    actor: CurrentActor,
    expected: IfMatch,
) -> FindingRead:
    finding = service.update_finding(db, actor, inspection_id, finding_id, body, expected)
    set_etag(response, finding.version)
    return finding


@findings.delete("/{finding_id}", status_code=204)
def delete_finding(
    inspection_id: PathId, finding_id: PathId, db: Db, actor: CurrentActor, expected: IfMatch
) -> Response:
    service.delete_finding(db, actor, inspection_id, finding_id, expected)
    return Response(status_code=204)


# --- recommendations ---------------------------------------------------------------------


def _recommendation_page(
    db: Session,
    actor: Actor,
    lq: ListQuery,
    filters: recs.RecommendationFilters,
    output: str,
) -> Page[RecommendationRead] | StreamingResponse:
    if output == "csv":
        rows = recs.export_recommendations(db, actor, lq, filters)
        return csv_response(rows, recommendation_columns(province_today()), "kien-nghi.csv")
    items, total = recs.list_recommendations(db, actor, lq, filters)
    return Page(items=items, total=total, limit=lq.limit, offset=lq.offset)


@recommendations.get(
    "/recommendations", response_model=Page[RecommendationRead], responses=CSV_RESPONSE
)
def list_recommendations(
    db: Db,
    actor: CurrentActor,
    lq: RecommendationListParams,
    filters: RecommendationFilterParams,
    inspection_id: QueryId = None,
    output: OutputFormat = "json",
) -> Page[RecommendationRead] | StreamingResponse:
    """Across inspections: what each unit owes, what is overdue."""
    return _recommendation_page(
        db, actor, lq, replace(filters, inspection_id=inspection_id), output
    )


@recommendations.get(
    "/inspections/{inspection_id}/recommendations",
    response_model=Page[RecommendationRead],
    responses=CSV_RESPONSE,
)
def list_inspection_recommendations(
    inspection_id: PathId,
    db: Db,
    actor: CurrentActor,
    lq: RecommendationListParams,
    filters: RecommendationFilterParams,
    output: OutputFormat = "json",
) -> Page[RecommendationRead] | StreamingResponse:
    return _recommendation_page(
        db, actor, lq, replace(filters, inspection_id=inspection_id), output
    )


@recommendations.post(
    "/inspections/{inspection_id}/recommendations",
    response_model=RecommendationRead,
    status_code=201,
)
def create_recommendation(
    inspection_id: PathId,
    body: RecommendationCreate,
    response: Response,
    db: Db,
    actor: CurrentActor,
) -> RecommendationRead:
    recommendation = recs.create_recommendation(db, actor, inspection_id, body)
    set_etag(response, recommendation.version)
    return recommendation


@recommendations.get("/recommendations/{recommendation_id}", response_model=RecommendationRead)
def get_recommendation(
    recommendation_id: PathId, response: Response, db: Db, actor: CurrentActor
) -> RecommendationRead:
    recommendation = recs.get_recommendation(db, actor, recommendation_id)
    set_etag(response, recommendation.version)
    return recommendation


@recommendations.patch("/recommendations/{recommendation_id}", response_model=RecommendationRead)
def update_recommendation(
    recommendation_id: PathId,
    body: RecommendationUpdate,
    response: Response,
    db: Db,
    actor: CurrentActor,
    expected: IfMatch,
) -> RecommendationRead:
    recommendation = recs.update_recommendation(db, actor, recommendation_id, body, expected)
    set_etag(response, recommendation.version)
    return recommendation


@recommendations.delete("/recommendations/{recommendation_id}", status_code=204)
def delete_recommendation(
    recommendation_id: PathId, db: Db, actor: CurrentActor, expected: IfMatch
) -> Response:
    recs.delete_recommendation(db, actor, recommendation_id, expected)
    return Response(status_code=204)


@recommendations.post(
    "/recommendations/{recommendation_id}/actions", response_model=RecommendationRead
)
def act_on_recommendation(
    recommendation_id: PathId,
    body: RecommendationActionRequest,
    response: Response,
    db: Db,
    actor: CurrentActor,
    expected: IfMatch,
) -> RecommendationRead:
    recommendation = recs.apply_action(db, actor, recommendation_id, body, expected)
    set_etag(response, recommendation.version)
    return recommendation
