"""Activities of the counted units, their officials in charge, and who attended trainings."""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import count
from typing import Any

from api.activities.enums import ActivityKind, ModelRating
from api.activities.models import Activity, Official
from api.common.task_groups import TaskGroup
from api.common.text import fold
from api.plans.enums import PlanKind, PlanStatus
from bench.common import chance, pick, random_day, search_text, working_day
from bench.plans import PlanSet
from bench.province import Province, UnitInfo, YearSpan
from bench.vocab import person_name, phone

# Shares of the activities that are neither the yearly model assessment nor the first training.
KIND_SHARES = {
    ActivityKind.dissemination: 0.36,
    ActivityKind.dialogue: 0.16,
    ActivityKind.training: 0.12,
    ActivityKind.review: 0.1,
    ActivityKind.officials_conference: 0.1,
    ActivityKind.other: 0.16,
}
RATINGS = {
    ModelRating.excellent: 0.15,
    ModelRating.good: 0.45,
    ModelRating.achieved: 0.3,
    ModelRating.not_achieved: 0.1,
}
PARTICIPANTS = {
    ActivityKind.dissemination: (40, 400),
    ActivityKind.training: (15, 90),
    ActivityKind.dialogue: (25, 160),
    ActivityKind.review: (20, 80),
    ActivityKind.officials_conference: (20, 120),
    ActivityKind.model_assessment: (5, 25),
    ActivityKind.other: (10, 200),
}
TASK_GROUP = {
    ActivityKind.dissemination: TaskGroup.dissemination,
    ActivityKind.training: TaskGroup.administrative_reform,
    ActivityKind.dialogue: TaskGroup.citizen_reception,
    ActivityKind.review: TaskGroup.inspection_review,
    ActivityKind.officials_conference: TaskGroup.grassroots_democracy,
    ActivityKind.model_assessment: TaskGroup.skilled_mobilisation,
    ActivityKind.other: TaskGroup.front_coordination,
}
TITLES = {
    ActivityKind.dissemination: (
        "Hội nghị quán triệt Chỉ thị 05-CT/TU về công tác dân vận chính quyền",
        "Tuyên truyền Luật Thực hiện dân chủ ở cơ sở trên hệ thống loa truyền thanh",
        "Tuyên truyền về cải cách hành chính, dịch vụ công trực tuyến",
    ),
    ActivityKind.training: (
        "Lớp tập huấn nghiệp vụ công tác dân vận chính quyền năm {y}",
        "Bồi dưỡng kỹ năng dân vận, văn hóa công vụ cho cán bộ, công chức",
    ),
    ActivityKind.dialogue: (
        "Đối thoại với Nhân dân về công tác bồi thường, giải phóng mặt bằng",
        "Đối thoại với Nhân dân về cải cách thủ tục hành chính",
        "Đối thoại với hội viên nông dân về chuyển đổi cơ cấu cây trồng",
    ),
    ActivityKind.review: (
        "Sơ kết 6 tháng đầu năm {y} thực hiện công tác dân vận chính quyền",
        "Tổng kết công tác dân vận chính quyền năm {y}",
    ),
    ActivityKind.officials_conference: ("Hội nghị cán bộ, công chức, viên chức năm {y}",),
    ActivityKind.model_assessment: (
        "Tự đánh giá mô hình “Chính quyền thân thiện vì Nhân dân phục vụ” năm {y}",
    ),
    ActivityKind.other: (
        "Ra quân vệ sinh môi trường hưởng ứng phong trào “Dân vận khéo”",
        "Thăm, tặng quà gia đình chính sách nhân dịp Tết Nguyên đán",
        "Phối hợp Mặt trận tổ chức Ngày hội Đại đoàn kết toàn dân tộc",
    ),
}
# Months in which kinds cluster: assessments and reviews come at the end of a period.
MONTHS = {ActivityKind.model_assessment: (10, 12), ActivityKind.review: (6, 12)}
# The plan an activity carries out: the yearly implementation plan unless said here.
PLAN_FOR = {ActivityKind.model_assessment: PlanKind.friendly_model}
OUTCOMES = (
    "Đạt yêu cầu đề ra.",
    "Nhân dân đồng tình, hưởng ứng.",
    "Đã tiếp thu, giải trình các ý kiến của Nhân dân.",
)
LOCAL_POSITIONS = (
    "Phó Chủ tịch Ủy ban nhân dân",
    "Công chức Văn phòng - Thống kê",
    "Công chức Văn hóa - Xã hội",
    "Công chức Tư pháp - Hộ tịch",
    "Chủ tịch Ủy ban nhân dân",
)
DEPARTMENT_POSITIONS = ("Phó Giám đốc", "Chánh Văn phòng", "Trưởng phòng", "Chuyên viên")
ATTEND_ONE, ATTEND_ANOTHER, AT_PROVINCE = 0.85, 0.15, 0.3


@dataclass(frozen=True)
class Training:
    id: int
    unit_id: int
    held_on: date


@dataclass(frozen=True)
class OfficialTerm:
    id: int
    unit_id: int
    since: date | None
    until: date | None

    def in_charge_on(self, day: date) -> bool:
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )


@dataclass
class ActivitySet:
    activities: list[dict[str, Any]]
    trainings: dict[tuple[int, int], list[Training]]  # (unit id, year) -> trainings


def generate_activities(p: Province, plans: PlanSet, target: int) -> ActivitySet:
    rng = p.rng("activities")
    ids = count(1)
    result = ActivitySet([], {})
    scale = target / sum(u.weight * s.days / 365 for u in p.counted for s in p.years)
    for unit in p.counted:
        for span in p.years:
            for kind in _kinds(rng, unit, span, plans, scale):
                activity = _activity(rng, p, plans, unit, span, kind, next(ids))
                result.activities.append(activity)
                if kind is ActivityKind.training:
                    training = Training(activity["id"], unit.id, activity["held_on"])
                    result.trainings.setdefault((unit.id, span.year), []).append(training)
    return result


