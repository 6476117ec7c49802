"""Test database: one per session, built by the migrations; each test in a rolled-back
transaction. The server in DVCQ_TEST_DATABASE_URL, or an embedded PostgreSQL."""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.orm import Session

os.environ["DVCQ_ENV"] = "test"
os.environ.setdefault("DVCQ_SECRET_KEY", "test-secret-key-for-the-dvcq-test-suite-0123456789")
# The cheapest argon2id the library accepts: tests hash hundreds of passwords.
os.environ.setdefault("DVCQ_ARGON2_TIME_COST", "1")
os.environ.setdefault("DVCQ_ARGON2_MEMORY_KIB", "1024")

from api.common.embedded_pg import start_embedded_postgres
from api.config import PROJECT_ROOT, get_settings
from api.db import normalise_url


def _server_url() -> str:
    configured = os.environ.get("DVCQ_TEST_DATABASE_URL")
    if configured:
        return normalise_url(configured)
    return start_embedded_postgres(Path(PROJECT_ROOT / "var" / "pgtest"))


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    server = make_url(_server_url())
    name = f"dvcq_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = server.set(database=name).render_as_string(hide_password=False)
    os.environ["DVCQ_DATABASE_URL"] = url
    _clear_caches()
    try:
        yield url
    finally:
        _clear_caches()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _clear_caches() -> None:
    from api.db import get_engine, session_factory

    if get_engine.cache_info().currsize:
        get_engine().dispose()
    get_settings.cache_clear()
    get_engine.cache_clear()
    session_factory.cache_clear()


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    from api.db import get_engine
    from api.migrations_state import upgrade_to_head
    from api.seed import seed

    upgrade_to_head(database_url)
    engine = get_engine()
    with Session(engine) as session, session.begin():
        seed(session, demo_accounts=True)
    yield engine


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    """A session whose commits are savepoints inside a transaction rolled back at the end."""
    connection = engine.connect()
    outer = connection.begin()
    session = Session(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    try:
        yield session
    finally:
        session.close()
        outer.rollback()
        connection.close()


@pytest.fixture(scope="session")
def shared_app(engine: Engine):
    """Built once: building the app costs about a second, too much for every test."""
    from api.main import create_app

    return create_app()


@pytest.fixture
def app(shared_app, db: Session):
    """The app, its database session replaced by the test's own."""
    from api.db import get_session, transaction_per_request

    def test_session() -> Iterator[Session]:
        # Seal what the test set up, so a request that rolls back undoes only its own work.
        db.commit()
        yield from transaction_per_request(db)

    shared_app.dependency_overrides[get_session] = test_session
    yield shared_app
    shared_app.dependency_overrides.clear()


@pytest.fixture
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def auth(db: Session):
    """auth("sonv") -> headers with a bearer token for that seeded user."""
    from tests.factories import bearer_for

    return lambda username: bearer_for(db, username)
