"""Every kind of record a spreadsheet can import, by the name used in the URL."""

from api.imports.engine import ImportKind
from api.imports.kinds import accounts, activities, inspections, plans, reception, results
from api.imports.kinds.surveys import EVALUATIONS
from api.imports.kinds.units import UNITS

_ORDER = (
    "units",
    "users",
    "officials",
    "plans",
    "plan-tasks",
    "activities",
    "attendance",
    "evaluations",
    "survey-results",
    "receptions",
    "petitions",
    "inspections",
    "recommendations",
)
_ALL: tuple[ImportKind, ...] = (
    UNITS,
    EVALUATIONS,
    *accounts.KINDS,
    *activities.KINDS,
    *plans.KINDS,
    *results.KINDS,
    *reception.KINDS,
    *inspections.KINDS,
)
KINDS: dict[str, ImportKind] = {
    kind.name: kind for kind in sorted(_ALL, key=lambda k: _ORDER.index(k.name))
}
