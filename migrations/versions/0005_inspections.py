"""inspections: inspections, findings, recommendations and their history

`inspections.plan_id` refers to the plan the inspection carries out (table `plans`, 0002).

Revision ID: 0005
Revises: 0001
Create Date: 2026-11-26 16:02:01.420700
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inspections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "inspection",
                "self_inspection",
                "supervision",
                name="inspection_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("inspecting_unit_id", sa.Integer(), nullable=False),
        sa.Column("inspected_unit_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("planned_from", sa.Date(), nullable=True),
        sa.Column("planned_to", sa.Date(), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "planned",
                "in_progress",
                "concluded",
                "cancelled",
                name="inspection_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("scope", sa.ARRAY(sa.String(length=32)), nullable=False),
        sa.Column("conclusion", sa.Text(), nullable=True),
        sa.Column(
            "rating",
            sa.Enum(
                "good",
                "fair",
                "average",
                "poor",
                name="inspection_rating",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
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
        sa.CheckConstraint(
            "kind <> 'self_inspection' OR inspecting_unit_id = inspected_unit_id",
            name=op.f("ck_inspections_self_inspection_same_unit"),
        ),
        sa.CheckConstraint(
            "scope <@ ARRAY['dissemination', 'administrative_reform', 'grassroots_democracy', 'citizen_reception', 'front_coordination', 'skilled_mobilisation', 'inspection_review']::varchar[]",
            name=op.f("ck_inspections_scope_task_groups"),
        ),
        sa.CheckConstraint(
            "status <> 'concluded' OR (conclusion IS NOT NULL AND ended_on IS NOT NULL)",
            name=op.f("ck_inspections_concluded_has_conclusion"),
        ),
        sa.CheckConstraint("ended_on >= started_on", name=op.f("ck_inspections_held_period")),
        sa.CheckConstraint(
            "planned_to >= planned_from", name=op.f("ck_inspections_planned_period")
        ),
        sa.ForeignKeyConstraint(
            ["inspected_unit_id"],
            ["units.id"],
            name=op.f("fk_inspections_inspected_unit_id_units"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["inspecting_unit_id"],
            ["units.id"],
            name=op.f("fk_inspections_inspecting_unit_id_units"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_inspections_plan_id_plans"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspections")),
    )
    op.create_index(
        op.f("ix_inspections_inspected_unit_id"), "inspections", ["inspected_unit_id"], unique=False
    )
    op.create_index(
        op.f("ix_inspections_inspecting_unit_id"),
        "inspections",
        ["inspecting_unit_id"],
        unique=False,
    )
    op.create_index(op.f("ix_inspections_plan_id"), "inspections", ["plan_id"], unique=False)
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.Column(
            "task_group",
            sa.Enum(
                "dissemination",
                "administrative_reform",
                "grassroots_democracy",
                "citizen_reception",
                "front_coordination",
                "skilled_mobilisation",
                "inspection_review",
                name="task_group",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "severity",
            sa.Enum(
                "minor",
                "moderate",
                "serious",
                name="finding_severity",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("description", sa.Text(), nullable=False),
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
            ["inspection_id"],
            ["inspections.id"],
            name=op.f("fk_findings_inspection_id_inspections"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_findings")),
    )
    op.create_index(op.f("ix_findings_inspection_id"), "findings", ["inspection_id"], unique=False)
    op.create_table(
        "recommendations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("responsible_unit_id", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "in_progress",
                "done",
                "verified",
                name="recommendation_status",
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
            ["finding_id"],
            ["findings.id"],
            name=op.f("fk_recommendations_finding_id_findings"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["inspection_id"],
            ["inspections.id"],
            name=op.f("fk_recommendations_inspection_id_inspections"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["responsible_unit_id"],
            ["units.id"],
            name=op.f("fk_recommendations_responsible_unit_id_units"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendations")),
    )
    op.create_index(op.f("ix_recommendations_due_on"), "recommendations", ["due_on"], unique=False)
    op.create_index(
        op.f("ix_recommendations_finding_id"), "recommendations", ["finding_id"], unique=False
    )
    op.create_index(
        op.f("ix_recommendations_inspection_id"), "recommendations", ["inspection_id"], unique=False
    )
    op.create_index(
        op.f("ix_recommendations_responsible_unit_id"),
        "recommendations",
        ["responsible_unit_id"],
        unique=False,
    )
    op.create_table(
        "recommendation_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column(
            "action",
            sa.Enum(
                "start",
                "complete",
                "verify",
                "reopen",
                name="recommendation_action",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "from_status",
            sa.Enum(
                "open",
                "in_progress",
                "done",
                "verified",
                name="from_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "to_status",
            sa.Enum(
                "open",
                "in_progress",
                "done",
                "verified",
                name="to_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("acted_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.String(length=255), nullable=False),
        sa.Column(
            "at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["actor_user_id"],
            ["users.id"],
            name=op.f("fk_recommendation_events_actor_user_id_users"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendations.id"],
            name=op.f("fk_recommendation_events_recommendation_id_recommendations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendation_events")),
    )
    op.create_index(
        op.f("ix_recommendation_events_actor_user_id"),
        "recommendation_events",
        ["actor_user_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_recommendation_events_recommendation_id"),
        "recommendation_events",
        ["recommendation_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_recommendation_events_recommendation_id"), table_name="recommendation_events"
    )
    op.drop_index(
        op.f("ix_recommendation_events_actor_user_id"), table_name="recommendation_events"
    )
    op.drop_table("recommendation_events")
    op.drop_index(op.f("ix_recommendations_responsible_unit_id"), table_name="recommendations")
    op.drop_index(op.f("ix_recommendations_inspection_id"), table_name="recommendations")
    op.drop_index(op.f("ix_recommendations_finding_id"), table_name="recommendations")
    op.drop_index(op.f("ix_recommendations_due_on"), table_name="recommendations")
    op.drop_table("recommendations")
    op.drop_index(op.f("ix_findings_inspection_id"), table_name="findings")
    op.drop_table("findings")
    op.drop_index(op.f("ix_inspections_plan_id"), table_name="inspections")
    op.drop_index(op.f("ix_inspections_inspecting_unit_id"), table_name="inspections")
    op.drop_index(op.f("ix_inspections_inspected_unit_id"), table_name="inspections")
    op.drop_table("inspections")
