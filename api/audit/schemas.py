from datetime import datetime
from typing import Any

from api.common.schemas import ReadModel


class AuditEventRead(ReadModel):
    id: int
    at: datetime
    actor_user_id: int | None
    actor_client_id: int | None
    actor_name: str
    action: str
    entity: str
    entity_id: str
    unit_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    request_id: str | None
