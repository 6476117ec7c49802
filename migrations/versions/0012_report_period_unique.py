"""reports: one half-year or year period per span of days, kept by the database

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 14:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "uq_report_periods_kind_dates",
        "report_periods",
        ["kind", "data_from", "data_to"],
        unique=True,
        postgresql_where=sa.text("kind <> 'ad_hoc'"),
    )


def downgrade() -> None:
    op.drop_index("uq_report_periods_kind_dates", table_name="report_periods")
