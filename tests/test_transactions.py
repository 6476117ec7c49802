"""One transaction per request, committed before the response is sent."""

from fastapi.testclient import TestClient
from sqlalchemy import text

from api.db import Db
from api.main import create_app


def test_a_failed_commit_reaches_the_caller_as_500(engine):
    # A real session (no test override): the deferred constraint fails only at COMMIT.
    app = create_app()

    @app.post("/api/v1/commit-fails")
    def fails(db: Db) -> dict:
        db.execute(
            text("CREATE TEMP TABLE t (x int UNIQUE DEFERRABLE INITIALLY DEFERRED) ON COMMIT DROP")
        )
        db.execute(text("INSERT INTO t VALUES (1), (1)"))
        return {"ok": True}

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post("/api/v1/commit-fails")
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("application/problem+json")


def test_an_error_rolls_back_what_the_request_wrote(engine):
    app = create_app()

    @app.post("/api/v1/write-then-fail")
    def write_then_fail(db: Db) -> dict:
        db.execute(
            text(
                "INSERT INTO login_throttle (username, failures, first_failure_at) "
                "VALUES ('rollback-probe', 1, now())"
            )
        )
        raise RuntimeError("boom")

    with TestClient(app, raise_server_exceptions=False) as client:
        assert client.post("/api/v1/write-then-fail").status_code == 500
    with engine.connect() as connection:
        left = connection.scalar(
            text("SELECT count(*) FROM login_throttle WHERE username = 'rollback-probe'")
        )
    assert left == 0


def test_a_concurrent_update_is_412_not_500(engine):
    from sqlalchemy.orm.exc import StaleDataError

    app = create_app()

    @app.patch("/api/v1/lost-race")
    def lost_race() -> dict:
        raise StaleDataError("UPDATE statement on table 'units' expected to update 1 row(s)")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.patch("/api/v1/lost-race")
    assert response.status_code == 412
    assert response.headers["content-type"].startswith("application/problem+json")
