"""Builders of report periods and reports, and readers of what was stored."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.config import PROVINCE_TZ
from api.reports.enums import ReportPeriodKind, ReportStatus
from api.reports.models import ReportEvent, ReportPeriod, UnitReport
from tests.api.inspections.builders import API, audit_actions, count, fresh, make_officer
from tests.factories import unit_by_code

__all__ = ["API", "audit_actions", "count", "fresh", "make_officer"]


def store(db: Session, record: Any) -> Any:
    """Commit (a savepoint in tests): a request that fails and rolls back keeps it."""
    db.add(record)
    db.commit()
    return record


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=PROVINCE_TZ)


def make_period(db: Session, **fields: Any) -> ReportPeriod:
    values: dict[str, Any] = {
        "kind": ReportPeriodKind.six_months,
        "label": "Báo cáo 6 tháng đầu năm 2026",
        "data_from": date(2025, 12, 15),
        "data_to": date(2026, 6, 14),
        "deadline": date(2026, 6, 20),
        "unit_kinds": ["department", "commune", "ward"],
    }
    values.update(fields)
    return store(db, ReportPeriod(**values))


def make_annual_period(db: Session, year: int, **fields: Any) -> ReportPeriod:
    """The year's period with the decree's cut-offs (one per year: the database keeps it so)."""
    values: dict[str, Any] = {
        "kind": ReportPeriodKind.annual,
        "label": f"Báo cáo năm {year}",
        "data_from": date(year - 1, 12, 15),
        "data_to": date(year, 12, 14),
        "deadline": date(year, 12, 20),
    }
    return make_period(db, **(values | fields))


def make_report(
    db: Session,
    period: ReportPeriod | None = None,
    unit: str = "P-HOALU",
    status: ReportStatus = ReportStatus.draft,
    **fields: Any,
) -> UnitReport:
    period = period or make_period(db)
    values: dict[str, Any] = {
        "period_id": period.id,
        "unit_id": unit_by_code(db, unit).id,
        "status": status,
        "figures": {},
        "narrative": {},
    }
    if status is not ReportStatus.draft:
        sent = local(2026, 6, 18, 9, 0)
        values |= {"started_at": sent, "first_submitted_at": sent, "submitted_at": sent}
    if status is ReportStatus.accepted:
        values["accepted_at"] = local(2026, 6, 25, 9, 0)
    values.update(fields)
    return store(db, UnitReport(**values))


def figures_for(db: Session, period: ReportPeriod, unit: str) -> dict[str, Any]:
    """The figures as the service computes them, for a report built already sent."""
    from api.reports.figures import Window, compute_figures

    record = unit_by_code(db, unit)
    window = Window(period.data_from, period.data_to)
    return compute_figures(db, window, [record])[record.id].model_dump(mode="json")


def state(db: Session, report_id: int) -> tuple[Any, ...]:
    """What an action may change, as the database holds it now."""
    db.expire_all()
    report = db.get(UnitReport, report_id)
    assert report is not None
    events = db.scalars(select(ReportEvent.id).where(ReportEvent.report_id == report_id)).all()
    return (
        report.status,
        report.version,
        report.figures,
        report.narrative,
        report.difficulties,
        report.proposals,
        report.submitted_at,
        report.accepted_at,
        len(events),
    )


def act(client, headers, report_id: int, expected: int | None = None, **body: Any):
    extra = {"If-Match": f'"{expected}"'} if expected is not None else {}
    return client.post(f"{API}/reports/{report_id}/actions", headers=headers | extra, json=body)
