"""Reporting periods and their completeness: who has reported, on time or late."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Select, func, or_, select, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from api.audit.service import record_event, snapshot
from api.auth.policy import Actor, Perm, ensure_readable, readable, require
from api.common.dates import year_bounds
from api.common.listing import ListQuery, apply_search, fetch_page, order_by_sort
from api.common.problems import Conflict, Invalid, NotFound
from api.common.versioning import check_version
from api.config import PROVINCE_TZ
from api.db import violated_constraint
from api.reports.enums import Completeness, ReportPeriodKind, ReportStatus
from api.reports.figures import Window, compute_figures
from api.reports.models import ONE_PER_SPAN, ReportPeriod, UnitReport
from api.reports.schemas import (
    CompletenessCounts,
    PeriodCompleteness,
    PeriodStatus,
    ReportPeriodCreate,
    ReportPeriodRead,
    ReportPeriodUpdate,
    UnitBrief,
    UnitCompleteness,
)
from api.reports.workflow import completeness, deadline_end, is_late
from api.units.enums import COUNTED_KINDS, UnitKind
from api.units.models import Unit

Kind = ReportPeriodKind
PERIOD_SORTS = {
    "deadline": ReportPeriod.deadline,
    "data_from": ReportPeriod.data_from,
    "data_to": ReportPeriod.data_to,
    "label": ReportPeriod.label,
    "kind": ReportPeriod.kind,
    "created_at": ReportPeriod.created_at,
}
# Days after the data's last day to send the report, when the period does not say.
DEFAULT_DAYS_TO_REPORT = 6


def now() -> datetime:
    return datetime.now(PROVINCE_TZ)


@dataclass(frozen=True)
class PeriodFilters:
    kind: list[ReportPeriodKind] | None = None
    year: int | None = None  # of the deadline


def default_dates(kind: ReportPeriodKind, year: int) -> tuple[date, date]:
    """The cut-offs of Decree 09/2019/NĐ-CP art. 12: a half-year report covers 15 December of
    the previous year to 14 June, a year's report 15 December of the previous year to
    14 December."""
    start = date(year - 1, 12, 15)
    return (start, date(year, 6, 14)) if kind is Kind.six_months else (start, date(year, 12, 14))


def default_label(kind: ReportPeriodKind, data_from: date, data_to: date) -> str:
    match kind:
        case Kind.six_months:
            return f"Báo cáo 6 tháng đầu năm {data_to.year}"
        case Kind.annual:
            return f"Báo cáo năm {data_to.year}"
    return f"Báo cáo đột xuất ({data_from:%d/%m/%Y} – {data_to:%d/%m/%Y})"


def _period_dates(data: ReportPeriodCreate) -> tuple[date, date, date]:
    data_from, data_to = data.data_from, data.data_to
    if data.year is not None and data.kind is not Kind.ad_hoc:
        default_from, default_to = default_dates(data.kind, data.year)
        data_from, data_to = data_from or default_from, data_to or default_to
    assert data_from is not None and data_to is not None  # the schema saw to it
    if data_to < data_from:
        raise Invalid.field(["data_to"], "Ngày kết thúc số liệu trước ngày bắt đầu")
    deadline = data.deadline or data_to + timedelta(days=DEFAULT_DAYS_TO_REPORT)
    if deadline < data_from:
        raise Invalid.field(["deadline"], "Hạn gửi báo cáo trước ngày bắt đầu số liệu")
    return data_from, data_to, deadline


def expected_units(db: Session, kinds: list[UnitKind], data_to: date) -> list[Unit]:
    """Active units of the kinds that must report and that existed by the data's last day."""
    return list(
        db.scalars(
            select(Unit)
            .where(
                Unit.is_active,
                Unit.kind.in_(kinds),
                or_(Unit.established_on.is_(None), Unit.established_on <= data_to),
            )
            .order_by(Unit.kind, Unit.name, Unit.id)
        )
    )


