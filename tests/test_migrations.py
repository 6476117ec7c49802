"""Migrations are the only schema source: they build the schema, agree with the models,
form one line, and go down and up again."""

import uuid

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, make_url, text

from api.migrations_state import alembic_config, current_revision, head_revision
from api.models import Base


def test_the_test_database_was_built_by_the_migrations(engine):
    assert current_revision(engine) == head_revision()


def test_models_and_migrations_agree(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], f"models differ from migrations: {diff}"


def test_the_history_is_one_line():
    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1
    for revision in script.walk_revisions():
        assert not isinstance(revision.down_revision, tuple | list), f"merge in {revision}"


def test_downgrade_to_empty_and_upgrade_again(database_url):
    from alembic import command

    server = make_url(database_url)
    name = f"dvcq_scratch_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = server.set(database=name).render_as_string(hide_password=False)
    scratch = create_engine(url)
    try:
        config = alembic_config(url)
        command.upgrade(config, "head")
        command.downgrade(config, "base")
        assert set(inspect(scratch).get_table_names()) == {"alembic_version"}
        command.upgrade(config, "head")
        assert current_revision(scratch) == head_revision()
    finally:
        scratch.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
