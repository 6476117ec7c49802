"""Optimistic concurrency: `version` is the ETag; a stale If-Match gets 412 and changes nothing."""

from typing import Annotated

from fastapi import Depends, Header, Response

from api.common.problems import BadRequest, PreconditionFailed


def etag(version: int) -> str:
    return f'"{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag(version)


def if_match(
    if_match: Annotated[
        str | None,
        Header(description='ETag của bản ghi khi đọc, ví dụ `"3"`; sai phiên bản → 412'),
    ] = None,
) -> int | None:
    """The version the caller last saw, or None when it did not say (last write wins)."""
    if if_match is None or if_match.strip() == "*":
        return None
    tag = if_match.strip().removeprefix("W/").strip('"')
    if not tag.isdigit():
        raise BadRequest(f"If-Match không hợp lệ: {if_match!r}")
    return int(tag)


def check_version(current: int, expected: int | None) -> None:
    if expected is not None and expected != current:
        raise PreconditionFailed(
            f"Bản ghi đang ở phiên bản {current}, yêu cầu dựa trên phiên bản {expected}"
        )


IfMatch = Annotated[int | None, Depends(if_match)]
