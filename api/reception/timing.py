"""A petition's clock: which statutory step runs now, its due date, overdue and prolonged.

No queries here: the caller loads the :class:`Calendar` once per request and the petitions with
their history, and this module applies ``deadlines`` to them.

Which step's clock runs, by status:

- ``received`` / ``transferred``: ``accept`` (thụ lý), from the day the owning unit received the
  petition (the day of receipt, or of the transfer to it);
- ``accepted`` / ``in_resolution``: ``resolve``, from the day of acceptance, with the extensions
  granted and the closed suspensions;
- ``suspended``: no due date (the clock is stopped until the decision to resume);
- ``not_accepted`` / ``resolved`` / ``closed`` / ``withdrawn``: none.

Recommendations and feedback (kiến nghị, phản ánh) have one processing limit only (keyed
``accept`` in the data): it runs from receipt until the petition is resolved.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from api.reception import deadlines
from api.reception.deadlines import RuleNotFoundError, Suspension, TimeLimitRule
from api.reception.enums import CaseType, PetitionAction, PetitionStatus, RuleVariant
from api.reception.models import Petition, PetitionEvent

ACCEPT_PHASE = frozenset({PetitionStatus.received, PetitionStatus.transferred})
RESOLVE_PHASE = frozenset({PetitionStatus.accepted, PetitionStatus.in_resolution})
OPEN = ACCEPT_PHASE | RESOLVE_PHASE | {PetitionStatus.suspended}
SETTLED = frozenset({PetitionStatus.resolved, PetitionStatus.closed})
SINGLE_LIMIT_TYPES = frozenset({CaseType.recommendation, CaseType.feedback})


@dataclass(frozen=True)
class Calendar:
    """The time-limit rules and the holidays, as the tables held them when loaded."""

    rules: tuple[TimeLimitRule, ...]
    holidays: frozenset[date]

    def rule(
        self, step: str, case_type: str | None, level: str | None, variant: str, received_on: date
    ) -> TimeLimitRule | None:
        try:
            return deadlines.select_rule(
                self.rules,
                step=step,
                case_type=case_type,
                level=level,
                variant=variant,
                received_on=received_on,
            )
        except RuleNotFoundError:
            return None  # no rule in force (an admin has not entered one): no due date

    def due_date(
        self,
        start: date,
        rule: TimeLimitRule,
        *,
        extensions: int = 0,
        suspensions: Iterable[Suspension] = (),
    ) -> date:
        # An admin may lower max_extensions after one was granted: count what the rule allows.
        granted = min(extensions, rule.max_extensions)
        return deadlines.due_date(
            start, rule, self.holidays, extensions=granted, suspensions=list(suspensions)
        )


@dataclass(frozen=True)
class Timing:
    due_on: date | None
    overdue: bool
    prolonged: bool
    extensions_left: int


def reception_reply_rule(calendar: Calendar, received_on: date) -> TimeLimitRule | None:
    return calendar.rule("reception_reply", None, None, RuleVariant.normal, received_on)


def closed_suspensions(history: Iterable[PetitionEvent]) -> list[Suspension]:
    """(suspended_on, resumed_on) pairs from the history; an open suspension is left out."""
    pairs: list[Suspension] = []
    suspended_on: date | None = None
    for event in history:
        if event.action is PetitionAction.suspend:
            suspended_on = event.acted_on
        elif event.action is PetitionAction.resume and suspended_on is not None:
            pairs.append((suspended_on, event.acted_on))
            suspended_on = None
    return pairs


def _level(petition: Petition) -> str | None:
    return petition.resolution_level if petition.case_type is CaseType.complaint else None


def _accept_variant(petition: Petition) -> RuleVariant:
    if petition.case_type is CaseType.denunciation and petition.needs_verification:
        return RuleVariant.verification
    return RuleVariant.normal


def _resolve_variant(petition: Petition) -> str:
    if petition.case_type is CaseType.denunciation:
        return petition.complexity.value
    if petition.is_remote_area and petition.is_complex:
        return RuleVariant.remote_complex
    if petition.is_remote_area:
        return RuleVariant.remote
    return RuleVariant.complex if petition.is_complex else RuleVariant.normal


def accept_rule(calendar: Calendar, petition: Petition) -> TimeLimitRule | None:
    return calendar.rule(
        "accept",
        petition.case_type,
        _level(petition),
        _accept_variant(petition),
        petition.received_on,
    )


def resolve_rule(calendar: Calendar, petition: Petition) -> TimeLimitRule | None:
    if petition.case_type in SINGLE_LIMIT_TYPES:
        return accept_rule(calendar, petition)
    return calendar.rule(
        "resolve",
        petition.case_type,
        _level(petition),
        _resolve_variant(petition),
        petition.received_on,
    )


def _owner_received_on(petition: Petition) -> date:
    return petition.transferred_on or petition.received_on


def resolution_limit(calendar: Calendar, petition: Petition) -> date | None:
    """Last day to resolve (the petition's whole limit for a single-limit type; from acceptance
    for complaints and denunciations), whatever the status: after resolution it tells whether
    the decision came in time. None before acceptance or without a rule in force."""
    single_limit = petition.case_type in SINGLE_LIMIT_TYPES
    rule = resolve_rule(calendar, petition)
    start = _owner_received_on(petition) if single_limit else petition.accepted_on
    if rule is None or start is None:
        return None
    return calendar.due_date(
        start,
        rule,
        extensions=petition.extensions,
        suspensions=closed_suspensions(petition.history),
    )


def _resolution_due_on(calendar: Calendar, petition: Petition) -> date | None:
    """The resolution limit while its clock runs."""
    if petition.status not in (RESOLVE_PHASE | ACCEPT_PHASE):
        return None
    if petition.case_type not in SINGLE_LIMIT_TYPES and petition.status in ACCEPT_PHASE:
        return None
    return resolution_limit(calendar, petition)


def current_due_on(calendar: Calendar, petition: Petition) -> date | None:
    """Due date of the step the petition is waiting for, or None when no clock runs."""
    if petition.status in ACCEPT_PHASE and petition.case_type not in SINGLE_LIMIT_TYPES:
        rule = accept_rule(calendar, petition)
        return None if rule is None else calendar.due_date(_owner_received_on(petition), rule)
    return _resolution_due_on(calendar, petition)


def extensions_left(calendar: Calendar, petition: Petition) -> int:
    rule = resolve_rule(calendar, petition)
    return 0 if rule is None else max(rule.max_extensions - petition.extensions, 0)


def petition_timing(calendar: Calendar, petition: Petition, today: date) -> Timing:
    """Needs `petition.history` and `petition.duplicate_of` loaded."""
    due_on = current_due_on(calendar, petition)
    resolution_due_on = _resolution_due_on(calendar, petition)
    resubmitted = petition.duplicate_of is not None and petition.duplicate_of.status in SETTLED
    return Timing(
        due_on=due_on,
        overdue=due_on is not None and today > due_on,
        prolonged=resubmitted or (resolution_due_on is not None and today > resolution_due_on),
        extensions_left=extensions_left(calendar, petition),
    )


def store_due_dates(calendar: Calendar, petition: Petition) -> None:
    """Write the computed due dates onto the row (needs `petition.history` loaded): the
    dashboard and the overdue filter read them there. Call after every change."""
    petition.due_on = current_due_on(calendar, petition)
    petition.resolution_due_on = resolution_limit(calendar, petition)
