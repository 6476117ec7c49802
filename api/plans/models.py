from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    ColumnElement,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    and_,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.common.dates import province_today
from api.common.search import Searchable
from api.common.task_groups import TaskGroup
from api.db import Base, Versioned, enum_type
from api.plans.enums import CLOSED_TASK_STATUSES, PlanKind, PlanStatus, TaskStatus

if TYPE_CHECKING:
    from api.units.models import Unit


class Plan(Searchable, Versioned, Base):
    __tablename__ = "plans"
    __search_fields__ = ("title", "document_number", "signer")
    __table_args__ = (
        # Số ký hiệu is unique within the issuing unit; drafts may have none (NULLs never clash).
        UniqueConstraint("unit_id", "document_number"),
        # The indicators count plans by year and kind (CT1, CT4a, CT4b).
        Index("ix_plans_year_kind_unit_id", "year", "kind", "unit_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[PlanKind] = mapped_column(enum_type(PlanKind))
    title: Mapped[str] = mapped_column(String(500))
    document_number: Mapped[str | None] = mapped_column(String(64))
    issued_on: Mapped[date | None] = mapped_column(Date)
    signer: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[PlanStatus] = mapped_column(enum_type(PlanStatus), default=PlanStatus.draft)
    summary: Mapped[str | None] = mapped_column(Text)

    unit: Mapped["Unit"] = relationship(lazy="raise")
    tasks: Mapped[list["PlanTask"]] = relationship(
        back_populates="plan",
        lazy="raise",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="PlanTask.id",
    )

    @property
    def tasks_count(self) -> int:
        return len(self.tasks)

    @property
    def overdue_tasks(self) -> int:
        return sum(1 for task in self.tasks if task.overdue)


class PlanTask(Searchable, Versioned, Base):
    __tablename__ = "plan_tasks"
    __search_fields__ = ("title", "result")
    __table_args__ = (CheckConstraint("progress BETWEEN 0 AND 100", name="progress_percent"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    task_group: Mapped[TaskGroup] = mapped_column(enum_type(TaskGroup))
    title: Mapped[str] = mapped_column(String(500))
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[TaskStatus] = mapped_column(
        enum_type(TaskStatus), default=TaskStatus.not_started
    )
    progress: Mapped[int] = mapped_column(Integer, default=0)
    result: Mapped[str | None] = mapped_column(Text)

    plan: Mapped[Plan] = relationship(back_populates="tasks", lazy="raise")

    # Derived, never stored: the due day has passed in the province and the task is still open.
    @hybrid_property
    def overdue(self) -> bool:
        return (
            self.due_on is not None
            and self.due_on < province_today()
            and self.status not in CLOSED_TASK_STATUSES
        )

    @overdue.inplace.expression
    @classmethod
    def _overdue_expression(cls) -> ColumnElement[bool]:
        return and_(
            cls.due_on.is_not(None),
            cls.due_on < province_today(),
            cls.status.not_in([s.value for s in CLOSED_TASK_STATUSES]),
        )

    # The plan's context, for the cross-plan task list (loaded with the task).
    @property
    def unit_id(self) -> int:
        return self.plan.unit_id

    @property
    def plan_title(self) -> str:
        return self.plan.title

    @property
    def plan_year(self) -> int:
        return self.plan.year
