from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.auth.deps import CurrentActor
from api.common.listing import list_params
from api.common.schemas import Page, PathId, QueryId
from api.common.versioning import IfMatch, set_etag
from api.db import Db
from api.units import service
from api.units.enums import UnitKind
from api.units.schemas import UnitCreate, UnitNode, UnitRead, UnitUpdate

router = APIRouter(prefix="/units", tags=["units"])
UnitListParams = list_params(service.SORTS)


@router.get("", response_model=Page[UnitRead])
def list_units(
    db: Db,
    actor: CurrentActor,
    lq: UnitListParams,
    kind: Annotated[list[UnitKind] | None, Query()] = None,
    parent_id: QueryId = None,
    is_active: bool | None = None,
) -> Page[UnitRead]:
    items, total = service.list_units(
        db, actor, lq, kind=kind, parent_id=parent_id, is_active=is_active
    )
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
