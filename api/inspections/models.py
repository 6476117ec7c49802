from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    ARRAY,
    CheckConstraint,
    ColumnElement,
    Date,
    DateTime,
    ForeignKey,
    String,
    Text,
    and_,
    func,
)
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.common.search import Searchable
from api.common.task_groups import TaskGroup
from api.db import Base, Versioned, enum_type
from api.inspections.enums import (
    PENDING_STATUSES,
    FindingSeverity,
    InspectionKind,
    InspectionRating,
    InspectionStatus,
    RecommendationAction,
    RecommendationStatus,
)

if TYPE_CHECKING:
    from api.units.models import Unit

_TASK_GROUPS = ", ".join(f"'{g.value}'" for g in TaskGroup)


class Inspection(Searchable, Versioned, Base):
    """An inspection, a unit's self-inspection, or a supervision by the Front."""

    __tablename__ = "inspections"
    __search_fields__ = ("title", "conclusion")
    # The service answers 422 for each of these first; the database keeps them true anyway.
    __table_args__ = (
        CheckConstraint(f"scope <@ ARRAY[{_TASK_GROUPS}]::varchar[]", name="scope_task_groups"),
        CheckConstraint(
            "kind <> 'self_inspection' OR inspecting_unit_id = inspected_unit_id",
            name="self_inspection_same_unit",
        ),
        CheckConstraint("planned_to >= planned_from", name="planned_period"),
        CheckConstraint("ended_on >= started_on", name="held_period"),
        CheckConstraint(
            "status <> 'concluded' OR (conclusion IS NOT NULL AND ended_on IS NOT NULL)",
            name="concluded_has_conclusion",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[InspectionKind] = mapped_column(enum_type(InspectionKind))
    inspecting_unit_id: Mapped[int] = mapped_column(
        ForeignKey("units.id", ondelete="RESTRICT"), index=True
    )
    inspected_unit_id: Mapped[int] = mapped_column(
        ForeignKey("units.id", ondelete="RESTRICT"), index=True
    )
    # The plan this inspection carries out; no foreign key until the plans domain is merged.
    plan_id: Mapped[int | None] = mapped_column(
        ForeignKey("plans.id", ondelete="RESTRICT"), index=True
    )
    title: Mapped[str] = mapped_column(String(500))
    planned_from: Mapped[date | None] = mapped_column(Date)
    planned_to: Mapped[date | None] = mapped_column(Date)
    started_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[InspectionStatus] = mapped_column(
        enum_type(InspectionStatus), default=InspectionStatus.planned
    )
    scope: Mapped[list[str]] = mapped_column(ARRAY(String(32)), default=list)
    conclusion: Mapped[str | None] = mapped_column(Text)
    rating: Mapped[InspectionRating | None] = mapped_column(enum_type(InspectionRating))

    inspecting_unit: Mapped["Unit"] = relationship(foreign_keys=[inspecting_unit_id], lazy="raise")
    inspected_unit: Mapped["Unit"] = relationship(foreign_keys=[inspected_unit_id], lazy="raise")


class Finding(Searchable, Versioned, Base):
    __tablename__ = "findings"
    __search_fields__ = ("description",)

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(
        ForeignKey("inspections.id", ondelete="CASCADE"), index=True
    )
    task_group: Mapped[TaskGroup] = mapped_column(enum_type(TaskGroup))
    severity: Mapped[FindingSeverity] = mapped_column(enum_type(FindingSeverity))
    description: Mapped[str] = mapped_column(Text)


class Recommendation(Searchable, Versioned, Base):
    """What an inspection asks a unit to do, followed up to closure through its actions."""

    __tablename__ = "recommendations"
    __search_fields__ = ("text",)

    id: Mapped[int] = mapped_column(primary_key=True)
    # RESTRICT: what a unit owes does not vanish with its inspection.
    inspection_id: Mapped[int] = mapped_column(
        ForeignKey("inspections.id", ondelete="RESTRICT"), index=True
    )
    # RESTRICT: a finding cited by a recommendation is not deleted from under it.
    finding_id: Mapped[int | None] = mapped_column(
        ForeignKey("findings.id", ondelete="RESTRICT"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    responsible_unit_id: Mapped[int] = mapped_column(
        ForeignKey("units.id", ondelete="RESTRICT"), index=True
    )
    due_on: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[RecommendationStatus] = mapped_column(
        enum_type(RecommendationStatus), default=RecommendationStatus.open
    )

    inspection: Mapped[Inspection] = relationship(lazy="raise")
    responsible_unit: Mapped["Unit"] = relationship(lazy="raise")
    history: Mapped[list["RecommendationEvent"]] = relationship(
        lazy="raise",
        order_by="RecommendationEvent.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    @hybrid_method
    def is_overdue(self, today: date) -> bool:
        """Derived, never stored: past its due day and still owed."""
        return self.due_on < today and self.status in PENDING_STATUSES

    @is_overdue.expression
    def _is_overdue(cls, today: date) -> ColumnElement[bool]:  # noqa: N805
        return and_(cls.due_on < today, cls.status.in_(PENDING_STATUSES))


class RecommendationEvent(Base):
    """One step of a recommendation's history: who did which action, when."""

    __tablename__ = "recommendation_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[RecommendationAction] = mapped_column(enum_type(RecommendationAction))
    from_status: Mapped[RecommendationStatus] = mapped_column(
        enum_type(RecommendationStatus, "from_status")
    )
    to_status: Mapped[RecommendationStatus] = mapped_column(
        enum_type(RecommendationStatus, "to_status")
    )
    acted_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    actor_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="RESTRICT"), index=True
    )
    actor_name: Mapped[str] = mapped_column(String(255))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
