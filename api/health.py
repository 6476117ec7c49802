from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from api.db import get_engine
from api.migrations_state import current_revision, head_revision

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz", responses={503: {"description": "Database unreachable or not migrated"}})
def readyz() -> JSONResponse:
    """The database answers and its schema is at the latest migration."""
    try:
        engine = get_engine()
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        current, head = current_revision(engine), head_revision()
    except Exception:  # any failure to reach the database means "not ready"
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
    if current != head:
        return JSONResponse(
            {"status": "unavailable", "database": "ok", "migration": current, "head": head},
            status_code=503,
        )
    return JSONResponse({"status": "ok", "database": "ok", "migration": current})
