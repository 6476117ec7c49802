"""The import engine, whatever the kind: encodings, XLSX quirks, headers, atomic and dry runs,
the history, errors.csv, templates and limits. Evaluations and units stand in for every kind."""

import io
import re
import unicodedata
import zipfile
from datetime import datetime

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from api.audit.models import AuditEvent
from api.auth.enums import Role
from api.auth.policy import Actor, Perm
from api.common.problems import Forbidden, NotFound
from api.config import PROVINCE_TZ, get_settings
from api.imports.engine import NOT_YOUR_UNIT, ParsedRow, RowError, Upsert, writable_unit
from api.imports.models import ImportRowError, ImportRun
from api.surveys.models import Evaluation
from tests.api.imports.helpers import post_import as upload
from tests.test_contract import assert_problem

HEADER = "external_id,unit_code,dossier_code,field,level,evaluated_at\n"
NAME = "Nguyễn Văn Ánh"  # a dossier code that carries Vietnamese


def evaluations(db) -> list[Evaluation]:
    return list(db.scalars(select(Evaluation).order_by(Evaluation.external_id)))


def cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letters precomposed, tones combining."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in tones))
        out.append(base + "".join(p for p in parts if p in tones))
    return "".join(out).encode("cp1258")


def _csv(*lines: str) -> str:
    return HEADER + "".join(line + "\n" for line in lines)


GOOD = _csv(
    f"E-1,X-GIAVIEN,{NAME},Đất đai,Hài lòng,01/03/2026 09:15",
    "E-2,Ủy ban nhân dân xã Gia Viễn,HS-2,land,rất hài lòng,2026-03-01T10:00:00+07:00",
)


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: t.encode("utf-8"), id="utf-8"),
        pytest.param(lambda t: t.encode("utf-8-sig"), id="utf-8-bom"),
        pytest.param(lambda t: t.encode("utf-16"), id="utf-16"),
        pytest.param(lambda t: unicodedata.normalize("NFD", t).encode("utf-8"), id="nfd"),
        pytest.param(cp1258, id="windows-1258"),
    ],
)
def test_every_readable_encoding_gives_the_same_nfc_text(client, auth, db, encode):
    body = upload(client, auth("vanphong"), "evaluations", "e.csv", encode(GOOD)).json()
    assert (body["created"], body["failed"]) == (2, 0), body
    stored = evaluations(db)
    assert [e.dossier_code for e in stored] == [NAME, "HS-2"]
    assert stored[0].dossier_code == unicodedata.normalize("NFC", NAME)


def test_the_unit_is_found_by_its_exact_name_and_the_level_by_its_label(client, auth, db):
    upload(client, auth("vanphong"), "evaluations", "e.csv", GOOD.encode())
    levels = {e.external_id: (e.level.value, e.field.value) for e in evaluations(db)}
    assert levels == {"E-1": ("satisfied", "land"), "E-2": ("very_satisfied", "land")}


@pytest.mark.parametrize(
    ("content", "named"),
    [
        # "Nguyễn Văn Ánh" and "Đất đai" as TCVN3 (ABC) and VNI fonts write them.
        pytest.param(
            HEADER.encode() + b"E-1,X-GIAVIEN,Nguy\xd6n V\xa8n \xb8nh,\xae\xa9t \xaeai",
            "TCVN3",
            id="tcvn3",
        ),
        pytest.param(
            HEADER.encode() + b"E-1,X-GIAVIEN,Nguye\xe3n Va\xefn A\xf9nh,\xd1a\xe1t \xf1ai",
            "VNI",
            id="vni",
        ),
    ],
)
def test_a_legacy_font_encoding_is_refused_by_name(client, auth, db, content, named):
    response = upload(client, auth("vanphong"), "evaluations", "e.csv", content)
    problem = assert_problem(response, 415)
    assert named in problem["detail"]
    assert evaluations(db) == []


def test_bytes_in_no_known_encoding_are_refused_not_garbled(client, auth, db):
    content = HEADER.encode() + bytes(range(0x80, 0xA0)) * 3
    problem = assert_problem(upload(client, auth("vanphong"), "evaluations", "e.csv", content), 415)
    assert "UTF-8" in problem["detail"]
    assert db.scalar(select(func.count()).select_from(ImportRun)) == 0


