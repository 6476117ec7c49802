from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.audit import service
from api.audit.schemas import AuditEventRead
from api.auth.deps import CurrentActor
from api.common.csv_export import CSV_RESPONSE, Column, csv_response
from api.common.listing import list_params
from api.common.schemas import Page, QueryId
from api.db import Db

router = APIRouter(prefix="/audit-events", tags=["audit"])
AuditListParams = list_params(service.SORTS)


AUDIT_COLUMNS = [
    Column("Thời điểm", lambda e: e.at),
    Column("Người thực hiện", lambda e: e.actor_name),
    Column("Thao tác", lambda e: e.action),
    Column("Loại bản ghi", lambda e: e.entity),
    Column("Mã bản ghi", lambda e: e.entity_id),
    Column("Mã đơn vị", lambda e: e.unit_id),
    Column("Mã yêu cầu", lambda e: e.request_id),
]


@router.get("", response_model=Page[AuditEventRead], responses=CSV_RESPONSE)
def list_audit_events(
    db: Db,
    actor: CurrentActor,
    lq: AuditListParams,
    entity: Annotated[str | None, Query(max_length=64)] = None,
    entity_id: Annotated[str | None, Query(max_length=64)] = None,
    action: Annotated[str | None, Query(max_length=32)] = None,
    actor_user_id: QueryId = None,
    unit_id: QueryId = None,
    from_: Annotated[datetime | None, Query(alias="from")] = None,
    to: datetime | None = None,
    format: Literal["json", "csv"] = "json",
) -> Page[AuditEventRead] | Response:
    filters = service.AuditFilters(entity, entity_id, action, actor_user_id, unit_id, from_, to)
    if format == "csv":
        events = service.export_events(db, actor, lq, filters)
        return csv_response(events, AUDIT_COLUMNS, "nhat-ky.csv")
    items, total = service.list_events(db, actor, lq, filters)
    return Page(items=items, total=total, limit=lq.limit, offset=lq.offset)
