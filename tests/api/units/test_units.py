"""Units: CRUD, uniqueness, the tree, deletion rules, search, optimistic locking, audit."""

import unicodedata

import pytest
from sqlalchemy import func, select

from api.audit.models import AuditEvent
from api.units.models import Unit
from tests.factories import make_unit, make_user, unit_by_code

BASE = "/api/v1/units"


def count_units(db) -> int:
    return db.scalar(select(func.count()).select_from(Unit))


def test_the_seeded_list_holds_the_real_province(client, auth):
    headers = auth("lanhdao")
    assert client.get(BASE, headers=headers).json()["total"] == 144
    communes = client.get(f"{BASE}?kind=commune&kind=ward&limit=1", headers=headers).json()
    assert communes["total"] == 129
    departments = client.get(f"{BASE}?kind=department&limit=500", headers=headers).json()
    assert {u["code"] for u in departments["items"]} >= {"SNV", "TTT", "VPUBND", "STP", "STC"}


def test_list_envelope_pagination_and_sort(client, auth):
    page = client.get(f"{BASE}?limit=10&offset=5&sort=-code", headers=auth("sonv")).json()
    assert set(page) == {"items", "total", "limit", "offset"}
    assert page["limit"] == 10 and page["offset"] == 5 and len(page["items"]) == 10
    codes = [u["code"] for u in page["items"]]
    assert codes == sorted(codes, reverse=True)


@pytest.mark.parametrize(
    ("q", "expected_code"),
    [
        ("hoa lu", "P-HOALU"),
        ("Hoa Lư", "P-HOALU"),
        ("HOA LƯ", "P-HOALU"),
        ("đông a", "P-DONGA"),
        ("dong a", "P-DONGA"),
        (unicodedata.normalize("NFD", "Đông A"), "P-DONGA"),
        ("gia vien", "X-GIAVIEN"),
    ],
)
def test_search_ignores_diacritics_case_and_normal_form(client, auth, q, expected_code):
    page = client.get(BASE, params={"q": q, "limit": 500}, headers=auth("canbo.hoalu")).json()
    assert expected_code in {u["code"] for u in page["items"]}


def test_search_is_not_fooled_by_like_wildcards(client, auth):
    page = client.get(BASE, params={"q": "%"}, headers=auth("sonv")).json()
    assert page["total"] == 0


def test_filter_by_parent_and_activity(client, auth, db):
    province = unit_by_code(db, "UBND")
    make_unit(db, parent_id=province.id, is_active=False)
    headers = auth("sonv")
    children = client.get(f"{BASE}?parent_id={province.id}&limit=1", headers=headers).json()
    assert children["total"] == 142  # 12 departments + 129 communes/wards + the new one
    inactive = client.get(f"{BASE}?is_active=false", headers=headers).json()
    assert inactive["total"] == 1


