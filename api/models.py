"""Every domain's models, imported once: the registry for Alembic and mapper configuration."""

from api.activities.models import Activity, Official, TrainingAttendance
from api.audit.models import AuditEvent
from api.auth.models import Client, LoginThrottle, RefreshToken, User
from api.db import Base
from api.plans.models import Plan, PlanTask
from api.units.models import Unit

__all__ = [
    "Activity",
    "AuditEvent",
    "Base",
    "Client",
    "LoginThrottle",
    "Official",
    "Plan",
    "PlanTask",
    "RefreshToken",
    "TrainingAttendance",
    "Unit",
    "User",
]
