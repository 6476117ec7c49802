"""Every domain's models, imported once: the registry for Alembic and mapper configuration."""

from api.audit.models import AuditEvent
from api.auth.models import Client, LoginThrottle, RefreshToken, User
from api.db import Base
from api.inspections.models import Finding, Inspection, Recommendation, RecommendationEvent
from api.units.models import Unit

__all__ = [
    "AuditEvent",
    "Base",
    "Client",
    "Finding",
    "Inspection",
    "LoginThrottle",
    "Recommendation",
    "RecommendationEvent",
    "RefreshToken",
    "Unit",
    "User",
]