def _kinds(
    rng: random.Random, unit: UnitInfo, span: YearSpan, plans: PlanSet, scale: float
) -> list[ActivityKind]:
    """The year's activities: the model assessment if the model was planned, one training in
    most years, then the rest by share."""
    wanted = round(scale * unit.weight * span.days / 365 * rng.uniform(0.8, 1.2))
    kinds = []
    friendly = plans.find(unit.id, span.year, PlanKind.friendly_model)
    if friendly is not None and friendly.status is not PlanStatus.draft:
        kinds.append(ActivityKind.model_assessment)
    if chance(rng, 0.92):
        kinds.append(ActivityKind.training)
    kinds += rng.choices(
        list(KIND_SHARES), list(KIND_SHARES.values()), k=max(wanted - len(kinds), 0)
    )
    return kinds


def _activity(
    rng: random.Random,
    p: Province,
    plans: PlanSet,
    unit: UnitInfo,
    span: YearSpan,
    kind: ActivityKind,
    activity_id: int,
) -> dict[str, Any]:
    first_month, last_month = MONTHS.get(kind, (1, 12))
    first, last = date(span.year, first_month, 1), min(date(span.year, last_month, 20), span.last)
    held_on = working_day(rng, first, last, p.holidays) if first <= last else span.last
    plan = plans.find(unit.id, span.year, PLAN_FOR.get(kind, PlanKind.implementation))
    low, high = PARTICIPANTS[kind]
    values = {
        "id": activity_id,
        "unit_id": unit.id,
        "kind": kind.value,
        "held_on": held_on,
        "title": rng.choice(TITLES[kind]).format(y=span.year),
        "participants": rng.randint(low, high),
        "outcome": rng.choice(OUTCOMES) if chance(rng, 0.6) else None,
        "task_group": TASK_GROUP[kind].value if chance(rng, 0.85) else None,
        "plan_id": plan.id if plan is not None and chance(rng, 0.75) else None,
        "rating": pick(rng, RATINGS).value if kind is ActivityKind.model_assessment else None,
        "version": 1,
    }
    values["search_text"] = search_text(Activity.__search_fields__, values)
    return values


def generate_officials(p: Province) -> tuple[list[dict[str, Any]], list[OfficialTerm]]:
    """2–6 officials in charge per unit; some leave during the years and are replaced."""
    rng = p.rng("officials")
    ids = count(1)
    first, last = p.years[0].first, p.years[-1].last
    records: list[dict[str, Any]] = []
    for unit in p.counted:
        for _ in range(rng.randint(2, 6)):
            since = random_day(rng, first, last - timedelta(days=200)) if chance(rng, 0.2) else None
            until = None
            if chance(rng, 0.12):
                until = random_day(rng, since or first, last - timedelta(days=30))
            records.append(_official(rng, unit, next(ids), since, until))
            if until is not None:  # a successor takes over the work
                successor_since = until + timedelta(days=rng.randint(1, 20))
                records.append(_official(rng, unit, next(ids), successor_since, None))
    terms = [OfficialTerm(r["id"], r["unit_id"], r["since"], r["until"]) for r in records]
    return records, terms


def _official(
    rng: random.Random, unit: UnitInfo, official_id: int, since: date | None, until: date | None
) -> dict[str, Any]:
    name = person_name(rng)
    positions = LOCAL_POSITIONS if unit.is_local else DEPARTMENT_POSITIONS
    mailbox = fold(name).replace(" ", "")
    values = {
        "id": official_id,
        "unit_id": unit.id,
        "full_name": name,
        "position": rng.choice(positions),
        "phone": phone(rng) if chance(rng, 0.8) else None,
        "email": f"{mailbox}.{unit.code.lower()}@ninhbinh.gov.vn" if chance(rng, 0.5) else None,
        "is_active": until is None,
        "since": since,
        "until": until,
        "version": 1,
    }
    values["search_text"] = search_text(Official.__search_fields__, values)
    return values


def generate_attendance(
    p: Province, activities: ActivitySet, officials: list[OfficialTerm]
) -> list[dict[str, Any]]:
    """Most officials attend a training of their year: their unit's, or for a commune's
    officials sometimes the provincial one of the Department of Home Affairs."""
    rng = p.rng("training_attendance")
    ids = count(1)
    provincial_id = p.unit_ids["SNV"]
    pairs: set[tuple[int, int]] = set()
    for official in officials:
        for span in p.years:
            own = activities.trainings.get((official.unit_id, span.year), [])
            provincial = activities.trainings.get((provincial_id, span.year), [])
            for training in _attended(rng, official, own, provincial):
                pairs.add((training.id, official.id))
    return [
        {"id": next(ids), "activity_id": activity_id, "official_id": official_id}
        for activity_id, official_id in sorted(pairs)
    ]


def _attended(
    rng: random.Random,
    official: OfficialTerm,
    own: list[Training],
    provincial: list[Training],
) -> Iterator[Training]:
    own = [t for t in own if official.in_charge_on(t.held_on)]
    provincial = [t for t in provincial if official.in_charge_on(t.held_on)]
    for probability in (ATTEND_ONE, ATTEND_ANOTHER):
        if not chance(rng, probability):
            return
        pool = provincial if provincial and (not own or chance(rng, AT_PROVINCE)) else own
        if pool:
            yield rng.choice(pool)
