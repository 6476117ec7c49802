"""Inspections, self-inspections and the Front's supervisions, with findings and
recommendations followed up through their actions."""

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import count
from typing import Any

from api.common.task_groups import TaskGroup
from api.inspections.enums import (
    FindingSeverity,
    InspectionKind,
    InspectionRating,
    InspectionStatus,
    RecommendationAction,
    RecommendationStatus,
)
from api.inspections.models import Finding, Inspection, Recommendation
from api.inspections.workflow import TRANSITIONS
from api.plans.enums import PlanKind
from bench.common import chance, office_time, pick, random_day, search_text
from bench.plans import PlanSet
from bench.province import Province, UnitInfo, YearSpan
from bench.vocab import person_name

# Inspections per year by who inspects (unit code, kind).
YEARLY = {
    ("SNV", InspectionKind.inspection): 8,
    ("TTT", InspectionKind.inspection): 4,
    ("UBND", InspectionKind.inspection): 3,
    ("MTTQ", InspectionKind.supervision): 6,
}
SELF_INSPECTIONS_PER_YEAR = 30
RATINGS = {
    InspectionRating.good: 0.4,
    InspectionRating.fair: 0.38,
    InspectionRating.average: 0.17,
    InspectionRating.poor: 0.05,
}
SEVERITIES = {
    FindingSeverity.minor: 0.6,
    FindingSeverity.moderate: 0.3,
    FindingSeverity.serious: 0.1,
}
FINDINGS = (
    "Chưa niêm yết đầy đủ thủ tục hành chính tại Bộ phận một cửa",
    "Lịch tiếp công dân của người đứng đầu chưa được thực hiện đều đặn",
    "Hồ sơ theo dõi giải quyết đơn thư chưa cập nhật kịp thời",
    "Chưa tổ chức đối thoại với Nhân dân theo kế hoạch",
    "Một số hồ sơ thủ tục hành chính giải quyết quá hạn chưa có văn bản xin lỗi",
)
RECOMMENDATIONS = (
    "Chấn chỉnh việc niêm yết, công khai thủ tục hành chính",
    "Bố trí lịch tiếp công dân định kỳ và công khai lịch tiếp",
    "Rà soát, giải quyết dứt điểm các đơn thư tồn đọng",
    "Xây dựng kế hoạch đối thoại với Nhân dân trong quý tới",
)


@dataclass
class InspectionSet:
    inspections: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    recommendations: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Ids:
    inspections: Iterator[int] = field(default_factory=lambda: count(1))
    findings: Iterator[int] = field(default_factory=lambda: count(1))
    recommendations: Iterator[int] = field(default_factory=lambda: count(1))
    events: Iterator[int] = field(default_factory=lambda: count(1))


def generate_inspections(p: Province, plans: PlanSet) -> InspectionSet:
    rng = p.rng("inspections")
    result, ids = InspectionSet(), _Ids()
    for span in p.years:
        for inspector, kind, inspected in _schedule(rng, p, span):
            _add_inspection(rng, p, plans, span, inspector, kind, inspected, result, ids)
    return result


def _schedule(
    rng: random.Random, p: Province, span: YearSpan
) -> Iterator[tuple[int, InspectionKind, UnitInfo]]:
    for (code, kind), per_year in YEARLY.items():
        for inspected in rng.sample(p.counted, per_year):
            if inspected.id != p.unit_ids[code]:
                yield p.unit_ids[code], kind, inspected
    for unit in rng.sample(p.counted, min(SELF_INSPECTIONS_PER_YEAR, len(p.counted))):
        yield unit.id, InspectionKind.self_inspection, unit


def _add_inspection(
    rng: random.Random,
    p: Province,
    plans: PlanSet,
    span: YearSpan,
    inspector: int,
    kind: InspectionKind,
    inspected: UnitInfo,
    result: InspectionSet,
    ids: _Ids,
) -> None:
    planned_from = random_day(rng, date(span.year, 3, 1), date(span.year, 11, 15))
    planned_to = planned_from + timedelta(days=rng.randint(3, 30))
    status, started, ended = _progress(rng, p.as_of, planned_from, planned_to)
    scope = sorted(rng.sample(list(TaskGroup), rng.randint(1, 3)), key=list(TaskGroup).index)
    concluded = status is InspectionStatus.concluded
    plan_kind = (
        PlanKind.implementation if kind is InspectionKind.self_inspection else PlanKind.inspection
    )
    plan = plans.find(inspector, span.year, plan_kind)
    values = {
        "id": next(ids.inspections),
        "kind": kind.value,
        "inspecting_unit_id": inspector,
        "inspected_unit_id": inspected.id,
        "plan_id": plan.id if plan is not None else None,
        "title": _title(kind, inspected, span.year),
        "planned_from": planned_from,
        "planned_to": planned_to,
        "started_on": started,
        "ended_on": ended,
        "status": status.value,
        "scope": [g.value for g in scope],
        "conclusion": "Đơn vị thực hiện cơ bản đầy đủ các nhiệm vụ được kiểm tra."
        if concluded
        else None,
        "rating": pick(rng, RATINGS).value if concluded else None,
        "version": 1,
    }
    values["search_text"] = search_text(Inspection.__search_fields__, values)
    result.inspections.append(values)
    if concluded and ended is not None:
        _add_findings(rng, p, values["id"], scope, inspected, ended, result, ids)


