"""Request and response models of receptions, petitions and their reference data."""

from datetime import date, datetime, timedelta
from typing import Annotated, Any, ClassVar, Self

from pydantic import AfterValidator, AwareDatetime, Field, StringConstraints, model_validator

from api.common.dates import province_today
from api.common.schemas import InputModel, ReadModel, RecordId
from api.config import PROVINCE_TZ
from api.reception.enums import (
    CaseType,
    ComplaintOutcome,
    Complexity,
    PetitionAction,
    PetitionField,
    PetitionSource,
    PetitionStatus,
    ReceptionResult,
    ResolutionLevel,
    SessionType,
)
from api.units.schemas import UnitCode

# A device clock slightly ahead of the server's must not make "now" look like the future.
CLOCK_SKEW = timedelta(minutes=5)


def _not_future_day(value: date) -> date:
    if value > province_today():
        raise ValueError("Ngày không được ở tương lai")
    return value


def _not_future_instant(value: datetime) -> datetime:
    if value > datetime.now(PROVINCE_TZ) + CLOCK_SKEW:
        raise ValueError("Thời điểm không được ở tương lai")
    return value


PastDay = Annotated[date, AfterValidator(_not_future_day)]
PastInstant = Annotated[AwareDatetime, AfterValidator(_not_future_instant)]
# Căn cước công dân: 12 digits.
IdNumber = Annotated[
    str, StringConstraints(pattern=r"^\d{12}$"), Field(description="Số CCCD, 12 chữ số")
]
Name = Annotated[str, StringConstraints(min_length=1, max_length=255)]
Address = Annotated[str, StringConstraints(max_length=500)]
LongText = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
Note = Annotated[str, StringConstraints(max_length=2000)]
DecisionNumber = Annotated[str, StringConstraints(min_length=1, max_length=64)]
ExternalId = Annotated[str, StringConstraints(min_length=1, max_length=64)]


def stored_values(record: object, read_model: type[ReadModel], derived: set[str]) -> dict[str, Any]:
    """The read model's fields that the record stores; `derived` ones are computed by the caller."""
    return {name: getattr(record, name) for name in read_model.model_fields if name not in derived}


# --- petitions -------------------------------------------------------------------------------


class CaseFlags(InputModel):
    """Facts that pick a petition's time limits; each applies to one case type only."""

    resolution_level: ResolutionLevel | None = None
    is_complex: bool = False
    is_remote_area: bool = False
    needs_verification: bool = False
    complexity: Complexity = Complexity.normal
    sent_to_level_above: bool = False


