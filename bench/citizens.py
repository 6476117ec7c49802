"""Citizen receptions and petitions, each petition walked through the app's lifecycle."""

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import count
from typing import Any, cast

from psycopg.types.json import Jsonb

from api.config import PROVINCE_TZ
from api.reception.enums import (
    CaseType,
    ComplaintOutcome,
    Complexity,
    PetitionAction,
    PetitionField,
    PetitionSource,
    PetitionStatus,
    ReceptionResult,
    ResolutionLevel,
    SessionType,
)
from api.reception.models import Petition, Reception
from api.reception.timing import SINGLE_LIMIT_TYPES, Calendar, extensions_left
from api.reception.workflow import next_status
from api.units.enums import UnitKind
from bench.common import chance, is_working_day, office_time, pick, search_text, working_day
from bench.province import Province, UnitInfo, YearSpan
from bench.vocab import address, id_number, person_name

A, S = PetitionAction, PetitionStatus

CASE_TYPES = {
    CaseType.recommendation: 0.45,
    CaseType.feedback: 0.25,
    CaseType.complaint: 0.22,
    CaseType.denunciation: 0.08,
}
FIELDS = {
    PetitionField.land: 0.34,
    PetitionField.land_recovery: 0.14,
    PetitionField.social_security: 0.12,
    PetitionField.labor: 0.06,
    PetitionField.meritorious_people: 0.05,
    PetitionField.administrative_procedure: 0.12,
    PetitionField.other: 0.17,
}
SOURCES = {PetitionSource.mail: 0.42, PetitionSource.online: 0.33, PetitionSource.transferred: 0.25}
# The department a commune sends a petition to, by field.
DEPARTMENT_FOR = {
    PetitionField.land: "SNNMT",
    PetitionField.land_recovery: "SNNMT",
    PetitionField.social_security: "SNV",
    PetitionField.labor: "SNV",
    PetitionField.meritorious_people: "SNV",
    PetitionField.administrative_procedure: "VPUBND",
    PetitionField.other: "TTT",
}
SUBJECTS = {
    PetitionField.land: (
        "việc cấp giấy chứng nhận quyền sử dụng đất chậm so với quy định",
        "việc xác định ranh giới thửa đất giáp ranh với hộ liền kề",
        "việc chuyển mục đích sử dụng đất vườn sang đất ở",
    ),
    PetitionField.land_recovery: (
        "mức bồi thường khi thu hồi đất làm đường giao thông",
        "việc hỗ trợ tái định cư khi giải phóng mặt bằng khu công nghiệp",
    ),
    PetitionField.social_security: (
        "việc xét hộ nghèo, hộ cận nghèo năm nay",
        "việc chi trả trợ cấp xã hội cho người cao tuổi",
    ),
    PetitionField.labor: ("việc doanh nghiệp nợ lương, chưa đóng bảo hiểm xã hội",),
    PetitionField.meritorious_people: ("việc giải quyết chế độ cho thân nhân liệt sĩ",),
    PetitionField.administrative_procedure: (
        "việc giải quyết hồ sơ chứng thực, hộ tịch quá hạn",
        "thái độ của công chức tại Bộ phận một cửa",
    ),
    PetitionField.other: (
        "tình trạng ô nhiễm môi trường từ cơ sở chăn nuôi",
        "việc xây dựng công trình trái phép trên đất nông nghiệp",
    ),
}
VERBS = {
    CaseType.complaint: "Khiếu nại về",
    CaseType.denunciation: "Tố cáo sai phạm trong",
    CaseType.recommendation: "Kiến nghị xem xét",
    CaseType.feedback: "Phản ánh",
}
# The office's own sessions; the head's periodic ones follow the duty (_sessions).
OFFICE_SESSIONS = {SessionType.regular: 0.9, SessionType.head_unscheduled: 0.1}
RESULTS = {
    ReceptionResult.guided: 0.38,
    ReceptionResult.petition_received: 0.32,
    ReceptionResult.transferred: 0.15,
    ReceptionResult.answered: 0.15,
}
OUTCOMES = {
    ComplaintOutcome.right: 0.2,
    ComplaintOutcome.partly_right: 0.25,
    ComplaintOutcome.wrong: 0.55,
}
RECEPTIONS_PER_YEAR = 20  # the office's sessions per unit, besides the head's periodic ones
# Each unit's head keeps the duty of Law on Citizen Reception art. 18 (a commune's chair one day
# a week, a department head one a month) in this share of the weeks or months, drawn per unit:
# most nearly always, so the dashboard names the few who lag, as in a real province.
HEAD_DUTY_KEPT = (0.85, 1.0)
# At most this share of the petitions comes from receptions (matters for small sizes only).
FROM_RECEPTIONS_CAP = 0.25
DUPLICATE_SHARE = 0.02
REASONS = {
    A.reject: "Đơn không đủ điều kiện thụ lý theo quy định",
    A.extend: "Vụ việc phức tạp, cần thêm thời gian xác minh",
}
# (decision document prefix) by case type: decisions for complaints, conclusions, notices.
DECISION_KIND = {
    CaseType.complaint: "QĐ",
    CaseType.denunciation: "KL",
    CaseType.recommendation: "TB",
    CaseType.feedback: "TB",
}


