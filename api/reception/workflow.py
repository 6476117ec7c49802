"""The petition lifecycle: the one table of transitions, and the actions that walk it."""

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from api.audit.service import record_event, snapshot
from api.auth.models import User
from api.auth.policy import Actor, Perm, ensure_writable
from api.common.problems import Conflict, Invalid
from api.common.versioning import check_version
from api.reception.enums import CaseType, PetitionAction, PetitionStatus
from api.reception.models import Petition, PetitionEvent
from api.reception.schemas import PetitionActionIn
from api.reception.timing import Calendar, extensions_left, store_due_dates
from api.units.models import Unit

A, S = PetitionAction, PetitionStatus

# status -> action -> the status it leads to. Anything not listed is refused with 409.
TRANSITIONS: dict[PetitionStatus, dict[PetitionAction, PetitionStatus]] = {
    S.received: {
        A.accept: S.accepted,
        A.reject: S.not_accepted,
        A.transfer: S.transferred,
        A.withdraw: S.withdrawn,
    },
    # The receiving unit decides again, as for a petition it received itself.
    S.transferred: {
        A.accept: S.accepted,
        A.reject: S.not_accepted,
        A.transfer: S.transferred,
        A.withdraw: S.withdrawn,
    },
    S.accepted: {A.start: S.in_resolution, A.withdraw: S.withdrawn},
    S.in_resolution: {
        A.extend: S.in_resolution,
        A.suspend: S.suspended,
        A.resolve: S.resolved,
        A.withdraw: S.withdrawn,
    },
    S.suspended: {A.resume: S.in_resolution, A.withdraw: S.withdrawn},
    S.not_accepted: {A.close: S.closed},
    S.resolved: {A.close: S.closed},
    S.closed: {},
    S.withdrawn: {},
}


def next_status(status: PetitionStatus, action: PetitionAction) -> PetitionStatus | None:
    return TRANSITIONS[status].get(action)


def available_actions(calendar: Calendar, petition: Petition) -> list[PetitionAction]:
    """The actions the petition's state allows (an extension only while one is left)."""
    actions = list(TRANSITIONS[petition.status])
    if A.extend in actions and extensions_left(calendar, petition) == 0:
        actions.remove(A.extend)
    return actions


def apply_action(
    db: Session,
    actor: Actor,
    petition: Petition,
    body: PetitionActionIn,
    calendar: Calendar,
    expected_version: int | None,
) -> None:
    """Check the transition, the role, the version the caller saw and the action's data;
    stamp it into the history."""
    ensure_writable(actor, Perm.receptions_write, Perm.receptions_read, petition.unit_id)
    check_version(petition.version, expected_version)
    target = next_status(petition.status, body.action)
    if target is None:
        raise Conflict(
            f"Không thể '{body.action.label}' đơn đang ở trạng thái '{petition.status.label}'",
            errors=[{"loc": ["body", "action"], "msg": "not allowed now", "type": "transition"}],
        )
    _check_acted_on(petition, body.acted_on)
    before = snapshot(petition)
    details = _ACTION_EFFECTS[body.action](db, petition, body, calendar)
    event = PetitionEvent(
        action=body.action,
        from_status=petition.status,
        to_status=target,
        acted_on=body.acted_on,
        note=body.note,
        details=details,
        actor_name=actor.name,
        actor_user_id=actor.user_id,
    )
    # The answer shows the actor's full name; the account is already in the session.
    user = db.get(User, actor.user_id) if actor.user_id is not None else None
    set_committed_value(event, "actor", user)
    petition.history.append(event)
    petition.status = target
    store_due_dates(calendar, petition)
    db.flush()
    record_event(db, actor, body.action.value, petition, before=before)


def _check_acted_on(petition: Petition, acted_on: date) -> None:
    if acted_on < petition.received_on:
        raise Invalid.field(["acted_on"], "Ngày thực hiện không được trước ngày nhận đơn")
    last = petition.history[-1].acted_on if petition.history else None
    if last is not None and acted_on < last:
        raise Invalid.field(
            ["acted_on"], f"Ngày thực hiện không được trước thao tác trước đó ({last:%d/%m/%Y})"
        )


def _no_effect(db: Session, petition: Petition, body: PetitionActionIn, cal: Calendar) -> dict:
    return {}


def _accept(db: Session, petition: Petition, body: PetitionActionIn, cal: Calendar) -> dict:
    petition.accepted_on = body.acted_on
    return {}


def _reject(db: Session, petition: Petition, body: PetitionActionIn, cal: Calendar) -> dict:
    return {"reason": body.reason}


def _transfer(db: Session, petition: Petition, body: PetitionActionIn, cal: Calendar) -> dict:
    target = db.get(Unit, body.to_unit_id)
    if target is None:
        raise Invalid.field(["to_unit_id"], f"Không tìm thấy đơn vị #{body.to_unit_id}")
    if target.id == petition.unit_id:
        raise Invalid.field(["to_unit_id"], "Không thể chuyển đơn cho chính đơn vị đang giữ đơn")
    details = {"from_unit_id": petition.unit_id, "to_unit_id": target.id}
    petition.unit_id = target.id  # the receiving unit owns it from now on
    petition.transferred_on = body.acted_on
    return details


def _extend(db: Session, petition: Petition, body: PetitionActionIn, cal: Calendar) -> dict:
    if extensions_left(cal, petition) == 0:
        raise Conflict(
            "Đơn này không được gia hạn thêm (luật không cho phép hoặc đã hết số lần gia hạn)",
            errors=[{"loc": ["body", "action"], "msg": "no extension left", "type": "extension"}],
        )
    petition.extensions += 1
    return {"reason": body.reason, "extension": petition.extensions}


def _resolve(db: Session, petition: Petition, body: PetitionActionIn, cal: Calendar) -> dict:
    is_complaint = petition.case_type is CaseType.complaint
    if is_complaint and body.outcome is None:
        raise Invalid.field(["outcome"], "Quyết định giải quyết khiếu nại phải nêu kết quả")
    if not is_complaint and body.outcome is not None:
        raise Invalid.field(["outcome"], "Chỉ đơn khiếu nại có kết quả đúng/sai")
    assert body.decision_date is not None  # required by PetitionActionIn
    if body.decision_date < petition.received_on:
        raise Invalid.field(["decision_date"], "Ngày quyết định không được trước ngày nhận đơn")
    petition.decision_number = body.decision_number
    petition.decision_date = body.decision_date
    petition.outcome = body.outcome
    return {"decision_number": body.decision_number, "outcome": body.outcome}


# What an action records on the petition besides its status; returns the event's details.
Effect = Callable[[Session, Petition, PetitionActionIn, Calendar], dict[str, Any]]

_ACTION_EFFECTS: dict[PetitionAction, Effect] = {
    A.accept: _accept,
    A.reject: _reject,
    A.transfer: _transfer,
    A.start: _no_effect,
    A.extend: _extend,
    A.suspend: _no_effect,
    A.resume: _no_effect,
    A.resolve: _resolve,
    A.close: _no_effect,
    A.withdraw: _no_effect,
}
