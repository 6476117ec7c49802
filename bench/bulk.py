"""Writing generated rows with PostgreSQL COPY, in chunks of one transaction each."""

import time
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any

import psycopg
from psycopg import sql

from api.db import Base
from bench.common import log

CHUNK_ROWS = 500_000
# Filled by the server (created_at, updated_at); every other column is written explicitly.
SERVER_FILLED = frozenset({"created_at", "updated_at"})


def columns_of(model: type[Base], *, with_id: bool = True) -> list[str]:
    """The model's columns in table order, less those the server fills."""
    names = [c.name for c in model.__table__.columns if c.name not in SERVER_FILLED]
    return names if with_id else [n for n in names if n != "id"]


def copy_rows(
    conn: psycopg.Connection,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    chunk: int = CHUNK_ROWS,
) -> int:
    """COPY `rows` into `table`, committing every `chunk` rows; prints progress."""
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    iterator = iter(rows)
    total, started = 0, time.perf_counter()
    while True:
        written = _copy_chunk(conn, statement, islice(iterator, chunk))
        if not written:
            break
        total += written
        if written == chunk:
            rate = total / max(time.perf_counter() - started, 1e-9)
            log(f"    {table}: {total:,} rows ({rate:,.0f} rows/s)")
    return total


def _copy_chunk(conn: psycopg.Connection, statement: sql.Composed, rows: Iterable[Any]) -> int:
    written = 0
    with conn.transaction(), conn.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
            written += 1
    return written


def dict_rows(columns: Sequence[str], records: Iterable[dict[str, Any]]) -> Iterable[tuple]:
    """Rows in `columns` order; a missing key is an error, not a silent NULL."""
    for record in records:
        yield tuple(record[name] for name in columns)


def reset_sequence(conn: psycopg.Connection, table: str) -> None:
    """After rows were written with explicit ids, the next id the app assigns follows them."""
    conn.execute(
        sql.SQL(
            "SELECT setval(pg_get_serial_sequence({table}, 'id'), "
            "coalesce((SELECT max(id) FROM {ident}), 0) + 1, false)"
        ).format(table=sql.Literal(table), ident=sql.Identifier(table))
    )
    conn.commit()
