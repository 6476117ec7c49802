"""indicators: monthly evaluation counts kept by triggers, stored petition due dates, the day
a unit starts to count in the plan's targets

- `evaluation_monthly_counts`: answers per unit, month (in the province's time zone), field
  and level. Statement-level triggers on `evaluations` keep it in the same transaction as
  every INSERT, UPDATE and DELETE, whoever writes (the API, an import, psql, COPY).
  `dvcq rebuild-aggregates` recomputes it from the raw rows.
- `petitions.due_on` / `resolution_due_on`: the due dates the rule engine computed at the
  last change of the petition or of the rules and holidays, so counting overdue petitions is
  a query. After upgrading an existing database run `dvcq rebuild-aggregates` once.
- `units.established_on`: a unit created mid-year counts from its creation.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 02:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LEVELS = ("very_satisfied", "satisfied", "neutral", "dissatisfied")
FIELDS = (
    "land",
    "construction",
    "investment",
    "justice",
    "labor_social",
    "health",
    "education",
    "transport",
    "industry_trade",
    "agriculture_environment",
    "home_affairs",
    "culture_tourism",
    "finance",
    "science_technology",
    "other",
)

_MONTH = "date_trunc('month', evaluated_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date"
_PER_LEVEL = ", ".join(
    f"count(*) FILTER (WHERE level = '{level}')::int AS {level}" for level in LEVELS
)
_KEY_MATCH = "c.unit_id = d.unit_id AND c.month = d.month AND c.field = d.field"


def _per_key(rows: str) -> str:
    # Sorted keys: concurrent writers lock the counter rows in one order.
    return (
        f"SELECT unit_id, {_MONTH} AS month, field, {_PER_LEVEL} "
        f"FROM {rows} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
    )


def _add(rows: str) -> str:
    return f"""
        INSERT INTO evaluation_monthly_counts AS c (unit_id, month, field, {", ".join(LEVELS)})
        {_per_key(rows)}
        ON CONFLICT (unit_id, month, field) DO UPDATE SET
            {", ".join(f"{level} = c.{level} + EXCLUDED.{level}" for level in LEVELS)};"""


def _subtract(rows: str) -> str:
    # The rows' own keys exist already; a key left with four zeros is removed.
    return f"""
        UPDATE evaluation_monthly_counts AS c SET
            {", ".join(f"{level} = c.{level} - d.{level}" for level in LEVELS)}
        FROM ({_per_key(rows)}) AS d
        WHERE {_KEY_MATCH};
        DELETE FROM evaluation_monthly_counts AS c
        USING (SELECT DISTINCT unit_id, {_MONTH} AS month, field FROM {rows}) AS d
        WHERE {_KEY_MATCH} AND {" AND ".join(f"c.{level} = 0" for level in LEVELS)};"""


_BODIES = {
    "insert": _add("new_rows"),
    "delete": _subtract("old_rows"),
    "update": _subtract("old_rows") + _add("new_rows"),
}


def _trigger_function(op_name: str) -> str:
    return f"""
    CREATE FUNCTION evaluation_counts_{op_name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN{_BODIES[op_name]}
        RETURN NULL;
    END $$;"""


_TRANSITIONS = {
    "insert": "NEW TABLE AS new_rows",
    "delete": "OLD TABLE AS old_rows",
    "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
}


def upgrade() -> None:
    op.add_column("units", sa.Column("established_on", sa.Date(), nullable=True))
    op.add_column("petitions", sa.Column("due_on", sa.Date(), nullable=True))
    op.add_column("petitions", sa.Column("resolution_due_on", sa.Date(), nullable=True))
    op.create_index(op.f("ix_petitions_due_on"), "petitions", ["due_on"], unique=False)

    op.create_table(
        "evaluation_monthly_counts",
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column(
            "field",
            sa.Enum(
                *FIELDS,
                name="procedure_field",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        *(sa.Column(level, sa.Integer(), nullable=False) for level in LEVELS),
        sa.CheckConstraint(
            " AND ".join(f"{level} >= 0" for level in LEVELS),
            name=op.f("ck_evaluation_monthly_counts_counts_not_negative"),
        ),
        sa.CheckConstraint(
            "month = date_trunc('month', month)::date",
            name=op.f("ck_evaluation_monthly_counts_first_of_month"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["units.id"],
            name=op.f("fk_evaluation_monthly_counts_unit_id_units"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "unit_id", "month", "field", name=op.f("pk_evaluation_monthly_counts")
        ),
    )
    op.create_index(
        op.f("ix_evaluation_monthly_counts_month"),
        "evaluation_monthly_counts",
        ["month"],
        unique=False,
    )
    for op_name, transition in _TRANSITIONS.items():
        op.execute(_trigger_function(op_name))
        op.execute(
            f"CREATE TRIGGER evaluation_counts_{op_name} AFTER {op_name.upper()} ON evaluations "
            f"REFERENCING {transition} FOR EACH STATEMENT "
            f"EXECUTE FUNCTION evaluation_counts_{op_name}()"
        )
    # Counts of the evaluations stored before this revision.
    op.execute(
        f"""
        INSERT INTO evaluation_monthly_counts (unit_id, month, field, {", ".join(LEVELS)})
        {_per_key("evaluations")}"""
    )


def downgrade() -> None:
    for op_name in _TRANSITIONS:
        op.execute(f"DROP TRIGGER evaluation_counts_{op_name} ON evaluations")
        op.execute(f"DROP FUNCTION evaluation_counts_{op_name}()")
    op.drop_index(
        op.f("ix_evaluation_monthly_counts_month"), table_name="evaluation_monthly_counts"
    )
    op.drop_table("evaluation_monthly_counts")
    op.drop_index(op.f("ix_petitions_due_on"), table_name="petitions")
    op.drop_column("petitions", "resolution_due_on")
    op.drop_column("petitions", "due_on")
    op.drop_column("units", "established_on")
