from datetime import date, datetime
from typing import Annotated, Self

from pydantic import BaseModel, Field, StringConstraints, model_validator

from api.common.schemas import InputModel, ReadModel
from api.common.task_groups import TaskGroup
from api.indicators.enums import IndicatorCode
from api.reports.enums import Completeness, ReportAction, ReportPeriodKind, ReportStatus
from api.units.enums import UnitKind

Label = Annotated[str, StringConstraints(min_length=1, max_length=255)]
LongText = Annotated[str, StringConstraints(max_length=20_000)]
Note = Annotated[str, StringConstraints(max_length=4_000)]
UnitKinds = Annotated[list[UnitKind], Field(min_length=1, max_length=len(UnitKind))]


# --- periods -------------------------------------------------------------------------------


class ReportPeriodCreate(InputModel):
    kind: ReportPeriodKind
    # For 6_months and annual: the year whose default cut-off dates are used.
    year: Annotated[int, Field(ge=2000, le=2100)] | None = None
    label: Label | None = None
    # Default (Decree 09/2019/NĐ-CP): 15 Dec of the previous year → 14 Jun (6 months) or
    # 14 Dec (annual). An ad hoc period names its own dates.
    data_from: date | None = None
    data_to: date | None = None
    # Default: the 20th of the month the data ends in.
    deadline: date | None = None
    # Default: departments, communes and wards (the units the plan's targets count).
    unit_kinds: UnitKinds | None = None

    @model_validator(mode="after")
    def _dates_given_or_derivable(self) -> Self:
        if self.kind is ReportPeriodKind.ad_hoc:
            if self.data_from is None or self.data_to is None or self.deadline is None:
                raise ValueError(
                    "Báo cáo đột xuất cần ngày bắt đầu, ngày kết thúc số liệu và hạn gửi"
                )
        elif self.year is None and (self.data_from is None or self.data_to is None):
            raise ValueError("Cần năm báo cáo, hoặc ngày bắt đầu và kết thúc số liệu")
        return self


class ReportPeriodUpdate(InputModel):
    label: Label | None = None
    deadline: date | None = None


class ReportPeriodRead(ReadModel):
    id: int
    kind: ReportPeriodKind
    label: str
    data_from: date
    data_to: date
    deadline: date
    unit_kinds: list[UnitKind]
    expected_reports: int
    version: int
    created_at: datetime
    updated_at: datetime


# --- figures (stored as JSON in the report) ------------------------------------------------


class TargetFigure(BaseModel):
    code: IndicatorCode
    name: str
    target: float
    value: float | None
    numerator: int
    denominator: int
    met: bool | None


class LevelFigures(BaseModel):
    very_satisfied: int = 0
    satisfied: int = 0
    neutral: int = 0
    dissatisfied: int = 0


class SatisfactionFigure(BaseModel):
    answers: int = 0
    satisfied: int = 0
    rate: float | None = None
    levels: LevelFigures = LevelFigures()


class ReceptionFigures(BaseModel):
    sessions: int = 0
    citizens: int = 0
    head_in_person: int = 0
    # Session type value -> sessions: regular, head_periodic, head_unscheduled.
    by_session_type: dict[str, int] = {}


class PetitionCounts(BaseModel):
    received: int = 0
    resolved: int = 0
    resolved_on_time: int = 0
    overdue: int = 0


class PetitionFigures(PetitionCounts):
    by_case_type: dict[str, PetitionCounts] = {}
    by_field: dict[str, PetitionCounts] = {}


class InspectionFigures(BaseModel):
    conducted: int = 0  # by the unit, of others
    self_inspections: int = 0
    received: int = 0  # of the unit, by others (inspection or supervision)
    recommendations: int = 0  # to the unit, from inspections held in the period
    recommendations_done: int = 0
    recommendations_overdue: int = 0


class ActivityFigures(BaseModel):
    held: int = 0
    participants: int = 0


class TrainingFigures(ActivityFigures):
    officials_trained: int = 0