@dataclass
class Step:
    unit_id: int  # the unit that held the petition when acting
    action: PetitionAction
    from_status: PetitionStatus
    to_status: PetitionStatus
    acted_on: date
    details: dict[str, Any]


@dataclass
class Draft:
    """A petition as generated, with the attributes `api.reception.timing` reads."""

    unit_id: int
    case_type: CaseType
    field: PetitionField
    source: PetitionSource
    received_on: date
    petitioner_name: str
    petitioner_id_number: str | None
    petitioner_address: str | None
    summary: str
    resolution_level: ResolutionLevel | None = None
    is_complex: bool = False
    is_remote_area: bool = False
    needs_verification: bool = False
    complexity: Complexity = Complexity.normal
    sent_to_level_above: bool = False
    external_id: str | None = None
    status: PetitionStatus = S.received
    accepted_on: date | None = None
    transferred_on: date | None = None
    extensions: int = 0
    decision_number: str | None = None
    decision_date: date | None = None
    outcome: ComplaintOutcome | None = None
    history: list[Step] = field(default_factory=list)
    id: int = 0
    duplicate_of_id: int | None = None


@dataclass
class ReceptionSet:
    receptions: list[dict[str, Any]]
    petitions: list[Draft]


@dataclass
class _Context:
    rng: random.Random
    province: Province
    calendar: Calendar
    decision_numbers: Iterator[int] = field(default_factory=lambda: count(1))


def generate_citizen_cases(p: Province, calendar: Calendar, petitions: int) -> ReceptionSet:
    """Receptions (some filing a petition), then the other petitions up to `petitions`."""
    rng = p.rng("petitions")
    ctx = _Context(rng, p, calendar)
    receptions, drafts = _receptions(p.rng("receptions"), p, petitions)
    drafts += _other_petitions(rng, p, max(petitions - len(drafts), 0))
    for draft in drafts:
        _walk(ctx, draft)
    # Ids in order of receipt, as the app would have given them.
    order = sorted(range(len(drafts)), key=lambda i: (drafts[i].received_on, i))
    for new_id, index in enumerate(order, start=1):
        drafts[index].id = new_id
    for reception in receptions:
        if reception["petition_id"] is not None:
            reception["petition_id"] = drafts[reception["petition_id"]].id
    ordered = [drafts[i] for i in order]
    _mark_duplicates(rng, ordered)
    return ReceptionSet(receptions, ordered)


def _result_weights(petitions: int, sessions: int) -> dict[ReceptionResult, float]:
    """RESULTS, with fewer sessions filing a petition when few petitions are wanted."""
    filing = ReceptionResult.petition_received
    share = min(RESULTS[filing], FROM_RECEPTIONS_CAP * petitions / max(sessions, 1))
    rest = (1 - share) / (1 - RESULTS[filing])
    return {r: share if r is filing else w * rest for r, w in RESULTS.items()}


Session = tuple[UnitInfo, datetime, SessionType]


def _sessions(rng: random.Random, p: Province) -> list[Session]:
    """About 20 sessions of the office per unit and year, and the head's periodic ones: one
    day in most weeks (communes and wards) or months (the others)."""
    sessions: list[Session] = []
    for unit in p.counted:
        kept = rng.uniform(*HEAD_DUTY_KEPT)
        for span in p.years:
            for _ in range(round(RECEPTIONS_PER_YEAR * span.days / 365 * rng.uniform(0.6, 1.4))):
                day = working_day(rng, span.first, span.last, p.holidays)
                sessions.append((unit, office_time(rng, day), pick(rng, OFFICE_SESSIONS)))
            for first, last in _duty_periods(span, weekly=unit.is_local):
                if chance(rng, kept):
                    day = working_day(rng, first, last, p.holidays)
                    sessions.append((unit, office_time(rng, day), SessionType.head_periodic))
    return sessions


