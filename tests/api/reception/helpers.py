"""Builders and shorthands for the reception domain's API tests."""

from datetime import date, datetime, timedelta
from itertools import count
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.auth.models import Client
from api.auth.tokens import AccessClaims, create_access_token
from api.config import PROVINCE_TZ
from api.db import scalar_defaults
from api.reception.enums import (
    CaseType,
    PetitionField,
    PetitionSource,
    PetitionStatus,
    ReceptionResult,
    SessionType,
)
from api.reception.models import Petition, Reception
from api.reception.reference import load_calendar
from api.reception.timing import store_due_dates
from tests.factories import unit_by_code

_seq = count(1)
ID_NUMBER = "037090001234"
MASKED = "********1234"


def today() -> date:
    return datetime.now(PROVINCE_TZ).date()


def make_petition(db: Session, unit_code: str = "P-HOALU", **fields: Any) -> Petition:
    values: dict[str, Any] = {
        "unit_id": unit_by_code(db, unit_code).id,
        "case_type": CaseType.complaint,
        "field": PetitionField.land,
        "source": PetitionSource.mail,
        "received_on": date(2026, 3, 2),
        "petitioner_name": f"Nguyễn Văn An {next(_seq)}",
        "petitioner_id_number": ID_NUMBER,
        "summary": "Khiếu nại quyết định thu hồi đất",
        "status": PetitionStatus.received,
        "history": [],
    }
    values.update(fields)
    if values["case_type"] is CaseType.complaint:
        values.setdefault("resolution_level", "first")
    calendar = load_calendar(db)
    petition = Petition(**(scalar_defaults(Petition) | values))
    store_due_dates(calendar, petition)  # as every write in the app does
    db.add(petition)
    db.commit()  # a savepoint: an API call that fails and rolls back keeps it
    return petition


def make_reception(db: Session, unit_code: str = "P-HOALU", **fields: Any) -> Reception:
    values: dict[str, Any] = {
        "unit_id": unit_by_code(db, unit_code).id,
        "received_at": datetime(2026, 3, 2, 8, 30, tzinfo=PROVINCE_TZ),
        "session_type": SessionType.regular,
        "receiver_name": "Trần Thị Bình",
        "citizen_name": f"Lê Văn Cường {next(_seq)}",
        "citizen_id_number": ID_NUMBER,
        "group_size": 1,
        "content": "Hỏi về thủ tục cấp giấy chứng nhận quyền sử dụng đất",
        "field": PetitionField.land,
        "case_type": CaseType.recommendation,
        "result": ReceptionResult.guided,
    }
    values.update(fields)
    reception = Reception(**values)
    db.add(reception)
    db.commit()
    return reception


def client_bearer(db: Session, scopes: tuple[str, ...] = ("petitions:write",)) -> dict[str, str]:
    """Headers of an integration client (the public-service portal) holding `scopes`."""
    client = Client(
        client_id=f"portal-{next(_seq)}", name="Cổng DVC", secret_hash="x", scopes=list(scopes)
    )
    db.add(client)
    db.commit()
    token, _ = create_access_token(AccessClaims("client", client.id, None, None, scopes))
    return {"Authorization": f"Bearer {token}"}


def act(client, headers: dict[str, str], petition_id: int, action: str, acted_on: date, **extra):
    body = {"action": action, "acted_on": acted_on.isoformat(), **extra}
    return client.post(f"/api/v1/petitions/{petition_id}/actions", headers=headers, json=body)


def count_rows(db: Session, model: type) -> int:
    return db.scalar(select(func.count()).select_from(model)) or 0


def days(n: int) -> timedelta:
    return timedelta(days=n)
