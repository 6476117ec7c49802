"""A unit's report: read by role, written by its unit while in its hands, listed and exported."""

import unicodedata

import pytest

from api.reports.enums import ReportStatus
from api.reports.models import UnitReport
from tests.api.reports.builders import API, audit_actions, fresh, make_period, make_report, state
from tests.test_contract import assert_problem

Status = ReportStatus
NARRATIVE = {
    "narrative": {
        "citizen_reception": "Chủ tịch UBND phường tiếp công dân định kỳ vào thứ Năm hằng tuần",
        "dissemination": "Tổ chức 3 hội nghị quán triệt Chỉ thị 05-CT/TU",
    },
    "difficulties": "Thiếu cán bộ chuyên trách",
    "proposals": "Đề nghị tập huấn nghiệp vụ tiếp công dân",
}


def _patch(client, headers, report_id, body, expected=None):
    extra = {"If-Match": f'"{expected}"'} if expected is not None else {}
    return client.patch(f"{API}/reports/{report_id}", headers=headers | extra, json=body)


def test_the_unit_writes_its_narrative(client, auth, db):
    report = make_report(db)

    response = _patch(client, auth("canbo.hoalu"), report.id, NARRATIVE, expected=1)

    assert response.status_code == 200, response.text
    assert response.headers["etag"] == '"2"'
    body = response.json()
    assert body["narrative"]["citizen_reception"].startswith("Chủ tịch UBND phường")
    assert body["narrative"]["front_coordination"] is None
    assert body["completeness"] == "draft"  # written in: no longer "not started"
    stored = fresh(db, UnitReport, report.id)
    assert stored.narrative == NARRATIVE["narrative"]
    assert stored.difficulties == "Thiếu cán bộ chuyên trách" and stored.started_at is not None
    assert audit_actions(db, "reports", report.id) == ["update"]


def test_a_partial_update_keeps_the_other_task_groups_and_empty_text_clears(client, auth, db):
    report = make_report(db, narrative={"dissemination": "A", "citizen_reception": "B"})

    response = _patch(client, auth("canbo.hoalu"), report.id, {"narrative": {"dissemination": ""}})

    assert response.status_code == 200, response.text
    assert fresh(db, UnitReport, report.id).narrative == {"citizen_reception": "B"}


def test_text_is_nfc_normalised(client, auth, db):
    report = make_report(db)
    nfd = unicodedata.normalize("NFD", "Tuyên truyền")

    response = _patch(client, auth("canbo.hoalu"), report.id, {"difficulties": nfd})

    assert response.status_code == 200, response.text
    assert fresh(db, UnitReport, report.id).difficulties == unicodedata.normalize("NFC", nfd)


def test_a_returned_report_can_be_corrected(client, auth, db):
    report = make_report(db, status=Status.returned)

    response = _patch(client, auth("canbo.hoalu"), report.id, {"proposals": "Bổ sung"})

    assert response.status_code == 200, response.text
    assert fresh(db, UnitReport, report.id).proposals == "Bổ sung"


@pytest.mark.parametrize("status", [Status.submitted, Status.accepted])
def test_a_sent_or_accepted_report_is_read_only(client, auth, db, status):
    report = make_report(db, status=status)
    before = state(db, report.id)

    response = _patch(client, auth("canbo.hoalu"), report.id, NARRATIVE)

    assert_problem(response, 409)
    assert state(db, report.id) == before
    assert audit_actions(db, "reports", report.id) == []


@pytest.mark.parametrize(
    ("username", "status_code"),
    [("sonv", 403), ("vanphong", 403), ("thanhtra", 403), ("lanhdao", 403), ("canbo.snv", 404)],
)
def test_only_the_unit_writes_its_report(client, auth, db, username, status_code):
    report = make_report(db)
    before = state(db, report.id)

    response = _patch(client, auth(username), report.id, NARRATIVE)

    assert_problem(response, status_code)
    assert state(db, report.id) == before


def test_a_stale_if_match_on_patch_is_412_and_changes_nothing(client, auth, db):
    report = make_report(db)
    before = state(db, report.id)

    response = _patch(client, auth("canbo.hoalu"), report.id, NARRATIVE, expected=3)

    assert_problem(response, 412)
    assert state(db, report.id) == before


