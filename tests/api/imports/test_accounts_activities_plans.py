"""Imports of users, officials, activities, training attendance, plans and plan tasks: each
through its domain's service, so the API's rules and permissions hold for every row."""

from datetime import date

import pytest
from sqlalchemy import select

from api.activities.enums import ActivityKind, ModelRating
from api.activities.models import Activity, Official, TrainingAttendance
from api.auth.enums import Role
from api.auth.models import User
from api.auth.passwords import verify_secret
from api.common.task_groups import TaskGroup
from api.plans.enums import PlanKind, PlanStatus, TaskStatus
from api.plans.models import Plan, PlanTask
from tests.api.imports.helpers import import_report
from tests.api.plans.builders import make_activity, make_official, make_plan, make_task
from tests.factories import unit_by_code
from tests.test_contract import assert_problem


def upload(client, headers, kind: str, *lines: str, **params: bool) -> dict:
    content = "".join(f"{line}\n" for line in lines).encode("utf-8-sig")
    return import_report(client, headers, kind, "f.csv", content, **params)


def counts(body: dict) -> tuple[int, int, int, int]:
    return body["created"], body["updated"], body["unchanged"], body["failed"]


def located(body: dict) -> list[tuple[int, str, str]]:
    """(row, column, code) of every error; each also carries a message, in Vietnamese."""
    assert all(error["message"] for error in body["errors"]), body["errors"]
    return [(e["row"], e["column"], e["code"]) for e in body["errors"]]


def officials_of(db, unit_id: int) -> dict[str, Official]:
    db.expire_all()
    found = db.scalars(select(Official).where(Official.unit_id == unit_id))
    return {official.full_name: official for official in found}


@pytest.fixture
def units(db) -> dict[str, int]:
    return {code: unit_by_code(db, code).id for code in ("P-HOALU", "X-GIAVIEN", "SNV")}


# --- users -------------------------------------------------------------------------------

USERS_HEADER = "Tên đăng nhập,Họ và tên,Thư điện tử,Vai trò,Đơn vị,Đang hoạt động,Mật khẩu"


def imported_users(db) -> dict[str, User]:
    db.expire_all()
    return {u.username: u for u in db.scalars(select(User).where(User.username.like("imp.%")))}


def test_users_are_created_then_unchanged_then_updated(client, auth, db, units):
    lines = (
        USERS_HEADER,
        "imp.an,Nguyễn Văn An,An.NV@NinhBinh.gov.vn,Cán bộ đơn vị,X-GIAVIEN,Có,MatKhau@2026",
        "imp.binh,Trần Thị Bình,,coordinator,Sở Nội vụ,,MatKhau@2027",
    )
    first = upload(client, auth("admin"), "users", *lines)
    assert counts(first) == (2, 0, 0, 0) and first["committed"], first
    users = imported_users(db)
    an, binh = users["imp.an"], users["imp.binh"]
    assert (an.role, an.unit_id, an.email) == (
        Role.unit_officer,
        units["X-GIAVIEN"],
        "An.NV@ninhbinh.gov.vn",  # the domain as the schema stores it
    )
    assert (binh.role, binh.unit_id, binh.is_active) == (Role.coordinator, units["SNV"], True)
    assert verify_secret(an.password_hash, "MatKhau@2026")
    stored = {name: (u.password_hash, u.version) for name, u in users.items()}

    again = upload(client, auth("admin"), "users", *lines)
    assert counts(again) == (0, 0, 2, 0), again
    after = imported_users(db)
    assert {name: (u.password_hash, u.version) for name, u in after.items()} == stored

    renamed = upload(
        client,
        auth("admin"),
        "users",
        USERS_HEADER,
        lines[1],
        "imp.binh,Trần Thị Bích,,Sở Nội vụ (điều phối),SNV,Không,AnotherPass@1",
    )
    assert counts(renamed) == (0, 1, 1, 0), renamed
    binh = imported_users(db)["imp.binh"]
    assert (binh.full_name, binh.is_active) == ("Trần Thị Bích", False)
    assert verify_secret(binh.password_hash, "MatKhau@2027")  # a password only creates


