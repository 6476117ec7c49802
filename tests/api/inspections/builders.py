"""Builders of inspections, findings and recommendations, and readers of what was stored."""

from datetime import date, timedelta
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.audit.models import AuditEvent
from api.auth.enums import Role
from api.auth.models import User
from api.common.dates import province_today
from api.common.task_groups import TaskGroup
from api.inspections.enums import FindingSeverity, InspectionKind, RecommendationStatus
from api.inspections.models import Finding, Inspection, Recommendation
from tests.factories import unit_by_code

API = "/api/v1"


def _store(db: Session, record: Any) -> None:
    """Commit (a savepoint in tests): a request that fails and rolls back keeps it."""
    db.add(record)
    db.commit()


T = TypeVar("T")


def make_officer(db: Session, username: str, unit_code: str) -> User:
    """A unit officer who never logs in (tests use tokens): no password to hash, so it is fast."""
    officer = User(
        username=username,
        full_name=f"Cán bộ {unit_code}",
        role=Role.unit_officer,
        unit_id=unit_by_code(db, unit_code).id,
        password_hash="!",
    )
    _store(db, officer)
    return officer


def make_inspection(
    db: Session,
    inspecting: str = "TTT",
    inspected: str = "P-HOALU",
    kind: InspectionKind = InspectionKind.inspection,
    **fields: Any,
) -> Inspection:
    values: dict[str, Any] = {
        "kind": kind,
        "inspecting_unit_id": unit_by_code(db, inspecting).id,
        "inspected_unit_id": unit_by_code(db, inspected).id,
        "title": "Kiểm tra công tác dân vận chính quyền năm 2026",
        "started_on": date(2026, 3, 2),
        "scope": [TaskGroup.citizen_reception.value],
    }
    values.update(fields)
    inspection = Inspection(**values)
    _store(db, inspection)
    return inspection


def make_finding(db: Session, inspection: Inspection, **fields: Any) -> Finding:
    values: dict[str, Any] = {
        "inspection_id": inspection.id,
        "task_group": TaskGroup.citizen_reception,
        "severity": FindingSeverity.moderate,
        "description": "Chưa niêm yết lịch tiếp công dân của Chủ tịch UBND",
    }
    values.update(fields)
    finding = Finding(**values)
    _store(db, finding)
    return finding


def make_recommendation(
    db: Session,
    inspection: Inspection,
    responsible: str = "P-HOALU",
    status: RecommendationStatus = RecommendationStatus.open,
    **fields: Any,
) -> Recommendation:
    values: dict[str, Any] = {
        "inspection_id": inspection.id,
        "responsible_unit_id": unit_by_code(db, responsible).id,
        "text": "Niêm yết công khai lịch tiếp công dân tại trụ sở",
        "due_on": province_today() + timedelta(days=30),
        "status": status,
    }
    values.update(fields)
    recommendation = Recommendation(**values)
    _store(db, recommendation)
    return recommendation


def count(db: Session, model: type) -> int:
    return db.scalar(select(func.count()).select_from(model)) or 0


def fresh(db: Session, model: type[T], record_id: int) -> T | None:
    """The row as the database holds it now, not as the session remembers it."""
    db.expire_all()
    return db.get(model, record_id)


def audit_actions(db: Session, entity: str, record_id: int) -> list[str]:
    return list(
        db.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.entity == entity, AuditEvent.entity_id == str(record_id))
            .order_by(AuditEvent.id)
        )
    )


def error_fields(body: dict[str, Any]) -> set[str]:
    return {e["loc"][-1] for e in body["errors"]}