def test_an_unknown_field_or_task_group_is_422(client, auth, db):
    report = make_report(db)
    before = state(db, report.id)

    response = _patch(client, auth("canbo.hoalu"), report.id, {"narrative": {"III.8": "x"}})

    assert_problem(response, 422)
    assert state(db, report.id) == before


@pytest.mark.parametrize("username", ["admin", "sonv", "vanphong", "thanhtra", "lanhdao"])
def test_every_reading_role_sees_every_units_report(client, auth, db, username):
    period = make_period(db)
    mine, other = make_report(db, period), make_report(db, period, unit="SNV")

    listed = client.get(f"{API}/reports", params={"period_id": period.id}, headers=auth(username))
    read = client.get(f"{API}/reports/{other.id}", headers=auth(username))

    assert listed.status_code == 200, listed.text
    assert {r["id"] for r in listed.json()["items"]} == {mine.id, other.id}
    assert listed.json()["total"] == 2
    assert read.status_code == 200 and read.json()["unit"]["code"] == "SNV"
    assert read.headers["etag"] == '"1"'


def test_a_unit_officer_sees_only_their_units_reports(client, auth, db):
    period = make_period(db)
    mine, other = make_report(db, period), make_report(db, period, unit="SNV")
    headers = auth("canbo.hoalu")

    listed = client.get(f"{API}/reports", params={"period_id": period.id}, headers=headers)

    assert [r["id"] for r in listed.json()["items"]] == [mine.id]
    assert_problem(client.get(f"{API}/reports/{other.id}", headers=headers), 404)
    assert_problem(client.get(f"{API}/reports/{other.id}/document", headers=headers), 404)
    assert fresh(db, UnitReport, other.id).status is Status.draft


def test_the_list_filters_searches_without_diacritics_and_sorts(client, auth, db):
    period = make_period(db)
    make_report(db, period, status=Status.submitted)
    make_report(db, period, unit="SNV")
    headers = auth("sonv")

    found = client.get(
        f"{API}/reports", params={"period_id": period.id, "q": "hoa lu"}, headers=headers
    ).json()
    drafts = client.get(
        f"{API}/reports", params={"period_id": period.id, "status": "draft"}, headers=headers
    ).json()
    by_code = client.get(
        f"{API}/reports",
        params={"period_id": period.id, "sort": "-unit_code", "year": 2026, "kind": "6_months"},
        headers=headers,
    ).json()

    assert [r["unit"]["code"] for r in found["items"]] == ["P-HOALU"]
    assert [r["unit"]["code"] for r in drafts["items"]] == ["SNV"]
    assert [r["unit"]["code"] for r in by_code["items"]] == ["SNV", "P-HOALU"]
    assert_problem(client.get(f"{API}/reports", params={"sort": "nope"}, headers=headers), 422)


def test_the_list_as_csv(client, auth, db):
    period = make_period(db)
    make_report(db, period, status=Status.submitted)

    response = client.get(
        f"{API}/reports", params={"period_id": period.id, "format": "csv"}, headers=auth("sonv")
    )

    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Kỳ báo cáo,Hạn gửi,Mã đơn vị,Đơn vị,Trạng thái")
    assert (
        "P-HOALU" in lines[1] and "Đã gửi đúng hạn" in lines[1] and "18/06/2026 09:00" in lines[1]
    )
    assert len(lines) == 2


def test_an_integration_client_cannot_read_reports(client, db):
    from api.auth.models import Client
    from api.auth.passwords import hash_secret

    db.add(
        Client(
            client_id="portal-reports",
            name="Cổng DVC",
            secret_hash=hash_secret("s3cret-x"),
            scopes=["units:read", "evaluations:write", "petitions:write"],
        )
    )
    db.commit()
    token = client.post(
        f"{API}/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "portal-reports",
            "client_secret": "s3cret-x",
        },
    ).json()["access_token"]
    report = make_report(db)
    headers = {"Authorization": f"Bearer {token}"}

    assert_problem(client.get(f"{API}/reports", headers=headers), 403)
    assert_problem(client.get(f"{API}/report-periods", headers=headers), 403)
    assert_problem(
        client.post(
            f"{API}/reports/{report.id}/actions", headers=headers, json={"action": "submit"}
        ),
        403,
    )
    assert fresh(db, UnitReport, report.id).status is Status.draft