def test_bad_user_rows_are_located_and_passwords_never_echoed(client, auth, db):
    short, long = "Ngan@12", "x" * 130
    lines = (
        "username,full_name,email,role,unit,is_active,password",
        "imp.good,Người Tốt,,viewer,,,MatKhau@2026",
        "imp.unit,Người Sai Đơn Vị,,viewer,X-KHONGCO,,MatKhau@2026",
        "imp.role,Người Sai Vai,,giám đốc,,,MatKhau@2026",
        "imp.nounit,Cán Bộ Không Đơn Vị,,unit_officer,,,MatKhau@2026",
        "imp.nopass,Người Không Mật Khẩu,,viewer,,,",
        f"imp.short,Người Mật Khẩu Ngắn,,viewer,,,{short}",
        f"imp.long,Người Mật Khẩu Dài,,viewer,,,{long}",
        "imp.mail,Người Sai Thư,an@@ninhbinh,viewer,,,MatKhau@2026",
        "a b,Tên Sai,,viewer,,,MatKhau@2026",
    )
    refused = upload(client, auth("admin"), "users", *lines)
    assert counts(refused) == (1, 0, 0, 8) and not refused["committed"], refused
    assert located(refused) == [
        (3, "unit_code", "unknown_unit"),
        (4, "role", "invalid_choice"),
        (5, "unit_code", "value_error"),
        (6, "password", "required"),
        (7, "password", "string_too_short"),
        (8, "password", "too_long"),
        (9, "email", "invalid_email"),
        (10, "username", "string_pattern_mismatch"),
    ]
    messages = " ".join(e["message"] for e in refused["errors"])
    assert short not in messages and long not in messages and "MatKhau" not in messages
    assert imported_users(db) == {}

    partial = upload(client, auth("admin"), "users", *lines, atomic=False)
    assert counts(partial) == (1, 0, 0, 8) and partial["committed"]
    assert set(imported_users(db)) == {"imp.good"}


def test_only_an_administrator_imports_users(client, auth, db):
    line = "imp.x,Người X,,viewer,,,MatKhau@2026"
    response = client.post(
        "/api/v1/imports/users",
        headers=auth("sonv"),
        files={"file": ("u.csv", f"{USERS_HEADER}\n{line}\n".encode())},
    )
    assert_problem(response, 403)
    assert imported_users(db) == {}


# --- officials ---------------------------------------------------------------------------

OFFICIALS_HEADER = (
    "Đơn vị,Họ và tên,Chức vụ,Số điện thoại,Thư điện tử,Đang phụ trách,"
    "Ngày bắt đầu phụ trách,Ngày thôi phụ trách"
)


def test_officials_are_created_then_unchanged_then_updated(client, auth, db, units):
    lines = (
        OFFICIALS_HEADER,
        "P-HOALU,Nguyễn Văn An,Phó Chủ tịch,0912 345 678,an@ninhbinh.gov.vn,Có,01/07/2025,",
        "Ủy ban nhân dân xã Gia Viễn,Lê Thị Cúc,Công chức,,,,2025-07-01,31/12/2030",
    )
    first = upload(client, auth("sonv"), "officials", *lines)
    assert counts(first) == (2, 0, 0, 0), first
    an = officials_of(db, units["P-HOALU"])["Nguyễn Văn An"]
    assert (an.position, an.phone, an.since, an.until) == (
        "Phó Chủ tịch",
        "0912 345 678",
        date(2025, 7, 1),
        None,
    )
    cuc = officials_of(db, units["X-GIAVIEN"])["Lê Thị Cúc"]
    assert (cuc.is_active, cuc.until) == (True, date(2030, 12, 31))

    again = upload(client, auth("sonv"), "officials", *lines)
    assert counts(again) == (0, 0, 2, 0), again
    assert officials_of(db, units["P-HOALU"])["Nguyễn Văn An"].version == an.version

    moved = lines[1].replace("Phó Chủ tịch", "Chủ tịch")
    changed = upload(client, auth("sonv"), "officials", OFFICIALS_HEADER, moved, lines[2])
    assert counts(changed) == (0, 1, 1, 0), changed
    assert officials_of(db, units["P-HOALU"])["Nguyễn Văn An"].position == "Chủ tịch"


