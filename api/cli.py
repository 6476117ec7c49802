"""The `dvcq` command."""

import json
import logging
import signal
import sys
from pathlib import Path
from typing import Annotated

import typer

from api.config import PROJECT_ROOT, get_settings

app = typer.Typer(help="DVCQ — quản trị hệ thống dân vận chính quyền", no_args_is_help=True)


@app.command()
def migrate() -> None:
    """Apply the database migrations up to the latest."""
    from api.db import database_url
    from api.migrations_state import upgrade_to_head

    upgrade_to_head(database_url())
    typer.echo("Database migrated to head.")


@app.command()
def seed(
    demo: Annotated[bool | None, typer.Option(help="Also create demo accounts")] = None,
) -> None:
    """Load the unit list (and demo accounts unless in production). Safe to run again."""
    from api.db import session_factory
    from api.seed import seed as run_seed

    with session_factory().begin() as db:
        report = run_seed(db, demo_accounts=demo)
    typer.echo(
        f"Units added: {report.units_added}; demo accounts added: "
        f"{', '.join(report.accounts_added) or 'none'}"
    )


@app.command("rebuild-aggregates")
def rebuild_aggregates() -> None:
    """Recompute what the database keeps for the indicators: the monthly evaluation counts
    (from every evaluation), each petition's stored due dates (from the rules in force), then
    the dashboard's petition counts (from the petitions and those dates)."""
    from api.db import session_factory
    from api.indicators.aggregates import rebuild_petition_counts
    from api.reception.reference import refresh_due_dates
    from api.surveys.aggregates import rebuild_evaluation_counts

    with session_factory().begin() as db:
        counts = rebuild_evaluation_counts(db)
        petitions = refresh_due_dates(db)
        petition_counts = rebuild_petition_counts(db)
    typer.echo(
        f"Monthly evaluation counts: {counts} rows; petition due dates changed: {petitions}; "
        f"petition counts: {petition_counts} rows"
    )


@app.command("create-user")
def create_user(
    username: str,
    full_name: Annotated[str, typer.Option(help="Họ và tên")],
    role: Annotated[
        str, typer.Option(help="admin|coordinator|office|inspector|unit_officer|viewer")
    ],
    unit_code: Annotated[str | None, typer.Option(help="Mã đơn vị, ví dụ SNV")] = None,
    email: Annotated[str | None, typer.Option()] = None,
    password: Annotated[
        str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)
    ] = "",
) -> None:
    """Create a user (the first admin of a new installation, for instance)."""
    from sqlalchemy import select

    from api.auth import accounts
    from api.auth.enums import Role
    from api.auth.policy import Actor
    from api.auth.schemas import UserCreate
    from api.common.problems import Problem
    from api.db import session_factory
    from api.units.models import Unit

    system = Actor(name="cli", role=Role.admin)
    try:
        with session_factory().begin() as db:
            unit_id = None
            if unit_code:
                unit_id = db.scalar(select(Unit.id).where(Unit.code == unit_code.upper()))
                if unit_id is None:
                    raise typer.BadParameter(f"unknown unit code {unit_code}")
            data = UserCreate(
                username=username,
                full_name=full_name,
                role=Role(role),
                unit_id=unit_id,
                email=email,
                password=password,
            )
            user = accounts.create_user(db, system, data)
            typer.echo(f"User {user.username} created (id {user.id}).")
    except Problem as exc:
        typer.echo(f"Error: {exc.detail}", err=True)
        raise typer.Exit(1) from exc


@app.command("export-openapi")
def export_openapi(
    output: Annotated[Path, typer.Option(help="Where to write")] = PROJECT_ROOT / "openapi.json",
) -> None:
    """Write the app's OpenAPI document (the committed openapi.json)."""
    output.write_text(openapi_text(), encoding="utf-8")
    typer.echo(f"Wrote {output}")


