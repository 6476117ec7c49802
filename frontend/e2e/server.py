"""The real API for the browser tests and the dashboard benchmark, on a database of its own.

    .venv/bin/python frontend/e2e/server.py --port 8123

Creates a database on the server at DVCQ_TEST_DATABASE_URL, or else on the embedded PostgreSQL
the Python tests use (var/pgtest); migrates and seeds it (units and demo accounts); serves the
API and the built SPA (frontend/dist) on 127.0.0.1; drops the database when stopped.
"""

import argparse
import os
import signal
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

os.environ.setdefault("DVCQ_ENV", "test")
os.environ.setdefault("DVCQ_SECRET_KEY", "e2e-secret-key-for-the-dvcq-browser-tests-0123456789")
# Logging in is the browser tests' commonest step: the cheapest argon2id the library accepts.
os.environ.setdefault("DVCQ_ARGON2_TIME_COST", "1")
os.environ.setdefault("DVCQ_ARGON2_MEMORY_KIB", "1024")
os.environ.setdefault("DVCQ_LOG_LEVEL", "WARNING")

from sqlalchemy import create_engine, make_url, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402


def server_url() -> str:
    from api.db import normalise_url

    configured = os.environ.get("DVCQ_TEST_DATABASE_URL")
    if configured:
        return normalise_url(configured)
    from api.common.embedded_pg import start_embedded_postgres

    return start_embedded_postgres(ROOT / "var" / "pgtest")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8123)
    args = parser.parse_args()

    server = make_url(server_url())
    if server.host not in (None, "127.0.0.1", "localhost", "::1"):
        sys.exit(f"e2e/server.py: refusing a database server that is not local: {server.host}")
    name = f"dvcq_e2e_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = server.set(database=name).render_as_string(hide_password=False)
    os.environ["DVCQ_DATABASE_URL"] = url
    try:
        serve(url, args.port)
    finally:
        from api.db import get_engine

        get_engine().dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def serve(url: str, port: int) -> None:
    import uvicorn

    from api.db import get_engine
    from api.main import create_app
    from api.migrations_state import upgrade_to_head
    from api.seed import seed

    upgrade_to_head(url)
    with Session(get_engine()) as session, session.begin():
        seed(session, demo_accounts=True)
    print(f"e2e API on http://127.0.0.1:{port} with database {make_url(url).database}", flush=True)
    # uvicorn re-raises the stop signal after shutting down: as SystemExit, `finally` still runs.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    uvicorn.run(create_app(), host="127.0.0.1", port=port, access_log=False, log_level="warning")


if __name__ == "__main__":
    main()
