"""`GET /imports/kinds` tells the caller which kinds they may import, and the upload agrees."""

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from api.auth.models import Client
from api.auth.passwords import hash_secret
from api.imports.models import ImportRun
from api.units.models import Unit
from tests.api.imports.helpers import post_import
from tests.test_contract import assert_problem

ALL = {
    "units", "users", "officials", "plans", "plan-tasks", "activities", "attendance",
    "evaluations", "survey-results", "receptions", "petitions", "inspections", "recommendations",
}  # fmt: skip
RECORDS_OF_A_UNIT = {
    "officials", "plans", "plan-tasks", "activities", "attendance", "survey-results",
    "receptions", "petitions", "inspections", "recommendations",
}  # fmt: skip

OFFICE = {
    "officials", "plans", "plan-tasks", "activities", "attendance", "evaluations", "survey-results",
}  # fmt: skip


def _allowed(client, headers) -> set[str]:
    response = client.get("/api/v1/imports/kinds", headers=headers)
    assert response.status_code == 200
    kinds = response.json()
    assert [k["name"] for k in kinds][:3] == ["units", "users", "officials"]
    assert {k["name"] for k in kinds} == ALL
    return {k["name"] for k in kinds if k["allowed"]}


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        pytest.param("admin", ALL, id="admin"),
        pytest.param("vanphong", OFFICE, id="office"),
        pytest.param("canbo.hoalu", RECORDS_OF_A_UNIT, id="unit-officer"),
        pytest.param("lanhdao", set(), id="viewer"),
    ],
)
def test_each_kind_says_whether_the_caller_may_import_it(client, auth, db, username, expected):
    assert _allowed(client, auth(username)) == expected
    assert db.scalar(select(func.count()).select_from(ImportRun)) == 0


def test_an_integration_client_may_import_what_its_scopes_allow(client, db):
    db.add(
        Client(
            client_id="script-kinds",
            name="Kịch bản nhập",
            secret_hash=hash_secret("s3cret-k"),
            scopes=["evaluations:write", "units:read"],
        )
    )
    db.flush()
    token = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "client_credentials"},
        auth=("script-kinds", "s3cret-k"),
    ).json()["access_token"]
    assert _allowed(client, {"Authorization": f"Bearer {token}"}) == {"evaluations"}


def test_allowed_agrees_with_the_upload(client, auth, db):
    """A kind not allowed is a 403 that records nothing; an allowed one is read (200)."""
    headers = auth("canbo.hoalu")
    allowed = _allowed(client, headers)
    for kind in sorted(ALL):
        response = post_import(client, headers, kind, "k.csv", b"x\n", dry_run=True)
        if kind in allowed:
            assert response.status_code == 200, (kind, response.text)
        else:
            assert_problem(response, 403)
    runs = db.scalars(select(ImportRun.kind).order_by(ImportRun.kind)).all()
    assert runs == sorted(allowed)


def test_without_a_token_the_kinds_are_401(client):
    assert_problem(client.get("/api/v1/imports/kinds"), 401)


def test_the_template_leaves_out_what_a_worksheet_cannot_hold(client, auth, db):
    """A unit's name typed through the API may hold control characters; XML 1.0 cannot."""
    created = client.post(
        "/api/v1/units",
        headers=auth("admin"),
        json={"code": "T-CTRL", "name": "Xã\x03 Thử\x19 nghiệm", "kind": "commune"},
    )
    assert created.status_code == 201, created.text
    response = client.get("/api/v1/imports/plans/template?format=xlsx", headers=auth("admin"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    names = {row[0]: row[1] for row in book["Đơn vị"].iter_rows(min_row=2, values_only=True)}
    assert names["T-CTRL"] == "Xã Thử nghiệm"
    assert db.scalar(select(Unit.name).where(Unit.code == "T-CTRL")) == "Xã\x03 Thử\x19 nghiệm"
