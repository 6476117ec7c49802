"""A unit's report for a period: read, written (narrative), and moved through its workflow."""

from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from api.audit.service import record_event, snapshot
from api.auth.models import User
from api.auth.policy import Actor, Perm, ensure_readable, readable
from api.common.dates import year_bounds
from api.common.listing import ListQuery, apply_search, fetch_page, order_by_sort
from api.common.problems import Conflict, Forbidden, NotFound
from api.common.versioning import check_version
from api.reports import periods
from api.reports.enums import EDITABLE_STATUSES, ReportAction, ReportPeriodKind, ReportStatus
from api.reports.figures import Window, compute_figures
from api.reports.models import ReportEvent, ReportPeriod, UnitReport
from api.reports.schemas import (
    Narrative,
    PeriodBrief,
    ReportActionRequest,
    ReportEventRead,
    ReportFigures,
    UnitReportRead,
    UnitReportUpdate,
)
from api.reports.workflow import (
    ALIASES,
    SUBMISSIONS,
    TRANSITIONS,
    Side,
    acting_sides,
    allowed_actions,
    is_late,
)
from api.units.models import Unit

SORTS = {
    "deadline": ReportPeriod.deadline,
    "unit_name": Unit.name,
    "unit_code": Unit.code,
    "status": UnitReport.status,
    "submitted_at": UnitReport.submitted_at,
    "first_submitted_at": UnitReport.first_submitted_at,
    "updated_at": UnitReport.updated_at,
}


@dataclass(frozen=True)
class ReportFilters:
    period_id: int | None = None
    unit_id: int | None = None
    status: list[ReportStatus] | None = None
    kind: list[ReportPeriodKind] | None = None  # of the period
    year: int | None = None  # of the period's deadline


def present(actor: Actor, report: UnitReport) -> UnitReportRead:
    period = report.period
    return UnitReportRead(
        id=report.id,
        period=PeriodBrief.model_validate(period),
        unit=periods.unit_brief(report.unit),
        period_id=report.period_id,
        unit_id=report.unit_id,
        status=report.status,
        completeness=periods.report_completeness(report, period.deadline),
        late=is_late(report.first_submitted_at, period.deadline),
        figures=ReportFigures.model_validate(report.figures) if report.figures else None,
        figures_computed_at=report.figures_computed_at,
        narrative=Narrative(**report.narrative),
        difficulties=report.difficulties,
        proposals=report.proposals,
        started_at=report.started_at,
        first_submitted_at=report.first_submitted_at,
        submitted_at=report.submitted_at,
        accepted_at=report.accepted_at,
        history=[ReportEventRead.model_validate(e) for e in report.history],
        allowed_actions=allowed_actions(actor, report.status, report.unit_id),
        version=report.version,
        created_at=report.created_at,
        updated_at=report.updated_at,
    )


_LOADED = (
    selectinload(UnitReport.period),
    selectinload(UnitReport.unit),
    selectinload(UnitReport.history),
)


def _filtered(actor: Actor, lq: ListQuery, f: ReportFilters) -> Select[tuple[UnitReport]]:
    stmt = readable(
        select(UnitReport).join(UnitReport.unit).join(UnitReport.period),
        actor,
        Perm.reports_read,
        UnitReport.unit_id,
    )
    stmt = apply_search(stmt, Unit.search_text, lq.q)
    if f.period_id is not None:
        stmt = stmt.where(UnitReport.period_id == f.period_id)
    if f.unit_id is not None:
        stmt = stmt.where(UnitReport.unit_id == f.unit_id)
    if f.status:
        stmt = stmt.where(UnitReport.status.in_(f.status))
    if f.kind:
        stmt = stmt.where(ReportPeriod.kind.in_(f.kind))
    if f.year is not None:
        stmt = stmt.where(ReportPeriod.deadline.between(*year_bounds(f.year)))
    stmt = stmt.options(*_LOADED)
    return order_by_sort(stmt, lq.sort, SORTS, "-deadline,unit_name", UnitReport.id)


def list_reports(
    db: Session, actor: Actor, lq: ListQuery, filters: ReportFilters
) -> tuple[list[UnitReportRead], int]:
    rows, total = fetch_page(db, _filtered(actor, lq, filters), lq)
    return [present(actor, r) for r in rows], total