def test_create_normalises_text_and_writes_an_audit_event(client, auth, db):
    nfd_name = unicodedata.normalize("NFD", "Ban Dân tộc và Tôn giáo")
    response = client.post(
        BASE,
        headers=auth("admin"),
        json={
            "code": "sdttg",
            "agency_code": "000.00.20.H42",
            "name": nfd_name,
            "kind": "department",
            "parent_id": unit_by_code(db, "UBND").id,
        },
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["code"] == "SDTTG"
    assert body["name"] == unicodedata.normalize("NFC", nfd_name)
    assert body["short_name"] == body["name"] and body["version"] == 1
    assert response.headers["etag"] == '"1"'
    stored = db.get(Unit, body["id"])
    assert stored.name == body["name"] and stored.search_text.startswith("sdttg")
    event = db.scalar(
        select(AuditEvent).where(
            AuditEvent.entity == "units", AuditEvent.entity_id == str(body["id"])
        )
    )
    assert event.action == "create" and event.actor_name == "admin"
    assert event.after["agency_code"] == "000.00.20.H42" and event.before is None


@pytest.mark.parametrize("field", ["code", "agency_code"])
def test_duplicate_codes_are_409_and_write_nothing(client, auth, db, field):
    make_unit(db, code="T-DUP", agency_code="000.00.99.H42")
    body = {"code": "T-OTHER", "agency_code": "000.00.98.H42", "name": "Khác", "kind": "other"}
    body[field] = {"code": "T-DUP", "agency_code": "000.00.99.H42"}[field]
    before = count_units(db)
    response = client.post(BASE, headers=auth("admin"), json=body)
    assert response.status_code == 409
    assert response.json()["errors"][0]["loc"] == ["body", field]
    assert count_units(db) == before


@pytest.mark.parametrize(
    "body",
    [
        {"code": "T-X", "name": "", "kind": "other"},
        {"code": "T-X", "name": "Tên", "kind": "galaxy"},
        {"code": "mã có dấu", "name": "Tên", "kind": "other"},
        {"code": "T-X", "name": "x" * 256, "kind": "other"},
        {"code": "T-X", "name": "Tên", "kind": "other", "parent_id": 999999},
        {"code": "T-X", "name": "Tên", "kind": "other", "unexpected": 1},
    ],
)
def test_invalid_units_are_422_and_write_nothing(client, auth, db, body):
    before = count_units(db)
    response = client.post(BASE, headers=auth("admin"), json=body)
    assert response.status_code == 422, response.text
    assert response.json()["errors"]
    assert count_units(db) == before


def test_update_with_a_stale_if_match_is_412_and_changes_nothing(client, auth, db):
    unit = make_unit(db, short_name="Cũ")
    headers = auth("admin")
    first = client.patch(
        f"{BASE}/{unit.id}", json={"short_name": "Mới"}, headers={**headers, "If-Match": '"1"'}
    )
    assert first.status_code == 200 and first.headers["etag"] == '"2"'
    stale = client.patch(
        f"{BASE}/{unit.id}", json={"short_name": "Khác"}, headers={**headers, "If-Match": '"1"'}
    )
    assert stale.status_code == 412
    assert stale.json()["title"].startswith("Bản ghi đã bị người khác sửa")
    db.expire_all()
    assert db.get(Unit, unit.id).short_name == "Mới"
    assert db.get(Unit, unit.id).version == 2


def test_delete_with_a_stale_if_match_is_412(client, auth, db):
    unit = make_unit(db)
    response = client.delete(f"{BASE}/{unit.id}", headers={**auth("admin"), "If-Match": '"7"'})
    assert response.status_code == 412
    assert db.get(Unit, unit.id) is not None


def test_a_unit_cannot_become_its_own_ancestor(client, auth, db):
    parent = make_unit(db)
    child = make_unit(db, parent_id=parent.id)
    response = client.patch(
        f"{BASE}/{parent.id}", json={"parent_id": child.id}, headers=auth("admin")
    )
    assert response.status_code == 422
    db.expire_all()
    assert db.get(Unit, parent.id).parent_id is None


def test_a_unit_with_children_cannot_be_deleted(client, auth, db):
    response = client.delete(f"{BASE}/{unit_by_code(db, 'UBND').id}", headers=auth("admin"))
    assert response.status_code == 409
    assert "ngừng hoạt động" in response.json()["detail"]
    assert count_units(db) == 144


def test_a_unit_with_records_cannot_be_deleted(client, auth, db):
    unit = make_unit(db)
    make_user(db, unit_id=unit.id)
    response = client.delete(f"{BASE}/{unit.id}", headers=auth("admin"))
    assert response.status_code == 409
    assert db.get(Unit, unit.id) is not None


def test_a_deleted_unit_keeps_its_last_state_in_the_audit_log(client, auth, db):
    unit = make_unit(db, code="T-GONE", name="Đơn vị sẽ xóa")
    response = client.delete(f"{BASE}/{unit.id}", headers=auth("admin"))
    assert response.status_code == 204
    assert db.get(Unit, unit.id) is None
    events = client.get(
        "/api/v1/audit-events",
        headers=auth("sonv"),
        params={"entity": "units", "entity_id": str(unit.id)},
    ).json()
    assert events["total"] == 1
    event = events["items"][0]
    assert event["action"] == "delete" and event["after"] is None
    assert event["before"]["code"] == "T-GONE" and event["before"]["name"] == "Đơn vị sẽ xóa"


def test_the_tree_nests_communes_under_the_province(client, auth):
    roots = client.get(f"{BASE}/tree", headers=auth("canbo.hoalu")).json()
    province = next(r for r in roots if r["code"] == "UBND")
    assert len(province["children"]) == 141
    assert {r["code"] for r in roots} == {"UBND", "MTTQ", "BPTTH"}


def test_unknown_unit_is_404_problem(client, auth):
    response = client.get(f"{BASE}/999999", headers=auth("sonv"))
    assert response.status_code == 404
    assert response.json()["detail"] == "Không tìm thấy đơn vị #999999"


@pytest.mark.parametrize("field", ["code", "name", "short_name", "kind", "is_active"])
def test_a_required_field_cannot_be_patched_to_null(client, auth, db, field):
    unit = make_unit(db)
    response = client.patch(f"{BASE}/{unit.id}", json={field: None}, headers=auth("admin"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", field]
    db.expire_all()
    assert db.get(Unit, unit.id).version == 1