def _expected_counts(db: Session, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    rows = db.execute(
        select(UnitReport.period_id, func.count())
        .where(UnitReport.period_id.in_(ids))
        .group_by(UnitReport.period_id)
    )
    return {period_id: n for period_id, n in rows}


def _present(period: ReportPeriod, expected: int) -> ReportPeriodRead:
    return ReportPeriodRead(
        id=period.id,
        kind=period.kind,
        label=period.label,
        data_from=period.data_from,
        data_to=period.data_to,
        deadline=period.deadline,
        unit_kinds=[UnitKind(k) for k in period.unit_kinds],
        expected_reports=expected,
        version=period.version,
        created_at=period.created_at,
        updated_at=period.updated_at,
    )


def _filtered(lq: ListQuery, f: PeriodFilters) -> Select[tuple[ReportPeriod]]:
    stmt = apply_search(select(ReportPeriod), ReportPeriod.search_text, lq.q)
    if f.kind:
        stmt = stmt.where(ReportPeriod.kind.in_(f.kind))
    if f.year is not None:
        stmt = stmt.where(ReportPeriod.deadline.between(*year_bounds(f.year)))
    return order_by_sort(stmt, lq.sort, PERIOD_SORTS, "-deadline", ReportPeriod.id.desc())


def list_periods(
    db: Session, actor: Actor, lq: ListQuery, filters: PeriodFilters
) -> tuple[list[ReportPeriodRead], int]:
    require(actor, Perm.reports_read)  # periods belong to no unit: every reader sees them
    rows, total = fetch_page(db, _filtered(lq, filters), lq)
    counts = _expected_counts(db, [p.id for p in rows])
    return [_present(p, counts.get(p.id, 0)) for p in rows], total


def period_or_404(db: Session, period_id: int) -> ReportPeriod:
    period = db.get(ReportPeriod, period_id)
    if period is None:
        raise NotFound(f"Không tìm thấy kỳ báo cáo #{period_id}")
    return period


def get_period(db: Session, actor: Actor, period_id: int) -> ReportPeriodRead:
    require(actor, Perm.reports_read)
    period = period_or_404(db, period_id)
    return _present(period, _expected_counts(db, [period.id]).get(period.id, 0))


def create_period(db: Session, actor: Actor, data: ReportPeriodCreate) -> ReportPeriodRead:
    """The period, and an expected report, its figures filled in, for each unit that must
    report."""
    require(actor, Perm.reports_review)
    data_from, data_to, deadline = _period_dates(data)
    kinds = [k for k in UnitKind if k in (data.unit_kinds or COUNTED_KINDS)]
    period = ReportPeriod(
        kind=data.kind,
        label=data.label or default_label(data.kind, data_from, data_to),
        data_from=data_from,
        data_to=data_to,
        deadline=deadline,
        unit_kinds=[k.value for k in kinds],
    )
    db.add(period)
    try:  # the index decides, also between two requests at once
        db.flush()
    except IntegrityError as exc:
        if violated_constraint(exc) == ONE_PER_SPAN:
            raise Conflict("Đã có kỳ báo cáo cùng loại cho khoảng thời gian này") from exc
        raise
    units = expected_units(db, kinds, data_to)
    figures = compute_figures(db, Window(data_from, data_to), units)
    computed_at = now()
    db.add_all(
        UnitReport(
            period_id=period.id,
            unit_id=unit.id,
            status=ReportStatus.draft,
            figures=figures[unit.id].model_dump(mode="json"),
            figures_computed_at=computed_at,
            narrative={},
        )
        for unit in units
    )
    db.flush()
    record_event(db, actor, "create", period)
    return _present(period, len(units))


def update_period(
    db: Session, actor: Actor, period_id: int, data: ReportPeriodUpdate, expected: int | None
) -> ReportPeriodRead:
    """The label and the deadline; the dates and the units are fixed once reports exist."""
    require(actor, Perm.reports_review)
    period = period_or_404(db, period_id)
    check_version(period.version, expected)
    changes = data.model_dump(exclude_unset=True)
    for name in ("label", "deadline"):
        if name in changes and changes[name] is None:
            raise Invalid.field([name], "Trường này không được để trống")
    if "deadline" in changes and changes["deadline"] < period.data_from:
        raise Invalid.field(["deadline"], "Hạn gửi báo cáo trước ngày bắt đầu số liệu")
    before = snapshot(period)
    for key, value in changes.items():
        setattr(period, key, value)
    db.flush()
    record_event(db, actor, "update", period, before=before)
    return _present(period, _expected_counts(db, [period.id]).get(period.id, 0))


def delete_period(db: Session, actor: Actor, period_id: int, expected: int | None) -> None:
    """Only a period created by mistake: no report of it was ever sent."""
    require(actor, Perm.reports_review)
    period = period_or_404(db, period_id)
    check_version(period.version, expected)
    if db.scalar(
        select(UnitReport.id).where(
            UnitReport.period_id == period.id, UnitReport.first_submitted_at.is_not(None)
        )
    ):
        raise Conflict("Đã có đơn vị gửi báo cáo của kỳ này nên không thể xóa")
    before = snapshot(period)
    db.delete(period)
    db.flush()
    record_event(db, actor, "delete", period, before=before)


# --- completeness --------------------------------------------------------------------------


def unit_brief(unit: Unit) -> UnitBrief:
    return UnitBrief(
        id=unit.id, code=unit.code, name=unit.name, short_name=unit.short_name, kind=unit.kind
    )


def report_completeness(report: UnitReport, deadline: date) -> Completeness:
    return completeness(
        report.status, report.started_at is not None, report.first_submitted_at, deadline
    )


def _tally(
    period: ReportPeriod, states: list[tuple[Completeness, datetime | None]]
) -> PeriodCompleteness:
    counts = Counter(state for state, _ in states)
    submitted = sum(1 for _, sent in states if sent is not None)
    on_time = sum(1 for _, sent in states if is_late(sent, period.deadline) is False)
    return PeriodCompleteness(
        period_id=period.id,
        label=period.label,
        kind=period.kind,
        deadline=period.deadline,
        expected=len(states),
        counts=CompletenessCounts(**{state.value: n for state, n in counts.items()}),
        submitted=submitted,
        on_time=on_time,
        share_on_time=round(on_time / len(states), 4) if states else None,
    )


def period_status(
    db: Session, actor: Actor, period_id: int, only: list[Completeness] | None = None
) -> PeriodStatus:
    """Per unit where it stands; a unit officer sees their own unit's line only. The counts
    are over every line the caller sees, `only` narrows the list of units."""
    require(actor, Perm.reports_read)
    period = period_or_404(db, period_id)
    stmt = readable(
        select(UnitReport).join(UnitReport.unit).where(UnitReport.period_id == period.id),
        actor,
        Perm.reports_read,
        UnitReport.unit_id,
    ).options(selectinload(UnitReport.unit))
    reports = list(db.scalars(stmt.order_by(Unit.kind, Unit.name, Unit.id)))
    passed = now() >= deadline_end(period.deadline)
    lines = [
        UnitCompleteness(
            report_id=r.id,
            unit=unit_brief(r.unit),
            status=r.status,
            completeness=report_completeness(r, period.deadline),
            late=is_late(r.first_submitted_at, period.deadline),
            missing=passed and r.first_submitted_at is None,
            first_submitted_at=r.first_submitted_at,
            submitted_at=r.submitted_at,
            accepted_at=r.accepted_at,
        )
        for r in reports
    ]
    tally = _tally(period, [(line.completeness, line.first_submitted_at) for line in lines])
    return PeriodStatus(
        **tally.model_dump(),
        deadline_passed=passed,
        units=[line for line in lines if not only or line.completeness in only],
    )


def completeness_for_year(
    db: Session, year: int, unit_id: int | None = None
) -> list[PeriodCompleteness]:
    """The completeness of the periods whose deadline falls in `year`, by deadline: the
    dashboard's "reporting completeness", for the province or for one unit's own reports."""
    periods = list(
        db.scalars(
            select(ReportPeriod)
            .where(ReportPeriod.deadline.between(*year_bounds(year)))
            .order_by(ReportPeriod.deadline, ReportPeriod.id)
        )
    )
    rows = db.execute(
        select(
            UnitReport.period_id,
            UnitReport.status,
            UnitReport.started_at.is_not(None),
            UnitReport.first_submitted_at,
        ).where(
            UnitReport.period_id.in_([p.id for p in periods]),
            true() if unit_id is None else UnitReport.unit_id == unit_id,
        )
    ).all()
    states: dict[int, list[tuple[Completeness, datetime | None]]] = {p.id: [] for p in periods}
    deadlines = {p.id: p.deadline for p in periods}
    for period_id, status, started, sent in rows:
        states[period_id].append((completeness(status, started, sent, deadlines[period_id]), sent))
    return [_tally(p, states[p.id]) for p in periods]


def ensure_province_reader(actor: Actor) -> None:
    """The provincial summary: for those who read every unit's reports (a unit officer: 404)."""
    ensure_readable(actor, Perm.reports_read)
