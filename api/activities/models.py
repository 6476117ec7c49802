from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.activities.enums import ActivityKind, ModelRating
from api.common.search import Searchable
from api.common.task_groups import TaskGroup
from api.db import Base, Timestamped, Versioned, enum_type

if TYPE_CHECKING:
    from api.plans.models import Plan
    from api.units.models import Unit


class Activity(Searchable, Versioned, Base):
    __tablename__ = "activities"
    __search_fields__ = ("title", "outcome")
    __table_args__ = (
        CheckConstraint("participants >= 0", name="participants_not_negative"),
        # Only a model self-assessment carries a rating, and it always does.
        CheckConstraint(
            "(kind = 'model_assessment') = (rating IS NOT NULL)", name="rating_for_assessment"
        ),
        # The indicators count activities by kind in a year (CT2, CT5, CT6).
        Index("ix_activities_kind_held_on_unit_id", "kind", "held_on", "unit_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[ActivityKind] = mapped_column(enum_type(ActivityKind))
    held_on: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(500))
    participants: Mapped[int] = mapped_column(Integer, default=0)
    outcome: Mapped[str | None] = mapped_column(Text)
    task_group: Mapped[TaskGroup | None] = mapped_column(enum_type(TaskGroup))
    plan_id: Mapped[int | None] = mapped_column(
        ForeignKey("plans.id", ondelete="RESTRICT"), index=True
    )
    rating: Mapped[ModelRating | None] = mapped_column(enum_type(ModelRating))

    unit: Mapped["Unit"] = relationship(lazy="raise")
    plan: Mapped["Plan | None"] = relationship(lazy="raise")
    attendance: Mapped[list["TrainingAttendance"]] = relationship(
        back_populates="activity", lazy="raise", cascade="all, delete-orphan", passive_deletes=True
    )


class Official(Searchable, Versioned, Base):
    """An official in charge of mass-mobilisation work in a unit (CT5's roster)."""

    __tablename__ = "officials"
    __search_fields__ = ("full_name", "position", "phone", "email")
    __table_args__ = (
        CheckConstraint(
            "until IS NULL OR since IS NULL OR until >= since", name="until_after_since"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    full_name: Mapped[str] = mapped_column(String(255))
    position: Mapped[str | None] = mapped_column(String(255))
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    since: Mapped[date | None] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)

    unit: Mapped["Unit"] = relationship(lazy="raise")

    def in_charge_on(self, day: date) -> bool:
        """Whether the roster had this official in charge on `day`."""
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )


class TrainingAttendance(Timestamped, Base):
    """An official attended a training activity. Its own row (with an id) so that each
    addition and removal is an audit event."""

    __tablename__ = "training_attendance"
    __table_args__ = (UniqueConstraint("activity_id", "official_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    # An official who attended a training stays on the roster (deactivated, not deleted).
    official_id: Mapped[int] = mapped_column(
        ForeignKey("officials.id", ondelete="RESTRICT"), index=True
    )

    activity: Mapped[Activity] = relationship(back_populates="attendance", lazy="raise")
    official: Mapped[Official] = relationship(lazy="raise")