def _duty_periods(span: YearSpan, weekly: bool) -> Iterator[tuple[date, date]]:
    """The working weeks (Monday to Friday) or the months of `span`, clipped to it."""
    if weekly:
        monday = span.first - timedelta(days=span.first.weekday())
        while monday <= span.last:
            first, last = max(monday, span.first), min(monday + timedelta(days=4), span.last)
            if first <= last:  # not a week whose working days lie outside the span
                yield first, last
            monday += timedelta(days=7)
        return
    first = span.first
    while first <= span.last:
        following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
        yield first, min(following - timedelta(days=1), span.last)
        first = following


def _receptions(
    rng: random.Random, p: Province, petitions: int
) -> tuple[list[dict[str, Any]], list[Draft]]:
    """Every session of `_sessions`; `petition_id` holds the index of the draft the session
    filed until the petitions get their ids."""
    sessions = _sessions(rng, p)
    results = _result_weights(petitions, len(sessions))
    rows: list[dict[str, Any]] = []
    drafts: list[Draft] = []
    for reception_id, session in enumerate(sessions, start=1):
        rows.append(_reception(rng, p, session, reception_id, results, drafts))
    return rows, drafts


def _reception(
    rng: random.Random,
    p: Province,
    session: Session,
    reception_id: int,
    results: dict[ReceptionResult, float],
    drafts: list[Draft],
) -> dict[str, Any]:
    unit, received_at, session_type = session
    head_session = session_type is not SessionType.regular
    draft = _new_draft(
        rng, p, unit, received_at.astimezone(PROVINCE_TZ).date(), PetitionSource.reception
    )
    result = pick(rng, results)
    values = {
        "id": reception_id,
        "unit_id": unit.id,
        "received_at": received_at,
        "session_type": session_type.value,
        "receiver_name": person_name(rng),
        "head_in_person": chance(rng, 0.95 if head_session else 0.03),
        "citizen_name": draft.petitioner_name,
        "citizen_id_number": draft.petitioner_id_number,
        "citizen_address": draft.petitioner_address,
        "group_size": _group_size(rng),
        "content": draft.summary,
        "field": draft.field.value,
        "case_type": draft.case_type.value,
        "result": result.value,
        "petition_id": None,
        "version": 1,
    }
    if result is ReceptionResult.petition_received:
        values["petition_id"] = len(drafts)
        drafts.append(draft)
    values["search_text"] = search_text(Reception.__search_fields__, values)
    return values


