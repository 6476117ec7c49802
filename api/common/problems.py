"""Errors as application/problem+json (RFC 9457), raised by services and rendered in one place."""

from typing import Any

PROBLEM_MEDIA_TYPE = "application/problem+json"


class Problem(Exception):
    """An error the API reports to its caller. Subclasses fix the status and a default title."""

    status: int = 500
    slug: str = "internal-error"
    title: str = "Lỗi máy chủ"
    # An error that must still record what led to it (a failed login) keeps the transaction.
    keep_changes: bool = False

    def __init__(
        self,
        detail: str | None = None,
        *,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
        title: str | None = None,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail
        self.errors = errors or []
        self.headers = headers or {}
        if title:
            self.title = title

    def body(self, instance: str | None = None) -> dict[str, Any]:
        return problem_body(
            self.status,
            self.title,
            self.detail,
            errors=self.errors,
            slug=self.slug,
            instance=instance,
        )


def problem_body(
    status: int,
    title: str,
    detail: str | None = None,
    *,
    errors: list[dict[str, Any]] | None = None,
    slug: str | None = None,
    instance: str | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": f"urn:dvcq:problem:{slug}" if slug else "about:blank",
        "title": title,
        "status": status,
        "detail": detail or title,
        "errors": errors or [],
    }
    if instance:
        body["instance"] = instance
    return body


class BadRequest(Problem):
    status, slug, title = 400, "bad-request", "Yêu cầu không hợp lệ"


class Unauthorized(Problem):
    status, slug, title = 401, "unauthorized", "Chưa đăng nhập hoặc phiên đăng nhập không hợp lệ"

    def __init__(self, detail: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("headers", {"WWW-Authenticate": "Bearer"})
        super().__init__(detail, **kwargs)


class Forbidden(Problem):
    status, slug, title = 403, "forbidden", "Không có quyền thực hiện thao tác này"


class NotFound(Problem):
    status, slug, title = 404, "not-found", "Không tìm thấy"


class Conflict(Problem):
    status, slug, title = 409, "conflict", "Xung đột dữ liệu"


class PreconditionFailed(Problem):
    status, slug, title = 412, "stale-version", "Bản ghi đã bị người khác sửa — hãy tải lại"


class PreconditionRequired(Problem):
    status, slug, title = 428, "precondition-required", "Thiếu tiêu đề If-Match"


class PayloadTooLarge(Problem):
    status, slug, title = 413, "payload-too-large", "Dữ liệu gửi lên quá lớn"


class Invalid(Problem):
    """422 raised by a service for a rule that Pydantic cannot check (e.g. an unknown unit)."""

    status, slug, title = 422, "validation-error", "Dữ liệu không hợp lệ"

    @classmethod
    def field(cls, loc: list[str | int], msg: str, type_: str = "value_error") -> "Invalid":
        return cls(msg, errors=[{"loc": ["body", *loc], "msg": msg, "type": type_}])


class TooManyRequests(Problem):
    status, slug, title = 429, "too-many-requests", "Quá nhiều yêu cầu"