def test_a_unit_officer_imports_only_officials_of_their_unit(client, auth, db, units):
    # Stored exactly as the sheet says: still refused, not `unchanged`.
    make_official(db, units["X-GIAVIEN"], full_name="Phạm Văn Dũng", position="Công chức")
    lines = (
        "unit_code,full_name,position,since,until",
        "P-HOALU,Đỗ Thị Em,Công chức,01/03/2026,",
        "X-GIAVIEN,Phạm Văn Dũng,Công chức,,",
        "X-GIAVIEN,Người Mới,Công chức,,",
        "X-KHONGCO,Người Lạ,Công chức,,",
        "P-HOALU,Ngô Văn Giáp,Công chức,31/02/2026,",
        "P-HOALU,Vũ Thị Hoa,Công chức,01/03/2026,01/01/2026",
    )
    refused = upload(client, auth("canbo.hoalu"), "officials", *lines)
    assert counts(refused) == (1, 0, 0, 5) and not refused["committed"], refused
    assert located(refused) == [
        (3, "unit_code", "forbidden"),
        (4, "unit_code", "forbidden"),
        (5, "unit_code", "unknown_unit"),
        (6, "since", "invalid_date"),
        (7, "until", "value_error"),
    ]
    assert officials_of(db, units["P-HOALU"]) == {}
    assert set(officials_of(db, units["X-GIAVIEN"])) == {"Phạm Văn Dũng"}

    partial = upload(client, auth("canbo.hoalu"), "officials", *lines, atomic=False)
    assert counts(partial) == (1, 0, 0, 5) and partial["committed"]
    assert set(officials_of(db, units["P-HOALU"])) == {"Đỗ Thị Em"}


def test_a_name_two_officials_share_is_an_error_of_that_row(client, auth, db, units):
    for position in ("Chủ tịch", "Công chức"):
        make_official(db, units["P-HOALU"], full_name="Nguyễn Văn Trùng", position=position)
    body = upload(
        client, auth("canbo.hoalu"), "officials", OFFICIALS_HEADER, "P-HOALU,Nguyễn Văn Trùng"
    )
    assert counts(body) == (0, 0, 0, 1)
    assert located(body) == [(2, "full_name", "ambiguous")]


# --- activities --------------------------------------------------------------------------

ACTIVITIES_HEADER = (
    "Đơn vị,Loại hoạt động,Ngày tổ chức,Tiêu đề,Số người tham dự,Kết quả,Nhóm nhiệm vụ,"
    "Xếp loại,Số ký hiệu kế hoạch"
)


def activities_of(db, unit_id: int) -> dict[str, Activity]:
    db.expire_all()
    return {a.title: a for a in db.scalars(select(Activity).where(Activity.unit_id == unit_id))}