def _group_size(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.05:  # a crowd (đoàn đông người): five people or more
        return rng.randint(5, 30)
    return rng.randint(2, 4) if roll < 0.12 else 1


def _other_petitions(rng: random.Random, p: Province, wanted: int) -> list[Draft]:
    weights = {(u, s): _petition_weight(u) * s.days for u in p.counted for s in p.years}
    scale = wanted / sum(weights.values())
    drafts = []
    online_numbers: dict[int, Iterator[int]] = {}
    for (unit, span), weight in weights.items():
        expected = weight * scale
        for _ in range(int(expected) + chance(rng, expected % 1)):
            source = pick(rng, SOURCES)
            any_day = source is PetitionSource.online and chance(rng, 0.2)
            day = _day(rng, span, p.holidays, any_day)
            draft = _new_draft(rng, p, unit, day, source)
            if source is PetitionSource.online:
                number = next(online_numbers.setdefault(span.year, count(1)))
                draft.external_id = f"PAKN-{span.year}-{number:06d}"
            drafts.append(draft)
    return drafts


def _petition_weight(unit: UnitInfo) -> float:
    if unit.code == "TTT":  # the provincial inspectorate receives many petitions directly
        return unit.weight * 1.5
    return unit.weight * (0.4 if unit.kind is UnitKind.department else 1.0)


def _day(rng: random.Random, span: YearSpan, holidays: frozenset[date], any_day: bool) -> date:
    if any_day:
        return span.first + timedelta(days=rng.randint(0, span.days - 1))
    return working_day(rng, span.first, span.last, holidays)


def _new_draft(
    rng: random.Random, p: Province, unit: UnitInfo, day: date, source: PetitionSource
) -> Draft:
    case_type, petition_field = pick(rng, CASE_TYPES), pick(rng, FIELDS)
    place = unit if unit.is_local else rng.choice(p.local)
    draft = Draft(
        unit_id=unit.id,
        case_type=case_type,
        field=petition_field,
        source=source,
        received_on=day,
        petitioner_name=person_name(rng),
        petitioner_id_number=id_number(rng) if chance(rng, 0.7) else None,
        petitioner_address=address(rng, place.short_name) if chance(rng, 0.9) else None,
        summary=f"{VERBS[case_type]} {rng.choice(SUBJECTS[petition_field])}.",
        sent_to_level_above=chance(rng, 0.03),
    )
    if case_type is CaseType.complaint:
        draft.resolution_level = (
            ResolutionLevel.second if chance(rng, 0.15) else ResolutionLevel.first
        )
        draft.is_complex = chance(rng, 0.15)
        draft.is_remote_area = unit.kind is UnitKind.commune and chance(rng, 0.05)
    elif case_type is CaseType.denunciation:
        draft.needs_verification = chance(rng, 0.4)
        draft.complexity = pick(
            rng,
            {Complexity.normal: 0.75, Complexity.complex: 0.2, Complexity.especially_complex: 0.05},
        )
    return draft


# --- lifecycle -------------------------------------------------------------------------------

# What happens next, by status: action -> weight; None is "nothing more happens" (a settled
# petition that is never closed).
NEXT = {
    S.received: {A.accept: 0.76, A.reject: 0.1, A.transfer: 0.12, A.withdraw: 0.02},
    S.transferred: {A.accept: 0.84, A.reject: 0.12, A.transfer: 0.03, A.withdraw: 0.01},
    S.accepted: {A.start: 0.98, A.withdraw: 0.02},
    S.in_resolution: {A.resolve: 0.95, A.suspend: 0.03, A.withdraw: 0.02},
    S.suspended: {A.resume: 0.92, A.withdraw: 0.08},
    S.resolved: {A.close: 0.75, None: 0.25},
    S.not_accepted: {A.close: 0.6, None: 0.4},
    S.closed: {None: 1.0},
    S.withdrawn: {None: 1.0},
}
# Days between the previous step and an action (low, high); recommendations and feedback have
# one short limit from receipt (10 working days), so they move faster.
GAPS = {
    A.accept: (1, 8),
    A.reject: (2, 10),
    A.transfer: (1, 5),
    A.withdraw: (3, 20),
    A.start: (0, 4),
    A.extend: (20, 30),
    A.suspend: (5, 20),
    A.resume: (10, 45),
    A.resolve: (8, 28),
    A.close: (3, 30),
}
AFTER_SUSPENSION = {A.resolve: 0.97, A.withdraw: 0.03}
SINGLE_LIMIT_GAPS = GAPS | {A.accept: (1, 3), A.start: (0, 1), A.resolve: (2, 7)}
LATE_RESOLUTION = (35, 90)
LATE_SHARE, EXTEND_SHARE = 0.1, 0.4
# Now and then a step waits for months (the backlog of the last months, and what falls overdue);
# very rarely a petition is never acted on again.
DELAY_SHARE, DELAY_DAYS, STALL_SHARE = 0.05, (30, 240), 0.004


def _walk(ctx: _Context, draft: Draft) -> None:
    """Apply actions in date order until none follows or the next would come after as_of."""
    rng = ctx.rng
    day, late = draft.received_on, chance(rng, LATE_SHARE)
    gaps = SINGLE_LIMIT_GAPS if draft.case_type in SINGLE_LIMIT_TYPES else GAPS
    while True:
        action = _next_action(ctx, draft)
        if action is None or chance(rng, STALL_SHARE):
            return
        low, high = LATE_RESOLUTION if late and action is A.resolve else gaps[action]
        wait = rng.randint(low, high) + (
            rng.randint(*DELAY_DAYS) if chance(rng, DELAY_SHARE) else 0
        )
        day = _next_working_day(day + timedelta(days=wait), ctx.province.holidays)
        if day > ctx.province.as_of:
            return
        _apply(ctx, draft, action, day)


def _next_action(ctx: _Context, draft: Draft) -> PetitionAction | None:
    if draft.status is S.in_resolution:
        # One extension where the rules allow one (complex denunciations), asked now and then.
        asks = draft.extensions == 0 and chance(ctx.rng, EXTEND_SHARE)
        if asks and extensions_left(ctx.calendar, cast(Petition, draft)) > 0:
            return A.extend
        if any(step.action is A.suspend for step in draft.history):
            return pick(ctx.rng, AFTER_SUSPENSION)  # suspended once is enough
    return pick(ctx.rng, NEXT[draft.status])


def _next_working_day(day: date, holidays: frozenset[date]) -> date:
    while not is_working_day(day, holidays):
        day += timedelta(days=1)
    return day


def _apply(ctx: _Context, draft: Draft, action: PetitionAction, day: date) -> None:
    target = next_status(draft.status, action)
    if target is None:
        raise RuntimeError(f"{action} is not allowed from {draft.status}")
    details: dict[str, Any] = {}
    holder = draft.unit_id
    match action:
        case A.accept:
            draft.accepted_on = day
        case A.reject | A.extend:
            details["reason"] = REASONS[action]
            if action is A.extend:
                draft.extensions += 1
                details["extension"] = draft.extensions
        case A.transfer:
            to_unit = _transfer_target(ctx, draft)
            details = {"from_unit_id": draft.unit_id, "to_unit_id": to_unit}
            draft.unit_id, draft.transferred_on = to_unit, day
        case A.resolve:
            _resolve(ctx, draft, day)
            outcome = draft.outcome.value if draft.outcome else None
            details = {"decision_number": draft.decision_number, "outcome": outcome}
    draft.history.append(Step(holder, action, draft.status, target, day, details))
    draft.status = target


def _transfer_target(ctx: _Context, draft: Draft) -> int:
    p = ctx.province
    current = p.by_id.get(draft.unit_id)
    if current is not None and current.is_local and chance(ctx.rng, 0.6):
        target = p.unit_ids[DEPARTMENT_FOR[draft.field]]
        if target != draft.unit_id:
            return target
    while True:
        candidate = ctx.rng.choice(p.local)
        if candidate.id != draft.unit_id:
            return candidate.id


def _resolve(ctx: _Context, draft: Draft, day: date) -> None:
    number = next(ctx.decision_numbers) % 900 + 1
    issuer = ctx.province.by_id[draft.unit_id].issuer
    draft.decision_number = f"{number}/{DECISION_KIND[draft.case_type]}-{issuer}"
    draft.decision_date = day
    if draft.case_type is CaseType.complaint:
        draft.outcome = pick(ctx.rng, OUTCOMES)


def _mark_duplicates(rng: random.Random, petitions: list[Draft]) -> None:
    """A few petitions repeat an earlier one of the same unit (same petitioner, same field)."""
    earlier: dict[int, list[Draft]] = {}
    for petition in petitions:
        previous = earlier.setdefault(petition.unit_id, [])
        if previous and chance(rng, DUPLICATE_SHARE):
            original = rng.choice(previous[-300:])
            petition.duplicate_of_id = original.id
            petition.petitioner_name = original.petitioner_name
            petition.petitioner_id_number = original.petitioner_id_number
            petition.petitioner_address = original.petitioner_address
            petition.field = original.field
        previous.append(petition)


# --- rows ------------------------------------------------------------------------------------


def petition_rows(petitions: list[Draft]) -> Iterator[dict[str, Any]]:
    for d in petitions:
        values = {
            "id": d.id,
            "unit_id": d.unit_id,
            "case_type": d.case_type.value,
            "field": d.field.value,
            "source": d.source.value,
            "external_id": d.external_id,
            "received_on": d.received_on,
            "petitioner_name": d.petitioner_name,
            "petitioner_id_number": d.petitioner_id_number,
            "petitioner_address": d.petitioner_address,
            "summary": d.summary,
            "resolution_level": d.resolution_level.value if d.resolution_level else None,
            "is_complex": d.is_complex,
            "is_remote_area": d.is_remote_area,
            "needs_verification": d.needs_verification,
            "complexity": d.complexity.value,
            "sent_to_level_above": d.sent_to_level_above,
            "duplicate_of_id": d.duplicate_of_id,
            "status": d.status.value,
            "accepted_on": d.accepted_on,
            "transferred_on": d.transferred_on,
            "extensions": d.extensions,
            "decision_number": d.decision_number,
            "decision_date": d.decision_date,
            "outcome": d.outcome.value if d.outcome else None,
            "due_on": None,  # computed by the app's rules afterwards (refresh_due_dates)
            "resolution_due_on": None,
            "version": 1,
        }
        values["search_text"] = search_text(Petition.__search_fields__, values)
        yield values


def petition_event_rows(p: Province, petitions: list[Draft]) -> Iterator[dict[str, Any]]:
    rng = p.rng("petition_events")
    # Three officers per unit record the actions on its petitions.
    handlers = {u.id: [person_name(rng) for _ in range(3)] for u in p.counted}
    ids = count(1)
    for d in petitions:
        for step in d.history:
            yield {
                "id": next(ids),
                "petition_id": d.id,
                "action": step.action.value,
                "from_status": step.from_status.value,
                "to_status": step.to_status.value,
                "acted_on": step.acted_on,
                "note": None,
                "details": Jsonb(step.details),
                "actor_name": rng.choice(handlers[step.unit_id]),
                "actor_user_id": None,
                "at": office_time(rng, step.acted_on),
            }
