"""The API's plumbing: problem+json everywhere, limits, health, enums, the OpenAPI document."""

import json

from fastapi.testclient import TestClient

from api.cli import openapi_text
from api.config import PROJECT_ROOT
from api.main import create_app
from api.units.models import Unit

PROBLEM = "application/problem+json"


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status
    assert body["title"] and body["detail"] and body["type"]
    assert isinstance(body["errors"], list)
    return body


def test_unknown_route_is_a_problem(client):
    assert_problem(client.get("/api/v1/no-such-thing"), 404)


def test_wrong_method_is_a_problem(client, auth):
    assert_problem(client.put("/api/v1/units", headers=auth("admin")), 405)


def test_validation_error_lists_the_fields(client, auth, db):
    before = db.query(Unit).count()
    response = client.post(
        "/api/v1/units", headers=auth("admin"), json={"code": "", "name": "x", "kind": "planet"}
    )
    body = assert_problem(response, 422)
    locs = {tuple(e["loc"]) for e in body["errors"]}
    assert ("body", "code") in locs and ("body", "kind") in locs
    assert all(set(e) == {"loc", "msg", "type"} for e in body["errors"])
    assert db.query(Unit).count() == before


def test_validation_messages_are_vietnamese(client, auth, db):
    body = {"code": "", "kind": "planet", "extra": 1}
    problem = assert_problem(client.post("/api/v1/units", headers=auth("admin"), json=body), 422)
    messages = {e["loc"][-1]: e["msg"] for e in problem["errors"]}
    assert messages["code"] == "Cần ít nhất 1 ký tự"
    assert messages["kind"].startswith("Giá trị không hợp lệ; chọn một trong: 'province'")
    assert messages["name"] == "Thiếu giá trị"
    assert messages["extra"] == "Trường này không được phép"
    # Our own validators' messages come without Pydantic's "Value error, " prefix.
    petition = client.post(
        "/api/v1/petitions", headers=auth("admin"), json={"received_on": "2099-01-01"}
    ).json()
    assert all(not e["msg"].startswith("Value error") for e in petition["errors"])


def test_unexpected_error_is_a_500_problem_without_traceback():
    # An app of its own: the shared one must not grow a route that always fails.
    app = create_app()

    @app.get("/api/v1/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    # Ahead of the SPA's catch-all route, which is there when frontend/dist is built.
    app.router.routes.insert(0, app.router.routes.pop())

    with TestClient(app, raise_server_exceptions=False) as client:
        body = assert_problem(client.get("/api/v1/boom"), 500)
    assert "secret internals" not in json.dumps(body)
    assert "Traceback" not in json.dumps(body)


def test_missing_token_is_401_problem(client):
    response = client.get("/api/v1/units")
    assert_problem(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"


def test_body_over_the_limit_is_413_and_writes_nothing(client, auth, db, monkeypatch):
    before = db.query(Unit).count()
    huge = "x" * (21 * 1024 * 1024)
    response = client.post(
        "/api/v1/units",
        headers={**auth("admin"), "content-type": "application/json"},
        content=json.dumps({"code": "BIG", "name": huge, "kind": "other"}),
    )
    assert_problem(response, 413)
    assert db.query(Unit).count() == before


def test_list_limit_above_500_is_refused(client, auth):
    body = assert_problem(client.get("/api/v1/units?limit=501", headers=auth("sonv")), 422)
    assert body["errors"][0]["loc"] == ["query", "limit"]


def test_unknown_sort_field_is_refused(client, auth):
    body = assert_problem(client.get("/api/v1/units?sort=password", headers=auth("sonv")), 422)
    assert body["errors"][0]["loc"] == ["query", "sort"]


def test_request_id_is_echoed(client):
    response = client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert response.headers["x-request-id"] == "abc-123"
    assert client.get("/healthz").headers["x-request-id"]


def test_health_and_readiness(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["database"] == "ok"


def test_enums_carry_vietnamese_labels(client):
    enums = client.get("/api/v1/meta/enums").json()
    roles = {c["value"]: c["label"] for c in enums["role"]}
    assert roles["coordinator"] == "Sở Nội vụ (điều phối)"
    assert set(roles) == {"admin", "coordinator", "office", "inspector", "unit_officer", "viewer"}
    assert {c["value"] for c in enums["unit_kind"]} >= {"department", "commune", "ward"}


def test_committed_openapi_matches_the_app():
    committed = (PROJECT_ROOT / "openapi.json").read_text(encoding="utf-8")
    assert committed == openapi_text(), "openapi.json is stale: run `make openapi`"


def test_operation_ids_are_stable_and_unique():
    spec = json.loads(openapi_text())
    ids = [op["operationId"] for path in spec["paths"].values() for op in path.values()]
    assert len(ids) == len(set(ids))
    assert "units-list_units" in ids


def test_readiness_fails_when_migrations_are_behind(client, monkeypatch):
    monkeypatch.setattr("api.health.head_revision", lambda: "9999_not_applied")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["head"] == "9999_not_applied"
