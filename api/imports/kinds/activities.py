"""The officials roster, activities and training attendance, through the activities
services: ownership, ratings, the plan link and who may attend a training all apply."""

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from api.activities import officials as roster
from api.activities import service as activities
from api.activities.enums import ActivityKind, ModelRating
from api.activities.models import Activity, Official, TrainingAttendance
from api.activities.schemas import (
    ActivityCreate,
    ActivityUpdate,
    AttendeesUpdate,
    OfficialCreate,
    OfficialUpdate,
)
from api.auth.policy import Actor, Perm
from api.common.problems import Invalid
from api.common.task_groups import TaskGroup
from api.imports.columns import (
    EMAIL_COLUMN,
    UNIT_FIELDS,
    Column,
    choice_column,
    day,
    flag_column,
    integer,
    task_group_column,
    text,
    unit_column,
)
from api.imports.engine import (
    ImportKind,
    RowByRow,
    Status,
    Upsert,
    Values,
    creating,
    only_match,
    schema_values,
    updating,
    writable_unit,
)
from api.imports.kinds.plans import numbered_plan

FULL_NAME = Column("full_name", "Họ và tên", text(255), required=True, example="Nguyễn Văn An")
HELD_ON = Column("held_on", "Ngày tổ chức", day, required=True, example="10/03/2026")


def _find_official(db: Session, unit_id: int, full_name: str) -> Official | None:
    same_name = (
        select(Official)
        .where(Official.unit_id == unit_id, Official.full_name == full_name)
        .execution_options(populate_existing=True)
    )
    return only_match(db, same_name, "full_name", "Đơn vị có nhiều cán bộ trùng họ tên này")


# --- officials -------------------------------------------------------------------------

OFFICIAL_COLUMNS = (
    unit_column(),
    FULL_NAME,
    Column("position", "Chức vụ", text(255), example="Phó Chủ tịch UBND xã"),
    Column("phone", "Số điện thoại", text(32), example="0912 345 678"),
    EMAIL_COLUMN,
    flag_column("is_active", "Đang phụ trách", example="Có"),
    Column("since", "Ngày bắt đầu phụ trách", day, example="01/07/2025"),
    Column("until", "Ngày thôi phụ trách", day, example="31/12/2030"),
)
_OFFICIAL_ATTRIBUTES = ("full_name", "position", "phone", "email", "is_active", "since", "until")


def _stored_official(official: Official) -> Values:
    attributes = {name: getattr(official, name) for name in _OFFICIAL_ATTRIBUTES}
    return {"unit_code": official.unit_id} | attributes


OFFICIALS = ImportKind(
    name="officials",
    label="Cán bộ phụ trách dân vận",
    columns=OFFICIAL_COLUMNS,
    key=("unit_code", "full_name"),
    perm=Perm.activities_write,
    apply=Upsert(
        authorise=writable_unit(Perm.activities_write),
        find=lambda db, _, values: _find_official(db, values["unit_code"], values["full_name"]),
        current=_stored_official,
        create=creating(roster.create_official, OfficialCreate, UNIT_FIELDS),
        update=updating(roster.update_official, OfficialUpdate, UNIT_FIELDS),
        fields=UNIT_FIELDS,
    ),
)


# --- activities ------------------------------------------------------------------------

ACTIVITY_COLUMNS = (
    unit_column(),
    choice_column("kind", "Loại hoạt động", ActivityKind.model_assessment, required=True),
    HELD_ON,
    Column(
        "title",
        "Tiêu đề",
        text(500),
        required=True,
        example="Tự đánh giá mô hình năm 2026",
        aliases=("Tên hoạt động",),
    ),
    Column("participants", "Số người tham dự", integer(), example="45"),
    Column("outcome", "Kết quả", text(10_000), example="Đạt các tiêu chí của mô hình"),
    task_group_column(TaskGroup.skilled_mobilisation),
    choice_column("rating", "Xếp loại", ModelRating.good),
    Column("plan_document_number", "Số ký hiệu kế hoạch", text(64), example="45/KH-UBND"),
)
ACTIVITY_FIELDS = UNIT_FIELDS | {"plan_id": "plan_document_number"}
_ACTIVITY_ATTRIBUTES = (
    "kind",
    "held_on",
    "title",
    "participants",
    "outcome",
    "task_group",
    "rating",
)


