from api.common.enums import LabeledEnum, register


@register("activity_kind")
class ActivityKind(LabeledEnum):
    dissemination = "dissemination", "Tuyên truyền, quán triệt"
    training = "training", "Tập huấn, bồi dưỡng"
    dialogue = "dialogue", "Đối thoại với Nhân dân"
    review = "review", "Sơ kết, tổng kết"
    officials_conference = "officials_conference", "Hội nghị cán bộ, công chức"
    model_assessment = "model_assessment", "Tự đánh giá mô hình “thân thiện vì Nhân dân phục vụ”"
    other = "other", "Hoạt động khác"


@register("model_rating")
class ModelRating(LabeledEnum):
    """The result of a model self-assessment; CT4b counts `achieved` or better."""

    excellent = "excellent", "Xuất sắc"
    good = "good", "Tốt"
    achieved = "achieved", "Đạt"
    not_achieved = "not_achieved", "Không đạt"


# Ratings that count as implementing the model effectively (CT4b).
EFFECTIVE_RATINGS = frozenset({ModelRating.excellent, ModelRating.good, ModelRating.achieved})