def test_activities_are_created_then_unchanged_then_updated(client, auth, db, units):
    plan = make_plan(db, units["P-HOALU"], document_number="12/KH-UBND")
    lines = (
        ACTIVITIES_HEADER,
        'P-HOALU,"Tuyên truyền, quán triệt",02/03/2026,Hội nghị quán triệt,45,,III.1,,',
        "P-HOALU,model_assessment,2026-06-30,Tự đánh giá mô hình,,Đạt,,Tốt,12/KH-UBND",
    )
    first = upload(client, auth("canbo.hoalu"), "activities", *lines)
    assert counts(first) == (2, 0, 0, 0), first
    stored = activities_of(db, units["P-HOALU"])
    meeting, assessment = stored["Hội nghị quán triệt"], stored["Tự đánh giá mô hình"]
    version = meeting.version
    assert (meeting.kind, meeting.held_on, meeting.participants, meeting.task_group) == (
        ActivityKind.dissemination,
        date(2026, 3, 2),
        45,
        TaskGroup.dissemination,
    )
    assert (assessment.rating, assessment.plan_id, assessment.outcome) == (
        ModelRating.good,
        plan.id,
        "Đạt",
    )

    again = upload(client, auth("canbo.hoalu"), "activities", *lines)
    assert counts(again) == (0, 0, 2, 0), again

    more = lines[1].replace(",45,", ",60,")
    changed = upload(client, auth("canbo.hoalu"), "activities", ACTIVITIES_HEADER, more, lines[2])
    assert counts(changed) == (0, 1, 1, 0), changed
    updated = activities_of(db, units["P-HOALU"])["Hội nghị quán triệt"]
    assert (updated.participants, updated.version) == (60, version + 1)


def test_bad_activity_rows_are_located(client, auth, db, units):
    make_plan(db, units["X-GIAVIEN"], document_number="7/KH-UBND")  # another unit's plan
    lines = (
        "unit_code,kind,held_on,title,participants,task_group,rating,plan_document_number",
        "P-HOALU,dialogue,05/03/2026,Đối thoại tốt,30,,,",
        "P-HOALU,hội thảo,05/03/2026,Loại sai,30,,,",
        "P-HOALU,model_assessment,05/03/2026,Thiếu xếp loại,,,,",
        "P-HOALU,dialogue,05/03/2026,Thừa xếp loại,,,Tốt,",
        "P-HOALU,dialogue,05/03/2026,Kế hoạch lạ,,,,7/KH-UBND",
        "P-HOALU,dialogue,01/01/2099,Ở tương lai,,,,",
        "P-HOALU,dialogue,05/03/2026,Nhóm sai,,III.9,,",
        "P-HOALU,dialogue,05/03/2026,Âm người,-3,,,",
        "X-GIAVIEN,dialogue,05/03/2026,Của xã khác,,,,",
    )
    refused = upload(client, auth("canbo.hoalu"), "activities", *lines)
    assert counts(refused) == (1, 0, 0, 8) and not refused["committed"], refused
    assert located(refused) == [
        (3, "kind", "invalid_choice"),
        (4, "rating", "missing"),
        (5, "rating", "value_error"),
        (6, "plan_document_number", "value_error"),
        (7, "held_on", "value_error"),
        (8, "task_group", "invalid_choice"),
        (9, "participants", "invalid_number"),
        (10, "unit_code", "forbidden"),
    ]
    assert activities_of(db, units["P-HOALU"]) == {}

    partial = upload(client, auth("canbo.hoalu"), "activities", *lines, atomic=False)
    assert counts(partial) == (1, 0, 0, 8) and partial["committed"]
    assert set(activities_of(db, units["P-HOALU"])) == {"Đối thoại tốt"}
    assert activities_of(db, units["X-GIAVIEN"]) == {}


# --- training attendance -----------------------------------------------------------------

ATTENDANCE_HEADER = "Đơn vị tổ chức,Ngày tổ chức,Tên lớp tập huấn,Họ và tên,Đơn vị của cán bộ"
TRAINING = "Tập huấn công tác dân vận"


@pytest.fixture
def training(db, units) -> Activity:
    return make_activity(
        db, units["SNV"], kind=ActivityKind.training, held_on=date(2026, 4, 10), title=TRAINING
    )


def attendees(db, activity_id: int) -> set[str]:
    db.expire_all()
    return set(
        db.scalars(
            select(Official.full_name)
            .join(TrainingAttendance, TrainingAttendance.official_id == Official.id)
            .where(TrainingAttendance.activity_id == activity_id)
        )
    )


