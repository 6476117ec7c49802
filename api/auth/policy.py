"""Who may do what: role × permission × the record's unit. Every service asks here.

The matrix below is the whole of it (documented in docs/permissions.md). A grant is
`ANY` (every unit) or `OWN` (only records of the actor's own unit). Records of other
units are invisible to an `OWN` reader: lists leave them out and a direct read is 404.
"""

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import Select, or_
from sqlalchemy.orm import InstrumentedAttribute

from api.auth.enums import Role, Scope
from api.common.problems import Forbidden, NotFound

S = TypeVar("S", bound=Select[Any])


class Perm(StrEnum):
    units_read = "units:read"
    units_write = "units:write"
    users_read = "users:read"
    users_write = "users:write"
    clients_manage = "clients:manage"
    audit_read = "audit:read"
    reference_write = "reference:write"  # holiday calendar, legal time limits
    plans_read = "plans:read"
    plans_write = "plans:write"
    activities_read = "activities:read"  # activities, officials, training attendance
    activities_write = "activities:write"
    surveys_read = "surveys:read"  # evaluations, survey results, satisfaction
    survey_results_write = "survey_results:write"
    evaluations_write = "evaluations:write"
    receptions_read = "receptions:read"  # citizen receptions and petitions
    receptions_write = "receptions:write"
    inspections_read = "inspections:read"
    inspections_write = "inspections:write"
    personal_data_read = "personal_data:read"  # a citizen's identity number, unmasked
    indicators_read = "indicators:read"  # the plan's targets and the dashboard
    imports_read = "imports:read"  # everyone's imports; without it, one's own only
    reports_read = "reports:read"  # report periods, unit reports, completeness, summaries
    reports_write = "reports:write"  # draft, refresh and submit a unit's report
    reports_review = "reports:review"  # periods; return, accept, reopen reports


class Reach(StrEnum):
    ANY = "any"
    OWN = "own"


ANY, OWN = Reach.ANY, Reach.OWN

_READ_ALL = {
    Perm.units_read: ANY,
    Perm.indicators_read: ANY,
    Perm.plans_read: ANY,
    Perm.activities_read: ANY,
    Perm.surveys_read: ANY,
    Perm.receptions_read: ANY,
    Perm.inspections_read: ANY,
    Perm.reports_read: ANY,
}
_READ_OWN = {
    Perm.units_read: ANY,
    Perm.indicators_read: OWN,
    Perm.plans_read: OWN,
    Perm.activities_read: OWN,
    Perm.surveys_read: OWN,
    Perm.receptions_read: OWN,
    Perm.inspections_read: OWN,
    Perm.reports_read: OWN,
}
_WRITE_RECORDS = {
    Perm.plans_write: ANY,
    Perm.activities_write: ANY,
    Perm.survey_results_write: ANY,
    Perm.receptions_write: ANY,
}

ROLE_GRANTS: dict[Role, dict[Perm, Reach]] = {
    Role.admin: {p: ANY for p in Perm},
    Role.coordinator: {
        **_READ_ALL,
        Perm.imports_read: ANY,
        **_WRITE_RECORDS,
        Perm.users_read: ANY,
        Perm.audit_read: ANY,
        Perm.inspections_write: ANY,
        Perm.reports_review: ANY,
    },
    Role.office: {
        **_READ_ALL,
        Perm.imports_read: ANY,
        Perm.plans_write: ANY,
        Perm.activities_write: ANY,
        Perm.survey_results_write: ANY,
        Perm.evaluations_write: ANY,
    },
    Role.inspector: {
        **_READ_ALL,
        Perm.inspections_write: ANY,
        Perm.personal_data_read: ANY,
    },
    Role.unit_officer: {
        **_READ_OWN,
        Perm.plans_write: OWN,
        Perm.activities_write: OWN,
        Perm.survey_results_write: OWN,
        Perm.receptions_write: OWN,
        # Self-inspections of their unit, and supervision by a `front` unit: the
        # inspections service narrows this further.
        Perm.inspections_write: OWN,
        Perm.personal_data_read: OWN,
        Perm.reports_write: OWN,
    },
    Role.viewer: dict(_READ_ALL),
}

# Integration clients act for no unit; a scope grants what its name says, everywhere.
SCOPE_GRANTS: dict[Scope, dict[Perm, Reach]] = {
    Scope.units_read: {Perm.units_read: ANY},
    Scope.evaluations_write: {Perm.evaluations_write: ANY},
    Scope.petitions_write: {Perm.receptions_write: ANY},
}

_SCOPE_VALUES = frozenset(s.value for s in Scope)


@dataclass(frozen=True)
class Actor:
    """Who is calling: a person (role, unit) or an integration client (scopes)."""

    name: str
    role: Role | None = None
    unit_id: int | None = None
    user_id: int | None = None
    client_id: int | None = None
    scopes: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_client(self) -> bool:
        return self.client_id is not None


def reach(actor: Actor, perm: Perm) -> Reach | None:
    if actor.is_client:
        granted = {SCOPE_GRANTS[Scope(s)].get(perm) for s in actor.scopes if s in _SCOPE_VALUES}
        return ANY if ANY in granted else None
    return ROLE_GRANTS[actor.role].get(perm) if actor.role else None


def require(actor: Actor, perm: Perm, unit_id: int | None = None) -> None:
    """403 unless the actor holds `perm`; a per-unit grant also needs `unit_id` to be theirs."""
    granted = reach(actor, perm)
    if granted is None or (granted is OWN and unit_id is not None and unit_id != actor.unit_id):
        raise Forbidden()


def readable(stmt: S, actor: Actor, perm: Perm, *unit_columns: InstrumentedAttribute[Any]) -> S:
    """Scope a query to what the actor may read: everything, or the rows of their own unit
    in any of `unit_columns` (an inspection belongs to both the inspecting and inspected unit)."""
    granted = reach(actor, perm)
    if granted is None:
        raise Forbidden()
    if granted is OWN:
        return stmt.where(or_(*(column == actor.unit_id for column in unit_columns)))
    return stmt


def ensure_readable(actor: Actor, perm: Perm, *unit_ids: int | None) -> None:
    """For one record: 403 without the permission, 404 when none of its units is the actor's."""
    granted = reach(actor, perm)
    if granted is None:
        raise Forbidden()
    if granted is OWN and actor.unit_id not in unit_ids:
        raise NotFound()


def ensure_writable(actor: Actor, perm: Perm, read_perm: Perm, unit_id: int | None) -> None:
    """For changing one existing record: 404 when the actor cannot even see it, else 403
    unless they may write it."""
    if reach(actor, perm) is None and reach(actor, read_perm) is None:
        raise Forbidden()
    if reach(actor, read_perm) is not None:
        ensure_readable(actor, read_perm, unit_id)
    require(actor, perm, unit_id)


def sees_personal_data(actor: Actor, unit_id: int | None) -> bool:
    """Whether the citizen's identity number is shown unmasked for a record of `unit_id`."""
    granted = reach(actor, Perm.personal_data_read)
    return granted is ANY or (granted is OWN and unit_id is not None and unit_id == actor.unit_id)
