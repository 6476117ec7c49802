from api.common.enums import LabeledEnum, register


@register("role")
class Role(LabeledEnum):
    admin = "admin", "Quản trị hệ thống"
    coordinator = "coordinator", "Sở Nội vụ (điều phối)"
    office = "office", "Văn phòng UBND tỉnh"
    inspector = "inspector", "Thanh tra tỉnh"
    unit_officer = "unit_officer", "Cán bộ đơn vị"
    viewer = "viewer", "Lãnh đạo (chỉ xem)"


@register("client_scope")
class Scope(LabeledEnum):
    evaluations_write = "evaluations:write", "Gửi đánh giá mức độ hài lòng"
    petitions_write = "petitions:write", "Gửi phản ánh, kiến nghị trực tuyến"
    units_read = "units:read", "Đọc danh mục đơn vị"
