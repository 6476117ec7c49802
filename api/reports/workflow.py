"""A report's life: draft → submitted → accepted, or returned → resubmitted; an accepted
report is reopened (returned to the unit) only with a reason. This table is the whole rule,
used both to apply an action and to tell the UI which buttons to draw."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from api.auth.policy import Actor, Perm, reach, require
from api.common.problems import Forbidden
from api.config import PROVINCE_TZ
from api.reports.enums import Completeness, ReportAction, ReportStatus

Status = ReportStatus
Action = ReportAction


class Side(StrEnum):
    unit = "unit"  # the reporting unit writes, refreshes and submits
    reviewer = "reviewer"  # Sở Nội vụ (coordinator) and admin return, accept, reopen


@dataclass(frozen=True)
class Transition:
    sources: frozenset[Status]
    target: Status | None  # None: the status stays (refresh)
    side: Side


TRANSITIONS: dict[Action, Transition] = {
    Action.submit: Transition(frozenset({Status.draft}), Status.submitted, Side.unit),
    Action.resubmit: Transition(frozenset({Status.returned}), Status.submitted, Side.unit),
    Action.return_: Transition(frozenset({Status.submitted}), Status.returned, Side.reviewer),
    Action.accept: Transition(frozenset({Status.submitted}), Status.accepted, Side.reviewer),
    # Back to the unit, which corrects it and sends it again.
    Action.reopen: Transition(frozenset({Status.accepted}), Status.returned, Side.reviewer),
    Action.refresh: Transition(frozenset({Status.draft, Status.returned}), None, Side.unit),
}
# Sending a returned report again with `submit` is taken as `resubmit`.
ALIASES = {(Action.submit, Status.returned): Action.resubmit}
SUBMISSIONS = frozenset({Action.submit, Action.resubmit})


def acting_sides(actor: Actor, unit_id: int) -> set[Side]:
    sides: set[Side] = set()
    if reach(actor, Perm.reports_review) is not None:
        sides.add(Side.reviewer)
    try:
        require(actor, Perm.reports_write, unit_id)
        sides.add(Side.unit)
    except Forbidden:
        pass
    return sides


def allowed_actions(actor: Actor, status: Status, unit_id: int) -> list[Action]:
    sides = acting_sides(actor, unit_id)
    return [
        action
        for action, transition in TRANSITIONS.items()
        if transition.side in sides and status in transition.sources
    ]


def deadline_end(deadline: date) -> datetime:
    """The first instant after the deadline's day, in the province: sent before it is on time."""
    return datetime.combine(deadline + timedelta(days=1), time(), PROVINCE_TZ)


def is_late(first_submitted_at: datetime | None, deadline: date) -> bool | None:
    if first_submitted_at is None:
        return None
    return first_submitted_at >= deadline_end(deadline)


def completeness(
    status: Status, started: bool, first_submitted_at: datetime | None, deadline: date
) -> Completeness:
    match status:
        case Status.accepted:
            return Completeness.accepted
        case Status.returned:
            return Completeness.returned
        case Status.submitted:
            late = is_late(first_submitted_at, deadline)
            return Completeness.submitted_late if late else Completeness.submitted_on_time
    return Completeness.draft if started else Completeness.not_started
