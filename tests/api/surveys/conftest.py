"""Builders for the surveys tests: evaluations, survey results and integration clients.

They commit (a savepoint of the test's transaction), so a request that fails and rolls back
leaves them in place."""

from collections.abc import Callable
from datetime import datetime
from itertools import count
from typing import Any

import pytest
from sqlalchemy.orm import Session

from api.auth.models import Client
from api.auth.tokens import AccessClaims, create_access_token
from api.common.periods import parse_period
from api.config import PROVINCE_TZ
from api.surveys.enums import (
    EvaluationChannel,
    EvaluationSource,
    ProcedureField,
    SatisfactionLevel,
    SurveySource,
)
from api.surveys.models import Evaluation, SurveyResult
from tests.factories import unit_by_code

_seq = count(1)


def local(*parts: int) -> datetime:
    """A moment in the province's time zone: local(2026, 3, 1, 9, 15)."""
    return datetime(*parts, tzinfo=PROVINCE_TZ)


@pytest.fixture
def client_auth(db: Session) -> Callable[..., dict[str, str]]:
    """client_auth("evaluations:write") -> headers of an integration client holding the scopes."""

    def headers(*scopes: str) -> dict[str, str]:
        n = next(_seq)
        client = Client(
            client_id=f"portal-{n}",
            name=f"Cổng dịch vụ công {n}",
            secret_hash="not-used: the test issues the token directly",
            scopes=list(scopes),
        )
        db.add(client)
        db.commit()
        token, _ = create_access_token(AccessClaims("client", client.id, None, None, scopes))
        return {"Authorization": f"Bearer {token}"}

    return headers


@pytest.fixture
def make_evaluation(db: Session) -> Callable[..., Evaluation]:
    def build(unit_code: str = "P-HOALU", **fields: Any) -> Evaluation:
        n = next(_seq)
        values: dict[str, Any] = {
            "source": EvaluationSource.portal,
            "external_id": f"DG-T-{n:06d}",
            "unit_id": unit_by_code(db, unit_code).id,
            "dossier_code": f"H42.22-260301-{n:04d}",
            "procedure_code": "1.004227",
            "field": ProcedureField.land,
            "level": SatisfactionLevel.satisfied,
            "evaluated_at": local(2026, 3, 1, 9, 15),
            "channel": EvaluationChannel.portal,
        }
        values.update(fields)
        evaluation = Evaluation(**values)
        db.add(evaluation)
        db.commit()
        return evaluation

    return build


@pytest.fixture
def make_survey_result(db: Session) -> Callable[..., SurveyResult]:
    def build(unit_code: str = "P-HOALU", period: str = "2026Q1", **fields: Any) -> SurveyResult:
        parsed = parse_period(period)
        values: dict[str, Any] = {
            "unit_id": unit_by_code(db, unit_code).id,
            "period": parsed.code,
            "starts_on": parsed.starts_on,
            "ends_on": parsed.ends_on,
            "field": ProcedureField.land,
            "source": SurveySource.survey,
            "very_satisfied": 10,
            "satisfied": 20,
            "neutral": 5,
            "dissatisfied": 5,
        }
        values.update(fields)
        result = SurveyResult(**values)
        db.add(result)
        db.commit()
        return result

    return build
