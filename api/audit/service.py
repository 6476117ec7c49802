"""Audit events, written in the same transaction as the change they record."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import Select, inspect, select
from sqlalchemy.orm import Session

from api.audit.models import AuditEvent
from api.auth.policy import Actor, Perm, require
from api.common.listing import ListQuery, fetch_page, order_by_sort
from api.common.personal import mask_id_number
from api.common.request_context import request_id

SORTS = {"at": AuditEvent.at, "id": AuditEvent.id}

# Never copied into the audit log.
_SECRET_COLUMNS = frozenset({"password_hash", "secret_hash", "token_hash", "search_text"})
# A citizen's identity number is kept masked: the audit log is read by roles that may not see it.
_PERSONAL_COLUMNS = frozenset({"petitioner_id_number", "citizen_id_number"})


def _json_safe(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    return value


def snapshot(record: object) -> dict[str, Any]:
    """The record's columns as JSON, without secrets."""
    mapper = inspect(record).mapper
    values = {
        attr.key: _json_safe(getattr(record, attr.key))
        for attr in mapper.column_attrs
        if attr.key not in _SECRET_COLUMNS
    }
    for key in _PERSONAL_COLUMNS & values.keys():
        values[key] = mask_id_number(values[key])
    return values


def record_event(
    db: Session,
    actor: Actor,
    action: str,
    record: object,
    *,
    before: dict[str, Any] | None = None,
    entity: str | None = None,
) -> AuditEvent:
    """Write one event. `action` is create/update/delete or a workflow action's name."""
    after = None if action == "delete" else snapshot(record)
    state = after or before or {}
    event = AuditEvent(
        actor_user_id=actor.user_id,
        actor_client_id=actor.client_id,
        actor_name=actor.name,
        action=action,
        entity=entity or record.__tablename__,  # type: ignore[attr-defined]
        entity_id=str(state.get("id", "")),
        unit_id=state.get("unit_id") if "unit_id" in state else None,
        before=before,
        after=after,
        request_id=request_id.get(),
    )
    db.add(event)
    return event


def record_summary(
    db: Session, actor: Actor, action: str, entity: str, summary: dict[str, Any]
) -> AuditEvent:
    """One event for a bulk write (a portal batch): what it did, not each record's state."""
    event = AuditEvent(
        actor_user_id=actor.user_id,
        actor_client_id=actor.client_id,
        actor_name=actor.name,
        action=action,
        entity=entity,
        entity_id="",
        after=summary,
        request_id=request_id.get(),
    )
    db.add(event)
    return event


@dataclass(frozen=True)
class AuditFilters:
    entity: str | None = None
    entity_id: str | None = None
    action: str | None = None
    actor_user_id: int | None = None
    unit_id: int | None = None
    from_: datetime | None = None
    to: datetime | None = None


def _events_query(actor: Actor, lq: ListQuery, filters: AuditFilters) -> Select[tuple[AuditEvent]]:
    require(actor, Perm.audit_read)
    stmt = select(AuditEvent)
    equal = [
        (AuditEvent.entity, filters.entity),
        (AuditEvent.entity_id, filters.entity_id),
        (AuditEvent.action, filters.action),
        (AuditEvent.actor_user_id, filters.actor_user_id),
        (AuditEvent.unit_id, filters.unit_id),
    ]
    for column, value in equal:
        if value is not None:
            stmt = stmt.where(column == value)
    if filters.from_ is not None:
        stmt = stmt.where(AuditEvent.at >= filters.from_)
    if filters.to is not None:
        stmt = stmt.where(AuditEvent.at < filters.to)
    return order_by_sort(stmt, lq.sort, SORTS, "-at", AuditEvent.id.desc())


def list_events(
    db: Session, actor: Actor, lq: ListQuery, filters: AuditFilters
) -> tuple[list[AuditEvent], int]:
    rows, total = fetch_page(db, _events_query(actor, lq, filters), lq)
    return list(rows), total


def export_events(
    db: Session, actor: Actor, lq: ListQuery, filters: AuditFilters
) -> Iterator[AuditEvent]:
    """The whole filtered log for CSV, read in chunks: it grows without bound."""
    return iter(db.scalars(_events_query(actor, lq, filters).execution_options(yield_per=500)))
