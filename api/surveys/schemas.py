import time
from datetime import date, datetime, timedelta
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    Field,
    StringConstraints,
    model_validator,
)

from api.common.enums import LabeledEnum, register
from api.common.periods import PeriodCode
from api.common.schemas import InputModel, ReadModel, RecordId
from api.common.schemas import _nfc_deep as nfc_deep
from api.surveys.enums import (
    EvaluationChannel,
    EvaluationSource,
    ProcedureField,
    SatisfactionGrouping,
    SurveySource,
)
from api.surveys.enums import SatisfactionLevel as Level
from api.units.schemas import AgencyCode, UnitCode

# A portal's clock may run slightly ahead of ours; beyond this an instant is "in the future".
CLOCK_SKEW = timedelta(minutes=5)
MAX_COUNT = 10_000_000


def _not_in_future(value: datetime) -> datetime:
    # Seconds since the epoch: a third of the cost of an aware datetime.now(), per item.
    if value.timestamp() > time.time() + CLOCK_SKEW.total_seconds():
        raise ValueError("Thời điểm đánh giá không được ở tương lai")
    return value


EvaluatedAt = Annotated[AwareDatetime, AfterValidator(_not_in_future)]
ExternalId = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^\S+$")]
RecordCode = Annotated[str, StringConstraints(min_length=1, max_length=64)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
Note = Annotated[str, StringConstraints(max_length=1000)]

UNIT_REFERENCES = ("unit_id", "unit_code", "agency_code")


class UnitReference(InputModel):
    """A unit named by its id, its code, or the agency code the portal uses: one of them."""

    unit_id: RecordId | None = None
    unit_code: UnitCode | None = None
    agency_code: AgencyCode | None = None

    def given_references(self) -> list[str]:
        return [name for name in UNIT_REFERENCES if getattr(self, name) is not None]

    @model_validator(mode="after")
    def _at_most_one_reference(self) -> Self:
        if len(self.given_references()) > 1:
            raise ValueError("Chỉ cho biết một trong unit_id, unit_code, agency_code")
        return self


class EvaluationCreate(UnitReference):
    source: EvaluationSource
    external_id: ExternalId
    dossier_code: RecordCode
    procedure_code: RecordCode | None = None
    field: ProcedureField
    level: Level
    evaluated_at: EvaluatedAt
    channel: EvaluationChannel

    @model_validator(mode="after")
    def _names_a_unit(self) -> Self:
        if not self.given_references():
            raise ValueError("Cần cho biết đơn vị: unit_id, unit_code hoặc agency_code")
        return self


class EvaluationUpdate(UnitReference):
    """The portal's key (source, external_id) identifies the evaluation and does not change."""

    dossier_code: RecordCode | None = None
    procedure_code: RecordCode | None = None
    field: ProcedureField | None = None
    level: Level | None = None
    evaluated_at: EvaluatedAt | None = None
    channel: EvaluationChannel | None = None


class EvaluationRead(ReadModel):
    id: int
    source: EvaluationSource
    external_id: str
    unit_id: int
    dossier_code: str
    procedure_code: str | None
    field: ProcedureField
    level: Level
    evaluated_at: datetime
    channel: EvaluationChannel
    version: int
    created_at: datetime
    updated_at: datetime


class EvaluationBatch(InputModel):
    items: list[dict[str, Any]] = Field(
        description="Tối đa 1000 đánh giá, mỗi đánh giá theo EvaluationCreate; "
        "mục sai được trả lời `rejected`, không làm hỏng các mục khác"
    )

    @model_validator(mode="before")
    @classmethod
    def _normalise_text(cls, data: Any) -> Any:
        """NFC once for the whole batch (its items are then validated as PushedEvaluation,
        which does not normalise again). What the portal sends is nearly always ASCII: one
        repr() in C tells so, where walking every string in Python cost 10 ms. repr escapes
        what is not printable (a NUL, a control character) with a backslash, and keeps any
        other non-ASCII character: either sends the batch the slow, exact way."""
        text = repr(data)
        return data if text.isascii() and "\\" not in text else nfc_deep(data)


class PushedEvaluation(EvaluationCreate):
    """An item of an EvaluationBatch: the batch has normalised its text already, and the two
    checks of the unit reference are one (same messages), at 1000 items a batch."""

    @model_validator(mode="before")
    @classmethod
    def _normalise_text(cls, data: Any) -> Any:
        return data

    @model_validator(mode="after")
    def _at_most_one_reference(self) -> Self:
        given = (
            (self.unit_id is not None)
            + (self.unit_code is not None)
            + (self.agency_code is not None)
        )
        if given > 1:
            raise ValueError("Chỉ cho biết một trong unit_id, unit_code, agency_code")
        if not given:
            raise ValueError("Cần cho biết đơn vị: unit_id, unit_code hoặc agency_code")
        return self

    @model_validator(mode="after")
    def _names_a_unit(self) -> Self:
        return self


@register("evaluation_batch_status")
class BatchItemStatus(LabeledEnum):
    created = "created", "Đã ghi nhận"
    duplicate = "duplicate", "Đã có (gửi lại)"
    conflict = "conflict", "Trùng mã nhưng khác nội dung"
    rejected = "rejected", "Bị từ chối"


class ItemError(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class BatchItemOutcome(BaseModel):
    index: int
    external_id: str | None
    status: BatchItemStatus
    id: int | None = None
    errors: list[ItemError] = []


class BatchOutcome(BaseModel):
    created: int
    duplicate: int
    conflict: int
    rejected: int
    items: list[BatchItemOutcome]


class SurveyResultCreate(InputModel):
    unit_id: RecordId | None = None  # a unit officer's own unit when left out
    period: PeriodCode
    field: ProcedureField
    source: SurveySource
    very_satisfied: Count
    satisfied: Count
    neutral: Count
    dissatisfied: Count
    note: Note | None = None


class SurveyResultUpdate(InputModel):
    unit_id: RecordId | None = None
    period: PeriodCode | None = None
    field: ProcedureField | None = None
    source: SurveySource | None = None
    very_satisfied: Count | None = None
    satisfied: Count | None = None
    neutral: Count | None = None
    dissatisfied: Count | None = None
    note: Note | None = None


class SurveyResultRead(ReadModel):
    id: int
    unit_id: int
    period: str
    starts_on: date
    ends_on: date
    field: ProcedureField
    source: SurveySource
    very_satisfied: int
    satisfied: int
    neutral: int
    dissatisfied: int
    answers: int
    note: str | None
    version: int
    created_at: datetime
    updated_at: datetime


class LevelCounts(BaseModel):
    very_satisfied: int = 0
    satisfied: int = 0
    neutral: int = 0
    dissatisfied: int = 0


class SatisfactionFigures(BaseModel):
    answers: int = Field(description="Tổng số ý kiến")
    satisfied: int = Field(description="Số ý kiến hài lòng: rất hài lòng + hài lòng")
    rate: float | None = Field(
        description="satisfied / answers, làm tròn 4 chữ số; null khi chưa có ý kiến"
    )
    levels: LevelCounts


class SatisfactionGroup(SatisfactionFigures):
    key: str = Field(description="unit_id, mã lĩnh vực, hoặc tháng dạng YYYYMM")
    label: str


class SatisfactionReport(BaseModel):
    period: str
    starts_on: date
    ends_on: date
    unit_id: int | None
    fields: list[ProcedureField] | None
    group_by: SatisfactionGrouping | None
    total: SatisfactionFigures
    groups: list[SatisfactionGroup]
