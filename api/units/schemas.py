from datetime import date, datetime
from typing import Annotated

from pydantic import BeforeValidator, StringConstraints

from api.common.schemas import InputModel, ReadModel, RecordId
from api.units.enums import UnitKind

UnitCode = Annotated[
    str,
    # Upper-cased before the pattern is checked: codes are typed as "p-hoalu" too.
    BeforeValidator(lambda v: v.strip().upper() if isinstance(v, str) else v),
    StringConstraints(min_length=1, max_length=32, pattern=r"^[A-Z0-9][A-Z0-9._-]*$"),
]
AgencyCode = Annotated[
    str, StringConstraints(min_length=3, max_length=32, pattern=r"^[0-9A-Z][0-9A-Z.]*$")
]
UnitName = Annotated[str, StringConstraints(min_length=1, max_length=255)]
ShortName = Annotated[str, StringConstraints(min_length=1, max_length=120)]


class UnitRead(ReadModel):
    id: int
    code: str
    agency_code: str | None
    name: str
    short_name: str
    kind: UnitKind
    parent_id: int | None
    is_active: bool
    established_on: date | None
    version: int
    created_at: datetime
    updated_at: datetime


class UnitCreate(InputModel):
    code: UnitCode
    agency_code: AgencyCode | None = None
    name: UnitName
    short_name: ShortName | None = None
    kind: UnitKind
    parent_id: RecordId | None = None
    is_active: bool = True
    # From this day the unit counts in the plan's targets; today when left out.
    established_on: date | None = None


class UnitUpdate(InputModel):
    # Omitted fields stay as they are; only agency_code and parent_id may be set to null.
    code: UnitCode = None
    agency_code: AgencyCode | None = None
    name: UnitName = None
    short_name: ShortName = None
    kind: UnitKind = None
    parent_id: RecordId | None = None
    is_active: bool = None
    established_on: date | None = None


class UnitNode(ReadModel):
    id: int
    code: str
    name: str
    short_name: str
    kind: UnitKind
    is_active: bool
    children: list["UnitNode"] = []