def _find_activity(db: Session, _actor: Actor, values: Values) -> Activity | None:
    same = (
        select(Activity)
        .where(
            Activity.unit_id == values["unit_code"],
            Activity.kind == values["kind"],
            Activity.held_on == values["held_on"],
            Activity.title == values["title"],
        )
        .options(selectinload(Activity.plan))
        .execution_options(populate_existing=True)
    )
    return only_match(db, same, "title", "Đơn vị có nhiều hoạt động trùng loại, ngày và tiêu đề")


def _stored_activity(activity: Activity) -> Values:
    plan_number = activity.plan.document_number if activity.plan else None
    stored = {"unit_code": activity.unit_id, "plan_document_number": plan_number}
    return stored | {name: getattr(activity, name) for name in _ACTIVITY_ATTRIBUTES}


def _activity_fields(db: Session, unit_id: int, values: Values) -> Values:
    """The schema's fields; the plan by its number, among the plans of the activity's unit."""
    fields = schema_values(values, ACTIVITY_FIELDS)
    if "plan_id" in fields:
        fields["plan_id"] = numbered_plan(db, unit_id, fields["plan_id"]).id
    return fields


ACTIVITIES = ImportKind(
    name="activities",
    label="Hoạt động",
    columns=ACTIVITY_COLUMNS,
    key=("unit_code", "kind", "held_on", "title"),
    perm=Perm.activities_write,
    apply=Upsert(
        authorise=writable_unit(Perm.activities_write),
        find=_find_activity,
        current=_stored_activity,
        create=lambda db, actor, values: activities.create_activity(
            db, actor, ActivityCreate(**_activity_fields(db, values["unit_code"], values))
        ),
        update=lambda db, actor, activity, changed: activities.update_activity(
            db,
            actor,
            activity.id,
            ActivityUpdate(**_activity_fields(db, activity.unit_id, changed)),
            None,
        ),
        fields=ACTIVITY_FIELDS,
    ),
)


# --- training attendance ---------------------------------------------------------------

ATTENDANCE_COLUMNS = (
    unit_column(label="Đơn vị tổ chức", example="SNV"),
    HELD_ON,
    Column(
        "title",
        "Tên lớp tập huấn",
        text(500),
        required=True,
        example="Tập huấn nghiệp vụ công tác dân vận năm 2026",
        aliases=("Tiêu đề",),
    ),
    FULL_NAME,
    unit_column(
        "official_unit_code",
        "Đơn vị của cán bộ",
        required=False,
        aliases=("Đơn vị cán bộ", "Mã đơn vị của cán bộ"),
    ),
)
# The attendance service points at `official_ids`: here, the row's official.
ATTENDANCE_FIELDS = {"official_ids": "full_name"}


def _training(db: Session, values: Values) -> Activity:
    same = select(Activity).where(
        Activity.unit_id == values["unit_code"],
        Activity.kind == ActivityKind.training,
        Activity.held_on == values["held_on"],
        Activity.title == values["title"],
    )
    training = only_match(db, same, "title", "Đơn vị có nhiều lớp tập huấn trùng ngày và tên")
    if training is None:
        raise Invalid.field(
            ["title"],
            f"Đơn vị không có lớp tập huấn '{values['title']}' ngày {values['held_on']:%d/%m/%Y}",
        )
    return training


def store_attendance(db: Session, actor: Actor, values: Values) -> Status:
    """Add one official to a training's list, through the same service as PUT attendees."""
    training = _training(db, values)
    official_unit = values.get("official_unit_code", training.unit_id)
    official = _find_official(db, official_unit, values["full_name"])
    if official is None:
        raise Invalid.field(
            ["full_name"], f"Đơn vị không có cán bộ '{values['full_name']}' trong danh sách"
        )
    attending = list(
        db.scalars(
            select(TrainingAttendance.official_id).where(
                TrainingAttendance.activity_id == training.id
            )
        )
    )
    if official.id in attending:
        return "unchanged"
    wanted = AttendeesUpdate(official_ids=[*attending, official.id])
    activities.set_attendees(db, actor, training.id, wanted, None)
    return "created"


ATTENDANCE = ImportKind(
    name="attendance",
    label="Cán bộ dự tập huấn",
    columns=ATTENDANCE_COLUMNS,
    key=("unit_code", "held_on", "title", "official_unit_code", "full_name"),
    perm=Perm.activities_write,
    apply=RowByRow(store_attendance, ATTENDANCE_FIELDS, writable_unit(Perm.activities_write)),
)

KINDS: tuple[ImportKind, ...] = (OFFICIALS, ACTIVITIES, ATTENDANCE)
