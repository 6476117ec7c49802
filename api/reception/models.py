"""Citizen receptions, petitions with their action history, and the legal reference data."""

import datetime as dt
from typing import TYPE_CHECKING, Any, Optional

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.common.search import Searchable
from api.db import Base, Versioned, enum_type
from api.reception.enums import (
    CaseType,
    ComplaintOutcome,
    Complexity,
    DayCount,
    PetitionAction,
    PetitionField,
    PetitionSource,
    PetitionStatus,
    ReceptionResult,
    ResolutionLevel,
    RuleVariant,
    SessionType,
    TimeLimitStep,
)

if TYPE_CHECKING:
    from api.auth.models import User
    from api.units.models import Unit


class Holiday(Versioned, Base):
    """A public holiday: not a working day when counting statutory time limits."""

    __tablename__ = "holidays"

    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date, unique=True)
    name: Mapped[str] = mapped_column(String(255))
    note: Mapped[str] = mapped_column(Text, default="")


class TimeLimitRuleRecord(Versioned, Base):
    """One row of `deadlines.TimeLimitRule`, editable by an admin (DESIGN section 6)."""

    __tablename__ = "time_limit_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    step: Mapped[TimeLimitStep] = mapped_column(enum_type(TimeLimitStep))
    case_type: Mapped[CaseType | None] = mapped_column(enum_type(CaseType))
    level: Mapped[ResolutionLevel | None] = mapped_column(enum_type(ResolutionLevel))
    variant: Mapped[RuleVariant] = mapped_column(enum_type(RuleVariant))
    days: Mapped[int] = mapped_column(Integer)
    count: Mapped[DayCount] = mapped_column(enum_type(DayCount))
    extension_days: Mapped[int] = mapped_column(Integer, default=0)
    max_extensions: Mapped[int] = mapped_column(SmallInteger, default=0)
    effective_from: Mapped[dt.date] = mapped_column(Date)
    effective_to: Mapped[dt.date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(500))
    note: Mapped[str] = mapped_column(Text, default="")


