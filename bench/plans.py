"""Plans of each counted unit per year, with their tasks."""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import count
from typing import Any

from api.common.task_groups import TaskGroup
from api.plans.enums import PlanKind, PlanStatus, TaskStatus
from api.plans.models import Plan, PlanTask
from bench.common import chance, pick, search_text, working_day
from bench.province import Province, UnitInfo, YearSpan
from bench.vocab import person_name

# Chance that a unit has the plan in a year at all, and that it is still a draft.
PLAN_ODDS = {
    PlanKind.implementation: (0.95, 0.05),
    PlanKind.friendly_model: (0.88, 0.08),
    PlanKind.training: (0.3, 0.1),
    PlanKind.dissemination: (0.25, 0.1),
    PlanKind.inspection: (0.15, 0.1),
}
# Months within which each kind is issued (first, last).
ISSUE_MONTHS = {
    PlanKind.implementation: (1, 3),
    PlanKind.friendly_model: (2, 4),
    PlanKind.training: (2, 6),
    PlanKind.dissemination: (1, 5),
    PlanKind.inspection: (3, 7),
}
TITLES = {
    PlanKind.implementation: (
        "Kế hoạch triển khai thực hiện Chỉ thị 05-CT/TU về công tác dân vận chính quyền năm {y}"
    ),
    PlanKind.friendly_model: (
        "Kế hoạch xây dựng mô hình “Chính quyền thân thiện vì Nhân dân phục vụ” năm {y}"
    ),
    PlanKind.training: "Kế hoạch tập huấn, bồi dưỡng nghiệp vụ công tác dân vận năm {y}",
    PlanKind.dissemination: "Kế hoạch tuyên truyền, quán triệt các văn bản về dân vận năm {y}",
    PlanKind.inspection: (
        "Kế hoạch kiểm tra, giám sát việc thực hiện công tác dân vận chính quyền năm {y}"
    ),
}
TASK_GROUPS_BY_KIND = {
    PlanKind.implementation: tuple(TaskGroup),
    PlanKind.friendly_model: (
        TaskGroup.skilled_mobilisation,
        TaskGroup.administrative_reform,
        TaskGroup.citizen_reception,
    ),
    PlanKind.training: (TaskGroup.administrative_reform, TaskGroup.dissemination),
    PlanKind.dissemination: (TaskGroup.dissemination,),
    PlanKind.inspection: (TaskGroup.inspection_review,),
}
TASK_TITLES = {
    TaskGroup.dissemination: (
        "Tổ chức hội nghị quán triệt Chỉ thị 05-CT/TU đến cán bộ, công chức",
        "Tuyên truyền trên hệ thống truyền thanh cơ sở về công tác dân vận",
    ),
    TaskGroup.administrative_reform: (
        "Rà soát, niêm yết công khai thủ tục hành chính tại Bộ phận một cửa",
        "Nâng cao tỷ lệ hồ sơ giải quyết đúng hạn và trực tuyến toàn trình",
    ),
    TaskGroup.grassroots_democracy: (
        "Thực hiện Luật Thực hiện dân chủ ở cơ sở, công khai thông tin cho Nhân dân",
        "Tổ chức lấy ý kiến Nhân dân về các công trình dân sinh",
    ),
    TaskGroup.citizen_reception: (
        "Bố trí lịch tiếp công dân định kỳ của người đứng đầu",
        "Giải quyết dứt điểm các vụ việc khiếu nại, tố cáo tồn đọng",
    ),
    TaskGroup.front_coordination: (
        "Ký kết quy chế phối hợp với Ủy ban Mặt trận Tổ quốc cùng cấp",
        "Tổ chức hội nghị đối thoại phối hợp với Mặt trận và các đoàn thể",
    ),
    TaskGroup.skilled_mobilisation: (
        "Đăng ký xây dựng mô hình “Dân vận khéo” trên lĩnh vực cải cách hành chính",
        "Tự đánh giá, chấm điểm mô hình “Chính quyền thân thiện vì Nhân dân phục vụ”",
    ),
    TaskGroup.inspection_review: (
        "Kiểm tra việc thực hiện công tác dân vận tại các đơn vị trực thuộc",
        "Sơ kết 6 tháng, tổng kết năm công tác dân vận chính quyền",
    ),
}
# Where a finished plan's year stands: a past year's plans are mostly completed.
PAST_STATUSES = {PlanStatus.completed: 0.8, PlanStatus.in_progress: 0.12, PlanStatus.issued: 0.06}
CURRENT_STATUSES = {
    PlanStatus.in_progress: 0.62,
    PlanStatus.issued: 0.28,
    PlanStatus.completed: 0.1,
}
CANCELLED_SHARE = 0.02
# Task statuses once the due day has passed (about one in six still open: overdue), and before.
DUE_PASSED = {
    TaskStatus.done: 0.78,
    TaskStatus.cancelled: 0.04,
    TaskStatus.in_progress: 0.12,
    TaskStatus.not_started: 0.06,
}
NOT_DUE = {TaskStatus.not_started: 0.35, TaskStatus.in_progress: 0.55, TaskStatus.done: 0.1}
DONE_RESULT = "Đã hoàn thành theo kế hoạch, có báo cáo kết quả."