def test_not_a_spreadsheet_is_refused(client, auth):
    assert_problem(
        upload(client, auth("vanphong"), "evaluations", "e.xlsx", b"PK\x03\x04junk"), 415
    )
    assert_problem(
        upload(client, auth("vanphong"), "evaluations", "e.xls", b"\xd0\xcf\x11\xe0"), 415
    )
    assert_problem(upload(client, auth("vanphong"), "evaluations", "e.csv", b""), 415)


def _xlsx(rows: list[list[object]], merge: str | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _with_cached_value(content: bytes, cell: str, value: str) -> bytes:
    """Excel stores a formula's last value beside it; openpyxl cannot write one, so add it."""
    source = zipfile.ZipFile(io.BytesIO(content))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rf'<c r="{cell}"([^>]*)><f>([^<]*)</f>(<v\s*/>|<v></v>)?</c>'.encode(),
                    rf'<c r="{cell}" t="str"><f>\2</f><v>{value}</v></c>'.encode(),
                    data,
                )
            out.writestr(item, data)
    return target.getvalue()


def test_xlsx_with_a_merged_title_a_text_date_and_trailing_empty_rows(client, auth, db):
    content = _xlsx(
        [
            ["DANH SÁCH ĐÁNH GIÁ THÁNG 3/2026", None, None, None, None, None],
            [
                "Mã đánh giá",
                "Đơn vị",
                "Mã hồ sơ",
                "Lĩnh vực",
                "Mức độ hài lòng",
                "Thời điểm đánh giá",
            ],
            ["X-1", "X-GIAVIEN", "HS-1", "Đất đai", "Hài lòng", datetime(2026, 3, 1, 9, 15)],
            ["X-2", "x-giavien", 45, "Xây dựng", "Không hài lòng", "02/03/2026 08:00"],
            [None, None, None, None, None, None],
            [None, None, None, None, None, None],
        ],
        merge="A1:F1",
    )
    body = upload(client, auth("vanphong"), "evaluations", "e.xlsx", content).json()
    assert (body["rows"], body["created"], body["failed"]) == (2, 2, 0), body
    stored = {e.external_id: e for e in evaluations(db)}
    assert stored["X-2"].dossier_code == "45"  # a number typed in a text column
    assert stored["X-2"].evaluated_at == datetime(2026, 3, 2, 8, 0, tzinfo=PROVINCE_TZ)
    assert stored["X-1"].evaluated_at == datetime(2026, 3, 1, 9, 15, tzinfo=PROVINCE_TZ)


def test_a_formula_cell_counts_with_its_value_and_refused_without(client, auth, db):
    header = ["external_id", "unit_code", "dossier_code", "field", "level", "evaluated_at"]
    rows = [
        header,
        ["F-1", "X-GIAVIEN", '="HS-"&"7"', "land", "satisfied", "01/03/2026 09:00"],
        ["F-2", "X-GIAVIEN", '="HS-"&"8"', "land", "satisfied", "01/03/2026 09:00"],
    ]
    content = _with_cached_value(_xlsx(rows), "C2", "HS-7")
    body = upload(client, auth("vanphong"), "evaluations", "f.xlsx", content).json()
    assert body["failed"] == 1 and body["committed"] is False
    assert body["errors"] == [
        {
            "row": 3,
            "column": "dossier_code",
            "code": "formula_not_computed",
            "message": "Ô chứa công thức chưa có giá trị: mở tệp bằng Excel, lưu lại rồi tải lên",
        }
    ]
    again = upload(client, auth("vanphong"), "evaluations", "f.xlsx", content, atomic=False).json()
    assert (again["created"], again["failed"]) == (1, 1)
    assert [e.dossier_code for e in evaluations(db)] == ["HS-7"]


