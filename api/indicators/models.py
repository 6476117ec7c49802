"""What the dashboard keeps so it need not read every petition of a year on each call."""

from datetime import date
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Integer, SmallInteger
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, enum_type
from api.reception.enums import CaseType, PetitionField

# In a due-date column of the counts: no such clock runs for these petitions, never late.
NO_DUE_DATE = date.max


class PetitionStage(StrEnum):
    """Where a petition stands, as far as today's figures care (not shown to anyone)."""

    running = "running"  # open, and a step's clock runs (acceptance or resolution)
    stopped = "stopped"  # open, the clock stopped (suspended)
    done = "done"  # no longer open


class PetitionFigureCount(Base):
    """Petitions received in a year (`received_on`'s year) per unit, field, case type, stage and
    the two stored due dates that decide, on the day the dashboard is read, whether they are
    overdue (`due_on`, kept while the petition is open) or late in resolution
    (`resolution_due_on`, kept while a clock runs); otherwise, or without a due date, those
    columns hold 9999-12-31. The other figures do not move with the day: resolved, resolved on
    time, sent to a level above.

    Kept by statement-level triggers on `petitions` (migration 0009) in the transaction of every
    write; `aggregates.rebuild_petition_counts` recomputes it from the raw rows. No row holds a
    zero count of petitions.
    """

    __tablename__ = "petition_figure_counts"

    year: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    unit_id: Mapped[int] = mapped_column(
        ForeignKey("units.id", ondelete="CASCADE"), primary_key=True
    )
    field: Mapped[PetitionField] = mapped_column(enum_type(PetitionField), primary_key=True)
    case_type: Mapped[CaseType] = mapped_column(enum_type(CaseType), primary_key=True)
    stage: Mapped[PetitionStage] = mapped_column(
        enum_type(PetitionStage, "petition_stage"), primary_key=True
    )
    due_on: Mapped[date] = mapped_column(Date, primary_key=True)
    resolution_due_on: Mapped[date] = mapped_column(Date, primary_key=True)
    petitions: Mapped[int] = mapped_column(Integer)
    resolved: Mapped[int] = mapped_column(Integer)
    resolved_on_time: Mapped[int] = mapped_column(Integer)
    over_level: Mapped[int] = mapped_column(Integer)
