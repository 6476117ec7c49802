"""Every domain's models, imported once: the registry for Alembic and mapper configuration."""

from api.audit.models import AuditEvent
from api.auth.models import Client, LoginThrottle, RefreshToken, User
from api.db import Base
from api.reception.models import Holiday, Petition, PetitionEvent, Reception, TimeLimitRuleRecord
from api.units.models import Unit

__all__ = [
    "AuditEvent",
    "Base",
    "Client",
    "Holiday",
    "LoginThrottle",
    "Petition",
    "PetitionEvent",
    "Reception",
    "RefreshToken",
    "TimeLimitRuleRecord",
    "Unit",
    "User",
]