def test_attendance_is_added_then_unchanged(client, auth, db, units, training):
    make_official(db, units["SNV"], full_name="Hoàng Văn An")
    make_official(db, units["P-HOALU"], full_name="Trịnh Thị Bình")
    make_official(db, units["P-HOALU"], full_name="Mai Văn Cường")
    lines = (
        ATTENDANCE_HEADER,
        f"SNV,10/04/2026,{TRAINING},Hoàng Văn An,",
        f"Sở Nội vụ,2026-04-10,{TRAINING},Trịnh Thị Bình,P-HOALU",
    )
    first = upload(client, auth("sonv"), "attendance", *lines)
    assert counts(first) == (2, 0, 0, 0), first
    assert attendees(db, training.id) == {"Hoàng Văn An", "Trịnh Thị Bình"}

    again = upload(client, auth("sonv"), "attendance", *lines)
    assert counts(again) == (0, 0, 2, 0), again

    one_more = f"SNV,10/04/2026,{TRAINING},Mai Văn Cường,P-HOALU"
    grown = upload(client, auth("sonv"), "attendance", *lines, one_more)
    assert counts(grown) == (1, 0, 2, 0), grown
    assert attendees(db, training.id) == {"Hoàng Văn An", "Trịnh Thị Bình", "Mai Văn Cường"}


def test_bad_attendance_rows_are_located(client, auth, db, units, training):
    make_official(db, units["SNV"], full_name="Hoàng Văn An")
    make_official(db, units["SNV"], full_name="Người Đến Sau", since=date(2026, 5, 1))
    make_official(db, units["P-HOALU"], full_name="Trịnh Thị Bình")
    review = {"kind": ActivityKind.review, "held_on": date(2026, 4, 10), "title": "Sơ kết"}
    make_activity(db, units["SNV"], **review)  # same day, not a training
    hoalu_training = make_activity(
        db, units["P-HOALU"], kind=ActivityKind.training, held_on=date(2026, 4, 11), title="Lớp xã"
    )
    lines = (
        "unit_code,held_on,title,full_name,official_unit_code",
        f"SNV,10/04/2026,{TRAINING},Hoàng Văn An,",
        "SNV,10/04/2026,Lớp không có,Hoàng Văn An,",
        "SNV,10/04/2026,Sơ kết,Hoàng Văn An,",
        f"SNV,10/04/2026,{TRAINING},Người Không Có,",
        f"SNV,10/04/2026,{TRAINING},Trịnh Thị Bình,",
        f"SNV,10/04/2026,{TRAINING},Người Đến Sau,",
        f"SNV,10/04/2026,{TRAINING},Hoàng Văn An,X-KHONGCO",
        f"SNV,10/04/2026,{TRAINING},Hoàng Văn An,",
    )
    refused = upload(client, auth("sonv"), "attendance", *lines)
    assert counts(refused) == (1, 0, 0, 7) and not refused["committed"], refused
    assert located(refused) == [
        (3, "title", "value_error"),
        (4, "title", "value_error"),
        (5, "full_name", "value_error"),
        (6, "full_name", "value_error"),  # Bình is on another unit's roster
        (7, "full_name", "value_error"),  # not yet in charge on the training day
        (8, "official_unit_code", "unknown_unit"),
        (9, "full_name", "duplicate_in_file"),
    ]
    assert attendees(db, training.id) == set()

    partial = upload(client, auth("sonv"), "attendance", *lines, atomic=False)
    assert counts(partial) == (1, 0, 0, 7) and partial["committed"]
    assert attendees(db, training.id) == {"Hoàng Văn An"}

    officer = upload(
        client,
        auth("canbo.hoalu"),
        "attendance",
        ATTENDANCE_HEADER,
        f"SNV,10/04/2026,{TRAINING},Trịnh Thị Bình,P-HOALU",
        "P-HOALU,11/04/2026,Lớp xã,Trịnh Thị Bình,",
        atomic=False,
    )
    assert counts(officer) == (1, 0, 0, 1), officer
    assert located(officer) == [(2, "unit_code", "forbidden")]
    assert attendees(db, hoalu_training.id) == {"Trịnh Thị Bình"}
    assert attendees(db, training.id) == {"Hoàng Văn An"}


