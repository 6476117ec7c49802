"""Request and response models of the holiday calendar and the time-limit rules."""

import datetime as dt
from datetime import date
from typing import Annotated

from pydantic import Field, StringConstraints

from api.common.schemas import InputModel, ReadModel
from api.reception.enums import CaseType, DayCount, ResolutionLevel, RuleVariant, TimeLimitStep
from api.reception.schemas import Name, Note


# `dt.date`: a field named `date` would shadow the type in its own annotation.
class HolidayCreate(InputModel):
    date: dt.date
    name: Name
    note: Note = ""


class HolidayUpdate(InputModel):
    date: dt.date = None
    name: Name = None
    note: Note = None


class HolidayRead(ReadModel):
    id: int
    date: dt.date
    name: str
    note: str
    version: int


class RuleTerms(InputModel):
    """What a rule says; its key (step, case_type, level, variant) is fixed once created."""

    days: int = Field(ge=1, le=3650)
    count: DayCount
    extension_days: int = Field(0, ge=0, le=3650)
    max_extensions: int = Field(0, ge=0, le=10)
    effective_from: date
    effective_to: date | None = None
    source: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    note: Note = ""


class TimeLimitRuleCreate(RuleTerms):
    step: TimeLimitStep
    case_type: CaseType | None = None
    level: ResolutionLevel | None = None
    variant: RuleVariant = RuleVariant.normal


class TimeLimitRuleUpdate(InputModel):
    days: int = Field(None, ge=1, le=3650)
    count: DayCount = None
    extension_days: int = Field(None, ge=0, le=3650)
    max_extensions: int = Field(None, ge=0, le=10)
    effective_from: date = None
    effective_to: date | None = None
    source: Annotated[str, StringConstraints(min_length=1, max_length=500)] = None
    note: Note = None


class TimeLimitRuleRead(ReadModel):
    id: int
    step: TimeLimitStep
    case_type: CaseType | None
    level: ResolutionLevel | None
    variant: RuleVariant
    days: int
    count: DayCount
    extension_days: int
    max_extensions: int
    effective_from: date
    effective_to: date | None
    source: str
    note: str
    version: int