def test_errors_name_the_row_and_column_and_atomic_writes_nothing(client, auth, db):
    content = _csv(
        "A-1,X-GIAVIEN,HS-1,land,satisfied,01/03/2026 09:00",
        "A-2,X-GIAVIN,HS-2,land,satisfied,01/03/2026 09:00",
        "A-3,X-GIAVIEN,HS-3,đất,satisfied,31/02/2026 09:00",
        "A-1,X-GIAVIEN,HS-1,land,satisfied,01/03/2026 09:00",
        "A-5,X-GIAVIEN,HS-5,land,satisfied,01/03/2099 09:00",
    ).encode()
    response = upload(client, auth("vanphong"), "evaluations", "bad.csv", content)
    assert response.status_code == 200
    body = response.json()
    assert (body["rows"], body["created"], body["failed"], body["committed"]) == (5, 1, 4, False)
    assert [(e["row"], e["column"], e["code"]) for e in body["errors"]] == [
        (3, "unit_code", "unknown_unit"),
        (4, "evaluated_at", "invalid_datetime"),
        (4, "field", "invalid_choice"),
        (5, "external_id", "duplicate_in_file"),
        (6, "evaluated_at", "value_error"),
    ]
    messages = {e["row"]: e["message"] for e in body["errors"]}
    assert messages[3] == "Không tìm thấy đơn vị có mã hoặc tên 'X-GIAVIN'"
    assert messages[5] == "Trùng (Nguồn, Mã đánh giá) với dòng 2"
    assert "tương lai" in messages[6]
    assert evaluations(db) == []
    partial = upload(client, auth("vanphong"), "evaluations", "bad.csv", content, atomic=False)
    assert (partial.json()["created"], partial.json()["committed"]) == (1, True)
    assert [e.external_id for e in evaluations(db)] == ["A-1"]


def test_a_missing_required_column_fails_every_row(client, auth, db):
    content = (
        b"external_id,unit_code,dossier_code,field,evaluated_at\nM-1,X-GIAVIEN,H,land,01/03/2026\n"
    )
    body = upload(client, auth("vanphong"), "evaluations", "m.csv", content).json()
    assert (body["rows"], body["failed"], body["committed"]) == (1, 1, False)
    assert body["errors"] == [
        {
            "row": 1,
            "column": "level",
            "code": "missing_column",
            "message": "Thiếu cột bắt buộc 'Mức độ hài lòng' (level)",
        }
    ]


def test_reuploading_is_unchanged_and_a_corrected_row_is_updated(client, auth, db):
    upload(client, auth("vanphong"), "evaluations", "e.csv", GOOD.encode())
    again = upload(client, auth("vanphong"), "evaluations", "e.csv", GOOD.encode()).json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
    fixed = GOOD.replace("Đất đai,Hài lòng", "Đất đai,Không hài lòng")
    body = upload(client, auth("vanphong"), "evaluations", "e.csv", fixed.encode()).json()
    assert (body["updated"], body["unchanged"]) == (1, 1)
    assert evaluations(db)[0].level.value == "dissatisfied"


def test_dry_run_writes_nothing_but_is_recorded(client, auth, db):
    body = upload(client, auth("vanphong"), "evaluations", "e.csv", GOOD.encode(), dry_run=True)
    assert body.json()["created"] == 2 and body.json()["committed"] is False
    assert evaluations(db) == []
    run = db.get(ImportRun, body.json()["id"])
    assert (run.dry_run, run.committed, run.file_name, run.actor_name) == (
        True,
        False,
        "e.csv",
        "vanphong",
    )


def test_history_errors_csv_and_one_audit_event(client, auth, db):
    bad = _csv("H-1,NOWHERE,HS,land,satisfied,01/03/2026 09:00").encode()
    first = upload(client, auth("vanphong"), "evaluations", "bad.csv", bad).json()
    upload(client, auth("vanphong"), "evaluations", "good.csv", GOOD.encode())
    listing = client.get("/api/v1/imports?kind=evaluations", headers=auth("vanphong")).json()
    assert [(i["file_name"], i["failed"], i["created"]) for i in listing["items"]] == [
        ("good.csv", 0, 2),
        ("bad.csv", 1, 0),
    ]
    errors = client.get(f"/api/v1/imports/{first['id']}/errors.csv", headers=auth("vanphong"))
    assert errors.status_code == 200
    assert errors.content.startswith(b"\xef\xbb\xbf")
    assert errors.content.decode("utf-8-sig").splitlines() == [
        "Dòng,Cột,Mã lỗi,Nội dung lỗi",
        "2,unit_code,unknown_unit,Không tìm thấy đơn vị có mã hoặc tên 'NOWHERE'",
    ]
    assert db.scalar(select(func.count()).select_from(ImportRowError)) == 1
    events = db.scalars(select(AuditEvent).where(AuditEvent.entity == "import_runs")).all()
    assert [(e.action, e.after["file_name"]) for e in events] == [
        ("import", "bad.csv"),
        ("import", "good.csv"),
    ]