# --- plans -------------------------------------------------------------------------------

PLANS_HEADER = (
    "Đơn vị,Năm,Loại kế hoạch,Tiêu đề,Số ký hiệu,Ngày ban hành,Người ký,Trạng thái,Nội dung tóm tắt"
)


def plans_of(db, unit_id: int) -> dict[str, Plan]:
    db.expire_all()
    return {p.title: p for p in db.scalars(select(Plan).where(Plan.unit_id == unit_id))}


def test_plans_are_created_then_unchanged_then_updated(client, auth, db, units):
    lines = (
        PLANS_HEADER,
        "P-HOALU,2026,implementation,Kế hoạch dân vận 2026,12/KH-UBND,15/01/2026,"
        "Nguyễn Văn Bình,Đã ban hành,Triển khai Chỉ thị 05",
        'P-HOALU,2026,"Kế hoạch tuyên truyền, quán triệt",Kế hoạch tuyên truyền,,,,,',
    )
    first = upload(client, auth("canbo.hoalu"), "plans", *lines)
    assert counts(first) == (2, 0, 0, 0), first
    stored = plans_of(db, units["P-HOALU"])
    issued, draft = stored["Kế hoạch dân vận 2026"], stored["Kế hoạch tuyên truyền"]
    assert (issued.status, issued.document_number, issued.issued_on, issued.signer) == (
        PlanStatus.issued,
        "12/KH-UBND",
        date(2026, 1, 15),
        "Nguyễn Văn Bình",
    )
    assert (draft.kind, draft.status, draft.document_number) == (
        PlanKind.dissemination,
        PlanStatus.draft,
        None,
    )

    again = upload(client, auth("canbo.hoalu"), "plans", *lines)
    assert counts(again) == (0, 0, 2, 0), again

    # The issued plan moves on; the draft is issued and found by its title, not duplicated.
    progressed = lines[1].replace("Đã ban hành", "Đang triển khai")
    numbered = "P-HOALU,2026,dissemination,Kế hoạch tuyên truyền,13/KH-UBND,20/01/2026,,issued,"
    changed = upload(client, auth("canbo.hoalu"), "plans", PLANS_HEADER, progressed, numbered)
    assert counts(changed) == (0, 2, 0, 0), changed
    stored = plans_of(db, units["P-HOALU"])
    assert len(stored) == 2
    assert stored["Kế hoạch dân vận 2026"].status is PlanStatus.in_progress
    assert (stored["Kế hoạch tuyên truyền"].id, stored["Kế hoạch tuyên truyền"].status) == (
        draft.id,
        PlanStatus.issued,
    )


