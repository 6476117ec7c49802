"""Citizen receptions and petitions over HTTP: parse, call the service, shape the answer."""

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response
from fastapi.responses import JSONResponse

from api.auth.deps import CurrentActor
from api.common.csv_export import CSV_RESPONSE, csv_response
from api.common.listing import list_params
from api.common.schemas import Page, PathId, QueryId
from api.common.versioning import IfMatch, etag, set_etag
from api.db import Db
from api.reception import petitions, receptions
from api.reception.enums import (
    CaseType,
    PetitionField,
    PetitionSource,
    PetitionStatus,
    ReceptionResult,
    SessionType,
)
from api.reception.exports import PETITION_COLUMNS, RECEPTION_COLUMNS
from api.reception.petitions import PetitionFilters
from api.reception.receptions import ReceptionFilters
from api.reception.schemas import (
    PetitionActionIn,
    PetitionCreate,
    PetitionRead,
    PetitionUpdate,
    ReceptionCreate,
    ReceptionRead,
    ReceptionUpdate,
)

reception_router = APIRouter(prefix="/receptions", tags=["receptions"])
petition_router = APIRouter(prefix="/petitions", tags=["petitions"])
ReceptionListParams = list_params(receptions.SORTS)
PetitionListParams = list_params(petitions.SORTS)

Format = Literal["json", "csv"]
Year = Annotated[int | None, Query(ge=1900, le=2200)]
From = Annotated[date | None, Query(alias="from", description="Từ ngày (tính cả ngày này)")]
To = Annotated[date | None, Query(description="Đến ngày (tính cả ngày này)")]


def reception_filters(
    unit_id: QueryId = None,
    year: Year = None,
    from_: From = None,
    to: To = None,
    session_type: SessionType | None = None,
    head_in_person: bool | None = None,
    case_type: CaseType | None = None,
    field: PetitionField | None = None,
    result: ReceptionResult | None = None,
    is_crowd: bool | None = None,
) -> ReceptionFilters:
    return ReceptionFilters(
        unit_id, year, from_, to, session_type, head_in_person, case_type, field, result, is_crowd
    )


def petition_filters(
    unit_id: QueryId = None,
    year: Year = None,
    from_: From = None,
    to: To = None,
    case_type: CaseType | None = None,
    field: PetitionField | None = None,
    source: PetitionSource | None = None,
    status: PetitionStatus | None = None,
    overdue: Annotated[bool | None, Query(description="Chỉ đơn quá hạn (true) / chưa")] = None,
) -> PetitionFilters:
    return PetitionFilters(unit_id, year, from_, to, case_type, field, source, status, overdue)


# --- receptions ------------------------------------------------------------------------------


@reception_router.get("", response_model=Page[ReceptionRead], responses=CSV_RESPONSE)
def list_receptions(
    db: Db,
    actor: CurrentActor,
    lq: ReceptionListParams,
    filters: Annotated[ReceptionFilters, Depends(reception_filters)],
    format: Format = "json",
):
    if format == "csv":
        rows = receptions.receptions_for_export(db, actor, lq, filters)
        return csv_response(rows, RECEPTION_COLUMNS, "tiep-cong-dan.csv")
    items, total = receptions.list_receptions(db, actor, lq, filters)
    return Page(items=items, total=total, limit=lq.limit, offset=lq.offset)


@reception_router.post("", response_model=ReceptionRead, status_code=201)
def create_reception(
    body: ReceptionCreate, response: Response, db: Db, actor: CurrentActor
) -> ReceptionRead:
    reception = receptions.create_reception(db, actor, body)
    set_etag(response, reception.version)
    return reception


@reception_router.get("/{reception_id}", response_model=ReceptionRead)
def get_reception(
    reception_id: PathId, response: Response, db: Db, actor: CurrentActor
) -> ReceptionRead:
    reception = receptions.get_reception(db, actor, reception_id)
    set_etag(response, reception.version)
    return reception


@reception_router.patch("/{reception_id}", response_model=ReceptionRead)
def update_reception(
    reception_id: PathId,
    body: ReceptionUpdate,
    response: Response,
    db: Db,
    actor: CurrentActor,
    expected: IfMatch,
) -> ReceptionRead:
    reception = receptions.update_reception(db, actor, reception_id, body, expected)
    set_etag(response, reception.version)
    return reception


@reception_router.delete("/{reception_id}", status_code=204)
def delete_reception(
    reception_id: PathId, db: Db, actor: CurrentActor, expected: IfMatch
) -> Response:
    receptions.delete_reception(db, actor, reception_id, expected)
    return Response(status_code=204)


@reception_router.post("/{reception_id}/petition", response_model=ReceptionRead, status_code=201)
def file_petition(
    reception_id: PathId, response: Response, db: Db, actor: CurrentActor
) -> ReceptionRead:
    reception = receptions.file_petition(db, actor, reception_id)
    set_etag(response, reception.version)
    return reception


# --- petitions -------------------------------------------------------------------------------


@petition_router.get("", response_model=Page[PetitionRead], responses=CSV_RESPONSE)
def list_petitions(
    db: Db,
    actor: CurrentActor,
    lq: PetitionListParams,
    filters: Annotated[PetitionFilters, Depends(petition_filters)],
    format: Format = "json",
):
    if format == "csv":
        rows = petitions.petitions_for_export(db, actor, lq, filters)
        return csv_response(rows, PETITION_COLUMNS, "don-thu.csv")
    items, total = petitions.list_petitions(db, actor, lq, filters)
    return Page(items=items, total=total, limit=lq.limit, offset=lq.offset)


@petition_router.post(
    "",
    response_model=PetitionRead,
    status_code=201,
    responses={200: {"model": PetitionRead, "description": "Đã có đơn với (source, external_id)"}},
)
def create_petition(body: PetitionCreate, db: Db, actor: CurrentActor) -> JSONResponse:
    petition, created = petitions.create_petition(db, actor, body)
    return JSONResponse(
        petition.model_dump(mode="json"),
        status_code=201 if created else 200,
        headers={"ETag": etag(petition.version)},
    )


@petition_router.get("/{petition_id}", response_model=PetitionRead)
def get_petition(
    petition_id: PathId, response: Response, db: Db, actor: CurrentActor
) -> PetitionRead:
    petition = petitions.get_petition(db, actor, petition_id)
    set_etag(response, petition.version)
    return petition


@petition_router.patch("/{petition_id}", response_model=PetitionRead)
def update_petition(
    petition_id: PathId,
    body: PetitionUpdate,
    response: Response,
    db: Db,
    actor: CurrentActor,
    expected: IfMatch,
) -> PetitionRead:
    petition = petitions.update_petition(db, actor, petition_id, body, expected)
    set_etag(response, petition.version)
    return petition


@petition_router.delete("/{petition_id}", status_code=204)
def delete_petition(
    petition_id: PathId, db: Db, actor: CurrentActor, expected: IfMatch
) -> Response:
    petitions.delete_petition(db, actor, petition_id, expected)
    return Response(status_code=204)


@petition_router.post("/{petition_id}/actions", response_model=PetitionRead)
def act_on_petition(
    petition_id: PathId,
    body: PetitionActionIn,
    response: Response,
    db: Db,
    actor: CurrentActor,
    expected: IfMatch,
) -> PetitionRead:
    petition = petitions.act_on_petition(db, actor, petition_id, body, expected)
    set_etag(response, petition.version)
    return petition
