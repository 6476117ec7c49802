from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.activities import officials as roster
from api.activities import service
from api.activities.enums import ActivityKind
from api.activities.models import Activity, Official
from api.activities.schemas import (
    ActivityCreate,
    ActivityRead,
    ActivityUpdate,
    AttendanceRead,
    AttendeesUpdate,
    OfficialCreate,
    OfficialDetail,
    OfficialRead,
    OfficialUpdate,
)
from api.auth.deps import CurrentActor
from api.common.csv_export import CSV_RESPONSE, Column, csv_response
from api.common.listing import list_params
from api.common.schemas import Page, PathId, QueryId
from api.common.task_groups import TaskGroup
from api.common.versioning import IfMatch, set_etag
from api.db import Db

activities = APIRouter(prefix="/activities", tags=["activities"])
officials = APIRouter(prefix="/officials", tags=["officials"])
ActivityListParams = list_params(service.SORTS)
OfficialListParams = list_params(roster.SORTS)

ACTIVITY_COLUMNS = [
    Column("Đơn vị", lambda a: a.unit.name),
    Column("Ngày tổ chức", lambda a: a.held_on),
    Column("Loại hoạt động", lambda a: a.kind),
    Column("Tên hoạt động", lambda a: a.title),
    Column("Số người tham dự", lambda a: a.participants),
    Column("Nhóm nhiệm vụ", lambda a: a.task_group),
    Column("Xếp loại", lambda a: a.rating),
    Column("Kết quả", lambda a: a.outcome),
]
OFFICIAL_COLUMNS = [
    Column("Đơn vị", lambda o: o.unit.name),
    Column("Họ và tên", lambda o: o.full_name),
    Column("Chức vụ", lambda o: o.position),
    Column("Điện thoại", lambda o: o.phone),
    Column("Thư điện tử", lambda o: o.email),
    Column("Đang phụ trách", lambda o: o.is_active),
    Column("Từ ngày", lambda o: o.since),
    Column("Đến ngày", lambda o: o.until),
]


@activities.get("", response_model=Page[ActivityRead], responses=CSV_RESPONSE)
def list_activities(
    db: Db,
    actor: CurrentActor,
    lq: ActivityListParams,
    unit_id: QueryId = None,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    from_: Annotated[date | None, Query(alias="from")] = None,
    to: date | None = None,
    kind: Annotated[list[ActivityKind] | None, Query()] = None,
    task_group: TaskGroup | None = None,
    plan_id: QueryId = None,
    format: Literal["json", "csv"] = "json",
) -> Page[ActivityRead] | Response:
    filters = service.ActivityFilters(unit_id, year, from_, to, kind or (), task_group, plan_id)
    if format == "csv":
        rows: list[Activity] = service.export_activities(db, actor, lq, filters)
        return csv_response(rows, ACTIVITY_COLUMNS, "hoat-dong.csv")
    items, total = service.list_activities(db, actor, lq, filters)
    return Page(items=items, total=total, limit=lq.limit, offset=lq.offset)


@activities.post("", response_model=ActivityRead, status_code=201)
def create_activity(
    body: ActivityCreate, response: Response, db: Db, actor: CurrentActor
) -> ActivityRead:
    activity = service.create_activity(db, actor, body)
    set_etag(response, activity.version)
    return activity


@activities.get("/{activity_id}", response_model=ActivityRead)
def get_activity(
    activity_id: PathId, response: Response, db: Db, actor: CurrentActor
) -> ActivityRead:
    activity = service.get_activity(db, actor, activity_id)
    set_etag(response, activity.version)
    return activity


@activities.patch("/{activity_id}", response_model=ActivityRead)
def update_activity(
    activity_id: PathId,
    body: ActivityUpdate,
    response: Response,
    db: Db,
    actor: CurrentActor,
    expected: IfMatch,
) -> ActivityRead:
    activity = service.update_activity(db, actor, activity_id, body, expected)
    set_etag(response, activity.version)
    return activity


@activities.delete("/{activity_id}", status_code=204)
def delete_activity(
    activity_id: PathId, db: Db, actor: CurrentActor, expected: IfMatch
) -> Response:
    service.delete_activity(db, actor, activity_id, expected)
    return Response(status_code=204)


@activities.get("/{activity_id}/attendees", response_model=AttendanceRead)
def get_attendees(
    activity_id: PathId, response: Response, db: Db, actor: CurrentActor
) -> AttendanceRead:
    attendance = service.get_attendance(db, actor, activity_id)
    set_etag(response, attendance.version)
    return attendance


@activities.put("/{activity_id}/attendees", response_model=AttendanceRead)
def set_attendees(
    activity_id: PathId,
    body: AttendeesUpdate,
    response: Response,
    db: Db,
    actor: CurrentActor,
    expected: IfMatch,
) -> AttendanceRead:
    """Replace who attended a training; officials of any unit may be listed."""
    attendance = service.set_attendees(db, actor, activity_id, body, expected)
    set_etag(response, attendance.version)
    return attendance


@officials.get("", response_model=Page[OfficialRead], responses=CSV_RESPONSE)
def list_officials(
    db: Db,
    actor: CurrentActor,
    lq: OfficialListParams,
    unit_id: QueryId = None,
    is_active: bool | None = None,
    trained_in: Annotated[
        int | None, Query(ge=2000, le=2100, description="Đã dự tập huấn trong năm")
    ] = None,
    not_trained_in: Annotated[
        int | None, Query(ge=2000, le=2100, description="Chưa dự tập huấn nào trong năm")
    ] = None,
    format: Literal["json", "csv"] = "json",
) -> Page[OfficialRead] | Response:
    filters = roster.OfficialFilters(unit_id, is_active, trained_in, not_trained_in)
    if format == "csv":
        rows: list[Official] = roster.export_officials(db, actor, lq, filters)
        return csv_response(rows, OFFICIAL_COLUMNS, "can-bo-phu-trach-dan-van.csv")
    items, total = roster.list_officials(db, actor, lq, filters)
    return Page(items=items, total=total, limit=lq.limit, offset=lq.offset)


@officials.post("", response_model=OfficialRead, status_code=201)
def create_official(
    body: OfficialCreate, response: Response, db: Db, actor: CurrentActor
) -> OfficialRead:
    official = roster.create_official(db, actor, body)
    set_etag(response, official.version)
    return official


@officials.get("/{official_id}", response_model=OfficialDetail)
def get_official(
    official_id: PathId,
    response: Response,
    db: Db,
    actor: CurrentActor,
    year: Annotated[int | None, Query(ge=2000, le=2100, description="Mặc định: năm nay")] = None,
) -> OfficialDetail:
    official = roster.official_detail(db, actor, official_id, year)
    set_etag(response, official.version)
    return official


@officials.patch("/{official_id}", response_model=OfficialRead)
def update_official(
    official_id: PathId,
    body: OfficialUpdate,
    response: Response,
    db: Db,
    actor: CurrentActor,
    expected: IfMatch,
) -> OfficialRead:
    official = roster.update_official(db, actor, official_id, body, expected)
    set_etag(response, official.version)
    return official


@officials.delete("/{official_id}", status_code=204)
def delete_official(
    official_id: PathId, db: Db, actor: CurrentActor, expected: IfMatch
) -> Response:
    roster.delete_official(db, actor, official_id, expected)
    return Response(status_code=204)