def case_flag_errors(case_type: CaseType, flags: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, message) for every flag set on a case type it does not apply to."""
    errors = []
    if case_type is not CaseType.complaint:
        if flags.get("resolution_level") is not None:
            errors.append(("resolution_level", "Chỉ đơn khiếu nại có cấp giải quyết"))
        for name in ("is_complex", "is_remote_area"):
            if flags.get(name):
                errors.append((name, "Chỉ áp dụng cho đơn khiếu nại"))
    if case_type is not CaseType.denunciation:
        if flags.get("needs_verification"):
            errors.append(("needs_verification", "Chỉ áp dụng cho đơn tố cáo"))
        if flags.get("complexity", Complexity.normal) is not Complexity.normal:
            errors.append(("complexity", "Chỉ đơn tố cáo có mức độ phức tạp"))
    return errors


class PetitionCreate(CaseFlags):
    source: PetitionSource = PetitionSource.mail
    external_id: ExternalId | None = None
    unit_id: RecordId | None = None
    unit_code: UnitCode | None = None
    case_type: CaseType
    field: PetitionField
    received_on: PastDay
    petitioner_name: Name
    petitioner_id_number: IdNumber | None = None
    petitioner_address: Address | None = None
    summary: LongText
    duplicate_of_id: RecordId | None = None

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.unit_id is not None and self.unit_code is not None:
            raise ValueError("Chỉ gửi một trong hai: unit_id hoặc unit_code")
        if self.source is PetitionSource.online and self.external_id is None:
            raise ValueError("Đơn trực tuyến phải có external_id (mã trên Cổng dịch vụ công)")
        return self


class PetitionUpdate(InputModel):
    """Editable facts. Status, unit and dates of actions change only through actions."""

    field: PetitionField = None
    petitioner_name: Name = None
    petitioner_id_number: IdNumber | None = None
    petitioner_address: Address | None = None
    summary: LongText = None
    resolution_level: ResolutionLevel | None = None
    is_complex: bool = None
    is_remote_area: bool = None
    needs_verification: bool = None
    complexity: Complexity = None
    sent_to_level_above: bool = None
    duplicate_of_id: RecordId | None = None


class PetitionActionIn(InputModel):
    action: PetitionAction
    acted_on: PastDay
    note: Note | None = None
    reason: Note | None = None
    to_unit_id: RecordId | None = None
    decision_number: DecisionNumber | None = None
    decision_date: PastDay | None = None
    outcome: ComplaintOutcome | None = None

    # What each action needs beyond its date (the outcome of a complaint is checked by the
    # service, which knows the case type).
    REQUIRED: ClassVar[dict[PetitionAction, tuple[str, ...]]] = {
        PetitionAction.reject: ("reason",),
        PetitionAction.transfer: ("to_unit_id",),
        PetitionAction.extend: ("reason",),
        PetitionAction.resolve: ("decision_number", "decision_date"),
    }

    LABELS: ClassVar[dict[str, str]] = {
        "reason": "lý do",
        "to_unit_id": "đơn vị nhận đơn",
        "decision_number": "số quyết định",
        "decision_date": "ngày quyết định",
    }

    @model_validator(mode="after")
    def _check_required(self) -> Self:
        missing = [n for n in self.REQUIRED.get(self.action, ()) if getattr(self, n) is None]
        if missing:
            needed = ", ".join(self.LABELS[n] for n in missing)
            raise ValueError(f"Thao tác '{self.action.label}' cần có {needed}")
        return self


class PetitionEventRead(ReadModel):
    action: PetitionAction
    from_status: PetitionStatus
    to_status: PetitionStatus
    acted_on: date
    note: str | None
    details: dict[str, Any]
    actor_name: str = Field(description="Tên đăng nhập của người thực hiện")
    actor_full_name: str | None = Field(description="Họ tên, khi tài khoản còn")
    at: datetime


class PetitionRead(ReadModel):
    id: int
    unit_id: int
    case_type: CaseType
    field: PetitionField
    source: PetitionSource
    external_id: str | None
    received_on: date
    petitioner_name: str
    petitioner_id_number: str | None = Field(description="Bị che (********1234) nếu không được xem")
    petitioner_address: str | None
    summary: str
    resolution_level: ResolutionLevel | None
    is_complex: bool
    is_remote_area: bool
    needs_verification: bool
    complexity: Complexity
    sent_to_level_above: bool
    duplicate_of_id: int | None
    status: PetitionStatus
    accepted_on: date | None
    transferred_on: date | None
    extensions: int
    decision_number: str | None
    decision_date: date | None
    outcome: ComplaintOutcome | None
    due_on: date | None = Field(description="Hạn của bước đang chờ; null khi không có thời hạn")
    overdue: bool
    prolonged: bool
    over_level: bool
    history: list[PetitionEventRead]
    allowed_actions: list[PetitionAction]
    version: int
    created_at: datetime
    updated_at: datetime


# --- receptions ------------------------------------------------------------------------------


class ReceptionCreate(InputModel):
    unit_id: RecordId | None = None
    received_at: PastInstant
    session_type: SessionType
    receiver_name: Name
    head_in_person: bool = False
    citizen_name: Name
    citizen_id_number: IdNumber | None = None
    citizen_address: Address | None = None
    group_size: int = Field(1, ge=1, le=10_000)
    content: LongText
    field: PetitionField
    case_type: CaseType
    result: ReceptionResult | None = None
    create_petition: bool = Field(
        False, description="Tạo luôn đơn thư (nguồn: tiếp công dân) từ buổi tiếp này"
    )

    @model_validator(mode="after")
    def _result_of_the_reception(self) -> Self:
        if self.create_petition:
            if self.result not in (None, ReceptionResult.petition_received):
                raise ValueError(
                    "Tạo đơn thư thì kết quả tiếp phải là "
                    f"'{ReceptionResult.petition_received.label}'"
                )
            self.result = ReceptionResult.petition_received
        elif self.result is None:
            raise ValueError("Thiếu kết quả tiếp công dân (result)")
        return self


class ReceptionUpdate(InputModel):
    received_at: PastInstant = None
    session_type: SessionType = None
    receiver_name: Name = None
    head_in_person: bool = None
    citizen_name: Name = None
    citizen_id_number: IdNumber | None = None
    citizen_address: Address | None = None
    group_size: int = Field(None, ge=1, le=10_000)
    content: LongText = None
    field: PetitionField = None
    case_type: CaseType = None
    result: ReceptionResult = None


class ReceptionRead(ReadModel):
    id: int
    unit_id: int
    received_at: datetime
    session_type: SessionType
    receiver_name: str
    head_in_person: bool
    citizen_name: str
    citizen_id_number: str | None = Field(description="Bị che (********1234) nếu không được xem")
    citizen_address: str | None
    group_size: int
    is_crowd: bool
    content: str
    field: PetitionField
    case_type: CaseType
    result: ReceptionResult
    petition_id: int | None
    reply_due_on: date | None = Field(description="Hạn trả lời công dân (10 ngày làm việc)")
    version: int
    created_at: datetime
    updated_at: datetime
