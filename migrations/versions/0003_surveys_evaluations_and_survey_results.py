"""surveys: evaluations and survey results

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-26 15:58:34.079292
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "evaluations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "source",
            sa.Enum(
                "portal",
                "manual",
                "kiosk",
                "import",
                name="evaluation_source",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("external_id", sa.String(length=64), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("dossier_code", sa.String(length=64), nullable=False),
        sa.Column("procedure_code", sa.String(length=64), nullable=True),
        sa.Column(
            "field",
            sa.Enum(
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
                name="procedure_field",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "level",
            sa.Enum(
                "very_satisfied",
                "satisfied",
                "neutral",
                "dissatisfied",
                name="satisfaction_level",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("evaluated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "channel",
            sa.Enum(
                "portal",
                "kiosk",
                "sms",
                "paper",
                "other",
                name="evaluation_channel",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["units.id"],
            name=op.f("fk_evaluations_unit_id_units"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluations")),
        sa.UniqueConstraint(
            "source", "external_id", name=op.f("uq_evaluations_source_external_id")
        ),
    )
    op.create_index(
        op.f("ix_evaluations_evaluated_at"), "evaluations", ["evaluated_at"], unique=False
    )
    op.create_index(
        "ix_evaluations_unit_evaluated_at", "evaluations", ["unit_id", "evaluated_at"], unique=False
    )
    op.create_table(
        "survey_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column(
            "field",
            sa.Enum(
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
                name="procedure_field",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "source",
            sa.Enum(
                "survey",
                "spreadsheet",
                "portal_report",
                name="survey_source",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("very_satisfied", sa.Integer(), nullable=False),
        sa.Column("satisfied", sa.Integer(), nullable=False),
        sa.Column("neutral", sa.Integer(), nullable=False),
        sa.Column("dissatisfied", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("starts_on <= ends_on", name=op.f("ck_survey_results_period_in_order")),
        sa.CheckConstraint(
            "very_satisfied >= 0 AND satisfied >= 0 AND neutral >= 0 AND dissatisfied >= 0",
            name=op.f("ck_survey_results_counts_not_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["units.id"],
            name=op.f("fk_survey_results_unit_id_units"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_results")),
        sa.UniqueConstraint(
            "unit_id",
            "period",
            "field",
            "source",
            name=op.f("uq_survey_results_unit_id_period_field_source"),
        ),
    )
    op.create_index(
        op.f("ix_survey_results_starts_on"), "survey_results", ["starts_on"], unique=False
    )
    op.create_index(op.f("ix_survey_results_unit_id"), "survey_results", ["unit_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_survey_results_unit_id"), table_name="survey_results")
    op.drop_index(op.f("ix_survey_results_starts_on"), table_name="survey_results")
    op.drop_table("survey_results")
    op.drop_index("ix_evaluations_unit_evaluated_at", table_name="evaluations")
    op.drop_index(op.f("ix_evaluations_evaluated_at"), table_name="evaluations")
    op.drop_table("evaluations")
