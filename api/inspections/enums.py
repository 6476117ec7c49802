from api.common.enums import LabeledEnum, register


@register("inspection_kind")
class InspectionKind(LabeledEnum):
    inspection = "inspection", "Kiểm tra"
    self_inspection = "self_inspection", "Tự kiểm tra"
    supervision = "supervision", "Giám sát của Mặt trận Tổ quốc, tổ chức chính trị - xã hội"


@register("inspection_status")
class InspectionStatus(LabeledEnum):
    planned = "planned", "Theo kế hoạch"
    in_progress = "in_progress", "Đang tiến hành"
    concluded = "concluded", "Đã kết luận"
    cancelled = "cancelled", "Đã hủy"


@register("inspection_rating")
class InspectionRating(LabeledEnum):
    good = "good", "Tốt"
    fair = "fair", "Khá"
    average = "average", "Trung bình"
    poor = "poor", "Yếu"


@register("finding_severity")
class FindingSeverity(LabeledEnum):
    minor = "minor", "Nhẹ"
    moderate = "moderate", "Trung bình"
    serious = "serious", "Nghiêm trọng"


@register("recommendation_status")
class RecommendationStatus(LabeledEnum):
    open = "open", "Chưa thực hiện"
    in_progress = "in_progress", "Đang thực hiện"
    done = "done", "Đã thực hiện"
    verified = "verified", "Đã xác nhận hoàn thành"


@register("recommendation_action")
class RecommendationAction(LabeledEnum):
    start = "start", "Bắt đầu thực hiện"
    complete = "complete", "Báo cáo đã thực hiện"
    verify = "verify", "Xác nhận hoàn thành"
    reopen = "reopen", "Yêu cầu thực hiện lại"


# Still owed by the responsible unit: only these can be overdue.
PENDING_STATUSES = (RecommendationStatus.open, RecommendationStatus.in_progress)
