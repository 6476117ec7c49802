"""HTTP for the plan's targets, the dashboard and the indicators workbook."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.auth.deps import CurrentActor
from api.common.schemas import QueryId, json_response
from api.db import Db
from api.indicators import dashboard as dashboard_service
from api.indicators import export, service
from api.indicators.schemas import Dashboard, IndicatorReport

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Year = Annotated[int, Query(ge=2000, le=2100, description="Năm dương lịch")]
UnitFilter = Annotated[
    QueryId,
    Query(description="Một đơn vị (bảng điểm của đơn vị); cán bộ đơn vị luôn xem đơn vị mình"),
]

indicators = APIRouter(prefix="/indicators", tags=["indicators"])
dashboard = APIRouter(prefix="/dashboard", tags=["dashboard"])


@indicators.get("", response_model=IndicatorReport)
def get_indicators(db: Db, actor: CurrentActor, year: Year, unit_id: UnitFilter = None):
    return json_response(service.indicators(db, actor, year, unit_id))


@indicators.get(
    "/export",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}, "description": "Bảng tính các chỉ tiêu"}},
)
def export_indicators(
    db: Db,
    actor: CurrentActor,
    year: Year,
    format: Annotated[Literal["xlsx"], Query(description="Định dạng tệp")] = "xlsx",
) -> Response:
    content = export.indicators_workbook(db, actor, year)
    filename = f"chi-tieu-chi-thi-05-{year}.xlsx"
    return Response(
        content,
        media_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@dashboard.get("", response_model=Dashboard)
def get_dashboard(db: Db, actor: CurrentActor, year: Year, unit_id: UnitFilter = None):
    return json_response(dashboard_service.dashboard(db, actor, year, unit_id))
