from datetime import date

from pydantic import BaseModel, Field

from api.indicators.enums import HeadReceptionRule, IndicatorCode
from api.reports.schemas import PeriodCompleteness
from api.surveys.schemas import SatisfactionFigures, SatisfactionGroup
from api.units.enums import UnitKind


class UnitBrief(BaseModel):
    id: int
    code: str
    name: str
    kind: UnitKind


class FallingShort(BaseModel):
    """A unit that does not meet a target, and why, in words Sở Nội vụ can act on."""

    unit_id: int
    code: str
    name: str
    reason: str
    value: float | None  # the unit's own value: 0 for a yes/no target, its rate for CT3/CT5


class Indicator(BaseModel):
    code: IndicatorCode
    name: str
    target: float
    # False when the target is not about units of this kind (CT4a for a commune).
    applies: bool
    value: float | None  # None when there is nothing to count (no answers, no officials)
    numerator: int
    denominator: int
    met: bool | None
    as_of: date
    falling_short: list[FallingShort]


class IndicatorReport(BaseModel):
    year: int
    as_of: date
    unit: UnitBrief | None  # None: the whole province
    indicators: list[Indicator]


class DashboardSatisfaction(BaseModel):
    target_all: float = Field(description="CT3a: 0,90")
    target_land_construction_investment: float = Field(description="CT3b: 0,85")
    total: SatisfactionFigures
    by_month: list[SatisfactionGroup]
    by_field: list[SatisfactionGroup]


class PetitionFigures(BaseModel):
    """Petitions received in the year, as they stand today."""

    received: int
    resolved: int = Field(description="có quyết định/văn bản giải quyết")
    resolved_on_time: int = Field(description="giải quyết trong thời hạn luật định")
    on_time_rate: float | None = Field(description="resolved_on_time / resolved")
    open: int = Field(description="đang xử lý: chưa thụ lý, đang giải quyết hoặc tạm đình chỉ")
    overdue: int = Field(description="đang xử lý và đã quá hạn của bước hiện tại")
    prolonged: int = Field(
        description="kéo dài: quá hạn giải quyết, hoặc gửi lại sau khi đã giải quyết"
    )
    over_level: int = Field(description="vượt cấp")


class PetitionGroup(PetitionFigures):
    key: str = Field(description="unit_id, mã lĩnh vực, hoặc loại đơn")
    label: str


class DashboardPetitions(BaseModel):
    total: PetitionFigures
    by_unit: list[PetitionGroup]
    by_field: list[PetitionGroup]
    by_case_type: list[PetitionGroup]


class DashboardReceptions(BaseModel):
    sessions: int
    head_in_person: int = Field(description="buổi tiếp do thủ trưởng trực tiếp tiếp")
    crowd: int = Field(description="đoàn đông người (từ 5 người trở lên)")
    citizens: int = Field(description="tổng số lượt người được tiếp")


class HeadReceptionShortfall(BaseModel):
    unit_id: int
    code: str
    name: str
    rule: HeadReceptionRule = Field(description="weekly hoặc monthly; nhãn: meta/enums")
    required: int = Field(description="số tuần (hoặc tháng) phải tiếp trong tháng")
    held: int = Field(description="số tuần (hoặc tháng) đã tiếp trực tiếp")
    days: int = Field(description="số ngày người đứng đầu trực tiếp tiếp dân trong tháng")


class HeadReceptionMonth(BaseModel):
    month: str = Field(description="YYYYMM")
    label: str
    units_checked: int
    falling_short: list[HeadReceptionShortfall]


class UnitCount(BaseModel):
    unit_id: int
    code: str
    name: str
    open: int
    overdue: int


class DashboardBacklog(BaseModel):
    """Inspection recommendations or plan tasks still owed."""

    open: int
    overdue: int
    by_unit: list[UnitCount]


class Dashboard(BaseModel):
    year: int
    as_of: date
    unit_id: int | None
    satisfaction: DashboardSatisfaction
    petitions: DashboardPetitions
    receptions: DashboardReceptions
    head_reception: list[HeadReceptionMonth]
    recommendations: DashboardBacklog
    plan_tasks: DashboardBacklog
    reporting: list[PeriodCompleteness] = Field(
        description="Báo cáo định kỳ có hạn nộp trong năm: số đơn vị phải nộp, đã nộp, đúng hạn"
    )
