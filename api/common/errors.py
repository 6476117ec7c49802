"""Every error leaves the API as application/problem+json."""

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.common.messages import vietnamese_message
from api.common.problems import PROBLEM_MEDIA_TYPE, PreconditionFailed, Problem, problem_body
from api.common.request_context import request_id

log = logging.getLogger("dvcq.errors")

_TITLES = {
    400: "Yêu cầu không hợp lệ",
    401: "Chưa đăng nhập hoặc phiên đăng nhập không hợp lệ",
    403: "Không có quyền thực hiện thao tác này",
    404: "Không tìm thấy",
    405: "Phương thức không được hỗ trợ",
    406: "Định dạng không được hỗ trợ",
    413: "Dữ liệu gửi lên quá lớn",
    415: "Kiểu dữ liệu không được hỗ trợ",
    422: "Dữ liệu không hợp lệ",
    429: "Quá nhiều yêu cầu",
}


def _problem_response(body: dict[str, Any], headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        body, status_code=body["status"], headers=headers, media_type=PROBLEM_MEDIA_TYPE
    )


def _field_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    # Only loc, msg and type: Pydantic's `input` may echo personal data back.
    return [
        {"loc": list(e.get("loc", ())), "msg": vietnamese_message(e), "type": e.get("type", "")}
        for e in exc.errors()
    ]


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def on_problem(request: Request, exc: Problem) -> JSONResponse:
        return _problem_response(exc.body(request.url.path), exc.headers)

    @app.exception_handler(RequestValidationError)
    async def on_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _field_errors(exc)
        fields = ", ".join(".".join(str(p) for p in e["loc"][1:]) or e["loc"][0] for e in errors)
        body = problem_body(
            422,
            _TITLES[422],
            f"Kiểm tra lại các trường: {fields}",
            errors=errors,
            slug="validation-error",
            instance=request.url.path,
        )
        return _problem_response(body)

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        title = _TITLES.get(exc.status_code) or HTTPStatus(exc.status_code).phrase
        detail = (
            exc.detail
            if isinstance(exc.detail, str) and exc.detail != HTTPStatus(exc.status_code).phrase
            else title
        )
        body = problem_body(
            exc.status_code,
            title,
            detail,
            instance=request.url.path,
            slug=HTTPStatus(exc.status_code).phrase.lower().replace(" ", "-"),
        )
        return _problem_response(body, dict(exc.headers or {}))

    @app.exception_handler(StaleDataError)
    async def on_concurrent_update(request: Request, exc: StaleDataError) -> JSONResponse:
        # Two writers read the same version; the second UPDATE matched no row.
        return _problem_response(PreconditionFailed().body(request.url.path))

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error rid=%s", request_id.get())
        body = problem_body(
            500,
            "Lỗi máy chủ",
            f"Đã có lỗi xảy ra. Mã yêu cầu: {request_id.get()}",
            slug="internal-error",
            instance=request.url.path,
        )
        return _problem_response(body)
