from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.auth.deps import CurrentActor
from api.common.csv_export import CSV_RESPONSE, Column, csv_response
from api.common.listing import list_params
from api.common.schemas import Page, PathId, QueryId
from api.common.versioning import IfMatch, set_etag
from api.db import Db
from api.units import service
from api.units.enums import UnitKind
from api.units.schemas import UnitCreate, UnitNode, UnitRead, UnitUpdate

router = APIRouter(prefix="/units", tags=["units"])
UnitListParams = list_params(service.SORTS)


UNIT_COLUMNS = [
    Column("Mã đơn vị", lambda u: u.code),
    Column("Mã định danh điện tử", lambda u: u.agency_code),
    Column("Tên đơn vị", lambda u: u.name),
    Column("Tên viết tắt", lambda u: u.short_name),
    Column("Loại đơn vị", lambda u: u.kind),
    Column("Đơn vị cấp trên", lambda u: u.parent.code if u.parent else None),
    Column("Đang hoạt động", lambda u: u.is_active),
    Column("Ngày thành lập", lambda u: u.established_on),
]


@router.get("", response_model=Page[UnitRead], responses=CSV_RESPONSE)
def list_units(
    db: Db,
    actor: CurrentActor,
    lq: UnitListParams,
    kind: Annotated[list[UnitKind] | None, Query()] = None,
    parent_id: QueryId = None,
    is_active: bool | None = None,
    format: Literal["json", "csv"] = "json",
) -> Page[UnitRead] | Response:
    filters = service.UnitFilters(kind, parent_id, is_active)
    if format == "csv":
        units = service.export_units(db, actor, lq, filters)
        return csv_response(units, UNIT_COLUMNS, "don-vi.csv")
    items, total = service.list_units(db, actor, lq, filters)
    return Page(items=items, total=total, limit=lq.limit, offset=lq.offset)


@router.get("/tree", response_model=list[UnitNode])
def get_unit_tree(db: Db, actor: CurrentActor) -> list[UnitNode]:
    return service.unit_tree(db, actor)


@router.post("", response_model=UnitRead, status_code=201)
def create_unit(body: UnitCreate, response: Response, db: Db, actor: CurrentActor) -> UnitRead:
    unit = service.create_unit(db, actor, body)
    set_etag(response, unit.version)
    return unit


@router.get("/{unit_id}", response_model=UnitRead)
def get_unit(unit_id: PathId, response: Response, db: Db, actor: CurrentActor) -> UnitRead:
    unit = service.get_unit(db, actor, unit_id)
    set_etag(response, unit.version)
    return unit


@router.patch("/{unit_id}", response_model=UnitRead)
def update_unit(
    unit_id: PathId,
    body: UnitUpdate,
    response: Response,
    db: Db,
    actor: CurrentActor,
    expected: IfMatch,
) -> UnitRead:
    unit = service.update_unit(db, actor, unit_id, body, expected)
    set_etag(response, unit.version)
    return unit


@router.delete("/{unit_id}", status_code=204)
def delete_unit(unit_id: PathId, db: Db, actor: CurrentActor, expected: IfMatch) -> Response:
    service.delete_unit(db, actor, unit_id, expected)
    return Response(status_code=204)