def export_reports(
    db: Session, actor: Actor, lq: ListQuery, filters: ReportFilters
) -> list[UnitReport]:
    return list(db.scalars(_filtered(actor, lq, filters)))


def report_or_404(db: Session, actor: Actor, report_id: int) -> UnitReport:
    report = db.scalar(select(UnitReport).where(UnitReport.id == report_id).options(*_LOADED))
    if report is None:
        raise NotFound(f"Không tìm thấy báo cáo #{report_id}")
    ensure_readable(actor, Perm.reports_read, report.unit_id)
    return report


def get_report(db: Session, actor: Actor, report_id: int) -> UnitReportRead:
    return present(actor, report_or_404(db, actor, report_id))


def _ensure_unit_side(actor: Actor, report: UnitReport) -> None:
    if Side.unit not in acting_sides(actor, report.unit_id):
        raise Forbidden("Chỉ đơn vị báo cáo được soạn, cập nhật và gửi báo cáo")


def _ensure_editable(report: UnitReport) -> None:
    if report.status not in EDITABLE_STATUSES:
        raise Conflict(
            f"Báo cáo đang ở trạng thái '{report.status.label}': không sửa được nội dung"
        )


def update_report(
    db: Session, actor: Actor, report_id: int, data: UnitReportUpdate, expected: int | None
) -> UnitReportRead:
    """The unit's narrative, difficulties and proposals, while the report is in its hands."""
    report = report_or_404(db, actor, report_id)
    _ensure_unit_side(actor, report)
    check_version(report.version, expected)
    _ensure_editable(report)
    changes = data.model_dump(exclude_unset=True)
    before = snapshot(report)
    if "narrative" in changes and changes["narrative"] is not None:
        narrative = dict(report.narrative)
        for group, text in changes["narrative"].items():
            if text:
                narrative[group] = text
            else:
                narrative.pop(group, None)
        report.narrative = narrative  # a new dict: JSONB changes are seen by assignment
    for name in ("difficulties", "proposals"):
        if name in changes:
            setattr(report, name, changes[name] or None)
    if report.started_at is None:
        report.started_at = periods.now()
    db.flush()
    record_event(db, actor, "update", report, before=before)
    return present(actor, report)


def _freeze_figures(db: Session, report: UnitReport) -> None:
    """Recompute from the records as they stand now."""
    window = Window(report.period.data_from, report.period.data_to)
    figures = compute_figures(db, window, [report.unit])[report.unit_id]
    report.figures = figures.model_dump(mode="json")
    report.figures_computed_at = periods.now()


def apply_action(
    db: Session, actor: Actor, report_id: int, body: ReportActionRequest, expected: int | None
) -> UnitReportRead:
    """Check who may, from which status; stamp the step into the history and the audit log."""
    report = report_or_404(db, actor, report_id)
    action = ALIASES.get((body.action, report.status), body.action)
    transition = TRANSITIONS[action]
    if transition.side not in acting_sides(actor, report.unit_id):
        raise Forbidden(f"Không có quyền '{action.label}' báo cáo này")
    check_version(report.version, expected)
    if report.status not in transition.sources:
        raise Conflict(
            f"Không thể '{action.label}' báo cáo đang ở trạng thái '{report.status.label}'"
        )
    before = snapshot(report)
    actor_name = _display_name(db, actor)  # read before any change: one flush, one version
    moment = periods.now()
    target = transition.target or report.status
    if action is ReportAction.refresh or action in SUBMISSIONS:
        _freeze_figures(db, report)
        report.started_at = report.started_at or moment
    if action in SUBMISSIONS:
        report.submitted_at = moment
        report.first_submitted_at = report.first_submitted_at or moment
    if action is ReportAction.accept:
        report.accepted_at = moment
    if action is ReportAction.reopen:
        report.accepted_at = None
    report.history.append(
        ReportEvent(
            action=action,
            from_status=report.status,
            to_status=target,
            note=body.comment or body.reason,
            actor_user_id=actor.user_id,
            actor_name=actor_name,
            at=moment,
        )
    )
    report.status = target
    db.flush()
    record_event(db, actor, action.value, report, before=before)
    return present(actor, report)


def _display_name(db: Session, actor: Actor) -> str:
    user = db.get(User, actor.user_id) if actor.user_id is not None else None
    return user.full_name if user is not None else actor.name