def openapi_text() -> str:
    from api.main import create_app

    return json.dumps(create_app().openapi(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


@app.command()
def serve(
    reload: Annotated[bool, typer.Option(help="Restart on code changes (development)")] = False,
) -> None:
    """Migrate, seed, and serve the API and the web app (the quick start's `make run`)."""
    import uvicorn

    from api.common.embedded_pg import stop_embedded_postgres

    settings = get_settings()
    settings.check_safe_for_production()
    embedded = not settings.database_url
    migrate()
    seed(demo=None)
    url = f"http://{settings.host}:{settings.port}"
    typer.echo("")
    typer.echo(f"DVCQ is running at {url}  (API docs: {url}/api/v1/docs)")
    typer.echo(
        "Database: " + ("embedded PostgreSQL in var/pgdata" if embedded else "DVCQ_DATABASE_URL")
    )
    if settings.demo_accounts:
        from api.seed import DEMO_ACCOUNTS

        typer.echo(f"Demo accounts (password: {settings.demo_password}):")
        for account in DEMO_ACCOUNTS:
            typer.echo(f"  {account.username:<12} {account.role.label} — {account.unit_code}")
    typer.echo("Press Ctrl-C to stop.")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        uvicorn.run(
            "api.main:create_app",
            factory=True,
            host=settings.host,
            port=settings.port,
            reload=reload,
            access_log=False,
            log_level=settings.log_level.lower(),
        )
    finally:
        stop_embedded_postgres()
        logging.getLogger(__name__).info("stopped")


@app.command()
def upload(
    kind: Annotated[str, typer.Argument(help="Loại dữ liệu: evaluations, units, officials…")],
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Tệp CSV hoặc XLSX")],
    server: Annotated[
        str, typer.Option(envvar="DVCQ_SERVER", help="Máy chủ DVCQ, ví dụ https://dvcq.example")
    ],
    username: Annotated[str | None, typer.Option(envvar="DVCQ_USERNAME")] = None,
    password: Annotated[str | None, typer.Option(envvar="DVCQ_PASSWORD")] = None,
    client_id: Annotated[str | None, typer.Option(envvar="DVCQ_CLIENT_ID")] = None,
    client_secret: Annotated[str | None, typer.Option(envvar="DVCQ_CLIENT_SECRET")] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Ghi mà không hỏi lại")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Chỉ in báo cáo dạng một đối tượng JSON ra stdout")
    ] = False,
    atomic: Annotated[
        bool,
        typer.Option("--atomic/--no-atomic", help="Có dòng lỗi thì không ghi dòng nào"),
    ] = True,
    dry_run_only: Annotated[
        bool, typer.Option("--dry-run-only", help="Chỉ kiểm tra, không ghi")
    ] = False,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Số dòng mỗi lần gửi (tệp đánh giá lớn)")
    ] = 1000,
) -> None:
    """Upload a spreadsheet to a DVCQ server: a dry run and its errors, then, once confirmed,
    the commit. Exit code 0: done; 1: rows failed or nothing written; 2: options, sign-in,
    file or server."""
    from api import upload as uploading

    def say(line: str) -> None:
        typer.echo(line, err=as_json)  # with --json, stdout holds the JSON alone

    def send(dry_run: bool) -> uploading.UploadReport:
        with typer.progressbar(
            length=prepared.rows,
            label="Đang kiểm tra" if dry_run else "Đang ghi",
            file=sys.stderr,
            hidden=len(prepared.parts) < 2,
        ) as bar:
            report = uploader.send(prepared, dry_run=dry_run, atomic=atomic, progress=bar.update)
        for line in uploading.describe(report, base):
            say(line)
        return report

    credentials = uploading.Credentials(username, password, client_id, client_secret)
    try:
        base = uploading.server_url(server)
        prepared = uploading.prepare(kind, file, batch_size)
        with uploading.open_client(base) as http:
            uploader = uploading.Uploader(http, credentials)
            uploader.sign_in()
            report = send(dry_run=True)
            proceed = not dry_run_only and not (report.failed and atomic)
            if report.failed and atomic and not dry_run_only:
                say("Không ghi gì vì có dòng lỗi: sửa tệp rồi chạy lại.")
            if proceed and not yes and not typer.confirm("Ghi vào hệ thống?", err=as_json):
                say("Đã huỷ: không ghi gì.")
                proceed = False
            if proceed:
                report = send(dry_run=False)
    except uploading.UploadError as exc:
        if exc.report is not None and not exc.report.dry_run:
            for line in uploading.describe(exc.report, base):
                say(line)
        typer.echo(f"Lỗi: {exc}", err=True)
        if as_json:
            failure = {"error": str(exc), "report": exc.report and exc.report.as_dict()}
            typer.echo(json.dumps(failure, ensure_ascii=False))
        raise typer.Exit(2) from exc
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False))
    done = report.committed or dry_run_only
    raise typer.Exit(0 if done and not report.failed else 1)


if __name__ == "__main__":
    app()
