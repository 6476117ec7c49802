from api.common.enums import LabeledEnum, register


@register("plan_kind")
class PlanKind(LabeledEnum):
    implementation = "implementation", "Kế hoạch thực hiện Chỉ thị 05-CT/TU"
    friendly_model = "friendly_model", "Kế hoạch mô hình “thân thiện vì Nhân dân phục vụ”"
    inspection = "inspection", "Kế hoạch kiểm tra, giám sát"
    training = "training", "Kế hoạch tập huấn, bồi dưỡng"
    dissemination = "dissemination", "Kế hoạch tuyên truyền, quán triệt"
    other = "other", "Kế hoạch khác"


@register("plan_status")
class PlanStatus(LabeledEnum):
    draft = "draft", "Dự thảo"
    issued = "issued", "Đã ban hành"
    in_progress = "in_progress", "Đang triển khai"
    completed = "completed", "Hoàn thành"
    cancelled = "cancelled", "Đã hủy"


# A plan in these states is an issued document: it needs its number and issue date.
ISSUED_STATUSES = frozenset({PlanStatus.issued, PlanStatus.in_progress, PlanStatus.completed})

PLAN_TRANSITIONS: dict[PlanStatus, frozenset[PlanStatus]] = {
    PlanStatus.draft: frozenset({PlanStatus.issued, PlanStatus.cancelled}),
    PlanStatus.issued: frozenset(
        {PlanStatus.in_progress, PlanStatus.completed, PlanStatus.cancelled}
    ),
    PlanStatus.in_progress: frozenset({PlanStatus.completed, PlanStatus.cancelled}),
    PlanStatus.completed: frozenset(),
    PlanStatus.cancelled: frozenset(),
}


@register("plan_task_status")
class TaskStatus(LabeledEnum):
    not_started = "not_started", "Chưa thực hiện"
    in_progress = "in_progress", "Đang thực hiện"
    done = "done", "Đã hoàn thành"
    cancelled = "cancelled", "Đã hủy"


# A task in these states can no longer be late.
CLOSED_TASK_STATUSES = frozenset({TaskStatus.done, TaskStatus.cancelled})