def _title(kind: InspectionKind, inspected: UnitInfo, year: int) -> str:
    match kind:
        case InspectionKind.self_inspection:
            return f"Tự kiểm tra việc thực hiện công tác dân vận chính quyền năm {year}"
        case InspectionKind.supervision:
            return f"Giám sát việc thực hiện dân chủ ở cơ sở tại {inspected.short_name} năm {year}"
    return f"Kiểm tra công tác dân vận chính quyền tại {inspected.short_name} năm {year}"


def _progress(
    rng: random.Random, as_of: date, planned_from: date, planned_to: date
) -> tuple[InspectionStatus, date | None, date | None]:
    """Status, start and end as they stand on `as_of`."""
    if planned_from > as_of:
        return InspectionStatus.planned, None, None
    started = planned_from + timedelta(days=rng.randint(0, 5))
    ended = started + (planned_to - planned_from) + timedelta(days=rng.randint(0, 10))
    if chance(rng, 0.05):
        return InspectionStatus.cancelled, None, None
    if started > as_of:
        return InspectionStatus.planned, None, None
    if ended + timedelta(days=20) > as_of or chance(rng, 0.05):
        return InspectionStatus.in_progress, started, None
    return InspectionStatus.concluded, started, ended


def _add_findings(
    rng: random.Random,
    p: Province,
    inspection_id: int,
    scope: list[TaskGroup],
    inspected: UnitInfo,
    ended: date,
    result: InspectionSet,
    ids: _Ids,
) -> None:
    finding_ids = []
    for _ in range(rng.randint(0, 3)):
        values = {
            "id": next(ids.findings),
            "inspection_id": inspection_id,
            "task_group": rng.choice(scope).value,
            "severity": pick(rng, SEVERITIES).value,
            "description": rng.choice(FINDINGS),
            "version": 1,
        }
        values["search_text"] = search_text(Finding.__search_fields__, values)
        result.findings.append(values)
        finding_ids.append(values["id"])
    for _ in range(rng.randint(1, 3)):
        recommendation_id = next(ids.recommendations)
        due_on = ended + timedelta(days=rng.randint(30, 90))
        status = _follow_up(rng, p.as_of, recommendation_id, ended, due_on, result, ids)
        values = {
            "id": recommendation_id,
            "inspection_id": inspection_id,
            "finding_id": rng.choice(finding_ids) if finding_ids and chance(rng, 0.6) else None,
            "text": rng.choice(RECOMMENDATIONS),
            "responsible_unit_id": inspected.id,
            "due_on": due_on,
            "status": status.value,
            "version": 1,
        }
        values["search_text"] = search_text(Recommendation.__search_fields__, values)
        result.recommendations.append(values)


def _follow_up(
    rng: random.Random,
    as_of: date,
    recommendation_id: int,
    issued: date,
    due_on: date,
    result: InspectionSet,
    ids: _Ids,
) -> RecommendationStatus:
    """Walk the recommendation through start, complete, verify (and now and then a reopen)
    until `as_of`; some are done late, some stall and end up overdue. Returns the status."""
    status, day = RecommendationStatus.open, issued
    steps = [RecommendationAction.start, RecommendationAction.complete, RecommendationAction.verify]
    if chance(rng, 0.05):
        steps[2:2] = [RecommendationAction.reopen, RecommendationAction.complete]
    late = chance(rng, 0.15)
    for action in steps:
        if chance(rng, 0.06):
            break  # stalled
        day = _next_day(rng, action, day, due_on, late)
        if day > as_of:
            break
        transition = TRANSITIONS[action]
        if status not in transition.sources:
            raise RuntimeError(f"{action} is not allowed from {status}")
        result.events.append(
            {
                "id": next(ids.events),
                "recommendation_id": recommendation_id,
                "action": action.value,
                "from_status": status.value,
                "to_status": transition.target.value,
                "acted_on": day,
                "note": None,
                "actor_user_id": None,
                "actor_name": person_name(rng),
                "at": office_time(rng, day),
            }
        )
        status = transition.target
    return status


def _next_day(
    rng: random.Random, action: RecommendationAction, day: date, due_on: date, late: bool
) -> date:
    """The first completion comes before the due day, or after it for a late one."""
    if action is RecommendationAction.complete and day < due_on:
        if late:
            return due_on + timedelta(days=rng.randint(5, 60))
        return day + timedelta(days=rng.randint(1, max((due_on - day).days, 1)))
    return day + timedelta(days=rng.randint(5, 25))