def test_who_sees_which_imports(client, auth, db):
    mine = upload(client, auth("vanphong"), "evaluations", "e.csv", GOOD.encode()).json()
    assert client.get(f"/api/v1/imports/{mine['id']}", headers=auth("sonv")).status_code == 200
    assert_problem(client.get(f"/api/v1/imports/{mine['id']}", headers=auth("canbo.hoalu")), 404)
    assert client.get("/api/v1/imports", headers=auth("canbo.hoalu")).json()["total"] == 0


def test_who_may_import_what(client, auth, db):
    assert_problem(upload(client, auth("lanhdao"), "evaluations", "e.csv", GOOD.encode()), 403)
    assert_problem(upload(client, auth("sonv"), "units", "u.csv", b"code,name,kind\n"), 403)
    assert_problem(upload(client, {}, "evaluations", "e.csv", GOOD.encode()), 401)
    assert_problem(upload(client, auth("admin"), "kittens", "e.csv", GOOD.encode()), 422)
    assert evaluations(db) == []


def test_too_many_rows_is_413_and_writes_nothing(client, auth, db, monkeypatch):
    monkeypatch.setenv("DVCQ_MAX_IMPORT_ROWS", "1")
    get_settings.cache_clear()
    try:
        problem = assert_problem(
            upload(client, auth("vanphong"), "evaluations", "e.csv", GOOD.encode()), 413
        )
    finally:
        get_settings.cache_clear()
    assert "1" in problem["detail"]
    assert evaluations(db) == []


def test_a_template_filled_in_imports(client, auth, db):
    response = client.get(
        "/api/v1/imports/evaluations/template?format=xlsx", headers=auth("vanphong")
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Đánh giá hài lòng", "Danh mục", "Đơn vị"]
    sheet = book["Đánh giá hài lòng"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Nguồn", "Mã đánh giá", "Đơn vị"]
    lists = {str(v.sqref)[0] for v in sheet.data_validations.dataValidation}
    assert lists == {"A", "F", "G", "I"}  # source, field, level, channel are dropdowns
    units = [row[0] for row in book["Đơn vị"].iter_rows(min_row=2, values_only=True)]
    assert "X-GIAVIEN" in units and len(units) == 144
    sheet["B2"] = "TPL-1"  # the example row, given an id of its own
    filled = io.BytesIO()
    book.save(filled)
    body = upload(client, auth("vanphong"), "evaluations", "t.xlsx", filled.getvalue()).json()
    assert (body["created"], body["failed"]) == (1, 0), body
    assert evaluations(db)[0].external_id == "TPL-1"
    csv_template = client.get(
        "/api/v1/imports/evaluations/template?format=csv", headers=auth("vanphong")
    )
    assert csv_template.content.decode("utf-8-sig").splitlines()[0].startswith("Nguồn,Mã đánh giá")


def test_the_kinds_are_listed_with_their_columns(client, auth):
    kinds = client.get("/api/v1/imports/kinds", headers=auth("vanphong")).json()
    evaluation = next(k for k in kinds if k["name"] == "evaluations")
    level = next(c for c in evaluation["columns"] if c["name"] == "level")
    assert level == {
        "name": "level",
        "label": "Mức độ hài lòng",
        "required": True,
        "choices": ["Rất hài lòng", "Hài lòng", "Bình thường", "Không hài lòng"],
    }


def _refusing(problem: Exception, authorise: bool) -> Upsert:
    def refuse(*_: object) -> None:
        raise problem

    permission = writable_unit(Perm.plans_write) if authorise else None
    return Upsert(
        find=lambda *_: None, current=dict, create=refuse, update=refuse, authorise=permission
    )


@pytest.mark.parametrize(
    ("problem", "authorise", "column", "message"),
    [
        pytest.param(Forbidden(), True, "unit_code", NOT_YOUR_UNIT, id="refusal-on-the-unit"),
        pytest.param(Forbidden(), False, "", Forbidden.title, id="refusal-no-unit-known"),
        pytest.param(NotFound(), True, "", NotFound.title, id="not-a-refusal-the-rows"),
    ],
)
def test_a_service_error_without_a_place_goes_on_the_unit_only_if_a_refusal(
    db, problem, authorise, column, message
):
    admin = Actor("admin", role=Role.admin)
    outcomes = _refusing(problem, authorise)(db, admin, [ParsedRow(2, {"unit_code": 1})])
    assert [(o.status, o.errors) for o in outcomes] == [
        (None, [RowError(2, column, problem.slug, message)])
    ]
