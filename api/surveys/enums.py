from api.common.enums import LabeledEnum, register


@register("evaluation_source")
class EvaluationSource(LabeledEnum):
    portal = "portal", "Cổng dịch vụ công"
    manual = "manual", "Nhập thủ công"
    kiosk = "kiosk", "Máy đánh giá tại bộ phận một cửa"
    import_ = "import", "Nhập từ tệp"


@register("procedure_field")
class ProcedureField(LabeledEnum):
    """Fields of administrative procedures, as the provincial public-service portal groups them."""

    land = "land", "Đất đai"
    construction = "construction", "Xây dựng"
    investment = "investment", "Đầu tư"
    justice = "justice", "Tư pháp - Hộ tịch"
    labor_social = "labor_social", "Lao động - Thương binh và Xã hội"
    health = "health", "Y tế"
    education = "education", "Giáo dục và Đào tạo"
    transport = "transport", "Giao thông vận tải"
    industry_trade = "industry_trade", "Công Thương"
    agriculture_environment = "agriculture_environment", "Nông nghiệp và Môi trường"
    home_affairs = "home_affairs", "Nội vụ"
    culture_tourism = "culture_tourism", "Văn hóa, Thể thao và Du lịch"
    finance = "finance", "Tài chính"
    science_technology = "science_technology", "Khoa học và Công nghệ"
    other = "other", "Lĩnh vực khác"


# CT3b of the plan: satisfaction in land, construction and investment.
CT3B_FIELDS = (ProcedureField.land, ProcedureField.construction, ProcedureField.investment)


@register("satisfaction_level")
class SatisfactionLevel(LabeledEnum):
    very_satisfied = "very_satisfied", "Rất hài lòng"
    satisfied = "satisfied", "Hài lòng"
    neutral = "neutral", "Bình thường"
    dissatisfied = "dissatisfied", "Không hài lòng"


# The levels counted as satisfied in the satisfaction rate.
SATISFIED_LEVELS = (SatisfactionLevel.very_satisfied, SatisfactionLevel.satisfied)


@register("evaluation_channel")
class EvaluationChannel(LabeledEnum):
    portal = "portal", "Cổng dịch vụ công"
    kiosk = "kiosk", "Máy đánh giá tại chỗ"
    sms = "sms", "Tin nhắn SMS"
    paper = "paper", "Phiếu giấy"
    other = "other", "Kênh khác"


@register("survey_source")
class SurveySource(LabeledEnum):
    survey = "survey", "Khảo sát, điều tra xã hội học"
    spreadsheet = "spreadsheet", "Bảng tổng hợp"
    portal_report = "portal_report", "Báo cáo của Cổng dịch vụ công"


@register("satisfaction_grouping")
class SatisfactionGrouping(LabeledEnum):
    unit = "unit", "Theo đơn vị"
    field = "field", "Theo lĩnh vực"
    month = "month", "Theo tháng"
