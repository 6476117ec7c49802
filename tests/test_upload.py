"""`dvcq upload`, run as the office's scripts run it, against the app in-process."""

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook
from sqlalchemy import func, select
from typer.testing import CliRunner

from api import upload
from api.auth.models import Client
from api.auth.passwords import hash_secret
from api.cli import app as cli
from api.imports.models import ImportRun
from api.surveys.models import Evaluation
from tests.factories import DEMO_PASSWORD

runner = CliRunner()
HEADER = "external_id,unit_code,dossier_code,field,level,evaluated_at\n"
SIGN_IN = ["--server", "http://dvcq.test", "--username", "vanphong", "--password", DEMO_PASSWORD]


def _row(n: int, level: str = "Hài lòng") -> str:
    return f"UP-{n},X-GIAVIEN,HS-{n},Đất đai,{level},01/03/2026 09:15\n"


def _csv(tmp_path: Path, rows: list[str], name: str = "danh-gia.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


@pytest.fixture
def imports(app, monkeypatch) -> list[httpx.Request]:
    """The import requests the command sends, to the app with the test's database."""
    sent: list[httpx.Request] = []

    def count(request: httpx.Request) -> None:
        if request.url.path.startswith("/api/v1/imports/"):
            sent.append(request)

    def in_process(server: str) -> httpx.Client:
        client = TestClient(app, raise_server_exceptions=False)
        client.event_hooks = {"request": [count], "response": []}
        return client

    monkeypatch.setattr(upload, "open_client", in_process)
    return sent


def _run(*args: str, input: str | None = None):
    return runner.invoke(cli, ["upload", *args, *SIGN_IN], input=input)


def _stored(db, prefix: str = "UP-") -> int:
    stmt = select(func.count()).select_from(Evaluation)
    return db.scalar(stmt.where(Evaluation.external_id.like(f"{prefix}%")))


def test_a_good_file_with_yes_is_committed(imports, db, tmp_path):
    result = _run("evaluations", str(_csv(tmp_path, [_row(1), _row(2)])), "--yes")
    assert result.exit_code == 0, result.output
    assert "Đã ghi" in result.output and "thêm mới 2" in result.output
    assert _stored(db) == 2
    assert [r.url.params["dry_run"] for r in imports] == ["true", "false"]


def test_a_bad_row_writes_nothing_and_shows_the_row(imports, db, tmp_path):
    path = _csv(tmp_path, [_row(1), _row(2), _row(3, level="Rất tuyệt")])
    result = _run("evaluations", str(path), "--yes")
    assert result.exit_code == 1, result.output
    assert _stored(db) == 0
    line = next(line for line in result.output.splitlines() if "Rất tuyệt" in line)
    assert line.split()[:2] == ["4", "level"] and "không hợp lệ" in line
    assert "Không ghi gì" in result.output
    run_id = db.scalar(select(ImportRun.id).order_by(ImportRun.id.desc()))
    assert f"http://dvcq.test/api/v1/imports/{run_id}/errors.csv" in result.output
    assert len(imports) == 1  # the dry run only


def test_answering_no_writes_nothing(imports, db, tmp_path):
    result = _run("evaluations", str(_csv(tmp_path, [_row(1)])), input="n\n")
    assert result.exit_code == 1, result.output
    assert "Ghi vào hệ thống? [y/N]" in result.output and "Đã huỷ" in result.output
    assert _stored(db) == 0 and len(imports) == 1


def test_answering_yes_writes(imports, db, tmp_path):
    result = _run("evaluations", str(_csv(tmp_path, [_row(1)])), input="y\n")
    assert result.exit_code == 0, result.output
    assert _stored(db) == 1


def test_dry_run_only_never_writes(imports, db, tmp_path):
    result = _run("evaluations", str(_csv(tmp_path, [_row(1)])), "--dry-run-only")
    assert result.exit_code == 0, result.output
    assert "Kiểm tra (chưa ghi)" in result.output
    assert _stored(db) == 0 and len(imports) == 1


def test_json_prints_the_report_alone(imports, db, tmp_path):
    result = _run("evaluations", str(_csv(tmp_path, [_row(1), _row(2)])), "--yes", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["rows"], report["created"], report["failed"]) == (2, 2, 0)
    assert report["committed"] is True and report["dry_run"] is False
    assert report["errors"] == [] and len(report["imports"]) == 1


def test_no_atomic_writes_the_good_rows_and_still_exits_1(imports, db, tmp_path):
    path = _csv(tmp_path, [_row(1), _row(2, level="?"), _row(3)])
    result = _run("evaluations", str(path), "--yes", "--no-atomic")
    assert result.exit_code == 1, result.output
    assert "Đã ghi" in result.output and "lỗi 1" in result.output
    assert _stored(db) == 2
    assert [r.url.params["atomic"] for r in imports] == ["false", "false"]


def test_a_large_file_goes_in_parts_and_again_is_unchanged(imports, db, tmp_path):
    path = _csv(tmp_path, [_row(n) for n in range(1, 2501)])
    first = _run("evaluations", str(path), "--yes", "--batch-size", "1000", "--json")
    assert first.exit_code == 0, first.output
    report = json.loads(first.stdout)
    assert (report["rows"], report["created"], report["committed"]) == (2500, 2500, True)
    assert [(p["first_row"], p["last_row"]) for p in report["imports"]] == [
        (2, 1001),
        (1002, 2001),
        (2002, 2501),
    ]
    assert [r.url.params["dry_run"] for r in imports] == ["true"] * 3 + ["false"] * 3
    assert _stored(db) == 2500

    again = _run("evaluations", str(path), "--yes", "--batch-size", "1000", "--json")
    assert again.exit_code == 0, again.output
    report = json.loads(again.stdout)
    assert (report["rows"], report["unchanged"], report["created"]) == (2500, 2500, 0)
    assert _stored(db) == 2500


def test_errors_of_parts_keep_the_file_s_row_numbers(imports, db, tmp_path):
    rows = [_row(n) for n in range(1, 8)]
    rows[5] = _row(6, level="Tệ")  # file row 7, in the third part
    rows[6] = _row(2)  # file row 8 repeats row 3, which went in the first part
    result = _run("evaluations", str(_csv(tmp_path, rows)), "--yes", "--batch-size", "2")
    assert result.exit_code == 1, result.output
    table = {line.split()[0]: line for line in result.output.splitlines() if "  " in line}
    assert "'Tệ' không hợp lệ" in table["7"]
    assert "Trùng" in table["8"] and "với dòng 3" in table["8"]
    assert "thêm mới 5" in result.output and "lỗi 2" in result.output
    assert _stored(db) == 0 and len(imports) == 3  # each part checked, none written


def test_an_xlsx_file_is_split_with_its_own_row_numbers(imports, db, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Đánh giá tháng 3"])  # a title above the header
    sheet.append(["Mã đánh giá", "Đơn vị", "Mã hồ sơ", "Lĩnh vực", "Mức độ hài lòng", "Thời điểm"])
    for n in range(1, 6):
        level = "Không có" if n == 4 else "Hài lòng"
        sheet.append([f"UPX-{n}", "X-GIAVIEN", 1000 + n, "Đất đai", level, datetime(2026, 3, n)])
    sheet.cell(2, 6, "Thời điểm đánh giá")
    path = tmp_path / "Đánh giá.xlsx"
    book.save(path)

    bad = _run("evaluations", str(path), "--yes", "--batch-size", "2", "--json")
    assert bad.exit_code == 1, bad.output
    report = json.loads(bad.stdout)
    assert [(e["row"], e["column"]) for e in report["errors"]] == [(6, "level")]

    sheet.cell(6, 5, "Rất hài lòng")
    book.save(path)
    good = _run("evaluations", str(path), "--yes", "--batch-size", "2")
    assert good.exit_code == 0, good.output
    stored = db.scalars(select(Evaluation).where(Evaluation.external_id.like("UPX-%"))).all()
    assert sorted(e.dossier_code for e in stored) == ["1001", "1002", "1003", "1004", "1005"]
    assert {e.evaluated_at.astimezone(UTC).hour for e in stored} == {17}  # midnight at +07:00


def test_a_wrong_password_exits_2(imports, tmp_path):
    path = _csv(tmp_path, [_row(1)])
    args = ["upload", "evaluations", str(path), "--server", "http://dvcq.test"]
    result = runner.invoke(cli, [*args, "--username", "vanphong", "--password", "sai", "--yes"])
    assert result.exit_code == 2, result.output
    assert "Đăng nhập không được: Tên đăng nhập hoặc mật khẩu không đúng" in result.output
    assert imports == []


def test_missing_credentials_exit_2(imports, tmp_path, monkeypatch):
    for name in ("DVCQ_USERNAME", "DVCQ_PASSWORD", "DVCQ_CLIENT_ID", "DVCQ_CLIENT_SECRET"):
        monkeypatch.delenv(name, raising=False)
    path = _csv(tmp_path, [_row(1)])
    result = runner.invoke(cli, ["upload", "evaluations", str(path), "--server", "http://x"])
    assert result.exit_code == 2 and "Thiếu thông tin đăng nhập" in result.output


def test_an_unreadable_file_exits_2(imports, tmp_path):
    path = tmp_path / "cu.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0 old excel")
    result = _run("evaluations", str(path), "--yes")
    assert result.exit_code == 2, result.output
    assert "(.xls) không được hỗ trợ" in result.output


def test_an_integration_client_from_the_environment(imports, db, tmp_path, monkeypatch):
    db.add(
        Client(
            client_id="van-phong-script",
            name="Kịch bản văn phòng",
            secret_hash=hash_secret("s3cret-x"),
            scopes=["evaluations:write"],
        )
    )
    db.flush()
    monkeypatch.setenv("DVCQ_SERVER", "http://dvcq.test")
    monkeypatch.setenv("DVCQ_CLIENT_ID", "van-phong-script")
    monkeypatch.setenv("DVCQ_CLIENT_SECRET", "s3cret-x")
    path = _csv(tmp_path, [_row(1)])
    result = runner.invoke(cli, ["upload", "evaluations", str(path), "--yes"])
    assert result.exit_code == 0, result.output
    assert _stored(db) == 1


# --- the Uploader against a server that misbehaves -------------------------------------------


def _uploader(handler, slept: list[float]) -> upload.Uploader:
    client = httpx.Client(base_url="http://dvcq.test", transport=httpx.MockTransport(handler))
    return upload.Uploader(client, upload.Credentials("a", "b"), sleep=slept.append)


def _token(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={"access_token": "t", "token_type": "bearer"})


def test_5xx_and_network_errors_are_retried_with_backoff():
    answers = iter([503, "drop", 502])
    slept: list[float] = []

    def flaky(request: httpx.Request) -> httpx.Response:
        answer = next(answers, 200)
        if answer == "drop":
            raise httpx.ConnectError("connection refused", request=request)
        return _token(request) if answer == 200 else httpx.Response(answer)

    uploader = _uploader(flaky, slept)
    uploader.sign_in()
    assert slept == [1.0, 2.0, 4.0]


def test_a_server_that_stays_down_fails_clearly():
    slept: list[float] = []
    uploader = _uploader(lambda request: httpx.Response(503, text="Service Unavailable"), slept)
    with pytest.raises(upload.UploadError, match=r"sau 4 lần thử .*503"):
        uploader.sign_in()
    assert len(slept) == 3


def test_an_expired_token_is_renewed_once(tmp_path):
    calls: list[str] = []

    def server(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        if request.url.path.endswith("/token"):
            return _token(request)
        if calls.count(request.url.path) == 1:
            return httpx.Response(401, json={"detail": "Mã truy cập đã hết hạn"})
        body = {"id": 1, "rows": 1, "created": 1, "updated": 0, "unchanged": 0, "failed": 0}
        return httpx.Response(200, json=body | {"committed": True, "errors": []})

    prepared = upload.prepare("evaluations", _csv(tmp_path, [_row(1)]), 1000)
    report = _uploader(server, []).send(prepared, dry_run=False)
    assert report.committed and report.created == 1
    assert calls == ["/api/v1/auth/token", "/api/v1/imports/evaluations"] * 2


def test_parts_keep_the_header_in_utf8_and_the_file_s_row_numbers(tmp_path):
    path = tmp_path / "unicode.csv"
    path.write_bytes((HEADER + _row(1) + "\n" + _row(2) + _row(3)).encode("utf-16"))
    prepared = upload.prepare("evaluations", path, 2)
    assert [part.rows for part in prepared.parts] == [2, 1]
    text = io.StringIO(prepared.parts[1].content.decode("utf-8")).read()
    assert text.splitlines() == [HEADER.strip(), _row(3).strip()]
    assert prepared.parts[1].original_row(2) == 5  # after the blank line