def test_plan_rows_follow_the_services_rules(client, auth, db, units):
    make_plan(
        db,
        units["P-HOALU"],
        title="Kế hoạch đã xong",
        document_number="1/KH-UBND",
        issued_on=date(2026, 1, 2),
        status=PlanStatus.completed,
    )
    lines = (
        "unit_code,year,kind,title,document_number,issued_on,status",
        "P-HOALU,2026,training,Kế hoạch tập huấn,5/KH-UBND,,",
        "P-HOALU,2026,implementation,Kế hoạch đã xong,1/KH-UBND,,Dự thảo",
        "P-HOALU,2026,implementation,Ban hành thiếu số,,,issued",
        "P-HOALU,hai nghìn,implementation,Năm chữ,,,",
        "P-HOALU,1999,implementation,Năm xưa,,,",
        "P-HOALU,2026,implementation,Ngày sai,,2026-13-01,",
        "P-HOALU,2026,kế hoạch lạ,Loại lạ,,,",
        "X-GIAVIEN,2026,implementation,Của xã khác,,,",
    )
    refused = upload(client, auth("canbo.hoalu"), "plans", *lines)
    assert counts(refused) == (1, 0, 0, 7) and not refused["committed"], refused
    assert located(refused) == [
        (3, "status", "state"),
        (4, "document_number", "missing"),
        (4, "issued_on", "missing"),
        (5, "year", "invalid_number"),
        (6, "year", "greater_than_equal"),
        (7, "issued_on", "invalid_date"),
        (8, "kind", "invalid_choice"),
        (9, "unit_code", "forbidden"),
    ]
    assert set(plans_of(db, units["P-HOALU"])) == {"Kế hoạch đã xong"}
    assert plans_of(db, units["P-HOALU"])["Kế hoạch đã xong"].status is PlanStatus.completed

    partial = upload(client, auth("canbo.hoalu"), "plans", *lines, atomic=False)
    assert counts(partial) == (1, 0, 0, 7) and partial["committed"]
    assert set(plans_of(db, units["P-HOALU"])) == {"Kế hoạch đã xong", "Kế hoạch tập huấn"}
    assert plans_of(db, units["X-GIAVIEN"]) == {}


def test_plan_rows_are_duplicates_by_number_when_given_else_by_title(client, auth, db, units):
    lines = (
        "unit_code,year,kind,title,document_number",
        "P-HOALU,2026,implementation,Kế hoạch dân vận 2026,12/KH-UBND",
        "P-HOALU,2026,implementation,Kế hoạch dân vận năm 2026,12/KH-UBND",  # else an update
        "P-HOALU,2026,training,Kế hoạch tập huấn,",
        "P-HOALU,2026,training,Kế hoạch tập huấn,",
    )
    body = upload(client, auth("canbo.hoalu"), "plans", *lines, atomic=False)
    assert counts(body) == (2, 0, 0, 2), body
    assert located(body) == [
        (3, "document_number", "duplicate_in_file"),
        (5, "title", "duplicate_in_file"),
    ]
    assert body["errors"][0]["message"] == "Trùng (Đơn vị, Số ký hiệu) với dòng 2"
    assert set(plans_of(db, units["P-HOALU"])) == {"Kế hoạch dân vận 2026", "Kế hoạch tập huấn"}


# --- plan tasks --------------------------------------------------------------------------

TASKS_HEADER = (
    "Đơn vị,Số ký hiệu kế hoạch,Nhóm nhiệm vụ,Tên nhiệm vụ,Hạn hoàn thành,Trạng thái,"
    "Tiến độ (%),Kết quả"
)


def tasks_of(db, plan_id: int) -> dict[str, PlanTask]:
    db.expire_all()
    return {t.title: t for t in db.scalars(select(PlanTask).where(PlanTask.plan_id == plan_id))}


@pytest.fixture
def hoalu_plan(db, units) -> Plan:
    return make_plan(db, units["P-HOALU"], document_number="12/KH-UBND")


def test_plan_tasks_are_created_then_unchanged_then_updated(client, auth, db, hoalu_plan):
    lines = (
        TASKS_HEADER,
        "P-HOALU,12/KH-UBND,dissemination,Quán triệt Chỉ thị,30/06/2026,Đang thực hiện,40,",
        "P-HOALU,12/KH-UBND,III.3,Hội nghị dân chủ,2026-09-30,Đã hoàn thành,,Đã tổ chức",
    )
    first = upload(client, auth("canbo.hoalu"), "plan-tasks", *lines)
    assert counts(first) == (2, 0, 0, 0), first
    stored = tasks_of(db, hoalu_plan.id)
    briefing, meeting = stored["Quán triệt Chỉ thị"], stored["Hội nghị dân chủ"]
    assert (briefing.task_group, briefing.due_on, briefing.status, briefing.progress) == (
        TaskGroup.dissemination,
        date(2026, 6, 30),
        TaskStatus.in_progress,
        40,
    )
    assert (meeting.task_group, meeting.progress, meeting.result) == (
        TaskGroup.grassroots_democracy,
        100,  # done, so complete
        "Đã tổ chức",
    )

    again = upload(client, auth("canbo.hoalu"), "plan-tasks", *lines)
    assert counts(again) == (0, 0, 2, 0), again

    further = lines[1].replace(",40,", ",70,")
    changed = upload(client, auth("canbo.hoalu"), "plan-tasks", TASKS_HEADER, further, lines[2])
    assert counts(changed) == (0, 1, 1, 0), changed
    assert tasks_of(db, hoalu_plan.id)["Quán triệt Chỉ thị"].progress == 70


