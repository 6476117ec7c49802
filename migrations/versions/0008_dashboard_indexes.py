"""dashboard indexes on petitions: the year's figures from a covering index (it replaces
the plain index on received_on), and a small one for the petitions sent again

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 02:58:43.201698
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_petitions_resubmitted",
        "petitions",
        ["received_on"],
        unique=False,
        postgresql_include=[
            "duplicate_of_id",
            "unit_id",
            "field",
            "case_type",
            "status",
            "resolution_due_on",
        ],
        postgresql_where=sa.text("duplicate_of_id IS NOT NULL"),
    )
    op.create_index(
        "ix_petitions_year_figures",
        "petitions",
        ["received_on"],
        unique=False,
        postgresql_include=[
            "unit_id",
            "field",
            "case_type",
            "status",
            "due_on",
            "resolution_due_on",
            "decision_date",
            "sent_to_level_above",
            "duplicate_of_id",
        ],
    )
    op.drop_index("ix_petitions_received_on", table_name="petitions")


def downgrade() -> None:
    op.create_index("ix_petitions_received_on", "petitions", ["received_on"], unique=False)
    op.drop_index(
        "ix_petitions_year_figures",
        table_name="petitions",
        postgresql_include=[
            "unit_id",
            "field",
            "case_type",
            "status",
            "due_on",
            "resolution_due_on",
            "decision_date",
            "sent_to_level_above",
            "duplicate_of_id",
        ],
    )
    op.drop_index(
        "ix_petitions_resubmitted",
        table_name="petitions",
        postgresql_include=[
            "duplicate_of_id",
            "unit_id",
            "field",
            "case_type",
            "status",
            "resolution_due_on",
        ],
        postgresql_where=sa.text("duplicate_of_id IS NOT NULL"),
    )
