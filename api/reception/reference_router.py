"""The holiday calendar and the time-limit rules: every authenticated caller reads, admins write."""

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.auth.deps import CurrentActor
from api.common.listing import list_params
from api.common.schemas import Page, PathId
from api.common.versioning import IfMatch, set_etag
from api.db import Db
from api.reception import reference
from api.reception.enums import CaseType, TimeLimitStep
from api.reception.reference_schemas import (
    HolidayCreate,
    HolidayRead,
    HolidayUpdate,
    TimeLimitRuleCreate,
    TimeLimitRuleRead,
    TimeLimitRuleUpdate,
)

holidays = APIRouter(prefix="/holidays", tags=["holidays"])
time_limit_rules = APIRouter(prefix="/time-limit-rules", tags=["time-limit-rules"])
HolidayListParams = list_params(reference.HOLIDAY_SORTS)
RuleListParams = list_params(reference.RULE_SORTS)


@holidays.get("", response_model=Page[HolidayRead])
def list_holidays(
    db: Db,
    actor: CurrentActor,
    lq: HolidayListParams,
    year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
) -> Page[HolidayRead]:
    items, total = reference.list_holidays(db, actor, lq, year=year)
    return Page(items=items, total=total, limit=lq.limit, offset=lq.offset)


@holidays.post("", response_model=HolidayRead, status_code=201)
def create_holiday(
    body: HolidayCreate, response: Response, db: Db, actor: CurrentActor
) -> HolidayRead:
    holiday = reference.create_holiday(db, actor, body)
    set_etag(response, holiday.version)
    return holiday


@holidays.get("/{holiday_id}", response_model=HolidayRead)
def get_holiday(holiday_id: PathId, response: Response, db: Db, actor: CurrentActor) -> HolidayRead:
    holiday = reference.get_holiday(db, actor, holiday_id)
    set_etag(response, holiday.version)
    return holiday


@holidays.patch("/{holiday_id}", response_model=HolidayRead)
def update_holiday(
    holiday_id: PathId,
    body: HolidayUpdate,
    response: Response,
    db: Db,
    actor: CurrentActor,
    expected: IfMatch,
) -> HolidayRead:
    holiday = reference.update_holiday(db, actor, holiday_id, body, expected)
    set_etag(response, holiday.version)
    return holiday


@holidays.delete("/{holiday_id}", status_code=204)
def delete_holiday(holiday_id: PathId, db: Db, actor: CurrentActor, expected: IfMatch) -> Response:
    reference.delete_holiday(db, actor, holiday_id, expected)
    return Response(status_code=204)


@time_limit_rules.get("", response_model=Page[TimeLimitRuleRead])
def list_time_limit_rules(
    db: Db,
    actor: CurrentActor,
    lq: RuleListParams,
    step: TimeLimitStep | None = None,
    case_type: CaseType | None = None,
    in_force_on: Annotated[
        dt.date | None, Query(description="Chỉ các quy định có hiệu lực vào ngày này")
    ] = None,
) -> Page[TimeLimitRuleRead]:
    items, total = reference.list_rules(
        db, actor, lq, step=step, case_type=case_type, in_force_on=in_force_on
    )
    return Page(items=items, total=total, limit=lq.limit, offset=lq.offset)


@time_limit_rules.post("", response_model=TimeLimitRuleRead, status_code=201)
def create_time_limit_rule(
    body: TimeLimitRuleCreate, response: Response, db: Db, actor: CurrentActor
) -> TimeLimitRuleRead:
    record = reference.create_rule(db, actor, body)
    set_etag(response, record.version)
    return record


@time_limit_rules.get("/{rule_id}", response_model=TimeLimitRuleRead)
def get_time_limit_rule(
    rule_id: PathId, response: Response, db: Db, actor: CurrentActor
) -> TimeLimitRuleRead:
    record = reference.get_rule(db, actor, rule_id)
    set_etag(response, record.version)
    return record


@time_limit_rules.patch("/{rule_id}", response_model=TimeLimitRuleRead)
def update_time_limit_rule(
    rule_id: PathId,
    body: TimeLimitRuleUpdate,
    response: Response,
    db: Db,
    actor: CurrentActor,
    expected: IfMatch,
) -> TimeLimitRuleRead:
    record = reference.update_rule(db, actor, rule_id, body, expected)
    set_etag(response, record.version)
    return record
