from api.common.enums import LabeledEnum, register


@register("unit_kind")
class UnitKind(LabeledEnum):
    province = "province", "UBND tỉnh"
    department = "department", "Sở, ban, ngành"
    commune = "commune", "Xã"
    ward = "ward", "Phường"
    front = "front", "Mặt trận Tổ quốc, tổ chức chính trị - xã hội"
    other = "other", "Đơn vị khác"


# The state agencies and local governments counted by the plan's targets (DESIGN section 2).
COUNTED_KINDS = frozenset({UnitKind.department, UnitKind.commune, UnitKind.ward})
LOCAL_KINDS = frozenset({UnitKind.commune, UnitKind.ward})
