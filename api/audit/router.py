from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from api.audit import service
from api.audit.schemas import AuditEventRead
from api.auth.deps import CurrentActor
from api.common.listing import list_params
from api.common.schemas import Page, QueryId
from api.db import Db

router = APIRouter(prefix="/audit-events", tags=["audit"])
AuditListParams = list_params(service.SORTS)


@router.get("", response_model=Page[AuditEventRead])
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
) -> Page[AuditEventRead]:
    items, total = service.list_events(
        db,
        actor,
        lq,
        entity=entity,
        entity_id=entity_id,
        action=action,
        actor_user_id=actor_user_id,
        unit_id=unit_id,
        from_=from_,
        to=to,
    )
    return Page(items=items, total=total, limit=lq.limit, offset=lq.offset)
