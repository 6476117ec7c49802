"""The `dvcq` command, run as an operator would."""

import json

from sqlalchemy import delete, select
from typer.testing import CliRunner

from api.audit.models import AuditEvent
from api.auth.enums import Role
from api.auth.models import User
from api.auth.passwords import verify_secret
from api.cli import app
from api.db import session_factory

runner = CliRunner()


def test_export_openapi_writes_the_document(tmp_path):
    target = tmp_path / "openapi.json"
    result = runner.invoke(app, ["export-openapi", "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text(encoding="utf-8"))["info"]["title"] == "DVCQ API"


def test_create_user_creates_a_unit_officer(engine):
    try:
        result = runner.invoke(
            app,
            [
                "create-user",
                "cli.officer",
                "--full-name",
                "Lê Văn Cư",
                "--role",
                "unit_officer",
                "--unit-code",
                "x-giavien",
                "--password",
                "Cli-Pass-2026",
            ],
        )
        assert result.exit_code == 0, result.output
        with session_factory()() as db:
            user = db.scalar(select(User).where(User.username == "cli.officer"))
            assert user.role is Role.unit_officer and user.full_name == "Lê Văn Cư"
            assert verify_secret(user.password_hash, "Cli-Pass-2026")
    finally:
        with session_factory().begin() as db:
            db.execute(delete(User).where(User.username == "cli.officer"))
            db.execute(delete(AuditEvent).where(AuditEvent.actor_name == "cli"))


def test_create_user_refuses_an_unknown_unit(engine):
    result = runner.invoke(
        app,
        [
            "create-user",
            "cli.nobody",
            "--full-name",
            "Không Ai",
            "--role",
            "unit_officer",
            "--unit-code",
            "NO-SUCH",
            "--password",
            "Cli-Pass-2026",
        ],
    )
    assert result.exit_code != 0
    with session_factory()() as db:
        assert db.scalar(select(User).where(User.username == "cli.nobody")) is None
