"""Engine, the per-request session, and the declarative Base shared by every domain."""

from collections.abc import Iterable, Iterator
from datetime import datetime
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any

from fastapi import Depends
from sqlalchemy import (
    ARRAY,
    ColumnElement,
    DateTime,
    Engine,
    Integer,
    MetaData,
    any_,
    create_engine,
    func,
    literal,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    declared_attr,
    mapped_column,
    sessionmaker,
)

from api.common.embedded_pg import start_embedded_postgres
from api.config import PROVINCE_TZ, get_settings

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def violated_constraint(exc: IntegrityError) -> str | None:
    """The constraint or unique index a refused statement broke, as PostgreSQL names it."""
    return getattr(getattr(exc.orig, "diag", None), "constraint_name", None)


def among(column: Any, ids: Iterable[int]) -> ColumnElement[bool]:
    """`column = ANY(:ids)`: one array parameter, where `column.in_(ids)` renders, and makes
    psycopg parse, a placeholder per id (~140 units) at every call."""
    return column == any_(literal(list(ids), ARRAY(Integer)))


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class Versioned(Timestamped):
    """A mutable record: `version` grows on every update and is the record's ETag."""

    version: Mapped[int] = mapped_column(Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:
        # SQLAlchemy sets version=1 on insert, adds 1 on update and checks it in the WHERE.
        return {"version_id_col": cls.version}


def database_url() -> str:
    """The configured server, or the embedded PostgreSQL in var/pgdata when none is set."""
    settings = get_settings()
    if settings.database_url:
        return normalise_url(settings.database_url)
    return start_embedded_postgres(settings.data_dir / "pgdata")


def normalise_url(url: str) -> str:
    """Accept plain `postgresql://` URLs and use the psycopg 3 driver for them."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


@lru_cache
def get_engine() -> Engine:
    return create_engine(
        database_url(),
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=10,
        connect_args={
            # Times leave the database in the province's zone: the API answers with +07:00.
            # No JIT: compiling a plan costs up to a second, more than any query the API runs.
            "options": f"-c timezone={PROVINCE_TZ.key} -c jit=off",
            # No server-side prepared statements: after five runs PostgreSQL may switch to a
            # generic plan, which cannot hash an `IN (…141 ids…)` list (2x slower indicators).
            "prepare_threshold": None,
        },
    )


@lru_cache
def session_factory() -> sessionmaker[Session]:
    return sessionmaker(bind=get_engine(), expire_on_commit=False)


def transaction_per_request(session: Session) -> Iterator[Session]:
    """One transaction per request: commit on success, roll back on error.

    An error that must keep what led to it (a failed login attempt) says so with
    `keep_changes = True`; every other error rolls back.
    """
    try:
        yield session
        session.commit()
    except Exception as exc:
        if getattr(exc, "keep_changes", False):
            session.commit()
        else:
            session.rollback()
        raise


def get_session() -> Iterator[Session]:
    session = session_factory()()
    try:
        yield from transaction_per_request(session)
    finally:
        session.close()


# scope="function": the transaction commits when the endpoint returns, before the response
# is sent, so a failed commit is reported to the caller rather than lost after a 200.
Db = Annotated[Session, Depends(get_session, scope="function")]


def scalar_defaults(model: type[Base]) -> dict[str, object]:
    """The Python-side column defaults of `model` (`default=`), which SQLAlchemy applies only
    at flush: for computing with a new record before it is written."""
    return {
        column.key: column.default.arg
        for column in model.__table__.columns
        if column.default is not None and column.default.is_scalar
    }


def enum_type(enum_cls: type[StrEnum], name: str | None = None) -> SAEnum:
    """A VARCHAR with a CHECK constraint holding the enum's values (no PostgreSQL ENUM type,
    so adding a value is a plain migration). `name` names the CHECK when one table holds
    two columns of the same enum."""
    return SAEnum(
        enum_cls,
        name=name or getattr(enum_cls, "meta_name", enum_cls.__name__.lower()),
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [m.value for m in members],
    )
