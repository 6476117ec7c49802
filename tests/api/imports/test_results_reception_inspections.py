"""Importing survey results, receptions, petitions, inspections and recommendations: each
through its domain's service, so its rules and permissions hold for every row."""

import csv
import io
import json
from datetime import date, datetime
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.common.task_groups import TaskGroup
from api.config import PROVINCE_TZ
from api.imports.columns import task_groups
from api.inspections.enums import InspectionStatus, RecommendationStatus
from api.inspections.models import Inspection, Recommendation
from api.reception.enums import PetitionSource, PetitionStatus
from api.reception.models import Petition, Reception
from api.surveys.models import SurveyResult
from tests.api.imports.helpers import import_report
from tests.api.inspections.builders import make_inspection
from tests.api.reception.helpers import make_petition
from tests.factories import unit_by_code

Row = list[str]


def sheet(header: Row, *rows: Row) -> bytes:
    """A CSV as a person saves it: labels may hold commas, so the cells are quoted."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    return buffer.getvalue().encode("utf-8-sig")


def upload(client, headers, kind: str, content: bytes, **params: bool) -> dict[str, Any]:
    return import_report(client, headers, kind, f"{kind}.csv", content, **params)


def counts(body: dict[str, Any]) -> tuple[int, int, int, int]:
    return body["created"], body["updated"], body["unchanged"], body["failed"]


def located(body: dict[str, Any]) -> set[tuple[int, str, str]]:
    """(row, column, code) of every error; each also carries a message for a person."""
    assert all(
        e["message"] and set(e) == {"row", "column", "code", "message"} for e in body["errors"]
    )
    return {(e["row"], e["column"], e["code"]) for e in body["errors"]}


def stored(db: Session, model: type, *where: Any) -> list[Any]:
    db.expire_all()  # the app wrote through this session: read what the database holds
    return list(db.scalars(select(model).where(*where).order_by(model.id)))


@pytest.mark.parametrize(
    "kind", ["survey-results", "receptions", "petitions", "inspections", "recommendations"]
)
def test_the_templates_example_row_imports_as_it_is(client, auth, db, kind):
    if kind == "recommendations":  # a recommendation names an inspection already recorded
        make_inspection(db, title="Kiểm tra công tác dân vận chính quyền năm 2026")
    template = client.get(f"/api/v1/imports/{kind}/template?format=csv", headers=auth("admin"))
    assert template.status_code == 200, template.text
    body = upload(client, auth("admin"), kind, template.content)
    assert (counts(body), body["errors"]) == ((1, 0, 0, 0), [])


def unit_id(db: Session, code: str) -> int:
    return unit_by_code(db, code).id


def replaced(row: Row, index: int, value: str) -> Row:
    return [value if i == index else cell for i, cell in enumerate(row)]


# --- survey results --------------------------------------------------------------------------

RESULT_HEADER = [
    "Đơn vị",
    "Kỳ",
    "Lĩnh vực",
    "Nguồn",
    "Rất hài lòng",
    "Hài lòng",
    "Bình thường",
    "Không hài lòng",
    "Ghi chú",
]
RESULT_Q1 = ["P-HOALU", "2026Q1", "Đất đai", "Bảng tổng hợp", "120", "45", "0", "3", ""]
RESULT_Q2 = [
    "Ủy ban nhân dân phường Hoa Lư",
    "Quý II/2026",
    "construction",
    "survey",
    "10",
    "5",
    "2",
    "1",
    "Khảo sát tại bộ phận một cửa",
]


def test_survey_results_are_created_then_unchanged_then_updated(client, auth, db):
    officer = auth("canbo.hoalu")
    first = upload(client, officer, "survey-results", sheet(RESULT_HEADER, RESULT_Q1, RESULT_Q2))
    assert counts(first) == (2, 0, 0, 0), first
    results = stored(db, SurveyResult, SurveyResult.unit_id == unit_id(db, "P-HOALU"))
    assert [(r.period, r.field, r.source) for r in results] == [
        ("2026Q1", "land", "spreadsheet"),
        ("2026Q2", "construction", "survey"),
    ]
    assert (results[0].very_satisfied, results[0].satisfied, results[0].neutral) == (120, 45, 0)
    assert (results[1].starts_on, results[1].note) == (date(2026, 4, 1), RESULT_Q2[-1])

    again = upload(client, officer, "survey-results", sheet(RESULT_HEADER, RESULT_Q1, RESULT_Q2))
    assert counts(again) == (0, 0, 2, 0), again

    corrected = replaced(RESULT_Q1, 5, "50")
    changed = upload(client, officer, "survey-results", sheet(RESULT_HEADER, corrected, RESULT_Q2))
    assert counts(changed) == (0, 1, 1, 0), changed
    assert stored(db, SurveyResult, SurveyResult.id == results[0].id)[0].satisfied == 50


def test_bad_survey_result_rows_are_located_and_atomic_writes_nothing(client, auth, db):
    bad = sheet(
        RESULT_HEADER,
        RESULT_Q1,
        replaced(RESULT_Q1, 0, "X-KHONGCO"),
        replaced(RESULT_Q1, 2, "Đất"),
        replaced(RESULT_Q1, 7, "-1"),
        replaced(RESULT_Q1, 0, "X-GIAVIEN"),
        replaced(RESULT_Q1, 1, "2026Q5"),
    )
    expected = {
        (3, "unit_code", "unknown_unit"),
        (4, "field", "invalid_choice"),
        (5, "dissatisfied", "invalid_number"),
        (6, "unit_code", "forbidden"),
        (7, "period", "invalid_period"),
    }
    officer = auth("canbo.hoalu")
    atomic = upload(client, officer, "survey-results", bad)
    assert (counts(atomic), atomic["committed"]) == ((1, 0, 0, 5), False)
    assert located(atomic) == expected
    assert stored(db, SurveyResult) == []

    partial = upload(client, officer, "survey-results", bad, atomic=False)
    assert (counts(partial), partial["committed"]) == ((1, 0, 0, 5), True)
    assert located(partial) == expected
    assert [r.period for r in stored(db, SurveyResult)] == ["2026Q1"]


def test_an_officer_gets_an_error_for_another_units_result_even_when_it_is_unchanged(
    client, auth, db
):
    giavien = replaced(RESULT_Q1, 0, "X-GIAVIEN")
    assert counts(upload(client, auth("sonv"), "survey-results", sheet(RESULT_HEADER, giavien)))[0]
    body = upload(client, auth("canbo.hoalu"), "survey-results", sheet(RESULT_HEADER, giavien))
    assert located(body) == {(2, "unit_code", "forbidden")}


# --- receptions ------------------------------------------------------------------------------

ID_NUMBER = "037090001234"
RECEPTION_HEADER = [
    "Đơn vị",
    "Thời điểm tiếp",
    "Hình thức tiếp",
    "Người tiếp",
    "Thủ trưởng trực tiếp tiếp",
    "Họ tên công dân",
    "Số CCCD",
    "Địa chỉ",
    "Số người",
    "Nội dung",
    "Lĩnh vực",
    "Loại vụ việc",
    "Kết quả",
]
RECEPTION_GUIDED = [
    "P-HOALU",
    "02/03/2026 08:30",
    "Tiếp công dân thường xuyên",
    "Trần Thị Bình",
    "Không",
    "Lê Văn Cường",
    ID_NUMBER,
    "Phường Hoa Lư, tỉnh Ninh Bình",
    "1",
    "Hỏi về thủ tục cấp giấy chứng nhận quyền sử dụng đất",
    "Đất đai",
    "Kiến nghị",
    "Hướng dẫn, giải thích",
]
RECEPTION_CROWD = [
    "P-HOALU",
    "2026-03-09T14:00:00+07:00",
    "head_periodic",
    "Nguyễn Văn Chủ tịch",
    "Có",
    "Phạm Thị Dung",
    "",
    "",
    "6",
    "Đoàn đông người kiến nghị về bồi thường",
    "land_recovery",
    "complaint",
    "answered",
]


def test_receptions_are_created_then_unchanged_then_updated(client, auth, db):
    officer = auth("canbo.hoalu")
    content = sheet(RECEPTION_HEADER, RECEPTION_GUIDED, RECEPTION_CROWD)
    assert counts(upload(client, officer, "receptions", content)) == (2, 0, 0, 0)
    guided, crowd = stored(db, Reception)
    assert (guided.unit_id, guided.citizen_id_number, guided.result) == (
        unit_id(db, "P-HOALU"),
        ID_NUMBER,
        "guided",
    )
    assert guided.received_at == datetime(2026, 3, 2, 8, 30, tzinfo=PROVINCE_TZ)
    assert (crowd.head_in_person, crowd.group_size, crowd.session_type) == (
        True,
        6,
        "head_periodic",
    )

    assert counts(upload(client, officer, "receptions", content)) == (0, 0, 2, 0)

    answered = replaced(RECEPTION_GUIDED, 12, "Trả lời trực tiếp")
    changed = sheet(RECEPTION_HEADER, answered, RECEPTION_CROWD)
    assert counts(upload(client, officer, "receptions", changed)) == (0, 1, 1, 0)
    assert stored(db, Reception, Reception.id == guided.id)[0].result == "answered"


def test_bad_reception_rows_are_located_and_never_echo_an_identity_number(client, auth, db):
    other_id = "037090009999"
    bad = sheet(
        RECEPTION_HEADER,
        RECEPTION_GUIDED,
        replaced(replaced(RECEPTION_GUIDED, 0, "X-KHONGCO"), 6, other_id),
        replaced(RECEPTION_GUIDED, 2, "Tiếp bất thường"),
        replaced(RECEPTION_GUIDED, 1, "31/02/2026 08:00"),
        replaced(RECEPTION_GUIDED, 1, "01/01/2099 08:00"),
        replaced(RECEPTION_GUIDED, 0, "X-GIAVIEN"),
        replaced(replaced(RECEPTION_GUIDED, 5, "Lê Văn Dũng"), 6, "03709000999X"),
        replaced(RECEPTION_GUIDED, 8, "0"),
    )
    expected = {
        (3, "unit_code", "unknown_unit"),
        (4, "session_type", "invalid_choice"),
        (5, "received_at", "invalid_datetime"),
        (6, "received_at", "value_error"),
        (7, "unit_code", "forbidden"),
        (8, "citizen_id_number", "string_pattern_mismatch"),
        (9, "group_size", "invalid_number"),
    }
    officer = auth("canbo.hoalu")
    atomic = upload(client, officer, "receptions", bad)
    assert (counts(atomic), located(atomic)) == ((1, 0, 0, 7), expected)
    assert stored(db, Reception) == []
    messages = json.dumps(atomic["errors"], ensure_ascii=False)
    assert other_id not in messages and "03709000999X" not in messages
    assert "tương lai" in messages  # the future reception, said in Vietnamese

    partial = upload(client, officer, "receptions", bad, atomic=False)
    assert (counts(partial), located(partial)) == ((1, 0, 0, 7), expected)
    assert [r.citizen_name for r in stored(db, Reception)] == ["Lê Văn Cường"]


def test_an_officer_gets_an_error_for_another_units_reception_even_when_it_is_unchanged(
    client, auth, db
):
    giavien = replaced(RECEPTION_GUIDED, 0, "X-GIAVIEN")
    assert counts(upload(client, auth("admin"), "receptions", sheet(RECEPTION_HEADER, giavien)))[0]
    body = upload(client, auth("canbo.hoalu"), "receptions", sheet(RECEPTION_HEADER, giavien))
    assert (counts(body), located(body)) == ((0, 0, 0, 1), {(2, "unit_code", "forbidden")})


def test_an_xlsx_identity_number_typed_as_a_number_keeps_its_leading_zero(client, auth, db):
    book = Workbook()
    book.active.append(RECEPTION_HEADER)
    row: list[Any] = list(RECEPTION_GUIDED)
    row[1], row[6] = datetime(2026, 3, 2, 8, 30), int(ID_NUMBER)
    book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    response = client.post(
        "/api/v1/imports/receptions",
        headers=auth("canbo.hoalu"),
        files={"file": ("receptions.xlsx", buffer.getvalue())},
    )
    assert counts(response.json()) == (1, 0, 0, 0), response.text
    assert [r.citizen_id_number for r in stored(db, Reception)] == [ID_NUMBER]


# --- petitions -------------------------------------------------------------------------------

# Machine names as headers this time: both are accepted.
PETITION_HEADER = [
    "unit_code",
    "case_type",
    "field",
    "source",
    "external_id",
    "received_on",
    "petitioner_name",
    "petitioner_id_number",
    "petitioner_address",
    "summary",
    "resolution_level",
    "is_complex",
    "is_remote_area",
    "needs_verification",
    "sent_to_level_above",
]
PETITION_MAIL = [
    "P-HOALU",
    "Khiếu nại",
    "Đất đai",
    "Qua bưu chính",
    "",
    "02/03/2026",
    "Nguyễn Văn An",
    ID_NUMBER,
    "Phường Hoa Lư",
    "Khiếu nại quyết định thu hồi đất",
    "",
    "Có",
    "",
    "",
    "",
]
PETITION_ONLINE = [
    "P-HOALU",
    "feedback",
    "administrative_procedure",
    "online",
    "PAKN-2026-000045",
    "2026-03-05",
    "Trần Văn Bốn",
    "",
    "",
    "Phản ánh chậm trả kết quả hồ sơ",
    "",
    "",
    "",
    "",
    "",
]


def test_petitions_are_created_then_unchanged_then_corrected_keeping_their_status(client, auth, db):
    officer = auth("canbo.hoalu")
    content = sheet(PETITION_HEADER, PETITION_MAIL, PETITION_ONLINE)
    assert counts(upload(client, officer, "petitions", content)) == (2, 0, 0, 0)
    mail, online = stored(db, Petition)
    assert (mail.case_type, mail.resolution_level, mail.is_complex, mail.status) == (
        "complaint",
        "first",
        True,
        PetitionStatus.received,
    )
    assert mail.due_on is not None  # the service computed the statutory due date
    assert (online.source, online.external_id, online.unit_id) == (
        PetitionSource.online,
        "PAKN-2026-000045",
        unit_id(db, "P-HOALU"),
    )

    assert counts(upload(client, officer, "petitions", content)) == (0, 0, 2, 0)

    accepted = client.post(
        f"/api/v1/petitions/{mail.id}/actions",
        headers=officer,
        json={"action": "accept", "acted_on": "2026-03-05"},
    )
    assert accepted.status_code == 200, accepted.text
    corrected = sheet(
        PETITION_HEADER,
        replaced(PETITION_MAIL, 12, "Có"),
        replaced(PETITION_ONLINE, 9, "Phản ánh chậm trả kết quả hồ sơ đất đai"),
    )
    assert counts(upload(client, officer, "petitions", corrected)) == (0, 2, 0, 0)
    mail, online = stored(db, Petition)
    assert (mail.is_remote_area, mail.status) == (True, PetitionStatus.accepted)
    assert online.summary.endswith("đất đai")


def test_bad_petition_rows_are_located_and_atomic_writes_nothing(client, auth, db):
    make_petition(db, "X-GIAVIEN", source=PetitionSource.online, external_id="PAKN-GV-1")
    assert (
        counts(
            upload(
                client, auth("canbo.hoalu"), "petitions", sheet(PETITION_HEADER, PETITION_ONLINE)
            )
        )[0]
        == 1
    )
    bad = sheet(
        PETITION_HEADER,
        PETITION_MAIL,
        replaced(PETITION_MAIL, 0, "X-KHONGCO"),
        replaced(PETITION_MAIL, 1, "Khiếu kiện"),
        replaced(PETITION_MAIL, 5, "32/03/2026"),
        replaced(PETITION_MAIL, 5, "01/01/2099"),
        replaced(replaced(PETITION_MAIL, 6, "Trần Văn Cả"), 13, "Có"),
        replaced(PETITION_MAIL, 0, "X-GIAVIEN"),
        replaced(replaced(PETITION_ONLINE, 4, "PAKN-GV-1"), 9, "Một phản ánh khác"),
        replaced(PETITION_ONLINE, 1, "complaint"),
        replaced(replaced(PETITION_MAIL, 6, "Lê Thị Em"), 7, "12345"),
    )
    expected = {
        (3, "unit_code", "unknown_unit"),
        (4, "case_type", "invalid_choice"),
        (5, "received_on", "invalid_date"),
        (6, "received_on", "value_error"),
        (7, "needs_verification", "value_error"),
        (8, "unit_code", "forbidden"),
        (9, "external_id", "unique"),
        (10, "case_type", "not_changeable"),
        (11, "petitioner_id_number", "string_pattern_mismatch"),
    }
    officer = auth("canbo.hoalu")
    atomic = upload(client, officer, "petitions", bad)
    assert (counts(atomic), located(atomic)) == ((1, 0, 0, 9), expected)
    assert "12345" not in json.dumps(atomic["errors"])
    assert len(stored(db, Petition)) == 2  # the X-GIAVIEN one and the online one, as before

    partial = upload(client, officer, "petitions", bad, atomic=False)
    assert (counts(partial), located(partial)) == ((1, 0, 0, 9), expected)
    assert [p.petitioner_name for p in stored(db, Petition)][-1] == "Nguyễn Văn An"
    assert stored(db, Petition, Petition.external_id == "PAKN-2026-000045")[0].case_type == (
        "feedback"
    )


def test_petition_rows_are_duplicates_by_external_id_when_given_else_by_their_facts(
    client, auth, db
):
    other_summary = replaced(PETITION_ONLINE, 9, "Một phản ánh khác")  # else an update
    content = sheet(PETITION_HEADER, PETITION_ONLINE, other_summary, PETITION_MAIL, PETITION_MAIL)
    body = upload(client, auth("canbo.hoalu"), "petitions", content, atomic=False)
    assert (counts(body), located(body)) == (
        (2, 0, 0, 2),
        {(3, "external_id", "duplicate_in_file"), (5, "summary", "duplicate_in_file")},
    )
    assert [p.summary for p in stored(db, Petition)] == [PETITION_ONLINE[9], PETITION_MAIL[9]]


# --- inspections -----------------------------------------------------------------------------

INSPECTION_HEADER = [
    "Loại hình",
    "Đơn vị kiểm tra",
    "Đơn vị được kiểm tra",
    "Tên cuộc kiểm tra",
    "Dự kiến từ ngày",
    "Dự kiến đến ngày",
    "Ngày bắt đầu",
    "Ngày kết thúc",
    "Trạng thái",
    "Nhóm nhiệm vụ",
    "Kết luận",
    "Xếp loại",
]
INSPECTION_HOALU = [
    "Kiểm tra",
    "TTT",
    "P-HOALU",
    "Kiểm tra công tác dân vận chính quyền năm 2026",
    "01/03/2026",
    "15/03/2026",
    "02/03/2026",
    "",
    "Đang tiến hành",
    "III.7, III.4",
    "",
    "",
]
INSPECTION_GIAVIEN = [
    "inspection",
    "Thanh tra tỉnh",
    "X-GIAVIEN",
    "Kiểm tra việc tiếp công dân",
    "",
    "",
    "2026-04-01",
    "2026-04-05",
    "concluded",
    "citizen_reception",
    "Thực hiện tốt việc tiếp công dân định kỳ",
    "Khá",
]


def test_inspections_are_created_then_unchanged_then_updated(client, auth, db):
    inspector = auth("thanhtra")
    content = sheet(INSPECTION_HEADER, INSPECTION_HOALU, INSPECTION_GIAVIEN)
    assert counts(upload(client, inspector, "inspections", content)) == (2, 0, 0, 0)
    hoalu, giavien = stored(db, Inspection)
    assert (hoalu.inspecting_unit_id, hoalu.inspected_unit_id) == (
        unit_id(db, "TTT"),
        unit_id(db, "P-HOALU"),
    )
    assert (hoalu.status, hoalu.scope, hoalu.planned_to) == (
        InspectionStatus.in_progress,
        ["citizen_reception", "inspection_review"],
        date(2026, 3, 15),
    )
    assert (giavien.status, giavien.ended_on, giavien.rating) == (
        InspectionStatus.concluded,
        date(2026, 4, 5),
        "fair",
    )

    assert counts(upload(client, inspector, "inspections", content)) == (0, 0, 2, 0)

    rated = sheet(INSPECTION_HEADER, INSPECTION_HOALU, replaced(INSPECTION_GIAVIEN, 11, "Tốt"))
    assert counts(upload(client, inspector, "inspections", rated)) == (0, 1, 1, 0)
    assert stored(db, Inspection, Inspection.id == giavien.id)[0].rating == "good"


def test_bad_inspection_rows_are_located_and_atomic_writes_nothing(client, auth, db):
    bad = sheet(
        INSPECTION_HEADER,
        INSPECTION_HOALU,
        replaced(INSPECTION_HOALU, 2, "X-KHONGCO"),
        replaced(INSPECTION_HOALU, 0, "Thanh tra"),
        replaced(INSPECTION_HOALU, 6, "2026-13-01"),
        replaced(INSPECTION_GIAVIEN, 10, ""),
        replaced(INSPECTION_GIAVIEN, 9, "III.9"),
        replaced(INSPECTION_GIAVIEN, 2, "TTT"),
    )
    expected = {
        (3, "inspected_unit_code", "unknown_unit"),
        (4, "kind", "invalid_choice"),
        (5, "started_on", "invalid_date"),
        (6, "conclusion", "value_error"),
        (7, "scope", "invalid_choice"),
        (8, "inspected_unit_code", "value_error"),
    }
    atomic = upload(client, auth("thanhtra"), "inspections", bad)
    assert (counts(atomic), located(atomic)) == ((1, 0, 0, 6), expected)
    assert stored(db, Inspection) == []

    partial = upload(client, auth("thanhtra"), "inspections", bad, atomic=False)
    assert (counts(partial), located(partial)) == ((1, 0, 0, 6), expected)
    assert [i.inspected_unit_id for i in stored(db, Inspection)] == [unit_id(db, "P-HOALU")]


def test_an_officer_imports_self_inspections_of_their_unit_only(client, auth, db):
    own = ["Tự kiểm tra", "P-HOALU", "P-HOALU", "Tự kiểm tra năm 2026"] + [""] * 8
    body = upload(
        client, auth("canbo.hoalu"), "inspections", sheet(INSPECTION_HEADER, own, INSPECTION_HOALU)
    )
    assert (counts(body), located(body)) == (
        (1, 0, 0, 1),
        {(3, "inspecting_unit_code", "forbidden")},
    )
    assert stored(db, Inspection) == []


def test_task_groups_are_read_by_value_section_or_label_even_with_commas():
    typed = f"{TaskGroup.dissemination.label}, III.4\nfront_coordination"
    assert task_groups(typed, None) == ["dissemination", "citizen_reception", "front_coordination"]


# --- recommendations -------------------------------------------------------------------------

RECOMMENDATION_HEADER = [
    "Đơn vị kiểm tra",
    "Đơn vị được kiểm tra",
    "Tên cuộc kiểm tra",
    "Nội dung kiến nghị",
    "Đơn vị thực hiện",
    "Hạn thực hiện",
]
TITLE = "Kiểm tra công tác dân vận chính quyền năm 2026"
POSTING = ["TTT", "P-HOALU", TITLE, "Niêm yết lịch tiếp công dân", "P-HOALU", "30/06/2027"]
TRAINING = ["TTT", "P-HOALU", TITLE, "Tập huấn cán bộ tiếp dân", "P-HOALU", "2027-09-30"]


def test_recommendations_are_created_then_unchanged_then_updated_keeping_status(client, auth, db):
    inspection = make_inspection(db, title=TITLE)
    inspector = auth("thanhtra")
    content = sheet(RECOMMENDATION_HEADER, POSTING, TRAINING)
    assert counts(upload(client, inspector, "recommendations", content)) == (2, 0, 0, 0)
    posting, training = stored(db, Recommendation)
    assert (posting.inspection_id, posting.responsible_unit_id, posting.due_on) == (
        inspection.id,
        unit_id(db, "P-HOALU"),
        date(2027, 6, 30),
    )
    assert (training.status, training.due_on) == (RecommendationStatus.open, date(2027, 9, 30))

    assert counts(upload(client, inspector, "recommendations", content)) == (0, 0, 2, 0)

    started = client.post(
        f"/api/v1/recommendations/{posting.id}/actions",
        headers=auth("canbo.hoalu"),
        json={"action": "start"},
    )
    assert started.status_code == 200, started.text
    later = sheet(RECOMMENDATION_HEADER, replaced(POSTING, 5, "31/07/2027"), TRAINING)
    assert counts(upload(client, inspector, "recommendations", later)) == (0, 1, 1, 0)
    posting = stored(db, Recommendation, Recommendation.id == posting.id)[0]
    assert (posting.due_on, posting.status) == (date(2027, 7, 31), RecommendationStatus.in_progress)


def test_bad_recommendation_rows_are_located_and_atomic_writes_nothing(client, auth, db):
    make_inspection(db, title=TITLE)
    bad = sheet(
        RECOMMENDATION_HEADER,
        POSTING,
        replaced(POSTING, 2, "Một cuộc kiểm tra không có"),
        replaced(TRAINING, 4, "X-KHONGCO"),
        replaced(TRAINING, 5, "30/02/2027"),
    )
    expected = {
        (3, "inspection_title", "value_error"),
        (4, "responsible_unit_code", "unknown_unit"),
        (5, "due_on", "invalid_date"),
    }
    atomic = upload(client, auth("thanhtra"), "recommendations", bad)
    assert (counts(atomic), located(atomic)) == ((1, 0, 0, 3), expected)
    assert stored(db, Recommendation) == []

    partial = upload(client, auth("thanhtra"), "recommendations", bad, atomic=False)
    assert (counts(partial), located(partial)) == ((1, 0, 0, 3), expected)
    assert [r.text for r in stored(db, Recommendation)] == [POSTING[3]]


def test_an_officer_cannot_import_recommendations_of_an_inspection_of_their_unit(client, auth, db):
    make_inspection(db, title=TITLE)
    make_inspection(db, inspected="X-GIAVIEN", title=TITLE)
    unseen = replaced(POSTING, 1, "X-GIAVIEN")
    content = sheet(RECOMMENDATION_HEADER, POSTING, unseen)
    body = upload(client, auth("canbo.hoalu"), "recommendations", content)
    # Another unit's inspection is not found, exactly as one that does not exist.
    assert located(body) == {
        (2, "inspecting_unit_code", "forbidden"),
        (3, "inspection_title", "value_error"),
    }
    assert stored(db, Recommendation) == []