class ReportFigures(BaseModel):
    """What the records say for the unit and the period's days."""

    data_from: date
    data_to: date
    as_of: date  # petitions overdue and recommendations overdue are judged on this day
    year: int  # the targets are the plan's yearly targets of this year
    targets: list[TargetFigure] = []
    satisfaction: SatisfactionFigure = SatisfactionFigure()
    receptions: ReceptionFigures = ReceptionFigures()
    petitions: PetitionFigures = PetitionFigures()
    inspections: InspectionFigures = InspectionFigures()
    trainings: TrainingFigures = TrainingFigures()
    dialogues: ActivityFigures = ActivityFigures()


# --- reports -------------------------------------------------------------------------------


class Narrative(BaseModel):
    """The unit's account of each task group of section III of the plan."""

    dissemination: str | None = None
    administrative_reform: str | None = None
    grassroots_democracy: str | None = None
    citizen_reception: str | None = None
    front_coordination: str | None = None
    skilled_mobilisation: str | None = None
    inspection_review: str | None = None


assert list(Narrative.model_fields) == [g.value for g in TaskGroup], "one field per task group"


class NarrativeUpdate(InputModel):
    dissemination: LongText | None = None
    administrative_reform: LongText | None = None
    grassroots_democracy: LongText | None = None
    citizen_reception: LongText | None = None
    front_coordination: LongText | None = None
    skilled_mobilisation: LongText | None = None
    inspection_review: LongText | None = None


class UnitReportUpdate(InputModel):
    """Only what is given changes; an empty text or null clears it."""

    narrative: NarrativeUpdate | None = None
    difficulties: LongText | None = None
    proposals: LongText | None = None


class ReportActionRequest(InputModel):
    action: ReportAction
    comment: Note | None = None  # required to return
    reason: Note | None = None  # required to reopen

    @model_validator(mode="after")
    def _what_the_action_needs(self) -> Self:
        if self.action is ReportAction.return_ and not self.comment:
            raise ValueError("Trả lại báo cáo cần nêu nội dung cần bổ sung (comment)")
        if self.action is ReportAction.reopen and not self.reason:
            raise ValueError("Mở lại báo cáo đã tiếp nhận cần nêu lý do (reason)")
        return self


class ReportEventRead(ReadModel):
    action: ReportAction
    from_status: ReportStatus
    to_status: ReportStatus
    note: str | None
    actor_user_id: int | None
    actor_name: str
    at: datetime


class UnitBrief(BaseModel):
    id: int
    code: str
    name: str
    short_name: str
    kind: UnitKind


class PeriodBrief(ReadModel):
    id: int
    kind: ReportPeriodKind
    label: str
    data_from: date
    data_to: date
    deadline: date


class UnitReportRead(BaseModel):
    id: int
    period: PeriodBrief
    unit: UnitBrief
    period_id: int
    unit_id: int
    status: ReportStatus
    completeness: Completeness
    # The first submission came after the deadline's end (in the province); None: not sent.
    late: bool | None
    figures: ReportFigures | None
    figures_computed_at: datetime | None
    narrative: Narrative
    difficulties: str | None
    proposals: str | None
    started_at: datetime | None
    first_submitted_at: datetime | None
    submitted_at: datetime | None
    accepted_at: datetime | None
    history: list[ReportEventRead]
    allowed_actions: list[ReportAction]
    version: int
    created_at: datetime
    updated_at: datetime


# --- completeness --------------------------------------------------------------------------


class CompletenessCounts(BaseModel):
    not_started: int = 0
    draft: int = 0
    submitted_on_time: int = 0
    submitted_late: int = 0
    returned: int = 0
    accepted: int = 0


class UnitCompleteness(BaseModel):
    report_id: int
    unit: UnitBrief
    status: ReportStatus
    completeness: Completeness
    late: bool | None
    # Not sent and the deadline's day is over.
    missing: bool
    first_submitted_at: datetime | None
    submitted_at: datetime | None
    accepted_at: datetime | None


class PeriodCompleteness(BaseModel):
    period_id: int
    label: str
    kind: ReportPeriodKind
    deadline: date
    expected: int
    counts: CompletenessCounts
    submitted: int  # sent at least once
    on_time: int  # first sent by the end of the deadline's day
    share_on_time: float | None  # on_time / expected


class PeriodStatus(PeriodCompleteness):
    deadline_passed: bool
    units: list[UnitCompleteness]
