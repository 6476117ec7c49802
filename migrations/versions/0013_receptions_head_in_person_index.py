"""receptions: a partial index of the heads' in-person sessions, for the dashboard

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 14:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_receptions_head_in_person",
        "receptions",
        ["received_at", "unit_id"],
        postgresql_where=sa.text("head_in_person"),
    )


def downgrade() -> None:
    op.drop_index("ix_receptions_head_in_person", table_name="receptions")
