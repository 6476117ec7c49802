"""create_app(): the API under /api/v1, health checks, and the built SPA at /."""

import gc
import logging
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles

from api import models  # noqa: F401  (every mapper registered before the first query)
from api.activities.router import activities as activities_router
from api.activities.router import officials as officials_router
from api.audit.router import router as audit_router
from api.auth.accounts_router import clients as clients_router
from api.auth.accounts_router import users as users_router
from api.auth.router import router as auth_router
from api.common.errors import install_error_handlers
from api.common.middleware import BodySizeLimitMiddleware, RequestContextMiddleware
from api.common.problems import NotFound
from api.common.schemas import COMMON_ERROR_RESPONSES
from api.config import PROJECT_ROOT, Settings, get_settings
from api.health import router as health_router
from api.imports.router import router as imports_router
from api.indicators.router import dashboard as dashboard_router
from api.indicators.router import indicators as indicators_router
from api.inspections.router import findings as findings_router
from api.inspections.router import inspections as inspections_router
from api.inspections.router import recommendations as recommendations_router
from api.meta.router import router as meta_router
from api.plans.router import plan_tasks as plan_tasks_router
from api.plans.router import router as plans_router
from api.reception.reference_router import holidays as holidays_router
from api.reception.reference_router import time_limit_rules as time_limit_rules_router
from api.reception.router import petition_router, reception_router
from api.reports.router import router as reports_router
from api.surveys.router import evaluations_router, satisfaction_router, survey_results_router
from api.units.router import router as units_router

API_PREFIX = "/api/v1"
SPA_DIST = PROJECT_ROOT / "frontend" / "dist"

DOMAIN_ROUTERS: list[APIRouter] = [
    auth_router,
    users_router,
    clients_router,
    units_router,
    plans_router,
    plan_tasks_router,
    activities_router,
    officials_router,
    evaluations_router,
    survey_results_router,
    satisfaction_router,
    reception_router,
    petition_router,
    holidays_router,
    time_limit_rules_router,
    inspections_router,
    findings_router,
    recommendations_router,
    indicators_router,
    dashboard_router,
    imports_router,
    reports_router,
    audit_router,
    meta_router,
]


def operation_id(route: APIRoute) -> str:
    """Stable ids (`units-list_units`): openapi.json changes only when the API does."""
    return f"{route.tags[0]}-{route.name}" if route.tags else route.name


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    settings.check_safe_for_production()
    logging.basicConfig(level=settings.log_level)
    # CPython collects its young generation every 700 new objects: a 1000-item batch push
    # then ran ~40 collections, and the older generations' walks of the whole heap cost ~40%
    # of its CPU. 20,000 keeps cycles collected, far less often (docs/decisions.md).
    gc.set_threshold(20_000, 10, 10)

    app = FastAPI(
        title="DVCQ API",
        version="1.0.0",
        summary="Dân vận chính quyền — theo dõi thực hiện Chỉ thị 05-CT/TU, tỉnh Ninh Bình",
        generate_unique_id_function=operation_id,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
    )
    install_error_handlers(app)
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_mb * 1024 * 1024)
    app.add_middleware(RequestContextMiddleware)

    api = APIRouter(prefix=API_PREFIX, responses=COMMON_ERROR_RESPONSES)
    for router in DOMAIN_ROUTERS:
        api.include_router(router)
    app.include_router(api)
    app.include_router(health_router)
    mount_spa(app, SPA_DIST)
    return app


def mount_spa(app: FastAPI, dist: Path) -> None:
    """Serve the built SPA at / with index.html for client-side routes, when it is built."""
    index = dist / "index.html"
    if not index.is_file():
        return
    if (dist / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=dist / "assets"), name="assets")

    @app.get("/{path:path}", include_in_schema=False)
    def spa(path: str) -> FileResponse:
        if path == "api" or path.startswith("api/"):
            raise NotFound("Không có tài nguyên này trong API")
        candidate = (dist / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(dist.resolve()):
            return FileResponse(candidate)
        return FileResponse(index)