class Petition(Searchable, Versioned, Base):
    """A petition (đơn thư). `status` changes only through `workflow.apply_action`."""

    __tablename__ = "petitions"
    __search_fields__ = ("petitioner_name", "summary", "external_id")
    __table_args__ = (
        # One petition per item of a source: the portal's replays find the first one.
        UniqueConstraint("source", "external_id"),
        # The dashboard's year of petitions, read from the index alone.
        Index(
            "ix_petitions_year_figures",
            "received_on",
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
        ),
        # The few petitions sent again, for the dashboard's "prolonged".
        Index(
            "ix_petitions_resubmitted",
            "received_on",
            postgresql_include=[
                "duplicate_of_id",
                "unit_id",
                "field",
                "case_type",
                "status",
                "resolution_due_on",
            ],
            postgresql_where=text("duplicate_of_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    case_type: Mapped[CaseType] = mapped_column(enum_type(CaseType))
    field: Mapped[PetitionField] = mapped_column(enum_type(PetitionField))
    source: Mapped[PetitionSource] = mapped_column(enum_type(PetitionSource))
    external_id: Mapped[str | None] = mapped_column(String(64))
    # Indexed by ix_petitions_year_figures, which leads with it.
    received_on: Mapped[dt.date] = mapped_column(Date)
    petitioner_name: Mapped[str] = mapped_column(String(255))
    petitioner_id_number: Mapped[str | None] = mapped_column(String(12))
    petitioner_address: Mapped[str | None] = mapped_column(String(500))
    summary: Mapped[str] = mapped_column(Text)
    resolution_level: Mapped[ResolutionLevel | None] = mapped_column(enum_type(ResolutionLevel))
    is_complex: Mapped[bool] = mapped_column(Boolean, default=False)
    is_remote_area: Mapped[bool] = mapped_column(Boolean, default=False)
    needs_verification: Mapped[bool] = mapped_column(Boolean, default=False)
    complexity: Mapped[Complexity] = mapped_column(enum_type(Complexity), default=Complexity.normal)
    sent_to_level_above: Mapped[bool] = mapped_column(Boolean, default=False)
    duplicate_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("petitions.id", ondelete="RESTRICT"), index=True
    )
    status: Mapped[PetitionStatus] = mapped_column(
        enum_type(PetitionStatus), default=PetitionStatus.received, index=True
    )
    # Facts set by actions, kept on the row so a due date needs no history scan.
    accepted_on: Mapped[dt.date | None] = mapped_column(Date)
    transferred_on: Mapped[dt.date | None] = mapped_column(Date)
    extensions: Mapped[int] = mapped_column(SmallInteger, default=0)
    decision_number: Mapped[str | None] = mapped_column(String(64))
    decision_date: Mapped[dt.date | None] = mapped_column(Date)
    outcome: Mapped[ComplaintOutcome | None] = mapped_column(enum_type(ComplaintOutcome))
    # Kept by `timing.store_due_dates` at every change of the petition, the rules or the
    # holidays, so the dashboard counts overdue petitions in SQL. The current step's due date
    # (None when no clock runs), and the resolution limit (kept after resolution too).
    due_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    resolution_due_on: Mapped[dt.date | None] = mapped_column(Date)

    unit: Mapped["Unit"] = relationship(lazy="raise")
    duplicate_of: Mapped[Optional["Petition"]] = relationship(remote_side=[id], lazy="raise")
    history: Mapped[list["PetitionEvent"]] = relationship(
        back_populates="petition",
        lazy="raise",
        order_by="PetitionEvent.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


def _status_type(name: str) -> SAEnum:
    # Two status columns in one table need two CHECK constraint names.
    column_type = enum_type(PetitionStatus)
    column_type.name = name
    return column_type


class PetitionEvent(Base):
    """One action taken on a petition: the trail of who moved it where, and when."""

    __tablename__ = "petition_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(
        ForeignKey("petitions.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[PetitionAction] = mapped_column(enum_type(PetitionAction))
    from_status: Mapped[PetitionStatus] = mapped_column(_status_type("petition_from_status"))
    to_status: Mapped[PetitionStatus] = mapped_column(_status_type("petition_to_status"))
    acted_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    # What the action needed: reason, from/to unit, decision number and date, outcome.
    details: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    actor_name: Mapped[str] = mapped_column(String(255))
    actor_user_id: Mapped[int | None]
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    petition: Mapped[Petition] = relationship(back_populates="history", lazy="raise")
    # The person behind actor_user_id, for their full name; no foreign key: the trail stays
    # when an account is deleted.
    actor: Mapped[Optional["User"]] = relationship(
        primaryjoin="foreign(PetitionEvent.actor_user_id) == User.id", viewonly=True, lazy="raise"
    )

    @property
    def actor_full_name(self) -> str | None:
        return self.actor.full_name if self.actor else None


class Reception(Searchable, Versioned, Base):
    """A citizen reception session (tiếp công dân)."""

    __tablename__ = "receptions"
    __search_fields__ = ("citizen_name", "content", "receiver_name")
    __table_args__ = (
        # The heads' in-person days (the dashboard), read from this index alone.
        Index(
            "ix_receptions_head_in_person",
            "received_at",
            "unit_id",
            postgresql_where=text("head_in_person"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    session_type: Mapped[SessionType] = mapped_column(enum_type(SessionType))
    receiver_name: Mapped[str] = mapped_column(String(255))
    head_in_person: Mapped[bool] = mapped_column(Boolean, default=False)
    citizen_name: Mapped[str] = mapped_column(String(255))
    citizen_id_number: Mapped[str | None] = mapped_column(String(12))
    citizen_address: Mapped[str | None] = mapped_column(String(500))
    group_size: Mapped[int] = mapped_column(Integer, default=1)
    content: Mapped[str] = mapped_column(Text)
    field: Mapped[PetitionField] = mapped_column(enum_type(PetitionField))
    case_type: Mapped[CaseType] = mapped_column(enum_type(CaseType))
    result: Mapped[ReceptionResult] = mapped_column(enum_type(ReceptionResult))
    petition_id: Mapped[int | None] = mapped_column(
        ForeignKey("petitions.id", ondelete="SET NULL"), unique=True
    )

    unit: Mapped["Unit"] = relationship(lazy="raise")