@dataclass(frozen=True)
class PlanRef:
    id: int
    unit_id: int
    year: int
    kind: PlanKind
    status: PlanStatus
    issued_on: date | None


@dataclass
class PlanSet:
    plans: list[dict[str, Any]]
    tasks: list[dict[str, Any]]
    by_key: dict[tuple[int, int, PlanKind], PlanRef]

    def find(self, unit_id: int, year: int, kind: PlanKind) -> PlanRef | None:
        return self.by_key.get((unit_id, year, kind))


def generate_plans(p: Province) -> PlanSet:
    rng = p.rng("plans")
    plan_ids, task_ids = count(1), count(1)
    result = PlanSet([], [], {})
    for unit in p.counted:
        numbers = iter(rng.sample(range(1, 1000), len(p.years) * len(PLAN_ODDS)))
        for span in p.years:
            for kind in PLAN_ODDS:
                if not _has_plan(rng, unit, kind):
                    continue
                plan = _plan(rng, p, unit, span, kind, next(plan_ids), next(numbers))
                result.plans.append(plan)
                status = PlanStatus(plan["status"])
                ref = PlanRef(plan["id"], unit.id, span.year, kind, status, plan["issued_on"])
                result.by_key[(unit.id, span.year, kind)] = ref
                result.tasks.extend(_tasks(rng, p, span, ref, task_ids))
    return result


def _has_plan(rng: random.Random, unit: UnitInfo, kind: PlanKind) -> bool:
    # The province's inspecting bodies plan their inspections every year.
    if kind is PlanKind.inspection and unit.code in ("SNV", "TTT"):
        return True
    return chance(rng, PLAN_ODDS[kind][0])


def _plan(
    rng: random.Random,
    p: Province,
    unit: UnitInfo,
    span: YearSpan,
    kind: PlanKind,
    plan_id: int,
    number: int,
) -> dict[str, Any]:
    first_month, last_month = ISSUE_MONTHS[kind]
    window_start = date(span.year, first_month, 5)
    window_end = min(date(span.year, last_month, 28), span.last)
    draft = chance(rng, PLAN_ODDS[kind][1]) or window_start > window_end
    values: dict[str, Any] = {
        "id": plan_id,
        "unit_id": unit.id,
        "year": span.year,
        "kind": kind.value,
        "title": TITLES[kind].format(y=span.year),
        "document_number": None,
        "issued_on": None,
        "signer": None,
        "status": PlanStatus.draft.value,
        "summary": None,
        "version": 1,
    }
    if not draft:
        is_current = span.year == p.years[-1].year
        status = pick(rng, CURRENT_STATUSES if is_current else PAST_STATUSES)
        if chance(rng, CANCELLED_SHARE):
            status = PlanStatus.cancelled
        values |= {
            "document_number": f"{number}/KH-{unit.issuer}",
            "issued_on": working_day(rng, window_start, window_end, p.holidays),
            "signer": person_name(rng),
            "status": status.value,
            "summary": f"Triển khai tại {unit.short_name}: {kind.label.lower()} năm {span.year}.",
        }
    values["search_text"] = search_text(Plan.__search_fields__, values)
    return values


def _tasks(
    rng: random.Random, p: Province, span: YearSpan, plan: PlanRef, ids: Iterator[int]
) -> list[dict[str, Any]]:
    if plan.status is PlanStatus.draft:
        return [
            _task(rng, p, span, plan, next(ids), open_only=True) for _ in range(rng.randint(0, 2))
        ]
    return [_task(rng, p, span, plan, next(ids)) for _ in range(rng.randint(2, 6))]


def _task(
    rng: random.Random,
    p: Province,
    span: YearSpan,
    plan: PlanRef,
    task_id: int,
    *,
    open_only: bool = False,
) -> dict[str, Any]:
    group = rng.choice(TASK_GROUPS_BY_KIND[plan.kind])
    start = (plan.issued_on or span.first) + timedelta(days=30)
    due_on = start + timedelta(days=rng.randint(0, max((date(span.year, 12, 31) - start).days, 0)))
    status = _task_status(rng, due_on <= p.as_of, open_only)
    values = {
        "id": task_id,
        "plan_id": plan.id,
        "task_group": group.value,
        "title": rng.choice(TASK_TITLES[group]),
        "due_on": due_on,
        "status": status.value,
        "progress": _progress(rng, status),
        "result": DONE_RESULT if status is TaskStatus.done else None,
        "version": 1,
    }
    values["search_text"] = search_text(PlanTask.__search_fields__, values)
    return values


def _task_status(rng: random.Random, due_passed: bool, open_only: bool) -> TaskStatus:
    if open_only:
        return TaskStatus.not_started
    return pick(rng, DUE_PASSED if due_passed else NOT_DUE)


def _progress(rng: random.Random, status: TaskStatus) -> int:
    match status:
        case TaskStatus.done:
            return 100
        case TaskStatus.in_progress:
            return rng.randrange(10, 95, 5)
        case TaskStatus.cancelled:
            return rng.randrange(0, 55, 5)
    return 0
