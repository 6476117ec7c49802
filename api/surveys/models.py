from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.common.search import Searchable
from api.db import Base, Versioned, enum_type
from api.surveys.enums import (
    EvaluationChannel,
    EvaluationSource,
    ProcedureField,
    SatisfactionLevel,
    SurveySource,
)

if TYPE_CHECKING:
    from api.units.models import Unit


class Evaluation(Searchable, Versioned, Base):
    """One citizen's evaluation of one dossier, pushed by the portal or typed in."""

    __tablename__ = "evaluations"
    __search_fields__ = ("external_id", "dossier_code", "procedure_code")
    __table_args__ = (
        # The portal's idempotency key: the same evaluation sent twice is stored once.
        UniqueConstraint("source", "external_id"),
        Index("ix_evaluations_unit_evaluated_at", "unit_id", "evaluated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[EvaluationSource] = mapped_column(enum_type(EvaluationSource))
    external_id: Mapped[str] = mapped_column(String(64))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    dossier_code: Mapped[str] = mapped_column(String(64))
    procedure_code: Mapped[str | None] = mapped_column(String(64))
    field: Mapped[ProcedureField] = mapped_column(enum_type(ProcedureField))
    level: Mapped[SatisfactionLevel] = mapped_column(enum_type(SatisfactionLevel))
    evaluated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    channel: Mapped[EvaluationChannel] = mapped_column(enum_type(EvaluationChannel))

    unit: Mapped["Unit"] = relationship(lazy="raise")


class SurveyResult(Searchable, Versioned, Base):
    """Counts per satisfaction level for a unit, a period and a field, from one source."""

    __tablename__ = "survey_results"
    __search_fields__ = ("period", "note")
    __table_args__ = (
        UniqueConstraint("unit_id", "period", "field", "source"),
        CheckConstraint(
            "very_satisfied >= 0 AND satisfied >= 0 AND neutral >= 0 AND dissatisfied >= 0",
            name="counts_not_negative",
        ),
        CheckConstraint("starts_on <= ends_on", name="period_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    period: Mapped[str] = mapped_column(String(8))
    # The period's first and last day, kept with it so "lies within" is a plain range query.
    starts_on: Mapped[date] = mapped_column(Date, index=True)
    ends_on: Mapped[date] = mapped_column(Date)
    field: Mapped[ProcedureField] = mapped_column(enum_type(ProcedureField))
    source: Mapped[SurveySource] = mapped_column(enum_type(SurveySource))
    very_satisfied: Mapped[int] = mapped_column(Integer)
    satisfied: Mapped[int] = mapped_column(Integer)
    neutral: Mapped[int] = mapped_column(Integer)
    dissatisfied: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(String(1000))

    unit: Mapped["Unit"] = relationship(lazy="raise")

    @property
    def answers(self) -> int:
        return self.very_satisfied + self.satisfied + self.neutral + self.dissatisfied


class EvaluationMonthlyCount(Base):
    """Answers per unit, month (first day, in the province's time zone), field and level.

    Kept by statement-level triggers on `evaluations` (migration 0006) in the transaction of
    every write, folded in at its commit (migration 0010, `EvaluationCountsPending`);
    `aggregates.rebuild_evaluation_counts` recomputes it from the raw rows. No row holds four
    zeros.
    """

    __tablename__ = "evaluation_monthly_counts"
    __table_args__ = (
        CheckConstraint(
            "very_satisfied >= 0 AND satisfied >= 0 AND neutral >= 0 AND dissatisfied >= 0",
            name="counts_not_negative",
        ),
        CheckConstraint("month = date_trunc('month', month)::date", name="first_of_month"),
    )

    unit_id: Mapped[int] = mapped_column(
        ForeignKey("units.id", ondelete="CASCADE"), primary_key=True
    )
    month: Mapped[date] = mapped_column(Date, primary_key=True, index=True)
    field: Mapped[ProcedureField] = mapped_column(enum_type(ProcedureField), primary_key=True)
    very_satisfied: Mapped[int] = mapped_column(Integer)
    satisfied: Mapped[int] = mapped_column(Integer)
    neutral: Mapped[int] = mapped_column(Integer)
    dissatisfied: Mapped[int] = mapped_column(Integer)


class EvaluationCountsPending(Base):
    """The transactions that changed evaluations and have not yet folded their count deltas
    (kept in a temporary table) into `evaluation_monthly_counts`; a deferred trigger on this
    table folds them just before COMMIT and removes the row (migration 0010). Empty outside a
    writing transaction."""

    __tablename__ = "evaluation_counts_pending"

    xact: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
