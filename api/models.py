"""Every domain's models, imported once: the registry for Alembic and mapper configuration."""

import api.activities.models
import api.audit.models
import api.auth.models
import api.imports.models
import api.indicators.models
import api.inspections.models
import api.plans.models
import api.reception.models
import api.reports.models
import api.surveys.models
import api.units.models  # noqa: F401
from api.db import Base

__all__ = ["Base"]