def test_bad_plan_task_rows_are_located(client, auth, db, units, hoalu_plan):
    other = make_plan(db, units["X-GIAVIEN"], document_number="12/KH-UBND")
    make_task(db, other, title="Nhiệm vụ của xã", task_group=TaskGroup.dissemination)
    lines = (
        "unit_code,plan_document_number,task_group,title,status,progress",
        "P-HOALU,12/KH-UBND,III.1,Nhiệm vụ tốt,,",
        "P-HOALU,99/KH-UBND,III.1,Kế hoạch không có,,",
        "P-HOALU,12/KH-UBND,III.1,Xong mà chưa đủ,done,50",
        "P-HOALU,12/KH-UBND,III.1,Vượt trăm,,150",
        "P-HOALU,12/KH-UBND,nhóm lạ,Nhóm lạ,,",
        "P-HOALU,12/KH-UBND,III.1,Trạng thái lạ,tạm dừng,",
        "X-GIAVIEN,12/KH-UBND,dissemination,Nhiệm vụ của xã,,0",
    )
    refused = upload(client, auth("canbo.hoalu"), "plan-tasks", *lines)
    assert counts(refused) == (1, 0, 0, 6) and not refused["committed"], refused
    assert located(refused) == [
        (3, "plan_document_number", "value_error"),
        (4, "progress", "value_error"),
        (5, "progress", "less_than_equal"),
        (6, "task_group", "invalid_choice"),
        (7, "status", "invalid_choice"),
        (8, "unit_code", "forbidden"),
    ]
    assert tasks_of(db, hoalu_plan.id) == {}

    partial = upload(client, auth("canbo.hoalu"), "plan-tasks", *lines, atomic=False)
    assert counts(partial) == (1, 0, 0, 6) and partial["committed"]
    assert set(tasks_of(db, hoalu_plan.id)) == {"Nhiệm vụ tốt"}
    assert set(tasks_of(db, other.id)) == {"Nhiệm vụ của xã"}


# --- templates ---------------------------------------------------------------------------


def test_each_template_imports_its_example_row(client, auth, db, units):
    """The examples agree with one another: the plan the task and activity cite, the official
    who attends the training."""
    kinds = ("users", "plans", "plan-tasks", "officials", "activities", "attendance")
    for name in kinds:
        if name == "attendance":
            make_activity(
                db,
                units["SNV"],
                kind=ActivityKind.training,
                held_on=date(2026, 3, 10),
                title="Tập huấn nghiệp vụ công tác dân vận năm 2026",
            )
        template = client.get(f"/api/v1/imports/{name}/template?format=csv", headers=auth("admin"))
        assert template.status_code == 200, template.text
        response = client.post(
            f"/api/v1/imports/{name}",
            headers=auth("admin"),
            files={"file": (f"mau-{name}.csv", template.content)},
        )
        assert counts(response.json()) == (1, 0, 0, 0), (name, response.json()["errors"])
        xlsx = client.get(f"/api/v1/imports/{name}/template", headers=auth("admin"))
        assert xlsx.status_code == 200, xlsx.text
