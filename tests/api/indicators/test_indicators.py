"""The plan's targets against the hand-counted province of `province.py`."""

from datetime import date

import pytest

from api.auth.enums import Role
from api.common.dates import province_today
from tests.api.indicators.province import DONG_NFC, Province, build_province
from tests.factories import make_user
from tests.test_contract import assert_problem


@pytest.fixture
def province(db, client, auth) -> Province:
    return build_province(db, client, auth("admin"))


def _by_code(body: dict) -> dict[str, dict]:
    return {item["code"]: item for item in body["indicators"]}


def _figures(item: dict) -> tuple:
    value = None if item["value"] is None else round(item["value"], 4)
    return item["numerator"], item["denominator"], value, item["met"]


def _short(item: dict) -> dict[str, str]:
    return {s["code"]: s["reason"] for s in item["falling_short"]}


def test_province_targets_are_the_hand_counted_figures(client, auth, province):
    response = client.get("/api/v1/indicators?year=2026", headers=auth("sonv"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["unit"] is None and body["year"] == 2026
    assert body["as_of"] == min(province_today(), date(2026, 12, 31)).isoformat()
    got = _by_code(body)
    assert list(got) == ["CT1", "CT2", "CT3a", "CT3b", "CT4a", "CT4b", "CT5", "CT6"]
    assert {code: _figures(item) for code, item in got.items()} == {
        "CT1": (3, 4, 0.75, False),
        "CT2": (2, 4, 0.5, False),
        "CT3a": (28, 36, 0.7778, False),
        "CT3b": (19, 27, 0.7037, False),
        "CT4a": (1, 1, 1.0, True),
        "CT4b": (1, 3, 0.3333, False),
        "CT5": (2, 4, 0.5, False),
        "CT6": (2, 4, 0.5, False),
    }
    assert [item["target"] for item in got.values()] == [1, 1, 0.9, 0.85, 1, 1, 1, 1]
    assert got["CT3a"]["name"].startswith("Mức độ hài lòng")
    assert _short(got["CT1"]) == {"T-MOI": "Chưa ban hành kế hoạch (mới có dự thảo)"}
    assert _short(got["CT2"]) == {
        "T-MOI": "Chưa có hoạt động tuyên truyền, quán triệt",
        "T-TRONG": "Chưa có hoạt động tuyên truyền, quán triệt",
    }
    assert _short(got["CT3a"]) == {"T-DONG": "Tỷ lệ hài lòng 72,0% (18/25)"}
    assert _short(got["CT3b"]) == {
        "T-SO": "Tỷ lệ hài lòng 50,0% (1/2)",
        "T-DONG": "Tỷ lệ hài lòng 72,0% (18/25)",
    }
    assert _short(got["CT4a"]) == {}
    assert _short(got["CT4b"]) == {
        "T-MOI": "Chưa ban hành kế hoạch mô hình; chưa tự đánh giá mô hình trong năm",
        "T-TRONG": "Chưa ban hành kế hoạch mô hình; tự đánh giá: không đạt",
    }
    assert _short(got["CT5"]) == {
        "T-SO": "1/2 cán bộ chưa được tập huấn",
        "T-MOI": "1/1 cán bộ chưa được tập huấn",
        "T-TRONG": "Chưa có danh sách cán bộ phụ trách công tác dân vận",
    }
    assert _short(got["CT6"]) == {
        "T-DONG": "Chưa tổ chức đánh giá, sơ kết, tổng kết",
        "T-MOI": "Chưa tổ chức đánh giá, sơ kết, tổng kết",
    }
    dong = next(s for s in got["CT3a"]["falling_short"] if s["code"] == "T-DONG")
    assert dong["name"] == DONG_NFC  # typed in NFD, stored and shown in NFC
    assert dong["unit_id"] == province.dong.id and dong["value"] == pytest.approx(0.72)


def test_a_unit_established_mid_year_counts_from_its_year_on(client, auth, province):
    got = _by_code(client.get("/api/v1/indicators?year=2025", headers=auth("sonv")).json())
    # 2025: SO, DONG and TRONG (MOI comes on 1 July 2026); TRONG's dissemination of 31/12/2025.
    assert _figures(got["CT2"]) == (1, 3, 0.3333, False)
    assert _short(got["CT2"]).keys() == {"T-SO", "T-DONG"}
    # SO's dissatisfied answer at 23:59 on 31/12/2025 is 2025's only answer.
    assert _figures(got["CT3a"]) == (0, 1, 0.0, False)
    # TRONG's friendly_model plan of 2025, but no self-assessment that year.
    assert _short(got["CT4b"]) == {
        "T-DONG": "Chưa ban hành kế hoạch mô hình; chưa tự đánh giá mô hình trong năm",
        "T-TRONG": "Chưa tự đánh giá mô hình trong năm",
    }


def test_a_unit_scorecard(client, auth, province):
    body = client.get(
        f"/api/v1/indicators?year=2026&unit_id={province.dong.id}", headers=auth("sonv")
    ).json()
    assert body["unit"] == {
        "id": province.dong.id,
        "code": "T-DONG",
        "name": DONG_NFC,
        "kind": "commune",
    }
    got = _by_code(body)
    assert {code: (_figures(item), item["applies"]) for code, item in got.items()} == {
        "CT1": ((1, 1, 1.0, True), True),
        "CT2": ((1, 1, 1.0, True), True),
        "CT3a": ((18, 25, 0.72, False), True),
        "CT3b": ((18, 25, 0.72, False), True),
        "CT4a": ((0, 0, None, None), False),  # a commune is not a department
        "CT4b": ((1, 1, 1.0, True), True),  # the November assessment is the year's last
        "CT5": ((1, 1, 1.0, True), True),
        "CT6": ((0, 1, 0.0, False), True),
    }
    assert got["CT6"]["falling_short"] == [
        {
            "unit_id": province.dong.id,
            "code": "T-DONG",
            "name": DONG_NFC,
            "reason": "Chưa tổ chức đánh giá, sơ kết, tổng kết",
            "value": 0.0,
        }
    ]


def test_a_unit_without_officials_or_answers(client, auth, province):
    got = _by_code(
        client.get(
            f"/api/v1/indicators?year=2026&unit_id={province.trong.id}", headers=auth("sonv")
        ).json()
    )
    assert _figures(got["CT3a"]) == (0, 0, None, None)  # nothing to judge, not a shortfall
    assert got["CT3a"]["falling_short"] == []
    assert _figures(got["CT5"]) == (0, 0, None, False)
    assert _short(got["CT5"]) == {"T-TRONG": "Chưa có danh sách cán bộ phụ trách công tác dân vận"}


def test_uncounted_units_have_no_applicable_target(client, auth, province):
    for unit in (province.cu, province.mt):
        got = _by_code(
            client.get(
                f"/api/v1/indicators?year=2026&unit_id={unit.id}", headers=auth("sonv")
            ).json()
        )
        assert {item["applies"] for item in got.values()} == {False}
        assert {item["met"] for item in got.values()} == {None}


def test_a_unit_officer_sees_only_their_own_scorecard(client, auth, db, province):
    officer = make_user(db, role=Role.unit_officer, unit_id=province.dong.id)
    db.commit()
    headers = auth(officer.username)
    own = client.get("/api/v1/indicators?year=2026", headers=headers)
    assert own.status_code == 200
    assert own.json()["unit"]["id"] == province.dong.id
    assert _figures(_by_code(own.json())["CT3a"]) == (18, 25, 0.72, False)
    other = client.get(f"/api/v1/indicators?year=2026&unit_id={province.so.id}", headers=headers)
    assert_problem(other, 404)
    assert_problem(client.get("/api/v1/indicators/export?year=2026", headers=headers), 404)


@pytest.mark.parametrize("username", ["admin", "sonv", "vanphong", "thanhtra", "lanhdao"])
def test_every_provincial_role_reads_the_province(client, auth, username):
    response = client.get("/api/v1/indicators?year=2026", headers=auth(username))
    assert response.status_code == 200
    assert response.json()["unit"] is None


def test_bad_queries(client, auth):
    assert_problem(client.get("/api/v1/indicators?year=2026"), 401)
    assert_problem(client.get("/api/v1/indicators", headers=auth("sonv")), 422)
    assert_problem(client.get("/api/v1/indicators?year=1999", headers=auth("sonv")), 422)
    assert_problem(
        client.get("/api/v1/indicators?year=2026&unit_id=999999", headers=auth("sonv")), 404
    )


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/indicators?year=2026",
        "/api/v1/dashboard?year=2026",
        "/api/v1/indicators/export?year=2026",
    ],
)
def test_integration_clients_read_no_indicators(client, client_auth, url):
    headers = client_auth("evaluations:write", "petitions:write", "units:read")
    assert_problem(client.get(url, headers=headers), 403)
