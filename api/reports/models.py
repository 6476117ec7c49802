from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ARRAY,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.common.search import Searchable
from api.db import Base, Versioned, enum_type
from api.reports.enums import ReportAction, ReportPeriodKind, ReportStatus
from api.units.enums import UnitKind

if TYPE_CHECKING:
    from api.units.models import Unit

_UNIT_KINDS = ", ".join(f"'{k.value}'" for k in UnitKind)
ONE_PER_SPAN = "uq_report_periods_kind_dates"  # one half-year or year period per span of days


class ReportPeriod(Searchable, Versioned, Base):
    """A reporting period: the days the figures cover, the deadline, who must report."""

    __tablename__ = "report_periods"
    __search_fields__ = ("label",)
    __table_args__ = (
        CheckConstraint("data_to >= data_from", name="data_period"),
        CheckConstraint(
            f"unit_kinds <@ ARRAY[{_UNIT_KINDS}]::varchar[] AND cardinality(unit_kinds) > 0",
            name="unit_kinds_known",
        ),
        # Ad hoc periods may repeat.
        Index(
            ONE_PER_SPAN,
            "kind",
            "data_from",
            "data_to",
            unique=True,
            postgresql_where=text("kind <> 'ad_hoc'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ReportPeriodKind] = mapped_column(enum_type(ReportPeriodKind))
    label: Mapped[str] = mapped_column(String(255))
    data_from: Mapped[date] = mapped_column(Date)
    data_to: Mapped[date] = mapped_column(Date)
    # The last day to submit: a report sent by the end of this day (in the province) is on time.
    deadline: Mapped[date] = mapped_column(Date, index=True)
    unit_kinds: Mapped[list[str]] = mapped_column(ARRAY(String(32)))

    reports: Mapped[list["UnitReport"]] = relationship(
        lazy="raise", back_populates="period", passive_deletes=True
    )


class UnitReport(Versioned, Base):
    """One unit's report for one period: figures from the records, and the unit's narrative."""

    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("period_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Indexed by the unique (period_id, unit_id).
    period_id: Mapped[int] = mapped_column(ForeignKey("report_periods.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    status: Mapped[ReportStatus] = mapped_column(
        enum_type(ReportStatus), default=ReportStatus.draft, index=True
    )
    # ReportFigures as JSON: computed from the records, frozen once submitted.
    figures: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    figures_computed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Task group value -> the unit's account of it (III.1 … III.7).
    narrative: Mapped[dict[str, str]] = mapped_column(JSONB, default=dict)
    difficulties: Mapped[str | None] = mapped_column(Text)
    proposals: Mapped[str | None] = mapped_column(Text)
    # The unit first wrote in it or refreshed it: no longer "not started".
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Lateness is judged on the first submission; a resubmission after a return keeps it.
    first_submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    period: Mapped[ReportPeriod] = relationship(lazy="raise", back_populates="reports")
    unit: Mapped["Unit"] = relationship(lazy="raise")
    history: Mapped[list["ReportEvent"]] = relationship(
        lazy="raise",
        order_by="ReportEvent.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class ReportEvent(Base):
    """One step of a report's history: who did which action, when, and why."""

    __tablename__ = "report_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    action: Mapped[ReportAction] = mapped_column(enum_type(ReportAction))
    from_status: Mapped[ReportStatus] = mapped_column(enum_type(ReportStatus, "report_from_status"))
    to_status: Mapped[ReportStatus] = mapped_column(enum_type(ReportStatus, "report_to_status"))
    note: Mapped[str | None] = mapped_column(Text)
    actor_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="RESTRICT"), index=True
    )
    actor_name: Mapped[str] = mapped_column(String(255))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
