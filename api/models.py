"""Every domain's models, imported once: the registry for Alembic and mapper configuration."""

from api.audit.models import AuditEvent
from api.auth.models import Client, LoginThrottle, RefreshToken, User
from api.db import Base
from api.surveys.models import Evaluation, SurveyResult
from api.units.models import Unit

__all__ = [
    "AuditEvent",
    "Base",
    "Client",
    "Evaluation",
    "LoginThrottle",
    "RefreshToken",
    "SurveyResult",
    "Unit",
    "User",
]
