"""Enumerations of citizen reception and petitions, with their Vietnamese labels."""

from api.common.enums import LabeledEnum, register


@register("reception_session_type")
class SessionType(LabeledEnum):
    regular = "regular", "Tiếp công dân thường xuyên"
    head_periodic = "head_periodic", "Thủ trưởng tiếp định kỳ"
    head_unscheduled = "head_unscheduled", "Thủ trưởng tiếp đột xuất"


@register("reception_field")
class PetitionField(LabeledEnum):
    land = "land", "Đất đai"
    land_recovery = "land_recovery", "Thu hồi đất, bồi thường, giải phóng mặt bằng"
    social_security = "social_security", "An sinh xã hội"
    labor = "labor", "Lao động"
    meritorious_people = "meritorious_people", "Chính sách người có công"
    administrative_procedure = "administrative_procedure", "Thủ tục hành chính"
    other = "other", "Lĩnh vực khác"


@register("petition_case_type")
class CaseType(LabeledEnum):
    complaint = "complaint", "Khiếu nại"
    denunciation = "denunciation", "Tố cáo"
    recommendation = "recommendation", "Kiến nghị"
    feedback = "feedback", "Phản ánh"


@register("reception_result")
class ReceptionResult(LabeledEnum):
    guided = "guided", "Hướng dẫn, giải thích"
    petition_received = "petition_received", "Tiếp nhận đơn"
    transferred = "transferred", "Chuyển đơn đến cơ quan có thẩm quyền"
    answered = "answered", "Trả lời trực tiếp"


@register("petition_source")
class PetitionSource(LabeledEnum):
    reception = "reception", "Qua tiếp công dân"
    mail = "mail", "Qua bưu chính"
    transferred = "transferred", "Cơ quan khác chuyển đến"
    online = "online", "Trực tuyến (Cổng dịch vụ công)"


@register("petition_status")
class PetitionStatus(LabeledEnum):
    received = "received", "Đã tiếp nhận"
    accepted = "accepted", "Đã thụ lý"
    not_accepted = "not_accepted", "Không thụ lý"
    transferred = "transferred", "Đã chuyển đơn"
    in_resolution = "in_resolution", "Đang giải quyết"
    suspended = "suspended", "Tạm đình chỉ"
    resolved = "resolved", "Đã giải quyết"
    closed = "closed", "Đã kết thúc"
    withdrawn = "withdrawn", "Đã rút đơn"


@register("petition_action")
class PetitionAction(LabeledEnum):
    accept = "accept", "Thụ lý"
    reject = "reject", "Không thụ lý"
    transfer = "transfer", "Chuyển đơn"
    start = "start", "Bắt đầu giải quyết"
    extend = "extend", "Gia hạn"
    suspend = "suspend", "Tạm đình chỉ"
    resume = "resume", "Tiếp tục giải quyết"
    resolve = "resolve", "Ban hành quyết định, kết luận"
    close = "close", "Kết thúc hồ sơ"
    withdraw = "withdraw", "Rút đơn"


@register("resolution_level")
class ResolutionLevel(LabeledEnum):
    first = "first", "Giải quyết lần đầu"
    second = "second", "Giải quyết lần hai"


@register("denunciation_complexity")
class Complexity(LabeledEnum):
    normal = "normal", "Thông thường"
    complex = "complex", "Phức tạp"
    especially_complex = "especially_complex", "Đặc biệt phức tạp"


@register("complaint_outcome")
class ComplaintOutcome(LabeledEnum):
    right = "right", "Khiếu nại đúng"
    partly_right = "partly_right", "Khiếu nại đúng một phần"
    wrong = "wrong", "Khiếu nại sai"


@register("time_limit_step")
class TimeLimitStep(LabeledEnum):
    reception_reply = "reception_reply", "Trả lời công dân sau tiếp"
    accept = "accept", "Thụ lý, xử lý đơn"
    transfer = "transfer", "Chuyển đơn"
    resolve = "resolve", "Giải quyết"


@register("time_limit_variant")
class RuleVariant(LabeledEnum):
    normal = "normal", "Thông thường"
    verification = "verification", "Cần xác minh"
    complex = "complex", "Phức tạp"
    remote = "remote", "Vùng sâu, vùng xa"
    remote_complex = "remote_complex", "Vùng sâu, vùng xa và phức tạp"
    especially_complex = "especially_complex", "Đặc biệt phức tạp"


@register("time_limit_count")
class DayCount(LabeledEnum):
    # Same values as deadlines.CountMode, which stays free of labels and of the app.
    working_days = "working_days", "Ngày làm việc"
    calendar_days = "calendar_days", "Ngày (theo lịch)"


# A group of five or more people is handled as a crowd case (đoàn đông người).
CROWD_SIZE = 5
