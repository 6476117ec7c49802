"""Recommendations of inspections, followed up to closure by their actions."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from api.audit.service import record_event, snapshot
from api.auth.models import User
from api.auth.policy import Actor, Perm, ensure_readable, readable
from api.common.dates import province_today
from api.common.listing import ListQuery, apply_search, fetch_page, order_by_sort
from api.common.problems import Conflict, Forbidden, Invalid, NotFound
from api.common.versioning import check_version
from api.inspections.enums import RecommendationStatus
from api.inspections.models import Finding, Inspection, Recommendation, RecommendationEvent
from api.inspections.schemas import (
    RecommendationActionRequest,
    RecommendationCreate,
    RecommendationFields,
    RecommendationRead,
    RecommendationUpdate,
)
from api.inspections.service import (
    ensure_may_change,
    get_inspection,
    refuse_nulls,
    unit_or_none,
)
from api.inspections.workflow import TRANSITIONS, acting_sides, allowed_actions

SORTS = {
    "due_on": Recommendation.due_on,
    "status": Recommendation.status,
    "created_at": Recommendation.created_at,
    "updated_at": Recommendation.updated_at,
}


@dataclass(frozen=True)
class RecommendationFilters:
    inspection_id: int | None = None
    responsible_unit_id: int | None = None
    inspecting_unit_id: int | None = None
    unit_id: int | None = None  # responsible or inspecting
    status: list[RecommendationStatus] | None = None
    overdue: bool | None = None
    year: int | None = None  # of the due date
    from_: date | None = None
    to: date | None = None


def present(actor: Actor, recommendation: Recommendation, today: date) -> RecommendationRead:
    """The recommendation as this actor sees it: derived overdue and the actions they may take."""
    inspecting_unit_id = recommendation.inspection.inspecting_unit_id
    return RecommendationRead(
        **RecommendationFields.model_validate(recommendation).model_dump(),
        inspecting_unit_id=inspecting_unit_id,
        overdue=recommendation.is_overdue(today),
        allowed_actions=allowed_actions(
            actor, recommendation.status, recommendation.responsible_unit_id, inspecting_unit_id
        ),
    )


def _filtered(
    actor: Actor, lq: ListQuery, f: RecommendationFilters
) -> Select[tuple[Recommendation]]:
    stmt = readable(
        select(Recommendation).join(Recommendation.inspection),
        actor,
        Perm.inspections_read,
        Recommendation.responsible_unit_id,
        Inspection.inspecting_unit_id,
    )
    stmt = apply_search(stmt, Recommendation.search_text, lq.q)
    if f.inspection_id is not None:
        stmt = stmt.where(Recommendation.inspection_id == f.inspection_id)
    if f.responsible_unit_id is not None:
        stmt = stmt.where(Recommendation.responsible_unit_id == f.responsible_unit_id)
    if f.inspecting_unit_id is not None:
        stmt = stmt.where(Inspection.inspecting_unit_id == f.inspecting_unit_id)
    if f.unit_id is not None:
        stmt = stmt.where(
            (Recommendation.responsible_unit_id == f.unit_id)
            | (Inspection.inspecting_unit_id == f.unit_id)
        )
    if f.status:
        stmt = stmt.where(Recommendation.status.in_(f.status))
    if f.overdue is not None:
        overdue = Recommendation.is_overdue(province_today())
        stmt = stmt.where(overdue if f.overdue else ~overdue)
    if f.year is not None:
        stmt = stmt.where(
            Recommendation.due_on >= date(f.year, 1, 1),
            Recommendation.due_on < date(f.year + 1, 1, 1),
        )
    if f.from_ is not None:
        stmt = stmt.where(Recommendation.due_on >= f.from_)
    if f.to is not None:
        stmt = stmt.where(Recommendation.due_on <= f.to)
    stmt = stmt.options(
        selectinload(Recommendation.inspection), selectinload(Recommendation.history)
    )
    return order_by_sort(stmt, lq.sort, SORTS, "due_on", Recommendation.id)


def list_recommendations(
    db: Session, actor: Actor, lq: ListQuery, filters: RecommendationFilters
) -> tuple[list[RecommendationRead], int]:
    if filters.inspection_id is not None:
        get_inspection(db, actor, filters.inspection_id)  # 404 for an inspection out of reach
    rows, total = fetch_page(db, _filtered(actor, lq, filters), lq)
    today = province_today()
    return [present(actor, r, today) for r in rows], total


def export_recommendations(
    db: Session, actor: Actor, lq: ListQuery, filters: RecommendationFilters
) -> list[Recommendation]:
    """The whole filtered list, with the names the spreadsheet shows."""
    stmt = _filtered(actor, lq, filters).options(
        selectinload(Recommendation.inspection).selectinload(Inspection.inspecting_unit),
        selectinload(Recommendation.responsible_unit),
    )
    return list(db.scalars(stmt))


def _get(db: Session, actor: Actor, recommendation_id: int) -> Recommendation:
    recommendation = db.scalar(
        select(Recommendation)
        .where(Recommendation.id == recommendation_id)
        .options(selectinload(Recommendation.inspection), selectinload(Recommendation.history))
    )
    if recommendation is None:
        raise NotFound(f"Không tìm thấy kiến nghị #{recommendation_id}")
    ensure_readable(
        actor,
        Perm.inspections_read,
        recommendation.responsible_unit_id,
        recommendation.inspection.inspecting_unit_id,
    )
    return recommendation


def get_recommendation(db: Session, actor: Actor, recommendation_id: int) -> RecommendationRead:
    return present(actor, _get(db, actor, recommendation_id), province_today())


def _check_references(
    db: Session, inspection_id: int, responsible_unit_id: int | None, finding_id: int | None
) -> None:
    if responsible_unit_id is not None and unit_or_none(db, responsible_unit_id) is None:
        raise Invalid.field(
            ["responsible_unit_id"], f"Không tìm thấy đơn vị #{responsible_unit_id}"
        )
    if finding_id is not None:
        finding = db.get(Finding, finding_id)
        if finding is None or finding.inspection_id != inspection_id:
            raise Invalid.field(["finding_id"], f"Cuộc kiểm tra không có phát hiện #{finding_id}")


def create_recommendation(
    db: Session, actor: Actor, inspection_id: int, data: RecommendationCreate
) -> RecommendationRead:
    ensure_may_change(db, actor, get_inspection(db, actor, inspection_id))
    _check_references(db, inspection_id, data.responsible_unit_id, data.finding_id)
    recommendation = Recommendation(inspection_id=inspection_id, **data.model_dump())
    db.add(recommendation)
    db.flush()
    record_event(db, actor, "create", recommendation)
    return get_recommendation(db, actor, recommendation.id)


def update_recommendation(
    db: Session,
    actor: Actor,
    recommendation_id: int,
    data: RecommendationUpdate,
    expected_version: int | None,
) -> RecommendationRead:
    """Its content only; the status moves by actions."""
    recommendation = _get(db, actor, recommendation_id)
    ensure_may_change(db, actor, recommendation.inspection)
    check_version(recommendation.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    refuse_nulls(changes, ("text", "responsible_unit_id", "due_on"))
    _check_references(
        db,
        recommendation.inspection_id,
        changes.get("responsible_unit_id"),
        changes.get("finding_id"),
    )
    before = snapshot(recommendation)
    for key, value in changes.items():
        setattr(recommendation, key, value)
    db.flush()
    record_event(db, actor, "update", recommendation, before=before)
    return present(actor, recommendation, province_today())


def delete_recommendation(
    db: Session, actor: Actor, recommendation_id: int, expected_version: int | None
) -> None:
    """Only one entered by mistake: never acted on. Later ones are kept as the record."""
    recommendation = _get(db, actor, recommendation_id)
    ensure_may_change(db, actor, recommendation.inspection)
    check_version(recommendation.version, expected_version)
    if recommendation.history:
        raise Conflict("Kiến nghị đã được theo dõi thực hiện nên không thể xóa")
    before = snapshot(recommendation)
    db.delete(recommendation)
    db.flush()
    record_event(db, actor, "delete", recommendation, before=before)


def apply_action(
    db: Session,
    actor: Actor,
    recommendation_id: int,
    body: RecommendationActionRequest,
    expected_version: int | None,
) -> RecommendationRead:
    """Check who may, from which status; stamp the step into the history and the audit log."""
    recommendation = _get(db, actor, recommendation_id)
    transition = TRANSITIONS[body.action]
    sides = acting_sides(
        actor, recommendation.responsible_unit_id, recommendation.inspection.inspecting_unit_id
    )
    if transition.side not in sides:
        raise Forbidden(f"Không có quyền '{body.action.label}' kiến nghị này")
    check_version(recommendation.version, expected_version)
    if recommendation.status not in transition.sources:
        raise Conflict(
            f"Không thể '{body.action.label}' kiến nghị đang ở trạng thái "
            f"'{recommendation.status.label}'"
        )
    before = snapshot(recommendation)
    recommendation.history.append(
        RecommendationEvent(
            action=body.action,
            from_status=recommendation.status,
            to_status=transition.target,
            acted_on=body.acted_on or province_today(),
            note=body.note,
            actor_user_id=actor.user_id,
            actor_name=_display_name(db, actor),
        )
    )
    recommendation.status = transition.target
    db.flush()
    record_event(db, actor, body.action.value, recommendation, before=before)
    return present(actor, recommendation, province_today())


def _display_name(db: Session, actor: Actor) -> str:
    user = db.get(User, actor.user_id) if actor.user_id is not None else None
    return user.full_name if user is not None else actor.name
