"""The targets of section II of the plan (DESIGN section 2), with their Vietnamese names."""

from api.common.enums import LabeledEnum, register
from api.units.enums import COUNTED_KINDS, LOCAL_KINDS, UnitKind


@register("indicator")
class IndicatorCode(LabeledEnum):
    ct1 = "CT1", "Cơ quan, đơn vị, địa phương ban hành kế hoạch thực hiện Chỉ thị số 05-CT/TU"
    ct2 = (
        "CT2",
        "Cơ quan, đơn vị, địa phương tuyên truyền, quán triệt các văn bản chỉ đạo"
        " về công tác dân vận",
    )
    ct3a = "CT3a", "Mức độ hài lòng của người dân, doanh nghiệp về giải quyết thủ tục hành chính"
    ct3b = (
        "CT3b",
        "Mức độ hài lòng về giải quyết thủ tục hành chính lĩnh vực đất đai, xây dựng, đầu tư",
    )
    ct4a = (
        "CT4a",
        "Sở, ban, ngành ban hành kế hoạch và thực hiện mô hình"
        " “Công sở thân thiện vì Nhân dân phục vụ”",
    )
    ct4b = (
        "CT4b",
        "UBND cấp xã thực hiện hiệu quả mô hình “Chính quyền thân thiện vì Nhân dân phục vụ”",
    )
    ct5 = (
        "CT5",
        "Cán bộ, công chức phụ trách công tác dân vận được tập huấn, bồi dưỡng nghiệp vụ",
    )
    ct6 = "CT6", "Cơ quan nhà nước, chính quyền các cấp tổ chức đánh giá, sơ kết, tổng kết"


# Which units each target is about.
TARGET_KINDS: dict[IndicatorCode, frozenset[UnitKind]] = {
    IndicatorCode.ct1: COUNTED_KINDS,
    IndicatorCode.ct2: COUNTED_KINDS,
    IndicatorCode.ct3a: COUNTED_KINDS,
    IndicatorCode.ct3b: COUNTED_KINDS,
    IndicatorCode.ct4a: frozenset({UnitKind.department}),
    IndicatorCode.ct4b: LOCAL_KINDS,
    IndicatorCode.ct5: COUNTED_KINDS,
    IndicatorCode.ct6: COUNTED_KINDS,
}

# The target, as a fraction.
TARGETS: dict[IndicatorCode, float] = {
    IndicatorCode.ct1: 1.0,
    IndicatorCode.ct2: 1.0,
    IndicatorCode.ct3a: 0.90,
    IndicatorCode.ct3b: 0.85,
    IndicatorCode.ct4a: 1.0,
    IndicatorCode.ct4b: 1.0,
    IndicatorCode.ct5: 1.0,
    IndicatorCode.ct6: 1.0,
}


@register("head_reception_rule")
class HeadReceptionRule(LabeledEnum):
    """How often a head of unit must receive citizens in person (Law on Citizen Reception 2013,
    art. 18), as the dashboard's shortfalls name it."""

    weekly = "weekly", "Ít nhất 1 ngày mỗi tuần (Chủ tịch UBND xã, phường)"
    monthly = "monthly", "Ít nhất 1 ngày mỗi tháng (thủ trưởng sở, ngành; Chủ tịch UBND tỉnh)"
