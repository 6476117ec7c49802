"""petition figures for the dashboard, kept by triggers

- `petition_figure_counts`: petitions per year received, unit, field, case type, stage
  (running: open with a clock running; stopped: suspended; done: no longer open) and the two
  stored due dates that decide "overdue" and "prolonged" on the day the dashboard is read
  (9999-12-31 when no such clock runs), with the counts that do not move with the day
  (petitions, resolved, resolved on time, sent to a level above). ~8,400 rows for a year of
  40,000 petitions. Statement-level triggers on `petitions` keep it in the same transaction as
  every INSERT, UPDATE, DELETE and TRUNCATE, whoever writes; `dvcq rebuild-aggregates`
  recomputes it from the raw rows.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 05:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As the code stood at this revision (api/reception/enums.py, api/reception/timing.py).
CASE_TYPES = ("complaint", "denunciation", "recommendation", "feedback")
FIELDS = (
    "land",
    "land_recovery",
    "social_security",
    "labor",
    "meritorious_people",
    "administrative_procedure",
    "other",
)
STAGES = ("running", "stopped", "done")
RUNNING = ("received", "transferred", "accepted", "in_resolution")  # a clock runs
OPEN = (*RUNNING, "suspended")

KEY = ("year", "unit_id", "field", "case_type", "stage", "due_on", "resolution_due_on")
COUNTS = ("petitions", "resolved", "resolved_on_time", "over_level")
NEVER = "DATE '9999-12-31'"


def _in(statuses: tuple[str, ...]) -> str:
    return "status IN (" + ", ".join(f"'{s}'" for s in statuses) + ")"


# One petition row as its key and its counts (each 0 or 1).
_ROW = f"""
    extract(year FROM received_on)::smallint AS year, unit_id, field, case_type,
    CASE WHEN {_in(RUNNING)} THEN 'running' WHEN {_in(OPEN)} THEN 'stopped' ELSE 'done' END
        AS stage,
    CASE WHEN {_in(OPEN)} THEN coalesce(due_on, {NEVER}) ELSE {NEVER} END AS due_on,
    CASE WHEN {_in(RUNNING)} THEN coalesce(resolution_due_on, {NEVER}) ELSE {NEVER} END
        AS resolution_due_on,
    1 AS petitions,
    (decision_date IS NOT NULL)::int AS resolved,
    coalesce(decision_date <= coalesce(resolution_due_on, decision_date), false)::int
        AS resolved_on_time,
    sent_to_level_above::int AS over_level"""
_KEY_LIST = ", ".join(KEY)
_KEY_MATCH = " AND ".join(f"c.{k} = d.{k}" for k in KEY)


def _apply(signed_rows: str) -> str:
    """Add the rows' net change to the counts; a write that moves no count changes nothing.
    Keys in sorted order, so concurrent writers lock the count rows in one order."""
    sums = ", ".join(f"sum(sign * {c})" for c in COUNTS)
    return f"""
        INSERT INTO petition_figure_counts AS c ({_KEY_LIST}, {", ".join(COUNTS)})
        SELECT {_KEY_LIST}, {sums} FROM ({signed_rows}) AS d
        GROUP BY {_KEY_LIST}
        HAVING ({sums}) <> ({", ".join("0" for _ in COUNTS)})
        ORDER BY {_KEY_LIST}
        ON CONFLICT ({_KEY_LIST}) DO UPDATE SET
            {", ".join(f"{c} = c.{c} + EXCLUDED.{c}" for c in COUNTS)};"""


def _signed(table: str, sign: int) -> str:
    return f"SELECT {_ROW}, {sign} AS sign FROM {table}"


# A key the old rows left without petitions is removed.
_DROP_EMPTY = f"""
        DELETE FROM petition_figure_counts AS c
        USING (SELECT DISTINCT {_KEY_LIST} FROM (SELECT {_ROW} FROM old_rows) AS o) AS d
        WHERE {_KEY_MATCH} AND c.petitions = 0;"""

_BODIES = {
    "insert": _apply(_signed("new_rows", 1)),
    "update": _apply(f"{_signed('new_rows', 1)} UNION ALL {_signed('old_rows', -1)}") + _DROP_EMPTY,
    "delete": _apply(_signed("old_rows", -1)) + _DROP_EMPTY,
    "truncate": "\n        DELETE FROM petition_figure_counts;",
}
_TRANSITIONS = {
    "insert": "REFERENCING NEW TABLE AS new_rows",
    "update": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "delete": "REFERENCING OLD TABLE AS old_rows",
    "truncate": "",
}


def _enum(name: str, values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


def upgrade() -> None:
    op.create_table(
        "petition_figure_counts",
        sa.Column("year", sa.SmallInteger(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("field", _enum("reception_field", FIELDS), nullable=False),
        sa.Column("case_type", _enum("petition_case_type", CASE_TYPES), nullable=False),
        sa.Column("stage", _enum("petition_stage", STAGES), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("resolution_due_on", sa.Date(), nullable=False),
        *(sa.Column(count, sa.Integer(), nullable=False) for count in COUNTS),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["units.id"],
            name=op.f("fk_petition_figure_counts_unit_id_units"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(*KEY, name=op.f("pk_petition_figure_counts")),
    )
    for op_name, transition in _TRANSITIONS.items():
        op.execute(
            f"""
    CREATE FUNCTION petition_figures_{op_name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN{_BODIES[op_name]}
        RETURN NULL;
    END $$;"""
        )
        op.execute(
            f"CREATE TRIGGER petition_figures_{op_name} AFTER {op_name.upper()} ON petitions "
            f"{transition} FOR EACH STATEMENT EXECUTE FUNCTION petition_figures_{op_name}()"
        )
    # Counts of the petitions stored before this revision.
    op.execute(
        f"""
        INSERT INTO petition_figure_counts ({_KEY_LIST}, {", ".join(COUNTS)})
        SELECT {_KEY_LIST}, {", ".join(f"sum({c})" for c in COUNTS)}
        FROM (SELECT {_ROW} FROM petitions) AS d GROUP BY {_KEY_LIST}"""
    )


def downgrade() -> None:
    for op_name in _TRANSITIONS:
        op.execute(f"DROP TRIGGER petition_figures_{op_name} ON petitions")
        op.execute(f"DROP FUNCTION petition_figures_{op_name}()")
    op.drop_table("petition_figure_counts")
