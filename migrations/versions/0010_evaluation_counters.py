"""evaluation counters without row-lock contention: a writer may fold its counts last

Until now the statement-level triggers of 0006 upserted `evaluation_monthly_counts` at the
INSERT itself, so the counter rows stayed locked for the rest of the transaction (the batch
push's answer, its audit event, the commit): concurrent pushes touching the same unit,
month and field queued behind each other (`Lock:transactionid`).

Now each statement only appends its per-key delta to a session-local temporary table
(`pg_temp.evaluation_count_deltas`, ON COMMIT DELETE ROWS: no WAL, no locks, nothing to
clean) and records once per transaction, in `evaluation_counts_pending`, that it did so. A
constraint trigger on that marker folds the deltas into the counts, in key order. It is
INITIALLY IMMEDIATE: for every writer (PATCH, DELETE, an import, psql, COPY) the counts
change at the end of the statement, exactly as before. A writer that has more to do after
its INSERT — the batch push — runs `SET CONSTRAINTS evaluation_counts_fold DEFERRED` first
and `... IMMEDIATE` as its last statement, so the counter rows are locked only for the fold
and the commit. The counts read the same as before (same table, same figures);
`dvcq rebuild-aggregates` still recomputes them.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 05:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LEVELS = ("very_satisfied", "satisfied", "neutral", "dissatisfied")
_MONTH = "date_trunc('month', evaluated_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date"
_KEY = "unit_id, month, field"
_KEY_MATCH = "c.unit_id = d.unit_id AND c.month = d.month AND c.field = d.field"
_DELTAS = "pg_temp.evaluation_count_deltas"
_OPS = ("insert", "update", "delete")


def _per_key(rows: str, sign: str) -> str:
    per_level = ", ".join(f"{sign}count(*) FILTER (WHERE level = '{lv}')::int" for lv in LEVELS)
    return f"SELECT unit_id, {_MONTH}, field, {per_level} FROM {rows} GROUP BY 1, 2, 3"


_APPEND = {
    "insert": [_per_key("new_rows", "")],
    "delete": [_per_key("old_rows", "-")],
    "update": [_per_key("old_rows", "-"), _per_key("new_rows", "")],
}


def _record_function(op_name: str) -> str:
    appends = "".join(f"\n        INSERT INTO {_DELTAS} {rows};" for rows in _APPEND[op_name])
    columns = ", ".join(f"{level} integer" for level in LEVELS)
    return f"""
    CREATE OR REPLACE FUNCTION evaluation_counts_{op_name}() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF to_regclass('{_DELTAS}') IS NULL THEN
            CREATE TEMP TABLE evaluation_count_deltas (
                unit_id integer, month date, field varchar(32), {columns}
            ) ON COMMIT DELETE ROWS;
        END IF;{appends}
        INSERT INTO evaluation_counts_pending (xact) VALUES (txid_current())
            ON CONFLICT DO NOTHING;
        RETURN NULL;
    END $$;"""


_SUMS = ", ".join(f"sum({level})::int AS {level}" for level in LEVELS)
_NOT_NEGATIVE = " AND ".join(f"sum({level}) >= 0" for level in LEVELS)
_NOT_ZERO = " OR ".join(f"sum({level}) <> 0" for level in LEVELS)
_NEGATIVE = " OR ".join(f"sum({level}) < 0" for level in LEVELS)

# Keys whose net change only adds (every insert): one upsert in key order, so concurrent folds
# lock the counter rows in one order. Keys that lose answers exist already (their evaluations
# were counted; the CHECK refuses a negative row even on the upsert's conflict path): an
# UPDATE, then a key left with four zeros is removed.
_FOLD = f"""
    CREATE OR REPLACE FUNCTION evaluation_counts_fold() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        lowered integer;
    BEGIN
        DELETE FROM evaluation_counts_pending WHERE xact = NEW.xact;
        IF to_regclass('{_DELTAS}') IS NULL THEN
            RETURN NULL;
        END IF;
        -- A fold that also lowers counts locks every existing row it touches in key order
        -- first, so it cannot deadlock with another fold's ordered upsert.
        IF EXISTS (SELECT FROM {_DELTAS} GROUP BY {_KEY} HAVING {_NEGATIVE}) THEN
            PERFORM FROM evaluation_monthly_counts AS c
            JOIN (SELECT DISTINCT {_KEY} FROM {_DELTAS}) AS d ON {_KEY_MATCH}
            ORDER BY c.unit_id, c.month, c.field FOR UPDATE OF c;
        END IF;
        INSERT INTO evaluation_monthly_counts AS c ({_KEY}, {", ".join(LEVELS)})
        SELECT {_KEY}, {_SUMS} FROM {_DELTAS}
        GROUP BY {_KEY} HAVING ({_NOT_NEGATIVE}) AND ({_NOT_ZERO}) ORDER BY {_KEY}
        ON CONFLICT (unit_id, month, field) DO UPDATE SET
            {", ".join(f"{level} = c.{level} + EXCLUDED.{level}" for level in LEVELS)};
        UPDATE evaluation_monthly_counts AS c SET
            {", ".join(f"{level} = c.{level} + d.{level}" for level in LEVELS)}
        FROM (
            SELECT {_KEY}, {_SUMS} FROM {_DELTAS}
            GROUP BY {_KEY} HAVING {_NEGATIVE} ORDER BY {_KEY}
        ) AS d
        WHERE {_KEY_MATCH};
        GET DIAGNOSTICS lowered = ROW_COUNT;
        IF lowered > 0 THEN
            DELETE FROM evaluation_monthly_counts AS c
            USING (SELECT DISTINCT {_KEY} FROM {_DELTAS}) AS d
            WHERE {_KEY_MATCH} AND {" AND ".join(f"c.{level} = 0" for level in LEVELS)};
        END IF;
        DELETE FROM {_DELTAS};
        RETURN NULL;
    END $$;"""


def upgrade() -> None:
    op.create_table(
        "evaluation_counts_pending",
        sa.Column("xact", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint("xact", name=op.f("pk_evaluation_counts_pending")),
    )
    # The 0006 functions keep their names and triggers; only what they do changes.
    for op_name in _OPS:
        op.execute(_record_function(op_name))
    op.execute(_FOLD)
    op.execute(
        "CREATE CONSTRAINT TRIGGER evaluation_counts_fold AFTER INSERT"
        " ON evaluation_counts_pending DEFERRABLE INITIALLY IMMEDIATE"
        " FOR EACH ROW EXECUTE FUNCTION evaluation_counts_fold()"
    )


# 0006's bodies, to go back to: the counts upserted by the statement itself.
_PER_LEVEL = ", ".join(
    f"count(*) FILTER (WHERE level = '{level}')::int AS {level}" for level in LEVELS
)


def _old_per_key(rows: str) -> str:
    return (
        f"SELECT unit_id, {_MONTH} AS month, field, {_PER_LEVEL} "
        f"FROM {rows} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
    )


def _old_add(rows: str) -> str:
    return f"""
        INSERT INTO evaluation_monthly_counts AS c (unit_id, month, field, {", ".join(LEVELS)})
        {_old_per_key(rows)}
        ON CONFLICT (unit_id, month, field) DO UPDATE SET
            {", ".join(f"{level} = c.{level} + EXCLUDED.{level}" for level in LEVELS)};"""


def _old_subtract(rows: str) -> str:
    return f"""
        UPDATE evaluation_monthly_counts AS c SET
            {", ".join(f"{level} = c.{level} - d.{level}" for level in LEVELS)}
        FROM ({_old_per_key(rows)}) AS d
        WHERE {_KEY_MATCH};
        DELETE FROM evaluation_monthly_counts AS c
        USING (SELECT DISTINCT unit_id, {_MONTH} AS month, field FROM {rows}) AS d
        WHERE {_KEY_MATCH} AND {" AND ".join(f"c.{level} = 0" for level in LEVELS)};"""


_OLD_BODIES = {
    "insert": _old_add("new_rows"),
    "delete": _old_subtract("old_rows"),
    "update": _old_subtract("old_rows") + _old_add("new_rows"),
}


def downgrade() -> None:
    op.execute("DROP TRIGGER evaluation_counts_fold ON evaluation_counts_pending")
    op.execute("DROP FUNCTION evaluation_counts_fold()")
    for op_name in _OPS:
        op.execute(
            f"""
            CREATE OR REPLACE FUNCTION evaluation_counts_{op_name}() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN{_OLD_BODIES[op_name]}
                RETURN NULL;
            END $$;"""
        )
    op.drop_table("evaluation_counts_pending")
