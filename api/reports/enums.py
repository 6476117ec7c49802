"""Periodic reports (plan section IV): periods, a unit's report and its workflow, with labels."""

from api.common.enums import LabeledEnum, register


@register("report_period_kind")
class ReportPeriodKind(LabeledEnum):
    six_months = "6_months", "Báo cáo 6 tháng"
    annual = "annual", "Báo cáo năm"
    ad_hoc = "ad_hoc", "Báo cáo đột xuất"


@register("report_status")
class ReportStatus(LabeledEnum):
    draft = "draft", "Đang soạn"
    submitted = "submitted", "Đã gửi"
    returned = "returned", "Bị trả lại"
    accepted = "accepted", "Đã tiếp nhận"


@register("report_action")
class ReportAction(LabeledEnum):
    submit = "submit", "Gửi báo cáo"
    resubmit = "resubmit", "Gửi lại báo cáo"
    return_ = "return", "Trả lại để bổ sung"
    accept = "accept", "Tiếp nhận báo cáo"
    reopen = "reopen", "Mở lại báo cáo"
    refresh = "refresh", "Cập nhật số liệu"


@register("report_completeness")
class Completeness(LabeledEnum):
    """Where a unit stands for a period, as the completeness board shows it."""

    not_started = "not_started", "Chưa thực hiện"
    draft = "draft", "Đang soạn"
    submitted_on_time = "submitted_on_time", "Đã gửi đúng hạn"
    submitted_late = "submitted_late", "Đã gửi muộn"
    returned = "returned", "Bị trả lại"
    accepted = "accepted", "Đã tiếp nhận"


# The unit can still write and refresh its report in these.
EDITABLE_STATUSES = frozenset({ReportStatus.draft, ReportStatus.returned})
# A report in these has reached Sở Nội vụ: its figures count in the provincial summary.
RECEIVED_STATUSES = frozenset({ReportStatus.submitted, ReportStatus.accepted})
